package reminders

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/crampcare/crampcare/internal/diary"
	"github.com/crampcare/crampcare/internal/notify"
	"github.com/crampcare/crampcare/internal/schedule"
	"github.com/crampcare/crampcare/internal/settings"
	"github.com/crampcare/crampcare/internal/wallclock"
)

type fakeDiary struct {
	mu      sync.Mutex
	set     map[string]string
	glasses []time.Time
	stretch time.Time
	mem     schedule.Memory
}

func (d *fakeDiary) Values() (settings.Values, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	return settings.Resolve(d.set), nil
}
func (d *fakeDiary) RecentGlasses(time.Time) ([]time.Time, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]time.Time(nil), d.glasses...), nil
}
func (d *fakeDiary) LastStretch() (time.Time, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.stretch, nil
}
func (d *fakeDiary) LoadMemory() (schedule.Memory, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.mem, nil
}
func (d *fakeDiary) SaveMemory(m schedule.Memory) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.mem = m
	return nil
}

type sent struct {
	at    time.Time
	title string
}

type fakeNotifier struct {
	mu   sync.Mutex
	now  func() time.Time
	fail bool
	log  []sent
}

func (n *fakeNotifier) Notify(title, _ string) error {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.fail {
		return errors.New("no notification server")
	}
	n.log = append(n.log, sent{n.now(), title})
	return nil
}

func (n *fakeNotifier) sent() []sent {
	n.mu.Lock()
	defer n.mu.Unlock()
	return append([]sent(nil), n.log...)
}

// world runs a Runner inside a synctest bubble whose clock starts at start
// (local wall time); jump moves the wall clock without moving timers, as a
// suspend or a clock change does.
type world struct {
	diary  *fakeDiary
	notes  *fakeNotifier
	runner *Runner
	mu     sync.Mutex
	offset time.Duration
	origin time.Time
	start  time.Time
	logs   []string
	falls  []schedule.Kind
}

// newWorld starts with the welcome done, as every diary but a fresh one
// is, unless set says otherwise.
func newWorld(start time.Time, set map[string]string) *world {
	if _, ok := set[settings.WelcomeDone]; !ok {
		set[settings.WelcomeDone] = "true"
	}
	w := &world{origin: time.Now(), start: start, diary: &fakeDiary{set: set}}
	w.notes = &fakeNotifier{now: w.now}
	w.runner = New(Params{
		Diary: w.diary, Notifier: w.notes, Now: w.now,
		Logf:     func(f string, a ...any) { w.mu.Lock(); w.logs = append(w.logs, f); w.mu.Unlock() },
		Fallback: func(r schedule.Reminder) { w.mu.Lock(); w.falls = append(w.falls, r.Kind); w.mu.Unlock() },
	})
	return w
}

func (w *world) now() time.Time {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.start.Add(time.Since(w.origin) + w.offset)
}

func (w *world) jump(d time.Duration) { w.mu.Lock(); w.offset += d; w.mu.Unlock() }

func wall(h, m int) time.Time { return time.Date(2026, 11, 23, h, m, 0, 0, time.Local) }

func hydrationOnly() map[string]string { return map[string]string{settings.StretchEnabled: "false"} }

func run(t *testing.T, w *world, body func(ctx context.Context)) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { w.runner.Run(ctx); close(done) }()
	body(ctx)
	cancel()
	<-done
}

func times(s []sent) []string {
	var out []string
	for _, x := range s {
		out = append(out, x.at.Format("15:04"))
	}
	return out
}

func TestHydrationRhythm(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		w := newWorld(wall(8, 0), hydrationOnly())
		run(t, w, func(context.Context) { time.Sleep(3 * time.Hour) })
		if got := times(w.notes.sent()); strings.Join(got, " ") != "09:15 10:30" {
			t.Errorf("sent at %v, want 09:15 10:30", got)
		}
	})
}

func TestGlassRestartsIntervalAndSettingsApplyAtOnce(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		w := newWorld(wall(8, 0), hydrationOnly())
		run(t, w, func(context.Context) {
			time.Sleep(70 * time.Minute) // 09:10
			w.diary.mu.Lock()
			w.diary.glasses = append(w.diary.glasses, w.now())
			w.diary.mu.Unlock()
			w.runner.Nudge()
			time.Sleep(time.Hour) // 10:10: nothing since the glass
			if n := len(w.notes.sent()); n != 0 {
				t.Errorf("reminded %d times within an interval of a glass", n)
			}
			w.diary.mu.Lock()
			w.diary.set[settings.HydrationInterval] = "5m"
			w.diary.mu.Unlock()
			w.runner.Nudge() // the new interval applies at once: overdue now
			synctest.Wait()
		})
		got := times(w.notes.sent())
		if strings.Join(got, " ") != "10:10" {
			t.Errorf("sent at %v, want 10:10 (the changed interval, at once)", got)
		}
	})
}

// TestSuspendCatchesUpOnce: the computer sleeps from 08:05 to 13:05 by the
// wall clock; the timer knows nothing of it.
func TestSuspendCatchesUpOnce(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		w := newWorld(wall(8, 0), hydrationOnly())
		run(t, w, func(context.Context) {
			time.Sleep(5 * time.Minute)
			w.jump(5 * time.Hour)
			time.Sleep(2 * time.Hour)
		})
		sent := w.notes.sent()
		// Overdue since 09:15: once, within wallclock.MaxWait of waking at
		// 13:05 (the runner's next look at the wall clock), then the
		// normal rhythm from there.
		if len(sent) != 2 || sent[0].at.Sub(wall(13, 5)) > wallclock.MaxWait || sent[0].at.Before(wall(13, 5)) ||
			sent[1].at.Sub(sent[0].at) != 75*time.Minute {
			t.Errorf("sent at %v, want once within %v of 13:05 and 75 minutes later", times(sent), wallclock.MaxWait)
		}
		w.mu.Lock()
		defer w.mu.Unlock()
		if len(w.logs) != 1 || !strings.Contains(w.logs[0], "clock moved") {
			t.Errorf("logs = %v, want one clock-moved line", w.logs)
		}
	})
}

func TestPauseExpiry(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		set := hydrationOnly()
		set[settings.PausedUntil] = wall(11, 0).Format(time.RFC3339)
		w := newWorld(wall(8, 0), set)
		run(t, w, func(context.Context) { time.Sleep(4 * time.Hour) })
		if got := times(w.notes.sent()); strings.Join(got, " ") != "11:00" {
			t.Errorf("sent at %v, want 11:00 once, when the pause ends", got)
		}
	})
}

func TestStretchAndFollowUp(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		w := newWorld(wall(21, 0), map[string]string{settings.HydrationEnabled: "false"})
		run(t, w, func(context.Context) { time.Sleep(2 * time.Hour) })
		got := w.notes.sent()
		if len(got) != 2 || got[0].title != "Time for your evening stretch" || got[0].at.Format("15:04") != "21:30" || got[1].at.Format("15:04") != "21:50" {
			t.Errorf("sent %v, want the stretch at 21:30 and one follow-up at 21:50", got)
		}
	})
}

func TestLaterSnoozes(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		w := newWorld(wall(21, 0), map[string]string{settings.HydrationEnabled: "false", settings.StretchNag: "0s"})
		var states []State
		var smu sync.Mutex
		w.runner.p.OnState = func(s State) { smu.Lock(); states = append(states, s); smu.Unlock() }
		run(t, w, func(context.Context) {
			time.Sleep(31 * time.Minute) // 21:31, reminder sent at 21:30
			if err := w.runner.Later(); err != nil {
				t.Fatal(err)
			}
			time.Sleep(time.Hour)
		})
		if got := times(w.notes.sent()); strings.Join(got, " ") != "21:30 21:41" {
			t.Errorf("sent at %v, want 21:30 and 21:41 (snoozed 10 minutes)", got)
		}
		smu.Lock()
		defer smu.Unlock()
		if !states[len(states)-1].StretchPending {
			t.Error("tray not told the stretch is pending")
		}
	})
}

func TestFallbackWhenNotificationsFail(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		w := newWorld(wall(8, 0), hydrationOnly())
		w.notes.fail = true
		run(t, w, func(context.Context) { time.Sleep(3 * time.Hour) })
		w.mu.Lock()
		defer w.mu.Unlock()
		if len(w.falls) != 2 || w.falls[0] != schedule.Hydration {
			t.Errorf("fallback windows %v, want two hydration reminders", w.falls)
		}
		if len(w.logs) != 1 {
			t.Errorf("logged %d times, want once: %v", len(w.logs), w.logs)
		}
	})
}

// TestOvernightSleepWithoutWakeSignal: the computer sleeps from 22:00 to
// 07:00 and nothing signals the wake-up (macOS, Windows, Linux without
// logind). The morning reminders still come, each once, on time: the
// runner never sleeps longer than wallclock.MaxWait on one timer.
func TestOvernightSleepWithoutWakeSignal(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		w := newWorld(wall(21, 0), hydrationOnly())
		run(t, w, func(context.Context) {
			time.Sleep(time.Hour)                    // 22:00
			w.jump(9 * time.Hour)                    // asleep until 07:00
			time.Sleep(4*time.Hour + 30*time.Second) // 11:00
		})
		got := times(w.notes.sent())
		if strings.Join(got, " ") != "09:15 10:30" {
			t.Errorf("sent at %v, want 09:15 10:30", got)
		}
	})
}

// TestPauseEndIsShownAtOnce: the tray hears that reminders are back on at
// the moment the pause ends, not at the next reminder (here the next
// morning's: the pause ends after the day's last one).
func TestPauseEndIsShownAtOnce(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		set := hydrationOnly()
		set[settings.PausedUntil] = wall(21, 0).Format(time.RFC3339)
		w := newWorld(wall(19, 0), set)
		var mu sync.Mutex
		var resumed time.Time
		w.runner.p.OnState = func(s State) {
			mu.Lock()
			defer mu.Unlock()
			if s.PausedUntil.IsZero() && resumed.IsZero() {
				resumed = w.now()
			}
		}
		run(t, w, func(context.Context) { time.Sleep(4 * time.Hour) })
		mu.Lock()
		defer mu.Unlock()
		if !resumed.Equal(wall(21, 0)) {
			t.Errorf("the tray heard of the pause's end at %v, want 21:00", resumed.Format("15:04:05"))
		}
	})
}

// savesFail is a diary whose bookkeeping cannot be written (a full disk).
type savesFail struct{ *fakeDiary }

func (savesFail) SaveMemory(schedule.Memory) error { return errors.New("store: the disk is full") }

// TestUnsavedMemoryKeepsTheRhythm: when what was sent cannot be saved, the
// runner keeps it itself: no reminder is repeated on the next nudge, and
// the schedule goes on (it does not fall silent for a day).
func TestUnsavedMemoryKeepsTheRhythm(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		w := newWorld(wall(8, 0), hydrationOnly())
		w.runner.p.Diary = savesFail{w.diary}
		run(t, w, func(context.Context) {
			time.Sleep(80 * time.Minute) // 09:20: the 09:15 one is sent
			w.runner.Nudge()
			synctest.Wait()
			time.Sleep(100 * time.Minute) // 11:00
		})
		if got := times(w.notes.sent()); strings.Join(got, " ") != "09:15 10:30" {
			t.Errorf("sent at %v, want 09:15 10:30 as when saving works", got)
		}
		w.mu.Lock()
		defer w.mu.Unlock()
		if len(w.logs) != 1 || !strings.Contains(w.logs[0], "kept in memory") {
			t.Errorf("logs = %q, want the failure logged once", w.logs)
		}
	})
}

// notifierFunc is a Notifier that answers with f.
type notifierFunc func() error

func (f notifierFunc) Notify(string, string) error { return f() }

// Issue 14: a test notification that cannot be shown comes back as the
// domain's error with its reason (plain words), and the system's words go
// to the log only.
func TestTestNotificationSaysWhyAndLogsTheDetail(t *testing.T) {
	detail := "org.freedesktop.Notifications was not provided by any .service files"
	for _, tc := range []struct {
		err    error
		reason string
	}{
		{fmt.Errorf("%w: %s", notify.ErrNoService, detail), diary.NotifyNoService},
		{fmt.Errorf("%w: dial unix: no such file", notify.ErrNoSession), diary.NotifyNoSession},
		{fmt.Errorf("%w: permission denied", notify.ErrRefused), diary.NotifyRefused},
	} {
		var logs []string
		r := New(Params{Diary: &fakeDiary{}, Notifier: notifierFunc(func() error { return tc.err }), Now: time.Now,
			Logf: func(f string, a ...any) { logs = append(logs, fmt.Sprintf(f, a...)) }})
		err := r.TestNotification()
		var ne *diary.NotificationError
		if !errors.As(err, &ne) || ne.Reason != tc.reason {
			t.Errorf("%v: got %v, want reason %q", tc.err, err, tc.reason)
			continue
		}
		if strings.Contains(err.Error(), "dial unix") || strings.Contains(err.Error(), ".service files") || strings.Contains(err.Error(), "permission denied") {
			t.Errorf("the words for a person carry the system's: %q", err)
		}
		if len(logs) != 1 || !strings.Contains(logs[0], tc.err.Error()) {
			t.Errorf("log %q, want the detail %q", logs, tc.err)
		}
	}
	ok := New(Params{Diary: &fakeDiary{}, Notifier: notifierFunc(func() error { return nil }), Now: time.Now})
	if err := ok.TestNotification(); err != nil {
		t.Errorf("a notification shown: %v", err)
	}
}
