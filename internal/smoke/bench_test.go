//go:build smoke

package smoke

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/crampcare/crampcare/internal/dbustest"
	"github.com/crampcare/crampcare/internal/tray"
	"github.com/crampcare/crampcare/internal/ui"
)

// procStat returns a process's user+system CPU time.
func procCPU(b *testing.B, pid int) time.Duration {
	b.Helper()
	raw, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		b.Fatal(err)
	}
	// Fields after the command name, which is in parentheses and may hold spaces.
	f := strings.Fields(string(raw[strings.LastIndexByte(string(raw), ')')+2:]))
	ut, _ := strconv.Atoi(f[11])
	st, _ := strconv.Atoi(f[12])
	return time.Duration(ut+st) * time.Second / 100 // USER_HZ is 100 on Linux
}

// memFigures is what a process costs in memory, from the kernel's own
// accounting (/proc/PID/smaps_rollup), in kB. RSS alone overstates a
// process that shares pages (the binary's code with its window process, the
// C libraries with every program): PSS divides shared pages among their
// users, and Private is what would be given back if the process ended.
type memFigures struct {
	RSS, PSS, Private, Anon int
}

// procMem reads pid's memory figures.
func procMem(b *testing.B, pid int) memFigures {
	b.Helper()
	raw, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/smaps_rollup")
	if err != nil {
		b.Fatal(err)
	}
	var m memFigures
	for _, line := range strings.Split(string(raw), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		n, _ := strconv.Atoi(f[1])
		switch f[0] {
		case "Rss:":
			m.RSS = n
		case "Pss:":
			m.PSS = n
		case "Private_Clean:", "Private_Dirty:":
			m.Private += n
		case "Anonymous:":
			m.Anon = n
		}
	}
	if m.RSS == 0 {
		b.Fatalf("no memory figures for pid %d in %q", pid, raw)
	}
	return m
}

// report puts m's figures into b's results, each name prefixed.
func (m memFigures) report(b *testing.B, prefix string) {
	b.ReportMetric(float64(m.RSS)/1024, prefix+"rss-MB")
	b.ReportMetric(float64(m.PSS)/1024, prefix+"pss-MB")
	b.ReportMetric(float64(m.Private)/1024, prefix+"private-MB")
	b.ReportMetric(float64(m.Anon)/1024, prefix+"anon-MB")
}

// procWakeups sums the voluntary context switches of all of a process's
// threads: how often it went to sleep and was woken, which is what costs a
// laptop's battery at rest more than the CPU seconds themselves.
func procWakeups(b *testing.B, pid int) int {
	b.Helper()
	tasks, err := filepath.Glob(fmt.Sprintf("/proc/%d/task/*/status", pid))
	if err != nil || len(tasks) == 0 {
		b.Fatalf("threads of %d: %v", pid, err)
	}
	n := 0
	for _, task := range tasks {
		raw, err := os.ReadFile(task)
		if err != nil {
			continue // a thread that ended meanwhile
		}
		for _, line := range strings.Split(string(raw), "\n") {
			if f := strings.Fields(line); len(f) == 2 && f[0] == "voluntary_ctxt_switches:" {
				v, _ := strconv.Atoi(f[1])
				n += v
			}
		}
	}
	return n
}

// idleFor is how long the idle benchmark watches the agent; a minute unless
// $CRAMPCARE_IDLE says otherwise (a Go duration).
func idleFor(b *testing.B) time.Duration {
	if s := os.Getenv("CRAMPCARE_IDLE"); s != "" {
		d, err := time.ParseDuration(s)
		if err != nil {
			b.Fatal(err)
		}
		return d
	}
	return time.Minute
}

// BenchmarkAgentIdle measures the tray agent at rest with no window open, on
// a desktop with a tray host: CPU seconds per idle minute and resident
// memory. Targets: <= 0.01 s per minute, <= 20 MB.
func BenchmarkAgentIdle(b *testing.B) {
	for b.Loop() {
		s := newSession(b)
		dbustest.StartNotificationServer(b, s.bus)
		w := dbustest.StartWatcher(b, s.bus)
		a := s.startAgent()
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		if _, err := w.WaitForItem(ctx); err != nil {
			b.Fatal(err)
		}
		cancel()
		// Let start-up settle.
		time.Sleep(10 * time.Second)
		pid := a.cmd.Process.Pid
		idle := idleFor(b)
		before, wakeBefore := procCPU(b, pid), procWakeups(b, pid)
		time.Sleep(idle)
		used, wakeups := procCPU(b, pid)-before, procWakeups(b, pid)-wakeBefore
		b.ReportMetric(used.Seconds()/idle.Minutes(), "cpu-s/idle-min")
		b.ReportMetric(float64(wakeups)/idle.Minutes(), "wakeups/idle-min")
		procMem(b, pid).report(b, "")
		// After a long idle it must still answer at once.
		ctx, cancel = context.WithTimeout(context.Background(), time.Minute)
		out, err := s.crampcare(ctx, "drink")
		cancel()
		if err != nil || !strings.Contains(out, "1 of 8") {
			b.Fatalf("agent after idle: %q, %v", out, err)
		}
		if err := a.stop(b); err != nil {
			b.Fatalf("agent exit: %v", err)
		}
	}
}

// warmSession is a session whose Fyne cache (fonts index and the like) is
// already built, as on any desktop after the first start: the first window
// of a brand-new home folder pays a one-off half second for it.
func warmSession(b *testing.B, tray bool) (*session, *dbustest.Watcher) {
	b.Helper()
	s := newSession(b)
	// A desktop with notifications, so a reminder due at start does not
	// open a window of its own and muddy the measurement.
	dbustest.StartNotificationServer(b, s.bus)
	var w *dbustest.Watcher
	if tray {
		w = dbustest.StartWatcher(b, s.bus)
	}
	a := s.startAgent()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	// Ask until the agent listens; it is starting as we speak.
	for {
		_, err := s.crampcare(ctx, "open", "main")
		if err == nil {
			break
		}
		select {
		case <-ctx.Done():
			b.Fatal(err)
		case <-time.After(50 * time.Millisecond):
		}
	}
	if err := s.waitWindow(ctx, ui.TitleMain); err != nil {
		b.Fatal(err)
	}
	if err := a.stop(b); err != nil {
		b.Fatal(err)
	}
	return s, w
}

// BenchmarkLaunchToMainWindow times a start on a desktop without a tray
// host: from exec to the main window mapped (the window process included).
func BenchmarkLaunchToMainWindow(b *testing.B) {
	s, _ := warmSession(b, false)
	maps := s.watchMaps(b)
	var total time.Duration
	n := 0
	for b.Loop() {
		start := time.Now()
		a := s.startAgent()
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		at, err := maps.waitTitle(ctx, ui.TitleMain)
		if err != nil {
			b.Fatal(err)
		}
		cancel()
		total += at.Sub(start)
		n++
		b.StopTimer()
		if n == 1 {
			// The window process's memory once it has settled.
			time.Sleep(2 * time.Second)
			find := exec.Command("xdotool", "search", "--onlyvisible", "--name", "^"+ui.TitleMain+"$", "getwindowpid")
			find.Env = s.env()
			out, err := find.Output()
			if err != nil {
				b.Fatalf("window pid: %v", err)
			}
			pid, _ := strconv.Atoi(strings.TrimSpace(string(out)))
			procMem(b, pid).report(b, "window-")
		}
		if err := a.stop(b); err != nil {
			b.Fatalf("agent exit: %v", err)
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(total.Milliseconds())/float64(n), "ms/launch")
}

// BenchmarkTrayClickToRelief times the 3 a.m. path: a click on "Log a cramp
// now" until the relief window is mapped, with no window process running
// beforehand (it is started by the click).
func BenchmarkTrayClickToRelief(b *testing.B) {
	s, w := warmSession(b, true)
	conn := dbustest.Connect(b, s.bus)
	maps := s.watchMaps(b)
	var total, worst time.Duration
	n := 0
	for b.Loop() {
		b.StopTimer()
		a := s.startAgent()
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		item, ids := trayEntries(ctx, b, w, conn, tray.LabelLogCramp)
		b.StartTimer()
		start := time.Now()
		if err := dbustest.Click(ctx, conn, item, ids[tray.LabelLogCramp]); err != nil {
			b.Fatal(err)
		}
		at, err := maps.waitTitle(ctx, ui.TitleRelief)
		if err != nil {
			b.Fatal(err)
		}
		total += at.Sub(start)
		worst = max(worst, at.Sub(start))
		n++
		b.StopTimer()
		cancel()
		if err := a.stop(b); err != nil {
			b.Fatalf("agent exit: %v", err)
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(total.Milliseconds())/float64(n), "ms/click-to-window")
	b.ReportMetric(float64(worst.Milliseconds()), "ms-worst")
}
