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
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/crampcare/crampcare/internal/notify"
	"github.com/crampcare/crampcare/internal/ui"
	"github.com/crampcare/crampcare/internal/version"
)

// TestWindowsUnderWine runs the cross-built crampcare.exe (given in
// $CRAMPCARE_WINDOWS_EXE, as `make test` does) and its installer
// ($CRAMPCARE_WINDOWS_INSTALLER) under Wine 8 on a private Xvfb, in a
// private Wine prefix whose user name has a space and letters outside ASCII
// (so the data folder and the installed program's path have them too):
// some packages' tests built for Windows (the API over the named pipe; the
// wall-clock-safe waiting and reminders across a sleep), then the installer
// (/S) and the installed program as a person uses it, from the default
// data folder to the tray's Quit, then the uninstaller (/S).
//
// What Wine cannot show is said where it comes: a toast (Wine has no
// Windows notification platform, so the fallback reminder window is what
// is checked), the real taskbar (Wine's own system tray stands in), and the
// shortcut's AppUserModelID (Wine's shell links do not save it).
//
// Wine 8 lacks bcryptprimitives.dll, whose ProcessPrng every Go 1.22+
// program calls at start; a ten-line stand-in is built from C here on top
// of RtlGenRandom and copied into the private prefix. It is a test-bed
// device only, never shipped.
func TestWindowsUnderWine(t *testing.T) {
	exe := os.Getenv("CRAMPCARE_WINDOWS_EXE")
	setup := os.Getenv("CRAMPCARE_WINDOWS_INSTALLER")
	if exe == "" || setup == "" {
		t.Skip("run through `make test`, which cross-builds crampcare.exe and its installer first")
	}
	began := time.Now()
	defer func() { t.Logf("the Windows test took %v", time.Since(began).Round(time.Second)) }()
	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute)
	defer cancel()
	w := startWine(ctx, t)
	t.Logf("Wine prefix ready in %v", time.Since(began).Round(time.Second))

	t.Run("package tests built for Windows", func(t *testing.T) {
		testPackagesUnderWine(ctx, t, w)
	})

	appData, err := w.getenv(ctx, "APPDATA")
	if err != nil {
		t.Fatal(err)
	}
	localAppData, err := w.getenv(ctx, "LOCALAPPDATA")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(appData, `\`+wineUser+`\`) {
		t.Fatalf("%%AppData%% is %q: the user name %q is not in it", appData, wineUser)
	}
	installDir := localAppData + `\Programs\CrampCare`
	prog := installDir + `\crampcare.exe`
	shortcut := appData + `\Microsoft\Windows\Start Menu\Programs\CrampCare.lnk`
	dataDir := appData + `\CrampCare`

	ok := t.Run("the installer (/S) installs for this user alone", func(t *testing.T) {
		copyFileT(t, setup, w.unixPath(`C:\CrampCare-Setup.exe`))
		// Wine's notes on stubs it reached tell whether the installer
		// set the shortcut's AppUserModelID (checkShortcut).
		_, stubs, err := w.runWith(ctx, []string{"WINEDEBUG=-all,fixme+shell"}, `C:\CrampCare-Setup.exe`, "/S")
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range []string{prog, installDir + `\uninstall.exe`, shortcut} {
			if _, err := os.Stat(w.unixPath(f)); err != nil {
				t.Errorf("not installed: %v", err)
			}
		}
		want, err := os.ReadFile(exe)
		if err != nil {
			t.Fatal(err)
		}
		if got, err := os.ReadFile(w.unixPath(prog)); err != nil || !bytes.Equal(got, want) {
			t.Errorf("the installed crampcare.exe is not build/crampcare.exe (%v)", err)
		}
		checkShortcut(t, w.unixPath(shortcut), prog, stubs)
		w.wantRegValues(ctx, t, uninstallKey, map[string]string{
			"DisplayName":          "CrampCare",
			"DisplayVersion":       fyneAppValue(t, "Version"),
			"UninstallString":      `"` + installDir + `\uninstall.exe"`,
			"QuietUninstallString": `"` + installDir + `\uninstall.exe" /S`,
			"InstallLocation":      installDir,
		})
		w.wantRegValues(ctx, t, protocolKey, map[string]string{"URL Protocol": ""})
		w.wantRegValues(ctx, t, protocolKey+`\shell\open\command`, map[string]string{"": `"` + prog + `" "%1"`})
		w.wantRegValues(ctx, t, aumidKey, map[string]string{"DisplayName": "CrampCare"})
	})
	if !ok {
		return
	}
	cc := func(args ...string) (string, error) { return w.run(ctx, append([]string{prog}, args...)...) }

	if out, err := cc("version"); err != nil || strings.TrimSpace(out) != "crampcare "+version.Version {
		t.Fatalf("crampcare.exe version: %q, %v", out, err)
	}

	ok = t.Run("the installed program's default data folder is %AppData%\\CrampCare", func(t *testing.T) {
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
		if _, err := os.Stat(w.unixPath(dataDir + `\crampcare.db`)); err != nil {
			t.Fatalf("no diary in %%AppData%%\\CrampCare (%s): %v", dataDir, err)
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
		other := `Z:` + strings.ReplaceAll(w.unixPath(dataDir), "/", `\`)
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
		backups, err := os.ReadDir(w.unixPath(dataDir + `\backups`))
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
		// The next reminder's line (not clickable, but the arrows
		// stop on it), "Log a cramp now", "I drank a glass of water".
		if err := w.trayMenu(ctx, "Down", "Down", "Down"); err != nil {
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

	// startUp starts the agent and waits until it is all there, as after a
	// login: taking requests, its main window mapped, its tray icon shown.
	// (It serves requests before its tray is up: a WM_CLOSE sent before
	// then would find no tray window to close.)
	startUp := func(t *testing.T) *winProc {
		t.Helper()
		agent := w.start(prog)
		for {
			if _, err := cc("open", "main"); err == nil {
				break
			}
			if agent.exited() || ctx.Err() != nil {
				t.Fatalf("the agent never took requests:\n%s", agent.log.String())
			}
		}
		wctx, wcancel := context.WithTimeout(ctx, time.Minute)
		defer wcancel()
		if err := s.waitWindow(wctx, ui.TitleMain); err != nil {
			t.Fatal(err)
		}
		if _, err := w.trayWindow(wctx); err != nil {
			t.Fatal(err)
		}
		return agent
	}

	t.Run("closing the agent's windows (as at log-off) leaves no CrampCare process", func(t *testing.T) {
		agent := startUp(t)
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

	uninstall := func(t *testing.T, args ...string) {
		t.Helper()
		// The uninstaller copies itself to %TEMP% and returns at once;
		// the copy does the work, and removes uninstall.exe last.
		if _, err := w.run(ctx, append([]string{installDir + `\uninstall.exe`}, args...)...); err != nil {
			t.Fatal(err)
		}
		for _, f := range []string{installDir + `\uninstall.exe`, prog, shortcut} {
			if err := waitFileGone(ctx, w.unixPath(f)); err != nil {
				t.Errorf("after the uninstall: %v", err)
			}
		}
		if _, err := os.Stat(w.unixPath(installDir)); err == nil {
			t.Errorf("the program's folder %s is left", installDir)
		}
		for _, key := range []string{uninstallKey, protocolKey, aumidKey} {
			if v, err := w.regValues(ctx, key); err != nil || v != nil {
				t.Errorf("after the uninstall, %s holds %v (%v)", key, v, err)
			}
		}
		if v, err := w.regValues(ctx, runKey); err != nil || v["CrampCare"] != "" {
			t.Errorf("after the uninstall, the autostart value is %q (%v)", v["CrampCare"], err)
		}
	}
	t.Run("the uninstaller (/S) removes the program and its autostart, and keeps the diary", func(t *testing.T) {
		// Autostart was left on by the steps above.
		if v, err := w.regValues(ctx, runKey); err != nil || v["CrampCare"] == "" {
			t.Fatalf("no autostart value to remove (%v)", err)
		}
		uninstall(t, "/S")
		if _, err := os.Stat(w.unixPath(dataDir + `\crampcare.db`)); err != nil {
			t.Errorf("the diary went with the program: %v", err)
		}
	})

	t.Run("installing over a running CrampCare closes it first", func(t *testing.T) {
		if _, err := w.run(ctx, `C:\CrampCare-Setup.exe`, "/S"); err != nil {
			t.Fatal(err)
		}
		agent := startUp(t)
		if _, err := w.run(ctx, `C:\CrampCare-Setup.exe`, "/S"); err != nil {
			t.Fatal(err)
		}
		if err := agent.wait(20 * time.Second); err != nil {
			t.Fatalf("the agent during the upgrade: %v", err)
		}
		if err := w.waitNoProcesses(ctx); err != nil {
			t.Fatal(err)
		}
		if _, err := cc("version"); err != nil {
			t.Fatalf("the program after the upgrade: %v", err)
		}
	})

	t.Run("Also delete my diary (/DELETEDIARY with /S) removes the data folder too", func(t *testing.T) {
		uninstall(t, "/S", "/DELETEDIARY")
		if err := waitFileGone(ctx, w.unixPath(dataDir)); err != nil {
			t.Error(err)
		}
	})
}

// testPackagesUnderWine cross-builds the tests of some packages for
// Windows and runs them in the prefix: the API's go over the named pipe;
// the wall clock's, the schedule's and the reminders' play a machine that
// was asleep (wall-clock-safe waiting) and a toast that fails (the
// fallback window) on the Windows build. Each named test must pass.
func testPackagesUnderWine(ctx context.Context, t *testing.T, w *wine) {
	must := map[string][]string{
		"api":       {"TestPipeRefusesAnotherUser", "TestPipeNameIsPerUserAndDataFolder", "TestShowWindowAndAttach", "TestLogAndListOverSocket"},
		"wallclock": {"TestSleepUntilAcrossASuspend", "TestSleepUntilWakeAndCancel"},
		"schedule":  {"TestNoBurstAfterWake"},
		"reminders": {"TestSuspendCatchesUpOnce", "TestOvernightSleepWithoutWakeSignal", "TestFallbackWhenNotificationsFail"},
	}
	dir := t.TempDir()
	args := []string{"test", "-c", "-o", dir + "/"}
	for pkg := range must {
		args = append(args, "github.com/crampcare/crampcare/internal/"+pkg)
	}
	build := exec.CommandContext(ctx, "go", args...)
	build.Env = append(os.Environ(), "GOOS=windows", "GOARCH=amd64", "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build the tests for Windows: %v\n%s", err, out)
	}
	for pkg, tests := range must {
		t.Run(pkg, func(t *testing.T) {
			out, err := w.run(ctx, filepath.Join(dir, pkg+".test.exe"), "-test.count=1", "-test.timeout=3m", "-test.v")
			if err != nil {
				t.Fatalf("internal/%s's tests under Wine: %v\n%s", pkg, err, out)
			}
			for _, name := range tests {
				if !strings.Contains(out, "--- PASS: "+name+" ") {
					t.Errorf("internal/%s under Wine did not report %s passing:\n%s", pkg, name, out)
				}
			}
		})
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

// wineUser is the prefix's user: a space and letters outside ASCII, so
// that %AppData%, the data folder and the installed program's folder all
// have them.
const wineUser = "Zoë Ångström"

func (w *wine) env() []string {
	return []string{
		"WINEPREFIX=" + w.prefix,
		"WINEARCH=win64",
		"WINEDEBUG=-all",
		// No prompts to install Mono or Gecko, which nothing here uses;
		// no desktop menu entries made from the Start-menu shortcut.
		"WINEDLLOVERRIDES=mscoree,mshtml=;winemenubuilder.exe=d",
		"DISPLAY=" + w.display,
		"HOME=" + w.home,
		// Wine names the Windows user after $USER, and reads Unix file
		// names in the locale's character set.
		"USER=" + wineUser,
		"LANG=C.UTF-8",
		"PATH=" + os.Getenv("PATH"),
	}
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
	out, _, err := w.runWith(ctx, nil, args...)
	return out, err
}

// runWith is run with more environment (later entries win), and returns
// the standard error (Wine's debug channels) too.
func (w *wine) runWith(ctx context.Context, env []string, args ...string) (string, string, error) {
	cmd := exec.CommandContext(ctx, w.loader, args...)
	cmd.Env = append(w.env(), env...)
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
		return text, errb.String(), fmt.Errorf("%s: %w: %s%s", strings.Join(args, " "), err, text, decodeText(errb.Bytes()))
	}
	return text, errb.String(), nil
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

// The registry keys the program and its installer write, under HKCU.
const (
	runKey       = `HKCU\Software\Microsoft\Windows\CurrentVersion\Run`
	uninstallKey = `HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\CrampCare`
	protocolKey  = `HKCU\Software\Classes\crampcare`
	aumidKey     = `HKCU\Software\Classes\AppUserModelId\CrampCare`
)

// getenv reads a variable of the prefix's Windows environment. cmd /u
// writes UTF-16, where reg.exe and a plain cmd write the OEM code page,
// which cannot carry every letter of the user's name.
func (w *wine) getenv(ctx context.Context, name string) (string, error) {
	cmd := exec.CommandContext(ctx, w.loader, "cmd", "/u", "/c", "echo", "%"+name+"%")
	cmd.Env = w.env()
	cmd.WaitDelay = 2 * time.Second
	out, err := cmd.Output()
	if err != nil && !errors.Is(err, exec.ErrWaitDelay) {
		return "", fmt.Errorf("echo %%%s%%: %w", name, err)
	}
	u := make([]uint16, len(out)/2)
	for i := range u {
		u[i] = uint16(out[2*i]) | uint16(out[2*i+1])<<8
	}
	v := strings.TrimSpace(string(utf16.Decode(u)))
	if v == "" || v == "%"+name+"%" {
		return "", fmt.Errorf("%%%s%% is not set", name)
	}
	return v, nil
}

// regValues reads the string values of a key ("" names the default
// value), nil if the key does not exist. It goes through `reg export`,
// whose file is UTF-16, for the same reason as getenv.
func (w *wine) regValues(ctx context.Context, key string) (map[string]string, error) {
	const file = `C:\reg-export.reg`
	os.Remove(w.unixPath(file))
	if _, err := w.run(ctx, "reg", "export", key, file, "/y"); err != nil {
		if _, serr := os.Stat(w.unixPath(file)); serr != nil {
			return nil, nil // no such key
		}
		return nil, err
	}
	raw, err := os.ReadFile(w.unixPath(file))
	if err != nil {
		return nil, err
	}
	values := map[string]string{}
	section := ""
	for _, line := range strings.Split(strings.ReplaceAll(decodeText(raw), "\r\n", "\n"), "\n") {
		if strings.HasPrefix(line, "[") {
			section = strings.Trim(line, "[]")
			continue
		}
		// Only the key's own values, not its subkeys'.
		if !strings.EqualFold(section, strings.Replace(key, "HKCU", "HKEY_CURRENT_USER", 1)) {
			continue
		}
		name, value, ok := strings.Cut(line, "=")
		if !ok || !strings.HasPrefix(value, `"`) {
			continue // not a string value
		}
		if name != "@" {
			if name, err = strconv.Unquote(name); err != nil {
				return nil, fmt.Errorf("%s: %q: %w", key, line, err)
			}
		} else {
			name = ""
		}
		if values[name], err = strconv.Unquote(value); err != nil {
			return nil, fmt.Errorf("%s: %q: %w", key, line, err)
		}
	}
	return values, nil
}

// wantRegValues checks some string values of a key.
func (w *wine) wantRegValues(ctx context.Context, t *testing.T, key string, want map[string]string) {
	t.Helper()
	got, err := w.regValues(ctx, key)
	if err != nil || got == nil {
		t.Errorf("%s: %v, %v", key, got, err)
		return
	}
	for name, v := range want {
		if g, ok := got[name]; !ok || g != v {
			t.Errorf("%s: %q is %q, want %q", key, name, g, v)
		}
	}
}

// waitRunValue waits up to 20 s until the Run key's CrampCare value is
// want ("" for absent).
func (w *wine) waitRunValue(ctx context.Context, want string) error {
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	for {
		values, err := w.regValues(ctx, runKey)
		got := values["CrampCare"]
		if err == nil && got == want {
			return nil
		}
		if ctx.Err() != nil {
			return fmt.Errorf("Run value CrampCare is %q, want %q (%v)", got, want, err)
		}
	}
}

// waitFileGone waits up to 30 s until path no longer exists.
func waitFileGone(ctx context.Context, path string) error {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	for {
		if _, err := os.Lstat(path); errors.Is(err, os.ErrNotExist) {
			return nil
		}
		if ctx.Err() != nil {
			return fmt.Errorf("%s is still there", path)
		}
		pause(ctx)
	}
}

// checkShortcut reads the Start-menu shortcut (MS-SHLLINK): a shell link
// to the installed program, with the AppUserModelID the toasts are sent
// with. Wine 8's shell links do not save that property (IPropertyStore's
// SetValue and Commit are stubs there, which Wine notes in stubs, its
// fixme output): then what is checked is that the installer got as far as
// setting it.
func checkShortcut(t *testing.T, lnk, prog, stubs string) {
	t.Helper()
	b, err := os.ReadFile(lnk)
	if err != nil {
		t.Fatal(err)
	}
	clsidShellLink := []byte{0x01, 0x14, 0x02, 0, 0, 0, 0, 0, 0xc0, 0, 0, 0, 0, 0, 0, 0x46}
	if len(b) < 0x4c || b[0] != 0x4c || !bytes.Equal(b[4:20], clsidShellLink) {
		t.Fatalf("%s is no shell link", lnk)
	}
	if !bytes.Contains(b, utf16le(prog)) {
		t.Errorf("the shortcut does not lead to %s", prog)
	}
	// PKEY_AppUserModel_ID's format ID, as stored, then the ID.
	fmtid := []byte{0x55, 0x28, 0x4c, 0x9f, 0x79, 0x9f, 0x39, 0x4b, 0xa8, 0xd0, 0xe1, 0xd4, 0x2d, 0xe1, 0xd5, 0xf3}
	switch i := bytes.Index(b, fmtid); {
	case i >= 0 && bytes.Contains(b[i:], utf16le(notify.AppName)):
		t.Logf("the shortcut carries the AppUserModelID %q", notify.AppName)
	case strings.Contains(stubs, "propertystore_SetValue") && strings.Contains(stubs, "propertystore_Commit"):
		t.Logf("the installer set the shortcut's AppUserModelID; Wine does not save it (IPropertyStore stubs)")
	default:
		t.Errorf("the shortcut has no AppUserModelID, and the installer did not set one:\n%s", stubs)
	}
}

func utf16le(s string) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return b
}

// fyneAppValue reads a value of the root FyneApp.toml.
func fyneAppValue(t *testing.T, key string) string {
	t.Helper()
	toml, err := os.ReadFile(filepath.Join(repoRoot(t), "FyneApp.toml"))
	if err != nil {
		t.Fatal(err)
	}
	return tomlValue(t, toml, key)
}

// trayWindow waits for Wine's system tray, which shows only while it holds
// an icon, and returns its X window.
func (w *wine) trayWindow(ctx context.Context) (string, error) {
	for {
		cmd := exec.CommandContext(ctx, "xdotool", "search", "--onlyvisible", "--name", "^Wine System Tray$")
		cmd.Env = w.env()
		out, err := cmd.Output()
		if f := strings.Fields(string(out)); err == nil && len(f) > 0 {
			return f[0], nil
		}
		if ctx.Err() != nil {
			return "", errors.New("Wine's system tray never showed")
		}
		pause(ctx)
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
	tray, err := w.trayWindow(ctx)
	if err != nil {
		return err
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
