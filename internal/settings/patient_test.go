package settings

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/crampcare/crampcare/internal/input"
)

var patientNow = time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)

// What is typed for the doctor is tidied to one spelling, and what could
// not be meant is refused with an input error naming the setting.
func TestPatientNormalize(t *testing.T) {
	good := []struct{ key, in, want string }{
		{PatientName, "  Anna   Schmidt ", "Anna Schmidt"},
		{PatientName, "", ""},
		{PatientBorn, "1950-03-14", "1950-03-14"},
		{PatientBorn, "1900-01-01", "1900-01-01"},
		{PatientBorn, "2026-12-02", "2026-12-02"}, // born today
		{PatientSince, "2024-3", "2024-03"},
		{PatientSince, "2026-12", "2026-12"}, // this month
		{PatientSince, "1900-01", "1900-01"},
		{PatientSince, "", ""},
		{PatientMedicines, "Ramipril 5 mg, mornings;  Simvastatin 20 mg ;; ramipril 5 MG, mornings", "Ramipril 5 mg, mornings; Simvastatin 20 mg"},
		{PatientMedicines, " ; ", ""},
		{PatientConditions, "Pregnancy, diabetes,,diabetes", "diabetes,pregnancy"},
		{PatientConditions, "", ""},
	}
	for _, g := range good {
		got, err := NormalizeAt(g.key, g.in, patientNow)
		if err != nil || got != g.want {
			t.Errorf("NormalizeAt(%s, %q) = %q, %v; want %q", g.key, g.in, got, err, g.want)
		}
	}
	bad := []struct{ key, in, says string }{
		{PatientSince, "2027-01", "in the future"},
		{PatientSince, "1899-12", "before 1900"},
		{PatientSince, "2024-13", "like 2024-03"},
		{PatientSince, "03/2024", "like 2024-03"},
		{PatientSince, "March 2024", "like 2024-03"},
		{PatientBorn, "2026-12-03", "in the future"},
		{PatientBorn, "1899-12-31", "before 1900"},
		{PatientBorn, "1950-02-30", "like 1950-03-14"},
		{PatientName, "Anna\nSchmidt", "one line"},
		{PatientName, strings.Repeat("a", MaxNameRunes+1), "keep it to"},
		{PatientMedicines, strings.Repeat("x", MaxMedicineRunes+1), "keep it to"},
		{PatientMedicines, manyMedicines(MaxMedicines + 1), "keep it to 30"},
		{PatientConditions, "diabetes,gout", "not one of the conditions"},
	}
	for _, b := range bad {
		_, err := NormalizeAt(b.key, b.in, patientNow)
		var ie *input.Error
		if !errors.As(err, &ie) || ie.Field != b.key || !strings.Contains(err.Error(), b.says) {
			t.Errorf("NormalizeAt(%s, %q) = %v; want an input error on %s saying %q", b.key, b.in, err, b.key, b.says)
		}
	}
	// Without a clock only the form is checked: a month next year is a
	// well-formed month (the service and the import check it against
	// their clock).
	if _, err := Normalize(PatientSince, "2099-01"); err != nil {
		t.Errorf("Normalize(next year's month) = %v", err)
	}
}

func manyMedicines(n int) string {
	var list []string
	for i := range n {
		list = append(list, fmt.Sprintf("medicine %d", i+1))
	}
	return strings.Join(list, ";")
}

func TestPatientValues(t *testing.T) {
	v := Resolve(map[string]string{
		PatientName: "Anna Schmidt", PatientBorn: "1950-03-14", PatientSince: "2024-03",
		PatientMedicines: "Ramipril 5 mg; Simvastatin 20 mg", PatientConditions: "diabetes,pregnancy",
	})
	p := v.Patient()
	if p.Name != "Anna Schmidt" || !p.Born.Equal(time.Date(1950, 3, 14, 0, 0, 0, 0, time.UTC)) ||
		p.Since != (Month{2024, time.March}) || p.Since.Words() != "March 2024" ||
		strings.Join(p.Medicines, "|") != "Ramipril 5 mg|Simvastatin 20 mg" || !p.Has(CondPregnancy) || p.Has(CondKidney) || !p.AboutCramps() {
		t.Errorf("Patient() = %+v", p)
	}
	empty := Defaults().Patient()
	if empty.AboutCramps() || empty.Name != "" || !empty.Born.IsZero() || len(empty.Medicines) != 0 {
		t.Errorf("nothing given, yet Patient() = %+v", empty)
	}
	if nameOnly := Resolve(map[string]string{PatientName: "Anna"}).Patient(); nameOnly.AboutCramps() {
		t.Error("a name alone counts as something about the cramps")
	}
	for _, k := range PatientKeys() {
		if d, ok := Lookup(k); !ok || d.Default != "" {
			t.Errorf("%s: not a setting, or not empty by default (it must never be required)", k)
		}
	}
}
