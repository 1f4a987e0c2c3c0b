package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/crampcare/crampcare/internal/advice"
)

// stretchView lists the evening routine until the guided, timed stretch
// (issue 5) replaces it.
type stretchView struct {
	onDone  func() // records tonight's stretch
	onClose func()
	onHelp  func()
}

func (v *stretchView) build() fyne.CanvasObject {
	steps := container.NewVBox(
		heading("Evening stretch"),
		body("Do this every night, also on nights without cramps: that is what helps."),
	)
	for i, s := range advice.EveningRoutine() {
		steps.Add(subheading(fmt.Sprintf("%d. %s", i+1, s.Title)))
		steps.Add(body(s.Text))
	}
	done := mainButton("I did my stretch", theme.ConfirmIcon(), v.onDone)
	later := newTallButton("Close", nil, minTarget, v.onClose)
	return container.NewBorder(nil, container.NewVBox(container.NewGridWithColumns(2, later, done), adviceFooter(v.onHelp)), nil, nil,
		container.NewVScroll(container.NewPadded(steps)))
}

// helpView is "When to get help": the red flags, never more than a click
// away from any advice.
type helpView struct {
	onClose func()
}

func (v *helpView) build() fyne.CanvasObject {
	soon := container.NewVBox(subheading("Get medical help promptly if a cramp comes with:"))
	for _, s := range advice.GetHelpSoon() {
		l := body("•  " + s)
		l.Importance = widget.DangerImportance
		soon.Add(l)
	}
	doctor := container.NewVBox(subheading("See your doctor if:"))
	for _, s := range advice.SeeDoctor() {
		doctor.Add(body("•  " + s))
	}
	note := widget.NewLabel(advice.Disclaimer + " In an emergency, call your local emergency number.")
	note.Wrapping = fyne.TextWrapWord
	note.SizeName = theme.SizeNameCaptionText
	content := container.NewVBox(heading("When to get help"), soon, widget.NewSeparator(), doctor)
	return container.NewBorder(nil, container.NewVBox(widget.NewSeparator(), note, newTallButton("Close", nil, minTarget, v.onClose)), nil, nil,
		container.NewVScroll(container.NewPadded(content)))
}
