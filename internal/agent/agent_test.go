package agent

import (
	"io"
	"path/filepath"
	"testing"
	"time"
	_ "time/tzdata" // Europe/Berlin on any machine

	"github.com/crampcare/crampcare/internal/service"
	"github.com/crampcare/crampcare/internal/store"
)

// newTestAgent is an agent on a temporary store with the clock at *now,
// wired as Run wires it (the service announces changes to a.changed), but
// with no tray, reminders or window process.
func newTestAgent(t *testing.T, now *time.Time) *agent {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), store.FileName), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	clock := func() time.Time { return *now }
	a := &agent{
		p:        Params{Exe: "/opt/crampcare/crampcare", Stderr: io.Discard, Now: clock},
		host:     &windowHost{stderr: io.Discard},
		statusCh: make(chan struct{}, 1),
	}
	a.svc = service.New(service.Params{Store: st, Now: clock, OnChange: a.changed, Live: a.live})
	return a
}

// Issue 13, point 5: "Pause until tomorrow morning" chosen after midnight
// pauses until this morning's start of the waking day, not tomorrow's
// (some 31 hours, which skipped that evening's stretch reminder).
func TestPauseUntilMorningAfterMidnight(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ now, want time.Time }{
		{time.Date(2026, 11, 24, 0, 30, 0, 0, berlin), time.Date(2026, 11, 24, 8, 0, 0, 0, berlin)},
		{time.Date(2026, 11, 24, 21, 45, 0, 0, berlin), time.Date(2026, 11, 25, 8, 0, 0, 0, berlin)},
	} {
		now := c.now
		a := newTestAgent(t, &now)
		a.onPause(true)
		vals, err := a.svc.Values()
		if err != nil {
			t.Fatal(err)
		}
		if got := vals.PausedUntil(); !got.Equal(c.want) {
			t.Errorf("paused at %v until %v, want %v", c.now, got, c.want)
		}
	}
}
