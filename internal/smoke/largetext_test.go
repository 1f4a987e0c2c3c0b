//go:build smoke

package smoke

import (
	"context"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/crampcare/crampcare/internal/l10n"
	"github.com/crampcare/crampcare/internal/ui"
)

// TestLargeTextWindowsOnScreen runs the real binary on a 1024x600 screen
// at 100 % and on a 1366x768 one at 200 %, by day and by night, and checks
// with xwininfo that every window it opens lies inside the screen: Today,
// Settings, help, the relief steps and "It's over", and the stretch. The
// Fyne-level test (TestLayoutFitsTheScreen in internal/ui) checks what is
// in view inside them. Under make screenshots it keeps Today, Settings,
// help, the relief steps and "It's over" as
// docs/<small-screen|large-text>-<window>-<day|night>.png. It does the
// same in German, the longest words, at both sizes, and in Spanish and
// French on the small screen (names ending -de, -es, -fr).
func TestLargeTextWindowsOnScreen(t *testing.T) {
	for _, sc := range []struct {
		name, screen, scale, lang string
		w, h                      int
	}{
		{"small-screen", "1024x600", "1", "en", 1024, 600},
		{"large-text", "1366x768", "2", "en", 1366, 768},
		// German has the longest words of the languages CrampCare speaks.
		{"small-screen", "1024x600", "1", "de", 1024, 600},
		{"large-text", "1366x768", "2", "de", 1366, 768},
		{"small-screen", "1024x600", "1", "es", 1024, 600},
		{"small-screen", "1024x600", "1", "fr", 1024, 600},
	} {
		if sc.lang != "en" {
			sc.name += "-" + sc.lang
		}
		t.Run(sc.name, func(t *testing.T) {
			tr := l10n.New(l10n.Prefs{Language: sc.lang}, "")
			ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
			defer cancel()
			s := newSessionScreen(t, sc.screen)
			must := func(args ...string) {
				t.Helper()
				if _, err := s.crampcare(ctx, args...); err != nil {
					t.Fatal(err)
				}
			}
			must("import", diaryFile(t, time.Now()))
			must("settings", "set", "ui.scale", sc.scale)
			must("settings", "set", "ui.language", sc.lang)
			must("settings", "set", "hydration.enabled", "false")
			for _, mode := range []struct{ name, start, end string }{
				{"day", "23:59", "00:00"},
				{"night", "00:00", "23:59"},
			} {
				must("settings", "set", "night.start", mode.start)
				must("settings", "set", "night.end", mode.end)
				a := s.startAgent()
				shot := func(title, what string) {
					t.Helper()
					title = tr.T(title)
					if err := s.waitWindow(ctx, title); err != nil {
						t.Fatal(err)
					}
					time.Sleep(700 * time.Millisecond) // its first frames
					s.onScreen(title, what+" "+mode.name, sc.w, sc.h)
					if what != "stretch" { // docs/ keeps the five the README shows
						s.screenshot(title, sc.name+"-"+what+"-"+mode.name)
					}
				}
				shot(ui.TitleMain, "today")
				for _, w := range []struct{ name, title string }{{"settings", ui.TitleSettings}, {"help", ui.TitleHelp}, {"stretch:go", ui.TitleStretch}} {
					must("open", w.name)
					shot(w.title, strings.TrimSuffix(w.name, ":go"))
				}
				// Log a cramp now (Ctrl+L): the relief window for it; Enter
				// goes on with the calf, then Enter is "It's over".
				s.key(tr.T(ui.TitleMain), "ctrl+l")
				if err := s.waitWindow(ctx, tr.T(ui.TitleRelief)); err != nil {
					t.Fatal(err)
				}
				time.Sleep(700 * time.Millisecond)
				s.key(tr.T(ui.TitleRelief), "Return")
				shot(ui.TitleRelief, "relief")
				s.key(tr.T(ui.TitleRelief), "Return")
				shot(ui.TitleRelief, "relief-over")
				if err := a.stop(t); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

var geometryRe = regexp.MustCompile(`(?m)^\s*(Absolute upper-left X|Absolute upper-left Y|Width|Height):\s+(-?\d+)`)

// onScreen checks with xwininfo that the window with this title lies
// wholly inside a screen of w x h.
func (s *session) onScreen(title, what string, w, h int) {
	s.t.Helper()
	find := exec.Command("xdotool", "search", "--onlyvisible", "--name", "^"+title+"$")
	find.Env = s.env()
	out, err := find.Output()
	if err != nil {
		s.t.Errorf("%s: no window %q", what, title)
		return
	}
	info := exec.Command("xwininfo", "-id", strings.Fields(string(out))[0])
	info.Env = s.env()
	out, err = info.Output()
	if err != nil {
		s.t.Errorf("%s: xwininfo: %v", what, err)
		return
	}
	g := map[string]int{}
	for _, m := range geometryRe.FindAllStringSubmatch(string(out), -1) {
		g[m[1]], _ = strconv.Atoi(m[2])
	}
	if len(g) != 4 {
		s.t.Errorf("%s: xwininfo said:\n%s", what, out)
		return
	}
	x, y, ww, wh := g["Absolute upper-left X"], g["Absolute upper-left Y"], g["Width"], g["Height"]
	s.t.Logf("%s: %dx%d at %d,%d on %dx%d", what, ww, wh, x, y, w, h)
	if x < 0 || y < 0 || x+ww > w || y+wh > h {
		s.t.Errorf("%s: window %dx%d at %d,%d is not inside the %dx%d screen", what, ww, wh, x, y, w, h)
	}
}
