package store

import (
	"errors"
	"testing"
	"time"

	"github.com/crampcare/crampcare/internal/cramp"
	"github.com/crampcare/crampcare/internal/export"
	"github.com/crampcare/crampcare/internal/water"
)

// Issue 18, point 10: a glass is only its time, so two glasses typed at
// one instant (drink --at 10:00, twice) are two glasses with the same time.
// An export of them imports as two, not one; importing it again adds none.
func TestImportKeepsTwoGlassesAtOneInstant(t *testing.T) {
	src, dst := MustOpen(t), MustOpen(t)
	for range 2 {
		if _, err := src.AddGlass(t0); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := src.AddGlass(t0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	gl, _ := src.Glasses(time.Time{}, time.Time{})
	file := export.File{Glasses: gl}
	sum, err := dst.Import(file)
	if err != nil || sum.Glasses != 3 || sum.Skipped != 0 {
		t.Errorf("first import: %+v, %v; want 3 glasses added", sum, err)
	}
	if got, _ := dst.Glasses(time.Time{}, time.Time{}); len(got) != 3 {
		t.Errorf("%d glasses after the import, want 3", len(got))
	}
	// Back into the diary it came from: nothing new.
	if sum, err := src.Import(file); err != nil || sum.Glasses != 0 || sum.Skipped != 3 {
		t.Errorf("import into its own diary: %+v, %v; want all 3 already there", sum, err)
	}
}

// Issue 18, point 10: repeated imports of the same file, or of each
// other's exports, never multiply glasses (1.2 M of them came from
// repeated imports in the report).
func TestRepeatedImportsDoNotMultiplyGlasses(t *testing.T) {
	a, b := MustOpen(t), MustOpen(t)
	for i := range 50 {
		if _, err := a.AddGlass(t0.Add(-time.Duration(i) * 17 * time.Minute).Add(123456789)); err != nil {
			t.Fatal(err)
		}
	}
	for range 3 {
		ga, _ := a.Glasses(time.Time{}, time.Time{})
		if _, err := b.Import(export.File{Glasses: ga}); err != nil {
			t.Fatal(err)
		}
		gb, _ := b.Glasses(time.Time{}, time.Time{})
		if _, err := a.Import(export.File{Glasses: gb}); err != nil {
			t.Fatal(err)
		}
	}
	for name, s := range map[string]*Store{"a": a, "b": b} {
		if c, _ := s.Count(); c.Glasses != 50 {
			t.Errorf("%s holds %d glasses after three rounds of imports both ways, want 50", name, c.Glasses)
		}
	}
}

// ImportChecked shows check the diary as it would be, and keeps nothing
// when check refuses.
func TestImportCheckedUndoesWhatCheckRefuses(t *testing.T) {
	s := MustOpen(t)
	if _, err := s.AddCramp(cramp.Entry{At: t0}); err != nil {
		t.Fatal(err)
	}
	file := export.File{Cramps: []cramp.Entry{{UID: "NEW", At: t0.Add(-time.Hour)}}, Glasses: []water.Glass{{At: t0}},
		Settings: map[string]string{"hydration.goal": "6"}}
	refuse := errors.New("too large")
	var seen export.File
	_, err := s.ImportChecked(file, func(after export.File) error { seen = after; return refuse })
	if !errors.Is(err, refuse) {
		t.Fatalf("err = %v, want check's", err)
	}
	if len(seen.Cramps) != 2 || len(seen.Glasses) != 1 || seen.Settings["hydration.goal"] != "6" {
		t.Errorf("check saw %+v, want the diary with the file merged", seen)
	}
	c, _ := s.Count()
	set, _ := s.Settings()
	if c.Cramps != 1 || c.Glasses != 0 || len(set) != 0 {
		t.Errorf("after a refused import: %+v, settings %v; want as before", c, set)
	}
}
