package service

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/crampcare/crampcare/internal/cramp"
	"github.com/crampcare/crampcare/internal/export"
	"github.com/crampcare/crampcare/internal/input"
	"github.com/crampcare/crampcare/internal/settings"
	"github.com/crampcare/crampcare/internal/store"
	"github.com/crampcare/crampcare/internal/stretch"
	"github.com/crampcare/crampcare/internal/water"
)

// Issue 18, point 9: a date before 1900 is refused at the service, which
// the API calls, for cramps (new, edited, restored), glasses, stretches and
// a setting with a time; nothing is written, and today's counts stay 0.
func TestDatesBefore1900AreRefusedEverywhere(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 23, 7, 30, 0, 0, time.UTC)
	var changes []Change
	s := newService(t, &now, &changes)
	old := time.Date(1600, 12, 1, 3, 0, 0, 0, time.UTC)
	e, err := s.LogCramp(ctx, cramp.Entry{At: now.Add(-time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	changes = nil
	checks := map[string]error{}
	_, checks["log cramp"] = s.LogCramp(ctx, cramp.Entry{At: old})
	moved := e
	moved.At = old
	_, checks["edit cramp"] = s.EditCramp(ctx, moved)
	_, checks["restore cramp"] = s.RestoreCramp(ctx, cramp.Entry{ID: 99, UID: "X", At: old})
	_, checks["glass"] = s.LogGlass(ctx, old)
	_, checks["stretch"] = s.StretchDone(ctx, stretch.Session{Start: old, Source: stretch.SourceCLI})
	_, checks["stretch ending in 2185"] = s.StretchDone(ctx, stretch.Session{Start: now, End: time.Date(2185, 1, 1, 0, 0, 0, 0, time.UTC), Source: stretch.SourceCLI})
	_, checks["paused until"] = s.SetSetting(ctx, settings.PausedUntil, "1600-12-01T03:00:00Z")
	_, checks["import"] = s.Import(ctx, export.File{Glasses: []water.Glass{{At: old}}})
	for name, err := range checks {
		if !errors.Is(err, input.ErrInvalid) {
			t.Errorf("%s in 1600: %v, want an input error", name, err)
		}
	}
	if len(changes) != 0 {
		t.Errorf("refused writes announced %v", changes)
	}
	st, err := s.Status(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Cramps24h != 1 || st.Glasses != 0 || !st.LastCramp.At.Equal(e.At) {
		t.Errorf("status: %d cramps in 24 h, %d glasses today; want only the one cramp of an hour ago", st.Cramps24h, st.Glasses)
	}
}

// A lower bound out of the store's range (over the API, say) is kept in
// it, rather than wrapping round: since 1600 means everything, since 2300
// nothing.
func TestListingSinceOutOfRange(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 23, 7, 30, 0, 0, time.UTC)
	var changes []Change
	s := newService(t, &now, &changes)
	if _, err := s.LogCramp(ctx, cramp.Entry{At: now.Add(-time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.StretchDone(ctx, stretch.Session{Start: now.Add(-10 * time.Hour), Source: stretch.SourceCLI}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		since time.Time
		want  int
	}{
		{time.Date(1600, 1, 1, 0, 0, 0, 0, time.UTC), 1},
		{time.Date(2300, 1, 1, 0, 0, 0, 0, time.UTC), 0},
		{time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC), 0},
	} {
		c, err := s.Cramps(ctx, tc.since)
		if err != nil || len(c) != tc.want {
			t.Errorf("cramps since %v: %d, %v; want %d", tc.since, len(c), err, tc.want)
		}
		st, err := s.Stretches(ctx, tc.since)
		if err != nil || len(st) != tc.want {
			t.Errorf("stretches since %v: %d, %v; want %d", tc.since, len(st), err, tc.want)
		}
	}
}

// Issue 18, point 10: an unknown setting, or one whose value no longer
// validates, in the database does not make the export unimportable: it is
// left out (it had no effect), and everything else goes through.
func TestExportWithBadStoredSettingsImportsBack(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 23, 7, 30, 0, 0, time.UTC)
	var changes []Change
	src, dst := newService(t, &now, &changes), newService(t, &now, &changes)
	if _, err := src.LogCramp(ctx, cramp.Entry{At: now.Add(-time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if _, err := src.SetSetting(ctx, settings.HydrationGoal, "6"); err != nil {
		t.Fatal(err)
	}
	// As a newer version, or an older bug, would have left them.
	for k, v := range map[string]string{"hydration.colour": "blue", settings.UIScale: "9"} {
		if err := src.p.Store.SetSetting(k, v); err != nil {
			t.Fatal(err)
		}
	}
	f, err := src.Export(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := export.WriteJSON(&buf, f); err != nil {
		t.Fatal(err)
	}
	back, err := export.ReadJSON(&buf, now)
	if err != nil {
		t.Fatalf("the export does not read back: %v", err)
	}
	sum, err := dst.Import(ctx, back)
	if err != nil || sum.Cramps != 1 || sum.Settings != 1 {
		t.Fatalf("import: %+v, %v; want the cramp and the one valid setting", sum, err)
	}
	vals, err := dst.Values()
	if err != nil {
		t.Fatal(err)
	}
	if vals.HydrationGoal() != 6 || vals.Scale() != 1 {
		t.Errorf("imported goal %d, scale %v; want 6 and the default", vals.HydrationGoal(), vals.Scale())
	}
}

// Issue 18, point 10: a file within the limit as read is not measured
// again re-indented. This one is larger than export.MaxBytes indented
// (the same cramp, many times over, with a long note); before, the
// service wrote it out again and refused it as too large.
func TestImportDoesNotMeasureAReindentedCopy(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 23, 7, 30, 0, 0, time.UTC)
	var changes []Change
	s := newService(t, &now, &changes)
	one := cramp.Entry{UID: "SAME", At: now.Add(-time.Hour), Note: strings.Repeat("n", cramp.MaxNoteBytes)}
	withOne, err := export.Size(export.File{Cramps: []cramp.Entry{one}})
	if err != nil {
		t.Fatal(err)
	}
	empty, err := export.Size(export.File{})
	if err != nil {
		t.Fatal(err)
	}
	n := export.MaxBytes/int(withOne-empty) + 1
	f := export.File{Format: export.Format, Version: export.Version, Cramps: make([]cramp.Entry, n)}
	for i := range f.Cramps {
		f.Cramps[i] = one // the note's bytes are shared, not copied
	}
	sum, err := s.Import(ctx, f)
	if err != nil || sum.Cramps != 1 || sum.Skipped != n-1 {
		t.Errorf("import of %d copies of one cramp: %+v, %v; want 1 added", n, sum, err)
	}
}

// Issue 18, point 10: imports may not grow the diary past what one export
// file holds, or the next export could not be imported (1.2 M glasses
// built by imports exported to 93 MB). Nothing of the refused file is kept.
func TestImportRefusesToGrowPastOneExportFile(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 23, 7, 30, 0, 0, time.UTC)
	st, err := store.Open(filepath.Join(t.TempDir(), store.FileName), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	const limit = 64 << 10
	s := New(Params{Store: st, Now: func() time.Time { return now }, MaxExportBytes: limit})
	batch := func(from int) export.File {
		var f export.File
		for i := range 400 {
			f.Glasses = append(f.Glasses, water.Glass{At: now.Add(-time.Duration(from+i) * time.Minute)})
		}
		return f
	}
	if sum, err := s.Import(ctx, batch(0)); err != nil || sum.Glasses != 400 {
		t.Fatalf("first import: %+v, %v", sum, err)
	}
	if sum, err := s.Import(ctx, batch(0)); err != nil || sum.Skipped != 400 {
		t.Fatalf("the same again: %+v, %v; want all already there", sum, err)
	}
	var err2 error
	for i := 1; i < 20 && err2 == nil; i++ {
		_, err2 = s.Import(ctx, batch(400*i))
	}
	var fe *input.Error
	if !errors.As(err2, &fe) || fe.Field != "file" || !strings.Contains(err2.Error(), "too large to export again") {
		t.Fatalf("imports up to the limit and past it: %v, want a refusal naming the file", err2)
	}
	f, err := s.Export(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := export.WriteJSON(&buf, f); err != nil || buf.Len() > limit {
		t.Fatalf("export after the refusal: %d bytes, %v; want at most %d", buf.Len(), err, limit)
	}
	c, err := st.Count()
	if err != nil {
		t.Fatal(err)
	}
	if c.Glasses != len(f.Glasses) || c.Glasses%400 != 0 {
		t.Errorf("%d glasses kept, %d exported: the refused file left some", c.Glasses, len(f.Glasses))
	}
}
