//go:build smoke

package smoke

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/crampcare/crampcare/internal/api"
	"github.com/crampcare/crampcare/internal/cramp"
	"github.com/crampcare/crampcare/internal/dbustest"
	"github.com/crampcare/crampcare/internal/export"
	"github.com/crampcare/crampcare/internal/ui"
)

// The probes of issue 18 ("Hold under every probe") that concern the agent
// process itself, each against the real binary.

// alive fails t if the agent has exited.
func (a *agent) alive(t *testing.T) {
	t.Helper()
	select {
	case err := <-a.done:
		a.done <- err
		t.Fatalf("the agent died: %v\n%s", err, a.log.String())
	default:
	}
}

// writeExport writes an export of n cramps with long notes (about 4 kB
// each) to a file in dir and returns its path.
func writeExport(t *testing.T, dir string, n int) string {
	t.Helper()
	f := export.File{ExportedAt: time.Now()}
	note := strings.Repeat("The calf went hard again after a long walk. ", 100)[:cramp.MaxNoteBytes-10]
	start := time.Now().AddDate(-1, 0, 0)
	for i := range n {
		f.Cramps = append(f.Cramps, cramp.Entry{
			At:   start.Add(time.Duration(i) * 37 * time.Minute),
			UID:  fmt.Sprintf("probe-%06d", i),
			Note: note,
		})
	}
	path := filepath.Join(dir, "export.json")
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	if err := export.WriteJSON(out, f); err != nil {
		t.Fatal(err)
	}
	return path
}

// Point 1: the agent used to drop its own executable's mappings five
// seconds after start (internal/memtrim), which zeroed the dynamic linker's
// tables: the next C call it had not made before jumped to address 0. An
// import and a report well after start must leave it running.
func TestProbeImportAndReportLongAfterStart(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	s := newSession(t)
	dbustest.StartWatcher(t, s.bus)
	a := s.startAgent()
	started := time.Now()
	dialAgent(ctx, t, s).Close()
	path := writeExport(t, t.TempDir(), 12000) // about 50 MB
	if fi, err := os.Stat(path); err != nil || fi.Size() < 48e6 {
		t.Fatalf("export file: %v, %d bytes; want 50 MB", err, fi.Size())
	}
	// The trim ran 5 s after start; what it broke showed from then on.
	time.Sleep(time.Until(started.Add(8 * time.Second)))
	if out, err := s.crampcare(ctx, "import", path); err != nil || !strings.Contains(out, "12000") {
		t.Fatalf("import: %q, %v", out, err)
	}
	a.alive(t)
	pdf := filepath.Join(t.TempDir(), "report.pdf")
	if _, err := s.crampcare(ctx, "report", "-o", pdf); err != nil {
		t.Fatalf("report: %v", err)
	}
	a.alive(t)
	if out, err := s.crampcare(ctx, "status"); err != nil {
		t.Fatalf("status after import and report: %q, %v", out, err)
	}
}

// procStatus reads one kB figure (VmRSS, VmHWM) of a process.
func procStatus(t *testing.T, pid int, field string) int {
	t.Helper()
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(raw), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == field+":" {
			n, _ := strconv.Atoi(f[1])
			return n
		}
	}
	t.Fatalf("no %s for pid %d", field, pid)
	return 0
}

// Point 3: more idle connections than the agent has file handles used to
// end its accept loop for good (and it kept the diary's lock, so the CLI
// could not fall back). With 256 handles and 400 idle connections opened
// and closed again, the CLI must still be answered at once.
func TestProbeIdleConnectionsDoNotLockOutTheCLI(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	s := newSession(t)
	dbustest.StartWatcher(t, s.bus)
	a := s.startAgent()
	dialAgent(ctx, t, s).Close()
	// prlimit is util-linux's, on every Debian and Ubuntu.
	if out, err := exec.Command("prlimit", "--pid", strconv.Itoa(a.cmd.Process.Pid), "--nofile=256:256").CombinedOutput(); err != nil {
		t.Fatalf("prlimit: %v: %s", err, out)
	}
	var conns []net.Conn
	for range 400 {
		c, err := net.Dial("unix", api.SocketPath(s.dataDir))
		if err != nil {
			t.Fatalf("connection %d: %v", len(conns), err)
		}
		conns = append(conns, c)
	}
	for _, c := range conns {
		c.Close()
	}
	quick, cancelQuick := context.WithTimeout(ctx, 10*time.Second)
	defer cancelQuick()
	if out, err := s.crampcare(quick, "log", "--note", "after the flood"); err != nil {
		t.Fatalf("log after 400 idle connections: %q, %v", out, err)
	}
	a.alive(t)
}

// Point 4: 24 clients each sending one 63 MB line took the agent from 9 MB
// to about 3 GB, and it kept it. Large requests are now read one at a
// time and their memory is given back: the peak stays a small multiple of
// one request and the agent ends near where it began.
func TestProbeHugeRequestsKeepMemoryBounded(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	s := newSession(t)
	dbustest.StartWatcher(t, s.bus)
	a := s.startAgent()
	dialAgent(ctx, t, s).Close()
	pid := a.cmd.Process.Pid
	body := append([]byte(`{"format":"crampcare-export","version":2,"cramps":[],"junk":"`),
		bytes.Repeat([]byte("x"), 63<<20)...)
	body = append(body, "\"}"...)
	line := append([]byte(fmt.Sprintf("POST /v2/import HTTP/1.1\r\nHost: crampcare\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n", len(body))), body...)
	var wg sync.WaitGroup
	for range 24 {
		wg.Go(func() {
			c, err := net.Dial("unix", api.SocketPath(s.dataDir))
			if err != nil {
				t.Error(err)
				return
			}
			defer c.Close()
			c.SetDeadline(time.Now().Add(2 * time.Minute))
			if _, err := c.Write(line); err != nil {
				t.Error(err)
				return
			}
			// Each is answered (an empty import: the junk is ignored).
			if resp, err := http.ReadResponse(bufio.NewReader(c), nil); err != nil || resp.StatusCode != http.StatusOK {
				t.Errorf("reply %v, %v", resp, err)
			}
		})
	}
	wg.Wait()
	a.alive(t)
	peak := procStatus(t, pid, "VmHWM")
	t.Logf("agent peak memory: %d MB", peak>>10)
	if peak > 600<<10 {
		t.Errorf("agent peak memory %d MB; want under 600 MB (24 x 63 MB requests)", peak>>10)
	}
	// The memory goes back to the system once the last request has been
	// answered, which is just after its reply was read.
	for rss := procStatus(t, pid, "VmRSS"); rss > 150<<10; rss = procStatus(t, pid, "VmRSS") {
		select {
		case <-ctx.Done():
			t.Fatalf("agent memory after the requests %d MB; want it given back (under 150 MB)", rss>>10)
		case <-time.After(100 * time.Millisecond):
		}
	}
	if out, err := s.crampcare(ctx, "status"); err != nil {
		t.Fatalf("status after the large requests: %q, %v", out, err)
	}
}

// Point 5: a second `crampcare window help` (or any client sending
// {"op":"attach"}) used to take the window process's event stream over;
// afterwards `open settings` returned 0 and showed nothing. Now only the
// window process the agent started receives events, and a window process
// started by hand only asks the agent to show its window.
func TestProbeEventStreamCannotBeTakenOver(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	s := newSession(t)
	dbustest.StartWatcher(t, s.bus)
	s.startAgent()
	dialAgent(ctx, t, s).Close()
	if _, err := s.crampcare(ctx, "open", "main"); err != nil {
		t.Fatal(err)
	}
	if err := s.waitWindow(ctx, ui.TitleMain); err != nil {
		t.Fatal(err)
	}
	// A stray client asks for the stream.
	c, err := net.Dial("unix", api.SocketPath(s.dataDir))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(10 * time.Second))
	c.Write([]byte("GET /v2/events HTTP/1.1\r\nHost: crampcare\r\n\r\n"))
	if resp, err := http.ReadResponse(bufio.NewReader(c), nil); err != nil || resp.StatusCode != http.StatusForbidden {
		t.Errorf("a stray attach: %v, %v; want it refused", resp, err)
	}
	// A window process started by hand.
	if _, err := s.crampcare(ctx, "window", "help"); err != nil {
		t.Fatalf("crampcare window help: %v", err)
	}
	if err := s.waitWindow(ctx, ui.TitleHelp); err != nil {
		t.Fatalf("help window after `crampcare window help`: %v", err)
	}
	if _, err := s.crampcare(ctx, "open", "settings"); err != nil {
		t.Fatal(err)
	}
	if err := s.waitWindow(ctx, ui.TitleSettings); err != nil {
		t.Fatalf("settings after the takeover attempts: %v", err)
	}
}

// Point 11: a data folder whose path is longer than a socket address may
// be (108 bytes on Linux) made the agent exit with "bind: invalid
// argument". It now listens in a spare place, where the CLI finds it.
func TestProbeLongDataFolderPath(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	s := newSession(t)
	s.dataDir = filepath.Join(s.home, strings.Repeat("a-very-long-folder-name-", 6), "CrampCare data")
	if n := len(api.SocketPath(s.dataDir)); n <= 108 {
		t.Fatalf("the socket path is %d bytes; the test needs more than 108", n)
	}
	// The spare places depend on the environment: the same as the agent's.
	t.Setenv("XDG_RUNTIME_DIR", s.home)
	dbustest.StartWatcher(t, s.bus)
	a := s.startAgent()
	dialAgent(ctx, t, s).Close()
	if out, err := s.crampcare(ctx, "log", "--note", "long path"); err != nil {
		t.Fatalf("log: %q, %v", out, err)
	}
	// It went through the agent (which holds the diary's lock), and the
	// agent is still there.
	a.alive(t)
	if out, err := s.crampcare(ctx, "list"); err != nil || !strings.Contains(out, "long path") {
		t.Fatalf("list: %q, %v", out, err)
	}
}

// Issue 13: after an update replaced the program's file while the agent
// ran, the agent started the new file as its window process, of another
// version. It now starts its own image (Linux: /proc/self/exe).
func TestUpdatedInPlaceWindowIsTheAgentsOwnBuild(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	s := newSession(t)
	dbustest.StartWatcher(t, s.bus)
	dir := t.TempDir()
	installed := filepath.Join(dir, "crampcare")
	copyExecutable(t, s.program(), installed)
	s.bin = installed
	s.startAgent()
	s.bin = "" // the CLI is the test's own build
	dialAgent(ctx, t, s).Close()
	// The "update": a new file at the same path, as package managers do.
	marker := filepath.Join(dir, "the new file ran")
	update := installed + ".new"
	if err := os.WriteFile(update, []byte("#!/bin/sh\ntouch '"+marker+"'\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(update, installed); err != nil {
		t.Fatal(err)
	}
	if _, err := s.crampcare(ctx, "open", "main"); err != nil {
		t.Fatal(err)
	}
	if err := s.waitWindow(ctx, ui.TitleMain); err != nil {
		t.Fatalf("main window after the update: %v", err)
	}
	if _, err := os.Stat(marker); err == nil {
		t.Fatal("the agent started the updated file as its window process")
	}
	// Started through /proc/self/exe, it still goes by its own name.
	find := exec.Command("xdotool", "search", "--onlyvisible", "--name", "^"+ui.TitleMain+"$", "getwindowpid")
	find.Env = s.env()
	out, err := find.Output()
	if err != nil {
		t.Fatalf("window pid: %v", err)
	}
	comm, err := os.ReadFile("/proc/" + strings.TrimSpace(string(out)) + "/comm")
	if err != nil || strings.TrimSpace(string(comm)) != "crampcare" {
		t.Errorf("the window process is called %q (%v), want crampcare", comm, err)
	}
}

// copyExecutable copies the program at from to to, executable.
func copyExecutable(t *testing.T, from, to string) {
	t.Helper()
	raw, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, raw, 0o755); err != nil {
		t.Fatal(err)
	}
}
