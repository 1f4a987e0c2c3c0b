package notify

import (
	"context"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"

	"github.com/crampcare/crampcare/assets"
	"github.com/crampcare/crampcare/internal/dbustest"
)

// Notifications leave on a connection of their own, never the shared one
// fyne.io/systray listens on (fyne-io/systray#131), and carry the icon.
func TestNotifyUsesItsOwnConnection(t *testing.T) {
	addr := dbustest.StartBus(t)
	srv := dbustest.StartNotificationServer(t, addr)
	srv.EmitClosed(true)
	dbustest.UseAsSessionBus(t, addr)
	shared, err := dbus.SessionBus()
	if err != nil {
		t.Fatal(err)
	}
	sigs := make(chan *dbus.Signal, 8)
	shared.Signal(sigs)
	defer shared.RemoveSignal(sigs)

	if err := NewBeeep(assets.IconSmallPNG).Notify("Time to stretch", "Your evening stretch."); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	n, err := srv.Wait(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if n.Sender == shared.Names()[0] {
		t.Errorf("sent on the shared session connection %s", n.Sender)
	}
	img, ok := n.Hints["image-data"]
	if !ok {
		t.Fatalf("no image-data hint in %v", n.Hints)
	}
	if fields, ok := img.Value().([]any); !ok || len(fields) != 7 || fields[0].(int32) != 128 {
		t.Errorf("image-data = %v", img.Value())
	}
	select {
	case s := <-sigs:
		if s.Name == "org.freedesktop.Notifications.NotificationClosed" {
			t.Errorf("NotificationClosed reached the shared connection: %v", s)
		}
	case <-time.After(300 * time.Millisecond):
	}
}
