//go:build smoke

package smoke

import (
	"context"
	"encoding/json"
	"path/filepath"
	"testing"
	"time"

	"github.com/crampcare/crampcare/internal/cramp"
	"github.com/crampcare/crampcare/internal/dbustest"
)

// TestTwoDataFolders runs two agents side by side on one desktop, each on
// its own data folder (two people sharing a login, or a test diary): each
// keeps its own cramps, and starting one again only brings it forward.
func TestTwoDataFolders(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	s := newSession(t)
	watcher := dbustest.StartWatcher(t, s.bus)
	other := *s
	other.dataDir = filepath.Join(s.home, "other")

	a := s.startAgent()
	b := other.startAgent()
	dialAgent(ctx, t, s).Close()
	dialAgent(ctx, t, &other).Close()
	for _, sess := range []*session{s, &other} {
		if _, err := sess.crampcare(ctx, "log", "--note", filepath.Base(sess.dataDir)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := other.crampcare(ctx, "log", "--note", "other"); err != nil {
		t.Fatal(err)
	}
	for sess, want := range map[*session]int{s: 1, &other: 2} {
		out, err := sess.crampcare(ctx, "list", "--format", "json")
		if err != nil {
			t.Fatal(err)
		}
		var list []cramp.Entry
		if err := json.Unmarshal([]byte(out), &list); err != nil {
			t.Fatal(err)
		}
		if len(list) != want {
			t.Errorf("%s holds %d cramps, want %d: %+v", sess.dataDir, len(list), want, list)
		}
		for _, e := range list {
			if e.Note != filepath.Base(sess.dataDir) {
				t.Errorf("%s holds %q, another folder's cramp", sess.dataDir, e.Note)
			}
		}
	}
	// Both trays are up, one item each.
	if _, err := watcher.WaitItems(ctx, func(items []dbustest.Item) bool { return len(items) == 2 }); err != nil {
		t.Fatalf("tray items: %v, want two", watcher.Items())
	}
	// A second start on a folder that has an agent leaves it at one.
	if _, err := other.crampcare(ctx); err != nil {
		t.Fatalf("second start on the other folder: %v", err)
	}
	select {
	case err := <-b.done:
		t.Fatalf("the other folder's agent stopped: %v", err)
	default:
	}
	for _, ag := range []*agent{a, b} {
		if err := ag.stop(t); err != nil {
			t.Errorf("agent exit: %v", err)
		}
	}
}
