package ui

import (
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
)

const (
	waterTitle    = "Time for a glass of water"
	stretchTitle  = "Time for your evening stretch"
	followUpTitle = "Your evening stretch is still waiting"
)

// Issue 13, point 5: when notifications cannot be shown, a stretch
// reminder that comes while the water reminder's window is still open is
// shown too: both in the one window, each with its own buttons. It used
// to raise the water reminder only, and the stretch reminder was lost.
func TestSecondReminderJoinsTheOpenWindow(t *testing.T) {
	u, st := newTestUI(t, day)
	u.show("reminder:hydration")
	first := u.windows["reminder"]
	u.show("reminder:stretch")
	w := u.windows["reminder"]
	if w == nil || w != first || w.Title() != TitleReminder {
		t.Fatalf("reminder window %v, first %v: want the one window", w, first)
	}
	labels := labelsOf(w.Content())
	if !slices.Contains(labels, waterTitle) || !slices.Contains(labels, stretchTitle) {
		t.Fatalf("the window shows %q; want the water and the stretch reminder", labels)
	}
	findButton(t, w.Content(), "Start evening stretch")
	findButton(t, w.Content(), "Remind me in 10 minutes")

	// Answering the water reminder leaves the stretch reminder in sight.
	test.Tap(findButton(t, w.Content(), "I drank a glass of water"))
	if g, err := st.Glasses(time.Time{}, time.Time{}); err != nil || len(g) != 1 {
		t.Errorf("glasses after the reminder's button: %v, %v", g, err)
	}
	if u.windows["reminder"] != w {
		t.Fatal("the window closed with the stretch reminder unanswered")
	}
	labels = labelsOf(w.Content())
	if slices.Contains(labels, waterTitle) || !slices.Contains(labels, stretchTitle) {
		t.Errorf("after the glass the window shows %q; want the stretch reminder only", labels)
	}

	// The follow-up takes the stretch reminder's place, not a second one.
	u.show("reminder:stretch-follow-up")
	labels = labelsOf(w.Content())
	if slices.Contains(labels, stretchTitle) || !slices.Contains(labels, followUpTitle) {
		t.Errorf("after the follow-up the window shows %q; want the follow-up alone", labels)
	}
	test.Tap(findButton(t, w.Content(), "I stretched"))
	if s, err := st.Stretches(time.Time{}, time.Time{}); err != nil || len(s) != 1 {
		t.Errorf("stretches: %v, %v", s, err)
	}
	if _, open := u.windows["reminder"]; open {
		t.Error("the window stayed open with nothing left to answer")
	}
}

// "Not now" puts away its own reminder only; the window closes with the
// last one.
func TestNotNowPutsAwayOneReminder(t *testing.T) {
	u, _ := newTestUI(t, day)
	u.show("reminder:stretch")
	u.show("reminder:hydration")
	w := u.windows["reminder"]
	// The stretch reminder came first, so its "Not now" comes first.
	test.Tap(findButton(t, w.Content(), "Not now"))
	labels := labelsOf(w.Content())
	if slices.Contains(labels, stretchTitle) || !slices.Contains(labels, waterTitle) {
		t.Fatalf("after Not now the window shows %q; want the water reminder only", labels)
	}
	test.Tap(findButton(t, w.Content(), "Not now"))
	if _, open := u.windows["reminder"]; open {
		t.Error("the window stayed open after both were put away")
	}
	// A reminder after that opens a fresh window.
	u.show("reminder:hydration")
	if nw := u.windows["reminder"]; nw == nil || !slices.Contains(labelsOf(nw.Content()), waterTitle) {
		t.Error("no window for the next reminder")
	}
}
