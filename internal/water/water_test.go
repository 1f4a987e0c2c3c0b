package water

import (
	"errors"
	"testing"
	"time"

	"github.com/crampcare/crampcare/internal/input"
)

// Issue 18, point 9: a glass dated 1600 was keyed as if drunk in 2185 and
// counted toward today; a glass is refused outside CrampCare's range.
func TestValidate(t *testing.T) {
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	for at, ok := range map[time.Time]bool{
		now.Add(-time.Hour):  true,
		now.Add(input.Slack): true,
		input.Earliest():     true,
		{}:                   false,
		now.Add(time.Hour):   false,
		time.Date(1600, 12, 1, 3, 0, 0, 0, time.UTC): false,
		time.Date(2185, 6, 1, 0, 0, 0, 0, time.UTC):  false,
	} {
		err := Glass{At: at}.Validate(now)
		if (err == nil) != ok || err != nil && !errors.Is(err, input.ErrInvalid) {
			t.Errorf("glass at %v: %v, want ok %v", at, err, ok)
		}
	}
}
