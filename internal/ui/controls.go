package ui

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
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
