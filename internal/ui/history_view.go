package ui

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/crampcare/crampcare/internal/cramp"
	"github.com/crampcare/crampcare/internal/input"
	"github.com/crampcare/crampcare/internal/night"
)

// historyView lists the logged cramps grouped by night, newest first, each
// with Edit and Delete. A delete can be undone from the bar that appears.
type historyView struct {
	list      *fyne.Container
	undoBar   *fyne.Container
	undoLabel *widget.Label

	onEdit   func(e cramp.Entry)
	onDelete func(e cramp.Entry)
	onUndo   func()
	onReport func()
}

func (v *historyView) build() fyne.CanvasObject {
	v.list = container.NewVBox()
	v.undoLabel = body("")
	v.undoBar = container.NewBorder(nil, nil, nil, newTallButton("Undo", theme.ContentUndoIcon(), minTarget, v.onUndo), v.undoLabel)
	v.undoBar.Hide()
	report := newTallButton("Report for my doctor (PDF)", theme.DocumentIcon(), minTarget, v.onReport)
	return container.NewBorder(container.NewVBox(v.undoBar, report), nil, nil, nil, container.NewVScroll(container.NewPadded(v.list)))
}

// refresh shows entries (newest first), grouped by night.
func (v *historyView) refresh(entries []cramp.Entry) {
	v.list.RemoveAll()
	if len(entries) == 0 {
		v.list.Add(subheading("No cramps logged yet"))
		v.list.Add(body("When a cramp wakes you, click \"Log a cramp now\" in the tray or on the Today page. Your nights will be listed here."))
		return
	}
	var current time.Time
	for _, e := range entries {
		if n := night.Of(e.At.Local()); !n.Equal(current) {
			current = n
			v.list.Add(subheading(night.Label(n)))
		}
		e := e
		edit := newTallButton("Edit", theme.DocumentCreateIcon(), minTarget, func() { v.onEdit(e) })
		del := newTallButton("Delete", theme.DeleteIcon(), minTarget, func() { v.onDelete(e) })
		v.list.Add(container.NewBorder(nil, nil, nil, container.NewHBox(edit, del), body(summary(e))))
	}
}

// summary says a cramp in one line: "03:10 · left calf · 7 of 10 · 2 minutes".
func summary(e cramp.Entry) string {
	parts := []string{e.At.Local().Format("15:04")}
	where := ""
	if e.Leg != "" && e.Leg != cramp.LegBoth {
		where = string(e.Leg) + " "
	} else if e.Leg == cramp.LegBoth {
		where = "both legs, "
	}
	if e.Muscle != "" {
		where += strings.ToLower(e.Muscle.Label())
	} else if where != "" {
		where += "leg"
	}
	if where = strings.TrimSuffix(where, ", "); where != "" {
		parts = append(parts, where)
	}
	if e.Intensity != nil {
		parts = append(parts, fmt.Sprintf("%d of 10", *e.Intensity))
	}
	if e.Duration > 0 {
		parts = append(parts, humanDuration(e.Duration))
	}
	if len(e.RedFlags()) > 0 {
		parts = append(parts, "with "+strings.ToLower(strings.Join(e.RedFlags(), ", ")))
	}
	if e.NeedsDetails() {
		parts = append(parts, "no details yet")
	}
	return strings.Join(parts, " · ")
}

func (v *historyView) showUndo(msg string) {
	v.undoLabel.SetText(msg)
	v.undoBar.Show()
}

func (v *historyView) hideUndo() { v.undoBar.Hide() }

// backdateView logs a cramp that happened earlier, with presets so that
// nothing needs typing.
type backdateView struct {
	now    func() time.Time
	picker *timePicker
	onLog  func(at time.Time)
	onHelp func()
}

func (v *backdateView) build() fyne.CanvasObject {
	preset := func(label string, ago time.Duration) fyne.CanvasObject {
		return newTallButton(label, nil, minTarget, func() { v.onLog(v.now().Add(-ago)) })
	}
	v.picker = newTimePicker("03:00")
	lastNight := mainButton("Log it", theme.ConfirmIcon(), func() { v.onLog(v.lastNightAt()) })
	content := container.NewVBox(
		heading("Log a cramp I had"),
		body("When was it?"),
		container.NewGridWithColumns(2,
			preset("Just now", 0), preset("15 minutes ago", 15*time.Minute),
			preset("30 minutes ago", 30*time.Minute), preset("An hour ago", time.Hour)),
		widget.NewSeparator(),
		subheading("Last night, at"),
		v.picker.object(),
		lastNight,
	)
	return container.NewBorder(nil, adviceFooter(v.onHelp), nil, nil, container.NewVScroll(container.NewPadded(content)))
}

// lastNightAt is the latest moment already past at which a clock showed
// the picked time: at 07:00, 23:30 means yesterday. input.Clock.Latest
// gets the nights the clocks change right (02:30 in the repeated autumn
// hour is the more recent one).
func (v *backdateView) lastNightAt() time.Time {
	c, _ := input.ParseClock("", v.picker.value())
	return c.Latest(v.now())
}
