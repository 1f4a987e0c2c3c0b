package l10n

import (
	"fmt"
	"sync"
	"time"
)

// Prefs are the person's choices, as the settings ui.language, ui.clock
// and ui.week-start hold them: "auto" (or empty) follows the system.
type Prefs struct {
	Language  string // auto, en, de, es, fr
	Clock     string // auto, 12h, 24h
	WeekStart string // auto, monday, sunday
}

// New is the language and formats prefs choose, the system's locale
// (System) deciding what is left on auto. A catalogue that cannot be read
// is a build fault the tests catch; were it to happen, English is spoken.
func New(p Prefs, system string) *Lang {
	code, region := resolve(p, system)
	l := &Lang{code: code, h12: twelveHour(code, region), weekStart: int(WeekStartFor(p, system))}
	switch p.Clock {
	case "12h":
		l.h12 = true
	case "24h":
		l.h12 = false
	}
	b, err := bundle()
	if err != nil {
		panic(fmt.Sprintf("l10n: %v", err)) // caught by every test of the package
	}
	l.loc = i18nLocalizer(b, code)
	return l
}

// WeekStartFor is the first day of the week prefs and the system's
// locale give, as New's WeekStart, without reading the catalogue: for
// code that only counts weeks.
func WeekStartFor(p Prefs, system string) time.Weekday {
	switch p.WeekStart {
	case "monday":
		return time.Monday
	case "sunday":
		return time.Sunday
	}
	return firstDay(resolve(p, system))
}

// resolve is the language prefs and the system's locale choose, and the
// region whose ways of writing times and weeks go with it.
func resolve(p Prefs, system string) (code, region string) {
	code = p.Language
	if code == "" || code == "auto" {
		code = Supported(system)
	} else {
		code = Supported(code)
	}
	lang, region := splitLocale(system)
	if lang != code {
		// The system's region says how its own language writes times;
		// another language chosen in the settings brings its own.
		region = ""
	}
	return code, region
}

// English is English with a 24-hour clock and weeks from Monday: what
// logs, errors' Error() and the methods without a language speak. It is
// read once for the whole program: reading the catalogue takes
// milliseconds, and errors are worded often. The one value this package
// keeps; a Lang never changes after New, so sharing it is safe.
func English() *Lang { return english() }

var english = sync.OnceValue(func() *Lang {
	return New(Prefs{Language: "en", Clock: "24h", WeekStart: "monday"}, "")
})

// twelveHour says whether the locale writes times on a 12-hour clock
// (CLDR's time formats): English in the US, Canada, Australia, New
// Zealand, India, the Philippines and Pakistan, and English with no
// region (CLDR's en is en-US); everything else we speak uses 24 hours.
func twelveHour(lang, region string) bool {
	if lang != "en" {
		return false
	}
	switch region {
	case "", "US", "CA", "AU", "NZ", "IN", "PH", "PK":
		return true
	}
	return false
}

// firstDay is the first day of the week in the locale (CLDR's firstDay):
// Sunday in the Americas mostly, Japan, Israel, the Philippines and for
// English with no region (en-US); Monday elsewhere, as in most of Europe.
func firstDay(lang, region string) time.Weekday {
	if region == "" {
		if lang == "en" {
			return time.Sunday
		}
		return time.Monday
	}
	switch region {
	case "US", "CA", "MX", "BR", "JP", "IL", "PH", "AR", "CO", "PE", "VE", "GT", "HN", "SV", "NI", "PA", "DO", "PR", "BO", "IN", "ZA", "AU", "HK", "TW", "KR":
		return time.Sunday
	}
	return time.Monday
}

// WeekStart is the first day of the week.
func (l *Lang) WeekStart() time.Weekday { return time.Weekday(l.weekStart) }

// TwelveHour says whether times are written on a 12-hour clock.
func (l *Lang) TwelveHour() bool { return l.h12 }
