package cli

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // Europe/Berlin on any machine
)

// runAt is run with the clock at now.
func runAt(t *testing.T, dir string, now time.Time, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	env := Env{Stdout: &out, Stderr: &errb, Getenv: enGB, GOOS: "linux", Home: "/nonexistent", Now: func() time.Time { return now }}
	faces := Faces{
		Agent:  func(context.Context, string) error { t.Fatal("agent started"); return nil },
		Window: func(context.Context, string, string) error { t.Fatal("window started"); return nil },
	}
	code := Run(context.Background(), append([]string{"--data-dir", dir}, args...), env, faces)
	return result{code, out.String(), errb.String()}
}

// Issue 13, point 5: `reminders pause tomorrow` pauses until the next
// start of the waking day, by the user's own hydration.start (not a fixed
// 08:00): typed at 00:30 that is this morning, not tomorrow's (which
// skipped that evening's stretch reminder); typed in the evening, the next
// morning.
func TestPauseTomorrowAfterMidnightIsThisMorning(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if r := run(t, dir, "settings", "set", "hydration.start", "07:15"); r.code != 0 {
		t.Fatalf("set: %+v", r)
	}
	for _, c := range []struct {
		now  time.Time
		want string
	}{
		{time.Date(2026, 11, 24, 0, 30, 0, 0, berlin), "2026-11-24T07:15:00+01:00"},
		{time.Date(2026, 11, 24, 22, 0, 0, 0, berlin), "2026-11-25T07:15:00+01:00"},
		// The night the clocks go forward: still that morning.
		{time.Date(2026, 3, 29, 1, 30, 0, 0, berlin), "2026-03-29T07:15:00+02:00"},
	} {
		r := runAt(t, dir, c.now, "reminders", "pause", "tomorrow")
		if r.code != 0 || r.stdout != "Reminders paused until "+c.want+".\n" {
			t.Errorf("pause tomorrow at %v: %+v, want until %s", c.now, r, c.want)
		}
		if r := runAt(t, dir, c.now, "settings", "list"); !strings.Contains(r.stdout, c.want) {
			t.Errorf("at %v the stored pause is not %s:\n%s", c.now, c.want, r.stdout)
		}
	}
}

// Issue 13, point 5: every command's --help (and -h) prints its usage
// once; the flag package printed it, then the command again.
func TestHelpPrintsUsageOnce(t *testing.T) {
	dir := t.TempDir()
	for _, c := range commands() {
		for _, h := range []string{"--help", "-h"} {
			r := run(t, dir, c.name, h)
			usage := "Usage: crampcare " + c.name + " "
			if r.code != 0 || strings.Count(r.stdout, usage) != 1 || strings.Count(r.stdout, "Flags:") != 1 || r.stderr != "" {
				t.Errorf("%s %s: exit %d, usage %d times, stderr %q:\n%s", c.name, h, r.code, strings.Count(r.stdout, usage), r.stderr, r.stdout)
			}
		}
	}
	for _, args := range [][]string{{"--help"}, {"-h"}, {"help"}} {
		if r := run(t, dir, args...); r.code != 0 || strings.Count(r.stdout, "Usage:") != 1 {
			t.Errorf("%v: exit %d, stdout:\n%s", args, r.code, r.stdout)
		}
	}
}
