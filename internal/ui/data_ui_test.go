package ui

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/crampcare/crampcare/internal/cramp"
	"github.com/crampcare/crampcare/internal/export"
)

func TestSettingsShowYourData(t *testing.T) {
	u, _ := newTestUI(t, day)
	u.dataDir = "/home/ann/.local/share/crampcare"
	u.show("settings")
	w := u.windows["settings"]
	if !containsPrefix(labelsOf(w.Content()), "Everything you log stays on this computer and is never sent anywhere. It is kept in /home/ann/.local/share/crampcare.") {
		t.Errorf("no data location in %q", labelsOf(w.Content()))
	}
	for _, b := range []string{"Save all my data to a file (JSON)", "Save my cramps for a spreadsheet (CSV)", "Import from a CrampCare file…", "Open the data folder"} {
		findButton(t, w.Content(), b)
	}
}

// The window's export is the CLI's: JSON of everything, or CSV of the
// cramps; a second diary imports it after saying what is in it, and
// importing again adds nothing.
func TestExportAndImportFromTheWindow(t *testing.T) {
	src, srcStore := newTestUI(t, day)
	logAt(t, srcStore, cramp.Entry{At: day.Add(-7 * time.Hour), Muscle: cramp.MuscleFoot, Note: "après le match"})
	if _, err := srcStore.AddGlass(day.Add(-time.Hour)); err != nil {
		t.Fatal(err)
	}
	var js, cs bytes.Buffer
	if err := src.exportTo(&js, formatJSON); err != nil {
		t.Fatal(err)
	}
	if err := src.exportTo(&cs, formatCSV); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&cs).ReadAll()
	if err != nil || len(rows) != 2 || !strings.Contains(strings.Join(rows[1], ","), "après le match") {
		t.Errorf("CSV: %v, %q", err, rows)
	}

	dst, dstStore := newTestUI(t, day)
	dst.show("settings")
	w := dst.windows["settings"]
	for round, want := range []string{
		"Added 1 cramp, 1 glass of water and 0 evening stretches; 0 settings taken from the file.",
		"Added 0 cramps, 0 glasses of water and 0 evening stretches; 0 settings taken from the file. 2 entries you already had were left as they were.",
	} {
		f, err := export.ReadJSON(bytes.NewReader(js.Bytes()), day)
		dst.confirmImport(f, err, w)
		if !containsPrefix(overlayLabels(w), "The file holds 1 cramp, 1 glass of water, 0 evening stretches and 0 settings.") {
			t.Fatalf("round %d: confirmation says %q", round, overlayLabels(w))
		}
		test.Tap(findDialogButton(t, w, "Import"))
		if !containsPrefix(overlayLabels(w), want) {
			t.Errorf("round %d: result says %q, want %q", round, overlayLabels(w), want)
		}
		closeOverlays(w)
	}
	list, err := dstStore.Cramps(time.Time{}, time.Time{})
	if err != nil || len(list) != 1 || list[0].Note != "après le match" || list[0].Muscle != cramp.MuscleFoot {
		t.Errorf("imported cramps %+v, %v", list, err)
	}
}

func TestImportOfABadFileChangesNothing(t *testing.T) {
	u, st := newTestUI(t, day)
	u.show("settings")
	w := u.windows["settings"]
	for _, bad := range []string{
		`{"format":"crampcare-export","version":99}`,
		`{"format":"crampcare-export","version":1,"cramps":[{"at":"2026-11-20T03:00:00Z","intensity":11}]}`,
		`not json at all`,
	} {
		f, err := export.ReadJSON(strings.NewReader(bad), day)
		u.confirmImport(f, err, w)
		labels := strings.Join(overlayLabels(w), " ")
		if !strings.Contains(labels, "nothing was changed") {
			t.Errorf("%s: dialog says %q", bad, labels)
		}
		closeOverlays(w)
	}
	list, err := st.Cramps(time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 0 {
		t.Errorf("a refused import wrote %v", list)
	}
}

// overlayLabels collects the label texts of the window's dialogs, newest
// last, with the texts of dialog.ShowError and ShowInformation.
func overlayLabels(w fyne.Window) []string {
	var out []string
	for _, o := range w.Canvas().Overlays().List() {
		walk(o, func(o fyne.CanvasObject) {
			switch l := o.(type) {
			case *widget.Label:
				out = append(out, l.Text)
			case *widget.RichText:
				out = append(out, l.String())
			}
		})
	}
	return out
}

func closeOverlays(w fyne.Window) {
	for _, o := range w.Canvas().Overlays().List() {
		w.Canvas().Overlays().Remove(o)
	}
}

// A restore from a backup is told in the main window until put away.
func TestNoticeCard(t *testing.T) {
	u, _ := newTestUI(t, day)
	u.show("main")
	if u.main.notice.Visible() {
		t.Fatal("notice shown with nothing to say")
	}
	msg := "CrampCare's data file was damaged. Your diary was restored from the backup of Sunday 22 November 00:05."
	if err := u.diary.(*testBackend).SetNotice(msg); err != nil {
		t.Fatal(err)
	}
	if !u.main.notice.Visible() || u.main.noteText.Text != msg {
		t.Fatalf("notice visible %v, text %q", u.main.notice.Visible(), u.main.noteText.Text)
	}
	test.Tap(findButton(t, u.main.notice, "OK"))
	if u.main.notice.Visible() {
		t.Error("notice still shown after OK")
	}
	st, err := u.diary.Status(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if st.Notice != "" {
		t.Errorf("notice %q kept after OK", st.Notice)
	}
}

// A saved export or report is readable by its owner alone, whatever the
// folder it was saved in.
func TestSavedFilesArePrivate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "crampcare.json")
	if err := os.WriteFile(path, []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	keepPrivate(storage.NewFileURI(path))
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("saved file mode %v, want 0600", fi.Mode().Perm())
	}
}
