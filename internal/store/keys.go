package store

// Keys: times as big-endian nanoseconds, so bbolt's order is time order.

import (
	"encoding/binary"
	"time"

	bolt "go.etcd.io/bbolt"
)

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
