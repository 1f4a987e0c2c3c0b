package notify

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/crampcare/crampcare/internal/dbustest"
)

// TestBeeepReachesNotificationServer sends through the real beeep to a
// notification server on a private session bus.
func TestBeeepReachesNotificationServer(t *testing.T) {
	addr := dbustest.StartBus(t)
	srv := dbustest.StartNotificationServer(t, addr)
	dbustest.UseAsSessionBus(t, addr)

	n := NewBeeep([]byte{})
	if err := n.Notify("Glass of water logged", "3 of 8 glasses today."); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	got, err := srv.Wait(ctx, func(n dbustest.Notification) bool { return strings.Contains(n.Body, "3 of 8") })
	if err != nil {
		t.Fatal(err)
	}
	if got.AppName != "CrampCare" || got.Summary != "Glass of water logged" {
		t.Errorf("notification = %+v", got)
	}
}

// TestBeeepReportsFailure: with no server and no notify-send, the caller
// hears about it (the reminders work falls back to a window on this error).
func TestBeeepReportsFailure(t *testing.T) {
	addr := dbustest.StartBus(t)
	dbustest.UseAsSessionBus(t, addr)
	t.Setenv("PATH", t.TempDir()) // no notify-send, no kdialog
	err := NewBeeep(nil).Notify("x", "y")
	if err == nil {
		t.Fatal("Notify with no server returned no error")
	}
	// Issue 14: the kind of failure is told apart, for plain words; the
	// system's detail stays in the text, for the log.
	if !errors.Is(err, ErrNoService) || !strings.Contains(err.Error(), "org.freedesktop.Notifications") {
		t.Errorf("no server: %v, want ErrNoService with the detail", err)
	}
}
