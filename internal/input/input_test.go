package input

import (
	"errors"
	"testing"
	"time"
	_ "time/tzdata" // DST cases need a real zone on any machine
)

func TestParseTime(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 23, 7, 30, 0, 0, berlin)
	// The morning after the spring-forward night (02:00 -> 03:00).
	dstNow := time.Date(2026, 3, 29, 8, 0, 0, 0, berlin)
	tests := []struct {
		in   string
		now  time.Time
		want time.Time
		bad  bool
	}{
		{in: "", now: now, want: now},
		{in: "now", now: now, want: now},
		{in: "03:10", now: now, want: time.Date(2026, 11, 23, 3, 10, 0, 0, berlin)},
		{in: "23:40", now: now, want: time.Date(2026, 11, 22, 23, 40, 0, 0, berlin)},
		{in: "7:30", now: now, want: now},
		{in: "-2h", now: now, want: now.Add(-2 * time.Hour)},
		{in: "-1h30m", now: now, want: now.Add(-90 * time.Minute)},
		{in: "2026-11-22T23:00:00Z", now: now, want: time.Date(2026, 11, 22, 23, 0, 0, 0, time.UTC)},
		// 02:30 does not exist that night; time.Date moves it to 03:30 CEST.
		{in: "02:30", now: dstNow, want: time.Date(2026, 3, 29, 3, 30, 0, 0, berlin)},
		{in: "+1h", now: now, bad: true},
		{in: "2099-01-01T00:00:00Z", now: now, bad: true},
		{in: "24:00", now: now, bad: true},
		{in: "12:60", now: now, bad: true},
		{in: "noonish", now: now, bad: true},
		{in: "-2x", now: now, bad: true},
	}
	for _, tt := range tests {
		got, err := ParseTime("at", tt.in, tt.now)
		if tt.bad {
			var fe *Error
			if !errors.As(err, &fe) || fe.Field != "at" || !errors.Is(err, ErrInvalid) {
				t.Errorf("ParseTime(%q) err = %v, want an input error on at", tt.in, err)
			}
			continue
		}
		if err != nil || !got.Equal(tt.want) {
			t.Errorf("ParseTime(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
}

func TestParseDurationAndInt(t *testing.T) {
	if d, err := ParseDuration("duration", "90s", time.Hour); err != nil || d != 90*time.Second {
		t.Errorf("90s = %v, %v", d, err)
	}
	for _, s := range []string{"0s", "-1m", "2h", "soon"} {
		if _, err := ParseDuration("duration", s, time.Hour); !errors.Is(err, ErrInvalid) {
			t.Errorf("ParseDuration(%q) err = %v, want invalid", s, err)
		}
	}
	if n, err := ParseInt("goal", " 8 ", 1, 30); err != nil || n != 8 {
		t.Errorf("8 = %v, %v", n, err)
	}
	for _, s := range []string{"0", "31", "eight", "8.5"} {
		if _, err := ParseInt("goal", s, 1, 30); !errors.Is(err, ErrInvalid) {
			t.Errorf("ParseInt(%q) err = %v, want invalid", s, err)
		}
	}
}

func FuzzParseTime(f *testing.F) {
	now := time.Date(2026, 11, 23, 7, 30, 0, 0, time.UTC)
	for _, s := range []string{"03:10", "-2h", "2026-11-22T23:00:00Z", "now", "", "+1h", "99:99"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := ParseTime("at", s, now)
		if err == nil && got.After(now) {
			t.Errorf("ParseTime(%q) = %v, in the future", s, got)
		}
		if err != nil && !errors.Is(err, ErrInvalid) {
			t.Errorf("ParseTime(%q): error %v is not an input error", s, err)
		}
	})
}

func FuzzParseClockDurationInt(f *testing.F) {
	for _, s := range []string{"07:30", "7:30", "24:00", "23:59", "-1:00", "1h30m", "90m", "0s", "-5m", "8", "030", "1e3", "９", "0x10", "99999999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if c, err := ParseClock("at", s); err == nil {
			if c < 0 || c >= 24*60 {
				t.Errorf("ParseClock(%q) = %d, out of the day", s, c)
			}
			if back, err := ParseClock("at", c.String()); err != nil || back != c {
				t.Errorf("ParseClock(%q) = %v, which does not read back: %v, %v", s, c, back, err)
			}
		} else if !errors.Is(err, ErrInvalid) {
			t.Errorf("ParseClock(%q): %v is not an input error", s, err)
		}
		if d, err := ParseDuration("d", s, 6*time.Hour); err == nil && (d <= 0 || d > 6*time.Hour) {
			t.Errorf("ParseDuration(%q) = %v, out of range", s, d)
		} else if err != nil && !errors.Is(err, ErrInvalid) {
			t.Errorf("ParseDuration(%q): %v is not an input error", s, err)
		}
		if n, err := ParseInt("n", s, 0, 10); err == nil && (n < 0 || n > 10) {
			t.Errorf("ParseInt(%q) = %d, out of range", s, n)
		} else if err != nil && !errors.Is(err, ErrInvalid) {
			t.Errorf("ParseInt(%q): %v is not an input error", s, err)
		}
	})
}
