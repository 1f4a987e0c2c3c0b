//go:build !linux

package notify

import "errors"

// privateBus is Linux's way round fyne-io/systray#131; elsewhere beeep
// sends directly.
type privateBus struct{}

func (*privateBus) send(string, string, string, []byte) error {
	return errors.ErrUnsupported
}
