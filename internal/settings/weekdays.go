package settings

import (
	"fmt"
	"strings"
	"time"

	"github.com/crampcare/crampcare/internal/input"
	"github.com/crampcare/crampcare/internal/l10n"
)

// Weekdays is a set of days of the week, one bit per time.Weekday.
type Weekdays uint8

// EveryDay holds all seven days.
const EveryDay Weekdays = 1<<7 - 1

var dayNames = [7]string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}

// fullDayNames lets "monday" and "tues" through too: any prefix of three
// letters or more.
var fullDayNames = [7]string{"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"}

// Has reports whether d is in the set.
func (w Weekdays) Has(d time.Weekday) bool { return w&(1<<d) != 0 }

// With returns the set with d added.
func (w Weekdays) With(d time.Weekday) Weekdays { return w | 1<<d }

// Without returns the set with d removed.
func (w Weekdays) Without(d time.Weekday) Weekdays { return w &^ (1 << d) }

// String gives "every", "none" or days from Monday: "mon,wed,fri".
func (w Weekdays) String() string {
	switch w {
	case EveryDay:
		return "every"
	case 0:
		return "none"
	}
	var names []string
	for i := 1; i <= 7; i++ {
		d := time.Weekday(i % 7)
		if w.Has(d) {
			names = append(names, dayNames[d])
		}
	}
	return strings.Join(names, ",")
}

// ParseWeekdays reads "every", "none", or a comma list of three-letter day
// names (also full names, any case).
func ParseWeekdays(field, s string) (Weekdays, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	switch s {
	case "every", "all", "daily":
		return EveryDay, nil
	case "none":
		return 0, nil
	}
	var w Weekdays
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		found := false
		for i, n := range fullDayNames {
			if len(part) >= 3 && strings.HasPrefix(n, part) {
				w = w.With(time.Weekday(i))
				found = true
			}
		}
		if !found {
			return 0, input.Err(field, l10n.Mark("{{.Value}} is not a day; use every, or names like mon,tue,wed"), l10n.Args{"Value": fmt.Sprintf("%q", part)})
		}
	}
	return w, nil
}
