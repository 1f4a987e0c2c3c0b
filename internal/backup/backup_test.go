package backup

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/crampcare/crampcare/internal/cramp"
	"github.com/crampcare/crampcare/internal/store"
)

var day0 = time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)

// diaryWith opens a store in a fresh data folder with n cramps in it.
func diaryWith(t *testing.T, n int) (dataDir string, s *store.Store) {
	t.Helper()
	dataDir = t.TempDir()
	s, err := store.Open(filepath.Join(dataDir, store.FileName), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i := range n {
		if _, err := s.AddCramp(cramp.Entry{At: day0.Add(-time.Duration(i+1) * time.Hour), Note: strings.Repeat("note ", 20)}); err != nil {
			t.Fatal(err)
		}
	}
	return dataDir, s
}

func cramps(t *testing.T, path string) int {
	t.Helper()
	s, err := store.Open(path, store.Options{Verify: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	c, err := s.Count()
	if err != nil {
		t.Fatal(err)
	}
	return c.Cramps
}

func TestDailyKeepsSevenPrivateCopies(t *testing.T) {
	dataDir, s := diaryWith(t, 5)
	defer s.Close()
	dir := Dir(dataDir)
	// A copy from before a migration is not a daily one: never pruned.
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	pre := filepath.Join(dir, "crampcare-pre-schema4-2026-10-01T080000.db")
	if err := s.WriteBackup(pre); err != nil {
		t.Fatal(err)
	}
	os.Chtimes(pre, day0.AddDate(0, -1, 0), day0.AddDate(0, -1, 0))
	for d := range 9 {
		now := day0.AddDate(0, 0, d)
		made, err := Daily(s, dir, now)
		if err != nil || made == "" {
			t.Fatalf("day %d: %q, %v", d, made, err)
		}
		if again, err := Daily(s, dir, now.Add(3*time.Hour)); err != nil || again != "" {
			t.Fatalf("second copy on day %d: %q, %v", d, again, err)
		}
	}
	list, err := List(dir)
	if err != nil {
		t.Fatal(err)
	}
	daily := 0
	for _, b := range list {
		if b.Daily {
			daily++
		}
		fi, _ := os.Stat(b.Path)
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("%s has mode %v, want 0600", b.Path, fi.Mode().Perm())
		}
	}
	if daily != Keep || len(list) != Keep+1 {
		t.Errorf("%d daily copies and %d in all, want %d and %d: %+v", daily, len(list), Keep, Keep+1, list)
	}
	if !strings.HasSuffix(list[0].Path, "crampcare-2026-11-09.db") || !list[0].Made.Equal(day0.AddDate(0, 0, 8)) {
		t.Errorf("newest is %+v, want the copy of 9 November", list[0])
	}
	if _, err := os.Stat(filepath.Join(dir, "crampcare-2026-11-02.db")); !errors.Is(err, os.ErrNotExist) {
		t.Error("the copy of 2 November should have been pruned")
	}
	if n := cramps(t, list[0].Path); n != 5 {
		t.Errorf("the copy holds %d cramps, want 5", n)
	}
	if fi, _ := os.Stat(dir); fi.Mode().Perm() != 0o700 {
		t.Errorf("backups folder mode %v, want 0700", fi.Mode().Perm())
	}
}

// damage spoils the file at path the way disks and crashes do.
func damage(t *testing.T, path, how string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	switch how {
	case "truncated":
		b = b[:len(b)/2]
	case "overwritten":
		// Pages past the two meta pages and the freelist: the data.
		for i := 4 * 4096; i < min(len(b), 24*4096); i++ {
			b[i] = byte(i*31 + 7)
		}
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestDamagedStoreIsRestoredFromTheNewestGoodBackup(t *testing.T) {
	for _, how := range []string{"truncated", "overwritten"} {
		t.Run(how, func(t *testing.T) {
			dataDir, s := diaryWith(t, 400)
			dir := Dir(dataDir)
			if _, err := Daily(s, dir, day0); err != nil { // 400 cramps
				t.Fatal(err)
			}
			for i := range 100 {
				s.AddCramp(cramp.Entry{At: day0.Add(time.Duration(i+1) * time.Minute)})
			}
			if _, err := Daily(s, dir, day0.AddDate(0, 0, 1)); err != nil { // 500
				t.Fatal(err)
			}
			s.Close()
			// The newest copy is bad too: the one before it is used.
			damage(t, filepath.Join(dir, "crampcare-2026-11-02.db"), "truncated")
			db := filepath.Join(dataDir, store.FileName)
			damage(t, db, how)
			spoilt, _ := os.ReadFile(db)

			if _, err := store.Open(db, store.Options{Verify: true}); !errors.Is(err, store.ErrDamaged) {
				t.Fatalf("open of a %s file: %v, want ErrDamaged", how, err)
			}
			now := day0.AddDate(0, 0, 2)
			rec, err := Restore(db, dir, now)
			if err != nil {
				t.Fatal(err)
			}
			if rec.From == nil || !strings.HasSuffix(rec.From.Path, "crampcare-2026-11-01.db") {
				t.Fatalf("restored from %+v, want the copy of 1 November", rec.From)
			}
			if kept, _ := os.ReadFile(rec.DamagedAs); string(kept) != string(spoilt) {
				t.Error("the damaged file was not kept as it was")
			}
			if n := cramps(t, db); n != 400 {
				t.Errorf("restored diary holds %d cramps, want 400", n)
			}
			if msg := rec.Message(); !strings.Contains(msg, "restored from the backup of Sunday 1 November 09:00") || !strings.Contains(msg, rec.DamagedAs) {
				t.Errorf("message %q", msg)
			}
		})
	}
}

func TestNoBackupStartsEmptyAndKeepsTheDamagedFile(t *testing.T) {
	dataDir, s := diaryWith(t, 50)
	s.Close()
	db := filepath.Join(dataDir, store.FileName)
	damage(t, db, "truncated")
	rec, err := Restore(db, Dir(dataDir), day0)
	if err != nil {
		t.Fatal(err)
	}
	if rec.From != nil {
		t.Fatalf("restored from %+v with no backups", rec.From)
	}
	if _, err := os.Stat(rec.DamagedAs); err != nil {
		t.Errorf("damaged file not kept: %v", err)
	}
	if !strings.Contains(rec.Message(), "starts empty") {
		t.Errorf("message %q", rec.Message())
	}
	if n := cramps(t, db); n != 0 {
		t.Errorf("%d cramps in the new diary", n)
	}
}

func TestHealth(t *testing.T) {
	dataDir, s := diaryWith(t, 30)
	defer s.Close()
	dir := Dir(dataDir)
	Daily(s, dir, day0)
	Daily(s, dir, day0.AddDate(0, 0, 1))
	damage(t, filepath.Join(dir, "crampcare-2026-11-01.db"), "overwritten")
	h := Check(s, dir)
	if h.Problem != "" || h.Counts.Cramps != 30 || h.Schema != store.SchemaVersion || h.Size == 0 {
		t.Errorf("health %+v", h)
	}
	if len(h.Backups) != 2 || len(h.BadBackups) != 1 || !strings.HasSuffix(h.BadBackups[0], "crampcare-2026-11-01.db") {
		t.Errorf("backups %+v, bad %v", h.Backups, h.BadBackups)
	}
	// The bad copy was only read: still there for a person to look at.
	if _, err := os.Stat(filepath.Join(dir, "crampcare-2026-11-01.db")); err != nil {
		t.Error(err)
	}
}
