//go:build smoke

package smoke

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/crampcare/crampcare/internal/api"
	"github.com/crampcare/crampcare/internal/backup"
	"github.com/crampcare/crampcare/internal/cramp"
	"github.com/crampcare/crampcare/internal/dbustest"
	"github.com/crampcare/crampcare/internal/store"
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

// TestDamagedStoreRestoredAtStart spoils the data file between two runs of
// the agent: the second run moves it aside, restores the day's backup,
// says so in a notification and in the main window, and carries on.
func TestDamagedStoreRestoredAtStart(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	s := newSession(t)
	notes := dbustest.StartNotificationServer(t, s.bus)
	dbustest.StartWatcher(t, s.bus)
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

	db := filepath.Join(s.dataDir, store.FileName)
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

	a = s.startAgent()
	n, err := notes.Wait(ctx, func(n dbustest.Notification) bool { return n.Summary == "CrampCare restored your diary" })
	if err != nil {
		t.Fatalf("no notification of the restore: %v\n%s", err, a.log.String())
	}
	if !strings.Contains(n.Body, "restored from the backup of") {
		t.Errorf("notification says %q", n.Body)
	}
	c = dialAgent(ctx, t, s)
	defer c.Close()
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
