// Package insights turns the diary into what it shows: nights with cramps
// week by week, streaks, how nights after the evening stretch or after a
// day of enough water compared with the others, and which muscles, legs,
// hours, triggers and relief steps come up. It is pure: the same diary and
// clock give the same Summary, so every figure is table-tested.
//
// It observes; it never concludes. A comparison is offered only with
// MinNights on each side, and the words say it is not proof.
package insights

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/crampcare/crampcare/internal/cramp"
	"github.com/crampcare/crampcare/internal/l10n"
	"github.com/crampcare/crampcare/internal/night"
	"github.com/crampcare/crampcare/internal/relief"
	"github.com/crampcare/crampcare/internal/stretch"
	"github.com/crampcare/crampcare/internal/water"
)

// Weeks is how far back the insights look: long enough for a habit to
// show, short enough to reflect how things are now.
const Weeks = 12

// MinNights is how many nights each side of a comparison needs before it
// is shown: with fewer, one bad night swings the figure.
const MinNights = 7

// MorningAt is when a night is over and counts: a night that is still
// going (before 06:00) could still bring a cramp.
const MorningAt = 6 * time.Hour

// Params is the diary to look at. Cramps, Stretches and Glasses may cover
// more than the Weeks window and come in any order.
type Params struct {
	Cramps    []cramp.Entry
	Stretches []stretch.Session
	Glasses   []water.Glass
	Goal      int // glasses a day
	// Start is when the diary began; nights before it are unknown, not
	// cramp-free. Zero means the earliest record given.
	Start time.Time
	Now   time.Time
	// SundayFirst: the weeks run Sunday to Saturday, as people count
	// them in the US; otherwise Monday to Sunday (ui.week-start).
	SundayFirst bool
}

// Week is one bar of the chart: a week of nights, from the first day of
// the person's week.
type Week struct {
	Start       time.Time `json:"start"` // the week's first day
	CrampNights int       `json:"cramp_nights"`
	Cramps      int       `json:"cramps"`
	Nights      int       `json:"nights"` // nights of it in the diary and over
}

// Compare sets nights after a habit against nights without it.
type Compare struct {
	With         int `json:"with"`       // nights after the habit
	WithCramp    int `json:"with_cramp"` // of those, nights with cramps
	Without      int `json:"without"`
	WithoutCramp int `json:"without_cramp"`
}

// Enough reports whether both sides have MinNights.
func (c Compare) Enough() bool { return c.With >= MinNights && c.Without >= MinNights }

// Count is how often one answer came up.
type Count struct {
	Label string `json:"label"`
	N     int    `json:"n"`
}

// Helped is how one relief step went for this person.
type Helped struct {
	Step  cramp.Step `json:"step"`
	Title string     `json:"title"`
	Yes   int        `json:"yes"`
	Some  int        `json:"some"`
	No    int        `json:"no"`
}

// Tried is how many times the step was rated.
func (h Helped) Tried() int { return h.Yes + h.Some + h.No }

// Summary is everything the Insights tab and `crampcare insights` show.
type Summary struct {
	Now   time.Time `json:"now"`
	Weeks []Week    `json:"weeks"` // oldest first, the current week last
	// Cramps and CrampNights count the whole window.
	Cramps      int `json:"cramps"`
	CrampNights int `json:"cramp_nights"`
	Nights      int `json:"nights"` // nights over and in the diary
	// MostInANight is the most cramps on one night, and which night.
	MostInANight int       `json:"most_in_a_night"`
	MostNight    time.Time `json:"most_night,omitzero"`
	// CrampFree counts nights without a cramp, up to the last night over.
	CrampFree int `json:"cramp_free"`
	// Stretched counts evenings in a row with the evening stretch.
	Stretched int     `json:"stretched"`
	Stretch   Compare `json:"stretch"`
	Water     Compare `json:"water"`
	Goal      int     `json:"goal"`
	// Breakdowns are the "which ... most" lists, in the order shown.
	Breakdowns []Breakdown `json:"breakdowns"`
	Helped     []Helped    `json:"helped"` // most helpful first
}

// Breakdown is one "which ... come up most" list: Counts most frequent
// first (the time of night in clock order), Unsaid the cramps without
// that answer.
type Breakdown struct {
	Title  string  `json:"title"`
	Counts []Count `json:"counts"`
	Unsaid int     `json:"unsaid"`
}

// The breakdown titles, in the order shown.
const (
	ByMuscle  = "Which muscle"
	ByLeg     = "Which leg"
	ByHour    = "What time of night"
	ByTrigger = "Possible triggers you noted"
)

// Compute looks at the diary at p.Now.
func Compute(p Params) Summary {
	loc := p.Now.Location()
	key := func(t time.Time) string { return night.Of(t.In(loc)).Format("2006-01-02") }

	// The nights that are over: up to last night once it is morning.
	last := night.Of(p.Now)
	if p.Now.Before(last.AddDate(0, 0, 1).Add(MorningAt)) {
		last = last.AddDate(0, 0, -1)
	}
	firstDay := time.Monday
	if p.SundayFirst {
		firstDay = time.Sunday
	}
	// monday is the first day of n's week (a Monday, or a Sunday).
	monday := func(n time.Time) time.Time {
		back := (int(n.Weekday()) - int(firstDay) + 7) % 7
		return n.AddDate(0, 0, -back)
	}
	first := monday(night.Of(p.Now)).AddDate(0, 0, -7*(Weeks-1))

	start := p.Start
	if start.IsZero() {
		start = Earliest(p.Cramps, p.Stretches, p.Glasses)
	}
	if start.IsZero() {
		first = last.AddDate(0, 0, 1) // an empty diary has no nights yet
	} else if s := night.Of(start.In(loc)); s.After(first) {
		first = s
	}

	perNight := map[string]int{}
	var inWindow []cramp.Entry
	for _, e := range p.Cramps {
		n := night.Of(e.At.In(loc))
		if n.Before(first) || n.After(last) {
			continue
		}
		perNight[key(e.At)]++
		inWindow = append(inWindow, e)
	}
	stretched := map[string]bool{}
	for _, s := range p.Stretches {
		if !s.Partial {
			stretched[key(s.Start)] = true
		}
	}
	// Glasses count for the day they were drunk: the night that follows
	// has that day's date.
	glasses := map[string]int{}
	for _, g := range p.Glasses {
		glasses[g.At.In(loc).Format("2006-01-02")]++
	}

	s := Summary{Now: p.Now, Goal: p.Goal, Stretched: stretch.Streak(p.Stretches, p.Now)}
	for w := monday(night.Of(p.Now)).AddDate(0, 0, -7*(Weeks-1)); !w.After(night.Of(p.Now)); w = w.AddDate(0, 0, 7) {
		s.Weeks = append(s.Weeks, Week{Start: w})
	}
	for n := first; !n.After(last); n = n.AddDate(0, 0, 1) {
		k := n.Format("2006-01-02")
		c := perNight[k]
		s.Nights++
		wk := &s.Weeks[len(s.Weeks)-1-int(monday(night.Of(p.Now)).Sub(monday(n)).Hours()+12)/(24*7)]
		wk.Nights++
		if c > 0 {
			s.CrampNights++
			s.Cramps += c
			wk.CrampNights++
			wk.Cramps += c
			if c > s.MostInANight {
				s.MostInANight, s.MostNight = c, n
			}
		}
		tally(&s.Stretch, stretched[k], c > 0)
		if p.Goal > 0 {
			tally(&s.Water, glasses[k] >= p.Goal, c > 0)
		}
	}
	for n := last; !n.Before(first) && perNight[n.Format("2006-01-02")] == 0; n = n.AddDate(0, 0, -1) {
		s.CrampFree++
	}

	s.Breakdowns = []Breakdown{
		breakdown(ByMuscle, inWindow, func(e cramp.Entry) []string { return one(e.Muscle.Label()) }),
		breakdown(ByLeg, inWindow, func(e cramp.Entry) []string { return one(e.Leg.Label()) }),
		hours(inWindow, loc),
		breakdown(ByTrigger, inWindow, func(e cramp.Entry) []string { return cramp.Labels(e.Triggers, cramp.Triggers()) }),
	}
	s.Helped = helped(inWindow)
	return s
}

func tally(c *Compare, did, cramped bool) {
	switch {
	case did:
		c.With++
		if cramped {
			c.WithCramp++
		}
	default:
		c.Without++
		if cramped {
			c.WithoutCramp++
		}
	}
}

// Earliest is the time of the oldest record given: when the diary began,
// if nothing says otherwise.
func Earliest(cramps []cramp.Entry, stretches []stretch.Session, glasses []water.Glass) time.Time {
	var t time.Time
	early := func(x time.Time) {
		if t.IsZero() || x.Before(t) {
			t = x
		}
	}
	for _, e := range cramps {
		early(e.At)
	}
	for _, x := range stretches {
		early(x.Start)
	}
	for _, g := range glasses {
		early(g.At)
	}
	return t
}

// The time-of-night bands: a night's cramps cluster, and "between 3 and 6"
// is how people remember it.
const (
	HourEvening = "Before midnight"
	HourEarly   = "Midnight to 3 a.m."
	HourLate    = "3 to 6 a.m."
	HourMorning = "After 6 a.m."
)

// hours counts cramps per band in the order of the night, bands without
// cramps included, so it reads like a clock.
func hours(list []cramp.Entry, loc *time.Location) Breakdown {
	b := Breakdown{Title: ByHour}
	for _, band := range []string{HourEvening, HourEarly, HourLate, HourMorning} {
		c := Count{Label: band}
		for _, e := range list {
			if hourLabel(e.At.In(loc)) == band {
				c.N++
			}
		}
		b.Counts = append(b.Counts, c)
	}
	return b
}

func hourLabel(t time.Time) string {
	switch h := t.Hour(); {
	case h >= 12:
		return HourEvening
	case h < 3:
		return HourEarly
	case h < 6:
		return HourLate
	default:
		return HourMorning
	}
}

func one(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}

func breakdown(title string, list []cramp.Entry, of func(cramp.Entry) []string) Breakdown {
	b := Breakdown{Title: title}
	m := map[string]int{}
	for _, e := range list {
		vs := of(e)
		if len(vs) == 0 {
			b.Unsaid++
		}
		for _, v := range vs {
			m[v]++
		}
	}
	for k, v := range m {
		b.Counts = append(b.Counts, Count{Label: k, N: v})
	}
	sort.Slice(b.Counts, func(i, j int) bool {
		x, y := b.Counts[i], b.Counts[j]
		return x.N > y.N || x.N == y.N && x.Label < y.Label
	})
	return b
}

// helped rates each relief step by share of "helped" and "a bit", then by
// how often it was tried; steps never rated are left out.
func helped(list []cramp.Entry) []Helped {
	var out []Helped
	for _, st := range relief.Steps("") {
		h := Helped{Step: st.ID, Title: st.Title}
		for _, e := range list {
			switch e.Helped[st.ID] {
			case cramp.RatingYes:
				h.Yes++
			case cramp.RatingSome:
				h.Some++
			case cramp.RatingNo:
				h.No++
			}
		}
		if h.Tried() > 0 {
			out = append(out, h)
		}
	}
	score := func(h Helped) float64 { return (float64(h.Yes) + 0.5*float64(h.Some)) / float64(h.Tried()) }
	sort.SliceStable(out, func(i, j int) bool {
		a, b := score(out[i]), score(out[j])
		return a > b || a == b && out[i].Tried() > out[j].Tried()
	})
	return out
}

// Sentence says what a comparison shows, as an observation, or, when
// there are too few nights, what it will show and when.
func (c Compare) Sentence(habit, without string) string {
	if !c.Enough() {
		return fmt.Sprintf("Once there are %d nights %s and %d %s, this compares them. So far: %d and %d.",
			MinNights, habit, MinNights, without, c.With, c.Without)
	}
	return fmt.Sprintf("Nights %s: cramps on %d of %d (%d%%). Nights %s: cramps on %d of %d (%d%%).",
		habit, c.WithCramp, c.With, pct(c.WithCramp, c.With), without, c.WithoutCramp, c.Without, pct(c.WithoutCramp, c.Without))
}

// NotProof goes with every comparison shown.
const NotProof = "This is what your own diary shows, not proof: other things change from night to night too."

func pct(a, b int) int {
	if b == 0 {
		return 0
	}
	return (200*a + b) / (2 * b) // rounded half up
}

// Overview is the window in one sentence, or what will appear once there
// is something to show.
func (s Summary) Overview() string { return s.OverviewIn(l10n.English()) }

// OverviewIn is Overview in tr's language.
func (s Summary) OverviewIn(tr *l10n.Lang) string {
	switch {
	case s.Nights == 0:
		return tr.T("Nothing to show yet. Log cramps when they come, and the glasses and stretches of your days: after a night or two, this shows your nights week by week.")
	case s.Cramps == 0:
		return tr.N("No cramps on the {{.Count}} nights in your diary over the last {{.Weeks}} weeks.", s.Nights, l10n.Args{"Weeks": Weeks})
	}
	return tr.N("Cramps on {{.CrampNights}} of {{.Count}} nights over the last {{.Weeks}} weeks, {{.Cramps}} in all.", s.Nights,
		l10n.Args{"CrampNights": s.CrampNights, "Weeks": Weeks, "Cramps": s.Cramps})
}

// PerNight says how many cramps a night with cramps brought, on average
// and at most; "" before there are any.
func (s Summary) PerNight() string { return s.PerNightIn(l10n.English()) }

// PerNightIn is PerNight in tr's language.
func (s Summary) PerNightIn(tr *l10n.Lang) string {
	if s.CrampNights == 0 {
		return ""
	}
	avg := float64(s.Cramps) / float64(s.CrampNights)
	if s.MostInANight <= 1 {
		return tr.T("Each night with cramps brought one.")
	}
	return tr.T("A night with cramps brought {{.Average}} on average, and at most {{.Most}} ({{.Night}}).",
		l10n.Args{"Average": decimal(tr, avg), "Most": s.MostInANight, "Night": night.LabelIn(tr, s.MostNight)})
}

// decimal is x with one decimal, with the language's decimal sign.
func decimal(tr *l10n.Lang, x float64) string {
	out := strconv.FormatFloat(x, 'f', 1, 64)
	if tr.Code() != "en" {
		out = strings.Replace(out, ".", ",", 1)
	}
	return out
}

// StretchText compares nights after the evening stretch with the others.
func (s Summary) StretchText() string { return s.StretchTextIn(l10n.English()) }

// StretchTextIn is StretchText in tr's language.
func (s Summary) StretchTextIn(tr *l10n.Lang) string {
	c := s.Stretch
	if !c.Enough() {
		return tr.T("Once there are {{.Min}} nights after the evening stretch and {{.Min}} without it, this compares them. So far: {{.With}} and {{.Without}}.", c.args())
	}
	return tr.T("Nights after the evening stretch: cramps on {{.WithCramp}} of {{.With}} ({{.WithPct}}%). Nights without it: cramps on {{.WithoutCramp}} of {{.Without}} ({{.WithoutPct}}%).", c.args())
}

// WaterText compares nights after a day with the water goal met with the
// others.
func (s Summary) WaterText() string { return s.WaterTextIn(l10n.English()) }

// WaterTextIn is WaterText in tr's language.
func (s Summary) WaterTextIn(tr *l10n.Lang) string {
	if s.Goal <= 0 {
		return tr.T("Set a daily water goal in Settings to compare days that met it with days that did not.")
	}
	c := s.Water
	if !c.Enough() {
		return tr.N("Once there are {{.Min}} nights after a day with {{.Count}} glasses or more and {{.Min}} after fewer, this compares them. So far: {{.With}} and {{.Without}}.", s.Goal, c.args())
	}
	return tr.N("Nights after a day with {{.Count}} glasses or more: cramps on {{.WithCramp}} of {{.With}} ({{.WithPct}}%). Nights after fewer: cramps on {{.WithoutCramp}} of {{.Without}} ({{.WithoutPct}}%).", s.Goal, c.args())
}

// args are the comparison's figures for its sentences.
func (c Compare) args() l10n.Args {
	return l10n.Args{"Min": MinNights, "With": c.With, "Without": c.Without, "WithCramp": c.WithCramp, "WithoutCramp": c.WithoutCramp,
		"WithPct": pct(c.WithCramp, c.With), "WithoutPct": pct(c.WithoutCramp, c.Without)}
}

// NotProofIn is NotProof in tr's language.
func NotProofIn(tr *l10n.Lang) string { return tr.T(NotProof) }

// The breakdowns' titles and the times of night are messages of the
// catalogue, translated where they are shown (TitleIn, LabelIn).
var _ = []string{l10n.Mark(ByMuscle), l10n.Mark(ByLeg), l10n.Mark(ByHour), l10n.Mark(ByTrigger),
	l10n.Mark(HourEvening), l10n.Mark(HourEarly), l10n.Mark(HourLate), l10n.Mark(HourMorning)}

// TitleIn is the breakdown's title in tr's language.
func (b Breakdown) TitleIn(tr *l10n.Lang) string { return tr.T(b.Title) }

// LabelIn is the answer in tr's language: a muscle, a leg, a trigger
// (marked in package cramp) or a time of night.
func (c Count) LabelIn(tr *l10n.Lang) string { return tr.T(c.Label) }

// TitleIn is the relief step's title in tr's language.
func (h Helped) TitleIn(tr *l10n.Lang) string { return tr.T(h.Title) }
