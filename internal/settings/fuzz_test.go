package settings

import (
	"errors"
	"testing"
	"time"

	"github.com/crampcare/crampcare/internal/input"
)

// Whatever a user types for whichever setting is either refused with an
// input error, or normalised to a value that normalises to itself and that
// every accessor reads without panicking (they trust stored values).
func FuzzNormalize(f *testing.F) {
	defs := Defs()
	for i, d := range defs {
		f.Add(uint8(i), d.Default)
	}
	for _, s := range []string{"", " ", "07:30", "25:00", "90m", "-1h", "every", "mon,fri", "mon,,fri", "true", "yes", "1.5", "NaN", "1e309", "2026-11-23T08:00:00Z", "calf,massage", "2024-03", "1950-03-14", "a; b;", "diabetes,pregnancy"} {
		f.Add(uint8(0), s)
		f.Add(uint8(len(defs)-1), s)
	}
	f.Fuzz(func(t *testing.T, i uint8, value string) {
		d := defs[int(i)%len(defs)]
		norm, err := Normalize(d.Key, value)
		if err != nil {
			if !errors.Is(err, input.ErrInvalid) {
				t.Fatalf("Normalize(%s, %q): %v is not an input error", d.Key, value, err)
			}
			return
		}
		again, err := Normalize(d.Key, norm)
		if err != nil || again != norm {
			t.Fatalf("Normalize(%s, %q) = %q, which normalises to %q, %v", d.Key, value, norm, again, err)
		}
		v := Resolve(map[string]string{d.Key: norm})
		_ = v.Items()
		_, _, _, _, _ = v.HydrationEnabled(), v.HydrationInterval(), v.HydrationStart(), v.HydrationEnd(), v.HydrationDays()
		_, _, _, _, _ = v.HydrationAfterGoal(), v.HydrationTaper(), v.StretchEnabled(), v.StretchTime(), v.StretchDays()
		_, _, _, _, _ = v.StretchNag(), v.StretchRounds(), v.StretchSkip(), v.StretchMassage(), v.StretchSound()
		_, _, _, _, _ = v.PausedUntil(), v.HydrationGoal(), v.Scale(), v.NightStart(), v.NightEnd()
		_ = v.IsNight(time.Date(2026, 11, 23, 3, 0, 0, 0, time.UTC))
		_ = v.Patient()
	})
}
