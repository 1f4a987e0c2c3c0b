package notify

import (
	"errors"
	"fmt"
)

// Why a notification could not be shown, as far as the system says;
// errors.Is tells them apart, so the words for a person can say what
// failed and what to do. The text after them is the system's own detail,
// for the log.
var (
	// ErrNoService: the desktop session has no notification service (no
	// program owns org.freedesktop.Notifications, and no notify-send).
	ErrNoService = errors.New("no notification service is running")
	// ErrNoSession: there is no desktop session bus to ask at all.
	ErrNoSession = errors.New("no desktop session bus")
	// ErrRefused: the notification service was there and said no, or the
	// system did not say why.
	ErrRefused = errors.New("the notification service refused")
)

// failed is the error of a notification that went neither way: nil when
// the fallback (err) worked, else the kind of failure (the first way's
// tells best) with both ways' words.
func failed(busErr, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%w: %v; %v", kind(busErr), busErr, err)
}
