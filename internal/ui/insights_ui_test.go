package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"github.com/crampcare/crampcare/internal/cramp"
	"github.com/crampcare/crampcare/internal/insights"
	"github.com/crampcare/crampcare/internal/stretch"
)

func showInsights(t *testing.T, u *ui) fyne.Window {
	t.Helper()
	u.show("main:insights")
	w := u.windows["main"]
	w.Resize(fyne.NewSize(640, 900))
	if !u.main.showingInsights() {
		t.Fatal("Insights tab not selected")
	}
	return w
}

func TestInsightsEmptyState(t *testing.T) {
	u, _ := newTestUI(t, day)
	showInsights(t, u)
	labels := strings.Join(labelsOf(u.main.insights.content), "\n")
	for _, want := range []string{"Your last 12 weeks", "Nothing to show yet", "What will appear here", "Which muscle, leg and time of night"} {
		if !strings.Contains(labels, want) {
			t.Errorf("empty insights lack %q:\n%s", want, labels)
		}
	}
}

// A diary of three weeks: the chart's bars follow the nights, the figures
// and breakdowns say what was logged, and a new cramp shows at once.
func TestInsightsShowTheDiary(t *testing.T) {
	u, st := newTestUI(t, day) // Monday 23 November, 10:00
	for _, s := range []string{"2026-11-03 21:00", "2026-11-17 21:00"} {
		at, _ := time.ParseInLocation("2006-01-02 15:04", s, time.Local)
		if _, err := st.AddStretch(stretch.Session{Start: at, Source: stretch.SourceCLI}); err != nil {
			t.Fatal(err)
		}
	}
	// Week of 9 November: cramps on 3 nights; week of 16 November: 1.
	for _, s := range []string{"2026-11-10 03:00", "2026-11-11 02:00", "2026-11-11 04:00", "2026-11-13 23:00", "2026-11-18 03:00"} {
		at, _ := time.ParseInLocation("2006-01-02 15:04", s, time.Local)
		logAt(t, st, cramp.Entry{At: at, Muscle: cramp.MuscleCalf, Leg: cramp.LegLeft,
			Helped: map[cramp.Step]cramp.Rating{cramp.StepStretch: cramp.RatingYes}})
	}
	showInsights(t, u)
	v := u.main.insights

	labels := strings.Join(labelsOf(v.content), "\n")
	for _, want := range []string{
		"Cramps on 4 of 20 nights over the last 12 weeks, 5 in all.",
		"A night with cramps brought 1.2 on average, and at most 2 (Night of Tuesday 10 November).",
		"nights in a row without a cramp",
		"Which muscle", "Calf", "Which leg", "Left leg",
		"What helped you", "Stretch the muscle", "helped 5 of 5 times",
		"Once there are 7 nights after the evening stretch",
	} {
		if !strings.Contains(labels, want) {
			t.Errorf("insights lack %q:\n%s", want, labels)
		}
	}

	bars := map[string]float32{}
	r := test.WidgetRenderer(v.chart).(*weekChartRenderer)
	if len(r.bars) != insights.Weeks {
		t.Fatalf("%d bars, want %d", len(r.bars), insights.Weeks)
	}
	for i, w := range v.chart.weeks {
		bars[w.Start.Format("2 Jan")] = r.bars[i].Size().Height
		if r.bars[i].Size().Width <= 0 {
			t.Errorf("bar %d has no width", i)
		}
	}
	if three, one := bars["9 Nov"], bars["16 Nov"]; one <= 0 || three < 2.9*one || three > 3.1*one {
		t.Errorf("bar heights: 3 nights %v, 1 night %v; want 3 to 1", three, one)
	}
	if bars["2 Nov"] != 0 {
		t.Errorf("a week without cramps has a bar of %v", bars["2 Nov"])
	}

	// Logging while the tab is open updates it: the agent's change event.
	if _, err := u.diary.LogCramp(context.Background(), cramp.Entry{At: day.Add(-8 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	labels = strings.Join(labelsOf(v.content), "\n")
	if !strings.Contains(labels, "Cramps on 5 of 20 nights") {
		t.Errorf("after logging, insights still say:\n%s", labels)
	}
}

// Each chart object is a canvas primitive coloured by the theme, so the
// night look reaches the chart too.
func TestInsightsChartFollowsTheNight(t *testing.T) {
	u, st := newTestUI(t, atNight)
	logAt(t, st, cramp.Entry{At: atNight.Add(-48 * time.Hour)})
	showInsights(t, u)
	r := test.WidgetRenderer(u.main.insights.chart).(*weekChartRenderer)
	for _, o := range r.Objects() {
		if tx, ok := o.(*canvas.Text); ok && !sameColor(tx.Color, nightText) {
			t.Errorf("chart text %q in %v at night, want %v", tx.Text, tx.Color, nightText)
		}
		if b, ok := o.(*canvas.Rectangle); ok && !sameColor(b.FillColor, nightAccent) {
			t.Errorf("bar in %v at night, want %v", b.FillColor, nightAccent)
		}
	}
}

func TestInsightsMarkup(t *testing.T) {
	u, st := newTestUI(t, day)
	for i, d := range []int{2, 5, 9, 10, 16, 30} {
		logAt(t, st, cramp.Entry{At: day.AddDate(0, 0, -d).Add(-7 * time.Hour), Muscle: cramp.Muscles()[i%4]})
	}
	w := showInsights(t, u)
	test.AssertRendersToMarkup(t, "insights_day.xml", w.Canvas())
}
