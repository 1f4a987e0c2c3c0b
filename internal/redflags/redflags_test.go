package redflags

import (
	"testing"
	"time"

	"github.com/crampcare/crampcare/internal/cramp"
	"github.com/crampcare/crampcare/internal/stretch"
)

var now = time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)

// on makes a 3 a.m. cramp d days ago.
func on(d int) cramp.Entry { return cramp.Entry{At: now.AddDate(0, 0, -d).Add(-6 * time.Hour)} }

func with(e cramp.Entry, f func(*cramp.Entry)) cramp.Entry { f(&e); return e }

func intp(n int) *int { return &n }

func rules(a []Advice) []Rule {
	var out []Rule
	for _, x := range a {
		out = append(out, x.Rule)
	}
	return out
}

func TestRules(t *testing.T) {
	nightly := func(days ...int) []cramp.Entry {
		var out []cramp.Entry
		for _, d := range days {
			out = append(out, on(d))
		}
		return out
	}
	stretchedNights := func(n int) []stretch.Session {
		var out []stretch.Session
		for i := 0; i < n; i++ {
			out = append(out, stretch.Session{Start: now.AddDate(0, 0, -i-1).Add(12 * time.Hour)})
		}
		return out
	}
	tests := []struct {
		name      string
		cramps    []cramp.Entry
		stretches []stretch.Session
		dismissed map[Rule]time.Time
		want      []Rule
	}{
		{name: "nothing logged", want: nil},
		{name: "one quiet cramp", cramps: nightly(2), want: nil},
		{name: "swelling this week: promptly", cramps: []cramp.Entry{with(on(3), func(e *cramp.Entry) { e.Symptoms = []string{"swelling"} })}, want: []Rule{RuleSymptoms}},
		{name: "numbness 20 days ago: too old", cramps: []cramp.Entry{with(on(20), func(e *cramp.Entry) { e.Symptoms = []string{"numbness-tingling"} })}, want: nil},
		{name: "weakness: see a doctor", cramps: []cramp.Entry{with(on(1), func(e *cramp.Entry) { e.Symptoms = []string{"weakness"} })}, want: []Rule{RuleWeakness}},
		{name: "3 nights in each of two weeks", cramps: nightly(1, 3, 5, 8, 10, 12), want: []Rule{RuleTwoWeeks}},
		{name: "3 nights this week, 2 the week before", cramps: nightly(1, 3, 5, 8, 10), want: nil},
		{name: "two cramps one night count once", cramps: append(nightly(1, 3, 8, 10, 12), with(on(1), func(e *cramp.Entry) { e.At = e.At.Add(time.Hour) })), want: nil},
		{name: "most nights of a week", cramps: nightly(0, 1, 2, 4), want: []Rule{RuleMostNights}},
		{name: "longer", cramps: []cramp.Entry{
			with(on(2), func(e *cramp.Entry) { e.Duration = 4 * time.Minute }), with(on(5), func(e *cramp.Entry) { e.Duration = 3 * time.Minute }),
			with(on(16), func(e *cramp.Entry) { e.Duration = time.Minute }), with(on(20), func(e *cramp.Entry) { e.Duration = time.Minute }),
		}, want: []Rule{RuleWorse}},
		{name: "more intense", cramps: []cramp.Entry{
			with(on(2), func(e *cramp.Entry) { e.Intensity = intp(8) }), with(on(6), func(e *cramp.Entry) { e.Intensity = intp(7) }),
			with(on(16), func(e *cramp.Entry) { e.Intensity = intp(4) }), with(on(20), func(e *cramp.Entry) { e.Intensity = intp(5) }),
		}, want: []Rule{RuleWorse}},
		{name: "stretching 4 weeks, no fewer", cramps: nightly(2, 9, 16, 23), stretches: stretchedNights(26), want: []Rule{RuleNoBetter}},
		{name: "stretching 4 weeks, fewer", cramps: nightly(9, 16, 20), stretches: stretchedNights(26), want: nil},
		{name: "stretching only 3 weeks", cramps: nightly(2, 9, 16, 23), stretches: stretchedNights(21), want: nil},
		{name: "promptly first", cramps: append(nightly(0, 1, 2), with(on(4), func(e *cramp.Entry) { e.Symptoms = []string{"pale-cold-skin"} })), want: []Rule{RuleSymptoms, RuleMostNights}},
		{name: "dismissed for 30 days", cramps: nightly(0, 1, 2, 4), dismissed: map[Rule]time.Time{RuleMostNights: now.AddDate(0, 0, 30)}, want: nil},
		{name: "dismissal over", cramps: nightly(0, 1, 2, 4), dismissed: map[Rule]time.Time{RuleMostNights: now.AddDate(0, 0, -1)}, want: []Rule{RuleMostNights}},
	}
	for _, tt := range tests {
		got := Check(tt.cramps, tt.stretches, now, tt.dismissed)
		if g, w := rules(got), tt.want; len(g) != len(w) || (len(g) > 0 && g[0] != w[0]) || (len(g) > 1 && g[1] != w[1]) {
			t.Errorf("%s: rules %v, want %v", tt.name, g, w)
		}
		for _, a := range got {
			if a.Title == "" || a.Reason == "" {
				t.Errorf("%s: empty advice %+v", tt.name, a)
			}
		}
	}
}
