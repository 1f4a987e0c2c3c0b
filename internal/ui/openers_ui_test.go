package ui

import (
	"maps"
	"testing"
	"time"

	"github.com/crampcare/crampcare/internal/cramp"
)

// Asking for a window that is open brings it forward: never a second
// window of a kind. A name this version does not know opens the main
// window, or brings it forward, rather than a second main window over the
// first (which the old switch did, leaving the first one unreachable).
func TestShowOpensEachWindowOnce(t *testing.T) {
	u, st := newTestUI(t, day)
	e := logAt(t, st, cramp.Entry{At: day.Add(-time.Hour)})
	before := len(u.app.Driver().AllWindows()) // the test driver has one of its own
	names := []string{"main", "relief:" + itoa(e.ID), "stretch", "help", "help:prevent", "settings", "fordoctor",
		"details:" + itoa(e.ID), "backdate", "main:history"}
	for _, n := range names {
		u.show(n)
	}
	first := maps.Clone(u.windows)
	const kinds = 8 // main, relief, stretch, help, settings, fordoctor, details, backdate
	if len(first) != kinds {
		t.Fatalf("%d windows open, want %d: %v", len(first), kinds, first)
	}
	for _, n := range append(names, "nosuch", "nosuch:history", "") {
		u.show(n)
	}
	if !maps.Equal(first, u.windows) {
		t.Errorf("asking again changed the windows: %v, want %v", u.windows, first)
	}
	if n := len(u.app.Driver().AllWindows()) - before; n != kinds {
		t.Errorf("%d windows on screen, want %d", n, kinds)
	}
}

// An opener asked for an open window hands back the view already in it,
// turned to what was asked (help to its page); closed, the window is
// forgotten and the next one is new.
func TestOpenerReturnsTheOpenView(t *testing.T) {
	u, st := newTestUI(t, day)
	e := logAt(t, st, cramp.Entry{At: day.Add(-time.Hour)})
	h := u.openHelp("")
	if again := u.openHelp("prevent"); again != h || !h.prevent {
		t.Errorf("help again: view %p (first %p), prevention page %v", again, h, h.prevent)
	}
	d := u.openDetails(itoa(e.ID))
	if d == nil || u.openDetails(itoa(e.ID)) != d || viewOf[*detailsView](u, "details") != d {
		t.Fatalf("details view %p, not the one open", d)
	}
	u.windows["details"].Close()
	if viewOf[*detailsView](u, "details") != nil {
		t.Error("a closed window is still held")
	}
	if u.openDetails(itoa(e.ID)) == d {
		t.Error("reopening the details gave the closed window's view")
	}
	if u.openDetails("999") == nil {
		// The open window is raised whatever cramp is asked for, as before.
		t.Error("details asked again for another cramp: no view")
	}
}
