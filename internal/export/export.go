// Package export writes the whole diary to a file the user owns (JSON with
// a format version, or CSV of the cramps for a spreadsheet) and reads such
// a file back for import. Reading validates everything first, so that an
// import either applies whole or not at all.
package export

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/crampcare/crampcare/internal/cramp"
	"github.com/crampcare/crampcare/internal/input"
	"github.com/crampcare/crampcare/internal/settings"
	"github.com/crampcare/crampcare/internal/stretch"
	"github.com/crampcare/crampcare/internal/water"
)

// Format names the file kind; Version is the one this build writes. It
// reads versions MinVersion to Version; a newer one is refused rather than
// half-understood. Version 2 added the records' UIDs.
const (
	Format     = "crampcare-export"
	Version    = 2
	MinVersion = 1
)

// MaxBytes bounds an import file: ten years of heavy use is far below it.
const MaxBytes = 64 << 20

// File is everything in the diary.
type File struct {
	Format     string            `json:"format"`
	Version    int               `json:"version"`
	ExportedAt time.Time         `json:"exported_at"`
	Cramps     []cramp.Entry     `json:"cramps"`
	Glasses    []water.Glass     `json:"glasses"`
	Stretches  []stretch.Session `json:"stretches"`
	Settings   map[string]string `json:"settings"`
}

// ErrFormat means the file is not a CrampCare export this build can read.
var ErrFormat = errors.New("not a CrampCare export this version can read")

// WriteJSON writes f, indented for people who look inside.
func WriteJSON(w io.Writer, f File) error {
	f.Format, f.Version = Format, Version
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(f)
}

// ReadJSON reads and validates an export at now. Any problem is reported
// with what and where, and nothing is returned to apply.
func ReadJSON(r io.Reader, now time.Time) (File, error) {
	raw, err := io.ReadAll(io.LimitReader(r, MaxBytes+1))
	if err != nil {
		return File{}, err
	}
	if len(raw) > MaxBytes {
		return File{}, input.Errorf("file", "is larger than %d MB", MaxBytes>>20)
	}
	var head struct {
		Format  string `json:"format"`
		Version int    `json:"version"`
	}
	if err := json.Unmarshal(raw, &head); err != nil {
		return File{}, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	if head.Format != Format {
		return File{}, fmt.Errorf("%w: format %q", ErrFormat, head.Format)
	}
	if head.Version < MinVersion || head.Version > Version {
		return File{}, fmt.Errorf("%w: it is version %d, this CrampCare reads versions %d to %d", ErrFormat, head.Version, MinVersion, Version)
	}
	var f File
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return File{}, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	for i, e := range f.Cramps {
		if err := e.Validate(now); err != nil {
			return File{}, fmt.Errorf("cramp %d of the file: %w", i+1, err)
		}
	}
	for i, g := range f.Glasses {
		if g.At.IsZero() || g.At.After(now.Add(time.Minute)) {
			return File{}, input.Errorf("glasses", "glass %d of the file has no time or one in the future", i+1)
		}
	}
	for i, s := range f.Stretches {
		if s.Start.IsZero() || s.End.Before(s.Start) || s.Start.After(now.Add(time.Minute)) {
			return File{}, input.Errorf("stretches", "stretch %d of the file has a bad time", i+1)
		}
	}
	for k, v := range f.Settings {
		norm, err := settings.Normalize(k, v)
		if err != nil {
			return File{}, fmt.Errorf("settings in the file: %w", err)
		}
		f.Settings[k] = norm
	}
	return f, nil
}

// WriteCSV writes the cramps, one row each, with a header row: for a
// spreadsheet or a doctor's office.
func WriteCSV(w io.Writer, cramps []cramp.Entry) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"id", "time", "leg", "muscle", "intensity", "duration_seconds", "helped", "triggers", "symptoms", "sleep_lost", "note", "uid"}); err != nil {
		return err
	}
	for _, e := range cramps {
		var helped []string
		for st, r := range e.Helped {
			helped = append(helped, string(st)+"="+string(r))
		}
		sort.Strings(helped)
		row := []string{
			strconv.FormatUint(e.ID, 10), e.At.Format(time.RFC3339), string(e.Leg), string(e.Muscle),
			optInt(e.Intensity), strconv.Itoa(int(e.Duration.Seconds())), strings.Join(helped, ";"),
			strings.Join(e.Triggers, ";"), strings.Join(e.Symptoms, ";"), optInt(e.Sleep), e.Note, e.UID,
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func optInt(p *int) string {
	if p == nil {
		return ""
	}
	return strconv.Itoa(*p)
}

// Summary says what an import did.
type Summary struct {
	Cramps, Glasses, Stretches, Settings int // added
	Skipped                              int // already there
}
