//go:build windows || darwin

package l10n

import locale "github.com/jeandeaual/go-locale"

// systemLocale asks Windows (GetUserDefaultLocaleName) or macOS
// (NSLocale's preferred languages) for the user's language and region,
// through the library Fyne itself uses for its own.
func systemLocale() string {
	l, err := locale.GetLocale()
	if err != nil {
		return ""
	}
	return l
}
