package ui

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/crampcare/crampcare/internal/input"
	"github.com/crampcare/crampcare/internal/settings"
)

// timePicker picks a time of day with two drop-downs (hour, minute in
// steps of 5): nothing to type, and no way to enter 25:70.
type timePicker struct {
	hour, minute *widget.Select
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
	p := &timePicker{hour: widget.NewSelect(hours, nil), minute: widget.NewSelect(mins, nil)}
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

// stepSlider is a slider over whole steps with a sentence saying what the
// value means ("Every 75 minutes"), so the number is never bare.
type stepSlider struct {
	slider *widget.Slider
	label  *widget.Label
	say    func(int) string
}

func newMinutesSlider(min, max, step, v int, say func(int) string) *stepSlider {
	s := &stepSlider{slider: widget.NewSlider(float64(min), float64(max)), label: widget.NewLabel(""), say: say}
	s.slider.Step = float64(step)
	if v < min {
		v = min
	}
	if v > max {
		v = max
	}
	s.slider.SetValue(float64(v))
	s.label.SetText(say(v))
	s.slider.OnChanged = func(f float64) { s.label.SetText(say(int(f))) }
	return s
}

func (s *stepSlider) object() fyne.CanvasObject { return container.NewVBox(s.label, s.slider) }

func (s *stepSlider) value() int { return int(s.slider.Value + 0.5) }

func (s *stepSlider) number() string { return fmt.Sprint(s.value()) }

func (s *stepSlider) duration() string {
	return settings.FormatDuration(time.Duration(s.value()) * time.Minute)
}
