package service

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/crampcare/crampcare/internal/cramp"
	"github.com/crampcare/crampcare/internal/export"
	"github.com/crampcare/crampcare/internal/settings"
	"github.com/crampcare/crampcare/internal/stretch"
	"github.com/crampcare/crampcare/internal/water"
)

// Issue 13, point 5: an import announces every kind of data it added, not
// only "cramps": the agent applies an imported autostart setting on
// ChangeSettings, and would otherwise never hear of it. A file that adds
// nothing announces nothing.
func TestImportAnnouncesEveryKindItChanged(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 23, 7, 30, 0, 0, time.UTC)
	var changes []Change
	s := newService(t, &now, &changes)
	file := func(f export.File) export.File {
		f.Format, f.Version = export.Format, export.Version
		return f
	}

	// Settings only: the autostart switch of another computer.
	if _, err := s.Import(ctx, file(export.File{Settings: map[string]string{settings.Autostart: "false"}})); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(changes, []Change{ChangeSettings}) {
		t.Errorf("settings-only import announced %v, want [settings]", changes)
	}
	vals, err := s.Values()
	if err != nil {
		t.Fatal(err)
	}
	if vals.Autostart() {
		t.Error("imported autostart=false not stored")
	}

	// One of everything.
	changes = nil
	all := file(export.File{
		Cramps:    []cramp.Entry{{UID: "C1", At: now.Add(-5 * time.Hour)}},
		Glasses:   []water.Glass{{At: now.Add(-2 * time.Hour)}},
		Stretches: []stretch.Session{{UID: "S1", Start: now.Add(-10 * time.Hour), End: now.Add(-10*time.Hour + 5*time.Minute), Source: stretch.SourceGuided}},
		Settings:  map[string]string{settings.HydrationGoal: "6"},
	})
	if _, err := s.Import(ctx, all); err != nil {
		t.Fatal(err)
	}
	for _, want := range []Change{ChangeSettings, ChangeGlasses, ChangeStretch, ChangeCramps} {
		if !slices.Contains(changes, want) {
			t.Errorf("import of one of everything announced %v, missing %q", changes, want)
		}
	}

	// The same records again (no settings): nothing new, nothing announced.
	changes = nil
	all.Settings = nil
	sum, err := s.Import(ctx, all)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Skipped != 3 || len(changes) != 0 {
		t.Errorf("second import: %+v, announced %v; want 3 skipped and nothing announced", sum, changes)
	}
}
