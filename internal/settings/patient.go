package settings

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/crampcare/crampcare/internal/input"
	"github.com/crampcare/crampcare/internal/l10n"
)

// The "For my doctor" settings: optional, typed once in the daytime, and
// shown only in the report for the doctor. They answer what the facts
// sheet says a doctor asks ("When did the cramps start?") and what the
// diary cannot know: the medicines taken and the conditions linked to
// cramps. They are settings, not records: one value each, kept, exported
// and imported with the others.
const (
	PatientName       = "patient.name"
	PatientBorn       = "patient.born"
	PatientSince      = "patient.cramps-since"
	PatientMedicines  = "patient.medicines"
	PatientConditions = "patient.conditions"
)

// PatientKeys are the "For my doctor" settings, in the order the report
// and the window show them.
func PatientKeys() []string {
	return []string{PatientName, PatientBorn, PatientSince, PatientMedicines, PatientConditions}
}

// Limits on what is typed: enough for any real name or medicine list,
// small enough that the report's first page stays a page.
const (
	MaxNameRunes     = 100
	MaxMedicineRunes = 100
	MaxMedicines     = 30
)

// MedicineSep separates the medicines in the stored value: a medicine's
// name and dose ("Ramipril 5 mg, mornings") may hold a comma, never a
// semicolon.
const MedicineSep = "; "

// Condition is one of the conditions the facts sheet links to cramps
// ("Triggers and risk factors"), as the window offers it.
type Condition struct {
	Name  string // as stored and typed on the command line
	Label string // as the window and the report say it
}

// The conditions' names.
const (
	CondDiabetes    = "diabetes"
	CondKidney      = "kidney"
	CondThyroid     = "thyroid"
	CondCirculation = "circulation"
	CondNerves      = "nerves"
	CondPregnancy   = "pregnancy"
)

// Conditions are the conditions the window offers, in its order.
func Conditions() []Condition {
	return []Condition{
		{CondDiabetes, l10n.Mark("Diabetes")},
		{CondKidney, l10n.Mark("Kidney disease")},
		{CondThyroid, l10n.Mark("Thyroid problems")},
		{CondCirculation, l10n.Mark("Poor circulation in the legs")},
		{CondNerves, l10n.Mark("Nerve problems (such as neuropathy)")},
		{CondPregnancy, l10n.Mark("Pregnancy")},
	}
}

// ConditionLabel is the words for a condition's name ("" if unknown).
func ConditionLabel(name string) string {
	for _, c := range Conditions() {
		if c.Name == name {
			return c.Label
		}
	}
	return ""
}

// Month is a month of a year; the zero Month means not given.
type Month struct {
	Year  int
	Month time.Month
}

// IsZero reports whether m was not given.
func (m Month) IsZero() bool { return m.Year == 0 }

// String is m as stored: 2024-03.
func (m Month) String() string {
	if m.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d", m.Year, int(m.Month))
}

// Words is m as people say it: "March 2024".
func (m Month) Words() string {
	if m.IsZero() {
		return ""
	}
	return fmt.Sprintf("%s %d", m.Month, m.Year)
}

// WordsIn is Words in tr's language: "März 2024".
func (m Month) WordsIn(tr *l10n.Lang) string {
	if m.IsZero() {
		return ""
	}
	return tr.Date(time.Date(m.Year, m.Month, 1, 12, 0, 0, 0, time.UTC), "January 2006")
}

// ConditionLabelIn is ConditionLabel in tr's language.
func ConditionLabelIn(tr *l10n.Lang, name string) string {
	if l := ConditionLabel(name); l != "" {
		return tr.T(l)
	}
	return ""
}

// ParseMonth reads a month like 2024-03 (or 2024-3).
func ParseMonth(field, s string) (Month, error) {
	y, mo, ok := strings.Cut(strings.TrimSpace(s), "-")
	yn, err1 := strconv.Atoi(y)
	mn, err2 := strconv.Atoi(mo)
	if !ok || err1 != nil || err2 != nil || len(y) != 4 || mn < 1 || mn > 12 {
		return Month{}, input.Err(field, l10n.Mark("{{.Value}} must be a month and year like 2024-03, or empty"), l10n.Args{"Value": fmt.Sprintf("%q", s)})
	}
	if yn < input.Earliest().Year() {
		return Month{}, input.Err(field, l10n.Mark("{{.Value}} is before {{.Min}}"), l10n.Args{"Value": fmt.Sprintf("%q", s), "Min": input.Earliest().Year()})
	}
	return Month{Year: yn, Month: time.Month(mn)}, nil
}

// Patient is the "For my doctor" part as the report uses it. Every field
// is optional.
type Patient struct {
	Name       string
	Born       time.Time // a date at midnight UTC; zero when not given
	Since      Month     // when the cramps started; zero when not given
	Medicines  []string
	Conditions []string // names from Conditions()
}

// AboutCramps reports whether any of what the doctor asks about the cramps
// was given: when they started, medicines or conditions. (A name alone
// only heads the report.)
func (p Patient) AboutCramps() bool {
	return !p.Since.IsZero() || len(p.Medicines) > 0 || len(p.Conditions) > 0
}

// Has reports whether the condition with this name was ticked.
func (p Patient) Has(name string) bool {
	for _, c := range p.Conditions {
		if c == name {
			return true
		}
	}
	return false
}

// Patient returns the "For my doctor" part.
func (v Values) Patient() Patient {
	p := Patient{Name: v.get(PatientName)}
	if s := v.get(PatientBorn); s != "" {
		p.Born, _ = time.Parse(time.DateOnly, s)
	}
	if s := v.get(PatientSince); s != "" {
		p.Since, _ = ParseMonth("", s)
	}
	if s := v.get(PatientMedicines); s != "" {
		p.Medicines = strings.Split(s, MedicineSep)
	}
	if s := v.get(PatientConditions); s != "" {
		p.Conditions = strings.Split(s, ",")
	}
	return p
}

// oneLine tidies typed text: spaces trimmed and runs of white space made
// one, so that what is printed is what was meant; control characters
// (a line break pasted in) are refused.
func oneLine(field, s string, max int) (string, error) {
	if !utf8.ValidString(s) {
		return "", input.Err(field, l10n.Mark("is not valid text (UTF-8)"))
	}
	for _, r := range s {
		if unicode.IsControl(r) && !unicode.IsSpace(r) || r == '\n' || r == '\r' {
			return "", input.Err(field, l10n.Mark("must be one line of text"))
		}
	}
	s = strings.Join(strings.Fields(s), " ")
	if n := utf8.RuneCountInString(s); n > max {
		return "", input.Err(field, l10n.Mark("is {{.N}} characters long; keep it to {{.Max}}"), l10n.Args{"N": n, "Max": max})
	}
	return s, nil
}

func patientName(key, s string) (string, error) { return oneLine(key, s, MaxNameRunes) }

func birthDate(key, s string) (string, error) {
	if s == "" {
		return "", nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return "", input.Err(key, l10n.Mark("{{.Value}} must be a date like 1950-03-14, or empty"), l10n.Args{"Value": fmt.Sprintf("%q", s)})
	}
	if t.Before(input.Earliest()) {
		return "", input.Err(key, l10n.Mark("{{.Value}} is before {{.Min}}"), l10n.Args{"Value": fmt.Sprintf("%q", s), "Min": input.Earliest().Year()})
	}
	return t.Format(time.DateOnly), nil
}

func month(key, s string) (string, error) {
	if s == "" {
		return "", nil
	}
	m, err := ParseMonth(key, s)
	if err != nil {
		return "", err
	}
	return m.String(), nil
}

func medicines(key, s string) (string, error) {
	var out []string
	seen := map[string]bool{}
	for _, p := range strings.Split(s, ";") {
		m, err := oneLine(key, p, MaxMedicineRunes)
		if err != nil {
			return "", err
		}
		if m == "" || seen[strings.ToLower(m)] {
			continue
		}
		seen[strings.ToLower(m)] = true
		out = append(out, m)
	}
	if len(out) > MaxMedicines {
		return "", input.Err(key, l10n.Mark("lists {{.N}} medicines; keep it to {{.Max}}"), l10n.Args{"N": len(out), "Max": MaxMedicines})
	}
	return strings.Join(out, MedicineSep), nil
}

func conditions(key, s string) (string, error) {
	given := map[string]bool{}
	for _, p := range strings.Split(s, ",") {
		p = strings.ToLower(strings.TrimSpace(p))
		if p == "" {
			continue
		}
		if ConditionLabel(p) == "" {
			names := make([]string, 0, len(Conditions()))
			for _, c := range Conditions() {
				names = append(names, c.Name)
			}
			return "", input.Err(key, l10n.Mark("{{.Value}} is not one of the conditions; use {{.Choices}}"), l10n.Args{"Value": fmt.Sprintf("%q", p), "Choices": strings.Join(names, ", ")})
		}
		given[p] = true
	}
	// In the window's order, once each: one spelling for one meaning.
	var out []string
	for _, c := range Conditions() {
		if given[c.Name] {
			out = append(out, c.Name)
		}
	}
	return strings.Join(out, ","), nil
}

// notAfterDay refuses a date later than today (at now): nobody is born
// tomorrow.
func notAfterDay(key, v string, now time.Time) error {
	if v == "" {
		return nil
	}
	t, _ := time.Parse(time.DateOnly, v)
	y, m, d := now.Date()
	if t.After(time.Date(y, m, d, 0, 0, 0, 0, time.UTC)) {
		return input.Err(key, l10n.Mark("{{.Time}} is in the future"), l10n.Args{"Time": v})
	}
	return nil
}

// notAfterMonth refuses a month later than now's: the cramps cannot have
// started next month.
func notAfterMonth(key, v string, now time.Time) error {
	if v == "" {
		return nil
	}
	m, _ := ParseMonth(key, v)
	if m.Year*12+int(m.Month) > now.Year()*12+int(now.Month()) {
		return input.Err(key, l10n.Mark("{{.Time}} is in the future"), l10n.Args{"Time": m.Words()})
	}
	return nil
}
