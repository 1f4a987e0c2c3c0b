package store

// The settings the person changed, and the agent's own small state.

import (
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

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
