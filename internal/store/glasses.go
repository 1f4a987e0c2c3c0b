package store

// The glasses of water: a glass is its time, keyed by it.

import (
	"bytes"
	"fmt"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/crampcare/crampcare/internal/export"
	"github.com/crampcare/crampcare/internal/water"
)

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
