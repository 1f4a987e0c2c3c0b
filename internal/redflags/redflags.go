// Package redflags turns the diary into "when to get help" advice, at the
// two levels of package advice: get medical help now, or see your doctor.
// Each rule quotes the lines of shared/content/cramp-facts.md it comes from
// (see Facts; a test finds every quote in the sheet). It never diagnoses:
// it says when help is worth it, and why, with the user's own figures.
package redflags

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/crampcare/crampcare/internal/advice"
	"github.com/crampcare/crampcare/internal/cramp"
	"github.com/crampcare/crampcare/internal/l10n"
	"github.com/crampcare/crampcare/internal/night"
	"github.com/crampcare/crampcare/internal/stretch"
)

// Level is how soon to act: advice.Urgent or advice.Doctor.
type Level = advice.Level

// Rule names a rule; a dismissal is per rule.
type Rule string

// The rules. The first four are about single cramps (occurrences): hiding
// their card hides the cramps it was about, and a later cramp with a
// warning sign shows a new card. The others are about the diary as a whole.
const (
	RuleSymptoms   Rule = "symptoms"    // a sign that needs help now
	RuleNumbness   Rule = "numbness"    // numbness or tingling
	RuleLong       Rule = "long-cramp"  // one cramp much longer than usual
	RuleMedicine   Rule = "medicine"    // a new medicine ticked as a trigger: help now
	RuleTwoWeeks   Rule = "two-weeks"   // 3+ nights in each of the last 2 weeks
	RuleMostNights Rule = "most-nights" // most nights of the last week
	RuleWorse      Rule = "worse"       // longer or more intense over 4 weeks
	RuleNoBetter   Rule = "no-better"   // no fewer after 4 weeks of stretching
	RuleHighPain   Rule = "high-pain"   // repeated severe cramps
	RuleSleep      Rule = "sleep"       // sleep repeatedly badly disturbed
)

// Facts gives, for each rule, the lines of the facts sheet ("When to see
// a doctor", "What a cramp is") it rests on, word for word.
func Facts(r Rule) []string {
	switch r {
	case RuleSymptoms:
		return []string{`the sources say "immediate medical attention"`, "significant swelling, redness or warmth of the leg (can mean a blood clot);",
			"skin changes: pale, cold or bluish skin (poor circulation);", "signs of infection", "- muscle weakness;"}
	case RuleNumbness:
		return []string{"Numbness or tingling with the cramps also needs a doctor (nerve or circulation)."}
	case RuleLong:
		return []string{"Usually over within seconds to about 10 minutes", "are severe, getting worse, or last unusually long;"}
	case RuleMedicine:
		return []string{`the sources say "immediate medical attention"`, "- a suspicion that a medicine causes them (ask the doctor; never just stop a prescribed medicine)."}
	case RuleTwoWeeks, RuleMostNights:
		return []string{"happen often: several times a week, or nightly;"}
	case RuleWorse, RuleHighPain:
		return []string{"are severe, getting worse, or last unusually long;"}
	case RuleNoBetter:
		return []string{"do not improve with stretching, hydration and other changes;"}
	case RuleSleep:
		return []string{"disturb sleep and daily life a lot;"}
	}
	return nil
}

// Rules lists every rule.
func Rules() []Rule {
	return []Rule{RuleSymptoms, RuleNumbness, RuleLong, RuleMedicine, RuleTwoWeeks, RuleMostNights, RuleWorse, RuleNoBetter, RuleHighPain, RuleSleep}
}

// Advice is one piece of "when to get help" advice from the diary.
type Advice struct {
	Rule   Rule   `json:"rule"`
	Level  Level  `json:"level"`
	Title  string `json:"title"`  // the level, in words
	Reason string `json:"reason"` // with the figures, in English
	// Figures are the figures Reason is made of, for ReasonIn.
	Figures Figures `json:"figures,omitzero"`
	// Seen names the occurrences (a cramp and a sign) this card is about;
	// empty for the rules about the diary as a whole.
	Seen []string `json:"seen,omitempty"`
}

// PerOccurrence reports whether hiding this card hides only the cramps it
// is about (rather than the rule for a while).
func (a Advice) PerOccurrence() bool { return len(a.Seen) > 0 }

// Window is how far back the rules about single cramps look: a warning
// sign from two weeks ago still deserves a word, one from last year does
// not.
const Window = 14 * 24 * time.Hour

// Thresholds of the rules about single cramps and repeated ones.
const (
	// LongCramp: a cramp is usually over within about 10 minutes.
	LongCramp = 10 * time.Minute
	// Severe is the pain (0-10) and BadSleep the sleep lost (0-10) that
	// count as severe and as badly disturbed.
	Severe   = 7
	BadSleep = 7
	// Repeated is how many such cramps in Window make a pattern.
	Repeated = 3
)

// Dismissal is what the user put away under one rule: occurrences seen
// (rules about single cramps) or the rule until a time (the others).
type Dismissal struct {
	Until time.Time `json:"until,omitzero"`
	Seen  []string  `json:"seen,omitempty"`
}

// UnmarshalJSON reads a Dismissal, and also the old form, a bare time
// (until when the whole rule was hidden), so a stored state still loads.
func (d *Dismissal) UnmarshalJSON(b []byte) error {
	var until time.Time
	if err := json.Unmarshal(b, &until); err == nil {
		*d = Dismissal{Until: until}
		return nil
	}
	type plain Dismissal
	var p plain
	if err := json.Unmarshal(b, &p); err != nil {
		return err
	}
	*d = Dismissal(p)
	return nil
}

// Dismissals are the dismissals by rule.
type Dismissals map[Rule]Dismissal

// Dismiss puts a away at now: its occurrences, or, for a rule about the
// diary as a whole, the rule for hideFor. An urgent card is only ever put
// away per occurrence.
func (ds Dismissals) Dismiss(a Advice, now time.Time, hideFor time.Duration) {
	d := ds[a.Rule]
	if a.PerOccurrence() {
		d.Until = time.Time{} // an old hide-by-time does not apply here
		for _, k := range a.Seen {
			if !slices.Contains(d.Seen, k) {
				d.Seen = append(d.Seen, k)
			}
		}
	} else if a.Level != advice.Urgent {
		d.Until = now.Add(hideFor)
	}
	ds[a.Rule] = d
}

// Prune forgets what no rule can show again: occurrences older than twice
// the Window and times already past, so the state does not grow forever.
func (ds Dismissals) Prune(now time.Time) {
	for r, d := range ds {
		if !d.Until.After(now) {
			d.Until = time.Time{}
		}
		d.Seen = slices.DeleteFunc(d.Seen, func(k string) bool {
			at, err := time.Parse(time.RFC3339, strings.SplitN(k, "/", 2)[0])
			return err != nil || now.Sub(at) > 2*Window
		})
		if d.Until.IsZero() && len(d.Seen) == 0 {
			delete(ds, r)
		} else {
			ds[r] = d
		}
	}
}

func (ds Dismissals) seen(r Rule, key string) bool { return slices.Contains(ds[r].Seen, key) }

// occurrence names one sign on one cramp.
func occurrence(e cramp.Entry, what string) string {
	return fmt.Sprintf("%s/%d/%s", e.At.UTC().Format(time.RFC3339), e.ID, what)
}

// Check applies every rule to the diary at now, leaving out what was
// dismissed. The result is ordered: medical help now first.
func Check(cramps []cramp.Entry, stretches []stretch.Session, now time.Time, dismissed Dismissals) []Advice {
	recent := make([]cramp.Entry, 0, len(cramps))
	for _, e := range cramps {
		if now.Sub(e.At) <= Window && !e.At.After(now) {
			recent = append(recent, e)
		}
	}
	// Newest first: the reason names the newest cramp.
	sort.SliceStable(recent, func(i, j int) bool { return recent[i].At.After(recent[j].At) })
	var out []Advice
	add := func(a Advice, ok bool) {
		if !ok {
			return
		}
		if !a.PerOccurrence() && dismissed[a.Rule].Until.After(now) {
			return
		}
		a.Title = a.Level.Title()
		out = append(out, a)
	}
	add(symptoms(recent, dismissed))
	add(numbness(recent, dismissed))
	add(long(recent, dismissed))
	add(medicine(recent, dismissed))
	add(twoWeeks(cramps, now))
	add(mostNights(cramps, now))
	add(worse(cramps, now))
	add(noBetter(cramps, stretches, now))
	add(highPain(recent))
	add(sleep(recent))
	sort.SliceStable(out, func(i, j int) bool { return out[i].Level == advice.Urgent && out[j].Level != advice.Urgent })
	return out
}

// SignLevel says how soon a warning sign (a name in cramp.Symptoms) needs
// help, and the advice that explains it.
func SignLevel(name string) (Level, advice.ID) {
	switch name {
	case "swelling", "redness-warmth":
		return advice.Urgent, advice.SignSwelling
	case "pale-cold-skin":
		return advice.Urgent, advice.SignSkin
	case "infection":
		return advice.Urgent, advice.SignInfection
	case "weakness":
		return advice.Urgent, advice.SignWeakness
	}
	return advice.Doctor, advice.DocNumb
}

// Signs says what the warning signs logged with e call for: the most
// urgent level among them and the advice for each (once each), ok false
// when e has none.
func Signs(e cramp.Entry) (level Level, ids []advice.ID, ok bool) {
	level = advice.Doctor
	for _, c := range cramp.Symptoms() {
		if !slices.Contains(e.Symptoms, c.Name) {
			continue
		}
		l, id := SignLevel(c.Name)
		if l == advice.Urgent {
			level = l
		}
		if !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
		ok = true
	}
	// Urgent advice first.
	sort.SliceStable(ids, func(i, j int) bool { return ids[i] != advice.DocNumb && ids[j] == advice.DocNumb })
	return level, ids, ok
}

// Figures are what a reason says: the day of the cramp, the warning signs
// and advice it names, and its counts, averages and lengths.
type Figures struct {
	Day    time.Time       `json:"day,omitzero"`
	Signs  []string        `json:"signs,omitempty"` // names of cramp.Symptoms
	Advice []advice.ID     `json:"advice,omitempty"`
	N      []int           `json:"n,omitempty"`
	Mean   []float64       `json:"mean,omitempty"`
	Length []time.Duration `json:"length,omitempty"`
}

// withReason is a with its Figures said in English as its Reason.
func withReason(a Advice) Advice {
	a.Reason = a.ReasonIn(l10n.English())
	return a
}

func (f Figures) n(i int) int {
	if i < len(f.N) {
		return f.N[i]
	}
	return 0
}

// ReasonIn is the advice's reason, with its figures, in tr's language.
func (a Advice) ReasonIn(tr *l10n.Lang) string {
	f := a.Figures
	day := tr.Date(f.Day.Local(), "Monday 2 January")
	var first string
	switch a.Rule {
	case RuleSymptoms:
		signs := strings.Join(cramp.LabelsIn(tr, f.Signs, cramp.Symptoms()), ", ")
		if tr.Code() != "de" {
			signs = strings.ToLower(signs) // German nouns keep their capitals
		}
		first = tr.T("On {{.Day}} you logged a cramp with {{.Signs}}.", l10n.Args{"Day": day, "Signs": signs})
	case RuleNumbness:
		first = tr.T("On {{.Day}} you logged numbness or tingling with a cramp.", l10n.Args{"Day": day})
	case RuleLong:
		first = tr.N("On {{.Day}} a cramp lasted about {{.Count}} minutes.", f.n(0), l10n.Args{"Day": day})
	case RuleMedicine:
		first = tr.T("On {{.Day}} you noted a new medicine as a possible trigger.", l10n.Args{"Day": day})
	case RuleHighPain:
		first = tr.N("{{.Count}} cramps in the last two weeks were {{.Severe}} or more out of 10.", f.n(0), l10n.Args{"Severe": f.n(1)})
	case RuleSleep:
		first = tr.N("{{.Count}} cramps in the last two weeks cost you much of the night's sleep.", f.n(0))
	case RuleTwoWeeks:
		first = tr.T("Cramps on {{.LastWeek}} nights last week and {{.WeekBefore}} the week before: that is often.", l10n.Args{"LastWeek": f.n(0), "WeekBefore": f.n(1)})
	case RuleMostNights:
		first = tr.T("Cramps on {{.Nights}} of the last 7 nights.", l10n.Args{"Nights": f.n(0)})
	case RuleWorse:
		if len(f.Length) == 2 {
			first = tr.T("Your cramps lasted about {{.Recent}} on average in the last two weeks, against {{.Before}} the two weeks before.",
				l10n.Args{"Recent": tr.Length(f.Length[0]), "Before": tr.Length(f.Length[1])})
		} else if len(f.Mean) == 2 {
			first = tr.T("Your cramps were {{.Recent}} of 10 on average in the last two weeks, against {{.Before}} the two weeks before.",
				l10n.Args{"Recent": decimal(tr, f.Mean[0]), "Before": decimal(tr, f.Mean[1])})
		}
	case RuleNoBetter:
		first = tr.T("You stretched on {{.Stretched}} of the last 28 nights, and cramps came on {{.Recent}} nights in the last two weeks, against {{.Before}} the two weeks before.",
			l10n.Args{"Stretched": f.n(0), "Recent": f.n(1), "Before": f.n(2)})
	}
	parts := append([]string{first}, advice.TextsIn(tr, f.Advice...)...)
	if a.Rule == RuleSymptoms && f.n(0) > 1 {
		parts = append(parts, tr.N("{{.Count}} more cramps in the last two weeks came with warning signs too.", f.n(0)-1))
	}
	return strings.Join(parts, " ")
}

// decimal is x with one decimal, with the language's decimal sign.
func decimal(tr *l10n.Lang, x float64) string {
	s := strconv.FormatFloat(x, 'f', 1, 64)
	if tr.Code() != "en" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// perCramp finds, newest first, the cramps with something a rule looks for
// (what returns its names on a cramp) not yet seen under rule r. It
// returns the newest such cramp, its names, how many cramps there are, and
// the keys of every occurrence.
func perCramp(recent []cramp.Entry, ds Dismissals, r Rule, what func(cramp.Entry) []string) (newest cramp.Entry, names []string, n int, keys []string) {
	for _, e := range recent {
		var fresh []string
		for _, name := range what(e) {
			if k := occurrence(e, name); !ds.seen(r, k) {
				keys = append(keys, k)
				fresh = append(fresh, name)
			}
		}
		if len(fresh) > 0 {
			if n == 0 {
				newest, names = e, fresh
			}
			n++
		}
	}
	return newest, names, n, keys
}

// symptoms: "Get medical help now ... when a cramp comes with: significant
// swelling, redness or warmth of the leg (can mean a blood clot); skin
// changes: pale, cold or bluish skin (poor circulation); signs of
// infection; muscle weakness".
func symptoms(recent []cramp.Entry, ds Dismissals) (Advice, bool) {
	urgent := func(e cramp.Entry) []string {
		var out []string
		for _, c := range cramp.Symptoms() {
			if l, _ := SignLevel(c.Name); l == advice.Urgent && slices.Contains(e.Symptoms, c.Name) {
				out = append(out, c.Name)
			}
		}
		return out
	}
	e, names, n, keys := perCramp(recent, ds, RuleSymptoms, urgent)
	if n == 0 {
		return Advice{}, false
	}
	_, ids, _ := Signs(cramp.Entry{Symptoms: names})
	return withReason(Advice{Rule: RuleSymptoms, Level: advice.Urgent, Seen: keys,
		Figures: Figures{Day: e.At, Signs: names, Advice: ids, N: []int{n}}}), true
}

// numbness: "Numbness or tingling with the cramps also needs a doctor
// (nerve or circulation)."
func numbness(recent []cramp.Entry, ds Dismissals) (Advice, bool) {
	e, _, _, keys := perCramp(recent, ds, RuleNumbness, func(e cramp.Entry) []string {
		if slices.Contains(e.Symptoms, "numbness-tingling") {
			return []string{"numbness-tingling"}
		}
		return nil
	})
	if len(keys) == 0 {
		return Advice{}, false
	}
	return withReason(Advice{Rule: RuleNumbness, Level: advice.Doctor, Seen: keys,
		Figures: Figures{Day: e.At, Advice: []advice.ID{advice.DocNumb}}}), true
}

// long: a cramp is "Usually over within seconds to about 10 minutes"; see
// a doctor when cramps "last unusually long".
func long(recent []cramp.Entry, ds Dismissals) (Advice, bool) {
	e, _, _, keys := perCramp(recent, ds, RuleLong, func(e cramp.Entry) []string {
		if e.Duration > LongCramp {
			return []string{"long"}
		}
		return nil
	})
	if len(keys) == 0 {
		return Advice{}, false
	}
	return withReason(Advice{Rule: RuleLong, Level: advice.Doctor, Seen: keys,
		Figures: Figures{Day: e.At, N: []int{int(e.Duration.Round(time.Minute) / time.Minute)}, Advice: []advice.ID{advice.DocLong}}}), true
}

// medicine: get medical help now (the same day) for "a suspicion that a
// medicine causes them (ask the doctor; never just stop a prescribed
// medicine)". A new medicine noted as a possible trigger is that
// suspicion; the facts sheet's routine "may be a side effect of a
// medicine" is not said as well, so the level is never softened.
func medicine(recent []cramp.Entry, ds Dismissals) (Advice, bool) {
	e, _, _, keys := perCramp(recent, ds, RuleMedicine, func(e cramp.Entry) []string {
		if slices.Contains(e.Triggers, "new-medicine") {
			return []string{"new-medicine"}
		}
		return nil
	})
	if len(keys) == 0 {
		return Advice{}, false
	}
	return withReason(Advice{Rule: RuleMedicine, Level: advice.Urgent, Seen: keys,
		Figures: Figures{Day: e.At, Advice: []advice.ID{advice.SignMedicine}}}), true
}

// highPain: see a doctor when cramps "are severe": Repeated cramps of
// Severe or more out of 10 within the Window.
func highPain(recent []cramp.Entry) (Advice, bool) {
	n := 0
	for _, e := range recent {
		if e.Intensity != nil && *e.Intensity >= Severe {
			n++
		}
	}
	if n < Repeated {
		return Advice{}, false
	}
	return withReason(Advice{Rule: RuleHighPain, Level: advice.Doctor,
		Figures: Figures{N: []int{n, Severe}, Advice: []advice.ID{advice.DocPain}}}), true
}

// sleep: see a doctor when cramps "disturb sleep and daily life a lot":
// Repeated cramps within the Window that cost BadSleep or more out of 10.
func sleep(recent []cramp.Entry) (Advice, bool) {
	n := 0
	for _, e := range recent {
		if e.Sleep != nil && *e.Sleep >= BadSleep {
			n++
		}
	}
	if n < Repeated {
		return Advice{}, false
	}
	return withReason(Advice{Rule: RuleSleep, Level: advice.Doctor,
		Figures: Figures{N: []int{n}, Advice: []advice.ID{advice.DocSleep}}}), true
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
		return withReason(Advice{Rule: RuleTwoWeeks, Level: advice.Doctor,
			Figures: Figures{N: []int{a, b}}}), true
	}
	return Advice{}, false
}

// mostNights: "See a doctor when cramps happen often: ... or nightly".
func mostNights(cramps []cramp.Entry, now time.Time) (Advice, bool) {
	if n := nightsIn(cramps, now.Add(-7*24*time.Hour), now); n >= 4 {
		return withReason(Advice{Rule: RuleMostNights, Level: advice.Doctor,
			Figures: Figures{N: []int{n}}}), true
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
			return withReason(Advice{Rule: RuleWorse, Level: advice.Doctor,
				Figures: Figures{Length: []time.Duration{r.Round(time.Second), b.Round(time.Second)}}}), true
		}
	}
	if recent.ni >= 2 && before.ni >= 2 {
		r, b := recent.inten/float64(recent.ni), before.inten/float64(before.ni)
		if r-b >= 2 {
			return withReason(Advice{Rule: RuleWorse, Level: advice.Doctor,
				Figures: Figures{Mean: []float64{r, b}}}), true
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
		return withReason(Advice{Rule: RuleNoBetter, Level: advice.Doctor,
			Figures: Figures{N: []int{len(done), recent, before}}}), true
	}
	return Advice{}, false
}
