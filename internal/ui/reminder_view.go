package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"github.com/crampcare/crampcare/internal/schedule"
)

// reminderView shows a reminder when the desktop cannot show notifications,
// so that no reminder is lost. It offers the action the reminder is about.
type reminderView struct {
	reminder schedule.Reminder

	onDrink     func()
	onStretch   func()
	onStretched func()
	onLater     func()
	onClose     func()
	onHelp      func()
}

func (v *reminderView) build() fyne.CanvasObject {
	// The buttons below are where to act, so the tray hint is left out.
	title, text, _ := v.reminder.Lines()
	var actions []fyne.CanvasObject
	if v.reminder.Kind == schedule.Hydration {
		actions = append(actions, mainButton("I drank a glass of water", theme.ContentAddIcon(), v.onDrink))
	} else {
		actions = append(actions,
			mainButton("Start evening stretch", theme.MediaPlayIcon(), v.onStretch),
			newTallButton("I stretched", theme.ConfirmIcon(), minTarget, v.onStretched),
			newTallButton("Remind me in 10 minutes", theme.HistoryIcon(), minTarget, v.onLater),
		)
	}
	actions = append(actions, newTallButton("Not now", nil, minTarget, v.onClose))
	// A reminder gives advice too: the same footer as every such window.
	return container.NewBorder(nil, container.NewVBox(container.NewPadded(container.NewVBox(actions...)), adviceFooter(v.onHelp)), nil, nil,
		container.NewPadded(container.NewVBox(heading(title), body(text))))
}
