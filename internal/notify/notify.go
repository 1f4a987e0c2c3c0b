// Package notify sends native desktop notifications. The agent depends on
// the Notifier interface so tests can record what would be shown; Beeep is
// the real one.
package notify

import (
	"sync"

	"github.com/gen2brain/beeep"
)

// AppName is the name notifications are sent under. On Windows it is also
// the toasts' AppUserModelID (beeep hands it to go-toast as the AppID), which
// the installer's Start-menu shortcut carries so that Windows attributes the
// toasts to CrampCare (installer/windows/crampcare.nsi, TestInstallerAUMID).
const AppName = "CrampCare"

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
	b.once.Do(func() { beeep.AppName = AppName })
	// On Linux, over a D-Bus connection of our own first (see privateBus);
	// beeep stays the way on other systems and the fallback here
	// (notify-send, kdialog).
	if err := b.bus.send(beeep.AppName, title, body, b.icon); err == nil {
		return nil
	}
	var icon any = ""
	if len(b.icon) > 0 {
		icon = b.icon
	}
	return beeep.Notify(title, body, icon)
}
