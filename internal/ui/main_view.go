package ui

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/crampcare/crampcare/internal/service"
)

// mainView is the main window: today at a glance and the three things a
// person does here, largest first.
type mainView struct {
	greeting *widget.Label
	glasses  *widget.Label
	progress *widget.ProgressBar
	cramps   *widget.Label
	last     *widget.Label
	errLine  *widget.Label
	paused   *widget.Label
	resume   *tallButton
	pauseBox *fyne.Container

	onLogCramp func()
	onDrink    func()
	onStretch  func()
	onHelp     func()
	onSettings func()
	onResume   func()
}

func (v *mainView) build() fyne.CanvasObject {
	v.greeting = heading("")
	v.glasses = subheading("")
	v.progress = widget.NewProgressBar()
	v.progress.TextFormatter = func() string { return "" }
	v.cramps = subheading("")
	v.last = body("")
	v.errLine = body("")
	v.errLine.Importance = widget.DangerImportance
	v.errLine.Hide()

	water := widget.NewCard("", "", container.NewVBox(
		body("Glasses of water today"), v.glasses, v.progress,
		newTallButton("I drank a glass of water", theme.ContentAddIcon(), minTarget, v.onDrink),
	))
	cramps := widget.NewCard("", "", container.NewVBox(
		body("Cramps in the last 24 hours"), v.cramps, v.last,
	))
	v.paused = body("")
	v.resume = newTallButton("Resume reminders", theme.MediaPlayIcon(), minTarget, v.onResume)
	v.pauseBox = container.NewBorder(nil, nil, nil, v.resume, v.paused)
	v.pauseBox.Hide()
	settingsBtn := newTallButton("Settings", theme.SettingsIcon(), minTarget, v.onSettings)
	content := container.NewVBox(
		container.NewBorder(nil, nil, nil, settingsBtn, v.greeting),
		mainButton("Log a cramp now", theme.MediaRecordIcon(), v.onLogCramp),
		v.errLine,
		container.NewGridWithColumns(2, water, cramps),
		newTallButton("Start evening stretch", theme.MediaPlayIcon(), minTarget, v.onStretch),
		v.pauseBox,
	)
	return page(content, adviceFooter(v.onHelp))
}

// refresh shows st; it must run on the Fyne thread.
func (v *mainView) refresh(st service.Status) {
	v.greeting.SetText(greeting(st.Now))
	v.glasses.SetText(fmt.Sprintf("%d of %d glasses", st.Glasses, st.Goal))
	if st.Goal > 0 {
		v.progress.SetValue(min(1, float64(st.Glasses)/float64(st.Goal)))
	}
	switch st.Cramps24h {
	case 0:
		v.cramps.SetText("None")
	case 1:
		v.cramps.SetText("1 cramp")
	default:
		v.cramps.SetText(fmt.Sprintf("%d cramps", st.Cramps24h))
	}
	if st.LastCramp != nil {
		v.last.SetText("Last one: " + st.LastCramp.At.Local().Format("Monday 15:04"))
	} else {
		v.last.SetText("Log one with the big button, day or night.")
	}
	v.errLine.Hide()
	if st.PausedUntil.IsZero() {
		v.pauseBox.Hide()
	} else {
		v.paused.SetText("Reminders are paused until " + st.PausedUntil.Local().Format("Monday 15:04") + ".")
		v.pauseBox.Show()
	}
}

// showError puts a plain message under the main button instead of a
// dialog that a sleepy person has to dismiss.
func (v *mainView) showError(msg string) {
	v.errLine.SetText(msg)
	v.errLine.Show()
}

func greeting(t time.Time) string {
	switch h := t.Hour(); {
	case h < 5 || h >= 22:
		return "Good night"
	case h < 12:
		return "Good morning"
	case h < 18:
		return "Good afternoon"
	default:
		return "Good evening"
	}
}
