//go:build smoke

package smoke

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"

	"github.com/crampcare/crampcare/internal/dbustest"
	"github.com/crampcare/crampcare/internal/settings"
	"github.com/crampcare/crampcare/internal/store"
)

// binary is the crampcare binary under test, built once in TestMain (or
// given by $CRAMPCARE_BIN, as `make test` does with the one it built).
var binary string

func TestMain(m *testing.M) {
	code, err := run(m)
	if err != nil {
		fmt.Fprintln(os.Stderr, "smoke:", err)
		os.Exit(1)
	}
	os.Exit(code)
}

func run(m *testing.M) (int, error) {
	binary = os.Getenv("CRAMPCARE_BIN")
	if binary == "" {
		dir, err := os.MkdirTemp("", "crampcare-smoke")
		if err != nil {
			return 0, err
		}
		defer os.RemoveAll(dir)
		binary = filepath.Join(dir, "crampcare")
		out, err := exec.Command("go", "build", "-o", binary, "github.com/crampcare/crampcare/cmd/crampcare").CombinedOutput()
		if err != nil {
			return 0, fmt.Errorf("build: %v\n%s", err, out)
		}
	}
	return m.Run(), nil
}

// startXvfb starts a private X server and returns its DISPLAY. It fails the
// test when Xvfb is missing: `make test` installs it (package xvfb).
func startXvfb(t testing.TB) string {
	t.Helper()
	return startXvfbScreen(t, "1280x800")
}

// startXvfbScreen is startXvfb with a screen of this size ("1366x768").
func startXvfbScreen(t testing.TB, size string) string {
	t.Helper()
	if _, err := exec.LookPath("Xvfb"); err != nil {
		t.Fatal("Xvfb is missing: apt-get install xvfb (make test installs it)")
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("Xvfb", "-displayfd", "3", "-screen", "0", size+"x24", "-nolisten", "tcp")
	cmd.ExtraFiles = []*os.File{w}
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	w.Close()
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	line := make(chan string, 1)
	go func() {
		s, _ := bufio.NewReader(r).ReadString('\n')
		line <- strings.TrimSpace(s)
	}()
	select {
	case n := <-line:
		if n == "" {
			t.Fatal("Xvfb did not report a display")
		}
		return ":" + n
	case <-time.After(20 * time.Second):
		t.Fatal("Xvfb did not start")
	}
	return ""
}

// session is one desktop: X, a session bus, and a data folder.
type session struct {
	t       testing.TB
	display string
	bus     string
	dataDir string
	home    string
	// bin, if set, is the program to run instead of binary; extra is
	// added to the environment.
	bin   string
	extra []string
	// welcome leaves a new data folder new, so the agent shows the
	// first-run welcome and holds reminders until it is done. Otherwise
	// startAgent marks the welcome done first, as a person who has been
	// through it: the other tests are about what comes after.
	welcome bool
}

func (s *session) program() string {
	if s.bin != "" {
		return s.bin
	}
	return binary
}

func newSession(t testing.TB) *session {
	return newSessionScreen(t, "1280x800")
}

// newSessionScreen is newSession on a screen of this size ("1024x600").
func newSessionScreen(t testing.TB, size string) *session {
	home := t.TempDir()
	s := &session{t: t, display: startXvfbScreen(t, size), bus: dbustest.StartBus(t), dataDir: filepath.Join(home, "data"), home: home}
	// Fyne makes its cache folder with a plain mkdir; give it a parent.
	if err := os.MkdirAll(filepath.Join(home, ".cache"), 0o700); err != nil {
		t.Fatal(err)
	}
	return s
}

func (s *session) env() []string {
	env := []string{
		"DISPLAY=" + s.display,
		"DBUS_SESSION_BUS_ADDRESS=" + s.bus,
		"CRAMPCARE_DATA_DIR=" + s.dataDir,
		"HOME=" + s.home,
		"XDG_RUNTIME_DIR=" + s.home,
		"XDG_CONFIG_HOME=" + filepath.Join(s.home, ".config"),
		"PATH=" + os.Getenv("PATH"),
		// British English: English words and a 24-hour clock, as the
		// tests expect; a test of another language sets LANG in extra.
		"LANG=en_GB.UTF-8",
	}
	if os.Getenv("CRAMPCARE_SMOKE_DEBUG") != "" {
		env = append(env, "FYNE_DEBUG=1")
	}
	return append(env, s.extra...)
}

// agent is the running agent process.
type agent struct {
	cmd  *exec.Cmd
	done chan error
	log  *lockedWriter
}

func (s *session) startAgent() *agent {
	s.t.Helper()
	if _, err := os.Stat(filepath.Join(s.dataDir, store.FileName)); !s.welcome && errors.Is(err, fs.ErrNotExist) {
		// A folder that cannot be written (a test of just that) keeps
		// its welcome; the agent is what such a test is about.
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		if _, err := s.crampcare(ctx, "settings", "set", settings.WelcomeDone, "true"); err != nil {
			s.t.Logf("welcome not marked done: %v", err)
		}
		cancel()
	}
	cmd := exec.Command(s.program())
	cmd.Env = s.env()
	log := &lockedWriter{b: &strings.Builder{}}
	cmd.Stdout, cmd.Stderr = log, log
	// Its own process group, so that the cleanup ends the window
	// processes it started too: one still holding the output pipe once
	// the agent was killed kept Wait, and the whole smoke run, waiting
	// until go test's timeout. WaitDelay bounds that wait all the same.
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL, Setpgid: true}
	cmd.WaitDelay = 10 * time.Second
	if err := cmd.Start(); err != nil {
		s.t.Fatal(err)
	}
	a := &agent{cmd: cmd, done: make(chan error, 1), log: log}
	go func() { a.done <- cmd.Wait() }()
	s.t.Cleanup(func() {
		if cmd.ProcessState == nil {
			syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			<-a.done
		} else {
			syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) // what it left behind
		}
		if s.t.Failed() {
			s.t.Logf("agent output:\n%s", log.String())
		}
	})
	return a
}

// stop sends SIGTERM and returns the exit error (nil for exit 0).
func (a *agent) stop(t testing.TB) error {
	t.Helper()
	if err := a.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-a.done:
		return err
	case <-time.After(20 * time.Second):
		t.Fatal("agent did not stop within 20 s of SIGTERM")
	}
	return nil
}

// crampcare runs the binary with args in the session and returns stdout.
func (s *session) crampcare(ctx context.Context, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, s.program(), args...)
	cmd.Env = s.env()
	var out, errb strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	if err != nil {
		return out.String(), fmt.Errorf("crampcare %v: %w: %s", args, err, errb.String())
	}
	return out.String(), nil
}

// waitWindow waits until a visible window with exactly this title is mapped.
func (s *session) waitWindow(ctx context.Context, title string) error {
	// Polled here rather than with xdotool's --sync, which sleeps 500 ms
	// between looks: that made every latency measured by it come out at
	// just over half a second, whatever the app did.
	for {
		cmd := exec.CommandContext(ctx, "xdotool", "search", "--onlyvisible", "--name", "^"+title+"$")
		cmd.Env = s.env()
		err := cmd.Run()
		if err == nil {
			return nil
		}
		if errors.Is(err, exec.ErrNotFound) {
			return errors.New("xdotool is missing: apt-get install xdotool (make test installs it)")
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("window %q not mapped: %w", title, ctx.Err())
		case <-time.After(5 * time.Millisecond):
		}
	}
}

// windowExists reports whether any window with this title exists now.
func (s *session) windowExists(title string) bool {
	cmd := exec.Command("xdotool", "search", "--name", "^"+title+"$")
	cmd.Env = s.env()
	return cmd.Run() == nil
}

// screenshot saves the window with this title as docs-ready PNG when
// $CRAMPCARE_SCREENSHOTS names a folder (make screenshots); otherwise it
// does nothing.
func (s *session) screenshot(title, name string) {
	dir := os.Getenv("CRAMPCARE_SCREENSHOTS")
	if dir == "" {
		return
	}
	find := exec.Command("xdotool", "search", "--onlyvisible", "--name", "^"+title+"$")
	find.Env = s.env()
	out, err := find.Output()
	if err != nil {
		s.t.Errorf("screenshot %s: no window %q", name, title)
		return
	}
	id := strings.Fields(string(out))[0]
	cmd := exec.Command("import", "-window", id, filepath.Join(dir, name+".png"))
	cmd.Env = s.env()
	if out, err := cmd.CombinedOutput(); err != nil {
		s.t.Errorf("screenshot %s: %v %s", name, err, out)
	}
}

// mapWatch reports windows as the X server maps them, from xev watching
// the root window: an event, not a poll, so measuring takes no CPU from
// the app being measured.
type mapWatch struct {
	s      *session
	cmd    *exec.Cmd
	mapped chan mapEvent
}

type mapEvent struct {
	window string
	at     time.Time
}

// watchMaps starts xev on the session's display.
func (s *session) watchMaps(tb testing.TB) *mapWatch {
	tb.Helper()
	// stdbuf: xev's stdout is a pipe here, which stdio would buffer.
	cmd := exec.Command("stdbuf", "-oL", "xev", "-root", "-event", "substructure")
	cmd.Env = s.env()
	out, err := cmd.StdoutPipe()
	if err != nil {
		tb.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		tb.Fatalf("xev: %v (apt-get install x11-utils; make test installs it)", err)
	}
	w := &mapWatch{s: s, cmd: cmd, mapped: make(chan mapEvent, 16)}
	go func() {
		sc := bufio.NewScanner(out)
		inMap := false
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "MapNotify event"):
				inMap = true
			case inMap && strings.Contains(line, "event 0x"):
				inMap = false
				f := strings.Fields(strings.ReplaceAll(line, ",", " "))
				for i := 0; i+1 < len(f); i++ {
					if f[i] == "window" {
						w.mapped <- mapEvent{window: f[i+1], at: time.Now()}
					}
				}
			}
		}
		close(w.mapped)
	}()
	tb.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	// xev says nothing until something happens: map a window of our own
	// until it is seen, and then xev is surely listening.
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	for {
		probe := exec.Command("xmessage", "-name", "crampcare-probe", "-timeout", "1", "probe")
		probe.Env = s.env()
		if err := probe.Start(); err != nil {
			tb.Fatalf("xmessage: %v (apt-get install x11-utils)", err)
		}
		select {
		case <-w.mapped:
			probe.Process.Kill()
			probe.Wait()
			// Drain the probe's other events, if any came.
		drain:
			for {
				select {
				case <-w.mapped:
				case <-time.After(50 * time.Millisecond):
					break drain
				}
			}
			return w
		case <-time.After(2 * time.Second):
			probe.Process.Kill()
			probe.Wait()
		case <-ctx.Done():
			tb.Fatal("xev never saw a window mapped")
		}
	}
}

// waitTitle returns when a window with this title was mapped.
func (w *mapWatch) waitTitle(ctx context.Context, title string) (time.Time, error) {
	for {
		select {
		case <-ctx.Done():
			return time.Time{}, fmt.Errorf("no window %q mapped: %w", title, ctx.Err())
		case ev, ok := <-w.mapped:
			if !ok {
				return time.Time{}, errors.New("xev stopped")
			}
			name := exec.CommandContext(ctx, "xdotool", "getwindowname", ev.window)
			name.Env = w.s.env()
			out, err := name.Output()
			if err == nil && strings.TrimSpace(string(out)) == title {
				return ev.at, nil
			}
		}
	}
}

// trayEntries waits for the agent's tray item and finds the menu entries
// with these labels, failing the test if one is missing.
func trayEntries(ctx context.Context, tb testing.TB, w *dbustest.Watcher, conn *dbus.Conn, labels ...string) (dbustest.Item, map[string]int32) {
	tb.Helper()
	item, err := w.WaitForItem(ctx)
	if err != nil {
		tb.Fatalf("tray item never registered: %v", err)
	}
	menu, err := dbustest.ReadMenu(ctx, conn, item)
	if err != nil {
		tb.Fatal(err)
	}
	ids := map[string]int32{}
	for _, label := range labels {
		m, ok := menu.Find(label)
		if !ok {
			tb.Fatalf("tray menu has no %q entry: %+v", label, menu)
		}
		ids[label] = m.ID
	}
	return item, ids
}

// set makes settings through the CLI, key after value, as a person would
// before the agent starts (or while it runs).
func (s *session) set(ctx context.Context, t testing.TB, kv ...string) {
	t.Helper()
	for i := 0; i+1 < len(kv); i += 2 {
		if _, err := s.crampcare(ctx, "settings", "set", kv[i], kv[i+1]); err != nil {
			t.Fatal(err)
		}
	}
}
