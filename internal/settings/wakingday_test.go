package settings

import (
	"testing"
	"time"
	_ "time/tzdata" // Europe/Berlin on every platform, for the DST cases
)

func TestNextDayStart(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	at := func(y int, m time.Month, d, h, min int) time.Time { return time.Date(y, m, d, h, min, 0, 0, berlin) }
	for _, c := range []struct {
		name  string
		start string // hydration.start; empty for the default, 08:00
		now   time.Time
		want  time.Time
		real  time.Duration // how long the pause lasts; 0 to skip the check
	}{
		{name: "just after midnight", now: at(2026, 11, 24, 0, 10), want: at(2026, 11, 24, 8, 0), real: 7*time.Hour + 50*time.Minute},
		{name: "small hours", now: at(2026, 11, 24, 3, 0), want: at(2026, 11, 24, 8, 0)},
		{name: "a minute before the start", now: at(2026, 11, 24, 7, 59), want: at(2026, 11, 24, 8, 0)},
		{name: "at the start", now: at(2026, 11, 24, 8, 0), want: at(2026, 11, 25, 8, 0)},
		{name: "during the day", now: at(2026, 11, 24, 13, 0), want: at(2026, 11, 25, 8, 0)},
		{name: "late evening", now: at(2026, 11, 24, 23, 30), want: at(2026, 11, 25, 8, 0), real: 8*time.Hour + 30*time.Minute},
		{name: "end of the month", now: at(2026, 11, 30, 22, 0), want: at(2026, 12, 1, 8, 0)},
		{name: "own start, after midnight", start: "06:30", now: at(2026, 11, 24, 1, 0), want: at(2026, 11, 24, 6, 30)},
		{name: "own start, evening", start: "06:30", now: at(2026, 11, 24, 21, 0), want: at(2026, 11, 25, 6, 30)},
		{name: "late riser after midnight", start: "10:00", now: at(2026, 11, 24, 0, 30), want: at(2026, 11, 24, 10, 0)},
		// Clocks go forward at 02:00 on 29 March 2026: an hour less.
		{name: "spring forward, evening before", now: at(2026, 3, 28, 23, 0), want: at(2026, 3, 29, 8, 0), real: 8 * time.Hour},
		{name: "spring forward, after midnight", now: at(2026, 3, 29, 0, 30), want: at(2026, 3, 29, 8, 0), real: 6*time.Hour + 30*time.Minute},
		{name: "spring forward, after the change", now: at(2026, 3, 29, 3, 30), want: at(2026, 3, 29, 8, 0), real: 4*time.Hour + 30*time.Minute},
		// A start in the skipped hour is the moment the clocks read 03:30.
		{name: "spring forward, start skipped", start: "02:30", now: at(2026, 3, 29, 1, 0), want: at(2026, 3, 29, 3, 30), real: time.Hour + 30*time.Minute},
		// Clocks go back at 03:00 on 25 October 2026: an hour more.
		{name: "fall back, evening before", now: at(2026, 10, 24, 23, 0), want: at(2026, 10, 25, 8, 0), real: 10 * time.Hour},
		{name: "fall back, after midnight", now: at(2026, 10, 25, 0, 30), want: at(2026, 10, 25, 8, 0), real: 8*time.Hour + 30*time.Minute},
		{name: "fall back, the day before", now: at(2026, 10, 24, 12, 0), want: at(2026, 10, 25, 8, 0), real: 21 * time.Hour},
	} {
		t.Run(c.name, func(t *testing.T) {
			stored := map[string]string{}
			if c.start != "" {
				stored[HydrationStart] = c.start
			}
			got := Resolve(stored).NextDayStart(c.now)
			if !got.Equal(c.want) {
				t.Errorf("at %v: %v, want %v", c.now, got, c.want)
			}
			if !got.After(c.now) {
				t.Errorf("at %v: %v is not in the future", c.now, got)
			}
			if c.real != 0 && got.Sub(c.now) != c.real {
				t.Errorf("at %v: lasts %v, want %v", c.now, got.Sub(c.now), c.real)
			}
		})
	}
}
