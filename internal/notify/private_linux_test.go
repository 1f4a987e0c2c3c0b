package notify

import (
	"context"
	"slices"
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

// Actions go out as key/label pairs when the server lists "actions", and
// the one pressed comes back to the handler, once, and only for our own
// notifications.
func TestActionsRoundTrip(t *testing.T) {
	addr := dbustest.StartBus(t)
	srv := dbustest.StartNotificationServer(t, addr)
	dbustest.UseAsSessionBus(t, addr)
	keys := make(chan string, 4)
	n := NewBeeep(nil)
	n.OnAction(func(k string) { keys <- k })
	if !n.CanAct() {
		t.Fatal("CanAct false with a server that lists actions")
	}
	if err := n.NotifyActions("Time for a glass of water", "2 of 8 glasses today.",
		[]Action{{"drink", "I drank a glass"}, {"drink-later", "Later"}}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	got, err := srv.Wait(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"drink", "I drank a glass", "drink-later", "Later"}; !slices.Equal(got.Actions, want) {
		t.Errorf("actions sent %q, want %q", got.Actions, want)
	}
	// Someone else's notification with the same key: not ours to act on.
	other := dbustest.Connect(t, addr)
	var otherID uint32
	if err := other.Object(dbustest.NotificationsName, dbustest.NotificationsPath).Call(dbustest.NotificationsIface+".Notify", 0,
		"other", uint32(0), "", "x", "y", []string{"drink", "Drink"}, map[string]dbus.Variant{}, int32(-1)).Store(&otherID); err != nil {
		t.Fatal(err)
	}
	if err := srv.Invoke(otherID, "drink"); err != nil {
		t.Fatal(err)
	}
	if err := srv.Invoke(got.ID, "drink"); err != nil {
		t.Fatal(err)
	}
	select {
	case k := <-keys:
		if k != "drink" {
			t.Errorf("handler heard %q", k)
		}
	case <-ctx.Done():
		t.Fatal("the invoked action never reached the handler")
	}
	// Pressed twice (a server that repeats itself): acted on once.
	if err := srv.Invoke(got.ID, "drink"); err != nil {
		t.Fatal(err)
	}
	select {
	case k := <-keys:
		t.Errorf("heard %q again, or from another app's notification", k)
	case <-time.After(300 * time.Millisecond):
	}
}

func TestNoActionsCapability(t *testing.T) {
	addr := dbustest.StartBus(t)
	srv := dbustest.StartNotificationServer(t, addr)
	srv.WithoutActions()
	dbustest.UseAsSessionBus(t, addr)
	if NewBeeep(nil).CanAct() {
		t.Error("CanAct true with a server that lists no actions")
	}
}
