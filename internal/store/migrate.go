package store

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/crampcare/crampcare/internal/cramp"
	"github.com/crampcare/crampcare/internal/stretch"
)

// SchemaVersion is the schema this build writes.
const SchemaVersion = 4

// migrations[i] takes a file from schema i to i+1. Each runs in the same
// transaction as the version bump, so a crash mid-migration leaves the old
// version intact.
func migrations() []func(tx *bolt.Tx) error {
	return []func(tx *bolt.Tx) error{
		// 0 -> 1: a new file: create the buckets of the first release.
		func(tx *bolt.Tx) error {
			for _, b := range [][]byte{bucketCramps, bucketGlasses, bucketSettings} {
				if _, err := tx.CreateBucketIfNotExists(b); err != nil {
					return err
				}
			}
			return nil
		},
		// 1 -> 2: index cramps by time, so that "since" queries and the
		// newest-first history read a range instead of every record.
		func(tx *bolt.Tx) error {
			idx, err := tx.CreateBucketIfNotExists(bucketCrampsTime)
			if err != nil {
				return err
			}
			cramps, err := bucket(tx, bucketCramps)
			if err != nil {
				return err
			}
			return cramps.ForEach(func(k, v []byte) error {
				var e cramp.Entry
				if err := json.Unmarshal(v, &e); err != nil {
					return fmt.Errorf("cramp %d: %w", btoi(k), err)
				}
				return idx.Put(timeKey(e.At, e.ID), itob(e.ID))
			})
		},
		// 2 -> 3: evening stretch sessions, and the agent's bookkeeping
		// (which reminders it sent) so a restart does not repeat them.
		func(tx *bolt.Tx) error {
			for _, b := range [][]byte{bucketStretches, bucketState} {
				if _, err := tx.CreateBucketIfNotExists(b); err != nil {
					return err
				}
			}
			return nil
		},
		// 3 -> 4: a UID on every cramp and stretch, indexed, so imports
		// recognise records across copies of the diary. Records made
		// before get one derived from their time: the same in every copy.
		func(tx *bolt.Tx) error {
			for _, b := range [][]byte{bucketCrampsUID, bucketStretchesUID} {
				if _, err := tx.CreateBucketIfNotExists(b); err != nil {
					return err
				}
			}
			bs, err := buckets(tx, bucketCramps, bucketStretches)
			if err != nil {
				return err
			}
			var cramps []cramp.Entry
			if err := bs[0].ForEach(func(k, v []byte) error {
				var e cramp.Entry
				if err := json.Unmarshal(v, &e); err != nil {
					return fmt.Errorf("cramp %d: %w", btoi(k), err)
				}
				cramps = append(cramps, e)
				return nil
			}); err != nil {
				return err
			}
			// Written after the walk: bbolt forbids changing a bucket
			// while ForEach runs over it.
			for _, e := range cramps {
				if e.UID == "" {
					e.UID = legacyUID("cramp", e.At)
				}
				if err := putCramp(tx, e); err != nil {
					return err
				}
			}
			var sessions []stretch.Session
			if err := bs[1].ForEach(func(k, v []byte) error {
				var st stretch.Session
				if err := json.Unmarshal(v, &st); err != nil {
					return fmt.Errorf("stretch %x: %w", k, err)
				}
				sessions = append(sessions, st)
				return nil
			}); err != nil {
				return err
			}
			for _, st := range sessions {
				if st.UID == "" {
					st.UID = legacyUID("stretch", st.Start)
				}
				if err := putStretch(tx, st); err != nil {
					return err
				}
			}
			return nil
		},
	}
}

// bucketsOf lists the buckets each schema version has.
func bucketsOf(version int) [][]byte {
	all := [][]byte{bucketMeta, bucketCramps, bucketGlasses, bucketSettings}
	if version >= 2 {
		all = append(all, bucketCrampsTime)
	}
	if version >= 3 {
		all = append(all, bucketStretches, bucketState)
	}
	if version >= 4 {
		all = append(all, bucketCrampsUID, bucketStretchesUID)
	}
	return all
}

// maxSchema bounds the schema numbers taken as real: a larger one is a
// spoilt mark, not a CrampCare from the far future.
const maxSchema = 1 << 16

// structure reads the file's schema mark and checks that every bucket of
// that schema is there: what bbolt's page check cannot know. A file with
// no bucket at all is new (schema 0). Otherwise the mark must be there
// and sound, and each bucket its schema has: a file missing one would
// trip every read of it. ErrDamaged if not; ErrNewerSchema, with the
// schema, for a file written by a newer CrampCare (whose buckets this one
// cannot know).
func structure(tx *bolt.Tx) (int, error) {
	meta := tx.Bucket(bucketMeta)
	if meta == nil {
		empty := true
		_ = tx.ForEach(func([]byte, *bolt.Bucket) error {
			empty = false
			return errStop
		})
		if empty {
			return 0, nil
		}
		return 0, fmt.Errorf("%w: the meta bucket (the schema mark) is missing", ErrDamaged)
	}
	raw := meta.Get(keySchema)
	if len(raw) != 8 {
		return 0, fmt.Errorf("%w: the schema mark is unreadable", ErrDamaged)
	}
	v := binary.BigEndian.Uint64(raw)
	switch {
	case v == 0 || v > maxSchema:
		return 0, fmt.Errorf("%w: the schema mark says %d", ErrDamaged, v)
	case v > SchemaVersion:
		return int(v), fmt.Errorf("schema %d, this build knows %d: %w", v, SchemaVersion, ErrNewerSchema)
	}
	for _, b := range bucketsOf(int(v)) {
		if tx.Bucket(b) == nil {
			return int(v), fmt.Errorf("%w: the %s bucket is missing (schema %d)", ErrDamaged, b, v)
		}
	}
	return int(v), nil
}

// errStop ends a ForEach early.
var errStop = errors.New("stop")

func schemaOf(tx *bolt.Tx) int {
	m := tx.Bucket(bucketMeta)
	if m == nil {
		return 0
	}
	v := m.Get(keySchema)
	if len(v) != 8 {
		return 0
	}
	return int(binary.BigEndian.Uint64(v))
}

// migrate brings the file to SchemaVersion: buckets are made here, once at
// open. A file that claims a schema but lacks one of its buckets is
// refused here as damaged, so later transactions find every bucket (and
// say ErrDamaged, through bucket, should one still be gone).
func (s *Store) migrate(backupDir string) error {
	return s.migrateTo(SchemaVersion, backupDir)
}

func (s *Store) migrateTo(target int, backupDir string) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("store: %w: %v", ErrDamaged, r)
		}
	}()
	// A damaged or newer file is neither copied nor changed.
	var from int
	if err := s.view(func(tx *bolt.Tx) error {
		var err error
		from, err = structure(tx)
		return err
	}); err != nil {
		return fmt.Errorf("store: %w", err)
	}
	// A copy first, of a file that has data and is about to change shape:
	// if the new code is wrong, the old diary is still there.
	if backupDir != "" {
		if from > 0 && from < target {
			if err := os.MkdirAll(backupDir, 0o700); err != nil {
				return fmt.Errorf("store: backup folder: %w", err)
			}
			name := fmt.Sprintf("crampcare-pre-schema%d-%s.db", target, time.Now().Format("2006-01-02T150405"))
			if err := s.WriteBackup(filepath.Join(backupDir, name)); err != nil {
				return err
			}
		}
	}
	// A file already at the target is not written to at all: opening must
	// work on a full disk or a read-only one, and an empty commit writes.
	if from == target {
		return nil
	}
	err = s.update(func(tx *bolt.Tx) error {
		meta, err := tx.CreateBucketIfNotExists(bucketMeta)
		if err != nil {
			return err
		}
		from := schemaOf(tx)
		if from > SchemaVersion {
			return fmt.Errorf("schema %d, this build knows %d: %w", from, SchemaVersion, ErrNewerSchema)
		}
		steps := migrations()
		for v := from; v < target; v++ {
			if err := steps[v](tx); err != nil {
				return fmt.Errorf("migrate schema %d to %d: %w", v, v+1, err)
			}
		}
		if from == target {
			return nil
		}
		return meta.Put(keySchema, itob(uint64(target)))
	})
	if err != nil {
		return fmt.Errorf("store: %w", err)
	}
	return nil
}
