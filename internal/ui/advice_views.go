package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/crampcare/crampcare/internal/advice"
)

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
