//go:build smoke

package smoke

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
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
	if os.Getenv("CRAMPCARE_SCREENSHOTS") != "" {
		// Mapped is not drawn: wait for the picture to settle.
		x, err := s.newXShot(ctx, ui.TitleWelcome)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := x.waitStill(ctx, 500*time.Millisecond); err != nil {
			t.Fatal(err)
		}
		x.close()
		s.screenshot(ui.TitleWelcome, "welcome-day")
	}
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

// TestTrayNextReminderLine: the tray menu's first line and its tooltip say
// the next reminder and its time, from the agent's schedule.
func TestTrayNextReminderLine(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	s := newSession(t)
	watcher := dbustest.StartWatcher(t, s.bus)
	conn := dbustest.Connect(t, s.bus)
	now := time.Now()
	at := now.Add(2 * time.Hour)
	for _, kv := range [][2]string{{"hydration.enabled", "false"}, {"stretch.time", at.Format("15:04")}} {
		if _, err := s.crampcare(ctx, "settings", "set", kv[0], kv[1]); err != nil {
			t.Fatal(err)
		}
	}
	want := "Next: evening stretch at " + at.Format("15:04")
	if y, m, d := now.Date(); at.Day() != d || at.Month() != m || at.Year() != y {
		want = "Next: evening stretch " + at.Format("Mon 15:04")
	}
	s.startAgent()
	item, err := watcher.WaitForItem(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var menu dbustest.MenuItem
	for {
		if menu, err = dbustest.ReadMenu(ctx, conn, item); err != nil {
			t.Fatal(err)
		}
		// The menu line and the tooltip are set one after the other.
		tip, err := dbustest.ItemProperty(ctx, conn, item, "ToolTip")
		if err != nil {
			t.Fatal(err)
		}
		if len(menu.Children) > 0 && menu.Children[0].Label == want && strings.Contains(fmt.Sprint(tip.Value()), want) {
			break
		}
		select {
		case <-ctx.Done():
			first := ""
			if len(menu.Children) > 0 {
				first = menu.Children[0].Label
			}
			t.Fatalf("first tray line %q, tooltip %v; want both to say %q", first, tip.Value(), want)
		case <-time.After(50 * time.Millisecond):
		}
	}
	drawMenu(t, menu, "tray-next")
}

// drawMenu draws the tray menu as the agent publishes it over D-Bus (the
// visible lines, in order) into a PNG for the README when
// $CRAMPCARE_SCREENSHOTS names a folder. Under Xvfb there is no panel to
// photograph; a panel draws the same lines in its own style.
func drawMenu(t *testing.T, menu dbustest.MenuItem, name string) {
	dir := os.Getenv("CRAMPCARE_SCREENSHOTS")
	if dir == "" {
		return
	}
	var lines []string
	for _, c := range menu.Children {
		switch {
		case !c.Visible:
		case c.Type == "separator":
			lines = append(lines, "──────────────────────────")
		case len(c.Children) > 0:
			lines = append(lines, c.Label+"  ▸")
		default:
			lines = append(lines, c.Label)
		}
	}
	cmd := exec.Command("convert", "-background", "#f4f4f4", "-fill", "#202020", "-font", "DejaVu-Sans", "-pointsize", "20",
		"-interline-spacing", "12", "-bordercolor", "#f4f4f4", "-border", "18", "label:"+strings.Join(lines, "\n"),
		filepath.Join(dir, name+".png"))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("drawing the menu: %v %s", err, out)
	}
}

// waitNoChildren waits until the process pid has no child processes
// (the agent's window process has exited).
func waitNoChildren(ctx context.Context, t *testing.T, pid int) {
	t.Helper()
	for {
		tasks, _ := filepath.Glob(fmt.Sprintf("/proc/%d/task/*/children", pid))
		busy := false
		for _, f := range tasks {
			if b, err := os.ReadFile(f); err == nil && strings.TrimSpace(string(b)) != "" {
				busy = true
			}
		}
		if !busy {
			return
		}
		select {
		case <-ctx.Done():
			t.Fatal("the window process did not exit")
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// waitWindowGone waits until no window with this title exists.
func waitWindowGone(ctx context.Context, t *testing.T, s *session, title string) {
	t.Helper()
	for s.windowExists(title) {
		select {
		case <-ctx.Done():
			t.Fatalf("window %q still there", title)
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// TestNoTrayCloseSaysWhereOnce: without a tray host, the first close of
// the main window says where CrampCare went (the window stays, the words
// in it); closing again closes it while the agent runs on; after that,
// `crampcare` opens it and it closes at once.
func TestNoTrayCloseSaysWhereOnce(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	s := newSession(t)
	// No reminders: without a notification server a reminder due now
	// (at 09:15 with the defaults) opens its own window, and the window
	// process rightly stays for it after the main window closes.
	s.set(ctx, t, "hydration.enabled", "false", "stretch.enabled", "false")
	a := s.startAgent()
	if err := s.waitWindow(ctx, ui.TitleMain); err != nil {
		t.Fatal(err)
	}
	s.key(ui.TitleMain, "Escape")
	// The setting is written only once the words were seen: while the
	// window shows them it stays false and the window stays.
	if got := setting(ctx, t, s, settings.ToldClosed); got != "false" {
		t.Errorf("welcome.told-closed = %s after the first close, want false", got)
	}
	if !s.windowExists(ui.TitleMain) {
		t.Fatal("the first close closed the main window without a word")
	}
	if os.Getenv("CRAMPCARE_SCREENSHOTS") != "" {
		x, err := s.newXShot(ctx, ui.TitleMain)
		if err != nil {
			t.Fatal(err)
		}
		x.waitStill(ctx, 500*time.Millisecond)
		x.close()
		s.screenshot(ui.TitleMain, "notray-closed-day")
	}
	s.key(ui.TitleMain, "Escape")
	waitWindowGone(ctx, t, s, ui.TitleMain)
	if got := setting(ctx, t, s, settings.ToldClosed); got != "true" {
		t.Errorf("welcome.told-closed = %s, want true", got)
	}
	select {
	case err := <-a.done:
		t.Fatalf("the agent stopped with the window: %v", err)
	default:
	}
	// The window process ends with its last window (a show asked for
	// while it ends goes to the next one: TestWindowAskedForWhileThe-
	// ProcessEndsIsShown in the agent); the next start is a new process.
	waitNoChildren(ctx, t, a.cmd.Process.Pid)
	if _, err := s.crampcare(ctx); err != nil {
		t.Fatal(err)
	}
	if err := s.waitWindow(ctx, ui.TitleMain); err != nil {
		t.Fatal(err)
	}
	s.key(ui.TitleMain, "Escape")
	waitWindowGone(ctx, t, s, ui.TitleMain)
}

// TestWelcomeNoTrayThenMainWindow: on a first start without a tray host,
// the welcome comes first, and closing it opens the main window (which
// the agent would otherwise have opened at start).
func TestWelcomeNoTrayThenMainWindow(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	s := newSession(t)
	s.welcome = true
	s.startAgent()
	if err := s.waitWindow(ctx, ui.TitleWelcome); err != nil {
		t.Fatal(err)
	}
	if s.windowExists(ui.TitleMain) {
		t.Error("the main window opened with the welcome")
	}
	s.key(ui.TitleWelcome, "Escape")
	if err := s.waitWindow(ctx, ui.TitleMain); err != nil {
		t.Fatal(err)
	}
	if got := setting(ctx, t, s, settings.WelcomeDone); got != "true" {
		t.Errorf("welcome.done = %s, want true", got)
	}
}
