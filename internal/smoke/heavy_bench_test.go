//go:build smoke

package smoke

import (
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/crampcare/crampcare/internal/api"
	"github.com/crampcare/crampcare/internal/cramp"
	"github.com/crampcare/crampcare/internal/dbustest"
	"github.com/crampcare/crampcare/internal/export"
	"github.com/crampcare/crampcare/internal/store"
	"github.com/crampcare/crampcare/internal/stretch"
	"github.com/crampcare/crampcare/internal/tray"
	"github.com/crampcare/crampcare/internal/ui"
	"github.com/crampcare/crampcare/internal/water"
)

// heavyDiary writes ten years of heavy use into the session's data folder
// before any agent starts, as the store's and the service's benchmarks
// do: 20,000 cramps (2,000 a year, each with a note and details), 150,000
// glasses and 4,000 evening stretches, ending now.
func heavyDiary(b *testing.B, s *session) {
	b.Helper()
	st, err := store.Open(filepath.Join(s.dataDir, store.FileName), store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	now := time.Now().Add(-time.Minute)
	start := now.AddDate(-10, 0, 0)
	span := now.Sub(start)
	var f export.File
	for i := range 20000 {
		n := i % 11
		f.Cramps = append(f.Cramps, cramp.Entry{At: start.Add(span / 20000 * time.Duration(i)), Leg: cramp.LegLeft, Muscle: cramp.MuscleCalf,
			Intensity: &n, Duration: time.Minute, Note: "woke at night, calf",
			Helped:   map[cramp.Step]cramp.Rating{cramp.StepStretch: cramp.RatingYes},
			Triggers: []string{"little-water"}})
	}
	for i := range 150000 {
		f.Glasses = append(f.Glasses, water.Glass{At: start.Add(span / 150000 * time.Duration(i))})
	}
	for i := range 4000 {
		at := start.Add(span / 4000 * time.Duration(i))
		f.Stretches = append(f.Stretches, stretch.Session{Start: at, End: at.Add(10 * time.Minute), Source: stretch.SourceGuided})
	}
	if _, err := st.Import(f); err != nil {
		b.Fatal(err)
	}
}

// windowPID is the pid of the process that shows the window with title.
func (s *session) windowPID(b *testing.B, title string) int {
	b.Helper()
	find := exec.Command("xdotool", "search", "--onlyvisible", "--name", "^"+title+"$", "getwindowpid")
	find.Env = s.env()
	out, err := find.Output()
	if err != nil {
		b.Fatalf("window pid: %v", err)
	}
	pid, err := strconv.Atoi(strings.Fields(string(out))[0])
	if err != nil {
		b.Fatal(err)
	}
	return pid
}

// BenchmarkHeavyDiary times the windows over ten years of heavy use (issue
// 18, point 14), once per iteration with a fresh agent:
//
//   - ms-open-main: `crampcare open main` until the main window is mapped,
//     no window process running before (target <= 1 s);
//   - ms-log-visible (mean of 5) and ms-log-visible-worst: a cramp sent to
//     the agent until the open main window, History tab in front, shows a
//     change (target <= 0.3 s);
//   - window-MB-per-200-logs, window-peak-MB-200-logs and
//     window-cpu-s-per-200-logs: the window process's resident memory
//     growth once the window is still again (target < 20 MB), its highest
//     growth meanwhile, and its CPU, over 200 `crampcare log` in a row
//     with the History tab in front;
//   - ms-tray-to-relief: the tray's "Log a cramp now" until the relief
//     window is mapped, with the main window open (target <= 0.5 s).
func BenchmarkHeavyDiary(b *testing.B) {
	s := newSession(b)
	dbustest.StartNotificationServer(b, s.bus)
	w := dbustest.StartWatcher(b, s.bus)
	conn := dbustest.Connect(b, s.bus)
	heavyDiary(b, s)
	maps := s.watchMaps(b)
	// A first window in a new home folder builds Fyne's cache (half a
	// second, once); on a desktop in use that is long done.
	warm := s.startAgent()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	trayEntries(ctx, b, w, conn, tray.LabelLogCramp)
	if _, err := s.crampcare(ctx, "open", "main"); err != nil {
		b.Fatal(err)
	}
	if _, err := maps.waitTitle(ctx, ui.TitleMain); err != nil {
		b.Fatal(err)
	}
	cancel()
	if err := warm.stop(b); err != nil {
		b.Fatal(err)
	}
	var open, visible, worst, relief, cpu time.Duration
	var grewKB, peakKB int
	n, seen := 0, 0
	for b.Loop() {
		a := s.startAgent()
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
		item, ids := trayEntries(ctx, b, w, conn, tray.LabelLogCramp)

		start := time.Now()
		if _, err := s.crampcare(ctx, "open", "main"); err != nil {
			b.Fatal(err)
		}
		at, err := maps.waitTitle(ctx, ui.TitleMain)
		if err != nil {
			b.Fatal(err)
		}
		open += at.Sub(start)

		if _, err := s.crampcare(ctx, "open", "history"); err != nil {
			b.Fatal(err)
		}
		shot, err := s.newXShot(ctx, ui.TitleMain)
		if err != nil {
			b.Fatal(err)
		}
		c, err := api.DialAgent(s.dataDir)
		if err != nil {
			b.Fatal(err)
		}
		for range 5 {
			still, err := shot.waitStill(ctx, time.Second)
			if err != nil {
				b.Fatal(err)
			}
			start := time.Now()
			if _, err := c.LogCramp(ctx, cramp.Entry{Note: "from the benchmark"}); err != nil {
				b.Fatal(err)
			}
			at, err := shot.waitChange(ctx, still)
			if err != nil {
				b.Fatal(err)
			}
			visible += at.Sub(start)
			worst = max(worst, at.Sub(start))
			seen++
		}
		c.Close()

		// 200 logs from a script, as fast as the CLI goes.
		pid := s.windowPID(b, ui.TitleMain)
		if _, err := shot.waitStill(ctx, 5*time.Second); err != nil {
			b.Fatal(err)
		}
		rss0 := procMem(b, pid).RSS
		cpu0 := procCPU(b, pid)
		t0 := time.Now()
		top := rss0
		for i := range 200 {
			if _, err := s.crampcare(ctx, "log", "--note", fmt.Sprint("script ", i)); err != nil {
				b.Fatal(err)
			}
			if i%10 == 9 {
				rss := procMem(b, pid).RSS
				top = max(top, rss)
			}
		}
		logs := time.Since(t0)
		// What the process keeps: once it is still, and has had the few
		// seconds the window process waits before it gives back the
		// memory the reads used.
		if _, err := shot.waitStill(ctx, 5*time.Second); err != nil {
			b.Fatal(err)
		}
		rss1 := procMem(b, pid).RSS
		cpu += procCPU(b, pid) - cpu0
		grewKB += rss1 - rss0
		peakKB += top - rss0
		b.Logf("200 logs in %v; window process %d MB -> %d MB (at most %d MB meanwhile)", logs.Round(time.Millisecond), rss0/1024, rss1/1024, top/1024)
		shot.close()

		start = time.Now()
		if err := dbustest.Click(ctx, conn, item, ids[tray.LabelLogCramp]); err != nil {
			b.Fatal(err)
		}
		at, err = maps.waitTitle(ctx, ui.TitleRelief)
		if err != nil {
			b.Fatal(err)
		}
		relief += at.Sub(start)
		n++
		cancel()
		if err := a.stop(b); err != nil {
			b.Fatalf("agent exit: %v", err)
		}
	}
	b.ReportMetric(float64(open.Milliseconds())/float64(n), "ms-open-main")
	b.ReportMetric(float64(visible.Milliseconds())/float64(seen), "ms-log-visible")
	b.ReportMetric(float64(worst.Milliseconds()), "ms-log-visible-worst")
	b.ReportMetric(float64(grewKB)/1024/float64(n), "window-MB-per-200-logs")
	b.ReportMetric(float64(peakKB)/1024/float64(n), "window-peak-MB-200-logs")
	b.ReportMetric(cpu.Seconds()/float64(n), "window-cpu-s-per-200-logs")
	b.ReportMetric(float64(relief.Milliseconds())/float64(n), "ms-tray-to-relief")
}
