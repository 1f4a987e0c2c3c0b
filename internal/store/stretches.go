package store

// The evening stretches, keyed by their start time, with a UID index.

import (
	"crypto/rand"
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/crampcare/crampcare/internal/stretch"
)

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
