package store

import (
	"encoding/binary"
	"encoding/json"
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
			return tx.Bucket(bucketCramps).ForEach(func(k, v []byte) error {
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
			var cramps []cramp.Entry
			if err := tx.Bucket(bucketCramps).ForEach(func(k, v []byte) error {
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
			if err := tx.Bucket(bucketStretches).ForEach(func(k, v []byte) error {
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

func hasBuckets(tx *bolt.Tx, version int) bool {
	for _, b := range bucketsOf(version) {
		if tx.Bucket(b) == nil {
			return false
		}
	}
	return true
}

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
// open, so no later transaction has to check for them.
func (s *Store) migrate(backupDir string) error {
	return s.migrateTo(SchemaVersion, backupDir)
}

func (s *Store) migrateTo(target int, backupDir string) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("store: %w: %v", ErrDamaged, r)
		}
	}()
	// A copy first, of a file that has data and is about to change shape:
	// if the new code is wrong, the old diary is still there.
	if backupDir != "" {
		var from int
		if err := s.db.View(func(tx *bolt.Tx) error { from = schemaOf(tx); return nil }); err != nil {
			return fmt.Errorf("store: %w", err)
		}
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
	current := false
	if err := s.db.View(func(tx *bolt.Tx) error {
		current = schemaOf(tx) == target && hasBuckets(tx, target)
		return nil
	}); err != nil {
		return fmt.Errorf("store: %w", err)
	}
	if current {
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
