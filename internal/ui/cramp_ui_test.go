package ui

import (
	"bytes"
	"context"
	"sort"
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
	u.pace.every = func(_ time.Duration, fn func()) func() { m.fn = fn; return func() { m.fn = nil } }
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
	v := reliefOf(u)
	// First "Where is the cramp?", the calf chosen already: one tap goes on.
	if v.page != pageWhere || !v.where[cramp.MuscleCalf].selected {
		t.Fatalf("first page %v, calf chosen %v", v.page, v.where[cramp.MuscleCalf].selected)
	}
	test.Tap(v.goOn)
	if v.position.Text != "Step 1 of 4" || v.title.Text != "Stretch the calf" || v.image.Resource() == nil {
		t.Errorf("first step: %q %q picture %v", v.position.Text, v.title.Text, v.image.Resource())
	}
	if got, _ := st.Cramp(e.ID); got.Muscle != cramp.MuscleCalf {
		t.Errorf("going on with the calf stored muscle %q", got.Muscle)
	}
	if v.countdown.Text != "Hold 0:30" {
		t.Errorf("countdown = %q", v.countdown.Text)
	}
	for i := 0; i < 30; i++ {
		tick.fn()
	}
	// The hold is up, but the muscle decides: no "Well done" yet.
	if v.countdown.Visible() || !v.keepGoing.Visible() || v.keepGoing.Text != "Keep going until the muscle lets go." || v.bar.Value != 1 {
		t.Errorf("after 30 ticks: countdown %q shown %v, %q shown %v, bar %v", v.countdown.Text, v.countdown.Visible(), v.keepGoing.Text, v.keepGoing.Visible(), v.bar.Value)
	}
	for _, l := range labelsOf(w.Content()) {
		if strings.Contains(l, "Well done") {
			t.Errorf("%q while the cramp is still on", l)
		}
	}
	test.Tap(v.next)
	if v.title.Text != "Massage it" || v.countdown.Text != "Keep massaging 0:30" {
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
	// Afterwards: water, soreness, pain relief from the pharmacy.
	if texts := strings.Join(labelsOf(w.Content()), "\n"); !strings.Contains(texts, "a glass of water is reasonable") ||
		!strings.Contains(texts, "ask a pharmacist") || !strings.Contains(texts, "sore for hours") {
		t.Errorf("no afterwards advice after It's over:\n%s", texts)
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
	v := reliefOf(u)
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
	v := u.openDetails(itoa(e.ID))
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
	// Numbness: see your doctor, not in red.
	test.Tap(v.symptoms["numbness-tingling"])
	if !v.redFlag.Visible() || !strings.HasPrefix(v.redFlag.Text, "See your doctor. ") || v.redFlag.Importance == widget.DangerImportance {
		t.Errorf("numbness: %q (%v)", v.redFlag.Text, v.redFlag.Importance)
	}
	// Swelling as well: get medical help now, a clot named, in red.
	test.Tap(v.symptoms["swelling"])
	if !strings.HasPrefix(v.redFlag.Text, "Get medical help now. ") || !strings.Contains(v.redFlag.Text, "blood clot") ||
		!strings.Contains(v.redFlag.Text, "numbness") || v.redFlag.Importance != widget.DangerImportance {
		t.Errorf("swelling: %q (%v)", v.redFlag.Text, v.redFlag.Importance)
	}
	test.Tap(v.symptoms["swelling"])
	test.Type(v.note, "after a long walk")
	test.Tap(findButton(t, u.windows["details"].Content(), "Save"))
	got, _ := st.Cramp(e.ID)
	if got.Leg != cramp.LegRight || got.Helped[cramp.StepStand] != cramp.RatingYes || got.Helped[cramp.StepWater] != cramp.RatingNo ||
		len(got.Triggers) != 1 || len(got.Symptoms) != 1 || got.Symptoms[0] != "numbness-tingling" || *got.Sleep != 3 || got.Intensity != nil || got.Note != "after a long walk" {
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
	d := viewOf[*detailsView](u, "details")
	if d == nil || d.entry.ID != e.ID {
		t.Fatal("Add details did not open the cramp's details")
	}
	test.Tap(d.leg[cramp.LegLeft])
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
	v := viewOf[*backdateView](u, "backdate")
	v.picker.hour.SetSelected("23")
	v.picker.minute.SetSelected("30")
	test.Tap(findButton(t, u.windows["backdate"].Content(), "Log it"))
	list, _ := st.Cramps(time.Time{}, time.Time{})
	want := time.Date(2026, 11, 22, 23, 30, 0, 0, time.Local)
	if len(list) != 1 || !list[0].At.Equal(want) {
		t.Fatalf("logged %v, want one at %v", list, want)
	}
	if d := viewOf[*detailsView](u, "details"); d == nil || d.entry.ID != list[0].ID {
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

// labelsTopDown is labelsOf in the order a reader meets them: by where
// each is drawn, top to bottom, then left to right (a Border lists its
// top after its centre).
func labelsTopDown(o fyne.CanvasObject) []string {
	type placed struct {
		text string
		at   fyne.Position
	}
	var all []placed
	d := fyne.CurrentApp().Driver()
	walk(o, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok {
			all = append(all, placed{l.Text, d.AbsolutePositionForObject(l)})
		}
	})
	sort.SliceStable(all, func(i, j int) bool {
		if all[i].at.Y != all[j].at.Y {
			return all[i].at.Y < all[j].at.Y
		}
		return all[i].at.X < all[j].at.X
	})
	out := make([]string, len(all))
	for i, p := range all {
		out[i] = p.text
	}
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
		w.Resize(fyne.NewSize(720, 640))
		test.AssertRendersToMarkup(t, name, w.Canvas())
		// And the steps, after one tap.
		test.Tap(reliefOf(u).goOn)
		test.AssertRendersToMarkup(t, strings.Replace(name, "relief_", "relief_steps_", 1), w.Canvas())
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
	if !containsPrefix(texts, "See your doctor") || !containsPrefix(texts, "Cramps on 4 of the last 7 nights") || !containsPrefix(texts, "Make an appointment") {
		t.Fatalf("advice card: %v", texts)
	}
	// "When to get help" comes first; hiding is never the first button.
	if first := buttonsOf(u.main.advice); len(first) != 2 || first[0] != "When to get help" || first[1] != "Hide for 30 days" {
		t.Errorf("card buttons %v", first)
	}
	test.Tap(findButton(t, u.main.advice, "Hide for 30 days"))
	if len(u.main.advice.Objects) != 0 {
		t.Error("advice still shown after Hide")
	}
	// A warning sign logged after the dismissal shows at once, urgent, in
	// a red frame, and can only be acknowledged.
	e := logAt(t, st, cramp.Entry{At: day.Add(-time.Hour)})
	e.Symptoms = []string{"swelling"}
	if _, err := u.diary.EditCramp(context.Background(), e); err != nil {
		t.Fatal(err)
	}
	if texts := labelsOf(u.main.advice); !containsPrefix(texts, "Get medical help now") || !containsText(texts, "blood clot") || !containsPrefix(texts, "Do not wait") {
		t.Errorf("urgent advice not shown: %v", texts)
	}
	if b := buttonsOf(u.main.advice); len(b) != 2 || b[0] != "When to get help" || b[1] != "Got it" {
		t.Errorf("urgent card buttons %v, want When to get help, Got it", b)
	}
	if !hasRedOutline(u.main.advice) {
		t.Error("urgent card not set apart in red")
	}
	test.Tap(findButton(t, u.main.advice, "Got it"))
	if len(u.main.advice.Objects) != 0 {
		t.Errorf("acknowledged card still shown: %v", labelsOf(u.main.advice))
	}
	// Another cramp with a warning sign: a new card.
	e2 := logAt(t, st, cramp.Entry{At: day.Add(-10 * time.Minute)})
	e2.Symptoms = []string{"pale-cold-skin"}
	if _, err := u.diary.EditCramp(context.Background(), e2); err != nil {
		t.Fatal(err)
	}
	if texts := labelsOf(u.main.advice); !containsPrefix(texts, "Get medical help now") || !containsText(texts, "poor circulation") {
		t.Errorf("a later warning sign shows no card: %v", texts)
	}
}

// buttonsOf lists the texts of the buttons in o, in order.
func buttonsOf(o fyne.CanvasObject) []string {
	var out []string
	walk(o, func(o fyne.CanvasObject) {
		if b, ok := o.(*tallButton); ok {
			out = append(out, b.Text)
		}
	})
	return out
}

func containsText(list []string, s string) bool {
	for _, l := range list {
		if strings.Contains(l, s) {
			return true
		}
	}
	return false
}

func hasRedOutline(o fyne.CanvasObject) bool {
	found := false
	walk(o, func(o fyne.CanvasObject) {
		if _, ok := o.(*redOutline); ok {
			found = true
		}
	})
	return found
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
