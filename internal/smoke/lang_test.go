//go:build smoke

package smoke

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/crampcare/crampcare/internal/dbustest"
	"github.com/crampcare/crampcare/internal/settings"
	"github.com/crampcare/crampcare/internal/tray"
)

// TestTrayInGerman runs the agent in a German session (LANG=de_DE.UTF-8):
// the tray menu and the notifications speak German; ui.language set to
// en switches the menu to English at once, with no restart.
func TestTrayInGerman(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	s := newSession(t)
	s.extra = append(s.extra, "LANG=de_DE.UTF-8")
	notes := dbustest.StartNotificationServer(t, s.bus)
	watcher := dbustest.StartWatcher(t, s.bus)
	conn := dbustest.Connect(t, s.bus)

	a := s.startAgent()
	item, err := watcher.WaitForItem(ctx)
	if err != nil {
		t.Fatalf("tray item never registered: %v", err)
	}
	if err := waitMenu(ctx, conn, item, "Krampf jetzt eintragen"); err != nil {
		t.Fatal(err)
	}
	menu, err := dbustest.ReadMenu(ctx, conn, item)
	if err != nil {
		t.Fatal(err)
	}
	for _, english := range []string{tray.LabelLogCramp, tray.LabelDrink, tray.LabelQuit} {
		if _, ok := menu.Find(english); ok {
			t.Errorf("the German tray menu still has %q", english)
		}
	}
	drink, ok := menu.Find("Ich habe ein Glas Wasser getrunken")
	if !ok {
		t.Fatalf("the German tray menu has no entry for a glass: %+v", menu)
	}
	if _, ok := menu.Find("Beenden"); !ok {
		t.Errorf("the German tray menu has no Beenden: %+v", menu)
	}
	if err := dbustest.Click(ctx, conn, item, drink.ID); err != nil {
		t.Fatal(err)
	}
	n, err := notes.Wait(ctx, func(n dbustest.Notification) bool { return strings.Contains(n.Body, "1 von 8 Gläsern") })
	if err != nil {
		t.Fatalf("no German notification for the glass: %v (got %+v)", err, notes.Notifications())
	}
	if n.Summary != "Glas Wasser eingetragen" {
		t.Errorf("notification title %q, want Glas Wasser eingetragen", n.Summary)
	}

	// The setting wins over the session's locale, at once.
	s.set(ctx, t, settings.Language, "en")
	if err := waitMenu(ctx, conn, item, tray.LabelLogCramp); err != nil {
		t.Fatal(err)
	}
	if err := a.stop(t); err != nil {
		t.Fatalf("agent exit after SIGTERM: %v, want exit 0", err)
	}
}
