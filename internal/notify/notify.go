// Package notify sends native desktop notifications. The agent depends on
// the Notifier interface so tests can record what would be shown; Beeep is
// the real one.
package notify

import (
	"strings"
	"sync"

	"github.com/gen2brain/beeep"
)

// Notifier shows a short message outside any window.
type Notifier interface {
	Notify(title, body string) error
}

// Action is a button on a notification: Key is what the program hears
// when it is pressed, Label what the person reads.
type Action struct {
	Key, Label string
}

// Actor is a Notifier whose notifications can carry actions.
type Actor interface {
	Notifier
	// CanAct says whether notifications show actions here: the Linux
	// notification server lists the "actions" capability, or Windows.
	CanAct() bool
	// NotifyActions shows a notification with buttons; pressing one calls
	// the handler given to the notifier with the action's Key.
	NotifyActions(title, body string, actions []Action) error
	// OnAction sets what hears a pressed action's key; call it before the
	// first notification.
	OnAction(func(key string))
}

// URIScheme is the URL protocol the Windows installer registers for
// CrampCare: a toast's action starts "crampcare.exe crampcare:KEY".
const URIScheme = "crampcare"

// ActionURI is the URI that carries an action's key.
func ActionURI(key string) string { return URIScheme + ":" + key }

// KeyFromURI reads an action's key back from its URI; ok is false for
// anything else.
func KeyFromURI(uri string) (key string, ok bool) {
	key, ok = strings.CutPrefix(uri, URIScheme+":")
	// Windows may add a trailing slash ("crampcare:drink/").
	key = strings.TrimSuffix(key, "/")
	return key, ok && key != ""
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

// OnAction implements Actor. On Linux the notification server tells this
// process; on Windows a pressed action starts the program again with a
// crampcare: URI (see ActionURI), which hands it to the running agent.
func (b *Beeep) OnAction(f func(key string)) { b.bus.setHandler(f) }

// CanAct implements Actor.
func (b *Beeep) CanAct() bool { return b.canAct() }

// NotifyActions implements Actor. Where actions cannot be shown it is
// Notify: the caller asks CanAct first to word the text.
func (b *Beeep) NotifyActions(title, body string, actions []Action) error {
	b.once.Do(func() { beeep.AppName = "CrampCare" })
	if err := b.notifyActions(title, body, actions); err == nil {
		return nil
	}
	return b.Notify(title, body)
}

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
