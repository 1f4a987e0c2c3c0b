package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/crampcare/crampcare/internal/advice"
	"github.com/crampcare/crampcare/internal/l10n"
)

// Target heights from the design: 44 px for any click target, 56 px for a
// window's main action.
const (
	minTarget  = 44
	mainTarget = 56
)

// tallButton is a button that is never shorter than minHeight, so a tired
// hand at night can hit it.
type tallButton struct {
	widget.Button
	minHeight float32
	focused   bool
}

func newTallButton(label string, icon fyne.Resource, minHeight float32, tapped func()) *tallButton {
	b := &tallButton{minHeight: minHeight}
	b.Text = label
	b.Icon = icon
	b.OnTapped = tapped
	b.ExtendBaseWidget(b)
	return b
}

// MinSize implements fyne.Widget.
func (b *tallButton) MinSize() fyne.Size {
	s := b.Button.MinSize()
	if s.Height < b.minHeight {
		s.Height = b.minHeight
	}
	if s.Width < b.minHeight {
		s.Width = b.minHeight
	}
	return s
}

// FocusGained implements fyne.Focusable: a button reached with Tab is
// scrolled into view.
func (b *tallButton) FocusGained() { b.focused = true; b.Button.FocusGained(); reveal(b) }

// FocusLost implements fyne.Focusable.
func (b *tallButton) FocusLost() { b.focused = false; b.Button.FocusLost() }

// CreateRenderer implements fyne.Widget: Fyne's button with a focus ring.
func (b *tallButton) CreateRenderer() fyne.WidgetRenderer {
	return newRingRenderer(b, b.Button.CreateRenderer(), func() bool { return b.focused })
}

func mainButton(label string, icon fyne.Resource, tapped func()) *tallButton {
	b := newTallButton(label, icon, mainTarget, tapped)
	b.Importance = widget.HighImportance
	return b
}

func heading(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.SizeName = theme.SizeNameHeadingText
	l.TextStyle.Bold = true
	l.Wrapping = fyne.TextWrapWord
	return l
}

func subheading(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.SizeName = theme.SizeNameSubHeadingText
	l.TextStyle.Bold = true
	l.Wrapping = fyne.TextWrapWord
	return l
}

func body(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// adviceFooter is the same line at the foot of every window with advice:
// not medical advice, and "When to get help" one click away.
func adviceFooter(tr *l10n.Lang, onHelp func()) fyne.CanvasObject {
	note := widget.NewLabel(tr.T(advice.Text(advice.Disclaimer)))
	note.SizeName = theme.SizeNameCaptionText
	note.Wrapping = fyne.TextWrapWord
	help := newTallButton(tr.T("When to get help"), theme.WarningIcon(), minTarget, onHelp)
	return container.NewVBox(widget.NewSeparator(), container.NewBorder(nil, nil, nil, help, note))
}

// ringWidth is the focus ring's width: WCAG 2.4.13 asks for at least 2 px.
const ringWidth = 3

// ringRenderer draws a ring in colorNameFocusRing around a control while it
// has the keyboard focus. Fyne only tints a focused control; a tint strong
// enough to see made a focused button look selected (and its label
// unreadable), so the focus is shown by an outline instead, and "selected"
// keeps the filled accent. The ring sits just outside the control, on the
// window's background, so it shows on a selected control too.
type ringRenderer struct {
	fyne.WidgetRenderer
	w       fyne.Widget
	ring    *canvas.Rectangle
	focused func() bool
}

func newRingRenderer(w fyne.Widget, r fyne.WidgetRenderer, focused func() bool) *ringRenderer {
	ring := canvas.NewRectangle(color.Transparent)
	ring.StrokeWidth = ringWidth
	rr := &ringRenderer{WidgetRenderer: r, w: w, ring: ring, focused: focused}
	rr.paint()
	return rr
}

func (r *ringRenderer) paint() {
	r.ring.StrokeColor = theme.ColorForWidget(colorNameFocusRing, r.w)
	r.ring.CornerRadius = theme.SizeForWidget(theme.SizeNameInputRadius, r.w) + ringWidth
	r.ring.Hidden = !r.focused()
}

// Layout implements fyne.WidgetRenderer.
func (r *ringRenderer) Layout(s fyne.Size) {
	r.WidgetRenderer.Layout(s)
	r.ring.Move(fyne.NewPos(-ringWidth, -ringWidth))
	r.ring.Resize(s.AddWidthHeight(2*ringWidth, 2*ringWidth))
}

// Objects implements fyne.WidgetRenderer: the control's, then the ring.
func (r *ringRenderer) Objects() []fyne.CanvasObject {
	return append(r.WidgetRenderer.Objects(), r.ring)
}

// Refresh implements fyne.WidgetRenderer.
func (r *ringRenderer) Refresh() {
	r.paint()
	r.ring.Refresh()
	r.WidgetRenderer.Refresh()
}

// largeText reports whether the text is at 125 % or more, where windows
// lay out in one column: the theme's body size against its 18 px at 100 %.
func largeText() bool { return theme.TextSize() >= 18*1.25-0.01 }

// besideLayout puts a picture (the first object) beside the main part
// (the second), taking side of the width, where there is room for it: not
// with large text (looked at on every layout, so a text size changed with
// the window open applies at once), nor when the picture would be
// narrower than sideMin. Without room the picture is left out and the
// main part has the whole width: the words and the countdown never
// shrink for it.
type besideLayout struct {
	side    float32
	sideMin float32
}

// Layout implements fyne.Layout.
func (l *besideLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pic, main := objs[0], objs[1]
	w := size.Width * l.side
	if largeText() || w < l.sideMin || size.Width-w < main.MinSize().Width {
		pic.Resize(fyne.Size{})
		pic.Move(fyne.Position{})
		main.Move(fyne.Position{})
		main.Resize(size)
		return
	}
	pic.Resize(fyne.NewSize(w, size.Height))
	pic.Move(fyne.Position{})
	p := theme.Padding()
	main.Move(fyne.NewPos(w+p, 0))
	main.Resize(fyne.NewSize(size.Width-w-p, size.Height))
}

// MinSize implements fyne.Layout: the main part's; the picture is shown
// only in room to spare.
func (l *besideLayout) MinSize(objs []fyne.CanvasObject) fyne.Size { return objs[1].MinSize() }

// thin draws a progress bar without text as a slim strip: Fyne makes a
// bar as tall as a line of text, which at large text took the room of a
// line of the instruction.
func thin(bar *widget.ProgressBar) fyne.CanvasObject {
	return container.New(thinLayout{}, bar)
}

type thinLayout struct{}

// thinHeight is the strip's height in px, at every text size.
const thinHeight = 10

// Layout implements fyne.Layout.
func (thinLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.Position{})
		o.Resize(fyne.NewSize(size.Width, thinHeight))
	}
}

// MinSize implements fyne.Layout.
func (thinLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(0, thinHeight) }

// columnWidth is the widest a page of the main window grows, in px at
// 100 % text (wider with larger text): lines and rows stay readable, and
// a wide window puts the space at the sides rather than between a row's
// text and its buttons.
const columnWidth = 960

// columnLayout centres its objects in a column at most columnWidth wide,
// times the text size.
type columnLayout struct{}

// Layout implements fyne.Layout.
func (columnLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	w := min(size.Width, columnWidth*theme.TextSize()/18)
	for _, o := range objs {
		o.Move(fyne.NewPos((size.Width-w)/2, 0))
		o.Resize(fyne.NewSize(w, size.Height))
	}
}

// MinSize implements fyne.Layout.
func (columnLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var m fyne.Size
	for _, o := range objs {
		m = m.Max(o.MinSize())
	}
	return m
}
