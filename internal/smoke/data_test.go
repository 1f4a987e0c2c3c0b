//go:build smoke

package smoke

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/crampcare/crampcare/internal/api"
	"github.com/crampcare/crampcare/internal/backup"
	"github.com/crampcare/crampcare/internal/cramp"
	"github.com/crampcare/crampcare/internal/dbustest"
	"github.com/crampcare/crampcare/internal/store"
	"github.com/crampcare/crampcare/internal/testfs"
	"github.com/crampcare/crampcare/internal/ui"
)

// dialAgent waits for the agent's socket and connects.
func dialAgent(ctx context.Context, t *testing.T, s *session) *api.Client {
	t.Helper()
	for {
		c, err := api.DialAgent(s.dataDir)
		if err == nil {
			return c
		}
		select {
		case <-ctx.Done():
			t.Fatalf("agent never listened: %v", err)
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// TestKilledMidWrite kills the agent with SIGKILL while a client logs
// cramps as fast as it can. Every cramp the agent acknowledged must be
// there after a restart, and the store must open and check out.
func TestKilledMidWrite(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	s := newSession(t)
	dbustest.StartWatcher(t, s.bus)
	acked := map[string]bool{}
	for round := range 3 {
		a := s.startAgent()
		c := dialAgent(ctx, t, s)
		killed := make(chan struct{})
		go func() {
			// Let some writes through, then pull the plug mid-stream.
			time.Sleep(time.Duration(300+200*round) * time.Millisecond)
			a.cmd.Process.Kill()
			close(killed)
		}()
		n := 0
		for i := 0; ; i++ {
			note := fmt.Sprintf("round %d cramp %d", round, i)
			e, err := c.LogCramp(ctx, cramp.Entry{At: time.Now().Add(-time.Duration(i) * time.Second), Note: note})
			if err != nil {
				break // the agent is gone: this one was never acknowledged
			}
			if e.Note != note {
				t.Fatalf("acknowledged %q for %q", e.Note, note)
			}
			acked[e.UID] = true
			n++
		}
		<-killed
		<-a.done
		c.Close()
		if n == 0 {
			t.Fatalf("round %d: no write acknowledged before the kill", round)
		}
		t.Logf("round %d: %d cramps acknowledged before SIGKILL", round, n)
	}
	if len(acked) < 100 {
		t.Errorf("only %d writes in all; the test wants a few hundred", len(acked))
	}
	// A killed agent leaves its socket behind: the next one must start.
	a := s.startAgent()
	c := dialAgent(ctx, t, s)
	list, err := c.Cramps(ctx, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	for _, e := range list {
		have[e.UID] = true
	}
	missing := 0
	for uid := range acked {
		if !have[uid] {
			missing++
		}
	}
	if missing > 0 {
		t.Errorf("%d of %d acknowledged cramps lost", missing, len(acked))
	}
	h, err := c.Doctor(ctx)
	if err != nil || h.Problem != "" {
		t.Errorf("store after the kills: %+v, %v", h, err)
	}
	c.Close()
	if err := a.stop(t); err != nil {
		t.Errorf("agent exit: %v", err)
	}
}

// diaryWithDailyBackup logs three cramps, lets the agent write the day's
// backup at start, and stops it: a data folder with a good copy. It
// returns the data file's path.
func diaryWithDailyBackup(ctx context.Context, t *testing.T, s *session) string {
	t.Helper()
	for _, at := range []string{"-30h", "-28h", "-5h"} {
		if _, err := s.crampcare(ctx, "log", "--at", at); err != nil {
			t.Fatal(err)
		}
	}
	a := s.startAgent() // writes the day's backup at start
	c := dialAgent(ctx, t, s)
	deadline := time.Now().Add(10 * time.Second)
	for {
		if list, _ := backup.List(backup.Dir(s.dataDir)); len(list) == 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("no daily backup written at start")
		}
		time.Sleep(20 * time.Millisecond)
	}
	c.Close()
	if err := a.stop(t); err != nil {
		t.Fatal(err)
	}
	return filepath.Join(s.dataDir, store.FileName)
}

// expectRestored starts the agent on a spoilt data file and checks that
// it restores the backup's three cramps, says so in a notification whose
// body holds say and in the status notice, and keeps the spoilt file
// aside. The agent and a client are left running for more checks.
func expectRestored(ctx context.Context, t *testing.T, s *session, notes *dbustest.NotificationServer, say string) (*agent, *api.Client) {
	t.Helper()
	db := filepath.Join(s.dataDir, store.FileName)
	a := s.startAgent()
	// Stop waiting if the agent dies (it used to, of SIGBUS or a panic).
	wait, stop := context.WithCancel(ctx)
	go func() {
		select {
		case err := <-a.done:
			a.done <- err // for stop and the cleanup
			stop()
		case <-wait.Done():
		}
	}()
	n, err := notes.Wait(wait, func(n dbustest.Notification) bool { return n.Summary == "CrampCare restored your diary" })
	stop()
	if err != nil {
		t.Fatalf("no notification of the restore: %v\n%s", err, a.log.String())
	}
	if !strings.Contains(n.Body, "restored from the backup of") || !strings.Contains(n.Body, say) {
		t.Errorf("notification says %q; want it to say %q and where it was restored from", n.Body, say)
	}
	c := dialAgent(ctx, t, s)
	t.Cleanup(func() { c.Close() })
	list, err := c.Cramps(ctx, time.Time{})
	if err != nil || len(list) != 3 {
		t.Errorf("after the restore: %d cramps, %v; want the 3 of the backup", len(list), err)
	}
	st, err := c.Status(ctx)
	if err != nil || !strings.Contains(st.Notice, "restored from the backup of") {
		t.Errorf("status notice %q, %v", st.Notice, err)
	}
	if damaged, _ := filepath.Glob(db + ".damaged-*"); len(damaged) != 1 {
		t.Errorf("damaged file kept as %v", damaged)
	}
	return a, c
}

// TestDamagedStoreRestoredAtStart spoils the data file between two runs of
// the agent: the second run moves it aside, restores the day's backup,
// says so in a notification and in the main window, and carries on.
func TestDamagedStoreRestoredAtStart(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	s := newSession(t)
	notes := dbustest.StartNotificationServer(t, s.bus)
	dbustest.StartWatcher(t, s.bus)
	db := diaryWithDailyBackup(ctx, t, s)
	raw, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	for i := 2 * 4096; i < min(len(raw), 8*4096); i++ {
		raw[i] = byte(i*31 + 7)
	}
	if err := os.WriteFile(db, raw, 0o600); err != nil {
		t.Fatal(err)
	}

	a, c := expectRestored(ctx, t, s, notes, "was damaged")
	// The window says it too.
	if _, err := s.crampcare(ctx, "open"); err != nil {
		t.Fatal(err)
	}
	if err := s.waitWindow(ctx, ui.TitleMain); err != nil {
		t.Fatal(err)
	}
	if _, err := c.LogCramp(ctx, cramp.Entry{}); err != nil {
		t.Errorf("the restored diary takes new cramps: %v", err)
	}
	if err := a.stop(t); err != nil {
		t.Errorf("agent exit: %v", err)
	}
}

// doctorExit runs crampcare doctor and returns its output and exit code.
func doctorExit(ctx context.Context, t *testing.T, s *session, args ...string) (string, int) {
	t.Helper()
	out, err := s.crampcare(ctx, append(args, "doctor")...)
	var exit *exec.ExitError
	switch {
	case err == nil:
		return out, 0
	case errors.As(err, &exit):
		return out + err.Error(), exit.ExitCode()
	}
	t.Fatal(err)
	return "", 0
}

// TestCutEmptyOrBucketlessFileRestoredAtStart is issue 18's points 2, 6
// and 7 on the real binary. A data file cut short (bbolt's map then
// reaches past its end: a SIGBUS, exit 2, in the agent, the CLI and
// doctor), an empty one (taken as a new diary, ignoring the backup) and
// one missing its settings bucket (a panic at start): doctor says so in
// plain words, exits 1 and changes nothing; the agent starts, restores
// the backup's cramps and says so.
func TestCutEmptyOrBucketlessFileRestoredAtStart(t *testing.T) {
	cases := []struct {
		name   string
		spoil  func(t *testing.T, db string)
		doctor string // what doctor must say
		say    string // what the notification must say
	}{
		{"cut to 8 KiB", func(t *testing.T, db string) {
			if err := os.Truncate(db, 8<<10); err != nil {
				t.Fatal(err)
			}
		}, "cut short", "was damaged"},
		{"cut in half", func(t *testing.T, db string) {
			fi, err := os.Stat(db)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.Truncate(db, fi.Size()/2); err != nil {
				t.Fatal(err)
			}
		}, "cut short", "was damaged"},
		{"empty", func(t *testing.T, db string) {
			if err := os.Truncate(db, 0); err != nil {
				t.Fatal(err)
			}
		}, "the file is empty", "was empty"},
		{"no settings bucket", func(t *testing.T, db string) {
			b, err := bolt.Open(db, 0o600, &bolt.Options{Timeout: time.Second})
			if err != nil {
				t.Fatal(err)
			}
			defer b.Close()
			if err := b.Update(func(tx *bolt.Tx) error { return tx.DeleteBucket([]byte("settings")) }); err != nil {
				t.Fatal(err)
			}
		}, "settings bucket is missing", "was damaged"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			s := newSession(t)
			notes := dbustest.StartNotificationServer(t, s.bus)
			dbustest.StartWatcher(t, s.bus)
			db := diaryWithDailyBackup(ctx, t, s)
			c.spoil(t, db)

			before := testfs.Snapshot(t, s.dataDir)
			out, code := doctorExit(ctx, t, s)
			if code != 1 || !strings.Contains(out, c.doctor) || !strings.Contains(out, "will restore the newest good backup") {
				t.Errorf("doctor: exit %d, want 1, saying %q and that the backup will be restored:\n%s", code, c.doctor, out)
			}
			if after := testfs.Snapshot(t, s.dataDir); !maps.Equal(before, after) {
				t.Errorf("doctor changed the data folder:\nbefore %v\nafter  %v", slices.Sorted(maps.Keys(before)), slices.Sorted(maps.Keys(after)))
			}
			// Another command refuses plainly, with exit 1, not 2.
			if _, err := s.crampcare(ctx, "list"); err == nil || !strings.Contains(err.Error(), "exit status 1") {
				t.Errorf("list on the spoilt file: %v, want exit 1", err)
			}

			a, _ := expectRestored(ctx, t, s, notes, c.say)
			if err := a.stop(t); err != nil {
				t.Errorf("agent exit: %v", err)
			}
			// With the agent gone, doctor finds the restored file sound.
			if out, code := doctorExit(ctx, t, s); code != 0 || !strings.Contains(out, "checks out: 3 cramps") {
				t.Errorf("doctor after the restore: exit %d\n%s", code, out)
			}
		})
	}
}

// TestDoctorOnAMissingFolderWritesNothing: doctor on a folder that does
// not exist used to create it and an empty database in it.
func TestDoctorOnAMissingFolderWritesNothing(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	s := newSession(t)
	out, code := doctorExit(ctx, t, s)
	if code != 1 || !strings.Contains(out, "There is no CrampCare data folder at "+s.dataDir) {
		t.Errorf("doctor on a missing folder: exit %d\n%s", code, out)
	}
	if _, err := os.Stat(s.dataDir); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("doctor made the data folder: %v", err)
	}
}
