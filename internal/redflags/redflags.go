// Package redflags turns the diary into "when to see a doctor" advice. Each
// rule quotes the line of shared/content/cramp-facts.md ("When to see a
// doctor") it comes from. It never diagnoses: it says when a doctor's look
// is worth it, and why, with the user's own figures.
package redflags

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/crampcare/crampcare/internal/cramp"
	"github.com/crampcare/crampcare/internal/night"
	"github.com/crampcare/crampcare/internal/stretch"
)

// Level is how soon to act.
type Level string

// The levels.
const (
	// Promptly: "Seek care promptly when a cramp comes with ...".
	Promptly Level = "promptly"
	// Doctor: "See a doctor when cramps ...".
	Doctor Level = "doctor"
)

// Rule names a rule; a dismissal is per rule.
type Rule string

// The rules.
const (
	RuleSymptoms   Rule = "symptoms"    // swelling, redness, numbness, pale skin
	RuleWeakness   Rule = "weakness"    // muscle weakness
	RuleTwoWeeks   Rule = "two-weeks"   // 3+ nights in each of the last 2 weeks
	RuleMostNights Rule = "most-nights" // most nights of the last week
	RuleWorse      Rule = "worse"       // longer or more intense over 4 weeks
	RuleNoBetter   Rule = "no-better"   // no fewer after 4 weeks of stretching
)

// Advice is one piece of "when to get help" advice from the diary.
type Advice struct {
	Rule   Rule   `json:"rule"`
	Level  Level  `json:"level"`
	Title  string `json:"title"`
	Reason string `json:"reason"` // with the figures
}

// Window is how far back the symptom rules look: a red-flag symptom from
// two weeks ago still deserves a word, one from last year does not.
const Window = 14 * 24 * time.Hour

// Check applies every rule to the diary at now. Dismissed rules (until a
// time) are left out. The result is ordered: promptly first.
func Check(cramps []cramp.Entry, stretches []stretch.Session, now time.Time, dismissed map[Rule]time.Time) []Advice {
	var out []Advice
	add := func(a Advice, ok bool) {
		if ok && !dismissed[a.Rule].After(now) {
			out = append(out, a)
		}
	}
	add(symptoms(cramps, now))
	add(weakness(cramps, now))
	add(twoWeeks(cramps, now))
	add(mostNights(cramps, now))
	add(worse(cramps, now))
	add(noBetter(cramps, stretches, now))
	sort.SliceStable(out, func(i, j int) bool { return out[i].Level == Promptly && out[j].Level != Promptly })
	return out
}

// symptoms: "Seek care promptly when a cramp comes with: swelling, redness
// or warmth of the leg; pale, cold or bluish skin; numbness or tingling".
func symptoms(cramps []cramp.Entry, now time.Time) (Advice, bool) {
	for _, e := range cramps {
		if now.Sub(e.At) > Window || e.At.After(now) {
			continue
		}
		var flags []string
		for _, c := range cramp.Symptoms() {
			if c.Name != "weakness" && slices.Contains(e.Symptoms, c.Name) {
				flags = append(flags, strings.ToLower(c.Label))
			}
		}
		if len(flags) > 0 {
			return Advice{Rule: RuleSymptoms, Level: Promptly, Title: "Get medical advice promptly",
				Reason: fmt.Sprintf("On %s you logged a cramp with %s. These signs need a doctor's look soon.", e.At.Local().Format("Monday 2 January"), strings.Join(flags, ", "))}, true
		}
	}
	return Advice{}, false
}

// weakness: "See a doctor when cramps ... come with muscle weakness".
func weakness(cramps []cramp.Entry, now time.Time) (Advice, bool) {
	for _, e := range cramps {
		if now.Sub(e.At) <= Window && !e.At.After(now) && slices.Contains(e.Symptoms, "weakness") {
			return Advice{Rule: RuleWeakness, Level: Doctor, Title: "Talk to your doctor",
				Reason: fmt.Sprintf("On %s you logged muscle weakness with a cramp.", e.At.Local().Format("Monday 2 January"))}, true
		}
	}
	return Advice{}, false
}

// nightsIn counts the distinct nights with a cramp in [from, to).
func nightsIn(cramps []cramp.Entry, from, to time.Time) int {
	seen := map[string]bool{}
	for _, e := range cramps {
		if !e.At.Before(from) && e.At.Before(to) {
			seen[night.Of(e.At).Format("2006-01-02")] = true
		}
	}
	return len(seen)
}

// twoWeeks: "See a doctor when cramps happen often: several times a week".
// Several is read as 3 or more nights, in each of the last two weeks.
func twoWeeks(cramps []cramp.Entry, now time.Time) (Advice, bool) {
	week := 7 * 24 * time.Hour
	a, b := nightsIn(cramps, now.Add(-week), now), nightsIn(cramps, now.Add(-2*week), now.Add(-week))
	if a >= 3 && b >= 3 {
		return Advice{Rule: RuleTwoWeeks, Level: Doctor, Title: "Talk to your doctor",
			Reason: fmt.Sprintf("Cramps on %d nights last week and %d the week before: that is often.", a, b)}, true
	}
	return Advice{}, false
}

// mostNights: "See a doctor when cramps happen often: ... or nightly".
func mostNights(cramps []cramp.Entry, now time.Time) (Advice, bool) {
	if n := nightsIn(cramps, now.Add(-7*24*time.Hour), now); n >= 4 {
		return Advice{Rule: RuleMostNights, Level: Doctor, Title: "Talk to your doctor",
			Reason: fmt.Sprintf("Cramps on %d of the last 7 nights.", n)}, true
	}
	return Advice{}, false
}

// worse: "See a doctor when cramps are severe, getting worse, or last
// unusually long". Compares the last two weeks with the two before: longer
// by half, or two points more intense on average.
func worse(cramps []cramp.Entry, now time.Time) (Advice, bool) {
	twoW := 14 * 24 * time.Hour
	type agg struct {
		dur   time.Duration
		nd    int
		inten float64
		ni    int
	}
	var recent, before agg
	for _, e := range cramps {
		var g *agg
		switch {
		case e.At.After(now.Add(-twoW)) && !e.At.After(now):
			g = &recent
		case e.At.After(now.Add(-2*twoW)) && !e.At.After(now.Add(-twoW)):
			g = &before
		default:
			continue
		}
		if e.Duration > 0 {
			g.dur += e.Duration
			g.nd++
		}
		if e.Intensity != nil {
			g.inten += float64(*e.Intensity)
			g.ni++
		}
	}
	if recent.nd >= 2 && before.nd >= 2 {
		r, b := recent.dur/time.Duration(recent.nd), before.dur/time.Duration(before.nd)
		if r >= b*3/2 && r-b >= 30*time.Second {
			return Advice{Rule: RuleWorse, Level: Doctor, Title: "Talk to your doctor",
				Reason: fmt.Sprintf("Your cramps lasted about %s on average in the last two weeks, against %s the two weeks before.", r.Round(time.Second), b.Round(time.Second))}, true
		}
	}
	if recent.ni >= 2 && before.ni >= 2 {
		r, b := recent.inten/float64(recent.ni), before.inten/float64(before.ni)
		if r-b >= 2 {
			return Advice{Rule: RuleWorse, Level: Doctor, Title: "Talk to your doctor",
				Reason: fmt.Sprintf("Your cramps were %.1f of 10 on average in the last two weeks, against %.1f the two weeks before.", r, b)}, true
		}
	}
	return Advice{}, false
}

// noBetter: "See a doctor when cramps do not improve with stretching,
// hydration and other changes". Four weeks of stretching on most nights (24
// of 28) and no fewer cramp nights in the last two weeks than in the two
// before.
func noBetter(cramps []cramp.Entry, stretches []stretch.Session, now time.Time) (Advice, bool) {
	from := now.AddDate(0, 0, -28)
	done := map[string]bool{}
	for _, s := range stretches {
		if !s.Partial && !s.Start.Before(from) && !s.Start.After(now) {
			done[night.Of(s.Start).Format("2006-01-02")] = true
		}
	}
	if len(done) < 24 {
		return Advice{}, false
	}
	twoW := 14 * 24 * time.Hour
	recent, before := nightsIn(cramps, now.Add(-twoW), now), nightsIn(cramps, now.Add(-2*twoW), now.Add(-twoW))
	if recent > 0 && recent >= before {
		return Advice{Rule: RuleNoBetter, Level: Doctor, Title: "Talk to your doctor",
			Reason: fmt.Sprintf("You stretched on %d of the last 28 nights, and cramps came on %d nights in the last two weeks, against %d the two weeks before.", len(done), recent, before)}, true
	}
	return Advice{}, false
}
