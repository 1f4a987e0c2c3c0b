package insights

import (
	"strings"
	"testing"
	"time"

	"github.com/crampcare/crampcare/internal/cramp"
	"github.com/crampcare/crampcare/internal/stretch"
	"github.com/crampcare/crampcare/internal/water"
)

var london = mustZone("Europe/London")

func mustZone(name string) *time.Location {
	l, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return l
}

// at is a local time in London: "2026-11-25 03:10".
func at(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, london)
	if err != nil {
		panic(err)
	}
	return t
}

func cr(s string, opts ...func(*cramp.Entry)) cramp.Entry {
	e := cramp.Entry{At: at(s)}
	for _, o := range opts {
		o(&e)
	}
	return e
}

func muscle(m cramp.Muscle) func(*cramp.Entry) { return func(e *cramp.Entry) { e.Muscle = m } }
func leg(l cramp.Leg) func(*cramp.Entry)       { return func(e *cramp.Entry) { e.Leg = l } }
func trig(t ...string) func(*cramp.Entry)      { return func(e *cramp.Entry) { e.Triggers = t } }
func rate(st cramp.Step, r cramp.Rating) func(*cramp.Entry) {
	return func(e *cramp.Entry) {
		if e.Helped == nil {
			e.Helped = map[cramp.Step]cramp.Rating{}
		}
		e.Helped[st] = r
	}
}

// Wednesday 25 November 2026, mid-morning: last night (Tuesday's) is over.
var now = at("2026-11-25 10:00")

func TestEmptyDiary(t *testing.T) {
	s := Compute(Params{Now: now, Goal: 8})
	if len(s.Weeks) != Weeks {
		t.Fatalf("weeks = %d, want %d", len(s.Weeks), Weeks)
	}
	if got := s.Weeks[Weeks-1].Start; !got.Equal(at("2026-11-23 00:00")) {
		t.Errorf("current week starts %v, want Monday 23 November", got)
	}
	if s.Nights != 0 || s.Cramps != 0 || s.CrampFree != 0 || s.Stretched != 0 || len(s.Helped) != 0 {
		t.Errorf("empty diary gave %+v", s)
	}
	for _, b := range s.Breakdowns {
		if b.Title == ByHour {
			continue // every band is listed, at zero
		}
		if len(b.Counts) != 0 || b.Unsaid != 0 {
			t.Errorf("%s: %+v on an empty diary", b.Title, b)
		}
	}
	if s.Stretch.Enough() || s.Water.Enough() {
		t.Error("comparisons offered on an empty diary")
	}
}

func TestNightsWeeksAndStreak(t *testing.T) {
	for _, tc := range []struct {
		name                     string
		now                      time.Time
		cramps                   []cramp.Entry
		start                    time.Time
		nights, crampNights, all int
		free, most               int
		lastWeek                 Week // the current week's bar, Start ignored
		prevWeek                 Week
	}{
		{
			name: "a 2 a.m. cramp on Monday belongs to Sunday's night, last week",
			now:  now, start: at("2026-11-16 12:00"),
			cramps: []cramp.Entry{cr("2026-11-23 02:00")},
			// nights of 16..24 November are over: 9.
			nights: 9, crampNights: 1, all: 1, free: 2, most: 1,
			lastWeek: Week{Nights: 2},
			prevWeek: Week{Nights: 7, CrampNights: 1, Cramps: 1},
		},
		{
			name: "two cramps in one night are one cramp night",
			now:  now, start: at("2026-11-16 12:00"),
			cramps: []cramp.Entry{cr("2026-11-24 23:10"), cr("2026-11-25 04:40"), cr("2026-11-20 03:00")},
			nights: 9, crampNights: 2, all: 3, free: 0, most: 2,
			lastWeek: Week{Nights: 2, CrampNights: 1, Cramps: 2},
			prevWeek: Week{Nights: 7, CrampNights: 1, Cramps: 1},
		},
		{
			name: "at 03:00 tonight is not over and its cramp is not counted yet",
			now:  at("2026-11-25 03:00"), start: at("2026-11-16 12:00"),
			cramps: []cramp.Entry{cr("2026-11-25 01:00")},
			nights: 8, crampNights: 0, all: 0, free: 8,
			lastWeek: Week{Nights: 1},
			prevWeek: Week{Nights: 7},
		},
		{
			name:   "the diary start comes from the first record when not given",
			now:    now,
			cramps: []cramp.Entry{cr("2026-11-22 22:00")},
			// nights of 22, 23 and 24 November.
			nights: 3, crampNights: 1, all: 1, free: 2, most: 1,
			lastWeek: Week{Nights: 2},
			prevWeek: Week{Nights: 1, CrampNights: 1, Cramps: 1},
		},
		{
			name: "older than twelve weeks is left out",
			now:  now, start: at("2026-01-01 12:00"),
			cramps: []cramp.Entry{cr("2026-08-01 03:00")},
			// 11 full weeks and Monday and Tuesday of this one.
			nights: 79, crampNights: 0, all: 0, free: 79,
			lastWeek: Week{Nights: 2},
			prevWeek: Week{Nights: 7},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := Compute(Params{Cramps: tc.cramps, Start: tc.start, Now: tc.now, Goal: 8})
			if s.Nights != tc.nights || s.CrampNights != tc.crampNights || s.Cramps != tc.all {
				t.Errorf("nights %d, cramp nights %d, cramps %d; want %d, %d, %d", s.Nights, s.CrampNights, s.Cramps, tc.nights, tc.crampNights, tc.all)
			}
			if s.CrampFree != tc.free || s.MostInANight != tc.most {
				t.Errorf("cramp-free %d, most in a night %d; want %d, %d", s.CrampFree, s.MostInANight, tc.free, tc.most)
			}
			last, prev := s.Weeks[Weeks-1], s.Weeks[Weeks-2]
			last.Start, prev.Start = time.Time{}, time.Time{}
			if last != tc.lastWeek || prev != tc.prevWeek {
				t.Errorf("this week %+v, last week %+v; want %+v, %+v", last, prev, tc.lastWeek, tc.prevWeek)
			}
		})
	}
}

// The clocks go back on Sunday 25 October 2026 in London: that week has a
// 25-hour night and must still be one bar.
func TestWeeksAcrossDST(t *testing.T) {
	s := Compute(Params{
		Cramps: []cramp.Entry{cr("2026-10-25 01:30"), cr("2026-10-26 03:00"), cr("2026-10-19 03:00")},
		Start:  at("2026-09-01 12:00"),
		Now:    now,
	})
	byStart := map[string]Week{}
	for i, w := range s.Weeks {
		if w.Start.Weekday() != time.Monday {
			t.Errorf("week %d starts on %s", i, w.Start.Weekday())
		}
		if i > 0 && w.Start.Sub(s.Weeks[i-1].Start) < 167*time.Hour {
			t.Errorf("weeks %d and %d overlap", i-1, i)
		}
		byStart[w.Start.Format("2006-01-02")] = w
	}
	// 01:30 on the 25th is Saturday's night; 03:00 on the 26th is Sunday's:
	// both in the week of 19 October, with the 19th's own 03:00 (Sunday
	// the 18th's night) in the week before.
	if w := byStart["2026-10-19"]; w.CrampNights != 2 || w.Nights != 7 {
		t.Errorf("week of 19 October = %+v, want 2 cramp nights of 7", w)
	}
	if w := byStart["2026-10-12"]; w.CrampNights != 1 {
		t.Errorf("week of 12 October = %+v, want 1 cramp night", w)
	}
}

func TestCompare(t *testing.T) {
	start := at("2026-10-01 12:00")
	var cramps []cramp.Entry
	var stretches []stretch.Session
	var glasses []water.Glass
	// 14 nights, 11..24 November. Stretch on the first 8 evenings; cramps
	// on 2 of them and on 5 of the 6 others. Water goal met on 10 days.
	for i := range 14 {
		day := at("2026-11-11 00:00").AddDate(0, 0, i)
		if i < 8 {
			stretches = append(stretches, stretch.Session{Start: day.Add(21*time.Hour + 30*time.Minute)})
		} else {
			// A stretch stopped halfway does not count.
			stretches = append(stretches, stretch.Session{Start: day.Add(21 * time.Hour), Partial: true})
		}
		if i == 0 || i == 3 || i >= 9 {
			cramps = append(cramps, cramp.Entry{At: day.AddDate(0, 0, 1).Add(3 * time.Hour)})
		}
		n := 2
		if i < 10 {
			n = 8
		}
		for g := range n {
			glasses = append(glasses, water.Glass{At: day.Add(time.Duration(8+g) * time.Hour)})
		}
	}
	// The diary began on 1 October, so the 41 nights before the 11th count
	// as without stretch and without enough water, and cramp-free.
	s := Compute(Params{Cramps: cramps, Stretches: stretches, Glasses: glasses, Goal: 8, Start: start, Now: now})
	if want := (Compare{With: 8, WithCramp: 2, Without: 41 + 6, WithoutCramp: 5}); s.Stretch != want {
		t.Errorf("stretch %+v, want %+v", s.Stretch, want)
	}
	if want := (Compare{With: 10, WithCramp: 3, Without: 41 + 4, WithoutCramp: 4}); s.Water != want {
		t.Errorf("water %+v, want %+v", s.Water, want)
	}
	got := s.Stretch.Sentence("after the evening stretch", "without it")
	if want := "Nights after the evening stretch: cramps on 2 of 8 (25%). Nights without it: cramps on 5 of 47 (11%)."; got != want {
		t.Errorf("sentence\n got %q\nwant %q", got, want)
	}
	if s.Stretched != 0 {
		t.Errorf("stretch streak %d, want 0 (the last evenings were partial)", s.Stretched)
	}

	few := Compare{With: 6, WithCramp: 1, Without: 30, WithoutCramp: 9}
	if few.Enough() {
		t.Error("6 nights on one side is not enough")
	}
	if got := few.Sentence("after the evening stretch", "without it"); !strings.Contains(got, "Once there are 7 nights") || !strings.Contains(got, "So far: 6 and 30") {
		t.Errorf("too-few sentence %q", got)
	}
	if s := Compute(Params{Cramps: cramps, Glasses: glasses, Goal: 0, Start: start, Now: now}); s.Water != (Compare{}) {
		t.Errorf("no goal set, yet water compared: %+v", s.Water)
	}
}

func TestBreakdowns(t *testing.T) {
	cramps := []cramp.Entry{
		cr("2026-11-24 23:00", muscle(cramp.MuscleCalf), leg(cramp.LegLeft), trig("long-standing", "little-water")),
		cr("2026-11-24 03:00", muscle(cramp.MuscleCalf), leg(cramp.LegRight), trig("little-water")),
		cr("2026-11-22 04:00", muscle(cramp.MuscleFoot), leg(cramp.LegLeft)),
		cr("2026-11-21 01:00", leg(cramp.LegLeft)),
		cr("2026-11-20 07:00"),
	}
	s := Compute(Params{Cramps: cramps, Start: at("2026-11-01 12:00"), Now: now})
	want := map[string]Breakdown{
		ByMuscle:  {Counts: []Count{{"Calf", 2}, {"Foot", 1}}, Unsaid: 2},
		ByLeg:     {Counts: []Count{{"Left leg", 3}, {"Right leg", 1}}, Unsaid: 1},
		ByHour:    {Counts: []Count{{HourEvening, 1}, {HourEarly, 1}, {HourLate, 2}, {HourMorning, 1}}},
		ByTrigger: {Counts: []Count{{"Little to drink", 2}, {"Long standing or walking", 1}}, Unsaid: 3},
	}
	if len(s.Breakdowns) != len(want) {
		t.Fatalf("%d breakdowns, want %d", len(s.Breakdowns), len(want))
	}
	for _, b := range s.Breakdowns {
		w := want[b.Title]
		if b.Unsaid != w.Unsaid || len(b.Counts) != len(w.Counts) {
			t.Errorf("%s = %+v, want %+v", b.Title, b, w)
			continue
		}
		for i := range w.Counts {
			if b.Counts[i] != w.Counts[i] {
				t.Errorf("%s[%d] = %+v, want %+v", b.Title, i, b.Counts[i], w.Counts[i])
			}
		}
	}
}

func TestHelped(t *testing.T) {
	cramps := []cramp.Entry{
		cr("2026-11-24 03:00", rate(cramp.StepStretch, cramp.RatingYes), rate(cramp.StepMassage, cramp.RatingNo)),
		cr("2026-11-23 03:00", rate(cramp.StepStretch, cramp.RatingSome), rate(cramp.StepMassage, cramp.RatingNo), rate(cramp.StepWater, cramp.RatingYes)),
		cr("2026-11-22 03:00", rate(cramp.StepStretch, cramp.RatingYes), rate(cramp.StepWarmth, cramp.RatingSome)),
	}
	s := Compute(Params{Cramps: cramps, Start: at("2026-11-01 12:00"), Now: now})
	var order []cramp.Step
	for _, h := range s.Helped {
		order = append(order, h.Step)
	}
	// water 1/1 yes, stretch 2 yes 1 some, warmth 1 some, massage 0 of 2;
	// stand never rated.
	want := []cramp.Step{cramp.StepWater, cramp.StepStretch, cramp.StepWarmth, cramp.StepMassage}
	if len(order) != len(want) {
		t.Fatalf("order %v, want %v", order, want)
	}
	for i := range want {
		if order[i] != want[i] {
			t.Fatalf("order %v, want %v", order, want)
		}
	}
	if h := s.Helped[1]; h.Yes != 2 || h.Some != 1 || h.No != 0 || h.Tried() != 3 || h.Title == "" {
		t.Errorf("stretch = %+v", h)
	}
}

func TestPct(t *testing.T) {
	for _, tc := range []struct{ a, b, want int }{{0, 0, 0}, {1, 3, 33}, {2, 3, 67}, {1, 8, 13}, {5, 5, 100}} {
		if got := pct(tc.a, tc.b); got != tc.want {
			t.Errorf("pct(%d, %d) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestPerNight(t *testing.T) {
	for _, tc := range []struct {
		s    Summary
		want string
	}{
		{Summary{}, ""},
		{Summary{Cramps: 3, CrampNights: 3, MostInANight: 1}, "Each night with cramps brought one."},
		{Summary{Cramps: 7, CrampNights: 4, MostInANight: 3, MostNight: at("2026-11-20 00:00")},
			"A night with cramps brought 1.8 on average, and at most 3 (Night of Friday 20 November)."},
	} {
		if got := tc.s.PerNight(); got != tc.want {
			t.Errorf("PerNight(%+v) = %q, want %q", tc.s, got, tc.want)
		}
	}
}

// TestWeeksFromSunday: where weeks start on Sunday (ui.week-start, or a
// US locale), every bar starts on a Sunday and the current week is the
// one holding tonight; a cramp on Saturday night and one on Sunday night
// fall in different bars.
func TestWeeksFromSunday(t *testing.T) {
	now := time.Date(2026, 12, 2, 12, 0, 0, 0, time.UTC) // a Wednesday
	sat := time.Date(2026, 11, 28, 23, 0, 0, 0, time.UTC)
	sun := time.Date(2026, 11, 29, 23, 0, 0, 0, time.UTC)
	s := Compute(Params{Now: now, Goal: 8, SundayFirst: true, Start: now.AddDate(0, -6, 0),
		Cramps: []cramp.Entry{{At: sat}, {At: sun}}})
	if len(s.Weeks) == 0 {
		t.Fatal("no weeks")
	}
	for _, w := range s.Weeks {
		if w.Start.Weekday() != time.Sunday {
			t.Fatalf("a week starts on %s %s, want Sunday", w.Start.Weekday(), w.Start.Format("2006-01-02"))
		}
	}
	last, prev := s.Weeks[len(s.Weeks)-1], s.Weeks[len(s.Weeks)-2]
	if !last.Start.Equal(time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC)) || last.CrampNights != 1 || prev.CrampNights != 1 {
		t.Errorf("this week from %s with %d cramp nights, the one before %d; want from 29 Nov, 1 and 1",
			last.Start.Format("2006-01-02"), last.CrampNights, prev.CrampNights)
	}
	m := Compute(Params{Now: now, Goal: 8, Start: now.AddDate(0, -6, 0), Cramps: []cramp.Entry{{At: sat}, {At: sun}}})
	// From Monday, Saturday's and Sunday's nights are both last week's.
	if w, p := m.Weeks[len(m.Weeks)-1], m.Weeks[len(m.Weeks)-2]; w.Start.Weekday() != time.Monday || w.CrampNights != 0 || p.CrampNights != 2 {
		t.Errorf("Monday weeks: this one from %s with %d cramp nights, the one before %d; want a Monday, 0 and 2", w.Start.Weekday(), w.CrampNights, p.CrampNights)
	}
}
