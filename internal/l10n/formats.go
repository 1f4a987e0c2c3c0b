package l10n

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/nicksnyder/go-i18n/v2/i18n"
)

func i18nLocalizer(b *i18n.Bundle, code string) *i18n.Localizer {
	return i18n.NewLocalizer(b, code, "en")
}

// Time is t's time of day the local way: 21:30, or 9:30 PM.
func (l *Lang) Time(t time.Time) string {
	if !l.h12 {
		return t.Format("15:04")
	}
	h := t.Hour() % 12
	if h == 0 {
		h = 12
	}
	id := "AM"
	if t.Hour() >= 12 {
		id = "PM"
	}
	return fmt.Sprintf("%d:%02d %s", h, t.Minute(), l.T(id))
}

// Clock is a time of day given as hours and minutes (a setting's
// "21:30"), written as Time writes it.
func (l *Lang) Clock(hour, minute int) string {
	return l.Time(time.Date(2000, 1, 1, hour, minute, 0, 0, time.UTC))
}

// Date writes t the local way after layout, one of the Go layouts the
// catalogue has a pattern for ("date:Monday 2 January" and so on): the
// layout says which parts are shown and how long the names are, the
// language's pattern in which order and with what between them. 15:04 in
// a layout stands for the time as Time writes it.
func (l *Lang) Date(t time.Time, layout string) string {
	args := Args{
		"Day":  strconv.Itoa(t.Day()),
		"Year": strconv.Itoa(t.Year()),
	}
	switch {
	case strings.Contains(layout, "Monday"):
		args["Weekday"] = l.Weekday(t.Weekday())
	case strings.Contains(layout, "Mon"):
		args["Weekday"] = l.WeekdayShort(t.Weekday())
	}
	switch {
	case strings.Contains(layout, "January"):
		args["Month"] = l.T(monthIDs()[t.Month()-1])
	case strings.Contains(layout, "Jan"):
		args["Month"] = l.T(monthShortIDs()[t.Month()-1])
	}
	if strings.Contains(layout, "15:04") {
		args["Time"] = l.Time(t)
	}
	return l.T("date:"+layout, args)
}

// Length says a length of time as people say it, in whole seconds under
// a minute and in minutes from then on: "40 seconds", "a minute", "3
// minutes", never "4m30s".
func (l *Lang) Length(d time.Duration) string {
	if d < time.Minute {
		return l.N("{{.Count}} seconds", int(d.Seconds()))
	}
	return l.N("{{.Count}} minutes", int(d.Round(time.Minute).Minutes()))
}

// Weekday is the day's name: Monday, Montag.
func (l *Lang) Weekday(d time.Weekday) string { return l.T(weekdayIDs()[d]) }

// WeekdayShort is the day's short name: Mon, Mo.
func (l *Lang) WeekdayShort(d time.Weekday) string { return l.T(weekdayShortIDs()[d]) }

// Week is the seven days from the first day of the week, for pickers and
// week bars.
func (l *Lang) Week() []time.Weekday {
	days := make([]time.Weekday, 7)
	for i := range days {
		days[i] = time.Weekday((l.weekStart + i) % 7)
	}
	return days
}

// The names' IDs: "weekday:Mon" and "month:Jan" rather than the English
// words, which would clash (May is May long and short in English, not in
// Spanish). Functions, not variables: nothing in the package can change.
func weekdayIDs() [7]string {
	return [7]string{"weekday:Sunday", "weekday:Monday", "weekday:Tuesday", "weekday:Wednesday", "weekday:Thursday", "weekday:Friday", "weekday:Saturday"}
}

func weekdayShortIDs() [7]string {
	return [7]string{"weekday:Sun", "weekday:Mon", "weekday:Tue", "weekday:Wed", "weekday:Thu", "weekday:Fri", "weekday:Sat"}
}

func monthIDs() [12]string {
	return [12]string{"month:January", "month:February", "month:March", "month:April", "month:May", "month:June", "month:July", "month:August", "month:September", "month:October", "month:November", "month:December"}
}

func monthShortIDs() [12]string {
	return [12]string{"month:Jan", "month:Feb", "month:Mar", "month:Apr", "month:May.short", "month:Jun", "month:Jul", "month:Aug", "month:Sep", "month:Oct", "month:Nov", "month:Dec"}
}

// Layouts are the Go layouts Date has patterns for. A new one needs its
// pattern in every language's file ("date:" and the layout).
func Layouts() []string {
	return []string{"Monday 2 January", "Monday 2 January 2006", "Monday 2 January 15:04", "Monday 15:04",
		"Mon 15:04", "Mon 2 Jan", "Mon 2 Jan 15:04", "Mon 2 Jan 2006", "2 Jan", "2 Jan 2006", "2 January 2006", "January 2006"}
}

// NameIDs are the IDs the package builds rather than the code writing
// them: the day and month names, AM and PM, and the date patterns. The
// catalogue's tests count them as used.
func NameIDs() []string {
	ids := []string{"AM", "PM"}
	for _, l := range Layouts() {
		ids = append(ids, "date:"+l)
	}
	w, ws, m, ms := weekdayIDs(), weekdayShortIDs(), monthIDs(), monthShortIDs()
	ids = append(ids, w[:]...)
	ids = append(ids, ws[:]...)
	ids = append(ids, m[:]...)
	return append(ids, ms[:]...)
}
