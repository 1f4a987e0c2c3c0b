package ui

import (
	"fmt"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/crampcare/crampcare/internal/input"
	"github.com/crampcare/crampcare/internal/l10n"
	"github.com/crampcare/crampcare/internal/settings"
)

// timePicker picks a time of day with two drop-downs (hour, minute in
// steps of 5): nothing to type, and no way to enter 25:70. On a 12-hour
// clock (tr.TwelveHour) the hours run 12, 1 .. 11 and a third drop-down
// says AM or PM.
type timePicker struct {
	hour, minute *focusSelect
	// half is AM or PM on a 12-hour clock; nil on a 24-hour one.
	half *focusSelect
}

func newTimePicker(tr *l10n.Lang, hhmm string) *timePicker {
	c, _ := input.ParseClock("", hhmm)
	var hours, mins []string
	h := int(c) / 60
	p := &timePicker{}
	if tr.TwelveHour() {
		for i := 0; i < 12; i++ {
			hours = append(hours, fmt.Sprint((i+11)%12+1))
		}
		p.half = newSelect([]string{tr.T("AM"), tr.T("PM")})
		p.half.SetSelected(p.half.Options[h/12])
	} else {
		for i := 0; i < 24; i++ {
			hours = append(hours, fmt.Sprintf("%02d", i))
		}
	}
	for m := 0; m < 60; m += 5 {
		mins = append(mins, fmt.Sprintf("%02d", m))
	}
	p.hour, p.minute = newSelect(hours), newSelect(mins)
	if p.half != nil {
		p.hour.SetSelected(hours[h%12])
	} else {
		p.hour.SetSelected(hours[h])
	}
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
	if p.half != nil {
		p.half.OnChanged = func(string) { f() }
	}
}

func (p *timePicker) object() fyne.CanvasObject {
	if p.half != nil {
		return container.NewHBox(p.hour, widget.NewLabel(":"), p.minute, p.half)
	}
	return container.NewHBox(p.hour, widget.NewLabel(":"), p.minute)
}

// value is the time picked, "21:30" whichever clock it is shown on.
func (p *timePicker) value() string {
	if p.half == nil {
		return p.hour.Selected + ":" + p.minute.Selected
	}
	h := max(0, slices.Index(p.hour.Options, p.hour.Selected))
	if p.half.Selected == p.half.Options[1] {
		h += 12
	}
	return fmt.Sprintf("%02d:%s", h, p.minute.Selected)
}

// dayToggles is a row of seven buttons, from the first day of the week
// (tr.Week), lit when on.
type dayToggles struct {
	days    settings.Weekdays
	week    []time.Weekday
	buttons [7]*tallButton
}

func newDayToggles(tr *l10n.Lang, s string) *dayToggles {
	w, _ := settings.ParseWeekdays("", s)
	t := &dayToggles{days: w, week: tr.Week()}
	for i, d := range t.week {
		b := newTallButton(tr.WeekdayShort(d), nil, minTarget, nil)
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
		if t.days.Has(t.week[i]) {
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
	// A sentence in a long language at 200 % breaks into lines rather
	// than widening the window past the screen.
	s.label.Wrapping = fyne.TextWrapWord
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
// for the month before and after, and its days as big buttons, from the
// first day of the week. Days after today, or more than a year back, cannot be chosen
// (the day being edited can, however old).
type dayPicker struct {
	tr              *l10n.Lang
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
func newDayPicker(tr *l10n.Lang, day, now time.Time) *dayPicker {
	p := &dayPicker{tr: tr, today: midnight(now), day: midnight(day.In(now.Location()))}
	p.earliest = p.today.AddDate(-1, 0, 0)
	if p.day.Before(p.earliest) {
		p.earliest = p.day
	}
	p.title = widget.NewLabel("")
	p.title.Alignment = fyne.TextAlignCenter
	p.title.TextStyle.Bold = true
	p.chosen = body("")
	p.prev = newTallButton(tr.T("Month before"), theme.NavigateBackIcon(), minTarget, func() { p.showMonth(p.month.AddDate(0, -1, 0)) })
	p.next = newTallButton(tr.T("Month after"), theme.NavigateNextIcon(), minTarget, func() { p.showMonth(p.month.AddDate(0, 1, 0)) })
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
	p.title.SetText(p.tr.Date(p.month, "January 2006"))
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
	for _, d := range p.tr.Week() {
		h := widget.NewLabel(p.tr.WeekdayShort(d))
		h.Alignment = fyne.TextAlignCenter
		objs = append(objs, h)
	}
	// From the first day of the week: blanks before the 1st.
	for range (int(p.month.Weekday()) - int(p.tr.WeekStart()) + 7) % 7 {
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
	tr := p.tr
	words := tr.Date(p.day, "Monday 2 January 2006")
	switch {
	case p.day.Equal(p.today):
		words = tr.T("Today, {{.Date}}", l10n.Args{"Date": tr.Date(p.day, "Monday 2 January")})
	case p.day.Equal(p.today.AddDate(0, 0, -1)):
		words = tr.T("Yesterday, {{.Date}}", l10n.Args{"Date": tr.Date(p.day, "Monday 2 January")})
	case p.day.Year() == p.today.Year():
		words = tr.Date(p.day, "Monday 2 January")
	}
	p.chosen.SetText(tr.T("Day: {{.Date}}", l10n.Args{"Date": words}))
}

// at is the moment the picked day shows the clock of hhmm ("03:00").
func at(day time.Time, hhmm string) time.Time {
	c, _ := input.ParseClock("", hhmm)
	return c.On(day)
}
