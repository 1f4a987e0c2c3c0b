//go:build smoke

package smoke

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/crampcare/crampcare/internal/dbustest"
	"github.com/crampcare/crampcare/internal/settings"
	"github.com/crampcare/crampcare/internal/ui"
)

// setting reads one setting's value with `crampcare settings list`.
func setting(ctx context.Context, t *testing.T, s *session, key string) string {
	t.Helper()
	out, err := s.crampcare(ctx, "settings", "list")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(out, "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == key {
			return f[1]
		}
	}
	t.Fatalf("no %s in:\n%s", key, out)
	return ""
}

// noWindow checks that no window with this title comes up within a few
// seconds of the tray item being there (when the agent would have shown
// it). A bounded wait: "never" cannot be waited for.
func noWindow(ctx context.Context, t *testing.T, s *session, title string) {
	t.Helper()
	short, cancel := context.WithTimeout(ctx, 4*time.Second)
	defer cancel()
	if err := s.waitWindow(short, title); err == nil {
		t.Errorf("window %q shown, want none", title)
	} else if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatal(err)
	}
}

// TestWelcomeFirstStart: a new data folder shows "Welcome to CrampCare"
// (and not the main window, with a tray there); no reminder comes while it
// is open, even one long overdue; closing it marks it done and lets the
// reminder through; the next start shows no welcome.
func TestWelcomeFirstStart(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	s := newSession(t)
	s.welcome = true
	notes := dbustest.StartNotificationServer(t, s.bus)
	watcher := dbustest.StartWatcher(t, s.bus)
	a := s.startAgent()
	if err := s.waitWindow(ctx, ui.TitleWelcome); err != nil {
		t.Fatal(err)
	}
	s.screenshot(ui.TitleWelcome, "welcome-day")
	if s.windowExists(ui.TitleMain) {
		t.Error("the main window opened with the welcome although there is a tray")
	}
	if got := setting(ctx, t, s, settings.WelcomeDone); got != "false" {
		t.Errorf("welcome.done = %s while the welcome is open, want false", got)
	}
	// A drink reminder due every minute all day, set while the welcome
	// is open (each setting nudges the reminder runner).
	for _, kv := range [][2]string{{"hydration.start", "00:00"}, {"hydration.end", "23:59"}, {"hydration.interval", "1m"},
		{"hydration.taper", "0s"}, {"stretch.enabled", "false"}} {
		if _, err := s.crampcare(ctx, "settings", "set", kv[0], kv[1]); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := watcher.WaitForItem(ctx); err != nil {
		t.Fatal(err)
	}
	short, done := context.WithTimeout(ctx, 3*time.Second)
	defer done()
	if n, err := notes.Wait(short, func(dbustest.Notification) bool { return true }); err == nil {
		t.Fatalf("notification %q while the welcome was open", n.Summary)
	}
	// Closing the welcome (Escape) ends it, and the reminder comes.
	s.key(ui.TitleWelcome, "Escape")
	if _, err := notes.Wait(ctx, func(n dbustest.Notification) bool { return n.Summary == "Time for a glass of water" }); err != nil {
		t.Fatalf("no reminder after the welcome was closed: %v", err)
	}
	if got := setting(ctx, t, s, settings.WelcomeDone); got != "true" {
		t.Errorf("welcome.done = %s after closing the welcome, want true", got)
	}
	if err := a.stop(t); err != nil {
		t.Fatalf("agent exit: %v", err)
	}

	// The second start.
	s.startAgent()
	if _, err := watcher.WaitForItem(ctx); err != nil {
		t.Fatal(err)
	}
	noWindow(ctx, t, s, ui.TitleWelcome)
}

// TestWelcomeNotAfterCommandLineSetting: a diary set up on the command
// line before the first start gets no welcome, and its reminders are not
// held for one.
func TestWelcomeNotAfterCommandLineSetting(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	s := newSession(t)
	s.welcome = true // no marking by the harness: the setting below is the test
	watcher := dbustest.StartWatcher(t, s.bus)
	if _, err := s.crampcare(ctx, "settings", "set", "hydration.goal", "9"); err != nil {
		t.Fatal(err)
	}
	s.startAgent()
	if _, err := watcher.WaitForItem(ctx); err != nil {
		t.Fatal(err)
	}
	noWindow(ctx, t, s, ui.TitleWelcome)
	if got := setting(ctx, t, s, settings.WelcomeDone); got != "true" {
		t.Errorf("welcome.done = %s, want true (marked done by the agent)", got)
	}
}
