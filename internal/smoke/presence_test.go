//go:build smoke

package smoke

import (
	"context"
	"fmt"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/crampcare/crampcare/internal/dbustest"
)

// waitLog waits until the agent's output contains s.
func waitLog(ctx context.Context, t *testing.T, a *agent, s string) {
	t.Helper()
	for !strings.Contains(a.log.String(), s) {
		select {
		case <-ctx.Done():
			t.Fatalf("the agent never said %q:\n%s", s, a.log.String())
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// TestRemindersWait runs the real agent on a desktop that is locked, or
// that shows a full-screen window: a drink reminder due then waits, and
// arrives once when the person is back, not before.
func TestRemindersWait(t *testing.T) {
	// A waking day that began an hour ago: a drink reminder is due at
	// once, the next one half an hour later.
	dueNow := func(t *testing.T, ctx context.Context, s *session) {
		now := time.Now()
		s.set(ctx, t, "hydration.interval", "30m", "hydration.start", hhmm(now.Add(-time.Hour)),
			"hydration.end", hhmm(now.Add(2*time.Hour)), "hydration.taper", "0s", "stretch.enabled", "false")
	}
	drinks := func(n *dbustest.NotificationServer) int {
		c := 0
		for _, x := range n.Notifications() {
			if x.Summary == "Time for a glass of water" {
				c++
			}
		}
		return c
	}
	quiet := func(ctx context.Context, d time.Duration) {
		q, stop := context.WithTimeout(ctx, d)
		defer stop()
		<-q.Done()
	}

	t.Run("locked: the screen saver and logind", func(t *testing.T) {
		t.Parallel()
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		s := newSession(t)
		system := dbustest.StartBus(t)
		s.extra = []string{"DBUS_SYSTEM_BUS_ADDRESS=" + system}
		notes := dbustest.StartNotificationServer(t, s.bus)
		dbustest.StartWatcher(t, s.bus)
		saver := dbustest.StartScreenSaver(t, s.bus)
		logind := dbustest.StartLogin1(t, system)
		dueNow(t, ctx, s)
		// Locked before the agent starts: it must read the lock, not
		// only hear it change.
		if err := saver.SetActive(true); err != nil {
			t.Fatal(err)
		}
		if err := logind.SetLocked(true); err != nil {
			t.Fatal(err)
		}
		a := s.startAgent()
		waitLog(ctx, t, a, "hydration reminder held (Held while the screen is locked)")
		quiet(ctx, 3*time.Second)
		if n := drinks(notes); n != 0 {
			t.Fatalf("%d drink reminders while locked", n)
		}
		// The screen saver goes, but logind still says locked (the lock
		// screen is up): still held.
		if err := saver.SetActive(false); err != nil {
			t.Fatal(err)
		}
		quiet(ctx, 2*time.Second)
		if n := drinks(notes); n != 0 {
			t.Fatalf("%d drink reminders while logind still said locked", n)
		}
		unlocked := time.Now()
		if err := logind.SetLocked(false); err != nil {
			t.Fatal(err)
		}
		if _, err := notes.Wait(ctx, func(n dbustest.Notification) bool { return n.Summary == "Time for a glass of water" }); err != nil {
			t.Fatalf("no reminder after unlocking: %v", err)
		}
		// Heard, not polled: well within the minute of a recheck.
		if d := time.Since(unlocked); d > 10*time.Second {
			t.Errorf("the reminder came %v after unlocking", d)
		}
		quiet(ctx, 3*time.Second)
		if n := drinks(notes); n != 1 {
			t.Errorf("%d drink reminders after unlocking, want exactly 1", n)
		}
		if err := a.stop(t); err != nil {
			t.Errorf("agent exit: %v", err)
		}
	})

	t.Run("a full-screen window in front", func(t *testing.T) {
		t.Parallel()
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
		defer cancel()
		s := newSession(t)
		notes := dbustest.StartNotificationServer(t, s.bus)
		dbustest.StartWatcher(t, s.bus)
		dueNow(t, ctx, s)
		// A real X window (xev's), made full screen and active. Xvfb has
		// no window manager, so the test sets the two properties a window
		// manager sets: _NET_WM_STATE on the window, _NET_ACTIVE_WINDOW on
		// the root.
		xev := exec.CommandContext(ctx, "xev", "-geometry", "1280x800+0+0", "-name", "Presentation")
		xev.Env = s.env()
		if err := xev.Start(); err != nil {
			t.Fatalf("xev (package x11-utils): %v", err)
		}
		t.Cleanup(func() { xev.Process.Kill(); xev.Wait() })
		if err := s.waitWindow(ctx, "Presentation"); err != nil {
			t.Fatal(err)
		}
		out, err := s.run(ctx, "xdotool", "search", "--name", "^Presentation$")
		if err != nil {
			t.Fatal(err)
		}
		win := strings.Fields(out)[0]
		if _, err := s.run(ctx, "xprop", "-id", win, "-f", "_NET_WM_STATE", "32a", "-set", "_NET_WM_STATE", "_NET_WM_STATE_FULLSCREEN"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.run(ctx, "xprop", "-root", "-f", "_NET_ACTIVE_WINDOW", "32x", "-set", "_NET_ACTIVE_WINDOW", fmt.Sprintf("0x%x", atoi(t, win))); err != nil {
			t.Fatal(err)
		}
		a := s.startAgent()
		waitLog(ctx, t, a, "hydration reminder held (Held while you are busy)")
		quiet(ctx, 3*time.Second)
		if n := drinks(notes); n != 0 {
			t.Fatalf("%d drink reminders with a full-screen window in front", n)
		}
		// The presentation ends (the window leaves full screen); nothing
		// signals that, so the held reminder comes at its next look,
		// within a minute.
		left := time.Now()
		if _, err := s.run(ctx, "xprop", "-id", win, "-remove", "_NET_WM_STATE"); err != nil {
			t.Fatal(err)
		}
		if _, err := notes.Wait(ctx, func(n dbustest.Notification) bool { return n.Summary == "Time for a glass of water" }); err != nil {
			t.Fatalf("no reminder after the full-screen window left: %v", err)
		}
		if d := time.Since(left); d > 70*time.Second {
			t.Errorf("the reminder came %v after full screen ended, want within a minute", d)
		}
		quiet(ctx, 3*time.Second)
		if n := drinks(notes); n != 1 {
			t.Errorf("%d drink reminders, want exactly 1", n)
		}
	})
}

// run runs a helper program (xprop, xdotool) on the session's display.
func (s *session) run(ctx context.Context, name string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = s.env()
	out, err := cmd.CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("%s %v: %w: %s", name, args, err, out)
	}
	return string(out), nil
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	var n int
	if _, err := fmt.Sscan(s, &n); err != nil {
		t.Fatal(err)
	}
	return n
}
