package agent

import (
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/crampcare/crampcare/internal/api"
)

// TestHelperWindowProcess stands in for the window process: it waits until
// killed. It does nothing when run as a normal test.
func TestHelperWindowProcess(t *testing.T) {
	if os.Getenv("CRAMPCARE_FAKE_WINDOW") != "1" {
		return
	}
	if os.Getenv("CRAMPCARE_FAKE_WINDOW_CRASH") == "always" {
		os.Exit(2) // as a panic ends a Go program
	}
	if marker := os.Getenv("CRAMPCARE_FAKE_WINDOW_CRASH"); marker != "" {
		// Crash at the first start only, as a start on a busy machine
		// might.
		if _, err := os.Stat(marker); err != nil {
			os.WriteFile(marker, nil, 0o600)
			os.Exit(2)
		}
	}
	if os.Getenv("CRAMPCARE_FAKE_WINDOW_TERM") == "exit0" {
		// Ends as a window process does when its last window closes.
		c := make(chan os.Signal, 1)
		signal.Notify(c, syscall.SIGTERM)
		<-c
		os.Exit(0)
	}
	select {}
}

func fakeHost(t *testing.T) *windowHost {
	t.Helper()
	t.Setenv("CRAMPCARE_FAKE_WINDOW", "1")
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	// The host appends "--data-dir DIR window NAME"; -test.run picks the
	// helper and the rest is ignored after the flag terminator.
	h := &windowHost{exe: exe, dataDir: t.TempDir(), stderr: io.Discard}
	h.args = func(name string) []string {
		return []string{"-test.run=^TestHelperWindowProcess$", "--", "window", name}
	}
	return h
}

func TestOneWindowProcessAtATime(t *testing.T) {
	h := fakeHost(t)
	if err := h.ShowWindow("main"); err != nil {
		t.Fatal(err)
	}
	first := h.proc
	if first == nil {
		t.Fatal("no process started")
	}
	// Asked again before the process attached: queued, not a second process.
	if err := h.ShowWindow("stretch"); err != nil {
		t.Fatal(err)
	}
	if h.proc != first {
		t.Fatal("a second window process was started")
	}
	// Nothing but the process it started, with its token, may attach.
	for _, token := range []string{"", "guess", h.token + "x"} {
		if _, _, err := h.Attach(token); err == nil {
			t.Fatalf("attach with token %q was let in", token)
		}
	}
	events, detach, err := h.Attach(h.token)
	if err != nil {
		t.Fatal(err)
	}
	defer detach()
	// A second attach, even with the token, cannot take the stream over.
	if _, _, err := h.Attach(h.token); err == nil {
		t.Fatal("a second attach took the event stream over")
	}
	if ev := <-events; ev.Type != api.EventShow || ev.Window != "stretch" {
		t.Errorf("queued event = %+v, want show stretch", ev)
	}
	// Attached: requests go straight to it.
	h.ShowWindow("help")
	if ev := <-events; ev.Window != "help" {
		t.Errorf("event = %+v, want show help", ev)
	}
	h.Broadcast(api.Event{Type: api.EventChanged, Change: "cramps"})
	if ev := <-events; ev.Type != api.EventChanged {
		t.Errorf("event = %+v, want changed", ev)
	}
	// The fake ignores quit, so Stop must fall back to killing it.
	start := time.Now()
	h.Stop(200 * time.Millisecond)
	if h.proc != nil {
		t.Error("process still recorded after Stop")
	}
	if ev := <-events; ev.Type != api.EventQuit {
		t.Errorf("event = %+v, want quit", ev)
	}
	if time.Since(start) > 10*time.Second {
		t.Error("Stop did not kill a process that ignored quit")
	}
	// After it is gone, the next show starts a new one.
	if err := h.ShowWindow("main"); err != nil {
		t.Fatal(err)
	}
	if h.proc == nil || h.proc == first {
		t.Error("no new window process after the old one exited")
	}
	h.Stop(100 * time.Millisecond)
}

// syncBuffer is a log the host writes from its own goroutine.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// A window process that crashes is logged with how it ended, and the next
// window asked for starts a new one.
func TestCrashedWindowProcessIsLoggedAndReplaced(t *testing.T) {
	h := fakeHost(t)
	log := &syncBuffer{}
	h.stderr = log
	if err := h.ShowWindow("main"); err != nil {
		t.Fatal(err)
	}
	h.mu.Lock()
	first, exited := h.proc, h.exited
	h.mu.Unlock()
	first.Process.Kill() // as a crash would end it
	<-exited
	if got := log.String(); !strings.Contains(got, "window process") || !strings.Contains(got, "killed") {
		t.Errorf("log after the crash: %q, want the window process and how it ended", got)
	}
	if err := h.ShowWindow("main"); err != nil {
		t.Fatal(err)
	}
	h.mu.Lock()
	again := h.proc
	h.mu.Unlock()
	if again == nil || again == first {
		t.Error("no new window process after the crash")
	}
	h.Stop(100 * time.Millisecond)
}

// TestWindowProcessThatFailsAtStartIsStartedAgain: a window process that
// ends in failure before it attached (the relief steps asked for, and
// nothing shown) is started once more, and the windows asked for in the
// meantime still come; a second failure is logged, not retried again.
func TestWindowProcessThatFailsAtStartIsStartedAgain(t *testing.T) {
	h := fakeHost(t)
	log := &syncBuffer{}
	h.stderr = log
	t.Setenv("CRAMPCARE_FAKE_WINDOW_CRASH", filepath.Join(t.TempDir(), "crashed-once"))
	h.mu.Lock()
	if err := h.start("relief", true); err != nil {
		t.Fatal(err)
	}
	first, exited := h.proc, h.exited
	h.pending = append(h.pending, api.Event{Type: api.EventShow, Window: "help"})
	h.mu.Unlock()
	<-exited
	h.mu.Lock()
	again, pending := h.proc, h.pending
	h.mu.Unlock()
	if again == nil || again == first {
		t.Fatalf("not started again after failing at start; log: %q", log.String())
	}
	if len(pending) != 1 || pending[0].Window != "help" {
		t.Errorf("windows asked for meanwhile: %+v, want help still to come", pending)
	}
	if !strings.Contains(log.String(), `before it showed "relief": starting it again`) {
		t.Errorf("log: %q, want the restart said", log.String())
	}
	h.Stop(100 * time.Millisecond)

	// Failing every time: one more try, then nothing.
	t.Setenv("CRAMPCARE_FAKE_WINDOW_CRASH", "always")
	h = fakeHost(t)
	log2 := &syncBuffer{}
	h.stderr = log2
	if err := h.ShowWindow("relief"); err != nil {
		t.Fatal(err)
	}
	h.mu.Lock()
	exited = h.exited
	h.mu.Unlock()
	<-exited // the first, which starts the retry before this closes
	h.mu.Lock()
	exited = h.exited
	h.mu.Unlock()
	<-exited // the retry
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.proc != nil {
		t.Error("a third process was started")
	}
	if n := strings.Count(log2.String(), "starting it again"); n != 1 {
		t.Errorf("%d restarts in the log, want 1: %q", n, log2.String())
	}
}

// TestWindowProcessThatCrashesWhileShowingIsStartedAgain: a window process
// that attached and then died (CI once saw one panic while building the
// main window it had just been asked for) is started once more with the
// window asked for last, so the person still gets it.
func TestWindowProcessThatCrashesWhileShowingIsStartedAgain(t *testing.T) {
	h := fakeHost(t)
	log := &syncBuffer{}
	h.stderr = log
	var started []string
	args := h.args
	h.args = func(name string) []string { started = append(started, name); return args(name) }
	if err := h.ShowWindow("relief"); err != nil {
		t.Fatal(err)
	}
	h.mu.Lock()
	token := h.token
	h.mu.Unlock()
	events, _, err := h.Attach(token)
	if err != nil {
		t.Fatal(err)
	}
	if err := h.ShowWindow("main"); err != nil {
		t.Fatal(err)
	}
	if ev := <-events; ev.Window != "main" {
		t.Fatalf("event %+v, want main shown", ev)
	}
	h.mu.Lock()
	first, exited := h.proc, h.exited
	h.mu.Unlock()
	first.Process.Kill() // as a panic in building the window would end it
	<-exited
	h.mu.Lock()
	again := h.proc
	h.mu.Unlock()
	if again == nil || again == first {
		t.Fatalf("not started again after the crash; log: %q", log.String())
	}
	if len(started) != 2 || started[1] != "main" {
		t.Errorf("processes started for %q, want the last window asked for (main) again", started)
	}
	if !strings.Contains(log.String(), `failed while showing "main": starting it again`) {
		t.Errorf("log: %q, want the restart said", log.String())
	}
	h.Stop(100 * time.Millisecond)
}

// TestStoppedWindowProcessIsNotStartedAgain: the agent ending the window
// process (at quit) is not a failure to retry.
func TestStoppedWindowProcessIsNotStartedAgain(t *testing.T) {
	h := fakeHost(t)
	log := &syncBuffer{}
	h.stderr = log
	if err := h.ShowWindow("main"); err != nil {
		t.Fatal(err)
	}
	h.Stop(50 * time.Millisecond) // the fake ignores quit: killed
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.proc != nil || strings.Contains(log.String(), "starting it again") {
		t.Errorf("started again after Stop; log: %q", log.String())
	}
}

// TestWindowAskedForWhileTheProcessEndsIsShown: a window asked for while
// the window process is ending (its last window closed, its events let
// go) is not lost: a new process shows it.
func TestWindowAskedForWhileTheProcessEndsIsShown(t *testing.T) {
	h := fakeHost(t)
	t.Setenv("CRAMPCARE_FAKE_WINDOW_TERM", "exit0")
	var got []string
	h.args = func(name string) []string {
		got = append(got, name)
		return []string{"-test.run=^TestHelperWindowProcess$", "--", "window", name}
	}
	if err := h.ShowWindow("relief"); err != nil {
		t.Fatal(err)
	}
	_, detach, err := h.Attach(h.token)
	if err != nil {
		t.Fatal(err)
	}
	detach() // the window process letting go as it ends
	if err := h.ShowWindow("main"); err != nil {
		t.Fatal(err)
	}
	h.mu.Lock()
	first, exited := h.proc, h.exited
	h.mu.Unlock()
	first.Process.Signal(syscall.SIGTERM) // ends with exit 0
	<-exited
	h.mu.Lock()
	next := h.proc
	h.mu.Unlock()
	if next == nil || next == first || len(got) != 2 || got[1] != "main" {
		t.Errorf("windows started for %v (new process %v), want relief then main", got, next != nil && next != first)
	}
	h.Stop(100 * time.Millisecond)
}

// TestDetachEndsTheStreamAndQueuesWhatFollows: the window process letting
// go of its events (Detach, with its token) closes its stream after what
// was sent; what is asked for from then on waits for the next process.
func TestDetachEndsTheStreamAndQueuesWhatFollows(t *testing.T) {
	h := fakeHost(t)
	if err := h.ShowWindow("main"); err != nil {
		t.Fatal(err)
	}
	events, detach, err := h.Attach(h.token)
	if err != nil {
		t.Fatal(err)
	}
	defer detach()
	h.ShowWindow("relief")
	if err := h.Detach("guess"); err == nil {
		t.Fatal("detach with a wrong token was let in")
	}
	if err := h.Detach(h.token); err != nil {
		t.Fatal(err)
	}
	var got []string
	for ev := range events {
		got = append(got, ev.Window)
	}
	if len(got) != 1 || got[0] != "relief" {
		t.Errorf("events before the end = %v, want [relief]", got)
	}
	h.ShowWindow("help")
	h.Broadcast(api.Event{Type: api.EventChanged}) // no send on the closed stream
	h.mu.Lock()
	pending := h.pending
	h.mu.Unlock()
	if len(pending) != 1 || pending[0].Window != "help" {
		t.Errorf("pending = %+v, want help", pending)
	}
	h.Stop(100 * time.Millisecond)
}
