package redflags

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/crampcare/crampcare/internal/advice"
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
		dismissed Dismissals
		want      []Rule
	}{
		{name: "nothing logged", want: nil},
		{name: "one quiet cramp", cramps: nightly(2), want: nil},
		{name: "swelling this week: help now", cramps: []cramp.Entry{with(on(3), func(e *cramp.Entry) { e.Symptoms = []string{"swelling"} })}, want: []Rule{RuleSymptoms}},
		{name: "numbness 20 days ago: too old", cramps: []cramp.Entry{with(on(20), func(e *cramp.Entry) { e.Symptoms = []string{"numbness-tingling"} })}, want: nil},
		{name: "weakness: help now", cramps: []cramp.Entry{with(on(1), func(e *cramp.Entry) { e.Symptoms = []string{"weakness"} })}, want: []Rule{RuleSymptoms}},
		{name: "infection: help now", cramps: []cramp.Entry{with(on(1), func(e *cramp.Entry) { e.Symptoms = []string{"infection"} })}, want: []Rule{RuleSymptoms}},
		{name: "numbness: see a doctor", cramps: []cramp.Entry{with(on(1), func(e *cramp.Entry) { e.Symptoms = []string{"numbness-tingling"} })}, want: []Rule{RuleNumbness}},
		{name: "a cramp of 25 minutes", cramps: []cramp.Entry{with(on(1), func(e *cramp.Entry) { e.Duration = 25 * time.Minute })}, want: []Rule{RuleLong}},
		{name: "a cramp of 10 minutes is not long", cramps: []cramp.Entry{with(on(1), func(e *cramp.Entry) { e.Duration = 10 * time.Minute })}, want: nil},
		{name: "a new medicine ticked: help now", cramps: []cramp.Entry{with(on(2), func(e *cramp.Entry) { e.Triggers = []string{"new-medicine"} })}, want: []Rule{RuleMedicine}},
		{name: "three severe cramps", cramps: []cramp.Entry{
			with(on(1), func(e *cramp.Entry) { e.Intensity = intp(8) }), with(on(5), func(e *cramp.Entry) { e.Intensity = intp(7) }), with(on(9), func(e *cramp.Entry) { e.Intensity = intp(9) }),
		}, want: []Rule{RuleHighPain}},
		{name: "two severe cramps are not a pattern", cramps: []cramp.Entry{
			with(on(1), func(e *cramp.Entry) { e.Intensity = intp(8) }), with(on(5), func(e *cramp.Entry) { e.Intensity = intp(6) }), with(on(9), func(e *cramp.Entry) { e.Intensity = intp(9) }),
		}, want: nil},
		{name: "sleep badly disturbed three times", cramps: []cramp.Entry{
			with(on(1), func(e *cramp.Entry) { e.Sleep = intp(8) }), with(on(5), func(e *cramp.Entry) { e.Sleep = intp(7) }), with(on(9), func(e *cramp.Entry) { e.Sleep = intp(10) }),
		}, want: []Rule{RuleSleep}},
		{name: "sleep disturbed three times, once too long ago", cramps: []cramp.Entry{
			with(on(1), func(e *cramp.Entry) { e.Sleep = intp(8) }), with(on(5), func(e *cramp.Entry) { e.Sleep = intp(7) }), with(on(16), func(e *cramp.Entry) { e.Sleep = intp(10) }),
		}, want: nil},
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
		{name: "help now first", cramps: append(nightly(0, 1, 2), with(on(4), func(e *cramp.Entry) { e.Symptoms = []string{"pale-cold-skin"} })), want: []Rule{RuleSymptoms, RuleMostNights}},
		{name: "dismissed for 30 days", cramps: nightly(0, 1, 2, 4), dismissed: Dismissals{RuleMostNights: {Until: now.AddDate(0, 0, 30)}}, want: nil},
		{name: "dismissal over", cramps: nightly(0, 1, 2, 4), dismissed: Dismissals{RuleMostNights: {Until: now.AddDate(0, 0, -1)}}, want: []Rule{RuleMostNights}},
	}
	for _, tt := range tests {
		got := Check(tt.cramps, tt.stretches, now, tt.dismissed)
		if g, w := rules(got), tt.want; len(g) != len(w) || (len(g) > 0 && g[0] != w[0]) || (len(g) > 1 && g[1] != w[1]) {
			t.Errorf("%s: rules %v, want %v", tt.name, g, w)
		}
		for _, a := range got {
			if a.Title != a.Level.Title() || a.Reason == "" {
				t.Errorf("%s: empty advice %+v", tt.name, a)
			}
		}
	}
}

// Every rule quotes the facts sheet, word for word.
func TestEveryRuleQuotesTheFactsSheet(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "advice", "testdata", "cramp-facts.md"))
	if err != nil {
		t.Fatal(err)
	}
	sheet := strings.Join(strings.Fields(string(b)), " ")
	for _, r := range Rules() {
		quotes := Facts(r)
		if len(quotes) == 0 {
			t.Errorf("rule %s quotes nothing", r)
		}
		for _, q := range quotes {
			if !strings.Contains(sheet, q) {
				t.Errorf("rule %s quotes %q, which is not in the facts sheet", r, q)
			}
		}
	}
}

// The levels follow the facts sheet: swelling, redness or warmth, pale or
// cold skin, infection and weakness need help now, with a clot named for
// a swollen leg; numbness needs a doctor.
func TestLevelsAndWording(t *testing.T) {
	for _, c := range cramp.Symptoms() {
		l, id := SignLevel(c.Name)
		want := advice.Urgent
		if c.Name == "numbness-tingling" {
			want = advice.Doctor
		}
		if l != want || advice.Text(id) == "" {
			t.Errorf("sign %s: level %s, advice %q; want level %s", c.Name, l, advice.Text(id), want)
		}
	}
	got := Check([]cramp.Entry{with(on(1), func(e *cramp.Entry) { e.Symptoms = []string{"swelling", "numbness-tingling"} })}, nil, now, nil)
	if len(got) != 2 || got[0].Title != "Get medical help now" || !strings.Contains(got[0].Reason, "blood clot") ||
		got[1].Title != "See your doctor" || !strings.Contains(got[1].Reason, "numbness") {
		t.Errorf("swelling and numbness: %+v", got)
	}
	lvl, ids, ok := Signs(cramp.Entry{Symptoms: []string{"numbness-tingling", "redness-warmth", "swelling"}})
	if !ok || lvl != advice.Urgent || len(ids) != 2 || ids[0] != advice.SignSwelling || ids[1] != advice.DocNumb {
		t.Errorf("Signs: %s %v %v", lvl, ids, ok)
	}
	med := Check([]cramp.Entry{with(on(1), func(e *cramp.Entry) { e.Triggers = []string{"new-medicine"} })}, nil, now, nil)
	if len(med) != 1 || med[0].Level != advice.Urgent || med[0].Title != "Get medical help now" ||
		!strings.Contains(med[0].Reason, "never just stop") || !strings.Contains(med[0].Level.Means(), "today") {
		t.Errorf("medicine: %+v; a suspected medicine needs help the same day", med)
	}
	// Put away, it stays away for that cramp only (an urgent card is never
	// hidden for a time), and a later cramp with a new medicine shows again.
	ds := Dismissals{}
	ds.Dismiss(med[0], now, 30*24*time.Hour)
	if !ds[RuleMedicine].Until.IsZero() {
		t.Error("the urgent medicine card was hidden for a time")
	}
	later := with(on(0), func(e *cramp.Entry) { e.ID = 2; e.Triggers = []string{"new-medicine"} })
	if again := Check([]cramp.Entry{with(on(1), func(e *cramp.Entry) { e.Triggers = []string{"new-medicine"} }), later}, nil, now, ds); len(again) != 1 || again[0].Rule != RuleMedicine {
		t.Errorf("a later cramp with a new medicine: %+v", again)
	}
}

// Dismissing a card about a cramp hides that cramp's signs only: a later
// cramp with a warning sign, or a new sign on the same cramp, shows again.
// An urgent card is never hidden for a time.
func TestDismissHidesTheOccurrenceOnly(t *testing.T) {
	first := with(on(3), func(e *cramp.Entry) { e.ID = 1; e.Symptoms = []string{"swelling"} })
	ds := Dismissals{}
	got := Check([]cramp.Entry{first}, nil, now, ds)
	if len(got) != 1 || !got[0].PerOccurrence() {
		t.Fatalf("before: %+v", got)
	}
	ds.Dismiss(got[0], now, 30*24*time.Hour)
	if !ds[RuleSymptoms].Until.IsZero() {
		t.Error("an urgent card was hidden for a time")
	}
	if got := Check([]cramp.Entry{first}, nil, now, ds); len(got) != 0 {
		t.Errorf("after dismissing: %+v", got)
	}
	// A later cramp without a sign changes nothing.
	quiet := with(on(1), func(e *cramp.Entry) { e.ID = 2 })
	if got := Check([]cramp.Entry{quiet, first}, nil, now, ds); len(got) != 0 {
		t.Errorf("a quiet cramp brought it back: %+v", got)
	}
	// A later cramp with swelling: a new card, about it.
	later := with(on(0), func(e *cramp.Entry) { e.ID = 3; e.Symptoms = []string{"swelling"} })
	got = Check([]cramp.Entry{later, quiet, first}, nil, now, ds)
	if len(got) != 1 || got[0].Rule != RuleSymptoms || !strings.Contains(got[0].Reason, day(later.At)) || strings.Contains(got[0].Reason, "more cramp") {
		t.Errorf("new sign: %+v", got)
	}
	// A new sign on the dismissed cramp shows too.
	first.Symptoms = append(first.Symptoms, "pale-cold-skin")
	if got := Check([]cramp.Entry{first}, nil, now, ds); len(got) != 1 || !strings.Contains(got[0].Reason, "pale") {
		t.Errorf("new sign on the same cramp: %+v", got)
	}
	// A rule about the diary as a whole is hidden for the time given.
	nights := []cramp.Entry{on(0), on(1), on(2), on(4)}
	all := Check(nights, nil, now, ds)
	ds.Dismiss(all[0], now, 30*24*time.Hour)
	if got := Check(nights, nil, now, ds); len(got) != 0 {
		t.Errorf("most nights after dismissing: %+v", got)
	}
	if got := Check(nights, nil, now.AddDate(0, 0, 31), ds); len(got) != 0 && got[0].Rule != RuleMostNights {
		t.Errorf("after 31 days: %+v", got)
	}
}

// The old stored form, a bare time per rule, still loads; Prune forgets
// what is over.
func TestDismissalsJSON(t *testing.T) {
	var ds Dismissals
	if err := json.Unmarshal([]byte(`{"most-nights":"2026-12-20T09:00:00Z","symptoms":{"seen":["2026-11-20T03:00:00Z/1/swelling","2025-01-01T03:00:00Z/9/swelling"]}}`), &ds); err != nil {
		t.Fatal(err)
	}
	if !ds[RuleMostNights].Until.Equal(time.Date(2026, 12, 20, 9, 0, 0, 0, time.UTC)) || len(ds[RuleSymptoms].Seen) != 2 {
		t.Fatalf("decoded %+v", ds)
	}
	ds.Prune(now)
	if len(ds[RuleSymptoms].Seen) != 1 || ds[RuleMostNights].Until.IsZero() {
		t.Errorf("pruned %+v", ds)
	}
	ds.Prune(now.AddDate(0, 2, 0))
	if len(ds) != 0 {
		t.Errorf("after two months %+v, want nothing", ds)
	}
}

func day(t time.Time) string { return t.Local().Format("Monday 2 January") }
