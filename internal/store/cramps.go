package store

// The cramps: a record per cramp by ID, with indexes by time and by UID.

import (
	"crypto/rand"
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/crampcare/crampcare/internal/cramp"
)

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
