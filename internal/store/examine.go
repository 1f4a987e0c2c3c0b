package store

import (
	"errors"
	"fmt"
	"os"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Summary is what Examine finds in a database file.
type Summary struct {
	// Schema is the file's schema (also for a newer one); 0 for a file
	// not read that far.
	Schema int
	Counts Counts
}

// Examine looks at the database file at path and changes nothing, for
// `crampcare doctor` and for judging backups: the file is opened
// read-only (never created, migrated or written; an older schema is
// fine), every page and bucket is checked, and its records are counted.
// The error says what is wrong: fs.ErrNotExist, ErrEmpty, ErrDamaged,
// ErrNewerSchema (with Summary.Schema set), ErrLocked, or the system's.
func Examine(path string, timeout time.Duration) (Summary, error) {
	var sum Summary
	if _, err := os.Stat(path); err != nil {
		return sum, fmt.Errorf("store: %w", err)
	}
	if timeout <= 0 {
		timeout = time.Second
	}
	db, err := openBolt(path, Options{ReadOnly: true, Timeout: timeout})
	if err != nil {
		return sum, err
	}
	s := &Store{db: db}
	defer s.Close()
	if err := s.Check(); err != nil {
		return sum, err
	}
	err = s.view(func(tx *bolt.Tx) error {
		var err error
		sum.Schema, err = structure(tx)
		if err != nil && !errors.Is(err, ErrNewerSchema) {
			return err
		}
		// Whatever buckets a newer schema has, these three are counted
		// if they are there.
		for _, k := range []struct {
			name []byte
			n    *int
		}{{bucketCramps, &sum.Counts.Cramps}, {bucketGlasses, &sum.Counts.Glasses}, {bucketStretches, &sum.Counts.Stretches}} {
			if b := tx.Bucket(k.name); b != nil {
				*k.n = b.Stats().KeyN
			}
		}
		return err
	})
	if err != nil {
		return sum, fmt.Errorf("store: %w", err)
	}
	return sum, nil
}
