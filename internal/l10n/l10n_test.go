package l10n

import (
	"testing"
	"time"
)

var wed = time.Date(2026, 12, 2, 21, 5, 0, 0, time.UTC) // a Wednesday

func TestLocalFormats(t *testing.T) {
	for _, c := range []struct {
		system      string
		prefs       Prefs
		lang        string
		time, date  string
		short       string
		firstOfWeek time.Weekday
	}{
		{"en_US.UTF-8", Prefs{}, "en", "9:05 PM", "Wednesday 2 December", "Wed 2 Dec", time.Sunday},
		{"en_GB.UTF-8", Prefs{}, "en", "21:05", "Wednesday 2 December", "Wed 2 Dec", time.Monday},
		{"de_DE.UTF-8", Prefs{}, "de", "21:05", "Mittwoch, 2. Dezember", "Mi., 2. Dez.", time.Monday},
		{"es_ES.UTF-8", Prefs{}, "es", "21:05", "miércoles, 2 de diciembre", "mié, 2 dic", time.Monday},
		{"fr_FR.UTF-8", Prefs{}, "fr", "21:05", "mercredi 2 décembre", "mer. 2 déc.", time.Monday},
		{"es_MX.UTF-8", Prefs{}, "es", "21:05", "miércoles, 2 de diciembre", "mié, 2 dic", time.Sunday},
		// The settings win over the system.
		{"en_US.UTF-8", Prefs{Language: "de"}, "de", "21:05", "Mittwoch, 2. Dezember", "Mi., 2. Dez.", time.Monday},
		{"de_DE.UTF-8", Prefs{Clock: "12h", WeekStart: "sunday"}, "de", "9:05 PM", "Mittwoch, 2. Dezember", "Mi., 2. Dez.", time.Sunday},
		{"en_US.UTF-8", Prefs{Language: "auto", Clock: "24h", WeekStart: "monday"}, "en", "21:05", "Wednesday 2 December", "Wed 2 Dec", time.Monday},
		// No locale, or one we do not speak: English, as CLDR's en (US).
		{"", Prefs{}, "en", "9:05 PM", "Wednesday 2 December", "Wed 2 Dec", time.Sunday},
		{"it_IT.UTF-8", Prefs{}, "en", "9:05 PM", "Wednesday 2 December", "Wed 2 Dec", time.Sunday},
	} {
		l := New(c.prefs, c.system)
		if l.Code() != c.lang || l.Time(wed) != c.time || l.Date(wed, "Monday 2 January") != c.date ||
			l.Date(wed, "Mon 2 Jan") != c.short || l.WeekStart() != c.firstOfWeek {
			t.Errorf("%s %+v: %s, %q, %q, %q, week from %v; want %s, %q, %q, %q, %v", c.system, c.prefs,
				l.Code(), l.Time(wed), l.Date(wed, "Monday 2 January"), l.Date(wed, "Mon 2 Jan"), l.WeekStart(),
				c.lang, c.time, c.date, c.short, c.firstOfWeek)
		}
	}
	if got := New(Prefs{Language: "en", Clock: "12h"}, "").Time(time.Date(2026, 1, 1, 0, 30, 0, 0, time.UTC)); got != "12:30 AM" {
		t.Errorf("half past midnight: %q, want 12:30 AM", got)
	}
	if got := English().Date(wed, "Monday 15:04"); got != "Wednesday 21:05" {
		t.Errorf("English day and time: %q", got)
	}
	if w := New(Prefs{Language: "en", WeekStart: "sunday"}, "").Week(); w[0] != time.Sunday || w[6] != time.Saturday {
		t.Errorf("week from Sunday: %v", w)
	}
}

func TestSystemLocale(t *testing.T) {
	env := func(kv ...string) func(string) string {
		m := map[string]string{}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return func(k string) string { return m[k] }
	}
	for _, c := range []struct {
		env  func(string) string
		want string
	}{
		{env("LANG", "de_DE.UTF-8"), "de_DE.UTF-8"},
		{env("LANG", "en_US.UTF-8", "LC_MESSAGES", "fr_FR.UTF-8"), "fr_FR.UTF-8"},
		{env("LANG", "en_US.UTF-8", "LC_ALL", "es_ES.UTF-8", "LC_MESSAGES", "fr_FR.UTF-8"), "es_ES.UTF-8"},
		{env("LANG", "de_AT.UTF-8", "LANGUAGE", "de:en"), "de_AT"},
		{env("LANG", "en_US.UTF-8", "LANGUAGE", "fr_CA:en"), "fr_CA"},
		{env("LANG", "C.UTF-8", "LANGUAGE", "de"), ""},
		{env(), ""},
	} {
		if got := System(c.env); got != c.want {
			t.Errorf("System = %q, want %q", got, c.want)
		}
	}
	if got := Supported("de_AT.UTF-8@euro"); got != "de" {
		t.Errorf("Supported(de_AT) = %q", got)
	}
}

// TestPluralsAndPlaceholders: N picks the form by count, T fills in its
// placeholders, and an unknown ID is shown as it is (its English).
func TestPluralsAndPlaceholders(t *testing.T) {
	l := English()
	if got := l.T("No such message {{.X}}", Args{"X": 3}); got != "No such message 3" {
		t.Errorf("T of an unknown ID: %q", got)
	}
	if got := l.N("{{.Count}} things", 2); got != "2 things" {
		t.Errorf("N of an unknown ID: %q", got)
	}
}
