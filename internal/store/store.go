// Package store keeps the user's diary in one bbolt file. Only the agent
// writes it while the agent runs; the CLI opens it directly only when no agent
// does, and bbolt's file lock (with a timeout, never a hang) keeps it that way.
package store

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	bolt "go.etcd.io/bbolt"
	boltErrors "go.etcd.io/bbolt/errors"

	"github.com/crampcare/crampcare/internal/cramp"
	"github.com/crampcare/crampcare/internal/diary"
	"github.com/crampcare/crampcare/internal/export"
	"github.com/crampcare/crampcare/internal/stretch"
	"github.com/crampcare/crampcare/internal/water"
)

// The domain's errors (see diary), under the names this package has always
// used; store maps bbolt's and the system's errors to them.
var (
	ErrNotFound    = diary.ErrNotFound
	ErrLocked      = diary.ErrLocked
	ErrExists      = diary.ErrExists
	ErrNewerSchema = diary.ErrNewerSchema
	ErrDamaged     = diary.ErrDamaged
	ErrEmpty       = diary.ErrEmpty
	ErrDiskFull    = diary.ErrDiskFull
	ErrReadOnly    = diary.ErrReadOnly
)

// Counts is diary.Counts.
type Counts = diary.Counts

// writeErr names the failures a person can act on (a full disk, a folder
// that cannot be written) with a sentinel, keeping the system's error for
// the log. bbolt wraps some of them with %s, so the text is checked too.
func writeErr(err error) error {
	if err == nil {
		return nil
	}
	text := err.Error()
	switch {
	case errors.Is(err, syscall.ENOSPC), errors.Is(err, syscall.EDQUOT), errors.Is(err, syscall.EFBIG),
		strings.Contains(text, "no space left on device"), strings.Contains(text, "disk quota exceeded"),
		strings.Contains(text, "file too large"):
		return fmt.Errorf("%w (%v)", ErrDiskFull, err)
	case errors.Is(err, syscall.EROFS), errors.Is(err, fs.ErrPermission), errors.Is(err, boltErrors.ErrDatabaseReadOnly),
		strings.Contains(text, "read-only file system"):
		return fmt.Errorf("%w (%v)", ErrReadOnly, err)
	}
	return err
}

// update runs fn in a write transaction, naming a full disk or a
// read-only folder if the commit fails for either.
func (s *Store) update(fn func(tx *bolt.Tx) error) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			err = faultErr(r)
		}
	}()
	return writeErr(s.db.Update(fn))
}

// view runs fn in a read transaction.
func (s *Store) view(fn func(tx *bolt.Tx) error) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			err = faultErr(r)
		}
	}()
	return s.db.View(fn)
}

// faultErr turns a memory fault while reading the mapped file into
// ErrDamaged, and lets any other panic go on.
//
// bbolt reads the file through a memory map, so a page it reaches that
// is no longer in the file (cut short while the agent runs, or named by a
// spoilt pointer inside a page) is a SIGBUS or SIGSEGV, which kills the
// process. With debug.SetPanicOnFault, which view and update set for
// their own goroutine only, the runtime raises a panic instead, which
// carries the faulting address; that one, and only that one, is known to
// be the file's fault. Anything else is a bug and is not hidden as damage.
func faultErr(r any) error {
	if f, ok := r.(interface{ Addr() uintptr }); ok {
		return fmt.Errorf("store: %w: a page could not be read (fault at %#x)", ErrDamaged, f.Addr())
	}
	panic(r)
}

// bucket returns the named bucket. Open refuses a file that lacks one its
// schema has, so a missing one here means the file lost part of itself:
// ErrDamaged, never a nil to trip over.
func bucket(tx *bolt.Tx, name []byte) (*bolt.Bucket, error) {
	if b := tx.Bucket(name); b != nil {
		return b, nil
	}
	return nil, fmt.Errorf("%w: the %s bucket is missing", ErrDamaged, name)
}

// buckets is bucket for several at once, in the order named.
func buckets(tx *bolt.Tx, names ...[]byte) ([]*bolt.Bucket, error) {
	out := make([]*bolt.Bucket, len(names))
	for i, name := range names {
		b, err := bucket(tx, name)
		if err != nil {
			return nil, err
		}
		out[i] = b
	}
	return out, nil
}

// FileName is the database file inside the data folder.
const FileName = "crampcare.db"

var (
	bucketMeta       = []byte("meta")
	bucketCramps     = []byte("cramps")
	bucketCrampsTime = []byte("cramps_by_time")
	bucketGlasses    = []byte("glasses")
	bucketSettings   = []byte("settings")
	bucketStretches  = []byte("stretches")
	bucketState      = []byte("state")
	// UID -> ID (cramps) and UID -> time key (stretches), for imports.
	bucketCrampsUID    = []byte("cramps_by_uid")
	bucketStretchesUID = []byte("stretches_by_uid")
	keySchema          = []byte("schema")
)

// Options tune Open.
type Options struct {
	// Timeout bounds the wait for the file lock; zero means one second.
	Timeout time.Duration
	// Verify checks every page at open (bbolt's consistency check), so a
	// damaged file is found before anything is written to it.
	Verify bool
	// BackupDir, if set, receives a copy of the file before any migration.
	BackupDir string
	// ReadOnly opens an existing file without writing to it, sharing the
	// lock with other readers; every write then fails with ErrReadOnly.
	// For a data folder that cannot be written, and for looking only.
	ReadOnly bool
	// NewIfEmpty takes an existing 0-byte file as a new diary. Otherwise
	// it is ErrEmpty (a kind of ErrDamaged): where backups exist, an empty
	// file is a diary lost, to be restored, not started afresh. Callers
	// set it when there is no backup (a first start cut short leaves a
	// 0-byte file, and there is nothing to restore).
	NewIfEmpty bool
}

// Store is the open database.
type Store struct {
	db *bolt.DB
}

// Open opens (creating if needed) the database at path with mode 0600, makes
// every bucket, and migrates the schema to the current version.
func Open(path string, opts Options) (*Store, error) {
	if opts.Timeout <= 0 {
		opts.Timeout = time.Second
	}
	if !opts.ReadOnly {
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, fmt.Errorf("store: create folder: %w", writeErr(err))
		}
	}
	db, err := openBolt(path, opts)
	if err != nil {
		return nil, err
	}
	s := &Store{db: db}
	// bbolt creates with the mode given only when the file is new; a file
	// restored from a backup by hand may be wider, and it holds health data.
	if !opts.ReadOnly {
		if err := os.Chmod(path, 0o600); err != nil {
			db.Close()
			return nil, fmt.Errorf("store: chmod: %w", writeErr(err))
		}
	}
	if opts.Verify {
		if err := s.Check(); err != nil {
			db.Close()
			return nil, err
		}
	}
	if opts.ReadOnly {
		// An older file is readable only once migrated, which writes.
		var v int
		err := s.view(func(tx *bolt.Tx) error {
			var err error
			v, err = structure(tx)
			return err
		})
		if err != nil {
			err = fmt.Errorf("store: %w", err)
		} else if v != SchemaVersion {
			err = fmt.Errorf("store: schema %d must be updated to %d, which needs writing: %w", v, SchemaVersion, ErrReadOnly)
		}
		if err != nil {
			db.Close()
			return nil, err
		}
		return s, nil
	}
	if err := s.migrate(opts.BackupDir); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// openBolt opens the file, checked first with ordinary reads (preflight,
// under bbolt's lock), turning bbolt's refusals of a bad file, and its
// panics on some, into ErrDamaged, and a lock held elsewhere into
// ErrLocked.
func openBolt(path string, opts Options) (db *bolt.DB, err error) {
	db, err = openBoltRaw(path, opts)
	switch {
	case err == nil:
		return db, nil
	case errors.Is(err, boltErrors.ErrTimeout):
		return nil, fmt.Errorf("store: open %s: %w", path, ErrLocked)
	case errors.Is(err, ErrDamaged):
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	return nil, fmt.Errorf("store: open %s: %w", path, writeErr(err))
}

func openBoltRaw(path string, opts Options) (db *bolt.DB, err error) {
	before := fdsOf(path)
	// bbolt reads the freelist while opening, through the map: a fault
	// there is a panic to recover, not the end of the process.
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			// bbolt panicked holding the file open and locked. Unlock it,
			// or this process could not open the path again (doctor, a
			// restore into the same path, tests). Not close: the *os.File
			// bbolt dropped closes its descriptor when collected, and would
			// then close whatever file had reused the number.
			for fd := range fdsOf(path) {
				if !before[fd] {
					unlock(fd)
				}
			}
			db, err = nil, fmt.Errorf("%w: %v", ErrDamaged, r)
		}
	}()
	// bbolt also opens the file through this hook later, to copy it
	// (WriteTo): only its first open, the database's own, is checked.
	var opened atomic.Bool
	db, err = bolt.Open(path, 0o600, &bolt.Options{Timeout: opts.Timeout, ReadOnly: opts.ReadOnly,
		OpenFile: func(name string, flag int, mode os.FileMode) (*os.File, error) {
			if opened.Swap(true) {
				return os.OpenFile(name, flag, mode)
			}
			return openChecked(name, flag, mode, opts.ReadOnly, opts.NewIfEmpty, opts.Timeout)
		}})
	if errors.Is(err, boltErrors.ErrInvalid) || errors.Is(err, boltErrors.ErrChecksum) ||
		errors.Is(err, boltErrors.ErrVersionMismatch) || err != nil && strings.Contains(err.Error(), "file size too small") {
		return nil, fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	return db, err
}

// Check looks at every page and at the diary's shape: bbolt's
// consistency check, and every bucket the file's schema has. What it
// finds, or a panic on the way, is reported as ErrDamaged.
func (s *Store) Check() (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("store: %w: %v", ErrDamaged, r)
		}
	}()
	err = s.db.View(func(tx *bolt.Tx) error {
		// bbolt checks in a goroutine of its own, which no recover here
		// reaches and SetPanicOnFault does not cover: a fault there ends
		// the process. So every page it will visit is first read here,
		// where a fault is a panic recovered above.
		if err := touchAll(tx); err != nil {
			return err
		}
		for e := range tx.Check() {
			return e // the first problem is enough to stop using the file
		}
		if _, err := structure(tx); errors.Is(err, ErrDamaged) {
			return err
		}
		return nil
	})
	if err != nil {
		if errors.Is(err, ErrDamaged) {
			return fmt.Errorf("store: %w", err)
		}
		return fmt.Errorf("store: %w: %v", ErrDamaged, err)
	}
	return nil
}

// touchAll reads every key and value of every bucket, nested ones too, so
// that every branch, leaf and overflow page reachable from the root is
// read once in this goroutine.
func touchAll(tx *bolt.Tx) error {
	var sum byte
	var walk func(b *bolt.Bucket, depth int) error
	walk = func(b *bolt.Bucket, depth int) error {
		if depth > 16 {
			return fmt.Errorf("buckets nested %d deep", depth)
		}
		return b.ForEach(func(k, v []byte) error {
			if len(k) > 0 {
				sum ^= k[len(k)-1]
			}
			if len(v) > 0 {
				sum ^= v[0] ^ v[len(v)-1]
			}
			if v == nil {
				if c := b.Bucket(k); c != nil {
					return walk(c, depth+1)
				}
			}
			return nil
		})
	}
	return tx.ForEach(func(_ []byte, b *bolt.Bucket) error { return walk(b, 1) })
}

// WriteBackup writes a consistent copy of the database to path (0600), in
// one read transaction, so writers are not held up; the copy appears whole
// or not at all.
func (s *Store) WriteBackup(path string) error {
	tmp := path + ".partial"
	f, err := os.OpenFile(tmp, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return fmt.Errorf("store: backup: %w", err)
	}
	err = s.view(func(tx *bolt.Tx) error {
		_, err := tx.WriteTo(f)
		return err
	})
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("store: backup: %w", err)
	}
	return syncDir(filepath.Dir(path))
}

// syncDir makes a rename in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// Count counts the records.
func (s *Store) Count() (Counts, error) {
	var c Counts
	err := s.view(func(tx *bolt.Tx) error {
		for _, k := range []struct {
			name []byte
			n    *int
		}{{bucketCramps, &c.Cramps}, {bucketGlasses, &c.Glasses}, {bucketStretches, &c.Stretches}} {
			b, err := bucket(tx, k.name)
			if err != nil {
				return err
			}
			*k.n = b.Stats().KeyN
		}
		return nil
	})
	return c, err
}

// Close releases the file and its lock.
func (s *Store) Close() error { return s.db.Close() }

// Path is the database file's path.
func (s *Store) Path() string { return s.db.Path() }

// SchemaVersion reports the schema version stored in the file.
func (s *Store) SchemaVersion() (int, error) {
	var v int
	err := s.view(func(tx *bolt.Tx) error {
		v = schemaOf(tx)
		return nil
	})
	return v, err
}

// AddCramp stores a new cramp and returns it with its ID. bbolt fsyncs on
// commit, so when this returns the entry survives a crash.
func (s *Store) AddCramp(e cramp.Entry) (cramp.Entry, error) {
	err := s.update(func(tx *bolt.Tx) error {
		b, err := bucket(tx, bucketCramps)
		if err != nil {
			return err
		}
		id, err := b.NextSequence()
		if err != nil {
			return err
		}
		e.ID, e.UID = id, rand.Text()
		return putCramp(tx, e)
	})
	if err != nil {
		return cramp.Entry{}, fmt.Errorf("store: add cramp: %w", err)
	}
	return e, nil
}

// Cramp returns one cramp by ID.
func (s *Store) Cramp(id uint64) (cramp.Entry, error) {
	var e cramp.Entry
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		e, err = getCramp(tx, id)
		return err
	})
	if err != nil {
		return cramp.Entry{}, fmt.Errorf("store: %w", err)
	}
	return e, nil
}

// UpdateCramp replaces a stored cramp (same ID), keeping the time index
// right when its time changed.
func (s *Store) UpdateCramp(e cramp.Entry) error {
	err := s.update(func(tx *bolt.Tx) error {
		old, err := getCramp(tx, e.ID)
		if err != nil {
			return err
		}
		byTime, err := bucket(tx, bucketCrampsTime)
		if err != nil {
			return err
		}
		if err := byTime.Delete(timeKey(old.At, old.ID)); err != nil {
			return err
		}
		e.UID = old.UID // the same cramp, whatever the edit says
		return putCramp(tx, e)
	})
	if err != nil {
		return fmt.Errorf("store: update cramp: %w", err)
	}
	return nil
}

// DeleteCramp removes a cramp and returns it, so that the caller can offer
// to undo.
func (s *Store) DeleteCramp(id uint64) (cramp.Entry, error) {
	var old cramp.Entry
	err := s.update(func(tx *bolt.Tx) error {
		var err error
		if old, err = getCramp(tx, id); err != nil {
			return err
		}
		bs, err := buckets(tx, bucketCrampsTime, bucketCrampsUID, bucketCramps)
		if err != nil {
			return err
		}
		if err := bs[0].Delete(timeKey(old.At, old.ID)); err != nil {
			return err
		}
		if err := bs[1].Delete([]byte(old.UID)); err != nil {
			return err
		}
		return bs[2].Delete(itob(id))
	})
	if err != nil {
		return cramp.Entry{}, fmt.Errorf("store: delete cramp: %w", err)
	}
	return old, nil
}

// RestoreCramp puts back a deleted cramp under its old ID (undo). It fails
// with ErrExists if that ID is taken.
func (s *Store) RestoreCramp(e cramp.Entry) error {
	err := s.update(func(tx *bolt.Tx) error {
		bs, err := buckets(tx, bucketCramps, bucketCrampsUID)
		if err != nil {
			return err
		}
		if e.ID == 0 || bs[0].Get(itob(e.ID)) != nil {
			return fmt.Errorf("cramp %d: %w", e.ID, ErrExists)
		}
		if e.UID == "" || bs[1].Get([]byte(e.UID)) != nil {
			e.UID = rand.Text()
		}
		return putCramp(tx, e)
	})
	if err != nil {
		return fmt.Errorf("store: restore cramp: %w", err)
	}
	return nil
}

func getCramp(tx *bolt.Tx, id uint64) (cramp.Entry, error) {
	var e cramp.Entry
	b, err := bucket(tx, bucketCramps)
	if err != nil {
		return e, err
	}
	v := b.Get(itob(id))
	if v == nil {
		return e, fmt.Errorf("cramp %d: %w", id, ErrNotFound)
	}
	err = json.Unmarshal(v, &e) // Unmarshal copies, so nothing escapes the tx
	return e, err
}

// Cramps returns the cramps with since <= At < until, newest first. A zero
// until means no upper bound.
func (s *Store) Cramps(since, until time.Time) ([]cramp.Entry, error) {
	var out []cramp.Entry
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		out, err = cramps(tx, since, until)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: list cramps: %w", err)
	}
	return out, nil
}

func cramps(tx *bolt.Tx, since, until time.Time) ([]cramp.Entry, error) {
	var out []cramp.Entry
	bs, err := buckets(tx, bucketCramps, bucketCrampsTime)
	if err != nil {
		return nil, err
	}
	data := bs[0]
	err = scanTime(bs[1], since, until, func(_, id []byte) error {
		v := data.Get(id)
		if v == nil {
			return fmt.Errorf("time index points at missing cramp %d", btoi(id))
		}
		var e cramp.Entry
		if err := json.Unmarshal(v, &e); err != nil {
			return fmt.Errorf("cramp %d: %w", btoi(id), err)
		}
		out = append(out, e)
		return nil
	})
	return out, err
}

// AddGlass stores a glass of water.
func (s *Store) AddGlass(at time.Time) (water.Glass, error) {
	var g water.Glass
	err := s.update(func(tx *bolt.Tx) error {
		b, err := bucket(tx, bucketGlasses)
		if err != nil {
			return err
		}
		seq, err := b.NextSequence()
		if err != nil {
			return err
		}
		g = water.Glass{ID: seq, At: at}
		// Glasses carry nothing but a time, so the key is the time itself
		// (plus the sequence, for two glasses in one nanosecond).
		return b.Put(timeKey(at, seq), itob(seq))
	})
	if err != nil {
		return water.Glass{}, fmt.Errorf("store: add glass: %w", err)
	}
	return g, nil
}

// Glasses returns the glasses with since <= At < until, newest first.
func (s *Store) Glasses(since, until time.Time) ([]water.Glass, error) {
	var out []water.Glass
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		out, err = glasses(tx, since, until)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: list glasses: %w", err)
	}
	return out, nil
}

func glasses(tx *bolt.Tx, since, until time.Time) ([]water.Glass, error) {
	var out []water.Glass
	b, err := bucket(tx, bucketGlasses)
	if err != nil {
		return nil, err
	}
	err = scanTime(b, since, until, func(k, v []byte) error {
		out = append(out, water.Glass{ID: btoi(v), At: keyTime(k)})
		return nil
	})
	return out, err
}

// First returns the time of the oldest cramp, glass or stretch: when the
// diary began. Zero when it is empty.
func (s *Store) First() (time.Time, error) {
	var first time.Time
	err := s.view(func(tx *bolt.Tx) error {
		bs, err := buckets(tx, bucketCrampsTime, bucketGlasses, bucketStretches)
		if err != nil {
			return err
		}
		for _, b := range bs {
			if k, _ := b.Cursor().First(); k != nil {
				if t := keyTime(k); first.IsZero() || t.Before(first) {
					first = t
				}
			}
		}
		return nil
	})
	if err != nil {
		return time.Time{}, fmt.Errorf("store: first record: %w", err)
	}
	return first, nil
}

// Settings returns every stored setting (not the defaults).
func (s *Store) Settings() (map[string]string, error) {
	var m map[string]string
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		m, err = storedSettings(tx)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: settings: %w", err)
	}
	return m, nil
}

func storedSettings(tx *bolt.Tx) (map[string]string, error) {
	m := map[string]string{}
	b, err := bucket(tx, bucketSettings)
	if err != nil {
		return nil, err
	}
	err = b.ForEach(func(k, v []byte) error {
		m[string(k)] = string(v) // string() copies out of the mmap
		return nil
	})
	return m, err
}

// SetSetting stores one setting's value; the caller has validated it.
func (s *Store) SetSetting(key, value string) error {
	err := s.update(func(tx *bolt.Tx) error {
		b, err := bucket(tx, bucketSettings)
		if err != nil {
			return err
		}
		return b.Put([]byte(key), []byte(value))
	})
	if err != nil {
		return fmt.Errorf("store: set %s: %w", key, err)
	}
	return nil
}

// AddStretch stores an evening stretch session and returns it with its ID.
func (s *Store) AddStretch(st stretch.Session) (stretch.Session, error) {
	err := s.update(func(tx *bolt.Tx) error {
		b, err := bucket(tx, bucketStretches)
		if err != nil {
			return err
		}
		id, err := b.NextSequence()
		if err != nil {
			return err
		}
		st.ID, st.UID = id, rand.Text()
		return putStretch(tx, st)
	})
	if err != nil {
		return stretch.Session{}, fmt.Errorf("store: add stretch: %w", err)
	}
	return st, nil
}

// Stretches returns the sessions that started in [since, until), newest
// first; a zero until means no upper bound.
func (s *Store) Stretches(since, until time.Time) ([]stretch.Session, error) {
	var out []stretch.Session
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		out, err = stretches(tx, since, until)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: list stretches: %w", err)
	}
	return out, nil
}

func stretches(tx *bolt.Tx, since, until time.Time) ([]stretch.Session, error) {
	var out []stretch.Session
	b, err := bucket(tx, bucketStretches)
	if err != nil {
		return nil, err
	}
	err = scanTime(b, since, until, func(_, v []byte) error {
		var st stretch.Session
		if err := json.Unmarshal(v, &st); err != nil {
			return err
		}
		out = append(out, st)
		return nil
	})
	return out, err
}

// State reads a piece of the agent's own bookkeeping (what reminders it has
// sent, say) into v; ErrNotFound if none was saved.
func (s *Store) State(key string, v any) error {
	err := s.view(func(tx *bolt.Tx) error {
		b, err := bucket(tx, bucketState)
		if err != nil {
			return err
		}
		raw := b.Get([]byte(key))
		if raw == nil {
			return fmt.Errorf("state %s: %w", key, ErrNotFound)
		}
		return json.Unmarshal(raw, v)
	})
	if err != nil {
		return fmt.Errorf("store: %w", err)
	}
	return nil
}

// SetState saves a piece of the agent's bookkeeping.
func (s *Store) SetState(key string, v any) error {
	raw, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("store: state %s: %w", key, err)
	}
	err = s.update(func(tx *bolt.Tx) error {
		b, err := bucket(tx, bucketState)
		if err != nil {
			return err
		}
		return b.Put([]byte(key), raw)
	})
	if err != nil {
		return fmt.Errorf("store: state %s: %w", key, err)
	}
	return nil
}

// Import adds what f holds and the store does not, in one transaction: on
// any error nothing is written. A cramp or stretch is known by its UID, or
// in a file without UIDs (version 1) by its exact instant; importing a file
// twice adds nothing the second time. Imported ones get new IDs here.
func (s *Store) Import(f export.File) (export.Summary, error) {
	return s.ImportChecked(f, nil)
}

// ImportChecked is Import, with check called on the whole diary as it
// would be after the import, before anything is kept: an error from it
// undoes the import and is returned. The service checks that the diary
// still exports to one file that import takes back.
func (s *Store) ImportChecked(f export.File, check func(after export.File) error) (export.Summary, error) {
	var sum export.Summary
	// Oldest first, for speed: see importGlasses. Sorted copies, so the
	// caller's file is left as it was.
	f.Cramps = slices.SortedStableFunc(slices.Values(f.Cramps), func(a, b cramp.Entry) int { return a.At.Compare(b.At) })
	f.Stretches = slices.SortedStableFunc(slices.Values(f.Stretches), func(a, b stretch.Session) int { return a.Start.Compare(b.Start) })
	err := s.update(func(tx *bolt.Tx) error {
		bs, err := buckets(tx, bucketCramps, bucketCrampsTime, bucketCrampsUID, bucketGlasses,
			bucketStretches, bucketStretchesUID, bucketSettings)
		if err != nil {
			return err
		}
		crampsData, crampsTime, crampsUID, gl, stretchesData, stretchesUID, settingsData := bs[0], bs[1], bs[2], bs[3], bs[4], bs[5], bs[6]
		// The UID indexes are written last, in UID order, for the same
		// reason; until then seen knows the UIDs this import added.
		seen := map[string]bool{}
		var crampUIDs, stretchUIDs []indexEntry
		for _, e := range f.Cramps {
			// A record is known by its UID; one from a file without UIDs
			// (version 1) by its exact time, as that version did.
			if e.UID == "" {
				if hasTime(crampsTime, e.At) {
					sum.Skipped++
					continue
				}
				e.UID = legacyUID("cramp", e.At)
			}
			if seen[e.UID] || crampsUID.Get([]byte(e.UID)) != nil {
				sum.Skipped++
				continue
			}
			id, err := crampsData.NextSequence()
			if err != nil {
				return err
			}
			e.ID = id
			if err := putCrampRecord(tx, e); err != nil {
				return err
			}
			seen[e.UID] = true
			crampUIDs = append(crampUIDs, indexEntry{e.UID, itob(id)})
			sum.Cramps++
		}
		if err := putIndex(crampsUID, crampUIDs); err != nil {
			return err
		}
		if err := importGlasses(gl, f.Glasses, &sum); err != nil {
			return err
		}
		clear(seen)
		for _, st := range f.Stretches {
			if st.UID == "" {
				if hasTime(stretchesData, st.Start) {
					sum.Skipped++
					continue
				}
				st.UID = legacyUID("stretch", st.Start)
			}
			if seen[st.UID] || stretchesUID.Get([]byte(st.UID)) != nil {
				sum.Skipped++
				continue
			}
			id, err := stretchesData.NextSequence()
			if err != nil {
				return err
			}
			st.ID = id
			k, err := putStretchRecord(tx, st)
			if err != nil {
				return err
			}
			seen[st.UID] = true
			stretchUIDs = append(stretchUIDs, indexEntry{st.UID, k})
			sum.Stretches++
		}
		if err := putIndex(stretchesUID, stretchUIDs); err != nil {
			return err
		}
		for k, v := range f.Settings {
			if err := settingsData.Put([]byte(k), []byte(v)); err != nil {
				return err
			}
			sum.Settings++
		}
		if check == nil {
			return nil
		}
		var after export.File
		if after.Cramps, err = cramps(tx, time.Time{}, time.Time{}); err != nil {
			return err
		}
		if after.Glasses, err = glasses(tx, time.Time{}, time.Time{}); err != nil {
			return err
		}
		if after.Stretches, err = stretches(tx, time.Time{}, time.Time{}); err != nil {
			return err
		}
		if after.Settings, err = storedSettings(tx); err != nil {
			return err
		}
		return check(after)
	})
	if err != nil {
		return export.Summary{}, fmt.Errorf("store: import: %w", err)
	}
	return sum, nil
}

// importGlasses adds the glasses of a file. A glass is nothing but its
// time, so its time is its identity, counted: a file with two glasses at
// one instant (two typed as --at 10:00) adds as many as the store lacks
// there, so that importing a file twice adds nothing, and importing it
// into an empty diary loses neither glass.
func importGlasses(gl *bolt.Bucket, list []water.Glass, sum *export.Summary) error {
	want := map[int64]int{}
	var order []water.Glass
	for _, g := range list {
		ns := g.At.UnixNano()
		if want[ns] == 0 {
			order = append(order, g)
		}
		want[ns]++
	}
	// Oldest first: bbolt splits pages only at commit, so within one
	// transaction every key goes into one growing node, and a key put
	// before all the others moves them all (an export lists the newest
	// first). In time order each lands at the end: 1.2 million glasses
	// in seconds rather than hours.
	slices.SortFunc(order, func(a, b water.Glass) int { return a.At.Compare(b.At) })
	for _, g := range order {
		n := want[g.At.UnixNano()]
		have := countTime(gl, g.At)
		for range n - have {
			id, err := gl.NextSequence()
			if err != nil {
				return err
			}
			if err := gl.Put(timeKey(g.At, id), itob(id)); err != nil {
				return err
			}
			sum.Glasses++
		}
		sum.Skipped += min(n, have)
	}
	return nil
}

// countTime counts the records at t in a bucket keyed by timeKey.
func countTime(b *bolt.Bucket, t time.Time) int {
	prefix := timeKey(t, 0)[:8]
	n := 0
	c := b.Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		n++
	}
	return n
}

// hasTime reports whether a bucket keyed by timeKey holds a record at t.
func hasTime(b *bolt.Bucket, t time.Time) bool {
	k, _ := b.Cursor().Seek(timeKey(t, 0))
	return k != nil && string(k[:8]) == string(timeKey(t, 0)[:8])
}

// putCramp writes a cramp and its two index entries. e.UID must be set.
func putCramp(tx *bolt.Tx, e cramp.Entry) error {
	if err := putCrampRecord(tx, e); err != nil {
		return err
	}
	b, err := bucket(tx, bucketCrampsUID)
	if err != nil {
		return err
	}
	return b.Put([]byte(e.UID), itob(e.ID))
}

// putCrampRecord writes a cramp and its time index entry, not its UID
// index entry.
func putCrampRecord(tx *bolt.Tx, e cramp.Entry) error {
	if e.UID == "" {
		return fmt.Errorf("cramp %d has no UID", e.ID)
	}
	v, err := json.Marshal(e)
	if err != nil {
		return err
	}
	bs, err := buckets(tx, bucketCramps, bucketCrampsTime)
	if err != nil {
		return err
	}
	if err := bs[0].Put(itob(e.ID), v); err != nil {
		return err
	}
	return bs[1].Put(timeKey(e.At, e.ID), itob(e.ID))
}

// putStretch writes a session and its UID index entry. st.UID must be set.
func putStretch(tx *bolt.Tx, st stretch.Session) error {
	k, err := putStretchRecord(tx, st)
	if err != nil {
		return err
	}
	b, err := bucket(tx, bucketStretchesUID)
	if err != nil {
		return err
	}
	return b.Put([]byte(st.UID), k)
}

// putStretchRecord writes a session, not its UID index entry, and
// returns its key.
func putStretchRecord(tx *bolt.Tx, st stretch.Session) ([]byte, error) {
	if st.UID == "" {
		return nil, fmt.Errorf("stretch %d has no UID", st.ID)
	}
	v, err := json.Marshal(st)
	if err != nil {
		return nil, err
	}
	// Keyed by start time: the streak and "done tonight" read the newest.
	k := timeKey(st.Start, st.ID)
	b, err := bucket(tx, bucketStretches)
	if err != nil {
		return nil, err
	}
	return k, b.Put(k, v)
}

// indexEntry is one UID index entry an import writes.
type indexEntry struct {
	uid string
	val []byte
}

// putIndex writes index entries in key order: bbolt splits pages only at
// commit, so in one transaction a key put before many others moves them
// all, and UIDs are random.
func putIndex(b *bolt.Bucket, entries []indexEntry) error {
	slices.SortFunc(entries, func(a, b indexEntry) int { return strings.Compare(a.uid, b.uid) })
	for _, e := range entries {
		if err := b.Put([]byte(e.uid), e.val); err != nil {
			return err
		}
	}
	return nil
}

// legacyUID names a record made before records had UIDs (schema 3 and
// before, or an export of version 1): derived from its kind and time, so
// that every copy of that record, migrated or imported anywhere, gets the
// same one.
func legacyUID(kind string, at time.Time) string {
	sum := sha256.Sum256([]byte(kind + "@" + strconv.FormatInt(at.UnixNano(), 10)))
	return "legacy-" + hex.EncodeToString(sum[:12])
}

// scanTime walks a bucket keyed by timeKey from until back to since, newest
// first, calling each with every key and value.
func scanTime(b *bolt.Bucket, since, until time.Time, each func(k, v []byte) error) error {
	c := b.Cursor()
	var k, v []byte
	if until.IsZero() {
		k, v = c.Last()
	} else {
		// Seek lands on the first key >= until; the range is half-open,
		// so start one before it (or at the end when nothing is >= until).
		if k, _ = c.Seek(timeKey(until, 0)); k == nil {
			k, v = c.Last()
		} else {
			k, v = c.Prev()
		}
	}
	lo := timeKey(since, 0)
	for ; k != nil; k, v = c.Prev() {
		if !since.IsZero() && string(k) < string(lo) {
			break
		}
		if err := each(k, v); err != nil {
			return err
		}
	}
	return nil
}

// itob encodes an ID big-endian so that byte order is numeric order.
func itob(v uint64) []byte {
	b := make([]byte, 8)
	binary.BigEndian.PutUint64(b, v)
	return b
}

func btoi(b []byte) uint64 {
	if len(b) < 8 {
		return 0
	}
	return binary.BigEndian.Uint64(b)
}

// timeKey sorts by time, then ID. The time is offset so that moments before
// 1970 still sort correctly as unsigned big-endian bytes.
func timeKey(t time.Time, id uint64) []byte {
	b := make([]byte, 16)
	binary.BigEndian.PutUint64(b, uint64(t.UnixNano())^(1<<63))
	binary.BigEndian.PutUint64(b[8:], id)
	return b
}

func keyTime(k []byte) time.Time {
	return time.Unix(0, int64(binary.BigEndian.Uint64(k)^(1<<63)))
}
