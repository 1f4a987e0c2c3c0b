// Package l10n speaks to the person in their language: one catalogue of
// messages (go-i18n's JSON, the files Fyne's own lang package reads too)
// and the local ways of writing times and dates. The agent, the window
// process and the CLI share it; it links neither Fyne nor anything of the
// store, the transport or the screens.
//
// A message's ID is its English text, as with gettext and Fyne's lang.L:
// the code reads as it did in English, and English needs no lookup. The
// catalogue's en.json is still the list of every message (the tests
// check it against the code) and holds the English plural forms. Dates
// are written from patterns in the catalogue ("date:" and a Go layout),
// so each language puts the day, the month and the year in its own order.
package l10n

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"sort"
	"strings"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

//go:embed catalog/*.json
var catalog embed.FS

// Catalog is the message files, one per language (en.json, de.json, ...),
// in dir: what Fyne's lang.AddTranslationsFS takes, so that Fyne's own
// dialogs and buttons speak the same language as CrampCare's.
func Catalog() (files embed.FS, dir string) { return catalog, "catalog" }

// Languages are the languages CrampCare speaks, English first: the
// values ui.language takes besides "auto".
func Languages() []string { return []string{"en", "de", "es", "fr"} }

// Args are the values a message's placeholders ({{.Name}}) take.
type Args = map[string]any

// Mark returns s unchanged. It marks a message that is translated where it
// is shown rather than where it is written (advice held in a table, an
// error's plain words): the catalogue's tests find the messages of the
// code by these marks and by the literal IDs handed to T and N.
func Mark(s string) string { return s }

// Lang is one language and its local formats. Its methods are safe for
// concurrent use; the zero value is not: use New.
type Lang struct {
	code      string
	loc       *i18n.Localizer
	h12       bool
	weekStart int // time.Weekday
}

// Code is the language's code: en, de, es or fr.
func (l *Lang) Code() string { return l.code }

// T is the message id in this language, its placeholders filled from
// args. An id the catalogue lacks for this language is shown in English
// (its id) rather than not at all.
func (l *Lang) T(id string, args ...Args) string {
	var data Args
	if len(args) > 0 {
		data = args[0]
	}
	s, err := l.loc.Localize(&i18n.LocalizeConfig{
		DefaultMessage: &i18n.Message{ID: id, Other: id},
		TemplateData:   data,
	})
	if s == "" && err != nil {
		return id
	}
	return s
}

// N is the message id in the plural form for n, with n as {{.Count}}:
// "1 cramp", "2 cramps", never a word glued on in code.
func (l *Lang) N(id string, n int, args ...Args) string {
	data := Args{"Count": n}
	if len(args) > 0 {
		for k, v := range args[0] {
			data[k] = v
		}
	}
	s, err := l.loc.Localize(&i18n.LocalizeConfig{
		DefaultMessage: &i18n.Message{ID: id, Other: id},
		TemplateData:   data,
		PluralCount:    n,
	})
	if s == "" && err != nil {
		return id
	}
	return s
}

// bundle reads the catalogue. Each Lang reads its own, so no state is
// shared between packages; the files are small (a few milliseconds).
func bundle() (*i18n.Bundle, error) {
	b := i18n.NewBundle(language.English)
	b.RegisterUnmarshalFunc("json", json.Unmarshal)
	names, err := fs.Glob(catalog, "catalog/*.json")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	for _, name := range names {
		if _, err := b.LoadMessageFileFS(catalog, name); err != nil {
			return nil, fmt.Errorf("catalogue %s: %w", name, err)
		}
	}
	return b, nil
}

// Supported is the language of ours closest to tag (a BCP 47 tag or a
// POSIX locale like de_DE.UTF-8), or "en".
func Supported(tag string) string {
	lang, _ := splitLocale(tag)
	for _, l := range Languages() {
		if l == lang {
			return l
		}
	}
	return "en"
}

// splitLocale splits "de_DE.UTF-8@euro", "de-DE" or "de" into its
// language and region, lower and upper case.
func splitLocale(tag string) (lang, region string) {
	tag, _, _ = strings.Cut(tag, ".")
	tag, _, _ = strings.Cut(tag, "@")
	lang, region, _ = strings.Cut(strings.ReplaceAll(tag, "_", "-"), "-")
	if len(region) > 2 {
		// de-Latn-DE: the script is not the region.
		if _, r, ok := strings.Cut(region, "-"); ok {
			region = r
		} else {
			region = ""
		}
	}
	return strings.ToLower(lang), strings.ToUpper(region)
}
