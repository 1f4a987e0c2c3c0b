package backup

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/crampcare/crampcare/internal/cramp"
	"github.com/crampcare/crampcare/internal/store"
	"github.com/crampcare/crampcare/internal/testfs"
)

func dailyCopies(t *testing.T, dir string) []string {
	t.Helper()
	list, err := List(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, b := range list {
		if b.Daily {
			out = append(out, filepath.Base(b.Path))
		}
	}
	return out
}

// deleteCramps removes the diary's cramps down to keep.
func deleteCramps(t *testing.T, s *store.Store, keep int) {
	t.Helper()
	list, err := s.Cramps(time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range list[keep:] {
		if _, err := s.DeleteCramp(e.ID); err != nil {
			t.Fatal(err)
		}
	}
}

// Issue 18, point 7: a diary that shrank (a lost file started afresh, or
// an old copy restored) used to have its daily copies push out, within a
// week, every copy that held the whole diary. The fullest copy stays
// until the diary holds as much again; never more than Keep+1 copies.
func TestRotationNeverPushesOutTheFullestCopy(t *testing.T) {
	dataDir, s := diaryWith(t, 5)
	defer s.Close()
	dir := Dir(dataDir)
	if _, err := Daily(s, dir, day0); err != nil {
		t.Fatal(err)
	}
	deleteCramps(t, s, 1) // the diary is down to one cramp
	for d := 1; d <= 10; d++ {
		if _, err := Daily(s, dir, day0.AddDate(0, 0, d)); err != nil {
			t.Fatal(err)
		}
	}
	copies := dailyCopies(t, dir)
	if len(copies) != Keep+1 || copies[len(copies)-1] != "crampcare-2026-11-01.db" {
		t.Fatalf("after ten days of a smaller diary: %v; want the newest %d and the full copy of 1 November", copies, Keep)
	}
	if n := cramps(t, filepath.Join(dir, "crampcare-2026-11-01.db")); n != 5 {
		t.Errorf("the copy kept holds %d cramps, want 5", n)
	}
	// Once the diary holds more again, the old copy goes the usual way.
	for i := range 6 {
		s.AddCramp(cramp.Entry{At: day0.Add(time.Duration(i+1) * time.Minute)})
	}
	for d := 11; d <= 18; d++ {
		if _, err := Daily(s, dir, day0.AddDate(0, 0, d)); err != nil {
			t.Fatal(err)
		}
	}
	copies = dailyCopies(t, dir)
	if len(copies) != Keep || copies[len(copies)-1] != "crampcare-2026-11-13.db" {
		t.Errorf("after a week of a fuller diary: %v; want only the newest %d", copies, Keep)
	}
}

// Issue 18, point 7: an empty diary (a lost file started afresh) is not
// copied at all, so its copies cannot push out the good ones.
func TestEmptyDiaryIsNotCopied(t *testing.T) {
	dataDir, s := diaryWith(t, 3)
	defer s.Close()
	dir := Dir(dataDir)
	if _, err := Daily(s, dir, day0); err != nil {
		t.Fatal(err)
	}
	deleteCramps(t, s, 0)
	for d := 1; d <= 9; d++ {
		if made, err := Daily(s, dir, day0.AddDate(0, 0, d)); err != nil || made != "" {
			t.Fatalf("day %d: copied an empty diary: %q, %v", d, made, err)
		}
	}
	if copies := dailyCopies(t, dir); len(copies) != 1 || copies[0] != "crampcare-2026-11-01.db" {
		t.Errorf("copies %v, want only the one of 1 November", copies)
	}
}

// A copy that holds nothing (made by an older CrampCare of an empty
// diary, say) is not the diary when an older copy is: Restore takes the
// newest good copy that holds records.
func TestRestorePrefersACopyThatHoldsTheDiary(t *testing.T) {
	dataDir, s := diaryWith(t, 4)
	dir := Dir(dataDir)
	if _, err := Daily(s, dir, day0); err != nil {
		t.Fatal(err)
	}
	s.Close()
	// A newer, empty copy.
	emptyDir := t.TempDir()
	e, err := store.Open(filepath.Join(emptyDir, store.FileName), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	newer := filepath.Join(dir, "crampcare-2026-11-02.db")
	if err := e.WriteBackup(newer); err != nil {
		t.Fatal(err)
	}
	e.Close()
	os.Chtimes(newer, day0.AddDate(0, 0, 1), day0.AddDate(0, 0, 1))
	db := filepath.Join(dataDir, store.FileName)
	damage(t, db, "truncated")
	rec, err := Restore(db, dir, day0.AddDate(0, 0, 2))
	if err != nil {
		t.Fatal(err)
	}
	if rec.From == nil || filepath.Base(rec.From.Path) != "crampcare-2026-11-01.db" {
		t.Fatalf("restored from %+v, want the copy of 1 November that holds the diary", rec.From)
	}
	if n := cramps(t, db); n != 4 {
		t.Errorf("restored diary holds %d cramps, want 4", n)
	}
}

// Issue 18, point 7: a 0-byte file where a backup exists is a diary lost,
// not a new one: it is refused at open and restored, and the message says
// the file was empty.
func TestEmptyFileWithABackupIsRestored(t *testing.T) {
	dataDir, s := diaryWith(t, 3)
	dir := Dir(dataDir)
	if _, err := Daily(s, dir, day0); err != nil {
		t.Fatal(err)
	}
	s.Close()
	db := filepath.Join(dataDir, store.FileName)
	if err := os.Truncate(db, 0); err != nil {
		t.Fatal(err)
	}
	if _, err := store.Open(db, store.Options{Verify: true}); !errors.Is(err, store.ErrDamaged) {
		t.Fatalf("open of a 0-byte file with a backup: %v, want ErrDamaged (ErrEmpty)", err)
	}
	rec, err := Restore(db, dir, day0.AddDate(0, 0, 1))
	if err != nil {
		t.Fatal(err)
	}
	if rec.From == nil || !rec.Empty {
		t.Fatalf("recovery %+v, want a restore from the backup, of an empty file", rec)
	}
	if msg := rec.Message(); !strings.Contains(msg, "was empty") || !strings.Contains(msg, "restored from the backup of Sunday 1 November") {
		t.Errorf("message %q", msg)
	}
	if n := cramps(t, db); n != 3 {
		t.Errorf("restored diary holds %d cramps, want 3", n)
	}
}

// Issue 18, points 2 and 7: doctor (Inspect, when no agent runs) changes
// nothing and creates nothing, and says what it found: no folder, no
// file, an empty file, a damaged one (a missing bucket too), a newer one.
func TestInspectChangesNothingAndNamesTheState(t *testing.T) {
	// A data folder with a good backup, spoilt in each way.
	setup := func(t *testing.T) (dataDir, db string) {
		dataDir, s := diaryWith(t, 3)
		if _, err := Daily(s, Dir(dataDir), day0); err != nil {
			t.Fatal(err)
		}
		s.Close()
		return dataDir, filepath.Join(dataDir, store.FileName)
	}
	withBolt := func(t *testing.T, db string, fn func(tx *bolt.Tx) error) {
		b, err := bolt.Open(db, 0o600, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer b.Close()
		if err := b.Update(fn); err != nil {
			t.Fatal(err)
		}
	}
	cases := []struct {
		name  string
		spoil func(t *testing.T, dataDir, db string)
		state string
	}{
		{"sound", func(*testing.T, string, string) {}, StateSound},
		{"no file", func(t *testing.T, _, db string) { os.Remove(db) }, StateNoFile},
		{"empty", func(t *testing.T, _, db string) { os.Truncate(db, 0) }, StateEmpty},
		{"cut to 8 KiB", func(t *testing.T, _, db string) { os.Truncate(db, 8<<10) }, StateDamaged},
		{"no settings bucket", func(t *testing.T, _, db string) {
			withBolt(t, db, func(tx *bolt.Tx) error { return tx.DeleteBucket([]byte("settings")) })
		}, StateDamaged},
		{"newer schema", func(t *testing.T, _, db string) {
			withBolt(t, db, func(tx *bolt.Tx) error {
				return tx.Bucket([]byte("meta")).Put([]byte("schema"), []byte{0, 0, 0, 0, 0, 0, 0, store.SchemaVersion + 1})
			})
		}, StateNewer},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dataDir, db := setup(t)
			c.spoil(t, dataDir, db)
			before := testfs.Snapshot(t, dataDir)
			h := Inspect(db, Dir(dataDir))
			testfs.Unchanged(t, "doctor", before, testfs.Snapshot(t, dataDir))
			if h.State != c.state {
				t.Errorf("state %q (%s), want %q", h.State, h.Problem, c.state)
			}
			if (c.state == StateSound) != (h.Problem == "") {
				t.Errorf("problem %q with state %q", h.Problem, h.State)
			}
			if len(h.Backups) != 1 || h.GoodBackups() != 1 {
				t.Errorf("backups %+v, bad %v; want the one good copy", h.Backups, h.BadBackups)
			}
			if c.state == StateSound && h.Counts.Cramps != 3 {
				t.Errorf("counts %+v", h.Counts)
			}
			if c.state == StateNewer && h.Schema != store.SchemaVersion+1 {
				t.Errorf("schema %d, want %d", h.Schema, store.SchemaVersion+1)
			}
		})
	}
	t.Run("no folder", func(t *testing.T) {
		dataDir := filepath.Join(t.TempDir(), "never-made")
		h := Inspect(filepath.Join(dataDir, store.FileName), Dir(dataDir))
		if h.State != StateNoFolder {
			t.Errorf("state %q, want %q", h.State, StateNoFolder)
		}
		if _, err := os.Stat(dataDir); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("doctor made the folder: %v", err)
		}
	})
}

// Issue 18, point 7 (doctor writes nothing ever): a backup is judged
// where it lies, read-only, with no scratch copy (here there is nowhere
// to put one), and its bytes do not change, even one at an older schema
// (which a migration would rewrite).
func TestBackupsAreJudgedInPlaceWithoutScratchFiles(t *testing.T) {
	t.Setenv("TMPDIR", filepath.Join(t.TempDir(), "no-such-folder"))
	dataDir, s := diaryWith(t, 2)
	defer s.Close()
	dir := Dir(dataDir)
	if _, err := Daily(s, dir, day0); err != nil {
		t.Fatal(err)
	}
	old := filepath.Join(dir, "crampcare-2026-10-30.db")
	b, err := bolt.Open(old, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = b.Update(func(tx *bolt.Tx) error {
		for _, name := range []string{"cramps", "glasses", "settings"} {
			if _, err := tx.CreateBucket([]byte(name)); err != nil {
				return err
			}
		}
		m, err := tx.CreateBucket([]byte("meta"))
		if err != nil {
			return err
		}
		return m.Put([]byte("schema"), []byte{0, 0, 0, 0, 0, 0, 0, 1})
	})
	b.Close()
	if err != nil {
		t.Fatal(err)
	}
	before := testfs.Snapshot(t, dataDir)
	h := Check(s, dir)
	testfs.Unchanged(t, "doctor", before, testfs.Snapshot(t, dataDir))
	if h.State != StateSound || len(h.Backups) != 2 || len(h.BadBackups) != 0 {
		t.Errorf("health %+v; want both copies good (the schema 1 one too)", h)
	}
}
