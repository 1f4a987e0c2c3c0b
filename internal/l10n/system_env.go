//go:build !windows && !darwin

package l10n

// systemLocale is "": on Linux and the BSDs the locale is in the
// environment.
func systemLocale() string { return "" }
