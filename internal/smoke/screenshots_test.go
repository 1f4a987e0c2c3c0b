//go:build smoke

package smoke

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/crampcare/crampcare/internal/ui"
)

// TestScreenshots renders the windows by day and by night for docs/. It runs
// only under `make screenshots`, which sets $CRAMPCARE_SCREENSHOTS.
func TestScreenshots(t *testing.T) {
	if os.Getenv("CRAMPCARE_SCREENSHOTS") == "" {
		t.Skip("make screenshots runs this")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	s := newSession(t)
	must := func(args ...string) {
		t.Helper()
		if _, err := s.crampcare(ctx, args...); err != nil {
			t.Fatal(err)
		}
	}
	// Three glasses, all before the waking day set below begins, so that a
	// drink reminder is due the moment the agent starts.
	must("drink", "--at", "-3h")
	must("drink", "--at", "-2h40m")
	must("drink", "--at", "-2h20m")
	must("log", "--at", "-20h", "--leg", "left", "--muscle", "calf", "--intensity", "6", "--duration", "2m")
	// A drink reminder due at start; with no notification server in this
	// session it shows as the fallback window.
	now := time.Now()
	must("settings", "set", "hydration.start", hhmm(now.Add(-2*time.Hour)))
	must("settings", "set", "hydration.end", hhmm(now.Add(2*time.Hour)))
	must("settings", "set", "hydration.taper", "0s")

	for _, mode := range []struct{ name, start, end string }{
		// A night window that holds every minute but one, or none but one:
		// the look no longer depends on when the screenshots are taken.
		{"day", "23:59", "00:00"},
		{"night", "00:00", "23:59"},
	} {
		must("settings", "set", "night.start", mode.start)
		must("settings", "set", "night.end", mode.end)
		a := s.startAgent()
		if err := s.waitWindow(ctx, ui.TitleMain); err != nil {
			t.Fatal(err)
		}
		s.screenshot(ui.TitleMain, "main-"+mode.name)
		if mode.name == "day" {
			// Sent once: the second start (night) remembers it.
			if err := s.waitWindow(ctx, ui.TitleReminder); err != nil {
				t.Fatal(err)
			}
			time.Sleep(500 * time.Millisecond)
			s.screenshot(ui.TitleReminder, "reminder-"+mode.name)
		}
		for _, w := range []struct{ name, title string }{{"relief", ui.TitleRelief}, {"stretch:go", ui.TitleStretch}, {"help", ui.TitleHelp}, {"settings", ui.TitleSettings}} {
			must("open", w.name)
			if err := s.waitWindow(ctx, w.title); err != nil {
				t.Fatal(err)
			}
			// Give the window a moment to paint its first frame.
			time.Sleep(500 * time.Millisecond)
			s.screenshot(w.title, strings.TrimSuffix(w.name, ":go")+"-"+mode.name)
		}
		if err := a.stop(t); err != nil {
			t.Fatal(err)
		}
	}
}
