package ui

import (
	"context"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/crampcare/crampcare/internal/l10n"
	"github.com/crampcare/crampcare/internal/schedule"
)

// Sizes of the reminder window: one reminder, and two one above the other.
var (
	reminderSize    = fyne.NewSize(560, 460)
	reminderTwoSize = fyne.NewSize(560, 700)
)

// reminderView shows the reminders the desktop could not show as
// notifications, so that no reminder is lost. Each has its own part, with
// the actions it is about and its own "Not now". A reminder that comes
// while the window is open joins the one shown, one above the other in a
// single window (two windows would open on top of each other, hiding the
// first): a water reminder nobody answered does not hide the evening
// stretch. A newer reminder on the same subject takes the older one's
// place (the stretch follow-up replaces the stretch reminder).
type reminderView struct {
	// tr is the language the window speaks, as it was when it opened.
	tr        *l10n.Lang
	reminders []schedule.Reminder // in the order they came

	onDrink     func()
	onStretch   func()
	onStretched func()
	onLater     func()
	// onDismiss is "Not now" on the reminder of this kind.
	onDismiss func(schedule.Kind)
	onHelp    func()
}

// sameSubject says whether two kinds of reminder are about one thing: the
// stretch reminder and its follow-up are.
func sameSubject(a, b schedule.Kind) bool {
	return (a == schedule.Hydration) == (b == schedule.Hydration)
}

// add shows r, in place of a reminder on the same subject if one is shown.
func (v *reminderView) add(r schedule.Reminder) {
	for i, have := range v.reminders {
		if sameSubject(have.Kind, r.Kind) {
			v.reminders[i] = r
			return
		}
	}
	v.reminders = append(v.reminders, r)
}

// remove puts away the reminder on kind's subject, once it is answered.
func (v *reminderView) remove(kind schedule.Kind) {
	v.reminders = slices.DeleteFunc(v.reminders, func(r schedule.Reminder) bool { return sameSubject(r.Kind, kind) })
}

func (v *reminderView) build() fyne.CanvasObject {
	var parts []fyne.CanvasObject
	for i, r := range v.reminders {
		if i > 0 {
			parts = append(parts, widget.NewSeparator())
		}
		parts = append(parts, v.part(r))
	}
	// A reminder gives advice too: the same footer as every such window.
	return container.NewBorder(nil, adviceFooter(v.tr, v.onHelp), nil, nil, container.NewVBox(parts...))
}

// part is one reminder: what it says, then its buttons.
func (v *reminderView) part(r schedule.Reminder) fyne.CanvasObject {
	// The buttons below are where to act, so the tray hint is left out.
	tr := v.tr
	title, text, _ := r.LinesIn(tr)
	var actions []fyne.CanvasObject
	if r.Kind == schedule.Hydration {
		actions = append(actions, mainButton(tr.T("I drank a glass of water"), theme.ContentAddIcon(), v.onDrink))
	} else {
		actions = append(actions,
			mainButton(tr.T("Start evening stretch"), theme.MediaPlayIcon(), v.onStretch),
			newTallButton(tr.T("I stretched"), theme.ConfirmIcon(), minTarget, v.onStretched),
			newTallButton(tr.T("Remind me in 10 minutes"), theme.HistoryIcon(), minTarget, v.onLater),
		)
	}
	kind := r.Kind
	actions = append(actions, newTallButton(tr.T("Not now"), nil, minTarget, func() { v.onDismiss(kind) }))
	return container.NewPadded(container.NewVBox(heading(title), body(text), container.NewVBox(actions...)))
}

// openReminder shows a reminder of this kind in the reminder window,
// opening it, or adding to what it shows. The window is shown, not
// focused: a reminder must not take the keyboard from what the user is
// typing elsewhere.
func (u *ui) openReminder(kind string) *reminderView {
	w := u.windows["reminder"]
	if w == nil {
		v := &reminderView{tr: u.lang}
		w = u.newWindow("reminder", u.lang.T(TitleReminder), reminderSize, v)
		// answered puts one reminder away, and the window with the last.
		answered := func(k schedule.Kind) {
			v.remove(k)
			if len(v.reminders) == 0 {
				w.Close()
				return
			}
			w.SetContent(v.build())
		}
		v.onDrink = func() { u.onDrink(); answered(schedule.Hydration) }
		v.onStretch = func() { answered(schedule.Stretch); u.show("stretch:go") }
		v.onStretched = func() { u.onStretched(); answered(schedule.Stretch) }
		v.onLater = func() { u.report(u.diary.Later(context.Background())); answered(schedule.Stretch) }
		v.onDismiss = answered
		v.onHelp = func() { u.show("help") }
	}
	v := w.view.(*reminderView)
	v.add(schedule.Reminder{Kind: schedule.Kind(kind), Glasses: u.status.Glasses, Goal: u.status.Goal})
	w.SetContent(v.build())
	if len(v.reminders) > 1 {
		w.want = reminderTwoSize
	}
	u.fit(w)
	w.Show()
	return v
}
