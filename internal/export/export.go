// Package export writes the whole diary to a file the user owns (JSON with
// a format version, or CSV of the cramps for a spreadsheet) and reads such
// a file back for import. Reading validates everything first, so that an
// import either applies whole or not at all.
package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/crampcare/crampcare/internal/cramp"
	"github.com/crampcare/crampcare/internal/input"
	"github.com/crampcare/crampcare/internal/l10n"
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

// MaxBytes bounds an export file, measured on its bytes as written and as
// read back: WriteJSON refuses to write more, ReadJSON to read more, and
// an import that would grow the diary past what one file can hold is
// refused (see Fits), so that whatever export writes, import takes back.
// The budget of ten years of heavy use (20,000 cramps, 150,000 glasses and
// 4,000 stretches) writes about 22 MB with short notes, and about 110 MB
// if every cramp had a note of the largest size allowed.
const MaxBytes = 128 << 20

// MaxMessage is what the local API must let through in one message for an
// export or an import of MaxBytes: the file's content in compact JSON
// (never longer than the indented file, when encoded without HTML
// escaping, as WriteJSON does) plus the request's envelope.
const MaxMessage = MaxBytes + 1<<20

// ClockSkew is how far in the future an imported record may lie: the
// computer that wrote the file may have had its clock or its time zone
// set wrong. Typed entries get only input.Slack.
const ClockSkew = 24 * time.Hour

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

// ErrTooLarge means the diary does not fit in one export file of MaxBytes.
var ErrTooLarge = errors.New("the diary is too large for one export file")

// WriteJSON writes f, indented for people who look inside. It refuses with
// ErrTooLarge, writing nothing, when the file would be larger than
// MaxBytes, which ReadJSON could not take back.
func WriteJSON(w io.Writer, f File) error {
	return writeJSON(w, f, MaxBytes)
}

func writeJSON(w io.Writer, f File, limit int) error {
	f.Format, f.Version = Format, Version
	buf := &capped{limit: limit}
	enc := json.NewEncoder(buf)
	enc.SetIndent("", "  ")
	// "<" stays "<" in a note: shorter, and readable by people.
	enc.SetEscapeHTML(false)
	if err := enc.Encode(f); err != nil {
		if errors.Is(err, errCapped) {
			return tooLarge(f, limit)
		}
		return err
	}
	_, err := w.Write(buf.b)
	return err
}

// Size is how many bytes WriteJSON writes for f, without keeping them.
func Size(f File) (int64, error) {
	f.Format, f.Version = Format, Version
	var n counter
	enc := json.NewEncoder(&n)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	err := enc.Encode(f)
	return int64(n), err
}

// Fits says, with ErrTooLarge in plain words, whether the diary f would
// still export to one file that import takes back.
func Fits(f File) error {
	return FitsWithin(f, MaxBytes)
}

// FitsWithin is Fits for a file of at most limit bytes.
func FitsWithin(f File, limit int) error {
	n, err := Size(f)
	if err != nil {
		return err
	}
	if n > int64(limit) {
		return tooLarge(f, limit)
	}
	return nil
}

func tooLarge(f File, limit int) error {
	return fmt.Errorf("%w: %d cramps, %d glasses and %d stretches take more than the %d MB a file may hold (CSV of the cramps has no limit)",
		ErrTooLarge, len(f.Cramps), len(f.Glasses), len(f.Stretches), limit>>20)
}

// errCapped stops an encoding that went past its limit.
var errCapped = errors.New("capped")

// capped collects up to limit bytes, then refuses.
type capped struct {
	b     []byte
	limit int
}

func (c *capped) Write(p []byte) (int, error) {
	if len(c.b)+len(p) > c.limit {
		return 0, errCapped
	}
	c.b = append(c.b, p...)
	return len(p), nil
}

// counter counts what is written to it.
type counter int64

func (c *counter) Write(p []byte) (int, error) {
	*c += counter(len(p))
	return len(p), nil
}

// ReadJSON reads and validates an export at now. Any problem is reported
// with what and where, and nothing is returned to apply. The size limit
// applies to the bytes read, as they are.
func ReadJSON(r io.Reader, now time.Time) (File, error) {
	return readJSON(r, now, MaxBytes)
}

func readJSON(r io.Reader, now time.Time, limit int) (File, error) {
	raw, err := io.ReadAll(io.LimitReader(r, int64(limit)+1))
	if err != nil {
		return File{}, err
	}
	if len(raw) > limit {
		return File{}, input.Err("file", l10n.Mark("is larger than the {{.Max}} MB an export may be"), l10n.Args{"Max": limit >> 20})
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
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return File{}, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	raw = nil // the decoder holds its own copy; let this one go
	if err := Validate(&f, now); err != nil {
		return File{}, err
	}
	return f, nil
}

// Validate checks every record and setting of f at now, as an import
// must, and normalises the settings in place. It encodes nothing: a file
// that passed the size limit as read is not measured again in another
// layout.
func Validate(f *File, now time.Time) error {
	// Another computer's clock may be ahead: a day more for the future.
	later := now.Add(ClockSkew)
	for i, e := range f.Cramps {
		if err := e.Validate(later); err != nil {
			return fmt.Errorf("cramp %d of the file: %w", i+1, err)
		}
	}
	for i, g := range f.Glasses {
		if err := g.Validate(later); err != nil {
			return fmt.Errorf("glass %d of the file: %w", i+1, err)
		}
	}
	for i, s := range f.Stretches {
		if err := s.Validate(later); err != nil {
			return fmt.Errorf("stretch %d of the file: %w", i+1, err)
		}
	}
	if len(f.Settings) > 0 {
		norm := make(map[string]string, len(f.Settings))
		for k, v := range f.Settings {
			n, err := settings.NormalizeAt(k, v, later)
			if err != nil {
				return fmt.Errorf("settings in the file: %w", err)
			}
			norm[k] = n
		}
		f.Settings = norm
	}
	return nil
}

// Exportable returns what of the diary d an import at now takes back: the
// cramps, glasses and stretches that Validate accepts, and the settings
// this version knows with valid values (normalised). It also says how
// many records it left out: only a diary written before CrampCare checked
// the range of dates (one dated 1600, say, which the store could not keep
// in order), or while the computer's clock was far ahead, has any.
// Settings left out have no effect: settings.Resolve reads them as the
// defaults. (A date that lies in the future, such as the month the cramps
// started, which only a clock set far ahead could have let in, is left
// out too: import would refuse it.)
func Exportable(d File, now time.Time) (File, int) {
	later := now.Add(ClockSkew)
	out := d
	left := 0
	out.Cramps = slices.DeleteFunc(slices.Clone(d.Cramps), func(e cramp.Entry) bool { return e.Validate(later) != nil })
	out.Glasses = slices.DeleteFunc(slices.Clone(d.Glasses), func(g water.Glass) bool { return g.Validate(later) != nil })
	out.Stretches = slices.DeleteFunc(slices.Clone(d.Stretches), func(s stretch.Session) bool { return s.Validate(later) != nil })
	left += len(d.Cramps) - len(out.Cramps) + len(d.Glasses) - len(out.Glasses) + len(d.Stretches) - len(out.Stretches)
	out.Settings = map[string]string{}
	for k, v := range d.Settings {
		if n, err := settings.NormalizeAt(k, v, later); err == nil {
			out.Settings[k] = n
		}
	}
	return out, left
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
