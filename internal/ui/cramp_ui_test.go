package ui

import (
	"bytes"
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/crampcare/crampcare/assets"
	"github.com/crampcare/crampcare/internal/cramp"
	"github.com/crampcare/crampcare/internal/relief"
	"github.com/crampcare/crampcare/internal/store"
)

// manualTicker lets a test drive the relief countdown second by second.
type manualTicker struct{ fn func() }

func (m *manualTicker) install(u *ui) {
	u.ticker = func(_ time.Duration, fn func()) func() { m.fn = fn; return func() { m.fn = nil } }
}

func logAt(t *testing.T, st *store.Store, e cramp.Entry) cramp.Entry {
	t.Helper()
	e, err := st.AddCramp(e)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func TestReliefStepsCountdownAndItsOver(t *testing.T) {
	now := day
	u, st := newTestUI(t, now)
	tick := &manualTicker{}
	tick.install(u)
	e := logAt(t, st, cramp.Entry{At: now.Add(-90 * time.Second)})
	u.show("relief:" + itoa(e.ID))
	w := u.windows["relief"]
	if w == nil || w.Title() != TitleRelief {
		t.Fatal("relief window not open")
	}
	v := u.relief
	if v.position.Text != "Step 1 of 5" || v.title.Text != "Stretch the muscle" || v.image.Resource == nil {
		t.Errorf("first step: %q %q picture %v", v.position.Text, v.title.Text, v.image.Resource)
	}
	if v.countdown.Text != "Hold 0:30" {
		t.Errorf("countdown = %q", v.countdown.Text)
	}
	for i := 0; i < 30; i++ {
		tick.fn()
	}
	if v.countdown.Text != "Well done" || v.bar.Value != 1 {
		t.Errorf("after 30 ticks: %q %v", v.countdown.Text, v.bar.Value)
	}
	test.Tap(v.next)
	if v.title.Text != "Massage it" || v.countdown.Text != "Hold 0:30" {
		t.Errorf("second step: %q %q", v.title.Text, v.countdown.Text)
	}
	test.Tap(v.next)
	if v.countdown.Visible() {
		t.Error("standing has no countdown, but one is shown")
	}
	test.Tap(v.back)
	if v.title.Text != "Massage it" {
		t.Errorf("back: %q", v.title.Text)
	}

	test.Tap(v.over)
	got, _ := st.Cramp(e.ID)
	if got.Duration != 90*time.Second {
		t.Errorf("duration stored %v, want 1m30s (click to It's over)", got.Duration)
	}
	// One tap each, saved at once.
	test.Tap(v.legs[cramp.LegLeft])
	test.Tap(v.muscles[cramp.MuscleCalf])
	test.Tap(v.levels[7])
	got, _ = st.Cramp(e.ID)
	if got.Leg != cramp.LegLeft || got.Muscle != cramp.MuscleCalf || got.Intensity == nil || *got.Intensity != 7 {
		t.Errorf("answers stored %+v", got)
	}
	test.Tap(findButton(t, w.Content(), "Done"))
	if _, open := u.windows["relief"]; open {
		t.Error("relief window still open after Done")
	}
	if tick.fn != nil {
		t.Error("countdown ticker still running after the window closed")
	}
}

func TestReliefPersonalOrderAndMuscle(t *testing.T) {
	u, st := newTestUI(t, day)
	yes, no := cramp.RatingYes, cramp.RatingNo
	for i := 0; i < 4; i++ {
		logAt(t, st, cramp.Entry{At: day.Add(-time.Duration(i+2) * 24 * time.Hour), Helped: map[cramp.Step]cramp.Rating{cramp.StepWarmth: yes, cramp.StepStretch: no}})
	}
	e := logAt(t, st, cramp.Entry{At: day.Add(-time.Minute), Muscle: cramp.MuscleThighFront})
	u.show("relief:" + itoa(e.ID))
	v := u.relief
	if v.title.Text != "Add warmth" || v.helped.Text != "Helped you 4 of 4 times" {
		t.Errorf("first step %q (%q), want warmth, which helped 4 of 4 times", v.title.Text, v.helped.Text)
	}
	// The stretch shown is the front-thigh one, and it comes last here.
	v.show(len(v.steps) - 1)
	if !strings.Contains(v.text.Text, "toward your bottom") {
		t.Errorf("last step %q, want the front-thigh stretch", v.text.Text)
	}
}

func TestEveryIllustrationExists(t *testing.T) {
	have := map[string]bool{}
	for _, n := range assets.Illustrations() {
		have[n] = true
	}
	for _, m := range append(cramp.Muscles(), "") {
		for _, s := range relief.Steps(m) {
			if !have[s.Picture] {
				t.Errorf("step %s (muscle %q) names a missing picture %q", s.ID, m, s.Picture)
			}
		}
	}
}

func TestDetailsViewSavesAndFlags(t *testing.T) {
	u, st := newTestUI(t, day)
	e := logAt(t, st, cramp.Entry{At: day.Add(-5 * time.Hour)})
	u.show("details:" + itoa(e.ID))
	v := u.details
	if v == nil || u.windows["details"].Title() != TitleDetails {
		t.Fatal("details window not open")
	}
	test.Tap(v.leg[cramp.LegRight])
	test.Tap(v.helped[cramp.StepStand][cramp.RatingYes])
	test.Tap(v.helped[cramp.StepWater][cramp.RatingNo])
	test.Tap(v.triggers["little-water"])
	test.Tap(v.sleep[3])
	test.Tap(v.intensity[6])
	test.Tap(v.intensity[6]) // tapped again: cleared
	if v.redFlag.Visible() {
		t.Error("red-flag line shown with no symptom")
	}
	test.Tap(v.symptoms["numbness-tingling"])
	if !v.redFlag.Visible() || !strings.Contains(v.redFlag.Text, "medical advice promptly") {
		t.Errorf("red flag not shown at once: %q", v.redFlag.Text)
	}
	test.Type(v.note, "after a long walk")
	test.Tap(findButton(t, u.windows["details"].Content(), "Save"))
	got, _ := st.Cramp(e.ID)
	if got.Leg != cramp.LegRight || got.Helped[cramp.StepStand] != cramp.RatingYes || got.Helped[cramp.StepWater] != cramp.RatingNo ||
		len(got.Triggers) != 1 || got.Symptoms[0] != "numbness-tingling" || *got.Sleep != 3 || got.Intensity != nil || got.Note != "after a long walk" {
		t.Errorf("stored %+v", got)
	}
	if _, open := u.windows["details"]; open {
		t.Error("details window still open after Save")
	}
}

func TestMorningCard(t *testing.T) {
	u, st := newTestUI(t, day)
	e := logAt(t, st, cramp.Entry{At: day.Add(-7 * time.Hour)})
	u.loadStatus()
	u.show("main")
	if !u.main.morning.Visible() || !strings.Contains(u.main.mornText.Text, "03:00") {
		t.Fatalf("morning card visible=%v %q", u.main.morning.Visible(), u.main.mornText.Text)
	}
	test.Tap(findButton(t, u.windows["main"].Content(), "Add details"))
	if u.details == nil || u.details.entry.ID != e.ID {
		t.Fatal("Add details did not open the cramp's details")
	}
	test.Tap(u.details.leg[cramp.LegLeft])
	test.Tap(findButton(t, u.windows["details"].Content(), "Save"))
	if u.main.morning.Visible() {
		t.Error("morning card still asks after details were given")
	}
}

func TestHistoryDeleteConfirmAndUndo(t *testing.T) {
	u, st := newTestUI(t, day)
	logAt(t, st, cramp.Entry{At: day.Add(-32 * time.Hour)})
	keep := logAt(t, st, cramp.Entry{At: day.Add(-8 * time.Hour), Leg: cramp.LegLeft, Muscle: cramp.MuscleCalf})
	u.show("main")
	w := u.windows["main"]
	u.main.tabs.SelectIndex(1)
	texts := labelsOf(u.main.history.list)
	want := []string{"Night of Saturday 21 November", "Night of Sunday 22 November", "02:00 · left calf"}
	for _, s := range want {
		if !containsPrefix(texts, s) {
			t.Errorf("history lacks %q: %v", s, texts)
		}
	}
	// Delete the newest: the first Delete button.
	test.Tap(findButton(t, u.main.history.list, "Delete"))
	// A confirmation comes first; nothing is deleted yet.
	if n, _ := st.Cramps(time.Time{}, time.Time{}); len(n) != 2 {
		t.Fatalf("deleted before confirming: %d left", len(n))
	}
	confirm := findDialogButton(t, w, "Yes")
	test.Tap(confirm)
	if n, _ := st.Cramps(time.Time{}, time.Time{}); len(n) != 1 {
		t.Fatalf("after confirming: %d left, want 1", len(n))
	}
	if !u.main.history.undoBar.Visible() {
		t.Fatal("no undo offered")
	}
	test.Tap(findButton(t, u.main.history.undoBar, "Undo"))
	got, err := st.Cramp(keep.ID)
	if err != nil || got.Muscle != cramp.MuscleCalf {
		t.Errorf("undo did not bring the cramp back: %+v, %v", got, err)
	}
	if u.main.history.undoBar.Visible() {
		t.Error("undo bar still shown")
	}
}

func TestBackdate(t *testing.T) {
	u, st := newTestUI(t, day)
	u.show("main")
	test.Tap(findButton(t, u.windows["main"].Content(), "Log a cramp I had…"))
	v := u.backdate
	v.picker.hour.SetSelected("23")
	v.picker.minute.SetSelected("30")
	test.Tap(findButton(t, u.windows["backdate"].Content(), "Log it"))
	list, _ := st.Cramps(time.Time{}, time.Time{})
	want := time.Date(2026, 11, 22, 23, 30, 0, 0, time.Local)
	if len(list) != 1 || !list[0].At.Equal(want) {
		t.Fatalf("logged %v, want one at %v", list, want)
	}
	if u.details == nil || u.details.entry.ID != list[0].ID {
		t.Error("details not offered after backdating")
	}
	u.show("backdate")
	test.Tap(findButton(t, u.windows["backdate"].Content(), "30 minutes ago"))
	if list, _ = st.Cramps(time.Time{}, time.Time{}); len(list) != 2 || !list[0].At.Equal(day.Add(-30*time.Minute)) {
		t.Errorf("preset logged %v", list)
	}
}

func itoa(n uint64) string { return strconv.FormatUint(n, 10) }

// walk visits o and everything inside it, widgets through their renderers.
func walk(o fyne.CanvasObject, visit func(fyne.CanvasObject)) {
	if o == nil {
		return
	}
	visit(o)
	switch v := o.(type) {
	case *fyne.Container:
		for _, c := range v.Objects {
			walk(c, visit)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(v).Objects() {
			walk(c, visit)
		}
	}
}

// labelsOf collects the texts of the labels in o, in order.
func labelsOf(o fyne.CanvasObject) []string {
	var out []string
	walk(o, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok {
			out = append(out, l.Text)
		}
	})
	return out
}

func containsPrefix(list []string, p string) bool {
	for _, s := range list {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// findDialogButton finds a button by its text in the window's overlays
// (where Fyne puts dialogs).
func findDialogButton(t *testing.T, w fyne.Window, text string) fyne.Tappable {
	t.Helper()
	var found fyne.Tappable
	for _, o := range w.Canvas().Overlays().List() {
		walk(o, func(o fyne.CanvasObject) {
			if b, ok := o.(*widget.Button); ok && b.Text == text && found == nil {
				found = b
			}
		})
	}
	if found == nil {
		t.Fatalf("no dialog button %q", text)
	}
	return found
}

// TestReliefWindowMarkup keeps the relief window's look, by day and by
// night, under review: a change shows up as a diff of testdata/*.xml.
func TestReliefWindowMarkup(t *testing.T) {
	for name, now := range map[string]time.Time{"relief_day.xml": day, "relief_night.xml": atNight} {
		u, st := newTestUI(t, now)
		e := logAt(t, st, cramp.Entry{At: now.Add(-time.Minute)})
		u.loadStatus()
		u.show("relief:" + itoa(e.ID))
		w := u.windows["relief"]
		w.Resize(fyne.NewSize(720, 560))
		test.AssertRendersToMarkup(t, name, w.Canvas())
		w.Close()
	}
}

func TestDoctorAdviceCard(t *testing.T) {
	u, st := newTestUI(t, day)
	for _, d := range []int{0, 1, 2, 4} {
		logAt(t, st, cramp.Entry{At: day.AddDate(0, 0, -d).Add(-7 * time.Hour), Leg: cramp.LegLeft})
	}
	u.loadStatus()
	u.show("main")
	texts := labelsOf(u.main.advice)
	if !containsPrefix(texts, "Talk to your doctor") || !containsPrefix(texts, "Cramps on 4 of the last 7 nights") {
		t.Fatalf("advice card: %v", texts)
	}
	test.Tap(findButton(t, u.main.advice, "Hide for 30 days"))
	if len(u.main.advice.Objects) != 0 {
		t.Error("advice still shown after Hide")
	}
	// A red-flag symptom comes back at once, promptly, in red.
	e := logAt(t, st, cramp.Entry{At: day.Add(-time.Hour)})
	e.Symptoms = []string{"swelling"}
	if _, err := u.diary.EditCramp(context.Background(), e); err != nil {
		t.Fatal(err)
	}
	if texts := labelsOf(u.main.advice); !containsPrefix(texts, "Get medical advice promptly") {
		t.Errorf("prompt advice not shown: %v", texts)
	}
}

func TestReportForTheDoctor(t *testing.T) {
	u, st := newTestUI(t, day)
	logAt(t, st, cramp.Entry{At: day.Add(-5 * time.Hour), Intensity: intOf(6)})
	u.show("main")
	u.main.tabs.SelectIndex(1)
	test.Tap(findButton(t, u.windows["main"].Content(), "Report for my doctor (PDF)"))
	if len(u.windows["main"].Canvas().Overlays().List()) == 0 {
		t.Error("no file dialog after Report for my doctor")
	}
	var buf bytes.Buffer
	if err := u.writeReport(&buf); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) || buf.Len() < 1000 {
		t.Errorf("report is %d bytes, starting %q", buf.Len(), buf.Bytes()[:8])
	}
}

func intOf(n int) *int { return &n }
