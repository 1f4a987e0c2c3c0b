// Package reminders runs the reminder schedule in the agent: it sleeps on a
// single timer until the next reminder, sends it as a notification (or, if
// notifications cannot be shown, asks for a small window), and recomputes
// after every change, wake-up or clock jump. What is due is decided by the
// pure package schedule; this package only does the waiting and sending.
package reminders

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/crampcare/crampcare/internal/diary"
	"github.com/crampcare/crampcare/internal/notify"
	"github.com/crampcare/crampcare/internal/presence"
	"github.com/crampcare/crampcare/internal/schedule"
	"github.com/crampcare/crampcare/internal/settings"
	"github.com/crampcare/crampcare/internal/wallclock"
)

// Diary is what the runner reads and the bookkeeping it keeps.
type Diary interface {
	Values() (settings.Values, error)
	RecentGlasses(since time.Time) ([]time.Time, error)
	LastStretch() (time.Time, error)
	LoadMemory() (schedule.Memory, error)
	SaveMemory(schedule.Memory) error
}

// State is what the tray shows about reminders.
type State struct {
	PausedUntil    time.Time // zero when not paused
	StretchPending bool      // tonight's stretch reminder was sent, not yet done
	// Next is the next reminder the schedule will send, if HasNext; none
	// while the welcome is not done. During a pause it is the first one
	// after the pause.
	Next    schedule.Reminder
	HasNext bool
	// Held says why a due reminder waits (the person is away or busy);
	// empty when none waits.
	Held presence.Reason
}

// Params wires a Runner.
type Params struct {
	Diary    Diary
	Notifier notify.Notifier
	// Fallback shows the reminder in a window when the notification
	// cannot be delivered, so that no reminder is lost.
	Fallback func(schedule.Reminder)
	// Now is the wall clock. Tests shift it to play a suspend or a clock
	// change while timers keep monotonic time.
	Now func() time.Time
	// Logf reports problems (once, not on every reminder).
	Logf func(format string, args ...any)
	// OnState, if set, hears the state after every step.
	OnState func(State)
	// Presence, if set, says what the person is doing; it is asked only
	// when a reminder is due (and once every presence.Recheck while one is
	// held), never at rest. Whoever watches the desktop calls Nudge when
	// it changes (the screen is unlocked), so a held reminder comes at once.
	Presence func() presence.State
	// Say, if set, words a reminder for its notification in the person's
	// language, as the notification is sent; else schedule's English.
	Say func(schedule.Reminder) Words
	// SayTest, if set, is the test notification's title and body in the
	// person's language.
	SayTest func() (title, body string)
}

// Words are a reminder's notification: its title, what it says, where to
// act (the tray menu) when the notification carries no buttons, and the
// buttons' labels by their keys.
type Words struct {
	Title, Lead, Where string
	Labels             map[string]string
}

// words is what r says, in English when no Say was given.
func (r *Runner) words(rem schedule.Reminder) Words {
	if r.p.Say != nil {
		return r.p.Say(rem)
	}
	w := Words{Labels: map[string]string{}}
	w.Title, w.Lead, w.Where = rem.Lines()
	for _, a := range rem.Actions() {
		w.Labels[a.Key] = a.Label
	}
	return w
}

// Coarse is how far the wall clock may move against a timer before the
// runner logs it as a suspend or a clock change. Whatever the distance to
// the next reminder, it waits at most wallclock.MaxWait at a time, so a
// reminder due while the computer slept comes within that of waking.
const Coarse = time.Minute

// Runner sends reminders when they are due.
type Runner struct {
	p      Params
	nudge  chan struct{}
	mu     sync.Mutex // serialises reading and saving the memory
	failed bool       // notifications are failing; logged once
	// held is true while a due reminder waits for the person; the first
	// step after it shows at most one reminder.
	held bool
	// unsaved is the memory the diary could not store (a full disk, a
	// read-only folder): it stands in for the stored one until a save
	// works, so a reminder is neither repeated nor the schedule dropped.
	unsaved *schedule.Memory
}

// New returns a runner; call Run to start it.
func New(p Params) *Runner {
	if p.Now == nil {
		p.Now = time.Now
	}
	if p.Logf == nil {
		p.Logf = func(string, ...any) {}
	}
	if p.OnState == nil {
		p.OnState = func(State) {}
	}
	return &Runner{p: p, nudge: make(chan struct{}, 1)}
}

// Nudge makes the runner recompute now: a glass was logged, settings
// changed, the computer woke up.
func (r *Runner) Nudge() {
	select {
	case r.nudge <- struct{}{}:
	default:
	}
}

// Run sends reminders until ctx ends.
func (r *Runner) Run(ctx context.Context) {
	for {
		now := r.p.Now()
		wait := wallclock.MaxWait
		if at, ok := r.step(now); ok {
			wait = wallclock.Wait(at.Sub(now))
		}
		timer := time.NewTimer(wait)
		setWall, setMono := now.Round(0), time.Now()
		select {
		case <-ctx.Done():
			timer.Stop()
			return
		case <-r.nudge:
			timer.Stop()
		case <-timer.C:
			// Wall time that ran ahead of the timer's monotonic time means
			// the computer slept (or the clock was set); say so once.
			if jump := r.p.Now().Round(0).Sub(setWall) - time.Since(setMono); jump > Coarse || jump < -Coarse {
				r.p.Logf("reminders: the clock moved by %s (sleep or a clock change); rescheduling", jump.Round(time.Second))
			}
		}
	}
}

// step sends what is due at now and returns when to look again: the next
// reminder, or the end of a pause if that comes first (the tray then shows
// reminders as back on at that moment).
func (r *Runner) step(now time.Time) (time.Time, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	// Two reminders of different kinds may be due at once (after a long
	// sleep); the bound stops a bug from turning into a storm.
	back, shown := r.held, 0
	var state *presence.State // asked once per step, and only if something is due
	for i := 0; i < 4; i++ {
		vals, cfg, pol, log, mem, err := r.load(now)
		if err != nil {
			r.p.Logf("reminders: %v", err)
			return time.Time{}, false
		}
		if !vals.WelcomeDone() {
			// A first start: nothing covers the welcome, and nothing is
			// sent before the person has said when their day is. Setting
			// welcome.done (finishing or closing the welcome, or the CLI)
			// nudges the runner.
			r.p.OnState(State{})
			return time.Time{}, false
		}
		next, ok := schedule.Next(cfg, log, mem, now)
		if !ok || next.At.After(now) {
			r.held = false
			paused := pausedUntil(cfg, now)
			r.p.OnState(State{PausedUntil: paused, StretchPending: mem.StretchPending(log, now), Next: next, HasNext: ok})
			if !paused.IsZero() && (!ok || paused.Before(next.At)) {
				return paused, true
			}
			return next.At, ok
		}
		if state == nil {
			state = new(presence.State)
			if r.p.Presence != nil {
				*state = r.p.Presence()
			}
		}
		verdict, why := presence.Decide(*state, pol, presence.Due{AfterHold: back, AlreadyShown: shown})
		switch verdict {
		case presence.Hold:
			if !r.held {
				r.p.Logf("reminders: %s reminder held (%s)", next.Kind, why)
			}
			r.held = true
			r.p.OnState(State{PausedUntil: pausedUntil(cfg, now), StretchPending: mem.StretchPending(log, now), Held: why, Next: next, HasNext: true})
			// Unlocking is heard at once (Nudge); idle time, Do Not
			// Disturb and a full-screen window can only be asked.
			return now.Add(presence.Recheck), true
		case presence.Drop:
			r.p.Logf("reminders: %s reminder dropped: one was just shown after the wait", next.Kind)
		case presence.Send:
			r.send(next, vals.RemindersWindow())
			shown++
		}
		r.save(mem.Sent(next, now))
	}
	return time.Time{}, false
}

// save stores the memory, or keeps it here when it cannot be stored; the
// caller holds r.mu.
func (r *Runner) save(m schedule.Memory) {
	if err := r.p.Diary.SaveMemory(m); err != nil {
		if r.unsaved == nil {
			r.p.Logf("reminders: %v (kept in memory until it can be saved)", err)
		}
		r.unsaved = &m
		return
	}
	r.unsaved = nil
}

// memory is the latest memory: the unsaved one, if any; the caller holds
// r.mu.
func (r *Runner) memory() (schedule.Memory, error) {
	if r.unsaved != nil {
		return *r.unsaved, nil
	}
	return r.p.Diary.LoadMemory()
}

func pausedUntil(cfg schedule.Config, now time.Time) time.Time {
	if cfg.PausedUntil.After(now) {
		return cfg.PausedUntil
	}
	return time.Time{}
}

func (r *Runner) load(now time.Time) (vals settings.Values, cfg schedule.Config, pol presence.Policy, log schedule.Log, mem schedule.Memory, err error) {
	if vals, err = r.p.Diary.Values(); err != nil {
		return vals, cfg, pol, log, mem, err
	}
	glasses, err := r.p.Diary.RecentGlasses(now.Add(-48 * time.Hour))
	if err != nil {
		return vals, cfg, pol, log, mem, err
	}
	last, err := r.p.Diary.LastStretch()
	if err != nil {
		return vals, cfg, pol, log, mem, err
	}
	if mem, err = r.memory(); err != nil {
		return vals, cfg, pol, log, mem, err
	}
	pol = presence.Policy{HoldWhenAway: vals.HoldWhenAway(), HoldWhenBusy: vals.HoldWhenBusy()}
	return vals, schedule.ConfigFrom(vals), pol, schedule.Log{Glasses: glasses, LastStretch: last}, mem, nil
}

// send shows rem as a notification, or in CrampCare's own window when the
// person chose that (a test notification they did not see) or a
// notification cannot be shown.
func (r *Runner) send(rem schedule.Reminder, inWindow bool) {
	if inWindow && r.p.Fallback != nil {
		r.p.Fallback(rem)
		return
	}
	var err error
	w := r.words(rem)
	if act, ok := r.p.Notifier.(notify.Actor); ok && act.CanAct() {
		// The buttons are on the notification: no word about the tray.
		var actions []notify.Action
		for _, a := range rem.Actions() {
			label := w.Labels[a.Key]
			if label == "" {
				label = a.Label
			}
			actions = append(actions, notify.Action{Key: a.Key, Label: label})
		}
		err = act.NotifyActions(w.Title, w.Lead, actions)
	} else {
		body := w.Lead
		if w.Where != "" {
			body += " " + w.Where
		}
		err = r.p.Notifier.Notify(w.Title, body)
	}
	if err == nil {
		r.failed = false
		return
	}
	if !r.failed {
		r.p.Logf("reminders: notifications cannot be shown (%v); reminders open a small window instead", err)
		r.failed = true
	}
	if r.p.Fallback != nil {
		r.p.Fallback(rem)
	}
}

// Later puts tonight's stretch reminder off by schedule.Snooze.
func (r *Runner) Later() error {
	r.mu.Lock()
	mem, err := r.memory()
	if err == nil {
		mem, err = mem.Later(r.p.Now())
	}
	if err == nil {
		// Kept in memory if it cannot be saved: the snooze holds either way.
		r.save(mem)
	}
	r.mu.Unlock()
	if err != nil {
		return err
	}
	r.Nudge()
	return nil
}

// DrinkLater answers "Later" on a drink reminder: the next one comes
// schedule.Snooze from now.
func (r *Runner) DrinkLater() error {
	r.mu.Lock()
	vals, err := r.p.Diary.Values()
	var mem schedule.Memory
	if err == nil {
		mem, err = r.memory()
	}
	if err == nil {
		r.save(mem.DrinkLater(r.p.Now(), vals.HydrationInterval()))
	}
	r.mu.Unlock()
	if err != nil {
		return err
	}
	r.Nudge()
	return nil
}

// ErrNoNotifications means the test notification could not be shown.
var ErrNoNotifications = diary.ErrNoNotifications

// TestNotification sends a sample notification, so the user can see what
// reminders look like and that they arrive. A failure is logged in the
// system's words and returned as a *diary.NotificationError, whose words
// say what failed and what to do.
func (r *Runner) TestNotification() error {
	title, body := "CrampCare test", "Reminders will look like this."
	if r.p.SayTest != nil {
		title, body = r.p.SayTest()
	}
	err := r.p.Notifier.Notify(title, body)
	if err == nil {
		return nil
	}
	r.p.Logf("reminders: test notification: %v", err)
	reason := diary.NotifyRefused
	switch {
	case errors.Is(err, notify.ErrNoService):
		reason = diary.NotifyNoService
	case errors.Is(err, notify.ErrNoSession):
		reason = diary.NotifyNoSession
	}
	return &diary.NotificationError{Reason: reason}
}
