// Package night says which night a moment belongs to. A night runs from
// one evening to the next morning, so a cramp at 02:00 belongs with one at
// 23:00 the evening before, and a stretch at 00:30 counts for that evening.
package night

import (
	"time"

	"github.com/crampcare/crampcare/internal/l10n"
)

// Of returns the night t belongs to, as local midnight of the evening's
// date. The day is cut at noon: from 12:00 a moment belongs to the coming
// night, before 12:00 to the night that is ending.
func Of(t time.Time) time.Time {
	// Decided by the wall clock, not by subtracting 12 hours, which on a
	// DST day would move the cut an hour off noon.
	y, m, d := t.Date()
	if t.Hour() < 12 {
		d--
	}
	return time.Date(y, m, d, 0, 0, 0, 0, t.Location())
}

// Label names a night the way people say it: "Night of Sunday 22 November".
func Label(n time.Time) string { return LabelIn(l10n.English(), n) }

// LabelIn is Label in tr's language and date format.
func LabelIn(tr *l10n.Lang, n time.Time) string {
	return tr.T("Night of {{.Date}}", l10n.Args{"Date": tr.Date(n, "Monday 2 January")})
}

// Hours are the night hours of the settings night.start and night.end, in
// minutes after midnight by the wall clock. A window that crosses midnight
// (21:00 to 07:00) has Start after End; Start equal to End means no night
// hours at all.
type Hours struct{ Start, End int }

// clock is t's wall-clock time in minutes after midnight.
func clock(t time.Time) int { return t.Hour()*60 + t.Minute() }

// Contains reports whether t falls inside the night hours.
func (h Hours) Contains(t time.Time) bool {
	c := clock(t)
	switch {
	case h.Start == h.End:
		return false
	case h.Start < h.End:
		return c >= h.Start && c < h.End
	default:
		return c >= h.Start || c < h.End
	}
}

// evening is the date (local midnight) of the evening whose night t, a
// moment inside the night hours, belongs to: 02:00 belongs to the evening
// before, and so does 03:00 in a night of 00:00 to 06:00.
func (h Hours) evening(t time.Time) time.Time {
	y, m, d := t.Date()
	c := clock(t)
	if (h.Start > h.End && c < h.End) || (h.Start < h.End && h.Start < 12*60) {
		d--
	}
	return time.Date(y, m, d, 0, 0, 0, 0, t.Location())
}

// Heading is what a moment is listed under in the history: "Night of
// Tuesday 1 December" for one inside the night hours, the day for any
// other ("Wednesday 2 December"), so a cramp at 10:57 on Wednesday is not
// put with Tuesday's night.
func (h Hours) Heading(t time.Time) string { return h.HeadingIn(l10n.English(), t) }

// HeadingIn is Heading in tr's language and date format.
func (h Hours) HeadingIn(tr *l10n.Lang, t time.Time) string {
	if h.Contains(t) {
		return LabelIn(tr, h.evening(t))
	}
	return tr.Date(t, "Monday 2 January")
}

// LastNight reports whether t was in the night that ended most recently
// before now. While now is itself inside the night hours there is no
// "last night" yet: the night is still going on.
func (h Hours) LastNight(t, now time.Time) bool {
	if !h.Contains(t) || h.Contains(now) || !t.Before(now) {
		return false
	}
	// The most recent end of the night hours: today's or yesterday's.
	y, m, d := now.Date()
	end := time.Date(y, m, d, h.End/60, h.End%60, 0, 0, now.Location())
	if end.After(now) {
		end = time.Date(y, m, d-1, h.End/60, h.End%60, 0, 0, now.Location())
	}
	return h.evening(t).Equal(h.evening(end.Add(-time.Minute)))
}

// Greeting is the main window's first words at t. In the small hours the
// person reading it is awake, often with a cramp: "Good night" would be a
// goodbye, so they hear something kind instead.
func Greeting(t time.Time) string {
	switch h := t.Hour(); {
	case h < 5:
		return l10n.Mark("Sorry you're awake")
	case h < 12:
		return l10n.Mark("Good morning")
	case h < 18:
		return l10n.Mark("Good afternoon")
	default:
		return l10n.Mark("Good evening")
	}
}

// GreetingIn is Greeting in tr's language.
func GreetingIn(tr *l10n.Lang, t time.Time) string { return tr.T(Greeting(t)) }
