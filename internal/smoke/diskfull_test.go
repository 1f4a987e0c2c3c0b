//go:build smoke

package smoke

import (
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

	"github.com/crampcare/crampcare/internal/cramp"
	"github.com/crampcare/crampcare/internal/dbustest"
	"github.com/crampcare/crampcare/internal/store"
	"github.com/crampcare/crampcare/internal/tray"
	"github.com/crampcare/crampcare/internal/ui"
)

// mountTmpfs puts a small tmpfs of size bytes at dir, so the disk can
// really fill up. Mounting needs root, which CI (and `make test` on a
// fresh machine, for apt) runs as.
func mountTmpfs(t *testing.T, dir string, size int) {
	t.Helper()
	if os.Getuid() != 0 {
		t.Skip("mounting a small disk needs root (CI runs as root): run make test as root to include this test")
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", fmt.Sprintf("size=%d,mode=0700", size), "tmpfs", dir).CombinedOutput(); err != nil {
		t.Fatalf("mount tmpfs: %v: %s", err, out)
	}
	t.Cleanup(func() {
		if out, err := exec.Command("umount", "-l", dir).CombinedOutput(); err != nil {
			t.Errorf("umount: %v: %s", err, out)
		}
	})
}

// fill writes a file until the disk has no room left, and returns its path.
func fill(t *testing.T, dir string) string {
	t.Helper()
	path := filepath.Join(dir, "filler")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	block := make([]byte, 4096)
	for {
		if _, err := f.Write(block); err != nil {
			if !errors.Is(err, syscall.ENOSPC) {
				t.Fatalf("filling the disk: %v", err)
			}
			return path
		}
	}
}

// TestDiskFull fills the data folder's disk while the agent runs: writes
// fail with a plain message in the CLI and the tray (and the relief steps
// still open), the agent keeps answering, everything acknowledged before
// is kept, and once there is room again logging works.
func TestDiskFull(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	s := newSession(t)
	mountTmpfs(t, s.dataDir, 1<<20)
	notes := dbustest.StartNotificationServer(t, s.bus)
	watcher := dbustest.StartWatcher(t, s.bus)
	conn := dbustest.Connect(t, s.bus)

	a := s.startAgent()
	item, ids := trayEntries(ctx, t, watcher, conn, tray.LabelLogCramp)
	c := dialAgent(ctx, t, s)
	defer c.Close()

	// Fill the disk, then log until bbolt needs a page it has no room for
	// (it reuses freed pages first, so a few writes may still fit).
	filler := fill(t, s.dataDir)
	acked := map[string]bool{}
	var werr error
	for i := 0; i < 5000 && werr == nil; i++ {
		var e cramp.Entry
		e, werr = c.LogCramp(ctx, cramp.Entry{At: time.Now().Add(-time.Duration(i) * time.Minute), Note: strings.Repeat("x", 200)})
		if werr == nil {
			acked[e.UID] = true
		}
	}
	if !errors.Is(werr, store.ErrDiskFull) {
		t.Fatalf("logging on a full disk: %v, want ErrDiskFull", werr)
	}
	t.Logf("%d cramps fitted after the disk filled; then: %v", len(acked), werr)

	// The CLI says it in plain words and fails.
	_, err := s.crampcare(ctx, "log")
	if err == nil || !strings.Contains(err.Error(), "not saved. The disk is full. Free some space") {
		t.Errorf("crampcare log on a full disk: %v", err)
	}

	// The tray: a notification in plain words, and the relief steps.
	if err := dbustest.Click(ctx, conn, item, ids[tray.LabelLogCramp]); err != nil {
		t.Fatal(err)
	}
	n, err := notes.Wait(ctx, func(n dbustest.Notification) bool { return n.Summary == "The cramp was not logged" })
	if err != nil {
		t.Fatalf("no notification for the failed log: %v (got %+v)", err, notes.Notifications())
	}
	if !strings.HasPrefix(n.Body, "The disk is full.") {
		t.Errorf("notification body = %q", n.Body)
	}
	if err := s.waitWindow(ctx, ui.TitleRelief); err != nil {
		t.Errorf("relief steps after a failed log: %v", err)
	}

	// Still running and answering.
	if out, err := s.crampcare(ctx, "status"); err != nil {
		t.Fatalf("status on a full disk: %v", err)
	} else if !strings.Contains(out, "Cramps in the last 24 hours") {
		t.Errorf("status = %q", out)
	}

	// Room again: logging works at once, no restart needed.
	if err := os.Remove(filler); err != nil {
		t.Fatal(err)
	}
	e, err := c.LogCramp(ctx, cramp.Entry{Note: "after"})
	if err != nil {
		t.Fatalf("logging once there is room again: %v", err)
	}
	acked[e.UID] = true
	c.Close()
	if err := a.stop(t); err != nil {
		t.Fatalf("agent exit: %v", err)
	}

	// Nothing acknowledged was lost, and the file checks out.
	out, err := s.crampcare(ctx, "export", "json")
	if err != nil {
		t.Fatal(err)
	}
	for uid := range acked {
		if !strings.Contains(out, uid) {
			t.Errorf("acknowledged cramp %s missing after the restart", uid)
		}
	}
	if out, err := s.crampcare(ctx, "doctor"); err != nil || !strings.Contains(out, "checks out") {
		t.Errorf("doctor after a full disk: %v\n%s", err, out)
	}
}

// mountReadOnly makes dir read-only with a read-only bind mount of itself.
func mountReadOnly(t *testing.T, dir string) {
	t.Helper()
	if os.Getuid() != 0 {
		t.Skip("a read-only mount needs root (CI runs as root): run make test as root to include this test")
	}
	for _, args := range [][]string{{"--bind", dir, dir}, {"-o", "remount,bind,ro", dir}} {
		if out, err := exec.Command("mount", args...).CombinedOutput(); err != nil {
			t.Fatalf("mount %v: %v: %s", args, err, out)
		}
	}
	t.Cleanup(func() { exec.Command("umount", "-l", dir).Run() })
}

// TestReadOnlyDataFolder starts the agent on a data folder that cannot be
// written: it says so, still shows the diary (and the relief steps), each
// write fails with a plain message, and nothing is lost. Once the folder
// is writable again, the next start is back to normal.
func TestReadOnlyDataFolder(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	s := newSession(t)
	// The agent's spare socket is in the session's runtime folder: the
	// test's own client must look there too.
	t.Setenv("XDG_RUNTIME_DIR", s.home)
	if _, err := s.crampcare(ctx, "log", "--note", "before"); err != nil {
		t.Fatal(err)
	}
	mountReadOnly(t, s.dataDir)
	notes := dbustest.StartNotificationServer(t, s.bus)
	watcher := dbustest.StartWatcher(t, s.bus)
	conn := dbustest.Connect(t, s.bus)

	a := s.startAgent()
	if _, err := notes.Wait(ctx, func(n dbustest.Notification) bool {
		return n.Summary == "CrampCare can only read your diary" && strings.Contains(n.Body, s.dataDir)
	}); err != nil {
		t.Fatalf("no read-only notification: %v (got %+v)\nagent:\n%s", err, notes.Notifications(), a.log.String())
	}
	c := dialAgent(ctx, t, s)
	defer c.Close()
	st, err := c.Status(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(st.Notice, "cannot be written to") {
		t.Errorf("window notice = %q", st.Notice)
	}
	out, err := s.crampcare(ctx, "list")
	if err != nil || !strings.Contains(out, "before") {
		t.Errorf("list on a read-only folder: %v\n%s", err, out)
	}
	if _, err := s.crampcare(ctx, "log"); err == nil || !strings.Contains(err.Error(), "not saved. CrampCare's data folder cannot be written to") {
		t.Errorf("crampcare log on a read-only folder: %v", err)
	}

	item, ids := trayEntries(ctx, t, watcher, conn, tray.LabelLogCramp)
	if err := dbustest.Click(ctx, conn, item, ids[tray.LabelLogCramp]); err != nil {
		t.Fatal(err)
	}
	if _, err := notes.Wait(ctx, func(n dbustest.Notification) bool { return n.Summary == "The cramp was not logged" }); err != nil {
		t.Errorf("no notification for the failed log: %v", err)
	}
	if err := s.waitWindow(ctx, ui.TitleRelief); err != nil {
		t.Errorf("relief steps on a read-only folder: %v", err)
	}
	c.Close()
	if err := a.stop(t); err != nil {
		t.Fatalf("agent exit: %v", err)
	}

	// Writable again: a normal start, the old cramp there, logging works.
	if out, err := exec.Command("umount", s.dataDir).CombinedOutput(); err != nil {
		t.Fatalf("umount: %v: %s", err, out)
	}
	a = s.startAgent()
	dialAgent(ctx, t, s).Close()
	if _, err := s.crampcare(ctx, "log", "--note", "after"); err != nil {
		t.Fatalf("log once writable: %v", err)
	}
	out, err = s.crampcare(ctx, "list")
	if err != nil || !strings.Contains(out, "before") || !strings.Contains(out, "after") {
		t.Errorf("list once writable: %v\n%s", err, out)
	}
	if err := a.stop(t); err != nil {
		t.Errorf("agent exit: %v", err)
	}
}
