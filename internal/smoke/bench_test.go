//go:build smoke

package smoke

import (
	"context"
	"os"
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

// procMem returns a process's VmRSS and RssAnon in kB.
func procMem(b *testing.B, pid int) (rss, anon int) {
	b.Helper()
	raw, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		b.Fatal(err)
	}
	for _, line := range strings.Split(string(raw), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		n, _ := strconv.Atoi(f[1])
		switch f[0] {
		case "VmRSS:":
			rss = n
		case "RssAnon:":
			anon = n
		}
	}
	return rss, anon
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
		// Let start-up settle (the agent trims its start-up memory 5 s in).
		time.Sleep(10 * time.Second)
		pid := a.cmd.Process.Pid
		idle := idleFor(b)
		before := procCPU(b, pid)
		time.Sleep(idle)
		used := procCPU(b, pid) - before
		rss, anon := procMem(b, pid)
		b.ReportMetric(used.Seconds()/idle.Minutes(), "cpu-s/idle-min")
		b.ReportMetric(float64(rss)/1024, "rss-MB")
		b.ReportMetric(float64(anon)/1024, "anon-MB")
		// The agent released its start-up memory; it must still work.
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

// BenchmarkLaunchToMainWindow times a cold start on a desktop without a tray
// host: from exec to the main window mapped (the window process included).
func BenchmarkLaunchToMainWindow(b *testing.B) {
	var total time.Duration
	n := 0
	for b.Loop() {
		s := newSession(b)
		start := time.Now()
		a := s.startAgent()
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		if err := s.waitWindow(ctx, ui.TitleMain); err != nil {
			b.Fatal(err)
		}
		cancel()
		total += time.Since(start)
		n++
		b.StopTimer()
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
	var total time.Duration
	n := 0
	for b.Loop() {
		b.StopTimer()
		s := newSession(b)
		w := dbustest.StartWatcher(b, s.bus)
		conn := dbustest.Connect(b, s.bus)
		a := s.startAgent()
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		item, err := w.WaitForItem(ctx)
		if err != nil {
			b.Fatal(err)
		}
		menu, err := dbustest.ReadMenu(ctx, conn, item)
		if err != nil {
			b.Fatal(err)
		}
		entry, ok := menu.Find(tray.LabelLogCramp)
		if !ok {
			b.Fatal("no log entry in the tray menu")
		}
		b.StartTimer()
		start := time.Now()
		if err := dbustest.Click(ctx, conn, item, entry.ID); err != nil {
			b.Fatal(err)
		}
		if err := s.waitWindow(ctx, ui.TitleRelief); err != nil {
			b.Fatal(err)
		}
		total += time.Since(start)
		n++
		b.StopTimer()
		cancel()
		if err := a.stop(b); err != nil {
			b.Fatalf("agent exit: %v", err)
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(total.Milliseconds())/float64(n), "ms/click-to-window")
}
