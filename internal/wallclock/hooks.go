//go:build crampcare_testhooks

package wallclock

import (
	"os"
	"strings"
	"time"
)

// EnvVar names a file holding how far the clock is moved (a Go duration,
// "4h30m"), read at every call so a test can move it while the agent runs.
const EnvVar = "CRAMPCARE_TEST_CLOCK"

// Func returns the wall clock moved by the duration in $CRAMPCARE_TEST_CLOCK's
// file; time.Now while that file is missing or unreadable.
func Func() func() time.Time {
	path := os.Getenv(EnvVar)
	if path == "" {
		return time.Now
	}
	return func() time.Time {
		raw, err := os.ReadFile(path)
		if err != nil {
			return time.Now()
		}
		off, err := time.ParseDuration(strings.TrimSpace(string(raw)))
		if err != nil {
			return time.Now()
		}
		return time.Now().Add(off)
	}
}
