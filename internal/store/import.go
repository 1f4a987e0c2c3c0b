package store

// Import: an export merged into the diary, all or nothing.

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/crampcare/crampcare/internal/cramp"
	"github.com/crampcare/crampcare/internal/export"
	"github.com/crampcare/crampcare/internal/stretch"
)

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

// hasTime reports whether a bucket keyed by timeKey holds a record at t.
func hasTime(b *bolt.Bucket, t time.Time) bool {
	k, _ := b.Cursor().Seek(timeKey(t, 0))
	return k != nil && string(k[:8]) == string(timeKey(t, 0)[:8])
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
