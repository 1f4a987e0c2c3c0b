//go:build !race

package store

import (
	"crypto/rand"
	"testing"
	"time"

	"github.com/crampcare/crampcare/internal/cramp"
	"github.com/crampcare/crampcare/internal/export"
	"github.com/crampcare/crampcare/internal/stretch"
	"github.com/crampcare/crampcare/internal/water"
)

// Issue 18, point 10: whatever export writes, import takes back, in
// reasonable time. The budget of ten years of heavy use (20,000 cramps,
// 150,000 glasses, 4,000 stretches), newest first as an export lists them,
// imports in about a second; put in that order into one bbolt transaction
// it took 30 s here, growing with the square of the count. (Not
// under the race detector, which is ten times slower.)
func TestTenYearsImportInSeconds(t *testing.T) {
	var f export.File
	for i := range 150_000 {
		f.Glasses = append(f.Glasses, water.Glass{At: t0.Add(-time.Duration(i)*35*time.Minute - 123456789)})
	}
	for i := range 20_000 {
		f.Cramps = append(f.Cramps, cramp.Entry{UID: rand.Text(), At: t0.Add(-time.Duration(i) * 263 * time.Minute), Note: "woke at night"})
	}
	for i := range 4_000 {
		at := t0.Add(-time.Duration(i)*24*time.Hour - 2*time.Hour)
		f.Stretches = append(f.Stretches, stretch.Session{UID: rand.Text(), Start: at, End: at.Add(10 * time.Minute), Source: stretch.SourceGuided})
	}
	s := MustOpen(t)
	start := time.Now()
	sum, err := s.Import(f)
	took := time.Since(start)
	if err != nil || sum.Glasses != 150_000 || sum.Cramps != 20_000 || sum.Stretches != 4_000 {
		t.Fatalf("import: %+v, %v", sum, err)
	}
	t.Logf("ten years imported in %v", took)
	if took > 10*time.Second {
		t.Errorf("ten years took %v to import, want seconds", took)
	}
	if got, _ := s.Cramps(t0.Add(-24*time.Hour), time.Time{}); len(got) != 6 {
		t.Errorf("%d cramps in the last day, want 6 (the time index in order)", len(got))
	}
}
