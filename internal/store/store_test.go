package store

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/crampcare/crampcare/internal/export"

	bolt "go.etcd.io/bbolt"

	"github.com/crampcare/crampcare/internal/cramp"
	"github.com/crampcare/crampcare/internal/stretch"
)

// MustOpen opens a store on a fresh temp file and closes it at the end.
func MustOpen(tb testing.TB) *Store {
	tb.Helper()
	s, err := Open(filepath.Join(tb.TempDir(), FileName), Options{})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

func intp(n int) *int { return &n }

var t0 = time.Date(2026, 11, 20, 3, 10, 0, 0, time.UTC)

func TestCrampRoundTrip(t *testing.T) {
	s := MustOpen(t)
	in := cramp.Entry{At: t0, Leg: cramp.LegLeft, Muscle: cramp.MuscleCalf, Intensity: intp(7), Duration: 90 * time.Second, Note: "woke me — ouch"}
	got, err := s.AddCramp(in)
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != 1 {
		t.Errorf("first ID = %d, want 1", got.ID)
	}
	back, err := s.Cramp(got.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !back.At.Equal(in.At) || back.Leg != in.Leg || back.Muscle != in.Muscle || *back.Intensity != 7 || back.Duration != in.Duration || back.Note != in.Note {
		t.Errorf("round trip: got %+v, want %+v", back, in)
	}
	if _, err := s.Cramp(99); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing cramp: err = %v, want ErrNotFound", err)
	}
}

func TestCrampsNewestFirstAndRange(t *testing.T) {
	s := MustOpen(t)
	// Added out of order, and one before 1970 to check the key's sign trick.
	times := []time.Time{t0.Add(2 * time.Hour), t0, t0.Add(-48 * time.Hour), t0.Add(time.Hour), time.Date(1969, 5, 1, 0, 0, 0, 0, time.UTC)}
	for _, at := range times {
		if _, err := s.AddCramp(cramp.Entry{At: at}); err != nil {
			t.Fatal(err)
		}
	}
	all, err := s.Cramps(time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != len(times) {
		t.Fatalf("got %d cramps, want %d", len(all), len(times))
	}
	for i := 1; i < len(all); i++ {
		if all[i].At.After(all[i-1].At) {
			t.Errorf("not newest first at %d: %v after %v", i, all[i].At, all[i-1].At)
		}
	}
	win, err := s.Cramps(t0, t0.Add(2*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if len(win) != 2 || !win[0].At.Equal(t0.Add(time.Hour)) || !win[1].At.Equal(t0) {
		t.Errorf("range [t0, t0+2h) = %v, want t0+1h, t0", win)
	}
}

func TestGlasses(t *testing.T) {
	s := MustOpen(t)
	for i := 0; i < 3; i++ {
		if _, err := s.AddGlass(t0.Add(time.Duration(i) * time.Hour)); err != nil {
			t.Fatal(err)
		}
	}
	// Two in the same instant must both be kept.
	if _, err := s.AddGlass(t0); err != nil {
		t.Fatal(err)
	}
	got, err := s.Glasses(t0, t0.Add(90*time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || !got[0].At.Equal(t0.Add(time.Hour)) {
		t.Errorf("glasses in [t0, t0+90m) = %v, want 3 newest first", got)
	}
}

func TestSettingsPersist(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetSetting("hydration.goal", "10"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	m, err := s.Settings()
	if err != nil {
		t.Fatal(err)
	}
	if m["hydration.goal"] != "10" {
		t.Errorf("after reopen hydration.goal = %q, want 10", m["hydration.goal"])
	}
}

func TestOpenLockedTimesOut(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	_, err = Open(path, Options{Timeout: 50 * time.Millisecond})
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("second open: err = %v, want ErrLocked", err)
	}
}

func TestFileModeAndFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "new", "data")
	s, err := Open(filepath.Join(dir, FileName), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	fi, err := os.Stat(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("db mode = %v, want 0600", fi.Mode().Perm())
	}
	di, err := os.Stat(dir)
	if err != nil {
		t.Fatal(err)
	}
	if di.Mode().Perm() != 0o700 {
		t.Errorf("folder mode = %v, want 0700", di.Mode().Perm())
	}
}

// TestMigrateV1ToV2 writes a file the way schema 1 did (cramps keyed by ID
// only, no time index) and checks that opening it builds the index.
func TestMigrateV1ToV2(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		if err := migrations()[0](tx); err != nil {
			return err
		}
		meta, err := tx.CreateBucket(bucketMeta)
		if err != nil {
			return err
		}
		if err := meta.Put(keySchema, itob(1)); err != nil {
			return err
		}
		b := tx.Bucket(bucketCramps)
		for i, at := range []time.Time{t0, t0.Add(-time.Hour), t0.Add(time.Hour)} {
			v, _ := json.Marshal(cramp.Entry{ID: uint64(i + 1), At: at})
			if err := b.Put(itob(uint64(i+1)), v); err != nil {
				return err
			}
			b.SetSequence(uint64(i + 1))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()

	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if v, _ := s.SchemaVersion(); v != SchemaVersion {
		t.Errorf("schema after migration = %d, want %d", v, SchemaVersion)
	}
	got, err := s.Cramps(time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || got[0].ID != 3 || got[1].ID != 1 || got[2].ID != 2 {
		t.Errorf("after migration, newest first = %v, want IDs 3, 1, 2", got)
	}
	// New IDs continue after the old ones.
	e, err := s.AddCramp(cramp.Entry{At: t0})
	if err != nil {
		t.Fatal(err)
	}
	if e.ID != 4 {
		t.Errorf("next ID = %d, want 4", e.ID)
	}
}

func TestNewerSchemaRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	err = s.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketMeta).Put(keySchema, itob(SchemaVersion+1))
	})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := Open(path, Options{}); !errors.Is(err, ErrNewerSchema) {
		t.Fatalf("open newer file: err = %v, want ErrNewerSchema", err)
	}
}

func BenchmarkAddCramp(b *testing.B) {
	s := MustOpen(b)
	for i := 0; b.Loop(); i++ {
		if _, err := s.AddCramp(cramp.Entry{At: t0.Add(time.Duration(i) * time.Minute)}); err != nil {
			b.Fatal(err)
		}
	}
}

func TestStretchesAndState(t *testing.T) {
	s := MustOpen(t)
	for _, at := range []time.Time{t0, t0.Add(24 * time.Hour), t0.Add(-24 * time.Hour)} {
		if _, err := s.AddStretch(stretch.Session{Start: at, End: at.Add(5 * time.Minute), Source: stretch.SourceCLI, Steps: []string{"calf"}, Rounds: 2}); err != nil {
			t.Fatal(err)
		}
	}
	all, err := s.Stretches(time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 3 || !all[0].Start.Equal(t0.Add(24*time.Hour)) || all[0].Rounds != 2 || all[0].Steps[0] != "calf" || all[0].Source != stretch.SourceCLI {
		t.Errorf("stretches = %+v", all)
	}
	type mem struct{ N int }
	var got mem
	if err := s.State("reminders", &got); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing state: %v", err)
	}
	if err := s.SetState("reminders", mem{N: 3}); err != nil {
		t.Fatal(err)
	}
	if err := s.State("reminders", &got); err != nil || got.N != 3 {
		t.Errorf("state = %+v, %v", got, err)
	}
}

// TestMigrateV2ToV3 opens a file at schema 2 (no stretch or state buckets).
func TestMigrateV2ToV3(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		steps := migrations()
		for v := 0; v < 2; v++ {
			if err := steps[v](tx); err != nil {
				return err
			}
		}
		meta, err := tx.CreateBucket(bucketMeta)
		if err != nil {
			return err
		}
		return meta.Put(keySchema, itob(2))
	})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if v, _ := s.SchemaVersion(); v != SchemaVersion {
		t.Errorf("schema = %d, want %d", v, SchemaVersion)
	}
	if _, err := s.AddStretch(stretch.Session{Start: t0}); err != nil {
		t.Errorf("stretch bucket missing after migration: %v", err)
	}
}

func TestEveryFieldRoundTripsAndEdit(t *testing.T) {
	s := MustOpen(t)
	in := cramp.Entry{At: t0, Leg: cramp.LegBoth, Muscle: cramp.MuscleThighBack, Intensity: intp(3), Duration: time.Minute,
		Note: "ünïcødé ✓", Helped: map[cramp.Step]cramp.Rating{cramp.StepStretch: cramp.RatingYes, cramp.StepWarmth: cramp.RatingSome},
		Triggers: []string{"long-sitting", "little-water"}, Symptoms: []string{"weakness"}, Sleep: intp(6)}
	e, err := s.AddCramp(in)
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.Cramp(e.ID)
	if err != nil {
		t.Fatal(err)
	}
	if e.UID == "" {
		t.Fatal("no UID assigned")
	}
	in.ID, in.UID = e.ID, e.UID
	if !reflect.DeepEqual(normal(got), normal(in)) {
		t.Errorf("round trip:\n got %+v\nwant %+v", got, in)
	}
	// Edit moves it in time: the index must follow.
	got.At = t0.Add(-48 * time.Hour)
	got.Note = "edited"
	got.UID = "something else" // an edit cannot rename the cramp
	if err := s.UpdateCramp(got); err != nil {
		t.Fatal(err)
	}
	if after, _ := s.Cramp(e.ID); after.UID != e.UID {
		t.Errorf("UID changed on edit: %q to %q", e.UID, after.UID)
	}
	recent, _ := s.Cramps(t0.Add(-time.Hour), time.Time{})
	old, _ := s.Cramps(time.Time{}, t0.Add(-time.Hour))
	if len(recent) != 0 || len(old) != 1 || old[0].Note != "edited" {
		t.Errorf("after moving: recent %v, old %v", recent, old)
	}
	if err := s.UpdateCramp(cramp.Entry{ID: 99, At: t0}); !errors.Is(err, ErrNotFound) {
		t.Errorf("update missing: %v", err)
	}
}

func TestDeleteAndRestore(t *testing.T) {
	s := MustOpen(t)
	a, _ := s.AddCramp(cramp.Entry{At: t0})
	b, _ := s.AddCramp(cramp.Entry{At: t0.Add(time.Hour), Note: "keep me"})
	gone, err := s.DeleteCramp(b.ID)
	if err != nil || gone.Note != "keep me" {
		t.Fatalf("delete = %+v, %v", gone, err)
	}
	if list, _ := s.Cramps(time.Time{}, time.Time{}); len(list) != 1 || list[0].ID != a.ID {
		t.Errorf("after delete: %v", list)
	}
	if _, err := s.DeleteCramp(b.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("second delete: %v", err)
	}
	if err := s.RestoreCramp(gone); err != nil {
		t.Fatal(err)
	}
	if err := s.RestoreCramp(gone); !errors.Is(err, ErrExists) {
		t.Errorf("restore twice: %v", err)
	}
	list, _ := s.Cramps(time.Time{}, time.Time{})
	if len(list) != 2 || list[0].ID != b.ID || list[0].Note != "keep me" {
		t.Errorf("after undo: %v", list)
	}
	// New IDs never reuse a deleted one.
	c, _ := s.AddCramp(cramp.Entry{At: t0})
	if c.ID <= b.ID {
		t.Errorf("new ID %d reuses an old one", c.ID)
	}
}

// normal makes times comparable after a JSON round trip.
func normal(e cramp.Entry) cramp.Entry {
	e.At = e.At.UTC()
	return e
}

// writeV3 makes a schema-3 file holding one cramp and one stretch as that
// version wrote them: without UIDs.
func writeV3(t *testing.T, path string) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Update(func(tx *bolt.Tx) error {
		steps := migrations()
		for v := 0; v < 3; v++ {
			if err := steps[v](tx); err != nil {
				return err
			}
		}
		c, _ := json.Marshal(map[string]any{"id": 1, "at": t0, "muscle": "calf"})
		if err := tx.Bucket(bucketCramps).Put(itob(1), c); err != nil {
			return err
		}
		if err := tx.Bucket(bucketCrampsTime).Put(timeKey(t0, 1), itob(1)); err != nil {
			return err
		}
		st, _ := json.Marshal(map[string]any{"id": 1, "start": t0.Add(-6 * time.Hour), "end": t0.Add(-6 * time.Hour), "source": "cli"})
		if err := tx.Bucket(bucketStretches).Put(timeKey(t0.Add(-6*time.Hour), 1), st); err != nil {
			return err
		}
		meta, err := tx.CreateBucket(bucketMeta)
		if err != nil {
			return err
		}
		return meta.Put(keySchema, itob(3))
	})
	if err != nil {
		t.Fatal(err)
	}
}

// Two copies of the same old diary, migrated apart, give their records the
// same UIDs: importing one into the other adds nothing.
func TestMigrateV3ToV4GivesStableUIDs(t *testing.T) {
	var stores []*Store
	for range 2 {
		path := filepath.Join(t.TempDir(), FileName)
		writeV3(t, path)
		s, err := Open(path, Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		stores = append(stores, s)
	}
	a, b := stores[0], stores[1]
	ca, _ := a.Cramps(time.Time{}, time.Time{})
	cb, _ := b.Cramps(time.Time{}, time.Time{})
	sa, _ := a.Stretches(time.Time{}, time.Time{})
	sb, _ := b.Stretches(time.Time{}, time.Time{})
	if len(ca) != 1 || len(cb) != 1 || ca[0].UID == "" || ca[0].UID != cb[0].UID || ca[0].Muscle != cramp.MuscleCalf {
		t.Fatalf("migrated cramps %+v and %+v", ca, cb)
	}
	if len(sa) != 1 || len(sb) != 1 || sa[0].UID == "" || sa[0].UID != sb[0].UID || sa[0].UID == ca[0].UID {
		t.Fatalf("migrated stretches %+v and %+v", sa, sb)
	}
	sum, err := b.Import(export.File{Cramps: ca, Stretches: sa})
	if err != nil || sum.Cramps != 0 || sum.Stretches != 0 || sum.Skipped != 2 {
		t.Errorf("import of the twin copy: %+v, %v", sum, err)
	}
	// New records get random UIDs, never the derived kind.
	e, _ := a.AddCramp(cramp.Entry{At: t0.Add(time.Hour)})
	if e.UID == "" || e.UID == legacyUID("cramp", e.At) {
		t.Errorf("new cramp UID %q", e.UID)
	}
}

// An import recognises a cramp by its UID even after its time was edited
// here, so restoring an old export never doubles it; a deleted cramp comes
// back. Files without UIDs (version 1) still match by exact time.
func TestImportMatchesByUID(t *testing.T) {
	src, dst := MustOpen(t), MustOpen(t)
	e, _ := src.AddCramp(cramp.Entry{At: t0, Note: "first"})
	st, _ := src.AddStretch(stretch.Session{Start: t0.Add(-5 * time.Hour), End: t0.Add(-5 * time.Hour), Source: "cli"})
	file := export.File{Cramps: []cramp.Entry{e}, Stretches: []stretch.Session{st}}
	if sum, err := dst.Import(file); err != nil || sum.Cramps != 1 || sum.Stretches != 1 {
		t.Fatalf("first import: %+v, %v", sum, err)
	}
	got, _ := dst.Cramps(time.Time{}, time.Time{})
	if len(got) != 1 || got[0].UID != e.UID {
		t.Fatalf("imported %+v, want UID %s kept", got, e.UID)
	}
	got[0].At = t0.Add(-20 * time.Minute)
	if err := dst.UpdateCramp(got[0]); err != nil {
		t.Fatal(err)
	}
	if sum, err := dst.Import(file); err != nil || sum.Cramps != 0 || sum.Stretches != 0 || sum.Skipped != 2 {
		t.Errorf("re-import after an edit: %+v, %v", sum, err)
	}
	if _, err := dst.DeleteCramp(got[0].ID); err != nil {
		t.Fatal(err)
	}
	if sum, err := dst.Import(file); err != nil || sum.Cramps != 1 {
		t.Errorf("re-import after a delete: %+v, %v", sum, err)
	}
	// Version 1: no UIDs; the time decides.
	old := export.File{Cramps: []cramp.Entry{{At: t0}, {At: t0.Add(-72 * time.Hour)}}}
	if sum, err := dst.Import(old); err != nil || sum.Cramps != 1 || sum.Skipped != 1 {
		t.Errorf("version-1 import: %+v, %v", sum, err)
	}
	if n, _ := dst.Cramps(time.Time{}, time.Time{}); len(n) != 2 {
		t.Errorf("%d cramps after all imports, want 2", len(n))
	}
}

// Before a migration the file is copied as it was: if the new code were
// wrong, the old diary is still there.
func TestCopyBeforeMigration(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, FileName)
	writeV3(t, path)
	backups := filepath.Join(dir, "backups")
	s, err := Open(path, Options{BackupDir: backups, Verify: true})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	copies, _ := filepath.Glob(filepath.Join(backups, "crampcare-pre-schema4-*.db"))
	if len(copies) != 1 {
		t.Fatalf("copies before migration: %v", copies)
	}
	db, err := bolt.Open(copies[0], 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.View(func(tx *bolt.Tx) error {
		if v := schemaOf(tx); v != 3 {
			t.Errorf("the copy is at schema %d, want 3 (as it was)", v)
		}
		return nil
	})
	// Opening again migrates nothing, so copies nothing.
	s, err = Open(path, Options{BackupDir: backups})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if again, _ := filepath.Glob(filepath.Join(backups, "*.db")); len(again) != 1 {
		t.Errorf("copies after a second open: %v", again)
	}
	// A new file has nothing to keep.
	s, err = Open(filepath.Join(t.TempDir(), FileName), Options{BackupDir: filepath.Join(t.TempDir(), "b")})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
}
