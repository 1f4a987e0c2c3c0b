package export

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/crampcare/crampcare/internal/cramp"
	"github.com/crampcare/crampcare/internal/input"
	"github.com/crampcare/crampcare/internal/settings"
	"github.com/crampcare/crampcare/internal/stretch"
	"github.com/crampcare/crampcare/internal/water"
)

var now = time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)

func file(body string) string {
	return `{"format":"crampcare-export","version":2,` + body + `}`
}

// Issue 18, point 9: a date the store cannot keep in order (before 1900;
// 1600 wrapped round to 2185) is refused in a file, for every kind of
// record and for a setting with a time.
func TestReadJSONRefusesDatesBefore1900(t *testing.T) {
	for name, body := range map[string]string{
		"cramp":         `"cramps":[{"uid":"A","at":"1600-12-01T03:00:00Z"}]`,
		"glass":         `"glasses":[{"id":1,"at":"1600-12-01T03:00:00Z"}]`,
		"stretch":       `"stretches":[{"uid":"S","start":"1600-12-01T21:00:00Z","end":"1600-12-01T21:10:00Z","source":"cli"}]`,
		"stretch end":   `"stretches":[{"uid":"S","start":"2026-11-22T21:00:00Z","end":"2185-01-01T00:00:00Z","source":"cli"}]`,
		"glass in 2185": `"glasses":[{"id":1,"at":"2185-06-01T03:00:00Z"}]`,
		"paused until":  `"settings":{"reminders.paused-until":"1600-12-01T03:00:00Z"}`,
	} {
		_, err := ReadJSON(strings.NewReader(file(body)), now)
		if !errors.Is(err, input.ErrInvalid) {
			t.Errorf("%s: err = %v, want an input error", name, err)
		}
	}
	if f, err := ReadJSON(strings.NewReader(file(`"glasses":[{"id":1,"at":"1900-01-01T00:00:00Z"}]`)), now); err != nil || len(f.Glasses) != 1 {
		t.Errorf("a glass on 1900-01-01: %v, %v; want it taken", f, err)
	}
}

// Another computer's clock may be ahead: a file may hold records up to a
// day in the future, not more.
func TestReadJSONAllowsADayOfClockSkew(t *testing.T) {
	soon := now.Add(20 * time.Hour).Format(time.RFC3339)
	if f, err := ReadJSON(strings.NewReader(file(`"cramps":[{"uid":"A","at":"`+soon+`"}],"glasses":[{"id":1,"at":"`+soon+`"}]`)), now); err != nil || len(f.Cramps) != 1 || len(f.Glasses) != 1 {
		t.Errorf("20 h ahead: %+v, %v; want taken", f, err)
	}
	late := now.Add(50 * time.Hour).Format(time.RFC3339)
	if _, err := ReadJSON(strings.NewReader(file(`"glasses":[{"id":1,"at":"`+late+`"}]`)), now); !errors.Is(err, input.ErrInvalid) {
		t.Errorf("50 h ahead: %v, want refused", err)
	}
}

func diary(glasses int, note string) File {
	f := File{ExportedAt: now, Settings: map[string]string{"hydration.goal": "6"}}
	for i := range glasses {
		f.Glasses = append(f.Glasses, water.Glass{ID: uint64(i + 1), At: now.Add(-time.Duration(i) * time.Minute)})
	}
	f.Cramps = []cramp.Entry{{ID: 1, UID: "A", At: now.Add(-5 * time.Hour), Note: note}}
	f.Stretches = []stretch.Session{{ID: 1, UID: "S", Start: now.Add(-10 * time.Hour), End: now.Add(-10 * time.Hour), Source: stretch.SourceCLI}}
	return f
}

// Issue 18, point 10: the limit is on the bytes as read. A compact file
// within it is taken even though the same file indented (as WriteJSON
// writes it) would be larger.
func TestReadJSONLimitIsOnTheBytesAsRead(t *testing.T) {
	f := diary(2000, "short")
	f.Format, f.Version = Format, Version
	compact, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	indented, err := Size(f)
	if err != nil {
		t.Fatal(err)
	}
	limit := len(compact) + 10
	if int64(limit) >= indented {
		t.Fatalf("compact %d, indented %d: the test needs the indented file larger", len(compact), indented)
	}
	got, err := readJSON(bytes.NewReader(compact), now, limit)
	if err != nil || len(got.Glasses) != 2000 {
		t.Errorf("compact file of %d bytes under a limit of %d: %v", len(compact), limit, err)
	}
	if _, err := readJSON(bytes.NewReader(compact), now, len(compact)-1); !errors.Is(err, input.ErrInvalid) {
		t.Errorf("a byte over the limit: %v, want refused", err)
	}
}

// Issue 18, point 10: whatever WriteJSON writes, ReadJSON takes back; a
// diary too large for that is refused in plain words, and nothing is
// written.
func TestWriteJSONRefusesAFileReadJSONWouldNot(t *testing.T) {
	f := diary(3000, strings.Repeat("<&> ", 200))
	size, err := Size(f)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	err = writeJSON(&out, f, int(size)-1)
	if !errors.Is(err, ErrTooLarge) || out.Len() != 0 || !strings.Contains(err.Error(), "3000 glasses") {
		t.Errorf("a byte too large: err %v, %d bytes written; want ErrTooLarge naming the glasses and nothing written", err, out.Len())
	}
	if err := FitsWithin(f, int(size)-1); !errors.Is(err, ErrTooLarge) {
		t.Errorf("FitsWithin a byte less: %v", err)
	}
	if err := writeJSON(&out, f, int(size)); err != nil || int64(out.Len()) != size {
		t.Fatalf("at the limit: %v, %d bytes, want %d", err, out.Len(), size)
	}
	if !bytes.Contains(out.Bytes(), []byte(`<&>`)) {
		t.Error("the note was HTML-escaped: longer than needed, and not what the person wrote")
	}
	back, err := readJSON(&out, now, int(size))
	if err != nil || len(back.Glasses) != 3000 || back.Cramps[0].Note != f.Cramps[0].Note {
		t.Errorf("read back at the same limit: %v", err)
	}
}

// Issue 18, point 10: what a diary holds that no import would take is
// left out of the export: unknown settings and invalid values (which have
// no effect), and records dated where the store could not keep them.
func TestExportableIsWhatImportTakes(t *testing.T) {
	f := diary(2, "")
	f.Settings = map[string]string{"hydration.goal": " 6 ", "no.such": "1", "ui.scale": "9", "stretch.time": "21:30"}
	f.Glasses = append(f.Glasses, water.Glass{ID: 9, At: time.Date(2185, 6, 1, 0, 0, 0, 0, time.UTC)})
	f.Cramps = append(f.Cramps, cramp.Entry{ID: 2, UID: "B", At: time.Date(1600, 12, 1, 3, 0, 0, 0, time.UTC)})
	out, left := Exportable(f, now)
	if left != 2 || len(out.Glasses) != 2 || len(out.Cramps) != 1 || len(out.Stretches) != 1 {
		t.Errorf("left out %d; kept %d glasses, %d cramps, %d stretches; want 2 left out, 2, 1, 1", left, len(out.Glasses), len(out.Cramps), len(out.Stretches))
	}
	if len(out.Settings) != 2 || out.Settings["hydration.goal"] != "6" || out.Settings["stretch.time"] != "21:30" {
		t.Errorf("settings %v, want the two known and valid ones, normalised", out.Settings)
	}
	if len(f.Glasses) != 3 || len(f.Settings) != 4 {
		t.Error("Exportable changed the diary it was given")
	}
	var buf bytes.Buffer
	if err := WriteJSON(&buf, out); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadJSON(&buf, now); err != nil {
		t.Errorf("the export does not import: %v", err)
	}
}

// "For my doctor" goes out and comes back with the other settings; a
// month the cramps began that lies in the future (stored while the
// computer's clock was wrong) is left out, since import would refuse it,
// and a month this year is kept.
func TestExportableKeepsForMyDoctor(t *testing.T) {
	f := diary(1, "")
	f.Settings = map[string]string{settings.PatientName: "Anna  Schmidt", settings.PatientMedicines: "Ramipril 5 mg;Simvastatin 20 mg",
		settings.PatientConditions: "pregnancy,diabetes", settings.PatientBorn: "1950-03-14", settings.PatientSince: "2099-01"}
	out, _ := Exportable(f, now)
	want := map[string]string{settings.PatientName: "Anna Schmidt", settings.PatientMedicines: "Ramipril 5 mg; Simvastatin 20 mg",
		settings.PatientConditions: "diabetes,pregnancy", settings.PatientBorn: "1950-03-14"}
	if !reflect.DeepEqual(out.Settings, want) {
		t.Errorf("exportable settings %v, want %v", out.Settings, want)
	}
	var buf bytes.Buffer
	if err := WriteJSON(&buf, out); err != nil {
		t.Fatal(err)
	}
	back, err := ReadJSON(&buf, now)
	if err != nil || !reflect.DeepEqual(back.Settings, want) {
		t.Errorf("read back %v, %v; want %v", back.Settings, err, want)
	}
	f.Settings[settings.PatientSince] = now.Format("2006-01")
	if out, _ := Exportable(f, now); out.Settings[settings.PatientSince] != now.Format("2006-01") {
		t.Errorf("this month was left out: %v", out.Settings)
	}
}
