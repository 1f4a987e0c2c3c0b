// Package notify sends native desktop notifications. The agent depends on
// the Notifier interface so tests can record what would be shown; Beeep is
// the real one.
package notify

import (
	"sync"

	"github.com/gen2brain/beeep"
)

// Notifier shows a short message outside any window.
type Notifier interface {
	Notify(title, body string) error
}

// Beeep delivers notifications through github.com/gen2brain/beeep: D-Bus on
// Linux (falling back to notify-send), the Notification Center on macOS and
// toast notifications on Windows.
type Beeep struct {
	icon []byte
	once sync.Once
	bus  privateBus
}

// NewBeeep returns a notifier that shows icon (PNG bytes) with each message.
func NewBeeep(icon []byte) *Beeep { return &Beeep{icon: icon} }

// Notify implements Notifier.
func (b *Beeep) Notify(title, body string) error {
	// beeep keeps the app name in a package variable; set it once, here,
	// rather than at init, so that merely linking this package changes nothing.
	b.once.Do(func() { beeep.AppName = "CrampCare" })
	// On Linux, over a D-Bus connection of our own first (see privateBus);
	// beeep stays the way on other systems and the fallback here
	// (notify-send, kdialog).
	busErr := b.bus.send(beeep.AppName, title, body, b.icon)
	if busErr == nil {
		return nil
	}
	var icon any = ""
	if len(b.icon) > 0 {
		icon = b.icon
	}
	return failed(busErr, beeep.Notify(title, body, icon))
}
