package ui

import (
	"context"
	"fmt"
	"image/color"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/crampcare/crampcare/internal/advice"
	"github.com/crampcare/crampcare/internal/cramp"
	"github.com/crampcare/crampcare/internal/l10n"
	"github.com/crampcare/crampcare/internal/redflags"
	"github.com/crampcare/crampcare/internal/relief"
)

// reliefView is the relief flow at 3 a.m.: first "Where is the cramp?" as
// pictures (the calf chosen already, so one tap or Enter goes on), then the
// steps for that muscle one at a time, large and calm, with a countdown
// where holding helps. From the first screen on, a row of warning signs is
// one tap from the urgent advice, and records the sign on the cramp; after
// about 10 minutes the window says calmly when to get help. "It's over"
// records how long the cramp lasted, says what to do afterwards, and asks,
// one tap each and all optional, which leg, which muscle and how bad.
type reliefView struct {
	// room is the widest the content may be (ui.room).
	room func() float32
	// tr is the language the window speaks, as it was when it opened.
	tr      *l10n.Lang
	entry   cramp.Entry // ID 0 when opened without a logged cramp
	history []cramp.Entry
	steps   []relief.Step // the steps during the cramp, in this person's order
	stats   map[cramp.Step]relief.Stat
	now     func() time.Time
	// opened is when the window opened: the start of a cramp that could
	// not be logged.
	opened  time.Time
	picture func(name string) fyne.Resource
	// art draws the pictures off the Fyne thread: the words come first.
	art *artist

	onOver  func(e cramp.Entry) // save the duration
	onSave  func(e cramp.Entry) // save an answer
	onClose func()
	onHelp  func()

	page      reliefPage
	prev      reliefPage // the page to go back to from the urgent page
	i         int
	remaining time.Duration
	asking    bool

	stage     *fyne.Container
	stepsPage fyne.CanvasObject
	// warnings are the warning-sign buttons (and the word about a long
	// cramp). With text up to 100 % they sit under every page (warnBar);
	// with larger text (large) they go into the page's scrolling part,
	// under the step, so that the step, its countdown and the buttons
	// keep the screen (warnSlot, the current page's place for them).
	warnings  *fyne.Container
	warnBar   *fyne.Container
	warnSlot  *fyne.Container
	stepsSlot *fyne.Container
	promptBox *fyne.Container
	warnRow   *fyne.Container
	large     bool
	position  *widget.Label
	title     *widget.Label
	text      *widget.Label
	helped    *widget.Label
	countdown *widget.Label
	keepGoing *widget.Label
	bar       *widget.ProgressBar
	image     *illustration
	back      *tallButton
	next      *tallButton
	over      *tallButton
	goOn      *tallButton
	// long says, after about 10 minutes, when to get help; hidden before.
	long *fyne.Container

	where   map[cramp.Muscle]*pictureButton
	warn    map[string]*tallButton
	urgent  *widget.Label // the urgent page's list of the signs seen
	legs    map[cramp.Leg]*tallButton
	muscles map[cramp.Muscle]*pictureButton
	levels  [cramp.MaxIntensity + 1]*tallButton
}

// reliefPage is what the relief window shows.
type reliefPage int

const (
	pageWhere  reliefPage = iota // "Where is the cramp?"
	pageSteps                    // the relief steps
	pageUrgent                   // get medical help now
	pageOver                     // the cramp is over: the questions
)

// warningSigns are the signs the relief window offers at one tap, with
// short labels that fit a row; the names are cramp.Symptoms names.
func warningSigns() []cramp.Choice {
	return []cramp.Choice{{Name: "swelling", Label: l10n.Mark("Swollen")}, {Name: "redness-warmth", Label: l10n.Mark("Red or warm")}, {Name: "pale-cold-skin", Label: l10n.Mark("Pale, cold or blue")}}
}

// longCramp is when the window says that a cramp has lasted longer than
// most: the facts sheet's "usually over within about 10 minutes".
const longCramp = redflags.LongCramp

func (v *reliefView) build() fyne.CanvasObject {
	tr := v.tr
	if v.opened.IsZero() {
		v.opened = v.now()
	}
	if v.entry.Muscle == "" {
		v.setMuscle(cramp.MuscleCalf)
	} else {
		v.setMuscle(v.entry.Muscle)
	}
	v.position = widget.NewLabel("")
	v.title = heading("")
	v.text = widget.NewLabel("")
	v.text.Wrapping = fyne.TextWrapWord
	v.text.SizeName = theme.SizeNameSubHeadingText
	v.helped = body("")
	v.helped.Importance = widget.SuccessImportance
	v.countdown = widget.NewLabel("")
	v.countdown.SizeName = countdownSize
	v.countdown.TextStyle.Bold = true
	v.keepGoing = subheading(tr.T(advice.Text(advice.ReliefKeepGoing)))
	v.keepGoing.Hide()
	v.bar = widget.NewProgressBar()
	v.bar.TextFormatter = func() string { return "" }
	v.image = v.art.illustration(nil, fyne.NewSize(200, 200))
	v.back = newTallButton(tr.T("Back"), theme.NavigateBackIcon(), minTarget, func() {
		if v.i == 0 {
			v.showPage(pageWhere)
			return
		}
		v.show(v.i - 1)
	})
	v.next = newTallButton(tr.T("Next step"), theme.NavigateNextIcon(), minTarget, func() { v.show(v.i + 1) })
	v.next.IconPlacement = widget.ButtonIconTrailingText
	v.over = mainButton(tr.T("It's over"), theme.ConfirmIcon(), v.onOverTapped)

	v.large = largeText()
	// The countdown sits beside the title and the instruction right under
	// them, first in the scrolling part: the window is sized (see fit) so
	// that they are in view whole, above the buttons, with the step's
	// picture beside them only where there is room for it.
	head := container.NewBorder(nil, nil, nil, v.countdown, container.NewVBox(v.position, v.title))
	v.stepsSlot = container.NewStack()
	words := container.NewVBox(head, v.keepGoing, thin(v.bar), v.text, v.helped, v.stepsSlot)
	v.stepsPage = container.NewBorder(nil, newFitColumns(3, v.room, v.back, v.over, v.next), nil, nil,
		container.New(&besideLayout{side: 0.35, sideMin: 220}, v.image, container.NewVScroll(words)))

	longText := body(tr.T(advice.Text(advice.ReliefLong)))
	longText.Importance = widget.DangerImportance
	v.long = container.NewVBox(urgentBox(container.NewBorder(nil, nil, nil,
		newTallButton(tr.T("Get help"), theme.WarningIcon(), minTarget, func() { v.showUrgent() }), longText)))
	v.long.Hide()

	v.warn = map[string]*tallButton{}
	// Beside the prompt (up to 100 %) the row has the room less the
	// prompt's: the signs stack before they push the window wider.
	warnRow := newFitColumns(len(warningSigns()), func() float32 {
		if v.room == nil {
			return float32(math.Inf(1))
		}
		if v.large || v.promptBox == nil {
			return v.room()
		}
		return v.room() - v.promptBox.MinSize().Width - theme.Padding()
	})
	for _, c := range warningSigns() {
		name := c.Name
		b := newTallButton(tr.T(c.Label), nil, minTarget, func() { v.warningSign(name) })
		v.warn[name] = b
		warnRow.Add(b)
	}
	prompt := body(tr.T("Warning sign? Tap it:"))
	prompt.Importance = widget.DangerImportance
	prompt.Wrapping = fyne.TextWrapOff // beside the row: as wide as it reads
	// One row up to 100 %: the prompt, then the signs; with larger text
	// the prompt goes above them, or the row would not fit the screen.
	v.promptBox, v.warnRow = container.NewHBox(widget.NewIcon(theme.WarningIcon()), prompt), warnRow
	v.warnings = container.NewVBox()
	v.arrangeWarnings()
	v.warnBar = container.NewStack()

	v.stage = container.NewStack()
	if v.entry.Muscle == "" {
		v.showPage(pageWhere)
	} else {
		v.showPage(pageSteps)
	}
	v.checkLong()
	return container.NewBorder(nil, adviceFooter(v.tr, v.onHelp), nil, nil,
		container.NewPadded(container.NewBorder(nil, v.warnBar, nil, nil, v.stage)))
}

// showPage puts a page on the stage.
func (v *reliefView) showPage(p reliefPage) {
	v.page = p
	var o fyne.CanvasObject
	v.warnSlot = container.NewStack()
	switch p {
	case pageWhere:
		o = v.wherePage()
	case pageSteps:
		o = v.stepsPage
		v.warnSlot = v.stepsSlot
		v.show(v.i)
	case pageUrgent:
		o = v.urgentPage()
	case pageOver:
		o = v.questions()
	}
	v.placeWarnings()
	v.stage.Objects = []fyne.CanvasObject{o}
	v.stage.Refresh()
}

// arrangeWarnings lays the warning signs out for the text size.
func (v *reliefView) arrangeWarnings() {
	if v.large {
		v.warnings.Objects = []fyne.CanvasObject{v.long, v.promptBox, v.warnRow}
	} else {
		v.warnings.Objects = []fyne.CanvasObject{v.long, container.NewBorder(nil, nil, v.promptBox, nil, v.warnRow)}
	}
	v.warnings.Refresh()
}

// textSizeChanged moves the warning signs where the new text size wants
// them, while the window is open.
func (v *reliefView) textSizeChanged() {
	if large := largeText(); large != v.large {
		v.large = large
		v.arrangeWarnings()
		v.placeWarnings()
	}
}

// placeWarnings puts the warning signs where this page and text size want
// them: under the page, or in its scrolling part. After "It's over" they
// give way to the questions; "When to get help" stays in the footer.
func (v *reliefView) placeWarnings() {
	v.warnBar.Objects, v.stepsSlot.Objects = nil, nil
	switch {
	case v.page == pageOver:
	case v.large:
		v.warnSlot.Objects = []fyne.CanvasObject{v.warnings}
	default:
		v.warnBar.Objects = []fyne.CanvasObject{v.warnings}
	}
	v.warnBar.Refresh()
	v.warnSlot.Refresh()
}

// setMuscle puts the steps for muscle, in this person's order.
func (v *reliefView) setMuscle(m cramp.Muscle) {
	steps, stats := relief.Personal(relief.Steps(m), v.history)
	v.steps, v.stats = relief.During(steps), stats
}

// chosenMuscle is the muscle the steps are for: the one said, or the calf.
func (v *reliefView) chosenMuscle() cramp.Muscle {
	if v.entry.Muscle == "" {
		return cramp.MuscleCalf
	}
	return v.entry.Muscle
}

// wherePage asks "Where is the cramp?" with a picture per muscle. The calf,
// most often the one, is chosen already: one tap on a picture, or on the
// big button (or Enter), goes on to the steps.
func (v *reliefView) wherePage() fyne.CanvasObject {
	tr := v.tr
	v.where = map[cramp.Muscle]*pictureButton{}
	grid := container.NewGridWithColumns(4)
	for _, m := range cramp.Muscles() {
		b := newPictureButton(tr.T(m.Label()), v.art.illustration(v.picture(relief.Stretch(m).Picture), fyne.NewSize(96, 96)), func() { v.chooseMuscle(m) })
		b.setSelected(m == v.chosenMuscle())
		v.where[m] = b
		grid.Add(b)
	}
	v.goOn = mainButton(tr.T("Show me what to do"), theme.NavigateNextIcon(), func() { v.chooseMuscle(v.chosenMuscle()) })
	return container.NewBorder(container.NewVBox(heading(tr.T("Where is the cramp?")), body(tr.T("Tap the picture. Most cramps are in the calf."))), v.goOn, nil, nil,
		container.NewVScroll(container.NewBorder(nil, v.warnSlot, nil, nil, grid)))
}

// chooseMuscle records the muscle and shows its steps from the first.
func (v *reliefView) chooseMuscle(m cramp.Muscle) {
	if v.entry.Muscle != m {
		v.entry.Muscle = m
		if v.entry.ID != 0 {
			v.onSave(v.entry)
		}
	}
	v.setMuscle(m)
	v.i = 0
	v.showPage(pageSteps)
}

// warningSign records a warning sign on the cramp and shows at once what
// to do: get medical help now.
func (v *reliefView) warningSign(name string) {
	if !slices.Contains(v.entry.Symptoms, name) {
		v.entry.Symptoms = append(v.entry.Symptoms, name)
		if v.entry.ID != 0 {
			v.onSave(v.entry)
		}
	}
	v.paintWarnings()
	v.showUrgent()
}

// showUrgent shows the urgent page, anew (with any sign just tapped), and
// keeps the page to go back to.
func (v *reliefView) showUrgent() {
	if v.page != pageUrgent {
		v.prev = v.page
	}
	v.showPage(pageUrgent)
}

func (v *reliefView) paintWarnings() {
	for name, b := range v.warn {
		if on := slices.Contains(v.entry.Symptoms, name); on != (b.Importance == widget.DangerImportance) {
			b.Importance = widget.MediumImportance
			if on {
				b.Importance = widget.DangerImportance
			}
			b.Refresh()
		}
	}
}

// urgentPage is "Get medical help now": what it means, why (the signs
// seen), and the way back to the steps, which still help while waiting.
func (v *reliefView) urgentPage() fyne.CanvasObject {
	tr := v.tr
	title := heading(tr.T(advice.Urgent.Title()))
	title.Importance = widget.DangerImportance
	means := subheading(tr.T(advice.Urgent.Means()))
	why := advice.TextsIn(tr, advice.SignPain)
	if _, ids, ok := redflags.Signs(v.entry); ok {
		why = advice.TextsIn(tr, ids...)
	}
	v.urgent = body(strings.Join(why, " "))
	v.urgent.Importance = widget.DangerImportance
	backTo := tr.T("Back to the steps")
	if v.prev != pageSteps {
		backTo = tr.T("Back")
	}
	back := newTallButton(backTo, theme.NavigateBackIcon(), minTarget, func() { v.showPage(v.prev) })
	all := newTallButton(tr.T("All warning signs"), theme.WarningIcon(), minTarget, v.onHelp)
	return container.NewBorder(nil, newFitColumns(2, v.room, back, all), nil, nil, container.NewVScroll(container.NewVBox(
		urgentBox(container.NewVBox(title, means, v.urgent, body(tr.T(advice.Text(advice.Emergency))))), v.warnSlot)))
}

// checkLong shows, once the cramp has lasted about 10 minutes and is not
// marked over, that most pass by then and when to get help.
func (v *reliefView) checkLong() {
	start := v.entry.At
	if v.entry.ID == 0 || start.IsZero() {
		start = v.opened
	}
	if v.asking || v.long == nil || v.long.Visible() || v.now().Sub(start) < longCramp {
		return
	}
	v.long.Show()
}

// show moves to step i (clamped) and restarts its countdown.
func (v *reliefView) show(i int) {
	if i < 0 || i >= len(v.steps) {
		return
	}
	v.i = i
	s := v.steps[i]
	v.position.SetText(v.tr.N("Step {{.Step}} of {{.Count}}", len(v.steps), l10n.Args{"Step": i + 1}))
	v.title.SetText(s.TitleIn(v.tr))
	v.text.SetText(s.TextIn(v.tr))
	if st := v.stats[s.ID]; st.Rated > 0 {
		v.helped.SetText(v.tr.N("Helped you {{.Helped}} of {{.Count}} times", st.Rated, l10n.Args{"Helped": st.Helped}))
		v.helped.Show()
	} else {
		v.helped.Hide()
	}
	v.image.SetResource(v.picture(s.Picture))
	v.remaining = s.Hold
	v.paintCountdown()
	// Back on the first step goes back to "Where is the cramp?".
	v.back.Enable()
	if i == len(v.steps)-1 {
		v.next.Disable()
	} else {
		v.next.Enable()
	}
}

// countdownSize names the 48 px size for countdown figures.
const countdownSize fyne.ThemeSizeName = "crampcare.countdown"

// tick counts the hold down by one second and looks at how long the cramp
// has lasted; the window's ticker calls it through fyne.Do, and tests call
// it directly.
func (v *reliefView) tick() {
	v.checkLong()
	if v.asking || v.page != pageSteps || v.remaining <= 0 {
		return
	}
	v.remaining -= time.Second
	v.paintCountdown()
}

// paintCountdown shows the hold; when it is up, the words say to keep
// going until the muscle lets go (a countdown alone would say "done" too
// early).
func (v *reliefView) paintCountdown() {
	hold := v.steps[v.i].Hold
	v.keepGoing.Hide()
	if hold == 0 {
		v.countdown.Hide()
		v.bar.Hide()
		return
	}
	v.bar.Show()
	if v.remaining <= 0 {
		v.countdown.Hide()
		v.keepGoing.Show()
	} else {
		v.countdown.Show()
		v.countdown.SetText(countdownText(v.tr, v.steps[v.i].ID, fmt.Sprintf("%d:%02d", int(v.remaining.Minutes()), int(v.remaining.Seconds())%60)))
	}
	v.bar.SetValue(1 - float64(v.remaining)/float64(hold))
}

// countdownText names what the countdown of a step times, before the time
// left (left, like 0:28): a stretch is held, a massage is not ("Massage
// it" labelled "Hold 0:28" read wrong).
func countdownText(tr *l10n.Lang, step cramp.Step, left string) string {
	if step == cramp.StepMassage {
		return tr.T("Keep massaging {{.Time}}", l10n.Args{"Time": left})
	}
	return tr.T("Hold {{.Time}}", l10n.Args{"Time": left})
}

func (v *reliefView) onOverTapped() {
	if v.entry.ID == 0 {
		v.onClose()
		return
	}
	if d := v.now().Sub(v.entry.At).Round(time.Second); d > 0 && d <= cramp.MaxDuration {
		v.entry.Duration = d
		v.onOver(v.entry)
	}
	v.asking = true
	v.long.Hide()
	v.showPage(pageOver)
}

// questions says what to do afterwards and asks the three things worth
// knowing while they are fresh. Every tap saves at once; nothing is
// required.
func (v *reliefView) questions() fyne.CanvasObject {
	tr := v.tr
	v.legs = map[cramp.Leg]*tallButton{}
	legRow := container.NewGridWithColumns(3)
	for _, l := range cramp.Legs() {
		l := l
		b := newTallButton(tr.T(legLabel(l)), nil, mainTarget, func() { v.entry.Leg = l; v.answer() })
		v.legs[l] = b
		legRow.Add(b)
	}
	v.muscles = map[cramp.Muscle]*pictureButton{}
	muscleRow := container.NewGridWithColumns(4)
	for _, m := range cramp.Muscles() {
		m := m
		b := newPictureButton(tr.T(m.Label()), v.art.illustration(v.picture(relief.Stretch(m).Picture), fyne.NewSize(96, 96)), func() { v.entry.Muscle = m; v.answer() })
		// With large text the words say it; the pictures would push "How
		// bad was it?" off the screen.
		b.wordsOnly = v.large
		v.muscles[m] = b
		muscleRow.Add(b)
	}
	levelRow := container.NewGridWithColumns(len(v.levels))
	for n := range v.levels {
		n := n
		b := newTallButton(fmt.Sprint(n), nil, minTarget, func() { v.entry.Intensity = &n; v.answer() })
		v.levels[n] = b
		levelRow.Add(b)
	}
	v.paintAnswers()
	done := mainButton(tr.T("Done"), theme.ConfirmIcon(), v.onClose)
	msg := tr.T("The cramp is over. Well done. A few taps if you like; you can also skip them.")
	if v.entry.Duration > 0 {
		msg = tr.T("The cramp is over. It lasted about {{.Duration}}. A few taps if you like; you can also skip them.",
			l10n.Args{"Duration": lasted(tr, v.entry.Duration)})
	}
	after := container.NewVBox(subheading(tr.T("Afterwards")))
	for _, s := range advice.Texts(advice.AfterWater, advice.AfterSore, advice.AfterPainRelief) {
		after.Add(body("•  " + tr.T(s)))
	}
	// The three questions first, whole on the screen at any text size
	// (else a person taps Done without seeing them); what to do
	// afterwards follows, to read at leisure.
	return container.NewBorder(nil, done, nil, nil, container.NewVScroll(container.NewVBox(
		subheading(msg),
		container.NewBorder(nil, nil, beside(tr.T("Which leg?")), nil, legRow),
		container.NewBorder(nil, nil, beside(tr.T("Which muscle?")), nil, muscleRow),
		subheading(tr.T("How bad was it? (0 barely, 10 the worst)")), levelRow,
		after,
		layout.NewSpacer(),
	)))
}

func (v *reliefView) answer() {
	v.paintAnswers()
	v.onSave(v.entry)
}

func (v *reliefView) paintAnswers() {
	for l, b := range v.legs {
		b.Importance = pick(v.entry.Leg == l)
		b.Refresh()
	}
	for m, b := range v.muscles {
		b.setSelected(v.entry.Muscle == m)
	}
	for n, b := range v.levels {
		b.Importance = pick(v.entry.Intensity != nil && *v.entry.Intensity == n)
		b.Refresh()
	}
}

func pick(on bool) widget.Importance {
	if on {
		return widget.HighImportance
	}
	return widget.MediumImportance
}

func legLabel(l cramp.Leg) string {
	switch l {
	case cramp.LegLeft:
		return l10n.Mark("Left")
	case cramp.LegRight:
		return l10n.Mark("Right")
	default:
		return l10n.Mark("Both")
	}
}

// lasted says how long a cramp lasted, after "about", in tr's language:
// "40 seconds", "a minute", "3 minutes".
func lasted(tr *l10n.Lang, d time.Duration) string {
	if d < time.Minute {
		return tr.N("lasted:{{.Count}} seconds", int(d.Seconds()))
	}
	return tr.N("lasted:{{.Count}} minutes", int(d.Round(time.Minute).Minutes()))
}

// pictureButton is a large tappable picture with a caption: choosing a
// muscle by its picture is easier than reading a list at 3 a.m.
type pictureButton struct {
	widget.BaseWidget
	label string
	pic   *illustration
	// wordsOnly leaves the picture out, for want of room.
	wordsOnly bool
	selected  bool
	focused   bool
	onTap     func()
	bg        *canvas.Rectangle
	caption   *widget.RichText
}

func newPictureButton(label string, pic *illustration, onTap func()) *pictureButton {
	b := &pictureButton{label: label, pic: pic, onTap: onTap}
	b.ExtendBaseWidget(b)
	return b
}

// Tapped implements fyne.Tappable.
func (b *pictureButton) Tapped(*fyne.PointEvent) { b.onTap() }

// FocusGained implements fyne.Focusable: Tab reaches the pictures as it
// does every other button, and the one in focus is outlined.
func (b *pictureButton) FocusGained() { b.focused = true; b.Refresh(); reveal(b) }

// FocusLost implements fyne.Focusable.
func (b *pictureButton) FocusLost() { b.focused = false; b.Refresh() }

// TypedRune implements fyne.Focusable.
func (b *pictureButton) TypedRune(rune) {}

// TypedKey implements fyne.Focusable: Space or Enter chooses, as on a
// button.
func (b *pictureButton) TypedKey(e *fyne.KeyEvent) {
	switch e.Name {
	case fyne.KeySpace, fyne.KeyReturn, fyne.KeyEnter:
		b.onTap()
	}
}

func (b *pictureButton) setSelected(on bool) {
	b.selected = on
	b.Refresh()
}

// CreateRenderer implements fyne.Widget.
func (b *pictureButton) CreateRenderer() fyne.WidgetRenderer {
	b.bg = canvas.NewRectangle(color.Transparent)
	b.bg.CornerRadius = theme.InputRadiusSize()
	// A RichText rather than a Label, for its colour: on the accent of a
	// selected picture the caption is drawn in the text-on-accent colour.
	b.caption = widget.NewRichText(&widget.TextSegment{Text: b.label,
		Style: widget.RichTextStyle{Alignment: fyne.TextAlignCenter, ColorName: theme.ColorNameForeground}})
	b.caption.Wrapping = fyne.TextWrapWord
	b.paint()
	inner := container.NewBorder(nil, b.caption, nil, nil, b.pic)
	if b.wordsOnly {
		// The words in the middle of the tile, not at its foot.
		inner = container.NewVBox(layout.NewSpacer(), b.caption, layout.NewSpacer())
	}
	r := &pictureRenderer{WidgetRenderer: widget.NewSimpleRenderer(container.NewStack(b.bg, inner)), b: b}
	return newRingRenderer(b, r, func() bool { return b.focused })
}

func (b *pictureButton) paint() {
	if b.bg == nil {
		return
	}
	text := b.caption.Segments[0].(*widget.TextSegment)
	if b.selected {
		b.bg.FillColor = theme.Color(theme.ColorNamePrimary)
		text.Style.ColorName = theme.ColorNameForegroundOnPrimary
	} else {
		b.bg.FillColor = theme.Color(theme.ColorNameButton)
		text.Style.ColorName = theme.ColorNameForeground
	}
	// The keyboard focus is shown by the ring (ringRenderer), not here.
	b.bg.Refresh()
	b.caption.Refresh()
}

// pictureRenderer repaints the selection colour on every refresh, so a
// theme change (day to night) recolours it too.
type pictureRenderer struct {
	fyne.WidgetRenderer
	b *pictureButton
}

func (r *pictureRenderer) Refresh() {
	r.b.paint()
	r.WidgetRenderer.Refresh()
}

// reliefWindow is the open relief window: the cramp it is for, the steps
// for it once read, and the countdown ticking them. A new cramp while it is
// open puts that cramp's steps in the same window.
type reliefWindow struct {
	win   *window
	cramp string      // the cramp's ID, as asked for; empty for none
	view  *reliefView // nil until the steps are read
	stop  func()      // stops the countdown; nil when none runs
}

// openRelief opens the relief steps for cramp id (a decimal string; empty
// for none), or brings the open window forward, with this cramp's steps
// if it shows another's. The window is shown once the steps are in it: an
// empty window first would only flicker.
func (u *ui) openRelief(id string) *reliefWindow {
	if w := u.windows["relief"]; w != nil {
		r := w.view.(*reliefWindow)
		if id != "" && id != r.cramp {
			u.fillRelief(r, id, func() { u.present(w) })
		} else {
			u.present(w)
		}
		return r
	}
	r := &reliefWindow{}
	w := u.newWindow("relief", u.lang.T(TitleRelief), fyne.NewSize(900, 640), r)
	r.win = w
	// Arrows move between steps, Enter is "It's over".
	w.Canvas().SetOnTypedKey(func(k *fyne.KeyEvent) {
		v := r.view
		if v == nil {
			return
		}
		switch k.Name {
		case fyne.KeyEscape:
			w.Close()
		case fyne.KeyRight:
			v.show(v.i + 1)
		case fyne.KeyLeft:
			v.show(v.i - 1)
		case fyne.KeyReturn, fyne.KeyEnter:
			switch v.page {
			case pageWhere:
				v.goOn.OnTapped()
			case pageSteps:
				v.onOverTapped()
			}
		}
	})
	w.SetOnClosed(func() {
		delete(u.windows, "relief")
		r.view, r.cramp = nil, ""
		if r.stop != nil {
			r.stop()
			r.stop = nil
		}
	})
	u.fillRelief(r, id, func() { u.present(w) })
	return r
}

// fillRelief puts the relief steps for cramp id into r, in this person's
// best order, starts the countdown ticker (which stops when the window
// closes or shows another cramp), and then calls shown, if set. The cramp
// and the year of history the order comes from are read off the Fyne
// thread, so the windows stay live while a heavy diary is read.
func (u *ui) fillRelief(r *reliefWindow, id string, shown func()) {
	r.cramp = id
	since := u.now().AddDate(-1, 0, 0)
	// With the History tab in front, its year of cramps is kept up to
	// date (at most a change behind, and the cramp just logged has no
	// ratings yet): no need to read it twice.
	var history []cramp.Entry
	if u.main != nil && u.main.showingHistory() && u.year != nil {
		history = u.year
	}
	u.pace.fetch(func() func() {
		ctx := context.Background()
		var e cramp.Entry
		if n, err := strconv.ParseUint(id, 10, 64); err == nil {
			if e, err = u.diary.Cramp(ctx, n); err != nil {
				fmt.Fprintf(u.stderr, "relief: %v\n", err)
			}
		}
		if history == nil {
			var err error
			if history, err = u.diary.Cramps(ctx, since); err != nil {
				fmt.Fprintf(u.stderr, "relief: %v\n", err)
			}
		}
		return func() {
			if u.windows["relief"] != r.win || r.cramp != id {
				return // closed, or asked for another cramp meanwhile
			}
			u.showRelief(r, e, history)
			if shown != nil {
				shown()
			}
		}
	})
}

// showRelief puts the relief flow for e into r's window (the view orders
// the steps for the muscle chosen, from history) and starts the countdown
// ticker.
func (u *ui) showRelief(r *reliefWindow, e cramp.Entry, history []cramp.Entry) {
	v := &reliefView{
		room: u.room,
		tr:   u.lang, entry: e, history: history, now: u.now, picture: u.picture, art: u.art,
		onOver:  func(e cramp.Entry) { u.saveCramp(e) },
		onSave:  func(e cramp.Entry) { u.saveCramp(e) },
		onClose: r.win.Close,
		onHelp:  func() { u.show("help") },
	}
	r.view = v
	r.win.SetContent(v.build())
	if r.stop != nil {
		r.stop()
	}
	r.stop = u.pace.every(time.Second, func() {
		if r.view == v {
			v.tick()
		}
	})
}

// saveCramp stores an edited cramp; a failure shows where the user looks.
func (u *ui) saveCramp(e cramp.Entry) {
	if _, err := u.diary.EditCramp(context.Background(), e); err != nil {
		u.report(err)
	}
}

// beside is a question set to the left of its answers: on one line, as
// wide as it reads (a wrapped label there is squeezed under the row).
func beside(text string) *widget.Label {
	l := subheading(text)
	l.Wrapping = fyne.TextWrapOff
	return l
}
