//go:build smoke

package smoke

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/crampcare/crampcare/internal/dbustest"
	"github.com/crampcare/crampcare/internal/ui"
)

// TestRemindersActOnNotification runs the real agent against a
// notification server that shows buttons: the reminders carry their
// actions, and pressing one does what the tray's entry would.
func TestRemindersActOnNotification(t *testing.T) {
	t.Run("I drank a glass stores a glass", func(t *testing.T) {
		t.Parallel()
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		s := newSession(t)
		notes := dbustest.StartNotificationServer(t, s.bus)
		dbustest.StartWatcher(t, s.bus)
		now := time.Now()
		// Due at once: the waking day began an hour ago.
		s.set(ctx, t, "hydration.interval", "30m", "hydration.start", hhmm(now.Add(-time.Hour)),
			"hydration.end", hhmm(now.Add(2*time.Hour)), "hydration.taper", "0s", "stretch.enabled", "false")
		a := s.startAgent()
		n, err := notes.Wait(ctx, func(n dbustest.Notification) bool { return n.Summary == "Time for a glass of water" })
		if err != nil {
			t.Fatal(err)
		}
		if want := []string{"drink", "I drank a glass", "drink-later", "Later"}; !slices.Equal(n.Actions, want) {
			t.Errorf("actions %q, want %q", n.Actions, want)
		}
		if strings.Contains(n.Body, "tray") {
			t.Errorf("with buttons on the notification the text still points to the tray: %q", n.Body)
		}
		if err := notes.Invoke(n.ID, "drink"); err != nil {
			t.Fatal(err)
		}
		// The agent confirms as from the tray.
		if _, err := notes.Wait(ctx, func(n dbustest.Notification) bool { return n.Summary == "Glass of water logged" }); err != nil {
			t.Fatalf("no confirmation: %v", err)
		}
		out, err := s.crampcare(ctx, "status")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out, "Glasses of water today: 1 of 8") {
			t.Errorf("status after the action:\n%s", out)
		}
		if err := a.stop(t); err != nil {
			t.Errorf("agent exit: %v", err)
		}
	})

	t.Run("Start the stretch opens the stretch window", func(t *testing.T) {
		t.Parallel()
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
		defer cancel()
		s := newSession(t)
		notes := dbustest.StartNotificationServer(t, s.bus)
		dbustest.StartWatcher(t, s.bus)
		// The stretch time an hour ago is still within its grace: due at once.
		s.set(ctx, t, "hydration.enabled", "false", "stretch.time", hhmm(time.Now().Add(-time.Hour)))
		s.startAgent()
		n, err := notes.Wait(ctx, func(n dbustest.Notification) bool { return n.Summary == "Time for your evening stretch" })
		if err != nil {
			t.Fatal(err)
		}
		if want := []string{"stretch", "Start the stretch", "stretched", "Done", "stretch-later", "In 10 minutes"}; !slices.Equal(n.Actions, want) {
			t.Errorf("actions %q, want %q", n.Actions, want)
		}
		if err := notes.Invoke(n.ID, "stretch"); err != nil {
			t.Fatal(err)
		}
		if err := s.waitWindow(ctx, ui.TitleStretch); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("no actions capability: the text points to the tray", func(t *testing.T) {
		t.Parallel()
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		s := newSession(t)
		notes := dbustest.StartNotificationServer(t, s.bus)
		notes.WithoutActions()
		dbustest.StartWatcher(t, s.bus)
		now := time.Now()
		s.set(ctx, t, "hydration.interval", "30m", "hydration.start", hhmm(now.Add(-time.Hour)),
			"hydration.end", hhmm(now.Add(2*time.Hour)), "hydration.taper", "0s", "stretch.enabled", "false")
		s.startAgent()
		n, err := notes.Wait(ctx, func(n dbustest.Notification) bool { return n.Summary == "Time for a glass of water" })
		if err != nil {
			t.Fatal(err)
		}
		if len(n.Actions) != 0 || !strings.Contains(n.Body, "tray menu") {
			t.Errorf("actions %q, body %q; want none, and the tray named", n.Actions, n.Body)
		}
	})
}
