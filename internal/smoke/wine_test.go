//go:build smoke

package smoke

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/crampcare/crampcare/internal/ui"
	"github.com/crampcare/crampcare/internal/version"
)

// TestWindowsUnderWine runs the cross-built crampcare.exe (given in
// $CRAMPCARE_WINDOWS_EXE, as `make test` does) under Wine 8 on a private
// Xvfb, in a private Wine prefix: the package's API tests over the named
// pipe, then the real program as a person uses it, from the default data
// folder to the tray's Quit.
//
// What Wine cannot show is said where it comes: a toast (Wine has no
// Windows notification platform, so the fallback reminder window is what
// is checked) and the real taskbar (Wine's own system tray stands in).
//
// Wine 8 lacks bcryptprimitives.dll, whose ProcessPrng every Go 1.22+
// program calls at start; a ten-line stand-in is built from C here on top
// of RtlGenRandom and copied into the private prefix. It is a test-bed
// device only, never shipped.
func TestWindowsUnderWine(t *testing.T) {
	exe := os.Getenv("CRAMPCARE_WINDOWS_EXE")
	if exe == "" {
		t.Skip("run through `make test`, which cross-builds crampcare.exe first")
	}
	began := time.Now()
	defer func() { t.Logf("the Windows test took %v", time.Since(began).Round(time.Second)) }()
	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute)
	defer cancel()
	w := startWine(ctx, t)
	t.Logf("Wine prefix ready in %v", time.Since(began).Round(time.Second))

	t.Run("the API package's tests over the named pipe", func(t *testing.T) {
		testAPIUnderWine(ctx, t, w)
	})

	// Installed where a program lives, so autostart names a Windows path.
	prog := `C:\CrampCare\crampcare.exe`
	if err := os.MkdirAll(w.unixPath(`C:\CrampCare`), 0o755); err != nil {
		t.Fatal(err)
	}
	copyFileT(t, exe, w.unixPath(prog))
	cc := func(args ...string) (string, error) { return w.run(ctx, append([]string{prog}, args...)...) }

	if out, err := cc("version"); err != nil || strings.TrimSpace(out) != "crampcare "+version.Version {
		t.Fatalf("crampcare.exe version: %q, %v", out, err)
	}

	var appData string
	ok := t.Run("the default data folder is %AppData%\\CrampCare", func(t *testing.T) {
		// No agent yet: the CLI opens the diary itself. Reminders are
		// off until the reminder step, so none comes in between.
		for _, kv := range [][2]string{{"hydration.enabled", "false"}, {"stretch.enabled", "false"}} {
			if _, err := cc("settings", "set", kv[0], kv[1]); err != nil {
				t.Fatal(err)
			}
		}
		// Something to back up when the agent starts.
		if _, err := cc("log", "--note", "before the agent"); err != nil {
			t.Fatal(err)
		}
		out, err := w.run(ctx, "cmd", "/c", "echo", "%APPDATA%")
		if err != nil {
			t.Fatal(err)
		}
		appData = strings.TrimSpace(out)
		db := w.unixPath(appData + `\CrampCare\crampcare.db`)
		if _, err := os.Stat(db); err != nil {
			t.Fatalf("no diary at %%AppData%%\\CrampCare (%s): %v", appData, err)
		}
	})
	if !ok {
		return
	}

	agent := w.start(prog)
	s := &session{t: t, display: w.display}
	ok = t.Run("crampcare open main shows the main window through the agent", func(t *testing.T) {
		// The agent is ready once it takes requests: until then, open
		// says no agent runs.
		for {
			if _, err := cc("open", "main"); err == nil {
				break
			}
			if agent.exited() {
				t.Fatalf("the agent ended:\n%s", agent.log.String())
			}
			if ctx.Err() != nil {
				t.Fatalf("the agent never took requests:\n%s", agent.log.String())
			}
		}
		wctx, wcancel := context.WithTimeout(ctx, time.Minute)
		defer wcancel()
		if err := s.waitWindow(wctx, ui.TitleMain); err != nil {
			t.Fatal(err)
		}
	})
	if !ok {
		return
	}

	t.Run("the CLI logs a cramp through the agent, which holds the diary", func(t *testing.T) {
		out, err := cc("log", "--note", "logged through the agent")
		if err != nil {
			t.Fatal(err)
		}
		if list, err := cc("list"); err != nil || !strings.Contains(list, "logged through the agent") {
			t.Fatalf("list after log %q: %q, %v", strings.TrimSpace(out), list, err)
		}
		// The same folder reached by another path (Wine's Z: drive is
		// the Unix root) has another pipe name, so this CLI finds no
		// agent and opens the diary itself: the agent's lock refuses
		// it. So the log above went through the agent.
		other := `Z:` + strings.ReplaceAll(w.unixPath(appData+`\CrampCare`), "/", `\`)
		_, err = cc("--data-dir", other, "log", "--note", "around the agent")
		if err == nil || !strings.Contains(err.Error(), "in use by another CrampCare process") {
			t.Fatalf("a CLI that opens the diary beside the running agent: %v, want 'in use by another CrampCare process'", err)
		}
	})

	// For docs/windows-main.png (CRAMPCARE_SCREENSHOTS): the window has
	// drawn by now (just mapped, it is still blank), and no reminder is on
	// top of it yet.
	s.screenshot(ui.TitleMain, "windows-main")

	t.Run("the day's backup is written without an error", func(t *testing.T) {
		backups, err := os.ReadDir(w.unixPath(appData + `\CrampCare\backups`))
		if err != nil || len(backups) == 0 {
			t.Fatalf("no backup in %%AppData%%\\CrampCare\\backups: %v", err)
		}
		for _, line := range strings.Split(agent.log.String(), "\n") {
			if strings.HasPrefix(line, "backup:") && !strings.HasPrefix(line, "backup: wrote") {
				t.Errorf("the agent's log tells of a failed backup: %s", line)
			}
		}
	})

	t.Run("the tray menu logs a glass", func(t *testing.T) {
		// Wine's own system tray stands in for the taskbar's.
		if err := w.trayMenu(ctx, "Down", "Down"); err != nil { // I drank a glass of water
			t.Fatal(err)
		}
		for {
			out, err := cc("status")
			if err == nil && strings.Contains(out, "Glasses of water today: 1 of") {
				break
			}
			if ctx.Err() != nil {
				t.Fatalf("status after the tray's glass: %q, %v", out, err)
			}
		}
	})

	t.Run("a second start hands over to the running agent", func(t *testing.T) {
		before := w.processes(ctx, t)
		if _, err := cc(); err != nil {
			t.Fatalf("second start: %v", err)
		}
		if agent.exited() {
			t.Fatal("the first agent ended")
		}
		if after := w.processes(ctx, t); after != before {
			t.Errorf("%d CrampCare processes before the second start, %d after: the second did not hand over and leave", before, after)
		}
	})

	t.Run("a reminder whose toast cannot be shown opens the reminder window", func(t *testing.T) {
		// Wine has no toast notifications (no WinRT, no PowerShell),
		// so the toast fails as on a desktop without notifications.
		now := time.Now()
		for _, kv := range [][2]string{
			{"hydration.interval", "1m"},
			{"hydration.start", hhmm(now.Add(-time.Hour))},
			{"hydration.end", hhmm(now.Add(2 * time.Hour))},
			{"hydration.taper", "0s"},
			{"hydration.enabled", "true"},
		} {
			if _, err := cc("settings", "set", kv[0], kv[1]); err != nil {
				t.Fatal(err)
			}
		}
		wctx, wcancel := context.WithTimeout(ctx, 2*time.Minute)
		defer wcancel()
		if err := s.waitWindow(wctx, ui.TitleReminder); err != nil {
			t.Fatalf("%v\nthe agent's log:\n%s", err, agent.log.String())
		}
		if got := agent.log.String(); !strings.Contains(got, "notifications cannot be shown") {
			t.Errorf("the failed toast was not logged:\n%s", got)
		}
	})

	t.Run("autostart writes and removes the Run value", func(t *testing.T) {
		want := `"` + prog + `"`
		if err := w.waitRunValue(ctx, want); err != nil {
			t.Fatal(err)
		}
		if _, err := cc("settings", "set", "autostart.enabled", "false"); err != nil {
			t.Fatal(err)
		}
		if err := w.waitRunValue(ctx, ""); err != nil {
			t.Fatal(err)
		}
		if _, err := cc("settings", "set", "autostart.enabled", "true"); err != nil {
			t.Fatal(err)
		}
		if err := w.waitRunValue(ctx, want); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("Quit in the tray menu leaves no CrampCare process", func(t *testing.T) {
		if err := w.trayMenu(ctx, "Up"); err != nil { // Quit, the last entry
			t.Fatal(err)
		}
		if err := agent.wait(20 * time.Second); err != nil {
			t.Fatalf("the agent after Quit: %v\n%s", err, agent.log.String())
		}
		if err := w.waitNoProcesses(ctx); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("closing the agent's windows (as at log-off) leaves no CrampCare process", func(t *testing.T) {
		agent := w.start(prog)
		for {
			if _, err := cc("open", "main"); err == nil {
				break
			}
			if agent.exited() || ctx.Err() != nil {
				t.Fatalf("the agent never took requests:\n%s", agent.log.String())
			}
		}
		// taskkill without /F asks politely: WM_CLOSE to each of the
		// process's windows, the tray's hidden one included.
		if _, err := w.run(ctx, "taskkill", "/im", "crampcare.exe"); err != nil {
			t.Fatal(err)
		}
		if err := agent.wait(20 * time.Second); err != nil {
			t.Fatalf("the agent after its windows were closed: %v\n%s", err, agent.log.String())
		}
		if err := w.waitNoProcesses(ctx); err != nil {
			t.Fatal(err)
		}
	})
}

// testAPIUnderWine cross-builds internal/api's tests for Windows and runs
// them in the prefix: every API test then goes over the named pipe.
func testAPIUnderWine(ctx context.Context, t *testing.T, w *wine) {
	bin := filepath.Join(t.TempDir(), "api.test.exe")
	build := exec.CommandContext(ctx, "go", "test", "-c", "-o", bin, "github.com/crampcare/crampcare/internal/api")
	build.Env = append(os.Environ(), "GOOS=windows", "GOARCH=amd64", "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build the API tests for Windows: %v\n%s", err, out)
	}
	out, err := w.run(ctx, bin, "-test.count=1", "-test.timeout=3m", "-test.v")
	if err != nil {
		t.Fatalf("the API tests under Wine: %v\n%s", err, out)
	}
	for _, want := range []string{"--- PASS: TestPipeRefusesAnotherUser", "--- PASS: TestShowWindowAndAttach", "--- PASS: TestLogAndListOverSocket"} {
		if !strings.Contains(out, want) {
			t.Errorf("the API tests under Wine did not report %q:\n%s", want, out)
		}
	}
}

// wine is a private Wine prefix on a private X display.
type wine struct {
	t       *testing.T
	loader  string // wine64
	server  string // wineserver
	prefix  string
	home    string
	display string
}

// prngShim stands in for bcryptprimitives.dll, which Wine 8 lacks: the Go
// runtime (1.22+) takes its random numbers from ProcessPrng there.
const prngShim = `#include <windows.h>
BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length); /* RtlGenRandom */
BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG n = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, n)) return FALSE;
        data += n;
        length -= n;
    }
    return TRUE;
}
`

// startWine makes the prefix (wineboot) with the shim in its system32.
func startWine(ctx context.Context, t *testing.T) *wine {
	t.Helper()
	w := &wine{t: t, display: startXvfb(t), home: t.TempDir()}
	w.prefix = filepath.Join(w.home, "prefix")
	w.loader = lookFor(t, "wine64 (apt-get install wine64; make test installs it)", "wine64", "/usr/lib/wine/wine64")
	w.server = lookFor(t, "wineserver (package wine64)", "wineserver", "/usr/lib/wine/wineserver64", "/usr/lib/wine/wineserver")
	gcc := lookFor(t, "the mingw-w64 C compiler (gcc-mingw-w64-x86-64)", "x86_64-w64-mingw32-gcc")

	src := filepath.Join(w.home, "prng.c")
	if err := os.WriteFile(src, []byte(prngShim), 0o644); err != nil {
		t.Fatal(err)
	}
	dll := filepath.Join(w.home, "bcryptprimitives.dll")
	if out, err := exec.CommandContext(ctx, gcc, "-shared", "-O2", "-o", dll, src, "-ladvapi32").CombinedOutput(); err != nil {
		t.Fatalf("build the ProcessPrng stand-in: %v\n%s", err, out)
	}
	// One wineserver for the whole test, started here with no output to
	// hold: one that a command started later would keep that command's
	// output pipe open as long as it lives.
	if err := os.MkdirAll(w.prefix, 0o700); err != nil {
		t.Fatal(err)
	}
	server := exec.CommandContext(ctx, w.server, "-p") // it forks and returns
	server.Env = w.env()
	if err := server.Run(); err != nil {
		t.Fatalf("wineserver: %v", err)
	}
	t.Cleanup(func() {
		// Ends every process of the prefix, if the test left any.
		kill := exec.Command(w.server, "-k")
		kill.Env = w.env()
		kill.Run()
		wait := exec.Command(w.server, "-w")
		wait.Env = w.env()
		wait.Run()
	})
	if _, err := w.run(ctx, "wineboot", "-i"); err != nil {
		t.Fatalf("wineboot: %v", err)
	}
	copyFileT(t, dll, w.unixPath(`C:\windows\system32\bcryptprimitives.dll`))
	// Wine 8 makes a prefix that says it is Windows 7; Go programs need
	// Windows 10, and beeep picks toasts (not Windows 7's balloons) by it.
	if _, err := w.run(ctx, "winecfg", "-v", "win10"); err != nil {
		t.Fatalf("winecfg: %v", err)
	}
	return w
}

func lookFor(t *testing.T, what string, names ...string) string {
	t.Helper()
	for _, n := range names {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	t.Fatalf("%s is missing", what)
	return ""
}

func (w *wine) env() []string {
	return []string{
		"WINEPREFIX=" + w.prefix,
		"WINEARCH=win64",
		"WINEDEBUG=-all",
		// No prompts to install Mono or Gecko, which nothing here uses.
		"WINEDLLOVERRIDES=mscoree,mshtml=",
		"DISPLAY=" + w.display,
		"HOME=" + w.home,
		"USER=" + orDefault(os.Getenv("USER"), "crampcare"),
		"PATH=" + os.Getenv("PATH"),
	}
}

func orDefault(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// unixPath is where a path on the prefix's C: drive is.
func (w *wine) unixPath(winPath string) string {
	rest, ok := strings.CutPrefix(winPath, `C:\`)
	if !ok {
		w.t.Fatalf("not on C: %s", winPath)
	}
	return filepath.Join(w.prefix, "drive_c", filepath.FromSlash(strings.ReplaceAll(rest, `\`, "/")))
}

// run runs a Windows program to its end and returns its output. Output in
// UTF-16 (wmic's) is decoded; CRLF becomes LF.
func (w *wine) run(ctx context.Context, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, w.loader, args...)
	cmd.Env = w.env()
	// A process it started in the background (explorer.exe, for the
	// desktop) may hold its output open: it has ended all the same.
	cmd.WaitDelay = 2 * time.Second
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	if errors.Is(err, exec.ErrWaitDelay) {
		err = nil // it ended with status 0; a child holds its output
	}
	text := strings.ReplaceAll(decodeText(out.Bytes()), "\r\n", "\n")
	if err != nil {
		return text, fmt.Errorf("%s: %w: %s%s", strings.Join(args, " "), err, text, decodeText(errb.Bytes()))
	}
	return text, nil
}

// decodeText reads UTF-16LE (with its byte-order mark) or UTF-8.
func decodeText(b []byte) string {
	if len(b) < 2 || b[0] != 0xff || b[1] != 0xfe {
		return string(b)
	}
	b = b[2:]
	u := make([]uint16, len(b)/2)
	for i := range u {
		u[i] = uint16(b[2*i]) | uint16(b[2*i+1])<<8
	}
	return string(utf16.Decode(u))
}

// winProc is a Windows program running in the background.
type winProc struct {
	cmd  *exec.Cmd
	done chan struct{} // closed when it has ended, err then set
	err  error
	log  *lockedWriter
}

func (w *wine) start(args ...string) *winProc {
	w.t.Helper()
	cmd := exec.Command(w.loader, args...)
	cmd.Env = w.env()
	p := &winProc{cmd: cmd, done: make(chan struct{}), log: &lockedWriter{b: &strings.Builder{}}}
	cmd.Stdout, cmd.Stderr = p.log, p.log
	cmd.WaitDelay = 2 * time.Second
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		w.t.Fatal(err)
	}
	go func() {
		p.err = cmd.Wait()
		if errors.Is(p.err, exec.ErrWaitDelay) {
			p.err = nil // it ended with status 0; a child holds its output
		}
		close(p.done)
	}()
	w.t.Cleanup(func() {
		if !p.exited() {
			cmd.Process.Kill()
			<-p.done
		}
	})
	return p
}

func (p *winProc) exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

// wait returns the program's exit error (nil for exit 0), or an error if
// it still runs after d.
func (p *winProc) wait(d time.Duration) error {
	select {
	case <-p.done:
		return p.err
	case <-time.After(d):
		return fmt.Errorf("still running %v later", d)
	}
}

// pause waits a moment between two looks at something that changes
// outside the test (a window, a registry value), or until ctx ends.
func pause(ctx context.Context) {
	select {
	case <-ctx.Done():
	case <-time.After(50 * time.Millisecond):
	}
}

// processes counts the prefix's crampcare.exe processes.
func (w *wine) processes(ctx context.Context, t *testing.T) int {
	t.Helper()
	out, err := w.run(ctx, "wmic", "process", "get", "name")
	if err != nil {
		t.Fatal(err)
	}
	return strings.Count(strings.ToLower(out), "crampcare.exe")
}

// waitNoProcesses waits up to 20 s until no crampcare.exe runs.
func (w *wine) waitNoProcesses(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	for {
		out, err := w.run(ctx, "wmic", "process", "get", "name")
		if err == nil && !strings.Contains(strings.ToLower(out), "crampcare.exe") {
			return nil
		}
		if ctx.Err() != nil {
			return fmt.Errorf("CrampCare processes remain:\n%s", out)
		}
	}
}

// runKey is where autostart writes.
const runKey = `HKCU\Software\Microsoft\Windows\CurrentVersion\Run`

// waitRunValue waits up to 20 s until the Run key's CrampCare value is
// want ("" for absent), as reg.exe reads it.
func (w *wine) waitRunValue(ctx context.Context, want string) error {
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	for {
		out, err := w.run(ctx, "reg", "query", runKey, "/v", "CrampCare")
		got := ""
		if err == nil {
			for _, line := range strings.Split(out, "\n") {
				if f := strings.Fields(line); len(f) >= 3 && f[0] == "CrampCare" && f[1] == "REG_SZ" {
					got = strings.TrimSpace(strings.SplitN(line, "REG_SZ", 2)[1])
				}
			}
		}
		if got == want {
			return nil
		}
		if ctx.Err() != nil {
			return fmt.Errorf("Run value CrampCare is %q, want %q (reg query: %v)\n%s", got, want, err, out)
		}
	}
}

// trayMenu opens the agent's tray menu in Wine's system tray (a right
// click on its icon) and picks an entry with these keys, then Return.
func (w *wine) trayMenu(ctx context.Context, keys ...string) error {
	xdo := func(args ...string) (string, error) {
		cmd := exec.CommandContext(ctx, "xdotool", args...)
		cmd.Env = w.env()
		out, err := cmd.Output()
		return strings.TrimSpace(string(out)), err
	}
	var tray string
	for {
		out, err := xdo("search", "--onlyvisible", "--name", "^Wine System Tray$")
		if err == nil && out != "" {
			tray = strings.Fields(out)[0]
			break
		}
		if ctx.Err() != nil {
			return errors.New("Wine's system tray never showed")
		}
		pause(ctx)
	}
	// The first icon sits at the tray's left end.
	if _, err := xdo("mousemove", "--window", tray, "10", "10", "click", "3"); err != nil {
		return fmt.Errorf("right click on the tray icon: %w", err)
	}
	// The menu is a window of the agent's without a title; wait for it
	// before typing.
	for open := false; !open; {
		out, _ := xdo("search", "--onlyvisible", "--class", `^crampcare\.exe$`)
		for _, id := range strings.Fields(out) {
			if name, err := xdo("getwindowname", id); err == nil && name == "" {
				open = true
			}
		}
		if ctx.Err() != nil {
			return errors.New("the tray menu never opened")
		}
		pause(ctx)
	}
	if _, err := xdo(append(append([]string{"key", "--delay", "100"}, keys...), "Return")...); err != nil {
		return fmt.Errorf("keys %v: %w", keys, err)
	}
	return nil
}

func copyFileT(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o755); err != nil {
		t.Fatal(err)
	}
}
