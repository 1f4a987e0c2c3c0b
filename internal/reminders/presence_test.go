package reminders

import (
	"context"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/crampcare/crampcare/internal/notify"
	"github.com/crampcare/crampcare/internal/presence"
	"github.com/crampcare/crampcare/internal/settings"
)

// desk is a fake desktop: what the person is doing, and how often the
// runner asked.
type desk struct {
	mu    sync.Mutex
	state presence.State
	asked int
}

func (d *desk) get() presence.State {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.asked++
	return d.state
}

func (d *desk) set(s presence.State) { d.mu.Lock(); d.state = s; d.mu.Unlock() }

func (d *desk) count() int { d.mu.Lock(); defer d.mu.Unlock(); return d.asked }

func withDesk(w *world) *desk {
	d := &desk{}
	w.runner.p.Presence = d.get
	return d
}

// A reminder due while the screen is locked waits, and comes once, at
// once, when it is unlocked (the desktop watcher nudges the runner).
func TestHeldWhileLockedArrivesOnceAfterUnlock(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		w := newWorld(wall(8, 0), hydrationOnly())
		d := withDesk(w)
		run(t, w, func(context.Context) {
			time.Sleep(time.Hour) // 09:00
			if n := d.count(); n != 0 {
				t.Errorf("presence asked %d times before anything was due", n)
			}
			d.set(presence.State{Locked: true})
			time.Sleep(3 * time.Hour) // 12:00; due since 09:15
			if s := w.notes.sent(); len(s) != 0 {
				t.Errorf("sent while locked: %v", times(s))
			}
			// Once a minute while held, no more.
			if n := d.count(); n > 166 || n < 150 {
				t.Errorf("presence asked %d times in 165 held minutes, want about one a minute", n)
			}
			d.set(presence.State{})
			w.runner.Nudge()
			time.Sleep(2 * time.Hour) // 14:00
		})
		if got := strings.Join(times(w.notes.sent()), " "); got != "12:00 13:15" {
			t.Errorf("sent at %v, want 12:00 (on unlocking) then 13:15", got)
		}
		w.mu.Lock()
		defer w.mu.Unlock()
		if n := strings.Count(strings.Join(w.logs, "\n"), "held"); n != 1 {
			t.Errorf("the hold was logged %d times, want once: %v", n, w.logs)
		}
	})
}

// Idle time has no signal: a held reminder looks again once a minute, so
// it comes within a minute of the person's return.
func TestHeldWhileAwayComesWithinAMinuteOfReturn(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		w := newWorld(wall(9, 0), hydrationOnly())
		d := withDesk(w)
		d.set(presence.State{Idle: time.Hour})
		run(t, w, func(context.Context) {
			time.Sleep(90*time.Minute + 30*time.Second) // 10:30:30
			d.set(presence.State{Idle: time.Second})
			time.Sleep(5 * time.Minute)
		})
		s := w.notes.sent()
		if len(s) != 1 || s[0].at.Before(wall(10, 30)) || s[0].at.After(wall(10, 31).Add(time.Second)) {
			t.Errorf("sent at %v, want once by 10:31", times(s))
		}
	})
}

// Back after a long hold with both a drink and the stretch due: one
// reminder (the stretch), not a burst.
func TestBackAfterHoldBringsOneReminder(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		w := newWorld(wall(20, 0), map[string]string{settings.HydrationEnd: "23:00", settings.HydrationTaper: "0s", settings.StretchTime: "21:30"})
		d := withDesk(w)
		d.set(presence.State{FullScreen: true})
		run(t, w, func(context.Context) {
			time.Sleep(2 * time.Hour) // 22:00: a film; drinks and the stretch due
			d.set(presence.State{})
			w.runner.Nudge()
			synctest.Wait()
		})
		s := w.notes.sent()
		if len(s) != 1 || s[0].title != "Time for your evening stretch" {
			t.Errorf("sent %v, want only the stretch reminder", s)
		}
	})
}

// A drink reminder held into the taper before bed is not shown afterwards.
func TestNoDrinkReminderInsideTheTaperAfterHold(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		// Drinks end 19:30 (stretch 21:30, taper 2h); due at 19:15.
		w := newWorld(wall(18, 0), map[string]string{settings.StretchEnabled: "true"})
		d := withDesk(w)
		d.set(presence.State{Locked: true})
		run(t, w, func(context.Context) {
			time.Sleep(2 * time.Hour) // 20:00
			d.set(presence.State{})
			w.runner.Nudge()
			time.Sleep(time.Hour) // 21:00
		})
		if s := w.notes.sent(); len(s) != 0 {
			t.Errorf("sent %v inside the taper", s)
		}
	})
}

// reminders.when-away show: the lock does not hold them.
func TestWhenAwayShow(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		w := newWorld(wall(9, 0), map[string]string{settings.StretchEnabled: "false", settings.WhenAway: "show"})
		d := withDesk(w)
		d.set(presence.State{Locked: true})
		run(t, w, func(context.Context) { time.Sleep(20 * time.Minute) })
		if s := w.notes.sent(); len(s) != 1 {
			t.Errorf("sent %v, want the 09:15 reminder though locked", times(s))
		}
	})
}

// actor is a notifier that shows buttons when can is true.
type actor struct {
	fakeNotifier
	can     bool
	bodies  []string
	actions [][]notify.Action
}

func (a *actor) CanAct() bool          { return a.can }
func (a *actor) OnAction(func(string)) {}
func (a *actor) NotifyActions(title, body string, acts []notify.Action) error {
	a.mu.Lock()
	a.bodies = append(a.bodies, body)
	a.actions = append(a.actions, acts)
	a.mu.Unlock()
	return a.Notify(title, body)
}

// With buttons on the notification, the text no longer sends the person
// to the tray; without them it does, as before.
func TestReminderActions(t *testing.T) {
	for _, can := range []bool{true, false} {
		synctest.Test(t, func(t *testing.T) {
			w := newWorld(wall(9, 0), hydrationOnly())
			a := &actor{fakeNotifier: fakeNotifier{now: w.now}, can: can}
			w.runner.p.Notifier = a
			run(t, w, func(context.Context) { time.Sleep(20 * time.Minute) })
			if len(a.sent()) != 1 {
				t.Fatalf("sent %v", a.sent())
			}
			if !can {
				if len(a.bodies) != 0 {
					t.Errorf("actions sent to a server without them: %v", a.actions)
				}
				return
			}
			if len(a.bodies) != 1 || strings.Contains(a.bodies[0], "tray") || len(a.actions[0]) != 2 || a.actions[0][0].Label != "I drank a glass" {
				t.Errorf("bodies %q actions %v", a.bodies, a.actions)
			}
		})
	}
}

// "Later" on a drink reminder: the next one ten minutes on.
func TestDrinkLater(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		w := newWorld(wall(9, 0), hydrationOnly())
		run(t, w, func(context.Context) {
			time.Sleep(16 * time.Minute) // 09:16, one sent at 09:15
			if err := w.runner.DrinkLater(); err != nil {
				t.Error(err)
			}
			time.Sleep(20 * time.Minute)
		})
		if got := strings.Join(times(w.notes.sent()), " "); got != "09:15 09:26" {
			t.Errorf("sent at %v, want 09:15 and 09:26 (Later at 09:16)", got)
		}
	})
}
