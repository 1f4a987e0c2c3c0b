//go:build smoke

package smoke

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/crampcare/crampcare/internal/dbustest"
)

// hooksBinary builds crampcare with the crampcare_testhooks tag, whose
// wall clock a test can move (internal/wallclock). The Go build cache
// makes this a link of already-built packages.
func hooksBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "crampcare-testhooks")
	out, err := exec.Command("go", "build", "-tags", "crampcare_testhooks", "-o", bin, "github.com/crampcare/crampcare/cmd/crampcare").CombinedOutput()
	if err != nil {
		t.Fatalf("build with test hooks: %v\n%s", err, out)
	}
	return bin
}

// TestNoClockHookInTheRealBuild: the hook that moves the clock exists only
// in the test build.
func TestNoClockHookInTheRealBuild(t *testing.T) {
	real, err := os.ReadFile(binary)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(real, []byte("CRAMPCARE_TEST_CLOCK")) {
		t.Error("the production binary carries the test clock hook")
	}
	hooked, err := os.ReadFile(hooksBinary(t))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(hooked, []byte("CRAMPCARE_TEST_CLOCK")) {
		t.Error("the test build lacks the clock hook: this test would prove nothing")
	}
}

// TestSleepAndClockJump plays a night's suspend on the real agent: the
// process is frozen, its wall clock moves on four hours, and on waking
// logind's PrepareForSleep(false) arrives (from a stand-in system bus).
// Three drink reminders fell due while asleep; exactly one catch-up is
// sent, at once, and no more until the next one is due.
func TestSleepAndClockJump(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	s := newSession(t)
	s.bin = hooksBinary(t)
	clock := filepath.Join(s.home, "clock-offset")
	// The agent's day starts at 09:00 tomorrow (UTC), whatever the hour
	// the test runs at: a waking day of drink reminders every hour.
	now := time.Now().UTC()
	nine := time.Date(now.Year(), now.Month(), now.Day()+1, 9, 0, 0, 0, time.UTC)
	setOffset := func(d time.Duration) {
		if err := os.WriteFile(clock, []byte(d.String()), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	offset := nine.Sub(now)
	setOffset(offset)
	system := dbustest.StartBus(t)
	s.extra = []string{"TZ=UTC", "CRAMPCARE_TEST_CLOCK=" + clock, "DBUS_SYSTEM_BUS_ADDRESS=" + system}
	notes := dbustest.StartNotificationServer(t, s.bus)
	dbustest.StartWatcher(t, s.bus)
	for _, kv := range [][2]string{
		{"hydration.interval", "1h"}, {"hydration.start", "09:00"}, {"hydration.end", "22:00"},
		{"hydration.taper", "0s"}, {"stretch.enabled", "false"},
	} {
		if _, err := s.crampcare(ctx, "settings", "set", kv[0], kv[1]); err != nil {
			t.Fatal(err)
		}
	}
	a := s.startAgent()
	dialAgent(ctx, t, s).Close()
	// The waking day starts at 09:00, so the first reminder is at 10:00.
	drinks := func() int {
		n := 0
		for _, x := range notes.Notifications() {
			if x.Summary == "Time for a glass of water" {
				n++
			}
		}
		return n
	}
	if n := drinks(); n != 0 {
		t.Fatalf("%d drink reminders before the sleep", n)
	}

	// Sleep: frozen while the wall clock runs on to 13:00.
	if err := a.cmd.Process.Signal(syscall.SIGSTOP); err != nil {
		t.Fatal(err)
	}
	setOffset(offset + 4*time.Hour)
	if err := a.cmd.Process.Signal(syscall.SIGCONT); err != nil {
		t.Fatal(err)
	}
	logind := dbustest.Connect(t, system)
	woke := time.Now()
	if err := logind.Emit("/org/freedesktop/login1", "org.freedesktop.login1.Manager.PrepareForSleep", false); err != nil {
		t.Fatal(err)
	}
	n, err := notes.Wait(ctx, func(n dbustest.Notification) bool { return n.Summary == "Time for a glass of water" })
	if err != nil {
		t.Fatalf("no catch-up reminder after the sleep: %v\nagent:\n%s", err, a.log.String())
	}
	// Well within the runner's one-minute coarse check: the logind
	// signal, not the fallback, woke it.
	if d := time.Since(woke); d > 20*time.Second {
		t.Errorf("catch-up came %v after waking", d)
	}
	if !strings.HasPrefix(n.Body, "0 of 8 glasses today") {
		t.Errorf("catch-up body %q", n.Body)
	}
	// Another wake-up signal, and time for the timer to fire: still one.
	if err := logind.Emit("/org/freedesktop/login1", "org.freedesktop.login1.Manager.PrepareForSleep", false); err != nil {
		t.Fatal(err)
	}
	quiet, stop := context.WithTimeout(ctx, 3*time.Second)
	defer stop()
	<-quiet.Done()
	if n := drinks(); n != 1 {
		t.Errorf("%d drink reminders after a sleep over three due ones, want exactly 1", n)
	}
	if err := a.stop(t); err != nil {
		t.Errorf("agent exit: %v", err)
	}
}
