package settings

import (
	"errors"
	"testing"
	"time"

	"github.com/crampcare/crampcare/internal/input"
)

func TestNormalize(t *testing.T) {
	good := map[[2]string]string{
		{HydrationGoal, " 10 "}: "10",
		{NightStart, "9:05"}:    "09:05",
		{UIScale, "1.50"}:       "1.5",
		{WhenAway, " Show"}:     "show",
		{WhenBusy, "HOLD"}:      "hold",
	}
	for in, want := range good {
		got, err := Normalize(in[0], in[1])
		if err != nil || got != want {
			t.Errorf("Normalize(%q, %q) = %q, %v; want %q", in[0], in[1], got, err, want)
		}
	}
	for _, in := range [][2]string{{HydrationGoal, "0"}, {HydrationGoal, "x"}, {NightEnd, "25:00"}, {UIScale, "3"}, {"no.such", "1"}, {WhenAway, "true"}, {WhenBusy, ""}} {
		_, err := Normalize(in[0], in[1])
		var fe *input.Error
		if !errors.As(err, &fe) {
			t.Errorf("Normalize(%q, %q) err = %v, want an input error", in[0], in[1], err)
		}
	}
}

func TestResolveFallsBackOnBadStoredValue(t *testing.T) {
	v := Resolve(map[string]string{HydrationGoal: "999", UIScale: "1.25"})
	if v.HydrationGoal() != 8 {
		t.Errorf("bad stored goal: got %d, want the default 8", v.HydrationGoal())
	}
	if v.Scale() != 1.25 {
		t.Errorf("scale = %v", v.Scale())
	}
	if len(v.Items()) != len(Defs()) {
		t.Errorf("Items lists %d of %d settings", len(v.Items()), len(Defs()))
	}
}

func TestIsNight(t *testing.T) {
	at := func(h, m int) time.Time { return time.Date(2026, 11, 23, h, m, 0, 0, time.UTC) }
	cross := Defaults() // 21:00..07:00 crosses midnight
	same := Resolve(map[string]string{NightStart: "00:30", NightEnd: "06:00"})
	tests := []struct {
		v    Values
		t    time.Time
		want bool
	}{
		{cross, at(20, 59), false}, {cross, at(21, 0), true}, {cross, at(0, 0), true},
		{cross, at(6, 59), true}, {cross, at(7, 0), false}, {cross, at(12, 0), false},
		{same, at(0, 29), false}, {same, at(0, 30), true}, {same, at(5, 59), true}, {same, at(6, 0), false},
	}
	for _, tt := range tests {
		if got := tt.v.IsNight(tt.t); got != tt.want {
			t.Errorf("IsNight(%s) with %s..%s = %v", tt.t.Format("15:04"), tt.v.NightStart(), tt.v.NightEnd(), got)
		}
	}
}

func TestReminderSettings(t *testing.T) {
	good := map[[2]string]string{
		{HydrationInterval, "90m"}:                 "1h30m",
		{HydrationInterval, "1m"}:                  "1m",
		{HydrationTaper, "0s"}:                     "0s",
		{HydrationDays, "Mon, wed,FRIDAY"}:         "mon,wed,fri",
		{HydrationDays, "sun,sat"}:                 "sat,sun",
		{StretchDays, "every"}:                     "every",
		{StretchEnabled, "off"}:                    "false",
		{PausedUntil, ""}:                          "",
		{PausedUntil, "2026-11-23T14:00:00+01:00"}: "2026-11-23T14:00:00+01:00",
	}
	for in, want := range good {
		got, err := Normalize(in[0], in[1])
		if err != nil || got != want {
			t.Errorf("Normalize(%q, %q) = %q, %v; want %q", in[0], in[1], got, err, want)
		}
	}
	for _, in := range [][2]string{
		{HydrationInterval, "30s"}, {HydrationInterval, "13h"}, {HydrationInterval, "often"},
		{HydrationDays, "mo"}, {HydrationDays, "funday"}, {StretchNag, "3h"}, {StretchEnabled, "maybe"},
		{PausedUntil, "tomorrow"},
	} {
		if _, err := Normalize(in[0], in[1]); !errors.Is(err, input.ErrInvalid) {
			t.Errorf("Normalize(%q, %q) err = %v, want invalid", in[0], in[1], err)
		}
	}
	v := Defaults()
	if v.HydrationInterval() != 75*time.Minute || v.HydrationDays() != EveryDay || !v.HydrationEnabled() || v.StretchNag() != 20*time.Minute || !v.PausedUntil().IsZero() {
		t.Errorf("defaults: %+v", v.Items())
	}
}

// Issue 18, point 9: a pause may end at any time CrampCare keeps, no
// earlier than 1900 and before 2200.
func TestPausedUntilInRange(t *testing.T) {
	for v, ok := range map[string]bool{
		"":                          true,
		"2026-11-23T14:00:00+01:00": true,
		"1600-12-01T03:00:00Z":      false,
		"1899-12-31T23:00:00Z":      false,
		"2200-01-01T00:00:00Z":      false,
		"9999-12-31T23:59:59Z":      false,
	} {
		_, err := Normalize(PausedUntil, v)
		if (err == nil) != ok || err != nil && !errors.Is(err, input.ErrInvalid) {
			t.Errorf("paused-until %q: %v, want ok %v", v, err, ok)
		}
	}
}

// Reminders wait while the person is away or busy unless told otherwise.
func TestWhenAwayAndBusy(t *testing.T) {
	d := Defaults()
	if !d.HoldWhenAway() || !d.HoldWhenBusy() {
		t.Errorf("defaults: hold when away %v, when busy %v; want both", d.HoldWhenAway(), d.HoldWhenBusy())
	}
	v := Resolve(map[string]string{WhenAway: "show", WhenBusy: "hold"})
	if v.HoldWhenAway() || !v.HoldWhenBusy() {
		t.Errorf("away=show busy=hold read as %v, %v", v.HoldWhenAway(), v.HoldWhenBusy())
	}
}
