package reminders

import (
	"context"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/crampcare/crampcare/internal/schedule"
	"github.com/crampcare/crampcare/internal/settings"
)

// TestNothingBeforeWelcome: on a fresh diary the welcome is open from
// 08:00; nothing is sent while it is, however long it stays open, and the
// first reminder comes on finishing it (overdue by then), not a burst.
func TestNothingBeforeWelcome(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		set := hydrationOnly()
		set[settings.WelcomeDone] = "false"
		w := newWorld(wall(8, 0), set)
		var states []State
		w.runner.p.OnState = func(s State) { w.mu.Lock(); states = append(states, s); w.mu.Unlock() }
		run(t, w, func(context.Context) {
			time.Sleep(3 * time.Hour) // 11:00
			if got := w.notes.sent(); len(got) != 0 {
				t.Errorf("sent %v before the welcome was done", times(got))
			}
			w.mu.Lock()
			if last := states[len(states)-1]; last.HasNext {
				t.Errorf("state before the welcome names a next reminder: %+v", last)
			}
			w.mu.Unlock()
			w.diary.mu.Lock()
			w.diary.set[settings.WelcomeDone] = "true"
			w.diary.mu.Unlock()
			w.runner.Nudge()
			time.Sleep(time.Hour) // 12:00
		})
		if got := times(w.notes.sent()); strings.Join(got, " ") != "11:00" {
			t.Errorf("sent at %v, want 11:00 (once, when the welcome was done)", got)
		}
		w.mu.Lock()
		defer w.mu.Unlock()
		last := states[len(states)-1]
		if !last.HasNext || last.Next.Kind != schedule.Hydration || last.Next.At.Format("15:04") != "12:15" {
			t.Errorf("state after 11:00 = %+v, want next hydration at 12:15", last)
		}
	})
}

// TestRemindersInWindow: a person who did not see the test notification
// gets reminders in CrampCare's window, and no notification.
func TestRemindersInWindow(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		set := hydrationOnly()
		set[settings.RemindersWindow] = "true"
		w := newWorld(wall(8, 0), set)
		run(t, w, func(context.Context) { time.Sleep(2 * time.Hour) })
		if got := w.notes.sent(); len(got) != 0 {
			t.Errorf("notifications %v, want none", times(got))
		}
		w.mu.Lock()
		defer w.mu.Unlock()
		if len(w.falls) != 1 || w.falls[0] != schedule.Hydration {
			t.Errorf("reminder windows %v, want one hydration reminder", w.falls)
		}
		if len(w.logs) != 0 {
			t.Errorf("logged %v; a chosen window is no failure", w.logs)
		}
	})
}
