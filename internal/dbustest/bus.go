package dbustest

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"
)

// busStartTimeout bounds how long StartBus waits for dbus-daemon to report
// its address. The daemon normally answers within milliseconds; the margin is
// for loaded CI machines running tests with -race.
const busStartTimeout = 10 * time.Second

// maxSocketPath keeps the socket path below the kernel's sun_path limit
// (108 bytes including the terminating NUL on Linux).
const maxSocketPath = 100

// busConfig is a minimal session bus configuration. It deliberately has no
// <servicedir> or <standard_session_servicedirs/>, so calls to unowned names
// fail fast instead of auto-activating a real daemon installed on the host,
// and it allows everything because the bus is private to one test.
const busConfig = `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <keep_umask/>
  <listen>unix:path=%s</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`

// StartBus starts a private dbus-daemon for the calling test and returns its
// address (for example "unix:path=/tmp/.../bus,guid=..."), suitable for
// [Connect] or for DBUS_SESSION_BUS_ADDRESS in a child process. The daemon is
// killed when the test finishes.
//
// A missing dbus-daemon fails the test rather than skipping it: the
// end-to-end tests exist to catch desktop integration regressions, and a
// silently skipped test would hide exactly those.
func StartBus(tb testing.TB) string {
	tb.Helper()

	bin, err := exec.LookPath("dbus-daemon")
	if err != nil {
		tb.Fatalf("dbustest: dbus-daemon not found (%v); install the Debian package dbus "+
			"(apt-get install dbus; on Debian 12+ the binary itself ships in its dependency dbus-daemon)", err)
	}

	dir := socketDir(tb)
	socket := filepath.Join(dir, "bus")
	var escaped bytes.Buffer
	if err := xml.EscapeText(&escaped, []byte(socket)); err != nil {
		tb.Fatalf("dbustest: escaping socket path: %v", err)
	}
	conf := filepath.Join(dir, "bus.conf")
	if err := os.WriteFile(conf, fmt.Appendf(nil, busConfig, escaped.String()), 0o600); err != nil {
		tb.Fatalf("dbustest: writing bus config: %v", err)
	}

	// The daemon writes its address to an inherited pipe (fd 3 in the child)
	// rather than stdout, so nothing else the daemon prints can be mistaken
	// for the address.
	addrR, addrW, err := os.Pipe()
	if err != nil {
		tb.Fatalf("dbustest: creating address pipe: %v", err)
	}
	stderr := &syncBuffer{}
	cmd := exec.Command(bin,
		"--config-file="+conf,
		"--nofork",
		"--nopidfile",
		"--nosyslog",
		"--print-address=3",
	)
	cmd.ExtraFiles = []*os.File{addrW}
	cmd.Stderr = stderr
	setParentDeathSignal(cmd)
	if err := cmd.Start(); err != nil {
		addrR.Close()
		addrW.Close()
		tb.Fatalf("dbustest: starting %s: %v", bin, err)
	}
	// Only the child may hold the write end, so that the read below sees EOF
	// if the daemon dies before printing anything.
	addrW.Close()

	exited := make(chan struct{})
	go func() {
		_ = cmd.Wait()
		close(exited)
	}()
	tb.Cleanup(func() {
		_ = cmd.Process.Kill()
		<-exited
		addrR.Close()
	})

	type result struct {
		addr string
		err  error
	}
	// Buffered so the reader can finish (on EOF after the kill in cleanup)
	// even if nobody is listening any more because we timed out.
	got := make(chan result, 1)
	go func() {
		line, err := bufio.NewReader(addrR).ReadString('\n')
		got <- result{strings.TrimSpace(line), err}
	}()

	timer := time.NewTimer(busStartTimeout)
	defer timer.Stop()
	select {
	case res := <-got:
		if res.addr == "" {
			tb.Fatalf("dbustest: dbus-daemon exited without printing its address (%v); stderr:\n%s", res.err, stderr)
		}
		return res.addr
	case <-timer.C:
		tb.Fatalf("dbustest: dbus-daemon did not print its address within %v; stderr:\n%s", busStartTimeout, stderr)
		return ""
	}
}

// socketDir returns a directory for the bus socket and config. It prefers
// tb.TempDir, but long test names can push that past the unix socket path
// limit, in which case a shorter directory directly under os.TempDir is used.
func socketDir(tb testing.TB) string {
	tb.Helper()
	dir := tb.TempDir()
	if len(filepath.Join(dir, "bus")) <= maxSocketPath {
		return dir
	}
	dir, err := os.MkdirTemp("", "dbustest")
	if err != nil {
		tb.Fatalf("dbustest: creating socket directory: %v", err)
	}
	tb.Cleanup(func() { os.RemoveAll(dir) })
	if len(filepath.Join(dir, "bus")) > maxSocketPath {
		tb.Fatalf("dbustest: socket path %q exceeds %d bytes; set TMPDIR to a shorter directory", dir, maxSocketPath)
	}
	return dir
}

// Connect opens a private connection to the bus at addr and closes it when
// the test finishes. Each call returns a distinct connection with its own
// unique name, which is what a test needs to play an independent client.
func Connect(tb testing.TB, addr string) *dbus.Conn {
	tb.Helper()
	conn, err := dbus.Connect(addr)
	if err != nil {
		tb.Fatalf("dbustest: connecting to %s: %v", addr, err)
	}
	tb.Cleanup(func() { conn.Close() })
	return conn
}

// UseAsSessionBus makes addr the session bus for code in this test process
// that calls dbus.SessionBus(), such as beeep and fyne.io/systray.
//
// Setting DBUS_SESSION_BUS_ADDRESS alone is not enough: godbus caches the
// first session connection process-wide and keeps returning it for as long as
// it is connected, ignoring later changes to the environment. So this helper
// checks which bus the cached connection is on (by bus ID), replaces it if it
// belongs to another bus, and closes it at cleanup so the next test dials its
// own bus. Because it uses t.Setenv it cannot be used in parallel tests, which
// is inherent: there is only one cached session connection per process.
func UseAsSessionBus(tb testing.TB, addr string) {
	tb.Helper()
	tb.Setenv("DBUS_SESSION_BUS_ADDRESS", addr)

	want, err := busID(Connect(tb, addr))
	if err != nil {
		tb.Fatalf("dbustest: reading bus ID of %s: %v", addr, err)
	}
	conn, err := dbus.SessionBus()
	if err == nil {
		if id, idErr := busID(conn); idErr != nil || id != want {
			conn.Close()
			conn, err = dbus.SessionBus()
		}
	}
	if err != nil {
		tb.Fatalf("dbustest: connecting the process-wide session bus to %s: %v", addr, err)
	}
	if id, err := busID(conn); err != nil || id != want {
		tb.Fatalf("dbustest: process-wide session bus is not on %s (bus ID %q, want %q, err %v)", addr, id, want, err)
	}

	// Registered after t.Setenv's own cleanup, so it runs first, while the
	// environment and the bus (started earlier) are still in place.
	tb.Cleanup(func() {
		// Code under test may have closed and re-dialled the cached
		// connection, so close whatever is cached now, not the one above.
		if c, err := dbus.SessionBus(); err == nil {
			c.Close()
		}
	})
}

// busID identifies the daemon a connection is on; it is unique per daemon
// instance, unlike the address, which could in principle be reused.
func busID(conn *dbus.Conn) (string, error) {
	var id string
	err := conn.BusObject().Call("org.freedesktop.DBus.GetId", 0).Store(&id)
	return id, err
}

// syncBuffer collects the daemon's stderr. os/exec writes to it from its own
// goroutine while a failing test may read it, hence the lock.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
