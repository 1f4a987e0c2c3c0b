//go:build smoke

package smoke

import (
	"context"
	"os"
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
	must("drink", "--at", "-3h")
	must("drink", "--at", "-1h")
	must("drink")
	must("log", "--at", "-20h", "--leg", "left", "--muscle", "calf", "--intensity", "6", "--duration", "2m")

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
		for _, w := range []struct{ name, title string }{{"relief", ui.TitleRelief}, {"stretch", ui.TitleStretch}, {"help", ui.TitleHelp}} {
			must("open", w.name)
			if err := s.waitWindow(ctx, w.title); err != nil {
				t.Fatal(err)
			}
			// Give the window a moment to paint its first frame.
			time.Sleep(500 * time.Millisecond)
			s.screenshot(w.title, w.name+"-"+mode.name)
		}
		if err := a.stop(t); err != nil {
			t.Fatal(err)
		}
	}
}
