package ui

import (
	"context"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/crampcare/crampcare/internal/api"
	"github.com/crampcare/crampcare/internal/cramp"
	"github.com/crampcare/crampcare/internal/diary"
	"github.com/crampcare/crampcare/internal/export"
	"github.com/crampcare/crampcare/internal/insights"
	"github.com/crampcare/crampcare/internal/settings"
	"github.com/crampcare/crampcare/internal/store"
)

// heavyYear writes n cramps, with notes and details, spread over the
// year before now: a heavy diary (issue 18 measured 2,000 to 3,000).
func heavyYear(t testing.TB, st *store.Store, now time.Time, n int) []cramp.Entry {
	t.Helper()
	var f export.File
	step := 365 * 24 * time.Hour / time.Duration(n)
	for i := range n {
		k := i % 11
		f.Cramps = append(f.Cramps, cramp.Entry{At: now.Add(-time.Duration(i+1) * step), Leg: cramp.LegLeft, Muscle: cramp.MuscleCalf,
			Intensity: &k, Duration: time.Minute, Note: "woke at night, calf",
			Helped: map[cramp.Step]cramp.Rating{cramp.StepStretch: cramp.RatingYes}})
	}
	if _, err := st.Import(f); err != nil {
		t.Fatal(err)
	}
	list, err := st.Cramps(time.Time{}, time.Time{})
	if err != nil || len(list) != n {
		t.Fatalf("stored %d cramps (%v), want %d", len(list), err, n)
	}
	return list
}

// countingBackend counts the diary reads the windows make.
type countingBackend struct {
	Backend
	status, cramps, insights int
}

func (b *countingBackend) Status(ctx context.Context) (diary.Status, error) {
	b.status++
	return b.Backend.Status(ctx)
}

func (b *countingBackend) Cramps(ctx context.Context, since time.Time) ([]cramp.Entry, error) {
	b.cramps++
	return b.Backend.Cramps(ctx, since)
}

func (b *countingBackend) Insights(ctx context.Context) (insights.Summary, error) {
	b.insights++
	return b.Backend.Insights(ctx)
}

func counting(u *ui) *countingBackend {
	b := &countingBackend{Backend: u.diary}
	u.diary = b
	return b
}

// countButtons counts the buttons with this text in o's widget tree: the
// history's rows that exist as widgets.
func countButtons(o fyne.CanvasObject, text string) int {
	n := 0
	walk(o, func(o fyne.CanvasObject) {
		if b, ok := o.(*tallButton); ok && b.Text == text {
			n++
		}
	})
	return n
}

// The history of a heavy diary is a virtual list: only about a screenful
// of rows exists as widgets, however long the diary and wherever it is
// scrolled, and the rows on screen show the right nights and cramps.
func TestHistoryOfAHeavyDiaryMakesOnlyTheRowsOnScreen(t *testing.T) {
	u, st := newTestUI(t, day)
	list := heavyYear(t, st, day, 2000)
	u.show("main:history")
	w := u.windows["main"]
	w.Resize(fyne.NewSize(640, 600))
	tab := u.main.tabs.Items[1].Content

	const most = 40 // a 600-pixel window shows about a dozen rows
	edits := countButtons(tab, "Edit")
	if edits == 0 || edits > most {
		t.Fatalf("%d rows with an Edit button exist for 2,000 cramps; want between 1 and %d", edits, most)
	}
	labels := labelsOf(tab)
	newest := list[0]
	if !containsPrefix(labels, u.main.history.hours.Heading(newest.At.Local())) || !containsPrefix(labels, summary(u.lang, newest)) {
		t.Errorf("the top of the history lacks the newest night and cramp %q: %v", summary(u.lang, newest), labels)
	}

	// Scroll through the whole year, a screen at a time.
	v := u.main.history
	for y := float32(0); y < v.list.MinSize().Height; y += 500 {
		v.scroll.ScrollToOffset(fyne.NewPos(0, y))
		v.scroll.OnScrolled(v.scroll.Offset)
		if n := countButtons(tab, "Edit"); n == 0 || n > most {
			t.Fatalf("at %v px: %d rows with an Edit button", y, n)
		}
	}
	if v.created > 2*most {
		t.Errorf("%d rows made while scrolling through the year; want at most %d (rows are reused)", v.created, 2*most)
	}
	// At the end: the oldest cramp of the year, under its night or day.
	v.scroll.ScrollToOffset(fyne.NewPos(0, v.list.MinSize().Height))
	v.scroll.OnScrolled(v.scroll.Offset)
	oldest := list[len(list)-1]
	labels = labelsOf(tab)
	if !containsPrefix(labels, u.main.history.hours.Heading(oldest.At.Local())) || !containsPrefix(labels, summary(u.lang, oldest)) {
		t.Errorf("the end of the history lacks the oldest cramp %q: %v", summary(u.lang, oldest), labels)
	}
	// Each row's buttons act on its own cramp.
	test.Tap(findButton(t, tab, "Edit"))
	d := viewOf[*detailsView](u, "details")
	if d == nil {
		t.Fatal("Edit opened no details")
	}
	found := false
	for _, e := range list[len(list)-40:] {
		found = found || e.ID == d.entry.ID
	}
	if !found {
		t.Errorf("Edit at the end of the history opened cramp %d, not one of the oldest", d.entry.ID)
	}
}

// Rows that wrap get the height they need: none overlaps the next.
func TestHistoryRowsDoNotOverlap(t *testing.T) {
	u, st := newTestUI(t, day)
	for i := range 30 {
		logAt(t, st, cramp.Entry{At: day.Add(-time.Duration(i+1) * 5 * time.Hour), Leg: cramp.LegBoth, Muscle: cramp.MuscleThighBack,
			Duration: 15 * time.Minute, Symptoms: []string{"numbness-tingling", "swelling", "redness-warmth", "numbness-tingling", "weakness"}})
	}
	u.show("main:history")
	u.windows["main"].Resize(fyne.NewSize(480, 600))
	v := u.main.history
	objs := v.list.Objects
	if len(objs) < 3 {
		t.Fatalf("%d rows on screen", len(objs))
	}
	wrapped := false
	for i, o := range objs {
		if o.Size().Height < o.MinSize().Height {
			t.Errorf("row %d is %v high, needs %v", i, o.Size().Height, o.MinSize().Height)
		}
		if i > 0 && objs[i-1].Position().Y+objs[i-1].Size().Height > o.Position().Y {
			t.Errorf("row %d overlaps row %d", i-1, i)
		}
		wrapped = wrapped || o.Size().Height > v.typical[rowCramp]+1
	}
	if !wrapped {
		t.Error("no row wrapped; the test wants long summaries")
	}
}

// One change with the Today page in front reads the status, not a year
// of cramps; the history is read when its tab is shown.
func TestChangeReadsOnlyWhatIsOnScreen(t *testing.T) {
	u, st := newTestUI(t, day)
	heavyYear(t, st, day, 2000)
	u.show("main")
	b := counting(u)
	u.handle(api.Event{Type: api.EventChanged, Change: string(diary.ChangeCramps)})
	if b.status != 1 || b.cramps != 0 || b.insights != 0 {
		t.Errorf("one change with Today in front read status %d, cramps %d, insights %d times; want 1, 0, 0", b.status, b.cramps, b.insights)
	}
	u.main.tabs.SelectIndex(1)
	if b.cramps != 1 {
		t.Errorf("showing the History tab read the cramps %d times, want 1", b.cramps)
	}
	// A glass of water leaves the history as it was.
	u.handle(api.Event{Type: api.EventChanged, Change: string(diary.ChangeGlasses)})
	if b.cramps != 1 {
		t.Errorf("a glass read the cramps again (%d reads)", b.cramps)
	}
	u.handle(api.Event{Type: api.EventChanged, Change: string(diary.ChangeCramps)})
	if b.cramps != 2 {
		t.Errorf("a new cramp with the History in front: %d reads, want 2", b.cramps)
	}
}

// A burst of changes (200 cramps logged from a script) costs a read or
// two, not one each: changes that come while a read runs are read once,
// when it is done.
func TestBurstOfChangesIsReadOnce(t *testing.T) {
	u, st := newTestUI(t, day)
	heavyYear(t, st, day, 500)
	var queued []func()
	u.pace.fetch = func(get func() (put func())) { queued = append(queued, func() { get()() }) }
	u.show("main:history")
	b := counting(u)
	drain := func() {
		for len(queued) > 0 {
			read := queued[0]
			queued = queued[1:]
			read()
		}
	}
	drain() // the history's first read
	for range 200 {
		u.handle(api.Event{Type: api.EventChanged, Change: string(diary.ChangeCramps)})
	}
	if len(queued) != 1 {
		t.Fatalf("200 changes started %d reads at once, want 1", len(queued))
	}
	drain()
	if b.status > 2 || b.cramps > 3 {
		t.Errorf("200 changes read the status %d and the cramps %d times; want at most 2 and 3", b.status, b.cramps)
	}
	if b.status == 0 || b.cramps == 0 {
		t.Errorf("the changes were not read at all (status %d, cramps %d)", b.status, b.cramps)
	}
}

// The diary is read off the Fyne thread; until it answers the windows
// stay as they were, and the relief window appears with its steps in it.
func TestReliefWindowShowsOnceItsStepsAreRead(t *testing.T) {
	u, st := newTestUI(t, day)
	heavyYear(t, st, day, 300)
	e := logAt(t, st, cramp.Entry{At: day.Add(-time.Minute)})
	var queued []func()
	u.pace.fetch = func(get func() (put func())) { queued = append(queued, func() { get()() }) }
	u.show("relief:" + itoa(e.ID))
	w := u.windows["relief"]
	if w == nil || len(queued) != 1 || reliefOf(u) != nil {
		t.Fatalf("relief window %v, %d reads queued, view %v", w, len(queued), reliefOf(u))
	}
	queued[0]()
	if reliefOf(u) == nil || reliefOf(u).entry.ID != e.ID {
		t.Fatalf("after the read, the relief view is %+v", reliefOf(u))
	}
	// Its first page: where is the cramp (the calf chosen already).
	if reliefOf(u).page != pageWhere || !reliefOf(u).where[cramp.MuscleCalf].selected {
		t.Errorf("relief shows page %v", reliefOf(u).page)
	}
}

// BenchmarkHeavyDiaryChange is one change to a heavy diary (2,000 cramps
// in the year, with notes) as the main window sees it with the History
// tab in front: status and a year of cramps read and shown. The window
// process's share of issue 18's "3.7 CPU seconds a change"; profile it
// with -cpuprofile.
func BenchmarkHeavyDiaryChange(b *testing.B) {
	u, st := newTestUIClock(b, func() time.Time { return day })
	heavyYear(b, st, day, 2000)
	u.show("main:history")
	u.windows["main"].Resize(fyne.NewSize(640, 600))
	for b.Loop() {
		u.handle(api.Event{Type: api.EventChanged, Change: string(diary.ChangeCramps)})
	}
	if n := countButtons(u.main.tabs.Items[1].Content, "Edit"); n == 0 {
		b.Fatal("no history shown")
	}
}

// With the History tab in front, the relief steps are ordered by the year
// of cramps it already holds: a cramp logged then reads one cramp, not a
// year again, and the steps that helped still come first.
func TestReliefOverTheHistoryReadsNoYearAgain(t *testing.T) {
	u, st := newTestUI(t, day)
	heavyYear(t, st, day, 300) // stretching helped every time
	u.show("main:history")
	b := counting(u)
	u.onLogCramp() // Ctrl+L, as the History tab has no such button
	if reliefOf(u) == nil {
		t.Fatal("no relief steps")
	}
	// The change the new cramp made reads the history once; the relief
	// window reads nothing more.
	if b.cramps != 1 {
		t.Errorf("logging a cramp over the History read a year of cramps %d times, want 1", b.cramps)
	}
	if first := reliefOf(u).steps[0]; first.ID != cramp.StepStretch {
		t.Errorf("first step %q, want the stretch that helped", first.ID)
	}
}

// While changes keep coming, the history is read at once for the first
// and then at most once a gap, and the last change is always read.
func TestHistoryReadsAtMostEveryGap(t *testing.T) {
	u, st := newTestUI(t, day)
	heavyYear(t, st, day, 300)
	clock := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	var timers []func()
	u.pace.historyGap = 500 * time.Millisecond
	u.pace.clock = func() time.Time { return clock }
	u.pace.after = func(d time.Duration, f func()) {
		if d <= 0 || d > 500*time.Millisecond {
			t.Errorf("waits %v", d)
		}
		timers = append(timers, f)
	}
	reads := 0
	u.pace.readDone = func() { reads++ }
	u.show("main:history")
	b := counting(u)
	change := func() { u.handle(api.Event{Type: api.EventChanged, Change: string(diary.ChangeCramps)}) }

	clock = clock.Add(time.Second)
	change()
	if b.cramps != 1 {
		t.Fatalf("the first change read the history %d times, want 1 (at once)", b.cramps)
	}
	// Ten more within the gap: the status at once, the history later.
	var last cramp.Entry
	for i := range 10 {
		clock = clock.Add(40 * time.Millisecond)
		last = logAt(t, st, cramp.Entry{At: day.Add(-time.Duration(i) * time.Second), Leg: cramp.LegRight, Muscle: cramp.MuscleFoot})
		change()
	}
	if b.cramps != 1 || b.status != 11 || len(timers) != 1 {
		t.Fatalf("within the gap: %d history reads, %d status reads, %d timers; want 1, 11, 1", b.cramps, b.status, len(timers))
	}
	clock = clock.Add(100 * time.Millisecond)
	timers[0]()
	if b.cramps != 2 {
		t.Errorf("after the gap the history was read %d times in all, want 2", b.cramps)
	}
	if reads != 3 { // with the first, when the tab was shown
		t.Errorf("told of %d reads done, want 3", reads)
	}
	// The last of them is there.
	found := false
	for _, it := range u.main.history.items {
		found = found || it.entry.ID == last.ID
	}
	if !found {
		t.Error("the history lacks the cramp logged last")
	}
}

// A change that leaves the doctor advice as it was, or changes only its
// figures, fills in the cards there: no new widgets each change (Fyne
// keeps a widget's parts for a minute after it is gone, which made a
// burst of logs grow the window process by megabytes).
func TestAdviceCardsAreFilledInNotMadeAnew(t *testing.T) {
	u, st := newTestUI(t, day)
	for _, d := range []int{0, 1, 2, 4} {
		logAt(t, st, cramp.Entry{At: day.AddDate(0, 0, -d).Add(-7 * time.Hour), Leg: cramp.LegLeft})
	}
	u.loadStatus()
	u.show("main")
	if len(u.main.advice.Objects) != 1 {
		t.Fatalf("%d advice cards, want 1", len(u.main.advice.Objects))
	}
	card := u.main.advice.Objects[0]
	logAt(t, st, cramp.Entry{At: day.AddDate(0, 0, -3).Add(-7 * time.Hour), Leg: cramp.LegLeft})
	for range 5 {
		u.handle(api.Event{Type: api.EventChanged, Change: string(diary.ChangeCramps)})
	}
	if len(u.main.advice.Objects) != 1 || u.main.advice.Objects[0] != card {
		t.Errorf("the advice card was made anew on a change")
	}
	if texts := labelsOf(u.main.advice); !containsPrefix(texts, "Cramps on 5 of the last 7 nights") {
		t.Errorf("the card was not filled in with the new figures: %v", texts)
	}
	test.Tap(findButton(t, u.main.advice, "Hide for 30 days"))
	if len(u.main.advice.Objects) != 0 || u.main.advice.Visible() {
		t.Error("advice still shown after Hide")
	}
}

// Tab walks on down the history past the rows first on screen, and
// Shift+Tab back up: each row it reaches scrolls into view, and the rows
// after it are made as it goes.
func TestTabWalksDownAHeavyHistory(t *testing.T) {
	u, st := newTestUI(t, day)
	list := heavyYear(t, st, day, 2000)
	u.show("main:history")
	w := u.windows["main"]
	w.Resize(fyne.NewSize(640, 600))
	v := u.main.history
	c := w.Canvas()
	// where says which cramp of list the focused button is for (-1 if
	// the focus is not in the history).
	where := func() int {
		o, ok := c.Focused().(*tallButton)
		if !ok {
			return -1
		}
		if !inView(o) {
			t.Fatalf("Tab reached %s out of sight", describe(o))
		}
		for _, r := range v.shown {
			found := false
			walk(r.obj, func(x fyne.CanvasObject) { found = found || x == o })
			if !found || r.kind != rowCramp {
				continue
			}
			for i, e := range list {
				if e.ID == r.entry.ID {
					return i
				}
			}
		}
		return -1
	}
	c.Unfocus()
	deepest := -1
	for range 200 {
		c.FocusNext()
		deepest = max(deepest, where())
	}
	// 200 presses, two buttons a cramp: some 90 cramps down.
	if deepest < 60 {
		t.Fatalf("Tab got only to cramp %d of the history (scrolled %v px)", deepest, v.scroll.Offset.Y)
	}
	shallowest := deepest
	for range 2 * deepest {
		c.FocusPrevious()
		if i := where(); i >= 0 {
			shallowest = min(shallowest, i)
		}
	}
	if shallowest > 0 {
		t.Errorf("Shift+Tab got back only to cramp %d of the history", shallowest)
	}
	if v.created > 60 {
		t.Errorf("%d rows made on the way; want them reused", v.created)
	}
}

// A larger text size (Settings) makes the history's rows taller at once:
// the heights measured in the old size are forgotten, and no row is cut.
func TestHistoryFollowsTheTextSize(t *testing.T) {
	u, st := newTestUI(t, day)
	heavyYear(t, st, day, 500)
	u.show("main:history")
	u.windows["main"].Resize(fyne.NewSize(640, 600))
	v := u.main.history
	before := v.typical[rowCramp]
	if _, err := u.diary.SetSetting(context.Background(), settings.UIScale, "1.5"); err != nil {
		t.Fatal(err)
	}
	if v.typical[rowCramp] <= before {
		t.Fatalf("a row is %v high at text size 1.5, was %v", v.typical[rowCramp], before)
	}
	if len(v.list.Objects) == 0 {
		t.Fatal("no rows")
	}
	for i, o := range v.list.Objects {
		if o.Size().Height < o.MinSize().Height {
			t.Errorf("row %d is %v high, needs %v", i, o.Size().Height, o.MinSize().Height)
		}
	}
}
