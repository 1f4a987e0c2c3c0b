package ui

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/crampcare/crampcare/internal/advice"
	"github.com/crampcare/crampcare/internal/cramp"
	"github.com/crampcare/crampcare/internal/settings"
	"github.com/crampcare/crampcare/internal/store"
)

func storedPatient(t *testing.T, st *store.Store) settings.Patient {
	t.Helper()
	m, err := st.Settings()
	if err != nil {
		t.Fatal(err)
	}
	return settings.Resolve(m).Patient()
}

// Settings leads to "For my doctor"; what is filled in there is saved,
// kept, and shown again when the window opens next; the pregnancy note
// shows while pregnancy is ticked; every control is reached with Tab.
func TestForMyDoctorWindow(t *testing.T) {
	u, st := newTestUI(t, day)
	u.show("settings")
	test.Tap(findButton(t, u.windows["settings"].Content(), "For my doctor…"))
	w := u.windows["fordoctor"]
	if w == nil || w.Title() != TitleForDoctor {
		t.Fatalf("For my doctor did not open: %v", w)
	}
	v := viewOf[*forDoctorView](u, "fordoctor")
	if !v.pregnancyNote.Hidden {
		t.Error("the pregnancy note shows with pregnancy not ticked")
	}
	test.Type(v.name, "Anna Schmidt")
	test.Type(v.bornDay, "14")
	v.bornMonth.SetSelected("March")
	test.Type(v.bornYear, "1950")
	v.sinceMonth.SetSelected("March")
	test.Type(v.sinceYear, "2024")
	test.Type(v.medEntry, "Ramipril 5 mg, mornings")
	test.Tap(v.addMed)
	test.Type(v.medEntry, "Aspirin")
	v.medEntry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	test.Type(v.medEntry, "Simvastatin 20 mg") // typed, not added: saved all the same
	if len(v.medicines) != 2 || v.medEntry.Text != "Simvastatin 20 mg" {
		t.Fatalf("medicines %q, entry %q", v.medicines, v.medEntry.Text)
	}
	test.Tap(findButton(t, w.Content(), "Remove")) // the first: Ramipril goes
	test.Tap(v.conds[settings.CondKidney])
	test.Tap(v.conds[settings.CondPregnancy])
	if v.pregnancyNote.Hidden || v.pregnancyNote.Text != advice.Text(advice.Pregnancy) {
		t.Errorf("pregnancy ticked, note hidden=%v %q", v.pregnancyNote.Hidden, v.pregnancyNote.Text)
	}
	auditKeyboard(t, "For my doctor, filled in", w)

	test.Tap(findButton(t, w.Content(), "Save"))
	if u.windows["fordoctor"] != nil {
		t.Errorf("the window stayed open after saving: %q", v.status.Text)
	}
	p := storedPatient(t, st)
	if p.Name != "Anna Schmidt" || p.Born.Format(time.DateOnly) != "1950-03-14" || p.Since.String() != "2024-03" ||
		strings.Join(p.Medicines, "|") != "Aspirin|Simvastatin 20 mg" || strings.Join(p.Conditions, ",") != "kidney,pregnancy" {
		t.Errorf("stored %+v", p)
	}

	// Opened again, it shows what was saved.
	v = u.openForDoctor()
	if v.name.Text != "Anna Schmidt" || v.bornDay.Text != "14" || v.bornMonth.Selected != "March" || v.bornYear.Text != "1950" ||
		v.sinceMonth.Selected != "March" || v.sinceYear.Text != "2024" || len(v.medicines) != 2 ||
		!v.conds[settings.CondPregnancy].Checked || v.conds[settings.CondDiabetes].Checked || v.pregnancyNote.Hidden {
		t.Errorf("reopened: name %q born %s %s %s since %s %s meds %q", v.name.Text, v.bornDay.Text, v.bornMonth.Selected, v.bornYear.Text,
			v.sinceMonth.Selected, v.sinceYear.Text, v.medicines)
	}
	// Saving with no change just closes.
	test.Tap(findButton(t, u.windows["fordoctor"].Content(), "Save"))
	if u.windows["fordoctor"] != nil {
		t.Error("Save with no change did not close the window")
	}
}

// A month in the future, a half-given date or a date that does not
// exist is explained under its field, and nothing at all is saved.
func TestForMyDoctorRefusesAndSavesNothing(t *testing.T) {
	u, st := newTestUI(t, day) // 23 November 2026
	for _, tc := range []struct {
		name   string
		fill   func(v *forDoctorView)
		key    string
		saying string
	}{
		{"next month", func(v *forDoctorView) { v.sinceMonth.SetSelected("December"); test.Type(v.sinceYear, "2026") }, settings.PatientSince, "December 2026 is in the future"},
		{"before 1900", func(v *forDoctorView) { v.sinceMonth.SetSelected("May"); test.Type(v.sinceYear, "1899") }, settings.PatientSince, "before 1900"},
		{"year only", func(v *forDoctorView) { test.Type(v.sinceYear, "2024") }, settings.PatientSince, "Give the month and the year"},
		{"not a year", func(v *forDoctorView) { v.sinceMonth.SetSelected("May"); test.Type(v.sinceYear, "24") }, settings.PatientSince, "is not a year"},
		{"30 February", func(v *forDoctorView) {
			test.Type(v.bornDay, "30")
			v.bornMonth.SetSelected("February")
			test.Type(v.bornYear, "1950")
		}, settings.PatientBorn, "There is no 30 February 1950"},
		{"born tomorrow", func(v *forDoctorView) {
			test.Type(v.bornDay, "24")
			v.bornMonth.SetSelected("November")
			test.Type(v.bornYear, "2026")
		}, settings.PatientBorn, "in the future"},
		{"day missing", func(v *forDoctorView) { v.bornMonth.SetSelected("March"); test.Type(v.bornYear, "1950") }, settings.PatientBorn, "Give the day, the month and the year"},
	} {
		v := u.openForDoctor()
		test.Type(v.name, "Anna") // a good value given with the bad one
		tc.fill(v)
		test.Tap(findButton(t, u.windows["fordoctor"].Content(), "Save"))
		l := v.errs[tc.key]
		if u.windows["fordoctor"] == nil || !l.Visible() || !strings.Contains(l.Text, tc.saying) {
			t.Errorf("%s: message %q (shown %v), want %q under the field", tc.name, l.Text, l.Visible(), tc.saying)
		}
		if !strings.Contains(v.status.Text, "Nothing was saved") {
			t.Errorf("%s: status %q", tc.name, v.status.Text)
		}
		if p := storedPatient(t, st); p.Name != "" || !p.Since.IsZero() || !p.Born.IsZero() {
			t.Errorf("%s: saved %+v", tc.name, p)
		}
		u.windows["fordoctor"].Close()
	}
	// The agent refuses too (the window's own check aside).
	if _, err := u.diary.SetSetting(context.Background(), settings.PatientSince, "2027-01"); err == nil {
		t.Error("the agent took a month in the future")
	}
}

// The report the window writes carries what "For my doctor" holds.
func TestWindowReportCarriesForMyDoctor(t *testing.T) {
	u, st := newTestUI(t, day)
	if _, err := st.AddCramp(cramp.Entry{At: day.Add(-5 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	for k, v := range map[string]string{settings.PatientName: "Anna Schmidt", settings.PatientMedicines: "Ramipril 5 mg"} {
		if _, err := u.diary.SetSetting(context.Background(), k, v); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := u.writeReport(&buf); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "r.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext (apt-get install poppler-utils): %v", err)
	}
	text := strings.Join(strings.Fields(string(out)), " ")
	if !strings.Contains(text, "Name: Anna Schmidt") || !strings.Contains(text, "Medicines taken: Ramipril 5 mg.") {
		t.Errorf("the window's report lacks the doctor's part:\n%s", text)
	}
}
