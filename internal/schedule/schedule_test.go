package schedule

import (
	"errors"
	"testing"
	"time"
	_ "time/tzdata"

	"github.com/crampcare/crampcare/internal/night"
	"github.com/crampcare/crampcare/internal/settings"
)

var berlin = func() *time.Location {
	l, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		panic(err)
	}
	return l
}()

// at is a moment in Berlin: DST there starts 2026-03-29 02:00 and ends
// 2026-10-25 03:00.
func at(mo time.Month, d, h, m int) time.Time { return time.Date(2026, mo, d, h, m, 0, 0, berlin) }

func defaults() Config { return ConfigFrom(settings.Defaults()) }

func hydrationOnly(c Config) Config { c.StretchEnabled = false; return c }
func stretchOnly(c Config) Config   { c.HydrationEnabled = false; return c }

func TestHydration(t *testing.T) {
	nov := func(h, m int) time.Time { return at(time.November, 23, h, m) }
	tests := []struct {
		name   string
		cfg    func(Config) Config
		log    Log
		mem    Memory
		now    time.Time
		want   time.Time // zero: none expected
		glass  int
		nearBd bool
	}{
		{name: "before the day starts: first reminder one interval in", now: nov(6, 0), want: nov(9, 15)},
		{name: "interval after the last reminder", now: nov(10, 0), mem: Memory{LastHydration: nov(9, 15)}, want: nov(10, 30)},
		{name: "a glass restarts the interval", now: nov(10, 5), mem: Memory{LastHydration: nov(9, 15)}, log: Log{Glasses: []time.Time{nov(10, 0)}}, want: nov(11, 15), glass: 1},
		{name: "overdue (after sleep): once, now", now: nov(13, 0), mem: Memory{LastHydration: nov(9, 15)}, want: nov(13, 0)},
		{name: "overdue after the day ended: tomorrow", now: nov(22, 0), mem: Memory{LastHydration: nov(9, 15)}, want: at(time.November, 24, 9, 15)},
		{name: "goal reached: none today", now: nov(15, 0), log: Log{Glasses: glasses(nov(8, 0), 8, 30*time.Minute)}, want: at(time.November, 24, 9, 15)},
		{name: "goal reached but after-goal on", cfg: func(c Config) Config { c.AfterGoal = true; return c }, now: nov(15, 0), log: Log{Glasses: glasses(nov(8, 0), 8, 30*time.Minute)}, want: nov(15, 0), glass: 8},
		{name: "taper: none in the 2 h before 21:30", now: nov(18, 30), mem: Memory{LastHydration: nov(18, 30)}, want: at(time.November, 24, 9, 15)},
		{name: "last one before the taper says so", now: nov(17, 0), mem: Memory{LastHydration: nov(17, 0)}, want: nov(18, 15), nearBd: true},
		{name: "taper off: reminders to 20:00", cfg: func(c Config) Config { c.Taper = 0; return c }, now: nov(18, 30), mem: Memory{LastHydration: nov(18, 30)}, want: nov(19, 45)},
		{name: "weekdays only: Sunday skipped", cfg: func(c Config) Config { c.Days = weekdays(time.Monday, time.Tuesday); return c }, now: at(time.November, 22, 12, 0), want: nov(9, 15)},
		{name: "disabled", cfg: func(c Config) Config { c.HydrationEnabled = false; return c }, now: nov(10, 0)},
		{name: "paused an hour: due once when the pause ends", cfg: func(c Config) Config { c.PausedUntil = nov(11, 0); return c }, now: nov(10, 0), mem: Memory{LastHydration: nov(9, 15)}, want: nov(11, 0)},
		{name: "paused until tomorrow", cfg: func(c Config) Config { c.PausedUntil = at(time.November, 24, 8, 0); return c }, now: nov(10, 0), want: at(time.November, 24, 9, 15)},
		{name: "pause over: ignored", cfg: func(c Config) Config { c.PausedUntil = nov(9, 0); return c }, now: nov(10, 0), mem: Memory{LastHydration: nov(9, 40)}, want: nov(10, 55)},
		{name: "night worker: window crosses midnight, after midnight", cfg: nightShift, now: nov(2, 0), mem: Memory{LastHydration: nov(1, 30)}, want: nov(2, 45)},
		{name: "night worker: goal counts the shift, not the date", cfg: nightShift, now: nov(2, 0), log: Log{Glasses: glasses(at(time.November, 22, 22, 30), 8, 20*time.Minute)}, want: nov(23, 15)},
		{name: "night worker: window closed at 06:00", cfg: nightShift, now: nov(5, 50), mem: Memory{LastHydration: nov(5, 0)}, want: nov(23, 15)},
		// DST: on 2026-03-29 the clock jumps 02:00 -> 03:00.
		{name: "spring forward: 23 h day, wall times kept", now: at(time.March, 29, 6, 0), want: at(time.March, 29, 9, 15)},
		{name: "spring forward: night shift interval is real time", cfg: nightShift, now: at(time.March, 29, 1, 30), mem: Memory{LastHydration: at(time.March, 29, 1, 30)}, want: at(time.March, 29, 3, 45)},
		{name: "fall back: 25 h day", now: at(time.October, 25, 6, 0), want: at(time.October, 25, 9, 15)},
		{name: "fall back: night shift ends at wall 06:00", cfg: nightShift, now: at(time.October, 25, 4, 50), mem: Memory{LastHydration: at(time.October, 25, 4, 50)}, want: at(time.October, 25, 23, 15)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := hydrationOnly(defaults())
			if tt.cfg != nil {
				cfg = tt.cfg(cfg)
			}
			r, ok := Next(cfg, tt.log, tt.mem, tt.now)
			if tt.want.IsZero() {
				if ok {
					t.Fatalf("got %v at %v, want none", r.Kind, r.At)
				}
				return
			}
			if !ok || !r.At.Equal(tt.want) || r.Kind != Hydration {
				t.Fatalf("got %v %v (ok %v), want hydration at %v", r.Kind, r.At, ok, tt.want)
			}
			if r.Glasses != tt.glass || r.Goal != cfg.Goal || r.NearBedtime != tt.nearBd {
				t.Errorf("glasses %d of %d near bedtime %v; want %d of %d, %v", r.Glasses, r.Goal, r.NearBedtime, tt.glass, cfg.Goal, tt.nearBd)
			}
		})
	}
}

func nightShift(c Config) Config {
	c.Start, c.End = 22*60, 6*60 // 22:00..06:00
	c.StretchTime = 12 * 60      // bedtime at noon for the night worker
	return c
}

func weekdays(days ...time.Weekday) settings.Weekdays {
	var w settings.Weekdays
	for _, d := range days {
		w = w.With(d)
	}
	return w
}

func glasses(from time.Time, n int, every time.Duration) []time.Time {
	var out []time.Time
	for i := 0; i < n; i++ {
		out = append(out, from.Add(time.Duration(i)*every))
	}
	return out
}

func TestStretch(t *testing.T) {
	nov := func(h, m int) time.Time { return at(time.November, 23, h, m) }
	tonight := day(nov(12, 0), 0)
	fired := func(n int, last time.Time) Memory { return Memory{Night: tonight, Fired: n, LastFired: last} }
	tests := []struct {
		name string
		cfg  func(Config) Config
		log  Log
		mem  Memory
		now  time.Time
		want time.Time
		kind Kind
	}{
		{name: "at stretch time", now: nov(12, 0), want: nov(21, 30), kind: Stretch},
		{name: "missed while asleep, within 2 h: now", now: nov(22, 40), want: nov(22, 40), kind: Stretch},
		{name: "missed by more than 2 h: tomorrow", now: nov(23, 45), want: at(time.November, 24, 21, 30), kind: Stretch},
		{name: "follow-up after the nag delay", now: nov(21, 31), mem: fired(1, nov(21, 30)), want: nov(21, 50), kind: StretchFollowUp},
		{name: "nothing more after the follow-up", now: nov(21, 51), mem: fired(2, nov(21, 50)), want: at(time.November, 24, 21, 30), kind: Stretch},
		{name: "no follow-up when nag is 0", cfg: func(c Config) Config { c.Nag = 0; return c }, now: nov(21, 31), mem: fired(1, nov(21, 30)), want: at(time.November, 24, 21, 30), kind: Stretch},
		{name: "done tonight: none", now: nov(21, 31), mem: fired(1, nov(21, 30)), log: Log{LastStretch: nov(21, 35)}, want: at(time.November, 24, 21, 30), kind: Stretch},
		{name: "done after midnight counts for the evening before", now: at(time.November, 24, 0, 40), mem: fired(1, nov(21, 30)), log: Log{LastStretch: at(time.November, 24, 0, 35)}, want: at(time.November, 24, 21, 30), kind: Stretch},
		{name: "snoozed: at the snooze time", now: nov(21, 32), mem: Memory{Night: tonight, Fired: 1, LastFired: nov(21, 30), SnoozeUntil: nov(21, 42), Snoozes: 1}, want: nov(21, 42), kind: Stretch},
		{name: "stretch days: not on Monday", cfg: func(c Config) Config { c.StretchDays = weekdays(time.Tuesday); return c }, now: nov(12, 0), want: at(time.November, 24, 21, 30), kind: Stretch},
		{name: "paused past the evening: tomorrow", cfg: func(c Config) Config { c.PausedUntil = at(time.November, 24, 8, 0); return c }, now: nov(20, 0), want: at(time.November, 24, 21, 30), kind: Stretch},
		{name: "pause ends within the grace: once, then", cfg: func(c Config) Config { c.PausedUntil = nov(22, 0); return c }, now: nov(21, 0), want: nov(22, 0), kind: Stretch},
		{name: "spring forward keeps wall time", now: at(time.March, 29, 12, 0), want: at(time.March, 29, 21, 30), kind: Stretch},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := stretchOnly(defaults())
			if tt.cfg != nil {
				cfg = tt.cfg(cfg)
			}
			r, ok := Next(cfg, tt.log, tt.mem, tt.now)
			if !ok || !r.At.Equal(tt.want) || r.Kind != tt.kind {
				t.Fatalf("got %v %v (ok %v), want %v at %v", r.Kind, r.At, ok, tt.kind, tt.want)
			}
		})
	}
}

// TestNoBurstAfterWake replays a day in which the computer sleeps from 10:00
// to 19:00: exactly one drink reminder on wake, then the normal rhythm.
func TestNoBurstAfterWake(t *testing.T) {
	cfg := defaults()
	nov := func(h, m int) time.Time { return at(time.November, 23, h, m) }
	var mem Memory
	var sent []time.Time
	now := nov(7, 0)
	step := func(until time.Time) {
		for !now.After(until) {
			r, ok := Next(cfg, Log{}, mem, now)
			if ok && !r.At.After(now) {
				mem = mem.Sent(r, now)
				if r.Kind == Hydration {
					sent = append(sent, now)
				}
				continue
			}
			now = now.Add(time.Minute)
		}
	}
	step(nov(10, 0))
	now = nov(19, 0) // wake
	step(nov(23, 59))
	want := []time.Time{nov(9, 15), nov(19, 0)}
	if len(sent) != len(want) {
		t.Fatalf("sent %v, want %v", sent, want)
	}
	for i := range want {
		if !sent[i].Equal(want[i]) {
			t.Errorf("reminder %d at %v, want %v", i, sent[i], want[i])
		}
	}
}

func TestEarliestOfBoth(t *testing.T) {
	r, ok := Next(defaults(), Log{}, Memory{LastHydration: at(time.November, 23, 18, 30)}, at(time.November, 23, 19, 0))
	if !ok || r.Kind != Stretch || !r.At.Equal(at(time.November, 23, 21, 30)) {
		t.Errorf("got %v at %v, want the stretch at 21:30 (hydration tapered)", r.Kind, r.At)
	}
}

func TestLaterAndPending(t *testing.T) {
	now := at(time.November, 23, 21, 31)
	r := Reminder{Kind: Stretch, At: at(time.November, 23, 21, 30), Night: night.Of(now)}
	var m Memory
	if m.StretchPending(Log{}, now) {
		t.Error("pending before any reminder")
	}
	if _, err := m.Later(now); err == nil {
		t.Error("Later with nothing sent: want an error")
	}
	m = m.Sent(r, r.At)
	if !m.StretchPending(Log{}, now) {
		t.Error("not pending after the reminder")
	}
	if m.StretchPending(Log{LastStretch: now}, now) {
		t.Error("pending although done")
	}
	for i := 0; i < MaxSnoozes; i++ {
		var err error
		if m, err = m.Later(now); err != nil {
			t.Fatal(err)
		}
	}
	if !m.SnoozeUntil.Equal(now.Add(Snooze)) {
		t.Errorf("snooze until %v", m.SnoozeUntil)
	}
	if _, err := m.Later(now); !errors.Is(err, ErrSnoozeLimit) {
		t.Errorf("4th snooze: %v, want ErrSnoozeLimit", err)
	}
}

func TestTexts(t *testing.T) {
	for _, r := range []Reminder{{Kind: Hydration, Glasses: 3, Goal: 8}, {Kind: Hydration, Glasses: 3, Goal: 8, NearBedtime: true}, {Kind: Stretch}, {Kind: StretchFollowUp}} {
		title, body := r.Text()
		if title == "" || body == "" {
			t.Errorf("%+v: empty text", r)
		}
	}
	if _, body := (Reminder{Kind: Hydration, Glasses: 3, Goal: 8}).Text(); body[:17] != "3 of 8 glasses to" {
		t.Errorf("hydration text %q does not start with the count", body)
	}
}

// "Later" on a drink reminder: the next one ten minutes on, a glass
// meanwhile restarts the interval, and never inside the taper.
func TestDrinkLater(t *testing.T) {
	nov := func(h, m int) time.Time { return at(time.November, 23, h, m) }
	cfg := hydrationOnly(defaults())
	mem := Memory{LastHydration: nov(10, 0)}.DrinkLater(nov(10, 1), cfg.Interval)
	if r, ok := Next(cfg, Log{}, mem, nov(10, 1)); !ok || !r.At.Equal(nov(10, 11)) {
		t.Errorf("after Later at 10:01: next %v %v, want 10:11", r.At, ok)
	}
	glass := Log{Glasses: []time.Time{nov(10, 5)}}
	if r, ok := Next(cfg, glass, mem, nov(10, 6)); !ok || !r.At.Equal(nov(11, 20)) {
		t.Errorf("a glass at 10:05 after Later: next %v %v, want 11:20", r.At, ok)
	}
	// Drinks end at 19:30 (stretch 21:30, taper 2h).
	late := Memory{}.DrinkLater(nov(19, 25), cfg.Interval)
	if r, ok := Next(cfg, Log{}, late, nov(19, 25)); ok && r.At.Day() == 23 {
		t.Errorf("Later at 19:25 brought a reminder at %v, inside the taper", r.At)
	}
}

func TestActions(t *testing.T) {
	keys := func(as []Action) (out []string) {
		for _, a := range as {
			if !IsAction(a.Key) || a.Label == "" {
				t.Errorf("action %+v", a)
			}
			out = append(out, a.Label)
		}
		return out
	}
	if got := keys(Reminder{Kind: Hydration}.Actions()); len(got) != 2 || got[0] != "I drank a glass" || got[1] != "Later" {
		t.Errorf("hydration actions %q", got)
	}
	for _, k := range []Kind{Stretch, StretchFollowUp} {
		if got := keys(Reminder{Kind: k}.Actions()); len(got) != 3 || got[0] != "Start the stretch" || got[1] != "Done" || got[2] != "In 10 minutes" {
			t.Errorf("%s actions %q", k, got)
		}
	}
	if IsAction("rm -rf") || IsAction("") {
		t.Error("IsAction accepts anything")
	}
}
