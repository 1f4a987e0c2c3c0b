package l10n

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
)

var update = flag.String("update", "", "add the messages the code uses and the catalogue lacks to catalog/AREA.en.json (AREA: formats, content, app, ui, windows), and drop the ones no code uses from every English file")

// areaOf is the catalogue file a message used at path (a Go file) goes
// in: one file per part of the app, so that work on one part touches
// its own files. A message used in several parts stays where it is.
func areaOf(path string) string {
	path = filepath.ToSlash(path)
	switch {
	case strings.Contains(path, "internal/ui/"):
		for _, f := range []string{"relief_view", "stretch_view", "advice_views", "fordoctor_view", "reminder_view", "settings_view", "welcome_view"} {
			if strings.Contains(path, "/"+f+".go") {
				return "windows"
			}
		}
		return "ui"
	case strings.Contains(path, "cmd/"):
		return "app"
	}
	for _, p := range []string{"agent", "tray", "notify", "cli", "report", "api"} {
		if strings.Contains(path, "internal/"+p+"/") {
			return "app"
		}
	}
	return "content"
}

// entry is one message in a catalogue file: a string, or plural forms.
type entry struct {
	text  string
	forms map[string]string
}

func (e entry) all() []string {
	if e.forms == nil {
		return []string{e.text}
	}
	var out []string
	for _, k := range sortedKeys(e.forms) {
		out = append(out, e.forms[k])
	}
	return out
}

func (e entry) MarshalJSON() ([]byte, error) {
	if e.forms != nil {
		return marshal(e.forms)
	}
	return marshal(e.text)
}

func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	err := enc.Encode(v)
	return bytes.TrimSpace(b.Bytes()), err
}

// readLang is every message of lang, from all its files; an ID in two
// files is an error.
func readLang(t *testing.T, lang string) map[string]entry {
	t.Helper()
	out := map[string]entry{}
	for _, area := range areas(t) {
		for id, e := range readFile(t, area, lang) {
			if _, dup := out[id]; dup {
				t.Errorf("%q is in two %s files: keep it in one", id, lang)
			}
			out[id] = e
		}
	}
	return out
}

// areas are the parts the catalogue is in, from the English files.
func areas(t *testing.T) []string {
	t.Helper()
	names, err := fs.Glob(catalog, "catalog/*.en.json")
	if err != nil || len(names) == 0 {
		t.Fatalf("no English files: %v", err)
	}
	var out []string
	for _, n := range names {
		out = append(out, strings.TrimSuffix(strings.TrimPrefix(n, "catalog/"), ".en.json"))
	}
	return out
}

func readFile(t *testing.T, area, lang string) map[string]entry {
	t.Helper()
	b, err := os.ReadFile("catalog/" + area + "." + lang + ".json")
	if errors.Is(err, fs.ErrNotExist) && *update != "" {
		return map[string]entry{}
	}
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		t.Fatalf("%s.%s.json: %v", area, lang, err)
	}
	out := map[string]entry{}
	for id, r := range raw {
		var e entry
		if err := json.Unmarshal(r, &e.text); err != nil {
			if err := json.Unmarshal(r, &e.forms); err != nil {
				t.Fatalf("%s.%s.json: %q is neither a string nor plural forms", area, lang, id)
			}
		}
		out[id] = e
	}
	return out
}

func writeFile(t *testing.T, name string, m map[string]entry) {
	t.Helper()
	var b bytes.Buffer
	b.WriteString("{\n")
	keys := sortedKeys(m)
	for i, k := range keys {
		kb, _ := marshal(k)
		vb, _ := marshal(m[k])
		b.WriteString("  ")
		b.Write(kb)
		b.WriteString(": ")
		b.Write(vb)
		if i < len(keys)-1 {
			b.WriteString(",")
		}
		b.WriteString("\n")
	}
	b.WriteString("}\n")
	if err := os.WriteFile("catalog/"+name, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// TestCatalogueLoads: every file parses as go-i18n reads it (an English
// message called "Other" or "One" would not: those are plural keys).
func TestCatalogueLoads(t *testing.T) {
	if _, err := bundle(); err != nil {
		t.Fatal(err)
	}
}

// TestCodeAndEnglishAgree: every message the code uses is in en.json, and
// en.json holds nothing the code does not use. go test -update rewrites
// en.json to match (new plurals get their one form to write by hand).
func TestCodeAndEnglishAgree(t *testing.T) {
	u := scanCode(t)
	en := readLang(t, "en")
	used := map[string]bool{}
	for _, id := range NameIDs() {
		used[id] = true
	}
	for id := range u.plain {
		used[id] = true
	}
	for id := range u.plural {
		used[id] = true
	}
	if *update != "" {
		for _, area := range areas(t) {
			m := readFile(t, area, "en")
			dropped := false
			for id := range m {
				if !used[id] {
					delete(m, id)
					dropped = true
				}
			}
			if dropped {
				writeFile(t, area+".en.json", m)
			}
		}
		m := readFile(t, *update, "en")
		for id, at := range u.plain {
			if _, ok := en[id]; !ok && areaOf(at) == *update {
				m[id] = entry{text: id}
			}
		}
		for id, at := range u.plural {
			if _, ok := en[id]; !ok && areaOf(at) == *update {
				m[id] = entry{forms: map[string]string{"one": id, "other": id}}
			}
		}
		writeFile(t, *update+".en.json", m)
		return
	}
	for _, id := range sortedKeys(u.plain) {
		if _, ok := en[id]; !ok {
			t.Errorf("%s: %q is not in catalog/en.json (go test ./internal/l10n -update adds it)", u.plain[id], id)
		}
	}
	for _, id := range sortedKeys(u.plural) {
		e, ok := en[id]
		if !ok {
			t.Errorf("%s: plural %q is not in catalog/en.json (go test ./internal/l10n -update adds it)", u.plural[id], id)
			continue
		}
		if e.forms["one"] == "" || e.forms["other"] == "" {
			t.Errorf("%s: plural %q needs its one and other forms in en.json", u.plural[id], id)
		}
	}
	for _, id := range NameIDs() {
		if _, ok := en[id]; !ok {
			t.Errorf("name %q is not in catalog/en.json", id)
		}
	}
	for _, id := range sortedKeys(en) {
		if !used[id] {
			t.Errorf("catalog/en.json holds %q, which the code no longer uses (go test ./internal/l10n -update drops it)", id)
		}
	}
}

// pluralForms are the CLDR plural categories each language needs for
// whole numbers (Spanish and French have "many" for a million and more).
func pluralForms(lang string) []string {
	switch lang {
	case "es", "fr":
		return []string{"many", "one", "other"}
	}
	return []string{"one", "other"}
}

var placeholder = regexp.MustCompile(`\{\{\s*\.(\w+)\s*\}\}`)

func placeholders(texts ...string) []string {
	set := map[string]bool{}
	for _, s := range texts {
		for _, m := range placeholder.FindAllStringSubmatch(s, -1) {
			set[m[1]] = true
		}
	}
	delete(set, "Count") // a one form may say "one" rather than 1
	return sortedKeys(set)
}

// sameInEveryLanguage are messages that are rightly the same as the
// English: names, and words the language borrowed.
func sameInEveryLanguage(lang, id, text string) bool {
	if !regexp.MustCompile(`\pL{2}`).MatchString(placeholder.ReplaceAllString(text, "")) {
		return true // nothing but placeholders, numbers and signs
	}
	same := map[string][]string{
		"":   {"CrampCare", "AM", "PM", "OK"},
		"de": {"month:April", "month:August", "month:September", "month:November", "Diabetes"},
		"es": {"Diabetes", "No"},
		"fr": {"Date"},
	}
	return slices.Contains(same[""], id) || slices.Contains(same[lang], id)
}

// TestEveryLanguageIsComplete: German, Spanish and French hold every
// English message, with every plural form their language needs, the same
// placeholders, and no English left in place of a translation.
func TestEveryLanguageIsComplete(t *testing.T) {
	en := readLang(t, "en")
	for _, lang := range Languages()[1:] {
		t.Run(lang, func(t *testing.T) {
			tr := readLang(t, lang)
			for _, area := range areas(t) {
				a, b := readFile(t, area, "en"), readFile(t, area, lang)
				for id := range a {
					if _, ok := b[id]; !ok {
						if _, elsewhere := tr[id]; elsewhere {
							t.Errorf("%s.%s.json lacks %q, which is in another %s file: keep it in %s.%s.json, where the English is", area, lang, id, lang, area, lang)
						}
					}
				}
			}
			missing := 0
			for _, id := range sortedKeys(en) {
				e := en[id]
				got, ok := tr[id]
				if !ok {
					missing++
					if missing <= 20 {
						t.Errorf("%s.json lacks %q", lang, id)
					}
					continue
				}
				if (e.forms == nil) != (got.forms == nil) {
					t.Errorf("%s.json: %q must be %s, as in English", lang, id, map[bool]string{true: "plain", false: "plural forms"}[e.forms == nil])
					continue
				}
				if e.forms != nil {
					for _, f := range pluralForms(lang) {
						if got.forms[f] == "" {
							t.Errorf("%s.json: %q lacks its %q form", lang, id, f)
						}
					}
				}
				if want, have := placeholders(e.all()...), placeholders(got.all()...); !slices.Equal(want, have) {
					t.Errorf("%s.json: %q has placeholders %v, English %v", lang, id, have, want)
				}
				for i, text := range got.all() {
					if i < len(e.all()) && text == e.all()[i] && !sameInEveryLanguage(lang, id, text) {
						t.Errorf("%s.json: %q is still English", lang, id)
					}
				}
			}
			if missing > 20 {
				t.Errorf("%s.json lacks %d messages in all", lang, missing)
			}
			for _, id := range sortedKeys(tr) {
				if _, ok := en[id]; !ok {
					t.Errorf("%s.json holds %q, which English no longer has", lang, id)
				}
			}
		})
	}
}

// TestNoMessageIsAPluralKey: go-i18n reads a message called "one" or
// "other" as a plural form, and then the whole file wrongly.
func TestNoMessageIsAPluralKey(t *testing.T) {
	for id := range readLang(t, "en") {
		switch strings.ToLower(id) {
		case "id", "description", "hash", "leftdelim", "rightdelim", "zero", "one", "two", "few", "many", "other", "translation":
			t.Errorf("message %q clashes with go-i18n's keys: give it a context, like \"choice:%s\"", id, id)
		}
	}
}
