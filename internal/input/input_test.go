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
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		f.Fatal(err)
	}
	// Also the repeated hour of an autumn night, in summer time.
	nows := []time.Time{now, time.Date(2026, 10, 25, 0, 45, 0, 0, time.UTC).In(berlin)}
	f.Fuzz(func(t *testing.T, s string) {
		for _, now := range nows {
			got, err := ParseTime("at", s, now)
			if err == nil && (got.After(now) || got.Before(Earliest())) {
				t.Errorf("ParseTime(%q) at %v = %v, in the future or before %v", s, now, got, Earliest())
			}
			if err != nil && !errors.Is(err, ErrInvalid) {
				t.Errorf("ParseTime(%q): error %v is not an input error", s, err)
			}
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

// Issue 18, point 12: HH:MM is the latest past moment a clock showed it,
// across both clock changes, in Europe and America.
func TestClockLatestAcrossDST(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	utc := func(mo time.Month, d, h, m int) time.Time { return time.Date(2026, mo, d, h, m, 0, 0, time.UTC) }
	tests := []struct {
		name  string
		loc   *time.Location
		now   time.Time // in UTC, to say the instant plainly
		clock string
		want  time.Time // in UTC
	}{
		// Berlin, autumn, 2026-10-25: 03:00 CEST (UTC+2) becomes 02:00 CET (UTC+1).
		{"berlin autumn, 02:45 summer time, first 02:30 is 15m ago", berlin, utc(10, 25, 0, 45), "02:30", utc(10, 25, 0, 30)},
		{"berlin autumn, 02:10 winter time, first 02:30 is 40m ago", berlin, utc(10, 25, 1, 10), "02:30", utc(10, 25, 0, 30)},
		{"berlin autumn, 02:45 winter time, second 02:30 is 15m ago", berlin, utc(10, 25, 1, 45), "02:30", utc(10, 25, 1, 30)},
		{"berlin autumn, next morning, second 02:30", berlin, utc(10, 25, 6, 0), "02:30", utc(10, 25, 1, 30)},
		{"berlin autumn, next morning, 01:30 summer time", berlin, utc(10, 25, 6, 0), "01:30", utc(10, 24, 23, 30)},
		{"berlin autumn, next morning, 03:30 winter time", berlin, utc(10, 25, 6, 0), "03:30", utc(10, 25, 2, 30)},
		{"berlin autumn, in the repeated hour, 23:40 is last night", berlin, utc(10, 25, 0, 45), "23:40", utc(10, 24, 21, 40)},
		{"berlin autumn, the same minute is now", berlin, utc(10, 25, 1, 30), "02:30", utc(10, 25, 1, 30)},
		// Berlin, spring, 2026-03-29: 02:00 CET becomes 03:00 CEST; 02:30 never shows.
		{"berlin spring, next morning, 02:30 by the old clock", berlin, utc(3, 29, 6, 0), "02:30", utc(3, 29, 1, 30)},
		{"berlin spring, 03:10 summer time, 02:30 by the new offset is 40m ago", berlin, utc(3, 29, 1, 10), "02:30", utc(3, 29, 0, 30)},
		{"berlin spring, 03:10 summer time, 01:59 winter time", berlin, utc(3, 29, 1, 10), "01:59", utc(3, 29, 0, 59)},
		{"berlin spring, 03:10 summer time, 03:05", berlin, utc(3, 29, 1, 10), "03:05", utc(3, 29, 1, 5)},
		{"berlin spring, 01:50 before the change, 02:30 is yesterday's", berlin, utc(3, 29, 0, 50), "02:30", utc(3, 28, 1, 30)},
		// New York, autumn, 2026-11-01: 02:00 EDT (UTC-4) becomes 01:00 EST (UTC-5).
		{"new york autumn, 01:45 EDT, first 01:30", ny, utc(11, 1, 5, 45), "01:30", utc(11, 1, 5, 30)},
		{"new york autumn, 01:10 EST, first 01:30 is 40m ago", ny, utc(11, 1, 6, 10), "01:30", utc(11, 1, 5, 30)},
		{"new york autumn, 01:45 EST, second 01:30", ny, utc(11, 1, 6, 45), "01:30", utc(11, 1, 6, 30)},
		{"new york autumn, next morning, second 01:30", ny, utc(11, 1, 12, 0), "01:30", utc(11, 1, 6, 30)},
		// New York, spring, 2026-03-08: 02:00 EST becomes 03:00 EDT.
		{"new york spring, next morning, 02:30 by the old clock", ny, utc(3, 8, 12, 0), "02:30", utc(3, 8, 7, 30)},
		{"new york spring, 03:10 EDT, 02:30 by the new offset", ny, utc(3, 8, 7, 10), "02:30", utc(3, 8, 6, 30)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			now := tt.now.In(tt.loc)
			got, err := ParseTime("at", tt.clock, now)
			if err != nil || !got.Equal(tt.want) {
				t.Errorf("at %s, %s = %v (%v), %v; want %v (%v, %s back)", now.Format("15:04 MST"), tt.clock,
					got.UTC(), got, err, tt.want, tt.want.In(tt.loc), now.Sub(tt.want))
			}
			if got.Location() != tt.loc {
				t.Errorf("result in %v, want %v", got.Location(), tt.loc)
			}
		})
	}
}

// Every minute of both clock-change days in both zones: HH:MM never lies
// ahead, never more than a day and an hour back, and reads back as HH:MM
// unless the clock skipped it.
func TestClockLatestEveryMinuteOfChangeDays(t *testing.T) {
	for _, zone := range []string{"Europe/Berlin", "America/New_York"} {
		loc, err := time.LoadLocation(zone)
		if err != nil {
			t.Fatal(err)
		}
		for _, day := range []time.Time{time.Date(2026, 3, 8, 0, 0, 0, 0, loc), time.Date(2026, 3, 29, 0, 0, 0, 0, loc),
			time.Date(2026, 10, 25, 0, 0, 0, 0, loc), time.Date(2026, 11, 1, 0, 0, 0, 0, loc)} {
			for now := day; now.Before(day.Add(26 * time.Hour)); now = now.Add(10 * time.Minute) {
				for c := Clock(0); c < 24*60; c += 15 {
					got := c.Latest(now)
					if got.After(now) || now.Sub(got) > 25*time.Hour {
						t.Fatalf("%s at %v: %s = %v", zone, now, c, got)
					}
					// The clock shows c, or, for a time the change skipped,
					// c by the offset on the other side: an hour apart.
					diff := (got.Hour()*60 + got.Minute() - int(c) + 24*60) % (24 * 60)
					if diff != 0 && diff != 60 && diff != 23*60 {
						t.Fatalf("%s at %v: %s = %v, which no clock showed", zone, now, c, got)
					}
					if diff != 0 && c.On(got).Hour()*60+c.On(got).Minute() == int(c) {
						t.Fatalf("%s at %v: %s = %v, but the clock did show %s that day", zone, now, c, got, c)
					}
				}
			}
		}
	}
}

// Issue 18, point 9: the store counts time in 64-bit nanoseconds (1678 to
// 2262); a date outside CrampCare's range is refused where it is typed.
func TestParseTimeRefusesBefore1900(t *testing.T) {
	now := time.Date(2026, 11, 23, 7, 30, 0, 0, time.UTC)
	for _, s := range []string{"1600-12-01T03:00:00Z", "1899-12-31T23:59:59Z", "0001-01-01T00:00:00Z", "-2000000h"} {
		_, err := ParseTime("at", s, now)
		var fe *Error
		if !errors.As(err, &fe) || fe.Field != "at" {
			t.Errorf("ParseTime(%q) err = %v, want an input error on at", s, err)
		}
	}
	if got, err := ParseTime("at", "1900-01-01T00:00:00Z", now); err != nil || !got.Equal(Earliest()) {
		t.Errorf("1900-01-01 = %v, %v; want accepted", got, err)
	}
}

func TestCheckPastAndKept(t *testing.T) {
	now := time.Date(2026, 11, 23, 7, 30, 0, 0, time.UTC)
	for _, tc := range []struct {
		t  time.Time
		ok bool
	}{
		{time.Time{}, false},
		{time.Date(1600, 12, 1, 3, 0, 0, 0, time.UTC), false},
		{time.Date(1899, 12, 31, 23, 0, 0, 0, time.UTC), false},
		{Earliest(), true},
		{now, true},
		{now.Add(Slack), true},
		{now.Add(Slack + time.Second), false},
		{time.Date(2185, 1, 1, 0, 0, 0, 0, time.UTC), false},
	} {
		if err := CheckPast("at", tc.t, now); (err == nil) != tc.ok || err != nil && !errors.Is(err, ErrInvalid) {
			t.Errorf("CheckPast(%v) = %v, want ok %v", tc.t, err, tc.ok)
		}
	}
	if err := CheckPastWithin("at", now.Add(23*time.Hour), now, 24*time.Hour); err != nil {
		t.Errorf("within a day: %v", err)
	}
	for _, tc := range []struct {
		t  time.Time
		ok bool
	}{
		{time.Date(1600, 1, 1, 0, 0, 0, 0, time.UTC), false},
		{Earliest(), true},
		{time.Date(2199, 12, 31, 0, 0, 0, 0, time.UTC), true},
		{LatestKept(), false},
		{time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC), false},
	} {
		if err := CheckKept("until", tc.t); (err == nil) != tc.ok {
			t.Errorf("CheckKept(%v) = %v, want ok %v", tc.t, err, tc.ok)
		}
	}
}
