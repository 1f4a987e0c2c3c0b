//go:build smoke

package smoke

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/crampcare/crampcare/internal/dbustest"
	"github.com/crampcare/crampcare/internal/ui"
)

// hhmm formats a local time of day as the settings take it.
func hhmm(t time.Time) string { return t.Format("15:04") }

// TestReminders runs the real agent against a notification server that
// records Notify calls. The four cases run side by side, each on its own X
// server and bus, so the suite waits about one reminder interval in all.
func TestReminders(t *testing.T) {
	// A waking day around now, drink reminders every minute, no taper.
	drinkEveryMinute := func(now time.Time) []string {
		return []string{
			"hydration.interval", "1m",
			"hydration.start", hhmm(now.Add(-time.Hour)),
			"hydration.end", hhmm(now.Add(2 * time.Hour)),
			"hydration.taper", "0s",
			"stretch.enabled", "false",
		}
	}

	t.Run("hydration arrives one interval after a glass", func(t *testing.T) {
		t.Parallel()
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
		defer cancel()
		s := newSession(t)
		notes := dbustest.StartNotificationServer(t, s.bus)
		dbustest.StartWatcher(t, s.bus)
		s.set(ctx, t, drinkEveryMinute(time.Now())...)
		if _, err := s.crampcare(ctx, "drink"); err != nil {
			t.Fatal(err)
		}
		drank := time.Now()
		s.startAgent()
		n, err := notes.Wait(ctx, func(n dbustest.Notification) bool { return n.Summary == "Time for a glass of water" })
		if err != nil {
			t.Fatalf("no hydration notification: %v", err)
		}
		if waited := time.Since(drank); waited < 50*time.Second {
			t.Errorf("reminder %v after the glass, want about a minute (the glass restarts the interval)", waited)
		}
		if !strings.HasPrefix(n.Body, "1 of 8 glasses today") {
			t.Errorf("body %q does not say how far along the day is", n.Body)
		}
	})

	t.Run("no hydration once the goal is reached", func(t *testing.T) {
		t.Parallel()
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
		defer cancel()
		s := newSession(t)
		notes := dbustest.StartNotificationServer(t, s.bus)
		dbustest.StartWatcher(t, s.bus)
		s.set(ctx, t, append(drinkEveryMinute(time.Now()), "hydration.goal", "1")...)
		if _, err := s.crampcare(ctx, "drink"); err != nil {
			t.Fatal(err)
		}
		s.startAgent()
		quiet, stop := context.WithTimeout(ctx, 80*time.Second)
		defer stop()
		if n, err := notes.Wait(quiet, func(n dbustest.Notification) bool { return strings.Contains(n.Summary, "water") }); err == nil {
			t.Errorf("reminded although the goal was reached: %+v", n)
		}
	})

	t.Run("stretch reminder at stretch time", func(t *testing.T) {
		t.Parallel()
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
		defer cancel()
		s := newSession(t)
		notes := dbustest.StartNotificationServer(t, s.bus)
		dbustest.StartWatcher(t, s.bus)
		due := time.Now().Add(time.Minute).Truncate(time.Minute)
		s.set(ctx, t, "hydration.enabled", "false", "stretch.time", hhmm(due))
		s.startAgent()
		if _, err := notes.Wait(ctx, func(n dbustest.Notification) bool { return n.Summary == "Time for your evening stretch" }); err != nil {
			t.Fatalf("no stretch notification: %v", err)
		}
		if early := due.Sub(time.Now()); early > time.Second {
			t.Errorf("stretch reminder %v before its time", early)
		}
	})

	t.Run("no notification server: a reminder window instead", func(t *testing.T) {
		t.Parallel()
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
		defer cancel()
		s := newSession(t)
		dbustest.StartWatcher(t, s.bus)
		s.set(ctx, t, drinkEveryMinute(time.Now())...)
		a := s.startAgent()
		// Due at once (the day began an hour ago), so the window comes now.
		if err := s.waitWindow(ctx, ui.TitleReminder); err != nil {
			t.Fatal(err)
		}
		if got := a.log.String(); strings.Count(got, "notifications cannot be shown") != 1 {
			t.Errorf("the failure should be logged once:\n%s", got)
		}
	})
}
