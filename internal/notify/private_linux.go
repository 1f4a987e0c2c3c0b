package notify

import (
	"bytes"
	"fmt"
	"image"
	"image/draw"
	_ "image/png" // the icon is a PNG
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
type privateBus struct {
	mu   sync.Mutex
	conn *dbus.Conn
}

// send calls org.freedesktop.Notifications.Notify; a broken connection is
// replaced once.
func (p *privateBus) send(app, title, body string, icon []byte) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	hints := map[string]dbus.Variant{"urgency": dbus.MakeVariant(byte(1))}
	if img, err := imageData(icon); err == nil {
		hints["image-data"] = img
	}
	var err error
	for range 2 {
		if p.conn == nil {
			if p.conn, err = dbus.ConnectSessionBus(); err != nil {
				p.conn = nil
				return fmt.Errorf("session bus: %w", err)
			}
		}
		obj := p.conn.Object("org.freedesktop.Notifications", "/org/freedesktop/Notifications")
		call := obj.Call("org.freedesktop.Notifications.Notify", 0,
			app, uint32(0), "", title, body, []string{}, hints, int32(-1))
		if err = call.Err; err == nil {
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
