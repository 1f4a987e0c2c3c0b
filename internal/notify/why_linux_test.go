package notify

import (
	"errors"
	"testing"
)

// With no session bus at all, Notify says so (issue 14: the words for a
// person tell it from a desktop without a notification service).
func TestBeeepWithoutSessionBus(t *testing.T) {
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path="+t.TempDir()+"/no-bus")
	t.Setenv("PATH", t.TempDir())
	err := NewBeeep(nil).Notify("x", "y")
	if !errors.Is(err, ErrNoSession) {
		t.Errorf("no bus: %v, want ErrNoSession", err)
	}
}
