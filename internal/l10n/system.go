package l10n

import "strings"

// System is the locale the person's session speaks, as a POSIX locale or
// a BCP 47 tag ("de_DE.UTF-8", "en-US"), or "" for none. On Linux and the
// BSDs it is what gettext reads: the first of LANGUAGE's list when a
// locale is set at all, else LC_ALL, LC_MESSAGES, LANG; getenv is
// os.Getenv outside tests. On Windows and macOS it is the user's UI
// language, asked of the system (systemLocale).
func System(getenv func(string) string) string {
	if l := systemLocale(); l != "" {
		return l
	}
	locale := ""
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if locale = getenv(k); locale != "" {
			break
		}
	}
	if locale == "" || locale == "C" || locale == "POSIX" || strings.HasPrefix(locale, "C.") {
		return ""
	}
	if list := getenv("LANGUAGE"); list != "" {
		first, _, _ := strings.Cut(list, ":")
		if first != "" {
			// LANGUAGE names languages only ("de" or "de_AT"): the
			// region of the locale still says how times are written
			// when the language is the same.
			if fl, _ := splitLocale(first); fl != "" {
				if ll, region := splitLocale(locale); ll == fl && region != "" {
					if _, r := splitLocale(first); r == "" {
						return fl + "_" + region
					}
				}
				return first
			}
		}
	}
	return locale
}
