// Package water defines a logged glass of water: drinking steadily through the
// day is one of the habits the facts sheet links to fewer cramps.
package water

import (
	"time"

	"github.com/crampcare/crampcare/internal/input"
)

// Glass is one glass of water the user said they drank.
type Glass struct {
	ID uint64    `json:"id"`
	At time.Time `json:"at"`
}

// Validate checks the glass against now: it has a time, not in the
// future (a minute of slack for the clocks of two processes) and not
// before input.Earliest, so that the CLI, the window, the API and an
// import refuse the same glasses.
func (g Glass) Validate(now time.Time) error {
	return input.CheckPast("at", g.At, now)
}
