package ui

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/crampcare/crampcare/internal/input"
	"github.com/crampcare/crampcare/internal/settings"
)

// timePicker picks a time of day with two drop-downs (hour, minute in
// steps of 5): nothing to type, and no way to enter 25:70.
type timePicker struct {
	hour, minute *focusSelect
}

func newTimePicker(hhmm string) *timePicker {
	c, _ := input.ParseClock("", hhmm)
	var hours, mins []string
	for h := 0; h < 24; h++ {
		hours = append(hours, fmt.Sprintf("%02d", h))
	}
	for m := 0; m < 60; m += 5 {
		mins = append(mins, fmt.Sprintf("%02d", m))
	}
	p := &timePicker{hour: newSelect(hours), minute: newSelect(mins)}
	p.hour.SetSelected(fmt.Sprintf("%02d", int(c)/60))
	m := int(c) % 60
	if m%5 != 0 {
		// A time set on the command line keeps its exact minute.
		p.minute.Options = append(p.minute.Options, fmt.Sprintf("%02d", m))
	}
	p.minute.SetSelected(fmt.Sprintf("%02d", m))
	return p
}

// onChanged calls f whenever the hour or the minute is changed.
func (p *timePicker) onChanged(f func()) {
	p.hour.OnChanged = func(string) { f() }
	p.minute.OnChanged = func(string) { f() }
}

func (p *timePicker) object() fyne.CanvasObject {
	return container.NewHBox(p.hour, widget.NewLabel(":"), p.minute)
}

func (p *timePicker) value() string { return p.hour.Selected + ":" + p.minute.Selected }

// dayToggles is a row of seven buttons, Monday first, lit when on.
type dayToggles struct {
	days    settings.Weekdays
	buttons [7]*tallButton
}

func newDayToggles(s string) *dayToggles {
	w, _ := settings.ParseWeekdays("", s)
	t := &dayToggles{days: w}
	for i := range t.buttons {
		d := time.Weekday((i + 1) % 7)
		b := newTallButton(d.String()[:3], nil, minTarget, nil)
		b.OnTapped = func() {
			if t.days.Has(d) {
				t.days = t.days.Without(d)
			} else {
				t.days = t.days.With(d)
			}
			t.paint()
		}
		t.buttons[i] = b
	}
	t.paint()
	return t
}

func (t *dayToggles) paint() {
	for i, b := range t.buttons {
		d := time.Weekday((i + 1) % 7)
		if t.days.Has(d) {
			b.Importance = widget.HighImportance
		} else {
			b.Importance = widget.LowImportance
		}
		b.Refresh()
	}
}

func (t *dayToggles) object() fyne.CanvasObject {
	objs := make([]fyne.CanvasObject, len(t.buttons))
	for i, b := range t.buttons {
		objs[i] = b
	}
	return container.NewGridWithColumns(7, objs...)
}

func (t *dayToggles) value() string { return t.days.String() }

// stepper sets a whole number with a − and a + button, each a full-size
// target, beside a sentence saying what the value means ("Every 75
// minutes"), so the number is never bare. It replaces a slider, whose thumb
// is small and must be dragged: a shaky hand or a keyboard sets a stepper
// as easily as a steady mouse.
type stepper struct {
	min, max, step, v int
	say               func(int) string
	label             *widget.Label
	minus, plus       *tallButton
	// onChange, if set, is told each value the user steps to.
	onChange func(int)
}

func newStepper(lo, hi, step, v int, say func(int) string) *stepper {
	s := &stepper{min: lo, max: hi, step: step, say: say, label: widget.NewLabel("")}
	s.label.Alignment = fyne.TextAlignCenter
	s.label.TextStyle.Bold = true
	s.minus = newTallButton("", theme.ContentRemoveIcon(), minTarget, s.down)
	s.plus = newTallButton("", theme.ContentAddIcon(), minTarget, s.up)
	s.set(v)
	return s
}

// set shows v, kept within the range; a value off the steps (set on the
// command line) is kept as it is until a button moves it onto one.
func (s *stepper) set(v int) {
	s.v = min(max(v, s.min), s.max)
	s.label.SetText(s.say(s.v))
	if s.v <= s.min {
		s.minus.Disable()
	} else {
		s.minus.Enable()
	}
	if s.v >= s.max {
		s.plus.Disable()
	} else {
		s.plus.Enable()
	}
}

func (s *stepper) down() {
	off := (s.v - s.min) % s.step
	if off == 0 {
		off = s.step
	}
	s.set(s.v - off)
	s.changed()
}

func (s *stepper) up() { s.set(s.v - (s.v-s.min)%s.step + s.step); s.changed() }

func (s *stepper) changed() {
	if s.onChange != nil {
		s.onChange(s.v)
	}
}

func (s *stepper) object() fyne.CanvasObject {
	return container.NewBorder(nil, nil, s.minus, s.plus, s.label)
}

func (s *stepper) value() int { return s.v }

func (s *stepper) number() string { return fmt.Sprint(s.value()) }

func (s *stepper) duration() string {
	return settings.FormatDuration(time.Duration(s.value()) * time.Minute)
}

// dayPicker picks a calendar day, nothing to type: a month, with a button
// for the month before and after, and its days as big buttons, Monday
// first. Days after today, or more than a year back, cannot be chosen
// (the day being edited can, however old).
type dayPicker struct {
	today, earliest time.Time // local midnights
	day             time.Time // chosen, local midnight
	month           time.Time // the first of the month shown

	title, chosen *widget.Label
	prev, next    *tallButton
	grid          *fyne.Container
	// days are the month's day buttons, days[0] the 1st.
	days []*tallButton
	box  *fyne.Container
	// picked is set once a day is tapped: the choice is the person's.
	picked bool
}

// midnight is the start of t's calendar day, in t's location.
func midnight(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, t.Location())
}

// newDayPicker shows day, chosen; now sets today and the year back.
func newDayPicker(day, now time.Time) *dayPicker {
	p := &dayPicker{today: midnight(now), day: midnight(day.In(now.Location()))}
	p.earliest = p.today.AddDate(-1, 0, 0)
	if p.day.Before(p.earliest) {
		p.earliest = p.day
	}
	p.title = widget.NewLabel("")
	p.title.Alignment = fyne.TextAlignCenter
	p.title.TextStyle.Bold = true
	p.chosen = body("")
	p.prev = newTallButton("Month before", theme.NavigateBackIcon(), minTarget, func() { p.showMonth(p.month.AddDate(0, -1, 0)) })
	p.next = newTallButton("Month after", theme.NavigateNextIcon(), minTarget, func() { p.showMonth(p.month.AddDate(0, 1, 0)) })
	p.grid = container.NewGridWithColumns(7)
	p.box = container.NewVBox(container.NewBorder(nil, nil, p.prev, p.next, p.title), p.grid, p.chosen)
	p.showMonth(p.day)
	return p
}

func (p *dayPicker) object() fyne.CanvasObject { return p.box }

// value is the chosen day, at local midnight.
func (p *dayPicker) value() time.Time { return p.day }

// showMonth lays out the month of t.
func (p *dayPicker) showMonth(t time.Time) {
	p.month = time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, t.Location())
	p.title.SetText(p.month.Format("January 2006"))
	if !p.month.After(p.earliest) {
		p.prev.Disable()
	} else {
		p.prev.Enable()
	}
	if p.month.AddDate(0, 1, 0).After(p.today) {
		p.next.Disable()
	} else {
		p.next.Enable()
	}
	objs := []fyne.CanvasObject{}
	for i := range 7 {
		h := widget.NewLabel(time.Weekday((i + 1) % 7).String()[:3])
		h.Alignment = fyne.TextAlignCenter
		objs = append(objs, h)
	}
	// Monday first: blanks before the 1st.
	for range (int(p.month.Weekday()) + 6) % 7 {
		objs = append(objs, layout.NewSpacer())
	}
	p.days = p.days[:0]
	for d := p.month; d.Month() == p.month.Month(); d = d.AddDate(0, 0, 1) {
		d := d
		b := newTallButton(fmt.Sprint(d.Day()), nil, minTarget, func() { p.choose(d) })
		if d.After(p.today) || d.Before(p.earliest) {
			b.Disable()
		}
		p.days = append(p.days, b)
		objs = append(objs, b)
	}
	p.grid.Objects = objs
	p.grid.Refresh()
	p.paint()
}

// choose makes d the chosen day.
func (p *dayPicker) choose(d time.Time) {
	p.picked = true
	p.set(d)
}

// set shows day d as chosen, and its month.
func (p *dayPicker) set(d time.Time) {
	p.day = midnight(d)
	if p.day.Year() != p.month.Year() || p.day.Month() != p.month.Month() {
		p.showMonth(p.day)
		return
	}
	p.paint()
}

// paint lights the chosen day and says it in words.
func (p *dayPicker) paint() {
	for i, b := range p.days {
		setLit(b, p.day.Year() == p.month.Year() && p.day.Month() == p.month.Month() && p.day.Day() == i+1)
	}
	words := p.day.Format("Monday 2 January 2006")
	switch {
	case p.day.Equal(p.today):
		words = "Today, " + p.day.Format("Monday 2 January")
	case p.day.Equal(p.today.AddDate(0, 0, -1)):
		words = "Yesterday, " + p.day.Format("Monday 2 January")
	case p.day.Year() == p.today.Year():
		words = p.day.Format("Monday 2 January")
	}
	p.chosen.SetText("Day: " + words)
}

// at is the moment the picked day shows the clock of hhmm ("03:00").
func at(day time.Time, hhmm string) time.Time {
	c, _ := input.ParseClock("", hhmm)
	return c.On(day)
}
