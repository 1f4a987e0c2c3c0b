package notify

import (
	"bytes"
	"fmt"
	"image"
	"image/draw"
	_ "image/png" // the icon is a PNG
	"slices"
	"sync"

	"github.com/godbus/dbus/v5"
)

// privateBus sends notifications on a session-bus connection of its own.
//
// beeep uses the process's shared connection (dbus.SessionBus), which is
// also fyne.io/systray's. When a notification server then sends
// NotificationClosed (two arguments) on it, systray's watch for the panel
// sees a signal of fewer than three arguments and stops for good, so the
// tray icon never comes back after a panel restart (fyne-io/systray#131).
// On a connection of our own that signal never reaches systray.
//
// The same connection hears ActionInvoked for the notifications it sent
// with actions, and hands the key to the handler.
type privateBus struct {
	mu       sync.Mutex
	conn     *dbus.Conn
	caps     []string // the server's capabilities, asked once per connection
	asked    bool
	onAction func(key string)
	// ours are the notifications sent with actions and not yet closed:
	// only their ActionInvoked is ours to act on.
	ours map[uint32]bool
}

const (
	notesName  = "org.freedesktop.Notifications"
	notesPath  = dbus.ObjectPath("/org/freedesktop/Notifications")
	maxPending = 64 // notifications with actions remembered at most
)

func (p *privateBus) setHandler(f func(string)) {
	p.mu.Lock()
	p.onAction = f
	p.mu.Unlock()
}

// connect dials the session bus if needed and listens for the server's
// signals on the new connection; the caller holds p.mu.
func (p *privateBus) connect() error {
	if p.conn != nil {
		return nil
	}
	conn, err := dbus.ConnectSessionBus()
	if err != nil {
		return fmt.Errorf("session bus: %w", err)
	}
	// The channel first, then the matches, so no signal is missed.
	ch := make(chan *dbus.Signal, 16)
	conn.Signal(ch)
	for _, member := range []string{"ActionInvoked", "NotificationClosed"} {
		if err := conn.AddMatchSignal(dbus.WithMatchObjectPath(notesPath), dbus.WithMatchInterface(notesName),
			dbus.WithMatchMember(member)); err != nil {
			conn.Close()
			return err
		}
	}
	go p.listen(ch)
	p.conn, p.caps, p.asked, p.ours = conn, nil, false, map[uint32]bool{}
	return nil
}

// listen acts on the signals of one connection until it closes.
func (p *privateBus) listen(ch <-chan *dbus.Signal) {
	for sig := range ch {
		if len(sig.Body) < 2 {
			continue
		}
		id, _ := sig.Body[0].(uint32)
		p.mu.Lock()
		mine := p.ours[id]
		delete(p.ours, id)
		f := p.onAction
		p.mu.Unlock()
		key, isKey := sig.Body[1].(string)
		if mine && isKey && f != nil && sig.Name == notesName+".ActionInvoked" {
			// In its own goroutine: the handler may send a notification
			// on this very connection.
			go f(key)
		}
	}
}

// capable reports whether the server lists capability; the answer is
// kept for the connection's life.
func (p *privateBus) capable(capability string) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.connect() != nil {
		return false
	}
	if !p.asked {
		p.caps = nil
		if err := p.conn.Object(notesName, notesPath).Call(notesName+".GetCapabilities", 0).Store(&p.caps); err != nil {
			return false // asked again next time: the server may start later
		}
		p.asked = true
	}
	return slices.Contains(p.caps, capability)
}

// send calls org.freedesktop.Notifications.Notify; a broken connection is
// replaced once. actions are key, label pairs.
func (p *privateBus) send(app, title, body string, icon []byte, actions ...string) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	hints := map[string]dbus.Variant{"urgency": dbus.MakeVariant(byte(1))}
	if img, err := imageData(icon); err == nil {
		hints["image-data"] = img
	}
	if actions == nil {
		actions = []string{}
	}
	var err error
	for range 2 {
		if err = p.connect(); err != nil {
			return err
		}
		obj := p.conn.Object(notesName, notesPath)
		var id uint32
		err = obj.Call(notesName+".Notify", 0, app, uint32(0), "", title, body, actions, hints, int32(-1)).Store(&id)
		if err == nil {
			if len(actions) > 0 {
				if len(p.ours) >= maxPending {
					clear(p.ours) // servers that never say closed
				}
				p.ours[id] = true
			}
			return nil
		}
		if p.conn.Connected() {
			return err // the server said no: a new connection will not help
		}
		p.conn.Close()
		p.conn = nil
	}
	return err
}

// imageData turns PNG bytes into the spec's image-data hint (iiibiiay).
func imageData(png []byte) (dbus.Variant, error) {
	if len(png) == 0 {
		return dbus.Variant{}, fmt.Errorf("no icon")
	}
	src, _, err := image.Decode(bytes.NewReader(png))
	if err != nil {
		return dbus.Variant{}, err
	}
	b := src.Bounds()
	rgba := image.NewNRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(rgba, rgba.Bounds(), src, b.Min, draw.Src)
	return dbus.MakeVariant(struct {
		W, H, Stride int32
		Alpha        bool
		Bits, Chans  int32
		Data         []byte
	}{int32(b.Dx()), int32(b.Dy()), int32(rgba.Stride), true, 8, 4, rgba.Pix}), nil
}
