//go:build smoke

package smoke

import (
	"context"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/crampcare/crampcare/internal/cramp"
	"github.com/crampcare/crampcare/internal/export"
	"github.com/crampcare/crampcare/internal/redflags"
	"github.com/crampcare/crampcare/internal/service"
	"github.com/crampcare/crampcare/internal/store"
	"github.com/crampcare/crampcare/internal/stretch"
	"github.com/crampcare/crampcare/internal/ui"
	"github.com/crampcare/crampcare/internal/water"
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
	must("import", diaryFile(t, time.Now()))
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
		if mode.name == "day" {
			// Sent once: the second start (night) remembers it.
			if err := s.waitWindow(ctx, ui.TitleReminder); err != nil {
				t.Fatal(err)
			}
			time.Sleep(500 * time.Millisecond)
			s.screenshot(ui.TitleReminder, "reminder-"+mode.name)
		}
		must("open", "insights")
		time.Sleep(500 * time.Millisecond)
		s.screenshot(ui.TitleMain, "insights-"+mode.name)
		// Opening the main window raises it over the reminder.
		must("open", "today")
		time.Sleep(500 * time.Millisecond)
		s.screenshot(ui.TitleMain, "main-"+mode.name)
		for _, w := range []struct{ name, title string }{{"relief", ui.TitleRelief}, {"stretch:go", ui.TitleStretch}, {"help", ui.TitleHelp}, {"settings", ui.TitleSettings}} {
			must("open", w.name)
			if err := s.waitWindow(ctx, w.title); err != nil {
				t.Fatal(err)
			}
			// Give the window a moment to paint its first frame.
			time.Sleep(500 * time.Millisecond)
			s.screenshot(w.title, strings.TrimSuffix(w.name, ":go")+"-"+mode.name)
			if w.name == "relief" {
				// Enter on "Where is the cramp?" goes on with the calf.
				s.key(w.title, "Return")
				time.Sleep(500 * time.Millisecond)
				s.screenshot(w.title, "relief-steps-"+mode.name)
			}
		}
		if err := a.stop(t); err != nil {
			t.Fatal(err)
		}
	}

	// A red card after a dismissal: a cramp with swelling, its card put
	// away ("Got it"), then a later cramp with redness: a new card.
	must("log", "--at", "-3h", "--symptom", "swelling")
	dismiss(t, s, redflags.RuleSymptoms)
	must("log", "--at", "-1h", "--symptom", "redness-warmth")
	must("settings", "set", "night.start", "23:59")
	must("settings", "set", "night.end", "00:00")
	a := s.startAgent()
	if err := s.waitWindow(ctx, ui.TitleMain); err != nil {
		t.Fatal(err)
	}
	must("open", "today")
	time.Sleep(500 * time.Millisecond)
	s.screenshot(ui.TitleMain, "card-after-dismissal-day")
	if err := a.stop(t); err != nil {
		t.Fatal(err)
	}
}

// dismiss puts away a rule's card as the window's button does, on the
// store itself (no agent runs at this point).
func dismiss(t *testing.T, s *session, rule redflags.Rule) {
	t.Helper()
	st, err := store.Open(filepath.Join(s.dataDir, store.FileName), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	svc := service.New(service.Params{Store: st})
	before, err := svc.Status(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.DismissAdvice(context.Background(), rule); err != nil {
		t.Fatal(err)
	}
	after, _ := svc.Status(context.Background())
	if len(after.Advice) >= len(before.Advice) {
		t.Fatalf("dismissing %s: %d cards before, %d after", rule, len(before.Advice), len(after.Advice))
	}
}

// key sends a key to the window with this title.
func (s *session) key(title, key string) {
	cmd := exec.Command("xdotool", "search", "--onlyvisible", "--name", "^"+title+"$", "windowfocus", "--sync", "%1", "key", "--clearmodifiers", key)
	cmd.Env = s.env()
	if out, err := cmd.CombinedOutput(); err != nil {
		s.t.Errorf("key %s to %q: %v %s", key, title, err, out)
	}
}

// diaryFile writes ten weeks of a plausible diary as an export to import:
// the stretch on most evenings from week four, cramps less often after it,
// and details on most cramps, so that the Insights tab has something to say.
func diaryFile(t *testing.T, now time.Time) string {
	t.Helper()
	r := rand.New(rand.NewPCG(7, 11))
	f := export.File{Format: export.Format, Version: export.Version, ExportedAt: now}
	day := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.Local)
	for d := 70; d >= 2; d-- {
		evening := day.AddDate(0, 0, -d)
		stretched := d < 50 && r.IntN(10) < 7
		if stretched {
			f.Stretches = append(f.Stretches, stretch.Session{Start: evening.Add(21*time.Hour + 30*time.Minute), End: evening.Add(21*time.Hour + 42*time.Minute), Source: stretch.SourceGuided})
		}
		glasses := 4 + r.IntN(6)
		for g := range glasses {
			f.Glasses = append(f.Glasses, water.Glass{At: evening.Add(time.Duration(8*60+g*80) * time.Minute)})
		}
		chance := 45
		if stretched {
			chance = 15
		}
		if r.IntN(100) >= chance {
			continue
		}
		e := cramp.Entry{At: evening.Add(time.Duration(23*60+r.IntN(7*60)) * time.Minute)}
		if r.IntN(5) > 0 {
			e.Muscle = []cramp.Muscle{cramp.MuscleCalf, cramp.MuscleCalf, cramp.MuscleCalf, cramp.MuscleFoot, cramp.MuscleThighBack}[r.IntN(5)]
			e.Leg = cramp.Legs()[r.IntN(2)]
			n := 3 + r.IntN(6)
			e.Intensity = &n
			e.Helped = map[cramp.Step]cramp.Rating{cramp.StepStretch: cramp.RatingYes, cramp.StepMassage: []cramp.Rating{cramp.RatingSome, cramp.RatingNo}[r.IntN(2)]}
			if r.IntN(3) == 0 {
				e.Triggers = []string{[]string{"long-standing", "little-water", "hard-exercise"}[r.IntN(3)]}
			}
		}
		f.Cramps = append(f.Cramps, e)
	}
	path := filepath.Join(t.TempDir(), "diary.json")
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	if err := export.WriteJSON(out, f); err != nil {
		t.Fatal(err)
	}
	return path
}
