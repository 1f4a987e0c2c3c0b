package ui

import (
	"fmt"
	"image/color"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/crampcare/crampcare/internal/cramp"
	"github.com/crampcare/crampcare/internal/relief"
)

// reliefView walks through the quick-relief steps one at a time, large and
// calm, with a countdown where holding helps. "It's over" records how long
// the cramp lasted and then asks, one tap each and all optional, which leg,
// which muscle and how bad.
type reliefView struct {
	entry   cramp.Entry // ID 0 when opened without a logged cramp
	steps   []relief.Step
	stats   map[cramp.Step]relief.Stat
	now     func() time.Time
	picture func(name string) fyne.Resource
	// later runs f on the Fyne thread once the window is on screen:
	// drawing an illustration is the slowest part of opening the window,
	// and at 3 a.m. the words must come first. Tests run f at once.
	later func(f func())

	onOver  func(e cramp.Entry) // save the duration
	onSave  func(e cramp.Entry) // save an answer
	onClose func()
	onHelp  func()

	i         int
	remaining time.Duration
	asking    bool

	stage     *fyne.Container
	position  *widget.Label
	title     *widget.Label
	text      *widget.Label
	helped    *widget.Label
	countdown *widget.Label
	bar       *widget.ProgressBar
	image     *canvas.Image
	back      *tallButton
	next      *tallButton
	over      *tallButton

	legs    map[cramp.Leg]*tallButton
	muscles map[cramp.Muscle]*pictureButton
	levels  [cramp.MaxIntensity + 1]*tallButton
}

func (v *reliefView) build() fyne.CanvasObject {
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
	v.bar = widget.NewProgressBar()
	v.bar.TextFormatter = func() string { return "" }
	v.image = canvas.NewImageFromResource(nil)
	v.image.FillMode = canvas.ImageFillContain
	v.image.SetMinSize(fyne.NewSize(240, 240))
	v.back = newTallButton("Back", theme.NavigateBackIcon(), minTarget, func() { v.show(v.i - 1) })
	v.next = newTallButton("Next step", theme.NavigateNextIcon(), minTarget, func() { v.show(v.i + 1) })
	v.next.IconPlacement = widget.ButtonIconTrailingText
	v.over = mainButton("It's over", theme.ConfirmIcon(), v.onOverTapped)

	words := container.NewVBox(v.position, v.title, v.text, v.helped, v.countdown, v.bar)
	steps := container.NewBorder(nil, container.NewVBox(container.NewGridWithColumns(2, v.back, v.next), v.over), nil, nil,
		container.NewGridWithColumns(2, v.image, container.NewVScroll(words)))
	v.stage = container.NewStack(steps)
	v.show(0)
	return container.NewBorder(nil, adviceFooter(v.onHelp), nil, nil, container.NewPadded(v.stage))
}

// countdownSize names the 48 px size for countdown figures.
const countdownSize fyne.ThemeSizeName = "crampcare.countdown"

// show moves to step i (clamped) and restarts its countdown.
func (v *reliefView) show(i int) {
	if i < 0 || i >= len(v.steps) {
		return
	}
	v.i = i
	s := v.steps[i]
	v.position.SetText(fmt.Sprintf("Step %d of %d", i+1, len(v.steps)))
	v.title.SetText(s.Title)
	v.text.SetText(s.Text)
	if st := v.stats[s.ID]; st.Rated > 0 {
		v.helped.SetText(fmt.Sprintf("Helped you %d of %d times", st.Helped, st.Rated))
		v.helped.Show()
	} else {
		v.helped.Hide()
	}
	v.image.Resource = nil
	v.image.Refresh()
	v.later(func() {
		if v.i == i && !v.asking {
			v.image.Resource = v.picture(s.Picture)
			v.image.Refresh()
		}
	})
	v.remaining = s.Hold
	v.paintCountdown()
	if i == 0 {
		v.back.Disable()
	} else {
		v.back.Enable()
	}
	if i == len(v.steps)-1 {
		v.next.Disable()
	} else {
		v.next.Enable()
	}
}

// tick counts the hold down by one second; the window's ticker calls it
// through fyne.Do, and tests call it directly.
func (v *reliefView) tick() {
	if v.asking || v.remaining <= 0 {
		return
	}
	v.remaining -= time.Second
	v.paintCountdown()
}

func (v *reliefView) paintCountdown() {
	hold := v.steps[v.i].Hold
	if hold == 0 {
		v.countdown.Hide()
		v.bar.Hide()
		return
	}
	v.countdown.Show()
	v.bar.Show()
	if v.remaining <= 0 {
		v.countdown.SetText("Well done")
	} else {
		v.countdown.SetText(fmt.Sprintf("Hold %d:%02d", int(v.remaining.Minutes()), int(v.remaining.Seconds())%60))
	}
	v.bar.SetValue(1 - float64(v.remaining)/float64(hold))
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
	v.stage.Objects = []fyne.CanvasObject{v.questions()}
	v.stage.Refresh()
}

// questions asks the three things worth knowing while they are fresh.
// Every tap saves at once; nothing is required.
func (v *reliefView) questions() fyne.CanvasObject {
	v.legs = map[cramp.Leg]*tallButton{}
	legRow := container.NewGridWithColumns(3)
	for _, l := range cramp.Legs() {
		l := l
		b := newTallButton(legLabel(l), nil, mainTarget, func() { v.entry.Leg = l; v.answer() })
		v.legs[l] = b
		legRow.Add(b)
	}
	v.muscles = map[cramp.Muscle]*pictureButton{}
	muscleRow := container.NewGridWithColumns(4)
	for _, m := range cramp.Muscles() {
		m := m
		b := newPictureButton(m.Label(), v.picture(relief.Steps(m)[0].Picture), func() { v.entry.Muscle = m; v.answer() })
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
	done := mainButton("Done", theme.ConfirmIcon(), v.onClose)
	msg := "Well done. A few taps if you like; you can also skip them."
	if v.entry.Duration > 0 {
		msg = fmt.Sprintf("It lasted about %s. A few taps if you like; you can also skip them.", humanDuration(v.entry.Duration))
	}
	return container.NewBorder(nil, done, nil, nil, container.NewVScroll(container.NewVBox(
		heading("The cramp is over"), body(msg),
		subheading("Which leg?"), legRow,
		subheading("Which muscle?"), muscleRow,
		subheading("How bad was it? (0 barely, 10 the worst)"), levelRow,
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
		return "Left"
	case cramp.LegRight:
		return "Right"
	default:
		return "Both"
	}
}

func humanDuration(d time.Duration) string {
	if d < time.Minute {
		return fmt.Sprintf("%d seconds", int(d.Seconds()))
	}
	m := int(d.Round(time.Minute).Minutes())
	if m == 1 {
		return "a minute"
	}
	return fmt.Sprintf("%d minutes", m)
}

// pictureButton is a large tappable picture with a caption: choosing a
// muscle by its picture is easier than reading a list at 3 a.m.
type pictureButton struct {
	widget.BaseWidget
	label    string
	res      fyne.Resource
	selected bool
	focused  bool
	onTap    func()
	bg       *canvas.Rectangle
}

func newPictureButton(label string, res fyne.Resource, onTap func()) *pictureButton {
	b := &pictureButton{label: label, res: res, onTap: onTap}
	b.ExtendBaseWidget(b)
	return b
}

// Tapped implements fyne.Tappable.
func (b *pictureButton) Tapped(*fyne.PointEvent) { b.onTap() }

// FocusGained implements fyne.Focusable: Tab reaches the pictures as it
// does every other button, and the one in focus is outlined.
func (b *pictureButton) FocusGained() { b.focused = true; b.paint(); reveal(b) }

// FocusLost implements fyne.Focusable.
func (b *pictureButton) FocusLost() { b.focused = false; b.paint() }

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
	img := canvas.NewImageFromResource(b.res)
	img.FillMode = canvas.ImageFillContain
	img.SetMinSize(fyne.NewSize(96, 96))
	caption := widget.NewLabel(b.label)
	caption.Alignment = fyne.TextAlignCenter
	caption.Wrapping = fyne.TextWrapWord
	b.paint()
	return &pictureRenderer{WidgetRenderer: widget.NewSimpleRenderer(container.NewStack(b.bg, container.NewBorder(nil, caption, nil, nil, img))), b: b}
}

func (b *pictureButton) paint() {
	if b.bg == nil {
		return
	}
	if b.selected {
		b.bg.FillColor = theme.Color(theme.ColorNamePrimary)
	} else {
		b.bg.FillColor = theme.Color(theme.ColorNameButton)
	}
	b.bg.StrokeWidth, b.bg.StrokeColor = 0, nil
	if b.focused {
		b.bg.StrokeWidth, b.bg.StrokeColor = 3, theme.Color(theme.ColorNameFocus)
	}
	b.bg.Refresh()
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
