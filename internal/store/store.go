// Package store keeps the user's diary in one bbolt file. Only the agent
// writes it while the agent runs; the CLI opens it directly only when no agent
// does, and bbolt's file lock (with a timeout, never a hang) keeps it that way.
package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	bolt "go.etcd.io/bbolt"
	boltErrors "go.etcd.io/bbolt/errors"

	"github.com/crampcare/crampcare/internal/diary"
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
