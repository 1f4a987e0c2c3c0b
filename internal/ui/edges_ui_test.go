package ui

import (
	"image/color"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/crampcare/crampcare/internal/cramp"
	"github.com/crampcare/crampcare/internal/relief"

	"github.com/crampcare/crampcare/internal/routine"
	"github.com/crampcare/crampcare/internal/stretch"
)

// Issue 14, rough edges: the tests of the small things a new user met.

// The overall progress of the evening stretch counts the steps done and
// tells them from the skipped ones: after one done and eight skipped it is
// no longer an empty bar (0 %) shaped like a disabled button.
func TestStretchProgressCountsDoneSteps(t *testing.T) {
	c := &clock{t: time.Date(2026, 11, 23, 21, 30, 0, 0, time.Local)}
	u, _ := newTestUIClock(t, c.now)
	tick := &manualTicker{}
	tick.install(u)
	v := u.openStretch("")
	test.Tap(v.start)
	total := v.runner.State().Total
	for range 35 {
		c.add(time.Second)
		tick.fn()
	}
	for v.runner.State().Index < total-1 {
		test.Tap(v.skip)
	}
	want := []segment{segDone}
	for range total - 2 {
		want = append(want, segSkipped)
	}
	want = append(want, segCurrent)
	if got := v.overall.states; !slices.Equal(got, want) {
		t.Errorf("segments %v, want %v", got, want)
	}
	if got, want := v.tally.Text, "1 done, "+strconv.Itoa(total-2)+" skipped, 1 to go"; got != want {
		t.Errorf("tally %q, want %q", got, want)
	}
	// Done is the accent; skipped and to come differ from it and from
	// each other, so the bar reads without its words.
	done, skipped, current := v.overall.fill(segDone), v.overall.fill(segSkipped), v.overall.fill(segCurrent)
	if done != theme.Color(theme.ColorNamePrimary) || sameColour(skipped, done) || sameColour(skipped, current) {
		t.Errorf("colours: done %v, skipped %v, current %v", done, skipped, current)
	}
}

func sameColour(a, b color.Color) bool {
	r1, g1, b1, a1 := a.RGBA()
	r2, g2, b2, a2 := b.RGBA()
	return r1 == r2 && g1 == g2 && b1 == b2 && a1 == a2
}

// Skipping past the last step offers "I did it anyway", which records the
// stretch as done; Stop does not.
func TestStretchSkippedToTheEndOffersIDidItAnyway(t *testing.T) {
	c := &clock{t: time.Date(2026, 11, 23, 21, 30, 0, 0, time.Local)}
	u, st := newTestUIClock(t, c.now)
	(&manualTicker{}).install(u)
	v := u.openStretch("")
	test.Tap(v.start)
	for v.runner.State().Phase != routine.Done {
		test.Tap(v.skip)
	}
	w := u.windows["stretch"]
	anyway := findButton(t, w.Content(), "I did it anyway")
	test.Tap(anyway)
	list, _ := st.Stretches(time.Time{}, time.Time{})
	if len(list) != 1 || list[0].Partial {
		t.Fatalf("after I did it anyway: %+v, want one full stretch", list)
	}
	if got := labelsOf(w.Content()); !containsPrefix(got, "Done for tonight") || !containsPrefix(got, "Your first night of stretching") {
		t.Errorf("end page after I did it anyway: %q", got)
	}

	// Stop says "Stopped" and offers no "I did it anyway".
	u2, _ := newTestUIClock(t, c.now)
	(&manualTicker{}).install(u2)
	v2 := u2.openStretch("")
	test.Tap(v2.start)
	test.Tap(v2.stop)
	for _, b := range buttonsOf(u2.windows["stretch"].Content()) {
		if b == "I did it anyway" {
			t.Error("Stop offers I did it anyway")
		}
	}
}

// "Your first night of stretching" only when the diary holds no other
// night with a stretch; after a gap it says how many nights there were.
func TestStretchStreakWordsFromTheDiary(t *testing.T) {
	tonight := time.Date(2026, 12, 2, 21, 30, 0, 0, time.Local)
	tests := []struct {
		name    string
		earlier []time.Time
		want    string
	}{
		{"a new diary", nil, "Your first night of stretching. Keep it up tomorrow."},
		{"after a gap, 36 nights before", nightsBack(tonight, 3, 36), "You stretched tonight, 37 nights in all. Keep it up tomorrow."},
		{"last night too", nightsBack(tonight, 1, 36), "37 nights in a row."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, st := newTestUI(t, tonight)
			for _, at := range tt.earlier {
				if _, err := st.AddStretch(stretch.Session{Start: at, End: at.Add(10 * time.Minute), Source: stretch.SourceCLI}); err != nil {
					t.Fatal(err)
				}
			}
			v := u.openStretch("")
			test.Tap(v.start)
			for v.runner.State().Phase != routine.Done {
				test.Tap(v.skip)
			}
			test.Tap(findButton(t, u.windows["stretch"].Content(), "I did it anyway"))
			if v.streak.Text != tt.want || !v.streak.Visible() {
				t.Errorf("streak words %q, want %q", v.streak.Text, tt.want)
			}
		})
	}
}

// nightsBack lists n evenings at 21:30, the newest skip nights before
// from (1: last night).
func nightsBack(from time.Time, skip, n int) []time.Time {
	var out []time.Time
	for i := range n {
		out = append(out, from.AddDate(0, 0, -skip-i))
	}
	return out
}

// Labels fit their step: a massage has its own countdown words, in the
// relief steps and in the evening stretch.
func TestMassageCountdownIsNoHold(t *testing.T) {
	u, st := newTestUI(t, day)
	(&manualTicker{}).install(u)
	e := logAt(t, st, cramp.Entry{At: day.Add(-time.Minute), Muscle: cramp.MuscleCalf})
	u.show("relief:" + strconv.FormatUint(e.ID, 10))
	v := reliefOf(u)
	for v.steps[v.i].ID != cramp.StepMassage {
		test.Tap(v.next)
	}
	if got := v.countdown.Text; got != "Keep massaging 0:30" {
		t.Errorf("massage countdown %q, want %q", got, "Keep massaging 0:30")
	}

	c := &clock{t: time.Date(2026, 11, 23, 21, 30, 0, 0, time.Local)}
	u2, _ := newTestUIClock(t, c.now)
	tick := &manualTicker{}
	tick.install(u2)
	s := u2.openStretch("")
	if s.choice.On["massage"] == false {
		test.Tap(s.steps["massage"])
	}
	test.Tap(s.start)
	for s.runner.State().Item.Step.ID != "massage" {
		test.Tap(s.skip)
	}
	for range 6 {
		c.add(time.Second)
		tick.fn()
	}
	if got := s.phase.Text; got != "Keep massaging" {
		t.Errorf("evening massage says %q, want %q", got, "Keep massaging")
	}
}

// The muscle tiles carry no clock badge that nothing explains.
func TestMuscleTilesHaveNoUnexplainedBadge(t *testing.T) {
	u, st := newTestUI(t, day)
	e := logAt(t, st, cramp.Entry{At: day.Add(-time.Minute)})
	u.show("relief:" + strconv.FormatUint(e.ID, 10))
	v := reliefOf(u)
	for _, m := range cramp.Muscles() {
		res := v.picture(relief.Stretch(m).Picture)
		if res == nil {
			t.Fatalf("%s: no picture", m)
		}
		// The badge was a teal clock face in the top right corner.
		if strings.Contains(string(res.Content()), `cx="448" cy="64"`) {
			t.Errorf("%s tile carries the clock badge", m)
		}
	}
}

// "Report saved" names the file on a line of its own, unbroken, however
// narrow the dialog.
func TestReportSavedKeepsTheFileNameWhole(t *testing.T) {
	u, _ := newTestUI(t, day)
	name := "crampcare-report-2026-11-23.pdf"
	content := u.reportSaved(u.lang, storage.NewFileURI(filepath.Join(t.TempDir(), name)))
	w := test.NewWindow(content)
	defer w.Close()
	w.Resize(fyne.NewSize(200, 400))
	whole := false
	walk(w.Content(), func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && strings.Contains(l.Text, "crampcare-report") {
			for _, seg := range test.WidgetRenderer(l).Objects() {
				if rt, ok := seg.(*widget.RichText); ok {
					for _, tx := range test.WidgetRenderer(rt).Objects() {
						if ct, ok := tx.(*canvas.Text); ok && ct.Text == name {
							whole = true
						}
					}
				}
			}
		}
	})
	if !whole {
		t.Errorf("the file name %q is not drawn whole on one line", name)
	}
}

// On a warning card the way to help comes first, and on a "get medical
// help now" card it is the main action; hiding the card comes after.
func TestWarningCardPutsHelpFirst(t *testing.T) {
	u, st := newTestUI(t, day)
	logAt(t, st, cramp.Entry{At: day.Add(-time.Hour), Symptoms: []string{"swelling"}})
	u.show("main")
	u.loadStatus()
	if len(u.main.adviceCards) == 0 {
		t.Fatal("no warning card")
	}
	for _, c := range u.main.adviceCards {
		got := buttonsOf(c.obj)
		if len(got) < 2 || got[0] != "When to get help" {
			t.Errorf("card %q: buttons %q, want When to get help first", c.title.Text, got)
		}
		if c.urgent && findButton(t, c.obj, "When to get help").Importance != widget.HighImportance {
			t.Errorf("urgent card %q: When to get help is not the main action", c.title.Text)
		}
		if c.hide.Importance == widget.HighImportance {
			t.Errorf("card %q: %q looks like the main action", c.title.Text, c.hide.Text)
		}
	}
}

// tapDay taps day n of the month the picker shows.
func tapDay(t *testing.T, p *dayPicker, n int) {
	t.Helper()
	if p.days[n-1].Disabled() {
		t.Fatalf("day %d of %s is off", n, p.title.Text)
	}
	test.Tap(p.days[n-1])
}

// "Log a cramp I had" reaches any day back to a year, with its time, by
// taps; a moment still to come is refused in the domain's words, and
// nothing is logged.
func TestBackdateAnyDayBackToAYear(t *testing.T) {
	u, st := newTestUI(t, wed(8, 0))
	u.show("backdate")
	v := viewOf[*backdateView](u, "backdate")
	// The day starts on the latest 03:00 gone by: this morning's.
	if got := v.days.chosen.Text; got != "Day: Today, Wednesday 2 December" {
		t.Errorf("first day %q", got)
	}
	test.Tap(v.days.prev)
	test.Tap(v.days.prev)
	if v.days.title.Text != "October 2026" {
		t.Fatalf("two months back: %q", v.days.title.Text)
	}
	tapDay(t, v.days, 15)
	v.picker.hour.SetSelected("22")
	v.picker.minute.SetSelected("30")
	test.Tap(findButton(t, u.windows["backdate"].Content(), "Log it"))
	list, _ := st.Cramps(time.Time{}, time.Time{})
	want := time.Date(2026, 10, 15, 22, 30, 0, 0, time.Local)
	if len(list) != 1 || !list[0].At.Equal(want) {
		t.Fatalf("logged %v, want one at %v", list, want)
	}

	// A year back and no further; nothing after today.
	u.show("backdate")
	v = viewOf[*backdateView](u, "backdate")
	for range 12 {
		test.Tap(v.days.prev)
	}
	if v.days.title.Text != "December 2025" || !v.days.prev.Disabled() {
		t.Errorf("a year back: %q, month before off %v", v.days.title.Text, v.days.prev.Disabled())
	}
	if !v.days.days[0].Disabled() || v.days.days[1].Disabled() {
		t.Errorf("1 December 2025 off %v, 2 December 2025 off %v; want only the 2nd on", v.days.days[0].Disabled(), v.days.days[1].Disabled())
	}
	for range 12 {
		test.Tap(v.days.next)
	}
	if !v.days.next.Disabled() || !v.days.days[2].Disabled() {
		t.Errorf("this month: month after off %v, 3 December off %v", v.days.next.Disabled(), v.days.days[2].Disabled())
	}
	tapDay(t, v.days, 2)
	v.picker.hour.SetSelected("23")
	test.Tap(findButton(t, u.windows["backdate"].Content(), "Log it"))
	if list, _ = st.Cramps(time.Time{}, time.Time{}); len(list) != 1 {
		t.Errorf("a cramp tonight at 23:30 was logged: %v", list)
	}
	if !v.errLine.Visible() || !strings.Contains(v.errLine.Text, "Not logged. When:") || !strings.Contains(v.errLine.Text, "future") {
		t.Errorf("error line %q (shown %v)", v.errLine.Text, v.errLine.Visible())
	}
}

// The edit form changes a cramp's day, time and length with pickers; the
// domain refuses a cramp that would end after now; untouched, the moment
// and the length stay exactly as logged.
func TestEditChangesTimeAndDuration(t *testing.T) {
	u, st := newTestUI(t, wed(8, 0))
	exact := tue(23, 30).Add(17 * time.Second)
	e := logAt(t, st, cramp.Entry{At: exact, Duration: 2*time.Minute + 34*time.Second})
	u.show("details:" + strconv.FormatUint(e.ID, 10))
	d := viewOf[*detailsView](u, "details")
	if d.duration.label.Text != "About 3 minutes" {
		t.Errorf("length shown %q", d.duration.label.Text)
	}
	test.Tap(findButton(t, u.windows["details"].Content(), "Save"))
	if got, _ := st.Cramp(e.ID); !got.At.Equal(exact) || got.Duration != e.Duration {
		t.Errorf("untouched save changed the cramp: %v %v", got.At, got.Duration)
	}

	u.show("details:" + strconv.FormatUint(e.ID, 10))
	d = viewOf[*detailsView](u, "details")
	test.Tap(d.days.prev)
	tapDay(t, d.days, 30) // Monday 30 November
	d.clock.hour.SetSelected("01")
	d.clock.minute.SetSelected("15")
	for range 2 {
		test.Tap(d.duration.plus)
	}
	test.Tap(findButton(t, u.windows["details"].Content(), "Save"))
	got, _ := st.Cramp(e.ID)
	if want := time.Date(2026, 11, 30, 1, 15, 0, 0, time.Local); !got.At.Equal(want) || got.Duration != 5*time.Minute {
		t.Fatalf("after the edit: %v, %v; want %v, 5m", got.At, got.Duration, want)
	}
	if _, open := u.windows["details"]; open {
		t.Error("details still open after Save")
	}

	// Today at 07:58 for 5 minutes would end at 08:03, after now.
	u.show("details:" + strconv.FormatUint(e.ID, 10))
	d = viewOf[*detailsView](u, "details")
	d.days.set(wed(0, 0))
	d.clock.hour.SetSelected("07")
	d.clock.minute.Options = append(d.clock.minute.Options, "58")
	d.clock.minute.SetSelected("58")
	test.Tap(findButton(t, u.windows["details"].Content(), "Save"))
	if after, _ := st.Cramp(e.ID); !after.At.Equal(got.At) {
		t.Errorf("a cramp ending after now was saved: %v", after.At)
	}
	if !d.errLine.Visible() || !strings.HasPrefix(d.errLine.Text, "Not saved. How long:") {
		t.Errorf("error line %q", d.errLine.Text)
	}
}

// After "Log it" the cramp is in the diary: the form that follows says
// "Remove this cramp", not "Cancel", and removing it offers Undo in the
// history. The history's Edit keeps "Cancel", which changes nothing.
func TestCancelAfterLogItSaysWhatItDoes(t *testing.T) {
	u, st := newTestUI(t, wed(8, 0))
	u.show("main")
	u.show("backdate")
	test.Tap(findButton(t, u.windows["backdate"].Content(), "Log it"))
	list, _ := st.Cramps(time.Time{}, time.Time{})
	if len(list) != 1 {
		t.Fatalf("Log it logged %d cramps", len(list))
	}
	w := u.windows["details"]
	if w == nil {
		t.Fatal("no details after Log it")
	}
	if got := buttonsOf(w.Content()); slices.Contains(got, "Cancel") {
		t.Errorf("the form after Log it offers Cancel, which would keep the cramp: %q", got)
	}
	if !containsPrefix(labelsOf(w.Content()), "Logged: a cramp at") {
		t.Errorf("the form does not say the cramp is logged: %q", labelsOf(w.Content()))
	}
	test.Tap(findButton(t, w.Content(), "Remove this cramp"))
	if list, _ = st.Cramps(time.Time{}, time.Time{}); len(list) != 0 {
		t.Errorf("Remove this cramp kept %v", list)
	}
	if _, open := u.windows["details"]; open {
		t.Error("details still open after removing")
	}
	if !u.main.history.undoBar.Visible() {
		t.Fatal("no Undo after removing")
	}
	test.Tap(findButton(t, u.windows["main"].Content(), "Undo"))
	if list, _ = st.Cramps(time.Time{}, time.Time{}); len(list) != 1 {
		t.Errorf("Undo brought back %d cramps", len(list))
	}

	u.show("details:" + strconv.FormatUint(list[0].ID, 10))
	cancel := findButton(t, u.windows["details"].Content(), "Cancel")
	test.Tap(cancel)
	if list, _ = st.Cramps(time.Time{}, time.Time{}); len(list) != 1 {
		t.Errorf("Cancel on an edit removed the cramp")
	}
}
