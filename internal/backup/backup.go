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
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/crampcare/crampcare/internal/diary"
	"github.com/crampcare/crampcare/internal/l10n"
	"github.com/crampcare/crampcare/internal/store"
)

// Keep is how many daily copies are kept: a week to notice a problem.
const Keep = 7

// Dir is the backups folder inside a data folder.
func Dir(dataDir string) string { return filepath.Join(dataDir, "backups") }

// dailyName is the file of the daily copy made on day.
func dailyName(day time.Time) string { return "crampcare-" + day.Format("2006-01-02") + ".db" }

// The domain's health report (see diary), under this package's names.
type (
	// Info is diary.BackupInfo.
	Info = diary.BackupInfo
	// Health is diary.Health.
	Health = diary.Health
)

// What Health.State can say about the data file (see diary).
const (
	StateSound      = diary.StateSound
	StateNoFolder   = diary.StateNoFolder
	StateNoFile     = diary.StateNoFile
	StateEmpty      = diary.StateEmpty
	StateDamaged    = diary.StateDamaged
	StateNewer      = diary.StateNewer
	StateInUse      = diary.StateInUse
	StateUnreadable = diary.StateUnreadable
)

// EmptyIsNew says whether an empty (0-byte) data file may be taken as a
// new diary (store.Options.NewIfEmpty): only when dir holds no backup it
// could be restored from. Otherwise the empty file is a diary lost, and is
// restored like a damaged one. The agent and the CLI judge it alike.
func EmptyIsNew(dir string) bool {
	list, _ := List(dir)
	return len(list) == 0
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

// Daily writes today's copy of s into dir unless there is one, then
// prunes the daily copies (see prune). An empty diary is not copied: a
// copy of nothing protects nothing, and a week of such copies would push
// out every copy that holds the diary (after a lost file was started
// afresh, say). It returns the path written, or "".
func Daily(s *store.Store, dir string, now time.Time) (string, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("backup: %w", err)
	}
	path := filepath.Join(dir, dailyName(now))
	if _, err := os.Stat(path); err == nil {
		return "", nil
	}
	c, err := s.Count()
	if err != nil {
		return "", fmt.Errorf("backup: %w", err)
	}
	if c.Total() == 0 {
		return "", nil
	}
	if err := s.WriteBackup(path); err != nil {
		return "", err
	}
	// Dated by the injected clock, which List sorts by.
	if err := os.Chtimes(path, now, now); err != nil {
		return path, fmt.Errorf("backup: %w", err)
	}
	return path, prune(dir)
}

// prune keeps the newest Keep daily copies and removes older ones, with
// one exception: the fullest older copy (most records) stays while it
// holds more than every one of the newest Keep. So when the diary shrinks,
// because the file was lost and started again or restored from an old
// copy, the week of smaller copies that follows never pushes out the best
// copy there is; once the diary holds as much again, that copy goes the
// usual way. At most Keep+1 daily copies are kept. A copy that does not
// check out counts as holding nothing. Copies made before a migration are
// not daily ones and are never removed.
func prune(dir string) error {
	list, err := List(dir)
	if err != nil {
		return err
	}
	var daily []Info
	for _, b := range list {
		if b.Daily {
			daily = append(daily, b)
		}
	}
	if len(daily) <= Keep {
		return nil
	}
	newest := -1
	for _, b := range daily[:Keep] {
		newest = max(newest, records(b.Path))
	}
	fullest, most := "", newest
	for _, b := range daily[Keep:] {
		if n := records(b.Path); n > most {
			fullest, most = b.Path, n
		}
	}
	for _, b := range daily[Keep:] {
		if b.Path == fullest {
			continue
		}
		if err := os.Remove(b.Path); err != nil {
			return fmt.Errorf("backup: prune: %w", err)
		}
	}
	return nil
}

// records is how many records the copy at path holds, or -1 if it does
// not check out.
func records(path string) int {
	sum, err := store.Examine(path, time.Second)
	if err != nil {
		return -1
	}
	return sum.Counts.Total()
}

// Recovery says what Restore did.
type Recovery struct {
	// DamagedAs is where the damaged file was moved.
	DamagedAs string `json:"damaged_as"`
	// Empty is true when that file held nothing at all (0 bytes).
	Empty bool `json:"empty,omitempty"`
	// From is the backup restored; nil when none was usable and the diary
	// starts empty.
	From *Info `json:"from,omitempty"`
}

// Message tells the user, in plain words, what happened.
func (r Recovery) Message() string { return r.MessageIn(l10n.English()) }

// MessageIn is Message in tr's language.
func (r Recovery) MessageIn(tr *l10n.Lang) string {
	args := l10n.Args{"File": r.DamagedAs}
	if r.From == nil {
		if r.Empty {
			return tr.T("CrampCare's data file was empty and no usable backup was found, so your diary starts empty. The empty file was kept as {{.File}}.", args)
		}
		return tr.T("CrampCare's data file was damaged and no usable backup was found, so your diary starts empty. The damaged file was kept as {{.File}}.", args)
	}
	args["When"] = tr.Date(r.From.Made, "Monday 2 January 15:04")
	if r.Empty {
		return tr.T("CrampCare's data file was empty. Your diary was restored from the backup of {{.When}}; anything logged after that is missing. The empty file was kept as {{.File}}.", args)
	}
	return tr.T("CrampCare's data file was damaged. Your diary was restored from the backup of {{.When}}; anything logged after that is missing. The damaged file was kept as {{.File}}.", args)
}

// Restore moves the damaged database at dbPath aside and puts in its
// place the newest backup from dir that opens and checks out and holds
// at least one record (else the newest that checks out at all: an empty
// copy is not the diary, if an older one has it). With no usable backup,
// no file is put there, and the store starts empty on next open.
func Restore(dbPath, dir string, now time.Time) (Recovery, error) {
	rec := Recovery{DamagedAs: dbPath + ".damaged-" + now.Format("20060102-150405")}
	if fi, err := os.Stat(dbPath); err == nil && fi.Size() == 0 {
		rec.Empty = true
	}
	if err := os.Rename(dbPath, rec.DamagedAs); err != nil && !errors.Is(err, os.ErrNotExist) {
		return Recovery{}, fmt.Errorf("backup: move the damaged file aside: %w", err)
	}
	list, err := List(dir)
	if err != nil {
		return rec, nil // nothing to restore from: start empty, say so
	}
	var emptyOnes []Info
	for _, b := range list {
		if records(b.Path) == 0 {
			emptyOnes = append(emptyOnes, b)
			continue
		}
		if restoreOne(b.Path, dbPath) == nil {
			rec.From = &b
			return rec, nil
		}
	}
	for _, b := range emptyOnes {
		if restoreOne(b.Path, dbPath) == nil {
			rec.From = &b
			return rec, nil
		}
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

// Check looks at an open store (the agent's) and its backups.
func Check(s *store.Store, dir string) Health {
	h := Health{Store: s.Path(), State: StateSound}
	if fi, err := os.Stat(s.Path()); err == nil {
		h.Size = fi.Size()
	}
	h.Schema, _ = s.SchemaVersion()
	if err := s.Check(); err != nil {
		h.State, h.Problem = StateDamaged, err.Error()
	}
	if c, err := s.Count(); err == nil {
		h.Counts = c
	} else if h.Problem == "" {
		h.State, h.Problem = StateDamaged, err.Error()
	}
	fillBackups(&h, dir)
	return h
}

// Inspect is Check for a store that is not open (no agent runs). It
// changes nothing and creates nothing, not even the folder: the file and
// the backups are only opened to read. What it finds is in State, with
// the backups that would restore the file.
func Inspect(dbPath, dir string) Health {
	h := Health{Store: dbPath, State: StateSound}
	if fi, err := os.Stat(filepath.Dir(dbPath)); err != nil || !fi.IsDir() {
		h.State, h.Problem = StateNoFolder, "there is no data folder "+filepath.Dir(dbPath)
		return h
	}
	if fi, err := os.Stat(dbPath); err == nil {
		h.Size = fi.Size()
	}
	sum, err := store.Examine(dbPath, 2*time.Second)
	h.Schema, h.Counts = sum.Schema, sum.Counts
	if err != nil {
		h.Problem = err.Error()
		switch {
		case errors.Is(err, fs.ErrNotExist):
			h.State = StateNoFile
		case errors.Is(err, store.ErrEmpty):
			h.State = StateEmpty
		case errors.Is(err, store.ErrDamaged):
			h.State = StateDamaged
		case errors.Is(err, store.ErrNewerSchema):
			h.State = StateNewer
		case errors.Is(err, store.ErrLocked):
			h.State = StateInUse
		default:
			h.State = StateUnreadable
		}
	}
	fillBackups(&h, dir)
	return h
}

// backups fills in the backups and what an earlier restore kept aside.
// A backup is good if it checks out and this CrampCare can read it (an
// older schema is fine: a restore brings it up to date).
func fillBackups(h *Health, dir string) {
	h.Backups, _ = List(dir)
	for _, b := range h.Backups {
		if _, err := store.Examine(b.Path, time.Second); err != nil {
			h.BadBackups = append(h.BadBackups, b.Path)
		}
	}
	h.Damaged, _ = filepath.Glob(h.Store + ".damaged-*")
}
