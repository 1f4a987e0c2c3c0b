package ui

import (
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/crampcare/crampcare/internal/cramp"
	"github.com/crampcare/crampcare/internal/input"
	"github.com/crampcare/crampcare/internal/l10n"
	"github.com/crampcare/crampcare/internal/night"
)

// historyView lists the logged cramps grouped by night, newest first, each
// with Edit and Delete. A delete can be undone from the bar that appears.
//
// A year of a heavy diary holds thousands of cramps, so the list is
// virtual: only the rows on screen (and up to a cramp past each end, so
// that Tab can walk on into the next) exist as widgets, and scrolling hands the rows
// that leave the screen to the ones that come in. Rows differ in height (a
// night's heading, a summary that wraps), so each row's height is measured
// when it is first shown and remembered by its text; the rows not shown
// yet count at a typical row's height.
type historyView struct {
	// tr is the language the window speaks.
	tr        *l10n.Lang
	scroll    *container.Scroll
	stack     *fyne.Container // holds list or empty, inside the scroll's padding
	list      *fyne.Container // the rows on screen, laid out by place
	empty     *fyne.Container // what to do when nothing is logged yet
	emptyText *widget.Label
	noTray    bool // no tray: the empty state does not point to one
	undoBar   *fyne.Container
	undoLabel *widget.Label

	onEdit   func(e cramp.Entry)
	onDelete func(e cramp.Entry)
	onUndo   func()
	onReport func()

	items []historyItem
	// heights[i] is items[i]'s height: measured, or a typical row's.
	heights []float32
	// measured remembers heights by row text, at width for this theme.
	measured map[string]float32
	width    float32
	textSize float32
	typical  [2]float32 // a heading's and a cramp row's usual height
	minWidth float32

	shown   map[string]*historyRow // the rows on screen, by item (its ident)
	spare   [2][]*historyRow       // rows off screen, by kind, for reuse
	created int                    // rows ever made, for tests
	// placing is set while place runs; again, that it was asked to run
	// meanwhile (measuring resized the list, and the scroll laid it out).
	placing bool
	again   bool

	// hours are the night hours (from the status): a cramp inside them is
	// listed under its night, any other under its day. entries are the
	// cramps shown, to list them again when the hours change.
	hours   night.Hours
	entries []cramp.Entry
}

// setHours lists the cramps again if the night hours changed.
func (v *historyView) setHours(h night.Hours) {
	if h == v.hours {
		return
	}
	v.hours = h
	if v.entries != nil {
		v.refresh(v.entries)
	}
}

// historyItem is one line of the history: a night's heading or a cramp.
type historyItem struct {
	kind  int // rowHeading or rowCramp
	text  string
	entry cramp.Entry
}

const (
	rowHeading = iota
	rowCramp
)

// historyRow is the widgets of one line on screen.
type historyRow struct {
	kind  int
	obj   fyne.CanvasObject
	label *widget.Label
	entry cramp.Entry // the cramp its buttons act on
}

// key says what decides an item's height: its kind and text.
func (it historyItem) key() string { return strconv.Itoa(it.kind) + it.text }

// ident tells items apart: a row that showed an item before a change
// shows it after, and is only moved, when the list shifts.
func (it historyItem) ident() string {
	return it.key() + "\x00" + strconv.FormatUint(it.entry.ID, 10)
}

// setNoTray words the empty state for a desktop with or without a tray:
// without one, pointing to the tray would send the person looking for
// something that is not there.
func (v *historyView) setNoTray(noTray bool) {
	v.noTray = noTray
	if v.emptyText == nil {
		return
	}
	t := v.tr.T("When a cramp wakes you, click \"Log a cramp now\" in the tray or on the Today page. Your nights will be listed here.")
	if noTray {
		t = v.tr.T("When a cramp wakes you, click \"Log a cramp now\" on the Today page. Your nights will be listed here.")
	}
	if v.emptyText.Text != t {
		v.emptyText.SetText(t)
	}
}

func (v *historyView) build() fyne.CanvasObject {
	tr := v.tr
	v.list = container.New(historyLayout{v})
	v.emptyText = body("")
	v.setNoTray(v.noTray)
	v.empty = container.NewVBox(subheading(tr.T("No cramps logged yet")), v.emptyText)
	v.empty.Hide()
	v.measured = map[string]float32{}
	v.shown = map[string]*historyRow{}
	v.undoLabel = body("")
	v.undoBar = container.NewBorder(nil, nil, nil, newTallButton(tr.T("Undo"), theme.ContentUndoIcon(), minTarget, v.onUndo), v.undoLabel)
	v.undoBar.Hide()
	report := newTallButton(tr.T("Report for my doctor (PDF)"), theme.DocumentIcon(), minTarget, v.onReport)
	v.stack = container.NewStack(v.empty, v.list)
	v.scroll = container.NewVScroll(container.NewPadded(v.stack))
	v.scroll.OnScrolled = func(fyne.Position) { v.place() }
	return container.NewBorder(container.NewVBox(v.undoBar, report), nil, nil, nil, v.scroll)
}

// refresh shows entries (newest first), grouped by night inside the night
// hours and by day outside them.
func (v *historyView) refresh(entries []cramp.Entry) {
	v.entries = entries
	items := make([]historyItem, 0, len(entries)+len(entries)/2)
	var current string
	for _, e := range entries {
		if h := v.hours.Heading(e.At.Local()); h != current {
			current = h
			items = append(items, historyItem{kind: rowHeading, text: v.tr.T(h)})
		}
		items = append(items, historyItem{kind: rowCramp, text: summary(v.tr, e), entry: e})
	}
	v.items = items
	v.heights = make([]float32, len(items))
	for i, it := range items {
		v.heights[i] = v.heightOf(it)
	}
	if len(items) == 0 {
		v.empty.Show()
		v.list.Hide()
	} else {
		v.empty.Hide()
		v.list.Show()
	}
	v.resized()
	v.place()
}

// resized tells the scroll that the list's height changed. Only the
// scroll itself is refreshed: Scroll.Refresh would refresh every row too,
// which costs more than the rest of a change put together.
func (v *historyView) resized() { v.scroll.Base.Refresh() }

// heightOf is an item's measured height, or a typical one's.
func (v *historyView) heightOf(it historyItem) float32 {
	if h, ok := v.measured[it.key()]; ok {
		return h
	}
	return v.typical[it.kind]
}

// themeChanged forgets the heights measured in the old text size, and the
// spare rows: off screen, they missed the new colours.
func (v *historyView) themeChanged() {
	v.width = -1
	v.spare = [2][]*historyRow{}
	v.place()
}

// historyLayout places the history's rows: its size is the whole list's,
// and the rows on screen go where they belong in it.
type historyLayout struct{ v *historyView }

// MinSize implements fyne.Layout.
func (l historyLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	v := l.v
	if len(v.heights) == 0 {
		return fyne.NewSize(0, 0)
	}
	h := theme.Padding() * float32(len(v.heights)-1)
	for _, x := range v.heights {
		h += x
	}
	return fyne.NewSize(v.minWidth, h)
}

// Layout implements fyne.Layout.
func (l historyLayout) Layout([]fyne.CanvasObject, fyne.Size) { l.v.place() }

// place puts the rows for the visible part of the list on screen, making,
// reusing and measuring them as needed. Measuring can change the list's
// height, which makes the scroll lay it out again: that comes back here
// and is done in the loop rather than nested.
func (v *historyView) place() {
	if v.list == nil {
		return
	}
	if v.placing {
		v.again = true
		return
	}
	v.placing = true
	defer func() { v.placing = false }()
	for range 4 {
		v.again = false
		before := v.list.MinSize()
		v.placeOnce()
		if v.list.MinSize() != before {
			v.resized()
		}
		if !v.again {
			return
		}
	}
}

func (v *historyView) placeOnce() {
	width, view := v.list.Size().Width, v.scroll.Size().Height
	if width <= 0 || view <= 0 || !v.list.Visible() {
		return
	}
	if size := theme.TextSize(); width != v.width || size != v.textSize {
		v.width, v.textSize = width, size
		v.remeasure()
	}
	pad := theme.Padding()
	top := v.scroll.Offset.Y - v.stack.Position().Y
	bottom := top + view
	// The first item on screen, and above it up to a cramp, whose
	// buttons Shift+Tab goes to next.
	first, y := 0, float32(0)
	for first < len(v.items) && y+v.heights[first] < top {
		y += v.heights[first] + pad
		first++
	}
	for first > 0 {
		first--
		y -= v.heights[first] + pad
		if v.items[first].kind == rowCramp {
			break
		}
	}
	prev := v.shown
	shown := make(map[string]*historyRow, len(prev))
	objects := make([]fyne.CanvasObject, 0, len(prev))
	for i := first; i < len(v.items); i++ {
		it := v.items[i]
		start := y
		id := it.ident()
		r := prev[id]
		if r != nil {
			delete(prev, id)
		} else {
			r = v.takeRow(it.kind)
			r.label.SetText(it.text)
		}
		r.entry = it.entry
		shown[id] = r
		r.obj.Resize(fyne.NewSize(width, v.heights[i]))
		if h := r.obj.MinSize().Height; h != v.heights[i] {
			v.heights[i] = h
			v.measured[it.key()] = h
			r.obj.Resize(fyne.NewSize(width, h))
		}
		r.obj.Move(fyne.NewPos(0, y))
		y += v.heights[i] + pad
		objects = append(objects, r.obj)
		if start > bottom && it.kind == rowCramp {
			break // a cramp past the end of the screen, whose buttons Tab goes to next
		}
	}
	for _, r := range prev {
		v.spare[r.kind] = append(v.spare[r.kind], r)
	}
	v.shown = shown
	v.list.Objects = objects
	canvas.Refresh(v.list)
}

// takeRow returns a spare row of a kind, or a new one.
func (v *historyView) takeRow(kind int) *historyRow {
	if n := len(v.spare[kind]); n > 0 {
		r := v.spare[kind][n-1]
		v.spare[kind] = v.spare[kind][:n-1]
		return r
	}
	return v.newRow(kind)
}

// newRow makes a row of a kind for the list (and counts it, for tests).
func (v *historyView) newRow(kind int) *historyRow {
	v.created++
	return v.makeRow(kind)
}

func (v *historyView) makeRow(kind int) *historyRow {
	tr := v.tr
	r := &historyRow{kind: kind}
	if kind == rowHeading {
		r.label = subheading("")
		r.obj = r.label
		return r
	}
	r.label = body("")
	edit := newTallButton(tr.T("Edit"), theme.DocumentCreateIcon(), minTarget, func() { v.onEdit(r.entry) })
	del := newTallButton(tr.T("Delete"), theme.DeleteIcon(), minTarget, func() { v.onDelete(r.entry) })
	r.obj = container.NewBorder(nil, nil, nil, container.NewHBox(edit, del), r.label)
	return r
}

// remeasure forgets the measured heights (the width or the text size
// changed) and finds a typical heading's and row's height afresh.
func (v *historyView) remeasure() {
	clear(v.measured)
	for kind := range v.typical {
		r := v.makeRow(kind)
		// Sample rows, measured for their height only.
		r.label.SetText("Night of Wednesday 30 September")
		if kind == rowCramp {
			r.label.SetText(v.tr.Clock(3, 10) + " · left calf · 7 of 10")
			v.minWidth = r.obj.MinSize().Width
		}
		r.obj.Resize(fyne.NewSize(v.width, 1))
		v.typical[kind] = r.obj.MinSize().Height
	}
	for i, it := range v.items {
		v.heights[i] = v.typical[it.kind]
	}
}

// summary says a cramp in one line: "03:10 · left calf · 7 of 10 · 2 minutes".
func summary(tr *l10n.Lang, e cramp.Entry) string {
	parts := []string{tr.Time(e.At.Local())}
	if where := whereWords(tr, e.Leg, e.Muscle); where != "" {
		parts = append(parts, where)
	}
	if e.Intensity != nil {
		parts = append(parts, tr.T("{{.Level}} of 10", l10n.Args{"Level": *e.Intensity}))
	}
	if e.Duration > 0 {
		parts = append(parts, lengthWords(tr, e.Duration))
	}
	if flags := e.RedFlags(); len(flags) > 0 {
		signs := make([]string, len(flags))
		for i, f := range flags {
			signs[i] = tr.T(f)
		}
		parts = append(parts, tr.T("with {{.Signs}}", l10n.Args{"Signs": lowerIn(tr, strings.Join(signs, ", "))}))
	}
	if e.NeedsDetails() {
		parts = append(parts, tr.T("no details yet"))
	}
	return strings.Join(parts, " · ")
}

// whereWords says where a cramp was, as the history's line says it: "left
// calf", "both legs, foot", "right leg"; "" when neither is known. Each
// leg and muscle together is a message of its own: languages put the side
// after the muscle, or change it for the muscle's gender.
func whereWords(tr *l10n.Lang, leg cramp.Leg, m cramp.Muscle) string {
	if id := whereID(leg, m); id != "" {
		return tr.T(id)
	}
	if leg == "" && m == "" {
		return ""
	}
	// A leg or muscle this version does not know: as it is stored.
	return strings.TrimSpace(string(leg) + " " + strings.ToLower(m.Label()))
}

// whereID is whereWords' message for a leg and a muscle this version
// knows, or "".
func whereID(leg cramp.Leg, m cramp.Muscle) string {
	const (
		calf  = cramp.MuscleCalf
		front = cramp.MuscleThighFront
		back  = cramp.MuscleThighBack
		foot  = cramp.MuscleFoot
	)
	// One message for each pair: languages put the side after the
	// muscle, or change it for the muscle's gender.
	return map[cramp.Leg]map[cramp.Muscle]string{
		"": {calf: l10n.Mark("calf"), front: l10n.Mark("front of thigh"), back: l10n.Mark("back of thigh"), foot: l10n.Mark("foot")},
		cramp.LegLeft: {"": l10n.Mark("left leg"), calf: l10n.Mark("left calf"), front: l10n.Mark("left front of thigh"),
			back: l10n.Mark("left back of thigh"), foot: l10n.Mark("left foot")},
		cramp.LegRight: {"": l10n.Mark("right leg"), calf: l10n.Mark("right calf"), front: l10n.Mark("right front of thigh"),
			back: l10n.Mark("right back of thigh"), foot: l10n.Mark("right foot")},
		cramp.LegBoth: {"": l10n.Mark("both legs"), calf: l10n.Mark("both legs, calf"), front: l10n.Mark("both legs, front of thigh"),
			back: l10n.Mark("both legs, back of thigh"), foot: l10n.Mark("both legs, foot")},
	}[leg][m]
}

// lowerIn is s with a lower-case first letter where the language writes
// the names inside a sentence so (German keeps its nouns' capitals).
func lowerIn(tr *l10n.Lang, s string) string {
	if tr.Code() == "de" {
		return s
	}
	return strings.ToLower(s)
}

// lengthWords says how long a cramp lasted: "40 seconds", "a minute", "3
// minutes" (l10n.Lang.Length).
func lengthWords(tr *l10n.Lang, d time.Duration) string { return tr.Length(d) }

func (v *historyView) showUndo(msg string) {
	v.undoLabel.SetText(msg)
	v.undoBar.Show()
}

func (v *historyView) hideUndo() { v.undoBar.Hide() }

// backdateView logs a cramp that happened earlier: presets for the last
// hour, and any day back to a year with its time, so that nothing needs
// typing.
type backdateView struct {
	tr      *l10n.Lang
	now     func() time.Time
	days    *dayPicker
	picker  *timePicker
	errLine *widget.Label
	logIt   *tallButton
	// onLog logs a cramp at the moment given; an error is shown here (a
	// moment still to come, say: the domain refuses it).
	onLog  func(at time.Time) error
	onHelp func()
}

func (v *backdateView) build() fyne.CanvasObject {
	tr := v.tr
	preset := func(label string, ago time.Duration) fyne.CanvasObject {
		return newTallButton(label, nil, minTarget, func() { v.log(v.now().Add(-ago)) })
	}
	// The day and time start on the latest 03:00 gone by: a night cramp
	// logged in the morning is one tap, as "last night at 03:00" was.
	c, _ := input.ParseClock("", "03:00")
	v.days = newDayPicker(tr, c.Latest(v.now()), v.now())
	v.picker = newTimePicker(tr, "03:00")
	// Until a day is tapped, the day follows the time: at 07:00, 23:30 is
	// last night's, as a person logging a night cramp means.
	v.picker.onChanged(func() {
		if !v.days.picked {
			c, _ := input.ParseClock("", v.picker.value())
			v.days.set(c.Latest(v.now()))
		}
	})
	v.errLine = body("")
	v.errLine.Importance = widget.DangerImportance
	v.errLine.Hide()
	v.logIt = mainButton(tr.T("Log it"), theme.ConfirmIcon(), func() { v.log(v.pickedAt()) })
	content := container.NewVBox(
		heading(tr.T("Log a cramp I had")),
		body(tr.T("When was it?")),
		container.NewGridWithColumns(2,
			preset(tr.T("Just now"), 0), preset(tr.T("15 minutes ago"), 15*time.Minute),
			preset(tr.T("30 minutes ago"), 30*time.Minute), preset(tr.T("An hour ago"), time.Hour)),
		widget.NewSeparator(),
		subheading(tr.T("Another day, up to a year back")),
		v.days.object(),
	)
	// The time and "Log it" stay in view under the month of days.
	bottom := container.NewVBox(
		container.NewPadded(container.NewVBox(container.NewHBox(widget.NewLabel(tr.T("At")), v.picker.object()), v.errLine, v.logIt)),
		adviceFooter(tr, v.onHelp))
	return container.NewBorder(nil, bottom, nil, nil, container.NewVScroll(container.NewPadded(content)))
}

// log logs at, or says why not.
func (v *backdateView) log(at time.Time) {
	if err := v.onLog(at); err != nil {
		v.errLine.SetText(v.tr.T("Not logged.") + " " + plainInvalid(v.tr, err))
		v.errLine.Show()
		return
	}
	v.errLine.Hide()
}

// pickedAt is the picked time on the picked day.
func (v *backdateView) pickedAt() time.Time { return at(v.days.value(), v.picker.value()) }
