//go:build !linux

package notify

import "errors"

// privateBus is Linux's way round fyne-io/systray#131; elsewhere beeep
// sends directly.
type privateBus struct{}

func (*privateBus) send(string, string, string, []byte, ...string) error {
	return errors.ErrUnsupported
}

// setHandler has nothing to do: on Windows a pressed action starts the
// program with a crampcare: URI, and macOS notifications carry none.
func (*privateBus) setHandler(func(string)) {}
