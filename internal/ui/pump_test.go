package ui

import (
	"slices"
	"testing"

	"github.com/crampcare/crampcare/internal/api"
)

// TestPumpKeepsTheWindowsNeverShown: of the windows asked for, those the
// Fyne thread never ran (its loop stopped as the last window closed) and
// those that came after it stopped are given back, in the order asked;
// those it ran are not; after the agent said quit, none.
func TestPumpKeepsTheWindowsNeverShown(t *testing.T) {
	events := make(chan api.Event, 8)
	stopped := make(chan struct{})
	var queued []func()
	var handled []string
	do := func(f func()) { queued = append(queued, f) }
	handle := func(ev api.Event) { handled = append(handled, ev.Window) }

	var p pump
	events <- api.Event{Type: api.EventShow, Window: "main"}
	events <- api.Event{Type: api.EventChanged, Change: "cramps"}
	events <- api.Event{Type: api.EventShow, Window: "relief"}
	events <- api.Event{Type: api.EventShow, Window: "help"}
	close(events)
	done := make(chan struct{})
	go func() { p.run(events, stopped, do, handle); close(done) }()
	<-done
	queued[0]() // main ran; the loop stopped before the rest
	if got := p.unshown(); !slices.Equal(got, []string{"relief", "help"}) {
		t.Errorf("unshown = %v, want [relief help]", got)
	}
	if !slices.Equal(handled, []string{"main"}) {
		t.Errorf("handled = %v", handled)
	}

	// After the app stopped: kept without going near the Fyne thread.
	var late pump
	events = make(chan api.Event, 8)
	close(stopped)
	events <- api.Event{Type: api.EventShow, Window: "stretch"}
	close(events)
	queued = nil
	late.run(events, stopped, do, handle)
	if len(queued) != 0 || !slices.Equal(late.unshown(), []string{"stretch"}) {
		t.Errorf("after the stop: %d handed to Fyne, unshown %v; want 0 and [stretch]", len(queued), late.unshown())
	}

	// The agent asked this process to quit: it is ending, nothing is
	// handed back.
	var quitting pump
	events = make(chan api.Event, 8)
	events <- api.Event{Type: api.EventShow, Window: "main"}
	events <- api.Event{Type: api.EventQuit}
	close(events)
	quitting.run(events, stopped, do, handle)
	if got := quitting.unshown(); len(got) != 0 {
		t.Errorf("unshown after quit = %v, want none", got)
	}
}
