package service

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/crampcare/crampcare/internal/cramp"
	"github.com/crampcare/crampcare/internal/export"
	"github.com/crampcare/crampcare/internal/store"
	"github.com/crampcare/crampcare/internal/stretch"
	"github.com/crampcare/crampcare/internal/water"
)

// tenYears writes ten years of heavy use into a store file: 20,000
// cramps, 150,000 glasses and 4,000 stretch sessions (issue 7's budget).
func tenYears(b *testing.B, now time.Time) string {
	b.Helper()
	path := filepath.Join(b.TempDir(), store.FileName)
	s, err := store.Open(path, store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	var f export.File
	start := now.AddDate(-10, 0, 0)
	span := now.Sub(start)
	for i := range 20000 {
		at := start.Add(span / 20000 * time.Duration(i))
		n := i % 11
		f.Cramps = append(f.Cramps, cramp.Entry{At: at, Leg: cramp.LegLeft, Muscle: cramp.MuscleCalf, Intensity: &n,
			Duration: time.Minute, Note: "woke at night, calf", Helped: map[cramp.Step]cramp.Rating{cramp.StepStretch: cramp.RatingYes},
			Triggers: []string{"little-water"}})
	}
	for i := range 150000 {
		f.Glasses = append(f.Glasses, water.Glass{At: start.Add(span / 150000 * time.Duration(i))})
	}
	for i := range 4000 {
		at := start.Add(span / 4000 * time.Duration(i))
		f.Stretches = append(f.Stretches, stretch.Session{Start: at, End: at.Add(10 * time.Minute), Source: stretch.SourceGuided})
	}
	if _, err := s.Import(f); err != nil {
		b.Fatal(err)
	}
	return path
}

// BenchmarkTenYearsOpenAndInsights: the agent's start on a decade of
// data (open with every page checked) and the Insights tab's figures.
func BenchmarkTenYearsOpenAndInsights(b *testing.B) {
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	path := tenYears(b, now)
	var open, ins time.Duration
	n := 0
	for b.Loop() {
		t0 := time.Now()
		s, err := store.Open(path, store.Options{Verify: true})
		if err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		svc := New(Params{Store: s, Now: func() time.Time { return now }})
		sum, err := svc.Insights(context.Background())
		if err != nil || sum.Nights == 0 {
			b.Fatal(err)
		}
		ins += time.Since(t1)
		open += t1.Sub(t0)
		n++
		s.Close()
	}
	b.ReportMetric(float64(open.Microseconds())/float64(n)/1000, "ms-open-checked")
	b.ReportMetric(float64(ins.Microseconds())/float64(n)/1000, "ms-insights")
}

// BenchmarkTenYearsYearOfInsights computes the insights over a whole year
// of a decade's store, the budget's "a year of insights".
func BenchmarkTenYearsYearOfInsights(b *testing.B) {
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	path := tenYears(b, now)
	s, err := store.Open(path, store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	for b.Loop() {
		since := now.AddDate(-1, 0, 0)
		cr, _ := s.Cramps(since, time.Time{})
		gl, _ := s.Glasses(since, time.Time{})
		st, _ := s.Stretches(since, time.Time{})
		if len(cr) < 1900 || len(gl) < 14000 || len(st) < 390 {
			c, _ := s.Count()
			b.Fatalf("a year holds %d cramps, %d glasses, %d stretches (all: %+v)", len(cr), len(gl), len(st), c)
		}
		_ = computeYear(cr, gl, st, now)
	}
}
