package service

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/crampcare/crampcare/internal/cramp"
	"github.com/crampcare/crampcare/internal/export"
	"github.com/crampcare/crampcare/internal/input"
	"github.com/crampcare/crampcare/internal/settings"
	"github.com/crampcare/crampcare/internal/store"
)

// annaFor is a "For my doctor" part with every field filled in.
var annaFor = map[string]string{
	settings.PatientName:       "Anna Schmidt",
	settings.PatientBorn:       "1950-03-14",
	settings.PatientSince:      "2024-03",
	settings.PatientMedicines:  "Ramipril 5 mg, mornings; Simvastatin 20 mg",
	settings.PatientConditions: "kidney,pregnancy",
}

// "For my doctor" is kept across a restart, and whatever export writes of
// it, import takes back: in another diary it reads the same.
func TestForMyDoctorPersistsAndRoundTrips(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)
	path := filepath.Join(t.TempDir(), store.FileName)
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	clock := func() time.Time { return now }
	src := New(Params{Store: st, Now: clock})
	for k, v := range annaFor {
		if _, err := src.SetSetting(ctx, k, v); err != nil {
			t.Fatalf("%s: %v", k, err)
		}
	}
	if _, err := src.LogCramp(ctx, cramp.Entry{At: now.Add(-7 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	want, _ := src.Values()
	st.Close()

	// A restart: the same file opened again.
	st, err = store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	src = New(Params{Store: st, Now: clock})
	got, _ := src.Values()
	if !reflect.DeepEqual(got.Patient(), want.Patient()) || got.Patient().Name != "Anna Schmidt" {
		t.Fatalf("after a restart: %+v, want %+v", got.Patient(), want.Patient())
	}

	f, err := src.Export(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range annaFor {
		if f.Settings[k] != v {
			t.Errorf("export has %s = %q, want %q", k, f.Settings[k], v)
		}
	}
	var buf bytes.Buffer
	if err := export.WriteJSON(&buf, f); err != nil {
		t.Fatal(err)
	}
	written := buf.String()
	back, err := export.ReadJSON(&buf, now)
	if err != nil {
		t.Fatalf("import refuses what export wrote: %v", err)
	}
	var changes []Change
	dst := newService(t, &now, &changes)
	if _, err := dst.Import(ctx, back); err != nil {
		t.Fatal(err)
	}
	imported, _ := dst.Values()
	if !reflect.DeepEqual(imported.Patient(), want.Patient()) {
		t.Errorf("imported %+v, want %+v", imported.Patient(), want.Patient())
	}
	// And the second diary exports it as the first did.
	f2, err := dst.Export(ctx)
	if err != nil {
		t.Fatal(err)
	}
	f2.ExportedAt = f.ExportedAt
	f2.Cramps = f.Cramps // new IDs in the second diary; the UIDs are the same
	buf.Reset()
	if err := export.WriteJSON(&buf, f2); err != nil {
		t.Fatal(err)
	}
	if buf.String() != written {
		t.Errorf("the second diary's export differs:\n%s\nwant\n%s", buf.String(), written)
	}
}

// The month the cramps started cannot be in the future or before 1900,
// nor a date of birth: refused as input, by the service (which the API
// and the command line call) and by an import, and nothing is written.
func TestOnsetNotInTheFutureNorBefore1900(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)
	var changes []Change
	s := newService(t, &now, &changes)
	for _, bad := range []struct{ key, value string }{
		{settings.PatientSince, "2027-01"},
		{settings.PatientSince, "1899-12"},
		{settings.PatientSince, "2026-13"},
		{settings.PatientBorn, "2026-12-03"},
		{settings.PatientBorn, "1899-12-31"},
	} {
		_, err := s.SetSetting(ctx, bad.key, bad.value)
		if !errors.Is(err, input.ErrInvalid) {
			t.Errorf("SetSetting(%s, %s) = %v, want refused as input", bad.key, bad.value, err)
		}
	}
	if len(changes) != 0 {
		t.Errorf("refused values changed %v", changes)
	}
	for _, ok := range []struct{ key, value string }{{settings.PatientSince, "2026-12"}, {settings.PatientSince, "1900-01"}, {settings.PatientBorn, "2026-12-02"}} {
		if _, err := s.SetSetting(ctx, ok.key, ok.value); err != nil {
			t.Errorf("SetSetting(%s, %s) = %v", ok.key, ok.value, err)
		}
	}

	// An import holding next year's month is refused whole: its cramp is
	// not added either. ReadJSON refuses it, and so does the service
	// (a file may come over the API).
	f := export.File{Format: export.Format, Version: export.Version, ExportedAt: now,
		Cramps:   []cramp.Entry{{UID: "x", At: now.Add(-time.Hour)}},
		Settings: map[string]string{settings.PatientSince: "2027-02", settings.PatientName: "Anna"}}
	var buf bytes.Buffer
	if err := export.WriteJSON(&buf, f); err != nil {
		t.Fatal(err)
	}
	if _, err := export.ReadJSON(&buf, now); !errors.Is(err, input.ErrInvalid) || !strings.Contains(err.Error(), "in the future") {
		t.Errorf("ReadJSON of a future onset = %v", err)
	}
	if _, err := s.Import(ctx, f); !errors.Is(err, input.ErrInvalid) {
		t.Errorf("Import of a future onset = %v", err)
	}
	if list, _ := s.Cramps(ctx, time.Time{}); len(list) != 0 {
		t.Errorf("a refused import added %d cramps", len(list))
	}
	if v, _ := s.Values(); v.Patient().Name != "" || v.Patient().Since.Words() != "January 1900" {
		t.Errorf("a refused import changed the doctor's part: %+v", v.Patient())
	}
}
