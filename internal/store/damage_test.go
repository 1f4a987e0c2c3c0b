package store

import (
	"bytes"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/crampcare/crampcare/internal/cramp"
	"github.com/crampcare/crampcare/internal/export"
	"github.com/crampcare/crampcare/internal/stretch"
)

// fullDiary writes a diary at path with something in every bucket, and
// closes it.
func fullDiary(t *testing.T, path string) {
	t.Helper()
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.AddCramp(cramp.Entry{At: t0, Note: "left calf"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddGlass(t0.Add(-5 * time.Hour)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddStretch(stretch.Session{Start: t0.Add(-6 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetSetting("hydration.goal", "8"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetState("sent", map[string]int{"water": 2}); err != nil {
		t.Fatal(err)
	}
}

// bigDiary writes n cramps in a few large transactions (fast), so the
// file spans many pages, and closes it.
func bigDiary(t *testing.T, path string, n int) {
	t.Helper()
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for start := 0; start < n; start += 2000 {
		err := s.update(func(tx *bolt.Tx) error {
			for i := start; i < min(n, start+2000); i++ {
				e := cramp.Entry{ID: uint64(i + 1), UID: rand.Text(), At: t0.Add(-time.Duration(i) * time.Hour), Note: strings.Repeat("n", 150)}
				if err := putCramp(tx, e); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// withBolt runs fn on the file through bbolt directly, as a disk fault or
// another program might leave it.
func withBolt(t *testing.T, path string, fn func(tx *bolt.Tx) error) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Update(fn); err != nil {
		t.Fatal(err)
	}
}

// mustBeDamaged checks that every way of opening the file calls it
// damaged, and that none of them changed a byte of it.
func mustBeDamaged(t *testing.T, path string, want error) {
	t.Helper()
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for name, opts := range map[string]Options{
		"open":          {},
		"open, verify":  {Verify: true},
		"open to read":  {ReadOnly: true, Verify: true},
		"open, migrate": {Verify: true, BackupDir: filepath.Join(filepath.Dir(path), "backups")},
	} {
		s, err := Open(path, opts)
		if err == nil {
			s.Close()
		}
		if !errors.Is(err, want) {
			t.Errorf("%s: %v, want %v", name, err, want)
		}
	}
	if _, err := Examine(path, time.Second); !errors.Is(err, want) {
		t.Errorf("examine: %v, want %v", err, want)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("the damaged file was written to")
	}
	if copies, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "backups", "*")); len(copies) > 0 {
		t.Errorf("a damaged file was copied as if for a migration: %v", copies)
	}
}

// Issue 18, point 2: a file missing one bucket used to open, and then
// the first call that needed the bucket panicked (the settings bucket:
// the agent and the CLI at start). It is damage, found at open.
func TestMissingBucketIsDamageAtOpen(t *testing.T) {
	for _, name := range bucketsOf(SchemaVersion) {
		t.Run(string(name), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), FileName)
			fullDiary(t, path)
			withBolt(t, path, func(tx *bolt.Tx) error { return tx.DeleteBucket(name) })
			mustBeDamaged(t, path, ErrDamaged)
		})
	}
	// A schema mark that is not a number, or says 0.
	for name, mark := range map[string][]byte{"unreadable": []byte("four"), "zero": itob(0)} {
		t.Run("schema mark "+name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), FileName)
			fullDiary(t, path)
			withBolt(t, path, func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Put(keySchema, mark) })
			mustBeDamaged(t, path, ErrDamaged)
		})
	}
}

// Issue 18, point 2: even with a bucket gone from under an open store, no
// method panics; each that needs it says the file is damaged, and Check
// (what doctor asks the running agent) says so too.
func TestNoStoreMethodPanicsOnAMissingBucket(t *testing.T) {
	type method struct {
		name string
		uses [][]byte
		call func(s *Store) error
	}
	err1 := func(_ any, err error) error { return err }
	methods := []method{
		{"Count", [][]byte{bucketCramps, bucketGlasses, bucketStretches}, func(s *Store) error { return err1(s.Count()) }},
		{"Cramp", [][]byte{bucketCramps}, func(s *Store) error { return err1(s.Cramp(1)) }},
		{"Cramps", [][]byte{bucketCramps, bucketCrampsTime}, func(s *Store) error { return err1(s.Cramps(time.Time{}, time.Time{})) }},
		{"Glasses", [][]byte{bucketGlasses}, func(s *Store) error { return err1(s.Glasses(time.Time{}, time.Time{})) }},
		{"First", [][]byte{bucketCrampsTime, bucketGlasses, bucketStretches}, func(s *Store) error { return err1(s.First()) }},
		{"Settings", [][]byte{bucketSettings}, func(s *Store) error { return err1(s.Settings()) }},
		{"Stretches", [][]byte{bucketStretches}, func(s *Store) error { return err1(s.Stretches(time.Time{}, time.Time{})) }},
		{"State", [][]byte{bucketState}, func(s *Store) error { var v map[string]int; return s.State("sent", &v) }},
		{"AddCramp", [][]byte{bucketCramps, bucketCrampsUID, bucketCrampsTime}, func(s *Store) error { return err1(s.AddCramp(cramp.Entry{At: t0})) }},
		{"AddGlass", [][]byte{bucketGlasses}, func(s *Store) error { return err1(s.AddGlass(t0)) }},
		{"SetSetting", [][]byte{bucketSettings}, func(s *Store) error { return s.SetSetting("hydration.goal", "9") }},
		{"AddStretch", [][]byte{bucketStretches, bucketStretchesUID}, func(s *Store) error { return err1(s.AddStretch(stretch.Session{Start: t0})) }},
		{"SetState", [][]byte{bucketState}, func(s *Store) error { return s.SetState("sent", 1) }},
		{"UpdateCramp", [][]byte{bucketCramps, bucketCrampsTime, bucketCrampsUID}, func(s *Store) error {
			return s.UpdateCramp(cramp.Entry{ID: 1, At: t0.Add(time.Minute)})
		}},
		{"Import", [][]byte{bucketCramps, bucketCrampsTime, bucketCrampsUID, bucketGlasses, bucketStretches, bucketStretchesUID, bucketSettings}, func(s *Store) error {
			return err1(s.Import(export.File{Cramps: []cramp.Entry{{At: t0.Add(-time.Hour), UID: "u1"}}, Glasses: nil}))
		}},
		{"DeleteCramp", [][]byte{bucketCramps, bucketCrampsTime, bucketCrampsUID}, func(s *Store) error { return err1(s.DeleteCramp(1)) }},
		{"RestoreCramp", [][]byte{bucketCramps, bucketCrampsUID, bucketCrampsTime}, func(s *Store) error {
			return s.RestoreCramp(cramp.Entry{ID: 77, UID: "back", At: t0})
		}},
	}
	for _, missing := range bucketsOf(SchemaVersion) {
		if bytes.Equal(missing, bucketMeta) {
			continue // no method reads it after open
		}
		t.Run(string(missing), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), FileName)
			fullDiary(t, path)
			s, err := Open(path, Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if err := s.db.Update(func(tx *bolt.Tx) error { return tx.DeleteBucket(missing) }); err != nil {
				t.Fatal(err)
			}
			for _, m := range methods {
				uses := false
				for _, b := range m.uses {
					uses = uses || bytes.Equal(b, missing)
				}
				var err error
				func() {
					defer func() {
						if r := recover(); r != nil {
							t.Errorf("%s panicked: %v", m.name, r)
						}
					}()
					err = m.call(s)
				}()
				if uses && !errors.Is(err, ErrDamaged) {
					t.Errorf("%s without %s: %v, want ErrDamaged", m.name, missing, err)
				}
				if !uses && errors.Is(err, ErrDamaged) {
					t.Errorf("%s does not need %s but says %v", m.name, missing, err)
				}
			}
			if err := s.Check(); !errors.Is(err, ErrDamaged) {
				t.Errorf("Check: %v, want ErrDamaged", err)
			}
		})
	}
}

// highWater is the file's high-water mark and its freelist page, from
// bbolt itself.
func highWater(t *testing.T, path string) (pages, freelist int) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.View(func(tx *bolt.Tx) error {
		pages = int(tx.Size()) / db.Info().PageSize
		for id := pages - 1; id > 1; id-- {
			if p, err := tx.Page(id); err == nil && p != nil && p.Type == "freelist" {
				freelist = id
				return nil
			}
		}
		return errors.New("no freelist page")
	})
	if err != nil {
		t.Fatal(err)
	}
	return pages, freelist
}

// Issue 18, point 6: a file cut short. bbolt maps the file and reads the
// pages its meta names; a page past the end of the file is a SIGBUS that
// killed the agent, the CLI and doctor (exit 2) before any restore could
// run. Now each is ErrDamaged, found with ordinary reads before bbolt maps
// anything. (On the code before, this test dies of SIGBUS.)
func TestTruncatedFileIsDamageNotSIGBUS(t *testing.T) {
	page := os.Getpagesize()
	cases := []struct {
		name   string
		cramps int
		cut    func(size int64, pages, freelist int) int64
	}{
		// Smaller than bbolt's smallest map (32 KiB): the pages past the
		// end are inside the map.
		{"a small diary cut to 8 KiB", 3, func(int64, int, int) int64 { return 8 << 10 }},
		{"cut in half", 6000, func(size int64, _, _ int) int64 { return size / 2 }},
		// The freelist, which bbolt reads while opening, just past the
		// end: always inside the map.
		{"cut just before the freelist page", 6000, func(_ int64, _, freelist int) int64 { return int64(freelist * page) }},
		{"one page short", 6000, func(_ int64, pages, _ int) int64 { return int64((pages - 1) * page) }},
		{"shorter than one page", 3, func(int64, int, int) int64 { return 100 }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), FileName)
			if c.cramps > 100 {
				bigDiary(t, path, c.cramps)
			} else {
				fullDiary(t, path)
			}
			pages, freelist := highWater(t, path)
			fi, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			cut := c.cut(fi.Size(), pages, freelist)
			if err := os.Truncate(path, cut); err != nil {
				t.Fatal(err)
			}
			t.Logf("%d bytes (%d pages in use, freelist at page %d) cut to %d", fi.Size(), pages, freelist, cut)
			mustBeDamaged(t, path, ErrDamaged)
		})
	}
}

// The pre-open check is no stricter than bbolt: a file whose first meta
// page fails its checksum (a write cut off) still opens on the second
// (bbolt keeps two for that), and slack past the high-water mark is
// harmless.
func TestTornFirstMetaAndSlackStillOpen(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	fullDiary(t, path)
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	page := os.Getpagesize()
	// meta 0's txid, which its checksum covers.
	if _, err := f.WriteAt([]byte{0xff, 0xff}, pageHeaderSize+48); err != nil {
		t.Fatal(err)
	}
	fi, _ := f.Stat()
	if err := f.Truncate(fi.Size() + 5*int64(page)); err != nil {
		t.Fatal(err)
	}
	f.Close()
	s, err := Open(path, Options{Verify: true})
	if err != nil {
		t.Fatalf("open with meta 0 torn: %v", err)
	}
	defer s.Close()
	if list, err := s.Cramps(time.Time{}, time.Time{}); err != nil {
		t.Errorf("read after open on meta 1: %v", err)
	} else {
		t.Logf("%d cramps as of meta 1", len(list))
	}

	// Both torn: nothing to go on.
	both := filepath.Join(t.TempDir(), FileName)
	fullDiary(t, both)
	f, err = os.OpenFile(both, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteAt(make([]byte, 2*page), 0)
	f.Close()
	mustBeDamaged(t, both, ErrDamaged)
}

// The second line of defence: a spoilt length inside a page (here the key
// size of a bucket's name in the root page), pointing past the end of the
// file but inside bbolt's map. bbolt's own page check runs in a goroutine
// of its own, where a fault ends the process; Check reads every page first
// in its own goroutine with SetPanicOnFault, where the fault is a panic it
// recovers as ErrDamaged.
func TestFaultInsideAPageIsDamageNotACrash(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	fullDiary(t, path)
	var root uint64
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	db.View(func(tx *bolt.Tx) error { root = uint64(tx.Cursor().Bucket().Root()); return nil })
	ps := int64(db.Info().PageSize)
	db.Close()

	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	// bbolt maps the next power of two at or above the file's size (32
	// KiB at least): make the file a page longer than a power of two, so
	// the map reaches well past its end.
	fi, _ := f.Stat()
	size := int64(32 << 10)
	for size < fi.Size() {
		size *= 2
	}
	size += ps
	if err := f.Truncate(size); err != nil {
		t.Fatal(err)
	}
	hdr := make([]byte, 32)
	if _, err := f.ReadAt(hdr, int64(root)*ps); err != nil {
		t.Fatal(err)
	}
	if flags := binary.NativeEndian.Uint16(hdr[8:]); flags != flagLeaf {
		t.Fatalf("root page %d has flags %#x, want a leaf", root, flags)
	}
	// The first leaf element: flags, pos, ksize, vsize (uint32 each);
	// its key starts pos bytes after the element.
	elem := int64(root)*ps + pageHeaderSize
	pos := int64(binary.NativeEndian.Uint32(hdr[pageHeaderSize+4:]))
	ksize := uint32(size + 2*ps - (elem + pos))
	binary.NativeEndian.PutUint32(hdr[pageHeaderSize+8:], ksize)
	if _, err := f.WriteAt(hdr[pageHeaderSize+8:pageHeaderSize+12], elem+8); err != nil {
		t.Fatal(err)
	}
	f.Sync()

	s, err := Open(path, Options{Verify: true})
	if err == nil {
		s.Close()
	}
	if !errors.Is(err, ErrDamaged) {
		t.Errorf("open of a file with a key running past its end: %v, want ErrDamaged", err)
	}
	if _, err := Examine(path, time.Second); !errors.Is(err, ErrDamaged) {
		t.Errorf("examine: %v, want ErrDamaged", err)
	}
}

// Issue 18, point 7: a 0-byte file was taken as a new diary, even where
// backups held the old one. It is ErrEmpty (a kind of ErrDamaged) and is
// left as it is, unless the caller says there is nothing to restore.
func TestEmptyFileIsNotANewDiary(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	mustBeDamaged(t, path, ErrEmpty)
	if _, err := Open(path, Options{}); !errors.Is(err, ErrDamaged) {
		t.Errorf("ErrEmpty is not a kind of ErrDamaged: %v", err)
	}
	if fi, _ := os.Stat(path); fi.Size() != 0 {
		t.Fatalf("the empty file was written: %d bytes", fi.Size())
	}
	// Read-only never makes it a diary, whatever the caller says.
	if s, err := Open(path, Options{ReadOnly: true, NewIfEmpty: true}); err == nil {
		s.Close()
		t.Error("read-only open of an empty file worked")
	}
	// With nothing to restore from, the caller may start afresh in it.
	s, err := Open(path, Options{NewIfEmpty: true, Verify: true})
	if err != nil {
		t.Fatalf("open an empty file as new: %v", err)
	}
	if _, err := s.AddCramp(cramp.Entry{At: t0}); err != nil {
		t.Error(err)
	}
	s.Close()

	// A few bytes are not empty: damaged, new or not.
	short := filepath.Join(t.TempDir(), FileName)
	os.WriteFile(short, bytes.Repeat([]byte{0}, 100), 0o600)
	if _, err := Open(short, Options{NewIfEmpty: true}); !errors.Is(err, ErrDamaged) || errors.Is(err, ErrEmpty) {
		t.Errorf("open of 100 zero bytes: %v, want ErrDamaged (not ErrEmpty)", err)
	}
}

// Issue 18, point 7: doctor looks with Examine, which must create,
// migrate and change nothing, and tell a newer file from a damaged one.
func TestExamineChangesNothing(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "nowhere", FileName)
	if _, err := Examine(missing, time.Second); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("examine a missing file: %v, want fs.ErrNotExist", err)
	}
	if _, err := os.Stat(filepath.Dir(missing)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("examine created the folder: %v", err)
	}

	// Sound, at the current schema.
	path := filepath.Join(dir, FileName)
	fullDiary(t, path)
	sum, err := Examine(path, time.Second)
	if err != nil || sum.Schema != SchemaVersion || sum.Counts != (Counts{Cramps: 1, Glasses: 1, Stretches: 1}) {
		t.Errorf("examine a sound file: %+v, %v", sum, err)
	}

	// An older schema is sound, and stays older (no migration).
	old := filepath.Join(dir, "v3.db")
	writeV3(t, old)
	before, _ := os.ReadFile(old)
	if sum, err := Examine(old, time.Second); err != nil || sum.Schema != 3 {
		t.Errorf("examine a schema 3 file: %+v, %v", sum, err)
	}
	if after, _ := os.ReadFile(old); !bytes.Equal(before, after) {
		t.Error("examine changed a schema 3 file")
	}

	// A newer schema is not damage.
	withBolt(t, path, func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Put(keySchema, itob(SchemaVersion+1)) })
	before, _ = os.ReadFile(path)
	sum, err = Examine(path, time.Second)
	if !errors.Is(err, ErrNewerSchema) || errors.Is(err, ErrDamaged) || sum.Schema != SchemaVersion+1 {
		t.Errorf("examine a newer file: %+v, %v; want ErrNewerSchema and schema %d", sum, err, SchemaVersion+1)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("examine changed a newer file")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("examine left files behind: %v", entries)
	}
}
