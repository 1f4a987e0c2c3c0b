package ui

import (
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/software"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/crampcare/crampcare/internal/advice"
	"github.com/crampcare/crampcare/internal/cramp"
	"github.com/crampcare/crampcare/internal/routine"
)

// From the first screen of the relief window, one tap on a warning sign
// records it on the cramp and shows at once that this needs medical help
// now, with a clot named; the way back leads to where the person was.
func TestReliefWarningSignIsOneTap(t *testing.T) {
	for _, from := range []reliefPage{pageWhere, pageSteps} {
		u, st := newTestUI(t, atNight)
		e := logAt(t, st, cramp.Entry{At: atNight.Add(-time.Minute)})
		u.show("relief:" + itoa(e.ID))
		v, w := reliefOf(u), u.windows["relief"]
		if from == pageSteps {
			test.Tap(v.goOn)
		}
		if v.page != from {
			t.Fatalf("on page %v, want %v", v.page, from)
		}
		if h := v.warn["swelling"].MinSize().Height; h < minTarget {
			t.Errorf("warning sign button %v px tall", h)
		}
		test.Tap(v.warn["swelling"])
		if v.page != pageUrgent {
			t.Fatalf("from page %v: a warning sign did not open the urgent advice", from)
		}
		texts := strings.Join(labelsOf(w.Content()), "\n")
		for _, want := range []string{"Get medical help now", "today, go to urgent care", "blood clot", "emergency number"} {
			if !strings.Contains(texts, want) {
				t.Errorf("urgent page lacks %q:\n%s", want, texts)
			}
		}
		if got, _ := st.Cramp(e.ID); !slices.Contains(got.Symptoms, "swelling") {
			t.Errorf("sign not recorded: %v", got.Symptoms)
		}
		// A second sign adds to the first, once each.
		test.Tap(v.warn["pale-cold-skin"])
		test.Tap(v.warn["swelling"])
		if got, _ := st.Cramp(e.ID); len(got.Symptoms) != 2 || !strings.Contains(v.urgent.Text, "poor circulation") {
			t.Errorf("signs %v, page %q", got.Symptoms, v.urgent.Text)
		}
		test.Tap(findButton(t, w.Content(), map[reliefPage]string{pageWhere: "Back", pageSteps: "Back to the steps"}[from]))
		if v.page != from {
			t.Errorf("back went to %v, want %v", v.page, from)
		}
		w.Close()
	}
}

// The warmth step no longer treats a swollen leg as self-care: it sends it
// to medical help first, and offers no cold.
func TestReliefWarmthSendsSwellingToHelp(t *testing.T) {
	u, st := newTestUI(t, atNight)
	e := logAt(t, st, cramp.Entry{At: atNight.Add(-time.Minute), Muscle: cramp.MuscleCalf})
	u.show("relief:" + itoa(e.ID))
	v := reliefOf(u)
	for i, s := range v.steps {
		if s.ID == cramp.StepWarmth {
			v.show(i)
		}
	}
	if v.title.Text != "Add warmth" || !strings.HasPrefix(v.text.Text, "First: a leg that is swollen, red or warm is a warning sign") ||
		strings.Contains(v.text.Text, "cold") {
		t.Errorf("warmth step %q: %q", v.title.Text, v.text.Text)
	}
}

// A cramp not marked over 10 minutes after it was logged: the window says
// calmly that most pass by then and when to get help, with a way to it.
// Driven on the injected clock, second by second.
func TestReliefEscalatesAfterTenMinutes(t *testing.T) {
	c := &clock{t: atNight}
	u, st := newTestUIClock(t, c.now)
	tick := &manualTicker{}
	tick.install(u)
	e := logAt(t, st, cramp.Entry{At: c.t})
	u.show("relief:" + itoa(e.ID))
	v := reliefOf(u)
	test.Tap(v.goOn)
	c.add(10*time.Minute - time.Second)
	tick.fn()
	if v.long.Visible() {
		t.Fatal("escalated before 10 minutes")
	}
	c.add(time.Second)
	tick.fn()
	if !v.long.Visible() {
		t.Fatal("no word after 10 minutes")
	}
	if texts := strings.Join(labelsOf(v.long), " "); !strings.Contains(texts, "Most cramps pass within about 10 minutes") || !strings.Contains(texts, "get medical help now") {
		t.Errorf("long-cramp words: %q", texts)
	}
	test.Tap(findButton(t, v.long, "Get help"))
	if v.page != pageUrgent || !strings.Contains(v.urgent.Text, "stretching does not ease it") {
		t.Errorf("Get help: page %v, %q", v.page, v.urgent.Text)
	}
	test.Tap(findButton(t, u.windows["relief"].Content(), "Back to the steps"))
	test.Tap(v.over)
	if v.long.Visible() {
		t.Error("still escalating after It's over")
	}

	// Opened without a logged cramp (the disk was full): counted from the
	// window's opening.
	u2, _ := newTestUIClock(t, c.now)
	tick2 := &manualTicker{}
	tick2.install(u2)
	u2.show("relief")
	c.add(11 * time.Minute)
	tick2.fn()
	if !reliefOf(u2).long.Visible() {
		t.Error("no word after 11 minutes without a logged cramp")
	}
}

// "Where is the cramp?" is asked first, as pictures; the choice is stored
// and the steps show that muscle's stretch and its picture. Water is not a
// step during the cramp.
func TestReliefStretchFitsTheMuscle(t *testing.T) {
	u, st := newTestUI(t, atNight)
	e := logAt(t, st, cramp.Entry{At: atNight.Add(-time.Minute)})
	u.show("relief:" + itoa(e.ID))
	v := reliefOf(u)
	if h := v.where[cramp.MuscleFoot].MinSize().Height; h < minTarget {
		t.Errorf("muscle picture %v px tall", h)
	}
	test.Tap(v.where[cramp.MuscleThighBack])
	if got, _ := st.Cramp(e.ID); got.Muscle != cramp.MuscleThighBack {
		t.Errorf("muscle stored %q", got.Muscle)
	}
	if v.page != pageSteps || v.title.Text != "Stretch the back of the thigh" || strings.TrimPrefix(v.image.Resource().Name(), "night-") != "stretch-thigh-back.svg" {
		t.Errorf("steps for the back of the thigh: %q, %v", v.title.Text, v.image.Resource())
	}
	if strings.Contains(strings.Join(stepsText(v), " "), "stretches the calf") {
		t.Error("the steps say 'stretches the calf' for the back of the thigh")
	}
	for _, s := range v.steps {
		if s.ID == cramp.StepWater {
			t.Error("water offered while the cramp is happening")
		}
		if s.ID == cramp.StepStand && !strings.HasPrefix(s.Text, "If you can") {
			t.Errorf("standing: %q", s.Text)
		}
	}
	// Back on the first step returns to the pictures; Enter there goes on
	// with the muscle chosen.
	test.Tap(v.back)
	if v.page != pageWhere || !v.where[cramp.MuscleThighBack].selected {
		t.Fatalf("back from step 1: page %v", v.page)
	}
	u.windows["relief"].Canvas().(software.WindowlessCanvas).OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if v.page != pageSteps || v.title.Text != "Stretch the back of the thigh" {
		t.Errorf("Enter on the pictures: page %v, %q", v.page, v.title.Text)
	}
}

func stepsText(v *reliefView) []string {
	var out []string
	for _, s := range v.steps {
		out = append(out, s.Text)
	}
	return out
}

// The help screen: the urgent list first and in red, then "See your
// doctor", every text from the advice package; "Preventing cramps" one
// tap away with the sleep set-up, drinking (the evening taper explained),
// medicines, supplements and restless legs.
func TestHelpScreen(t *testing.T) {
	u, _ := newTestUI(t, day)
	u.show("help")
	w := u.windows["help"]
	texts := labelsTopDown(w.Content())
	urgent, doctor := -1, -1
	for i, l := range texts {
		if strings.HasPrefix(l, "Get medical help now") && urgent < 0 {
			urgent = i
		}
		if strings.HasPrefix(l, "See your doctor") && doctor < 0 {
			doctor = i
		}
	}
	if urgent < 0 || doctor < urgent {
		t.Fatalf("urgent at %d, doctor at %d: the urgent list comes first\n%v", urgent, doctor, texts)
	}
	if !hasRedOutline(w.Content()) {
		t.Error("urgent list not set apart")
	}
	red := map[string]bool{}
	walk(w.Content(), func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && l.Importance == widget.DangerImportance {
			red[strings.TrimPrefix(l.Text, "•  ")] = true
		}
	})
	for _, s := range advice.Texts(advice.UrgentSigns()...) {
		if !red[s] {
			t.Errorf("urgent sign %q not shown in red", s)
		}
	}
	for _, s := range advice.Texts(advice.DoctorSigns()...) {
		if red[s] {
			t.Errorf("%q in red: red is for the urgent signs", s)
		}
		if !containsText(texts, s) {
			t.Errorf("help lacks %q", s)
		}
	}
	help := viewOf[*helpView](u, "help")
	test.Tap(help.preventBtn)
	texts = labelsOf(w.Content())
	for _, want := range []string{"Preventing cramps", "toes pointed down", "blankets loose", "pillow under your knees", "Pale yellow urine",
		"hot weather", "less in the last hours before bed", "Avoid hard exercise just before bed", "statins", "only on your doctor's advice",
		"Is it a cramp or restless legs?", "follow the label"} {
		if !containsText(texts, want) && !containsText(lower(texts), strings.ToLower(want)) {
			t.Errorf("prevention page lacks %q", want)
		}
	}
	test.Tap(help.backBtn)
	if !containsPrefix(labelsOf(w.Content()), "Get medical help now") {
		t.Error("back from prevention did not return to the help page")
	}
}

func lower(list []string) []string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = strings.ToLower(s)
	}
	return out
}

// The evening stretch says its real length, get-ready pauses included, and
// follows the choices; the end page gives the sleep set-up tips.
func TestStretchLengthAndSleepTips(t *testing.T) {
	c := &clock{t: time.Date(2026, 11, 23, 21, 30, 0, 0, time.Local)}
	u, _ := newTestUIClock(t, c.now)
	v := u.openStretch("")
	want := routine.About(routine.Length(routine.Plan(routine.Evening(), v.choice)))
	if !strings.HasPrefix(strings.ToLower(v.length.Text), want) || strings.Contains(v.length.Text, "five") {
		t.Errorf("start page says %q, want %q", v.length.Text, want)
	}
	test.Tap(v.rounds[2])
	if want3 := routine.About(routine.Length(routine.Plan(routine.Evening(), v.choice))); !strings.HasPrefix(strings.ToLower(v.length.Text), want3) || want3 == want {
		t.Errorf("with 3 rounds: %q, want %q (not %q)", v.length.Text, want3, want)
	}
	test.Tap(v.start)
	v.onStop()
	texts := labelsOf(u.windows["stretch"].Content())
	for _, tip := range advice.Texts(advice.SleepTips()...) {
		if !containsText(texts, tip) {
			t.Errorf("end page lacks the tip %q", tip)
		}
	}
}

// The details form offers no alcohol (no source names it) but keeps an old
// diary's choice visible so it can be taken off; signs of infection can be
// logged.
func TestDetailsTriggersAndSigns(t *testing.T) {
	u, st := newTestUI(t, day)
	e := logAt(t, st, cramp.Entry{At: day.Add(-5 * time.Hour)})
	d := u.openDetails(itoa(e.ID))
	if _, ok := d.triggers["caffeine-alcohol"]; ok {
		t.Error("alcohol offered")
	}
	if _, ok := d.symptoms["infection"]; !ok {
		t.Error("signs of infection cannot be logged")
	}
	u.windows["details"].Close()
	old := logAt(t, st, cramp.Entry{At: day.Add(-30 * time.Hour), Triggers: []string{"caffeine-alcohol"}})
	b, ok := u.openDetails(itoa(old.ID)).triggers["caffeine-alcohol"]
	if !ok || b.Importance != widget.HighImportance {
		t.Fatal("an old diary's alcohol trigger is not shown")
	}
	test.Tap(b)
	test.Tap(findButton(t, u.windows["details"].Content(), "Save"))
	got, err := st.Cramp(old.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Triggers) != 0 {
		t.Errorf("triggers after taking it off: %v", got.Triggers)
	}
}
