//go:build smoke

package smoke

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"

	"github.com/crampcare/crampcare/internal/cramp"
	"github.com/crampcare/crampcare/internal/dbustest"
	"github.com/crampcare/crampcare/internal/tray"
	"github.com/crampcare/crampcare/internal/ui"
)

// TestTrayAgent runs the real binary the way a desktop does: the agent
// registers its tray item, a tray click logs a cramp and opens the relief
// window, a second launch brings up the main window and exits 0, and
// SIGTERM stops everything with exit 0.
func TestTrayAgent(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	s := newSession(t)
	notes := dbustest.StartNotificationServer(t, s.bus)
	watcher := dbustest.StartWatcher(t, s.bus)
	conn := dbustest.Connect(t, s.bus)

	a := s.startAgent()
	item, err := watcher.WaitForItem(ctx)
	if err != nil {
		t.Fatalf("tray item never registered: %v", err)
	}
	menu, err := dbustest.ReadMenu(ctx, conn, item)
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]int32{}
	for _, label := range []string{tray.LabelLogCramp, tray.LabelDrink, tray.LabelStretch, tray.LabelStretched, tray.LabelOpen, tray.LabelPause, tray.LabelQuit} {
		m, ok := menu.Find(label)
		if !ok {
			t.Fatalf("tray menu has no %q entry: %+v", label, menu)
		}
		ids[label] = m.ID
	}
	// With a tray host there, the agent must not pop a window by itself.
	if s.windowExists(ui.TitleMain) {
		t.Error("main window opened at start although a tray host is present")
	}

	// A glass from the tray: stored, and confirmed by a notification.
	if err := dbustest.Click(ctx, conn, item, ids[tray.LabelDrink]); err != nil {
		t.Fatal(err)
	}
	n, err := notes.Wait(ctx, func(n dbustest.Notification) bool { return strings.Contains(n.Body, "1 of 8 glasses") })
	if err != nil {
		t.Fatalf("no notification for the glass: %v (got %+v)", err, notes.Notifications())
	}
	if n.AppName != "CrampCare" {
		t.Errorf("notification app name = %q, want CrampCare", n.AppName)
	}

	// A cramp from the tray: stored at once, relief window mapped.
	clicked := time.Now()
	if err := dbustest.Click(ctx, conn, item, ids[tray.LabelLogCramp]); err != nil {
		t.Fatal(err)
	}
	if err := s.waitWindow(ctx, ui.TitleRelief); err != nil {
		t.Fatal(err)
	}
	t.Logf("tray click to relief window mapped: %v", time.Since(clicked).Round(time.Millisecond))
	out, err := s.crampcare(ctx, "list", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var list []cramp.Entry
	if err := json.Unmarshal([]byte(out), &list); err != nil {
		t.Fatalf("list: %v\n%s", err, out)
	}
	if len(list) != 1 || list[0].At.Before(clicked.Add(-time.Minute)) {
		t.Fatalf("after one tray click the log holds %+v, want one cramp from now", list)
	}

	// Pause from the tray: stored, shown in the menu, and resumed.
	pause, ok := menu.Find(tray.LabelPause1h)
	if !ok {
		t.Fatalf("no %q in the tray menu", tray.LabelPause1h)
	}
	if err := dbustest.Click(ctx, conn, item, pause.ID); err != nil {
		t.Fatal(err)
	}
	if err := waitMenu(ctx, conn, item, "Reminders paused until"); err != nil {
		t.Fatal(err)
	}
	out, err = s.crampcare(ctx, "settings", "list")
	if err != nil || !strings.Contains(out, time.Now().Add(time.Hour).Format("2006-01-02T15")) {
		t.Errorf("paused-until not stored an hour ahead:\n%s", out)
	}
	menu, err = dbustest.ReadMenu(ctx, conn, item)
	if err != nil {
		t.Fatal(err)
	}
	resume, _ := menu.Find(tray.LabelResume)
	if err := dbustest.Click(ctx, conn, item, resume.ID); err != nil {
		t.Fatal(err)
	}
	if err := waitMenu(ctx, conn, item, tray.LabelPause); err != nil {
		t.Fatal(err)
	}

	// "I stretched" from the tray records tonight's stretch.
	if err := dbustest.Click(ctx, conn, item, ids[tray.LabelStretched]); err != nil {
		t.Fatal(err)
	}
	if _, err := notes.Wait(ctx, func(n dbustest.Notification) bool { return n.Summary == "Evening stretch done" }); err != nil {
		t.Fatal(err)
	}
	if out, err := s.crampcare(ctx, "stretch", "list"); err != nil || !strings.Contains(out, "tray") {
		t.Errorf("stretch list after the tray click:\n%s %v", out, err)
	}

	// A second launch: the running agent shows its main window, exit 0.
	if _, err := s.crampcare(ctx); err != nil {
		t.Fatalf("second launch: %v", err)
	}
	if err := s.waitWindow(ctx, ui.TitleMain); err != nil {
		t.Fatal(err)
	}

	if err := a.stop(t); err != nil {
		t.Fatalf("agent exit after SIGTERM: %v, want exit 0", err)
	}
	if s.windowExists(ui.TitleMain) || s.windowExists(ui.TitleRelief) {
		t.Error("windows still open after the agent stopped")
	}
}

// waitMenu re-reads the tray menu until an entry starts with prefix: the
// agent updates labels asynchronously.
func waitMenu(ctx context.Context, conn *dbus.Conn, item dbustest.Item, prefix string) error {
	for {
		menu, err := dbustest.ReadMenu(ctx, conn, item)
		if err != nil {
			return err
		}
		if hasPrefix(menu, prefix) {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("no tray entry starting %q: %w", prefix, ctx.Err())
		case <-time.After(100 * time.Millisecond):
		}
	}
}

func hasPrefix(m dbustest.MenuItem, prefix string) bool {
	if strings.HasPrefix(m.Label, prefix) {
		return true
	}
	for _, c := range m.Children {
		if hasPrefix(c, prefix) {
			return true
		}
	}
	return false
}

// TestNoTrayHostOpensMainWindow: on a desktop without a tray host (GNOME
// without the AppIndicator extension) the app must still be reachable.
func TestNoTrayHostOpensMainWindow(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	s := newSession(t)
	a := s.startAgent()
	if err := s.waitWindow(ctx, ui.TitleMain); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.log.String(), "No system tray found") {
		t.Errorf("agent did not say why it opened the window:\n%s", a.log.String())
	}
	// A panel that starts later (the extension switched on, a login that
	// finishes late) gets the icon without restarting CrampCare.
	watcher := dbustest.StartWatcher(t, s.bus)
	short, done := context.WithTimeout(ctx, 10*time.Second)
	defer done()
	if _, err := watcher.WaitForItem(short); err != nil {
		t.Errorf("tray icon never registered with a panel that came later: %v", err)
	}
	if err := a.stop(t); err != nil {
		t.Fatalf("agent exit after SIGTERM: %v, want exit 0", err)
	}
}

// TestTrayQuit: the tray's Quit ends the agent with exit 0.
func TestTrayQuit(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	s := newSession(t)
	watcher := dbustest.StartWatcher(t, s.bus)
	conn := dbustest.Connect(t, s.bus)
	a := s.startAgent()
	item, ids := trayEntries(ctx, t, watcher, conn, tray.LabelQuit)
	if err := dbustest.Click(ctx, conn, item, ids[tray.LabelQuit]); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-a.done:
		if err != nil {
			t.Fatalf("agent exit after Quit: %v, want exit 0", err)
		}
	case <-ctx.Done():
		t.Fatal("agent still running after Quit")
	}
}

// TestTrayComesBackAfterPanelRestart reproduces fyne-io/systray#131: a
// D-Bus signal of fewer than 3 arguments on systray's connection, such as
// the NotificationClosed a notification server sends when a notification
// expires, ended systray's watch for the panel, so after the panel
// restarted the icon never came back. The agent must register again.
func TestTrayComesBackAfterPanelRestart(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	s := newSession(t)
	notes := dbustest.StartNotificationServer(t, s.bus)
	notes.EmitClosed(true) // each notification "expires" at once
	watcher := dbustest.StartWatcher(t, s.bus)
	conn := dbustest.Connect(t, s.bus)
	a := s.startAgent()
	item, err := watcher.WaitForItem(ctx)
	if err != nil {
		t.Fatal(err)
	}
	menu, err := dbustest.ReadMenu(ctx, conn, item)
	if err != nil {
		t.Fatal(err)
	}
	drink, _ := menu.Find(tray.LabelDrink)
	for round := range 2 {
		// A notification, closed by the server: the signal that broke it.
		if err := dbustest.Click(ctx, conn, item, drink.ID); err != nil {
			t.Fatal(err)
		}
		want := fmt.Sprintf("%d of 8 glasses", round+1)
		if _, err := notes.Wait(ctx, func(n dbustest.Notification) bool { return strings.Contains(n.Body, want) }); err != nil {
			t.Fatal(err)
		}
		// The panel restarts, as after a crash, an update or a resume.
		watcher.Restart()
		short, done := context.WithTimeout(ctx, 10*time.Second)
		item, err = watcher.WaitForItem(short)
		done()
		if err != nil {
			t.Fatalf("round %d: the tray icon did not come back after the panel restarted: %v", round, err)
		}
	}
	if err := a.stop(t); err != nil {
		t.Errorf("agent exit: %v", err)
	}
}
