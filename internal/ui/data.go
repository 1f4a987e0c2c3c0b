package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/crampcare/crampcare/internal/export"
)

// The export formats the Settings window offers.
const (
	formatJSON = "json"
	formatCSV  = "csv"
)

// onExport asks where to save, then writes the whole diary (JSON) or the
// cramps for a spreadsheet (CSV) there, showing that it is busy meanwhile.
func (u *ui) onExport(format string, parent fyne.Window) {
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil || wc == nil {
			return // cancelled
		}
		u.busy(parent, "Saving your data…", func() error {
			werr := u.exportTo(wc, format)
			if cerr := wc.Close(); werr == nil {
				werr = cerr
			}
			keepPrivate(wc.URI())
			return werr
		}, func(err error) {
			if err != nil {
				dialog.ShowError(fmt.Errorf("your data was not saved: %w", err), parent)
				return
			}
			dialog.ShowInformation("Saved", "Your data is in "+wc.URI().Name()+".", parent)
		})
	}, parent)
	d.SetFileName("crampcare-" + u.now().Format("2006-01-02") + "." + format)
	d.Show()
}

// keepPrivate makes a file the user saved readable by them alone (0600),
// as the diary itself is: it holds health data, and the folder chosen may
// be shared.
func keepPrivate(u fyne.URI) {
	if u.Scheme() == "file" {
		_ = os.Chmod(u.Path(), 0o600)
	}
}

// exportTo writes the diary to out in format.
func (u *ui) exportTo(out io.Writer, format string) error {
	f, err := u.diary.Export(context.Background())
	if err != nil {
		return err
	}
	if format == formatCSV {
		return export.WriteCSV(out, f.Cramps)
	}
	return export.WriteJSON(out, f)
}

// onImport asks for a file, checks all of it, says what it holds and asks
// before merging anything.
func (u *ui) onImport(parent fyne.Window) {
	d := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil || rc == nil {
			return
		}
		var f export.File
		u.busy(parent, "Reading the file…", func() error {
			defer rc.Close()
			var rerr error
			f, rerr = export.ReadJSON(rc, u.now())
			return rerr
		}, func(err error) { u.confirmImport(f, err, parent) })
	}, parent)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".json"}))
	d.Show()
}

// confirmImport shows what a read file holds and merges it on "Import";
// a file that did not read is explained and nothing is changed.
func (u *ui) confirmImport(f export.File, err error, parent fyne.Window) {
	if err != nil {
		msg := "This file cannot be imported, and nothing was changed: " + err.Error()
		if errors.Is(err, export.ErrFormat) {
			msg = "This is not a CrampCare export this version can read, so nothing was changed. (" + err.Error() + ")"
		}
		dialog.ShowError(errors.New(msg), parent)
		return
	}
	what := fmt.Sprintf("The file holds %s, %s, %s and %s.",
		count(len(f.Cramps), "cramp", "cramps"), count(len(f.Glasses), "glass of water", "glasses of water"),
		count(len(f.Stretches), "evening stretch", "evening stretches"), count(len(f.Settings), "setting", "settings"))
	dialog.ShowCustomConfirm("Import this file?", "Import", "Cancel", container.NewVBox(
		body(what),
		body("Entries you already have are kept as they are and not doubled. The settings in the file replace yours."),
	), func(ok bool) {
		if !ok {
			return
		}
		var sum export.Summary
		u.busy(parent, "Importing…", func() error {
			var ierr error
			sum, ierr = u.diary.Import(context.Background(), f)
			return ierr
		}, func(err error) {
			if err != nil {
				dialog.ShowError(fmt.Errorf("nothing was imported: %w", err), parent)
				return
			}
			dialog.ShowInformation("Imported", importedText(sum), parent)
		})
	}, parent)
}

func importedText(s export.Summary) string {
	t := fmt.Sprintf("Added %s, %s and %s; %s taken from the file.",
		count(s.Cramps, "cramp", "cramps"), count(s.Glasses, "glass of water", "glasses of water"),
		count(s.Stretches, "evening stretch", "evening stretches"), count(s.Settings, "setting", "settings"))
	if s.Skipped > 0 {
		t += " " + count(s.Skipped, "entry you already had was", "entries you already had were") + " left as they were."
	}
	return t
}

// count says "1 cramp", "3 cramps".
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// busy runs work off the Fyne thread with a "working" dialog over parent,
// then calls done on the Fyne thread.
func (u *ui) busy(parent fyne.Window, what string, work func() error, done func(error)) {
	bar := widget.NewProgressBarInfinite()
	d := dialog.NewCustomWithoutButtons(what, container.NewVBox(body(what), bar), parent)
	d.Show()
	u.pace.fetch(func() func() {
		err := work()
		return func() {
			d.Hide()
			done(err)
		}
	})
}

// openFolder shows a folder in the desktop's file manager.
func (u *ui) openFolder(dir string) {
	abs, err := filepath.Abs(dir)
	if err == nil {
		err = u.app.OpenURL(&url.URL{Scheme: "file", Path: abs})
	}
	u.report(err)
}
