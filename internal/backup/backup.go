// Package backup keeps copies of the diary and brings one back when the
// database file is damaged. A health diary that loses a year of nights
// because a disk hiccuped is uninstalled, so the agent writes a consistent
// copy once a day (and the store one before every migration), keeps the
// last Keep daily copies, and at start-up restores the newest copy that
// checks out when the file does not. The damaged file is moved aside,
// never deleted: it is the user's, and may still be rescued by hand.
package backup

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/crampcare/crampcare/internal/store"
)

// Keep is how many daily copies are kept: a week to notice a problem.
const Keep = 7

// Dir is the backups folder inside a data folder.
func Dir(dataDir string) string { return filepath.Join(dataDir, "backups") }

// dailyName is the file of the daily copy made on day.
func dailyName(day time.Time) string { return "crampcare-" + day.Format("2006-01-02") + ".db" }

// Info is one backup file.
type Info struct {
	Path string    `json:"path"`
	Made time.Time `json:"made"`
	// Daily is false for the copies the store makes before a migration.
	Daily bool  `json:"daily"`
	Size  int64 `json:"size"`
}

// List returns the backups in dir, newest first. A missing folder is an
// empty list.
func List(dir string) ([]Info, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []Info
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasPrefix(name, "crampcare-") || !strings.HasSuffix(name, ".db") {
			continue
		}
		fi, err := e.Info()
		if err != nil {
			continue
		}
		out = append(out, Info{Path: filepath.Join(dir, name), Made: fi.ModTime(), Size: fi.Size(),
			Daily: !strings.HasPrefix(name, "crampcare-pre-")})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Made.After(out[j].Made) })
	return out, nil
}

// Daily writes today's copy of s into dir unless there is one, then keeps
// only the newest Keep daily copies. It returns the path written, or "".
func Daily(s *store.Store, dir string, now time.Time) (string, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("backup: %w", err)
	}
	path := filepath.Join(dir, dailyName(now))
	if _, err := os.Stat(path); err == nil {
		return "", nil
	}
	if err := s.WriteBackup(path); err != nil {
		return "", err
	}
	// Dated by the injected clock, which List sorts by.
	if err := os.Chtimes(path, now, now); err != nil {
		return path, fmt.Errorf("backup: %w", err)
	}
	list, err := List(dir)
	if err != nil {
		return path, err
	}
	kept := 0
	for _, b := range list {
		if !b.Daily {
			continue
		}
		if kept++; kept > Keep {
			if err := os.Remove(b.Path); err != nil {
				return path, fmt.Errorf("backup: prune: %w", err)
			}
		}
	}
	return path, nil
}

// Recovery says what Restore did.
type Recovery struct {
	// DamagedAs is where the damaged file was moved.
	DamagedAs string `json:"damaged_as"`
	// From is the backup restored; nil when none was usable and the diary
	// starts empty.
	From *Info `json:"from,omitempty"`
}

// Message tells the user, in plain words, what happened.
func (r Recovery) Message() string {
	if r.From == nil {
		return "CrampCare's data file was damaged and no usable backup was found, so your diary starts empty. " +
			"The damaged file was kept as " + r.DamagedAs + "."
	}
	return fmt.Sprintf("CrampCare's data file was damaged. Your diary was restored from the backup of %s; "+
		"anything logged after that is missing. The damaged file was kept as %s.",
		r.From.Made.Format("Monday 2 January 15:04"), r.DamagedAs)
}

// Restore moves the damaged database at dbPath aside and puts the newest
// backup from dir that opens and checks out in its place. With no usable
// backup, no file is put there, and the store starts empty on next open.
func Restore(dbPath, dir string, now time.Time) (Recovery, error) {
	rec := Recovery{DamagedAs: dbPath + ".damaged-" + now.Format("20060102-150405")}
	if err := os.Rename(dbPath, rec.DamagedAs); err != nil && !errors.Is(err, os.ErrNotExist) {
		return Recovery{}, fmt.Errorf("backup: move the damaged file aside: %w", err)
	}
	list, err := List(dir)
	if err != nil {
		return rec, nil // nothing to restore from: start empty, say so
	}
	for _, b := range list {
		if err := restoreOne(b.Path, dbPath); err != nil {
			continue
		}
		b := b
		rec.From = &b
		break
	}
	return rec, nil
}

// restoreOne copies a backup into place if it opens and passes the check.
func restoreOne(from, dbPath string) error {
	tmp := dbPath + ".restoring"
	if err := copyFile(from, tmp); err != nil {
		return err
	}
	s, err := store.Open(tmp, store.Options{Verify: true})
	if err != nil {
		os.Remove(tmp)
		return err
	}
	s.Close()
	if err := os.Rename(tmp, dbPath); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	_, err = io.Copy(out, in)
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	return err
}

// Health is what `crampcare doctor` reports.
type Health struct {
	Store   string       `json:"store"`
	Size    int64        `json:"size"`
	Schema  int          `json:"schema"`
	Problem string       `json:"problem,omitempty"` // empty when the store checks out
	Counts  store.Counts `json:"counts"`
	Backups []Info       `json:"backups"`
	// BadBackups names backups that do not open or check out.
	BadBackups []string `json:"bad_backups,omitempty"`
	// Damaged lists files moved aside by an earlier restore.
	Damaged []string `json:"damaged,omitempty"`
}

// Check looks at an open store and its backups.
func Check(s *store.Store, dir string) Health {
	h := Health{Store: s.Path()}
	if fi, err := os.Stat(s.Path()); err == nil {
		h.Size = fi.Size()
	}
	h.Schema, _ = s.SchemaVersion()
	if err := s.Check(); err != nil {
		h.Problem = err.Error()
	}
	h.Counts, _ = s.Count()
	h.Backups, _ = List(dir)
	for _, b := range h.Backups {
		if err := verifyCopy(b.Path); err != nil {
			h.BadBackups = append(h.BadBackups, b.Path)
		}
	}
	h.Damaged, _ = filepath.Glob(s.Path() + ".damaged-*")
	return h
}

// Inspect is Check for a store that is not open (no agent runs): a file
// that does not open is reported as the problem, with the backups that
// would restore it.
func Inspect(dbPath, dir string) Health {
	s, err := store.Open(dbPath, store.Options{Verify: true, Timeout: 2 * time.Second})
	if err == nil {
		defer s.Close()
		return Check(s, dir)
	}
	h := Health{Store: dbPath, Problem: err.Error()}
	if fi, err := os.Stat(dbPath); err == nil {
		h.Size = fi.Size()
	}
	h.Backups, _ = List(dir)
	for _, b := range h.Backups {
		if err := verifyCopy(b.Path); err != nil {
			h.BadBackups = append(h.BadBackups, b.Path)
		}
	}
	h.Damaged, _ = filepath.Glob(dbPath + ".damaged-*")
	return h
}

// verifyCopy checks a backup without touching it: a migration on open
// would change it, so the check runs on a copy.
func verifyCopy(path string) error {
	tmp, err := os.MkdirTemp("", "crampcare-check-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	c := filepath.Join(tmp, store.FileName)
	if err := copyFile(path, c); err != nil {
		return err
	}
	s, err := store.Open(c, store.Options{Verify: true})
	if err != nil {
		return err
	}
	return s.Close()
}
