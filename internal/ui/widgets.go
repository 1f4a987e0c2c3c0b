package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/crampcare/crampcare/internal/advice"
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
func (b *tallButton) FocusGained() { b.Button.FocusGained(); reveal(b) }

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
func adviceFooter(onHelp func()) fyne.CanvasObject {
	note := widget.NewLabel(advice.Text(advice.Disclaimer))
	note.SizeName = theme.SizeNameCaptionText
	note.Wrapping = fyne.TextWrapWord
	help := newTallButton("When to get help", theme.WarningIcon(), minTarget, onHelp)
	return container.NewVBox(widget.NewSeparator(), container.NewBorder(nil, nil, nil, help, note))
}
