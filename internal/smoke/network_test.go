//go:build smoke

package smoke

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/crampcare/crampcare/internal/dbustest"
	"github.com/crampcare/crampcare/internal/tray"
	"github.com/crampcare/crampcare/internal/ui"
)

// socketInodes lists the inodes of the sockets process pid holds open.
func socketInodes(t *testing.T, pid int) []string {
	t.Helper()
	dir := fmt.Sprintf("/proc/%d/fd", pid)
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		target, err := os.Readlink(dir + "/" + e.Name())
		if err == nil && strings.HasPrefix(target, "socket:[") {
			out = append(out, strings.TrimSuffix(strings.TrimPrefix(target, "socket:["), "]"))
		}
	}
	return out
}

// inodesIn reads the inode column of a /proc/net table.
func inodesIn(t *testing.T, path string, column int) map[string]bool {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		return nil // no IPv6, say: nothing can be open there
	}
	defer f.Close()
	out := map[string]bool{}
	sc := bufio.NewScanner(f)
	sc.Scan() // header
	for sc.Scan() {
		if f := strings.Fields(sc.Text()); len(f) > column {
			out[f[column]] = true
		}
	}
	return out
}

// TestNoNetwork: a health diary that talks to no one. After the agent has
// logged, notified and opened a window, every socket it holds is a Unix
// socket (the session bus, X11 and its own API), none TCP, UDP or raw.
func TestNoNetwork(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	s := newSession(t)
	notes := dbustest.StartNotificationServer(t, s.bus)
	watcher := dbustest.StartWatcher(t, s.bus)
	conn := dbustest.Connect(t, s.bus)
	a := s.startAgent()
	item, ids := trayEntries(ctx, t, watcher, conn, tray.LabelDrink)
	if err := dbustest.Click(ctx, conn, item, ids[tray.LabelDrink]); err != nil {
		t.Fatal(err)
	}
	if _, err := notes.Wait(ctx, func(n dbustest.Notification) bool { return strings.Contains(n.Body, "glasses") }); err != nil {
		t.Fatal(err)
	}
	if _, err := s.crampcare(ctx, "open"); err != nil {
		t.Fatal(err)
	}
	if err := s.waitWindow(ctx, ui.TitleMain); err != nil {
		t.Fatal(err)
	}

	pid := a.cmd.Process.Pid
	unix := inodesIn(t, "/proc/net/unix", 6)
	var network []map[string]bool
	for _, table := range []string{"tcp", "tcp6", "udp", "udp6", "raw", "raw6", "udplite", "udplite6"} {
		network = append(network, inodesIn(t, fmt.Sprintf("/proc/%d/net/%s", pid, table), 9))
	}
	socks := socketInodes(t, pid)
	if len(socks) < 2 {
		t.Fatalf("the agent holds %d sockets; the test is not seeing them", len(socks))
	}
	for _, ino := range socks {
		for _, m := range network {
			if m[ino] {
				t.Errorf("the agent holds a network socket (inode %s)", ino)
			}
		}
		if !unix[ino] {
			t.Errorf("socket inode %s is not a Unix socket", ino)
		}
	}
	t.Logf("the agent holds %d sockets, all Unix", len(socks))
	if err := a.stop(t); err != nil {
		t.Errorf("agent exit: %v", err)
	}
}

// TestAutostart: the first run writes the login entry for this binary;
// switching autostart off removes it at once, and on writes it back.
func TestAutostart(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	s := newSession(t)
	dbustest.StartWatcher(t, s.bus)
	entry := s.home + "/.config/autostart/crampcare.desktop"
	a := s.startAgent()
	wait := func(present bool) {
		t.Helper()
		for {
			_, err := os.Stat(entry)
			if (err == nil) == present {
				return
			}
			select {
			case <-ctx.Done():
				t.Fatalf("autostart entry present=%v never came about", present)
			case <-time.After(20 * time.Millisecond):
			}
		}
	}
	wait(true)
	b, err := os.ReadFile(entry)
	if err != nil || !strings.Contains(string(b), `Exec="`+binary+`"`) {
		t.Errorf("entry %q, %v; want Exec of %s", b, err, binary)
	}
	if _, err := s.crampcare(ctx, "settings", "set", "autostart.enabled", "false"); err != nil {
		t.Fatal(err)
	}
	wait(false)
	if _, err := s.crampcare(ctx, "settings", "set", "autostart.enabled", "true"); err != nil {
		t.Fatal(err)
	}
	wait(true)
	if err := a.stop(t); err != nil {
		t.Errorf("agent exit: %v", err)
	}
}
