package cli

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/crampcare/crampcare/internal/backup"
	"github.com/crampcare/crampcare/internal/store"
	"github.com/crampcare/crampcare/internal/testfs"
)

// diaryWithBackup logs three cramps in a fresh data folder and keeps a
// good daily copy of them.
func diaryWithBackup(t *testing.T) (dir, db string) {
	t.Helper()
	dir = t.TempDir()
	for _, at := range []string{"-30h", "-28h", "-5h"} {
		if r := run(t, dir, "log", "--at", at); r.code != 0 {
			t.Fatalf("log: %+v", r)
		}
	}
	db = filepath.Join(dir, store.FileName)
	s, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := os.MkdirAll(backup.Dir(dir), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := s.WriteBackup(filepath.Join(backup.Dir(dir), "crampcare-2026-11-22.db")); err != nil {
		t.Fatal(err)
	}
	return dir, db
}

func dropBucket(t *testing.T, db, name string) {
	t.Helper()
	b, err := bolt.Open(db, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if err := b.Update(func(tx *bolt.Tx) error { return tx.DeleteBucket([]byte(name)) }); err != nil {
		t.Fatal(err)
	}
}

// Issue 18, points 2, 6 and 7: with the data file damaged in each way the
// adversarial pass found, every command exits 1 with plain words, never 2
// (bad input) and never a crash (a SIGBUS or a panic also exit 2), and
// nothing in the data folder changes.
func TestDamagedFileExits1AndWritesNothing(t *testing.T) {
	spoils := []struct {
		name  string
		spoil func(t *testing.T, db string)
		says  string
	}{
		{"cut to 8 KiB", func(t *testing.T, db string) { os.Truncate(db, 8<<10) }, "damaged"},
		{"cut in half", func(t *testing.T, db string) {
			fi, _ := os.Stat(db)
			os.Truncate(db, fi.Size()/2)
		}, "damaged"},
		{"empty", func(t *testing.T, db string) { os.Truncate(db, 0) }, "empty"},
		{"no settings bucket", func(t *testing.T, db string) { dropBucket(t, db, "settings") }, "damaged"},
		{"no cramps bucket", func(t *testing.T, db string) { dropBucket(t, db, "cramps") }, "damaged"},
	}
	commands := [][]string{{"log"}, {"list"}, {"status"}, {"settings", "list"}, {"drink"}, {"doctor"}}
	for _, sp := range spoils {
		t.Run(sp.name, func(t *testing.T) {
			dir, db := diaryWithBackup(t)
			sp.spoil(t, db)
			before := testfs.Snapshot(t, dir)
			for _, args := range commands {
				r := run(t, dir, args...)
				if r.code != ExitError {
					t.Errorf("%v: exit %d, want %d: %+v", args, r.code, ExitError, r)
				}
				if !strings.Contains(r.stderr, "the data file is "+sp.says) {
					t.Errorf("%v: stderr %q, want it to say the file is %s", args, r.stderr, sp.says)
				}
			}
			testfs.Unchanged(t, "a command on a damaged file", before, testfs.Snapshot(t, dir))
		})
	}
}

// Issue 18, point 7: doctor says plainly what it finds, by state, and
// writes nothing: not a folder, not a file.
func TestDoctorSaysWhatItFindsAndWritesNothing(t *testing.T) {
	t.Run("no folder", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "never-made")
		r := run(t, dir, "doctor")
		if r.code != ExitError || !strings.Contains(r.stdout, "There is no CrampCare data folder at "+dir) {
			t.Errorf("doctor on a missing folder: %+v", r)
		}
		if _, err := os.Stat(dir); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("doctor made the folder: %v", err)
		}
	})
	t.Run("no file", func(t *testing.T) {
		dir := t.TempDir()
		r := run(t, dir, "doctor")
		if r.code != ExitError || !strings.Contains(r.stdout, "is not there") {
			t.Errorf("doctor on a folder without a file: %+v", r)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Errorf("doctor made %v", entries)
		}
	})
	cases := []struct {
		name   string
		spoil  func(t *testing.T, dir, db string)
		want   []string
		forbid []string
	}{
		{"empty, with a backup", func(t *testing.T, _, db string) { os.Truncate(db, 0) },
			[]string{"the file is empty", "crampcare-2026-11-22.db, daily, good", "will restore the newest good backup, keeping the empty file"}, []string{"checks out"}},
		{"empty, no backup", func(t *testing.T, dir, db string) {
			os.Truncate(db, 0)
			os.RemoveAll(backup.Dir(dir))
		}, []string{"the file is empty", "starting CrampCare will begin a new diary in it"}, []string{"checks out", "will restore"}},
		{"cut to 8 KiB", func(t *testing.T, _, db string) { os.Truncate(db, 8<<10) },
			[]string{"PROBLEM: ", "cut short", "will restore the newest good backup, keeping the damaged file"}, []string{"checks out"}},
		{"no settings bucket", func(t *testing.T, _, db string) { dropBucket(t, db, "settings") },
			[]string{"PROBLEM: ", "settings bucket is missing", "will restore the newest good backup"}, []string{"checks out"}},
		{"newer schema", func(t *testing.T, _, db string) {
			b, err := bolt.Open(db, 0o600, nil)
			if err != nil {
				t.Fatal(err)
			}
			defer b.Close()
			b.Update(func(tx *bolt.Tx) error {
				return tx.Bucket([]byte("meta")).Put([]byte("schema"), []byte{0, 0, 0, 0, 0, 0, 0, store.SchemaVersion + 1})
			})
		}, []string{"written by a newer CrampCare", "Update CrampCare"}, []string{"damaged", "DAMAGED", "PROBLEM", "restore", "schema 0"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir, db := diaryWithBackup(t)
			c.spoil(t, dir, db)
			before := testfs.Snapshot(t, dir)
			r := run(t, dir, "doctor")
			testfs.Unchanged(t, "doctor", before, testfs.Snapshot(t, dir))
			if r.code != ExitError {
				t.Errorf("exit %d, want %d", r.code, ExitError)
			}
			for _, w := range c.want {
				if !strings.Contains(r.stdout, w) {
					t.Errorf("doctor does not say %q:\n%s", w, r.stdout)
				}
			}
			for _, f := range c.forbid {
				if strings.Contains(r.stdout+r.stderr, f) {
					t.Errorf("doctor says %q:\n%s%s", f, r.stdout, r.stderr)
				}
			}
		})
	}
}

// Issue 18, point 7, the choice made: a 0-byte file with no backup at all
// is what a first start cut short leaves, and is taken as a new diary.
func TestEmptyFileWithoutBackupsIsANewDiary(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, store.FileName), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if r := run(t, dir, "log", "--at", "-2h"); r.code != 0 {
		t.Fatalf("log into an empty file with no backups: %+v", r)
	}
	if list := listJSON(t, dir); len(list) != 1 {
		t.Errorf("%d cramps, want 1", len(list))
	}
}
