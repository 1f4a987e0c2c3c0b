package ui

import (
	"context"
	"errors"
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
	"github.com/crampcare/crampcare/internal/l10n"
)

// The export formats the Settings window offers.
const (
	formatJSON = "json"
	formatCSV  = "csv"
)

// onExport asks where to save, then writes the whole diary (JSON) or the
// cramps for a spreadsheet (CSV) there, showing that it is busy meanwhile.
func (u *ui) onExport(format string, parent fyne.Window) {
	tr := u.lang
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil || wc == nil {
			return // cancelled
		}
		u.busy(parent, tr.T("Saving your data…"), func() error {
			werr := u.exportTo(wc, format)
			if cerr := wc.Close(); werr == nil {
				werr = cerr
			}
			keepPrivate(wc.URI())
			return werr
		}, func(err error) {
			if err != nil {
				dialog.ShowError(errors.New(tr.T("your data was not saved: {{.Error}}", l10n.Args{"Error": tr.T(err.Error())})), parent)
				return
			}
			dialog.ShowInformation(tr.T("Saved"), tr.T("Your data is in {{.File}}.", l10n.Args{"File": wc.URI().Name()}), parent)
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
	tr := u.lang
	d := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil || rc == nil {
			return
		}
		var f export.File
		u.busy(parent, tr.T("Reading the file…"), func() error {
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
	tr := u.lang
	if err != nil {
		why := l10n.Args{"Error": tr.T(err.Error())}
		msg := tr.T("This file cannot be imported, and nothing was changed: {{.Error}}", why)
		if errors.Is(err, export.ErrFormat) {
			msg = tr.T("This is not a CrampCare export this version can read, so nothing was changed. ({{.Error}})", why)
		}
		dialog.ShowError(errors.New(msg), parent)
		return
	}
	what := tr.T("The file holds {{.Cramps}}, {{.Glasses}}, {{.Stretches}} and {{.Settings}}.", l10n.Args{
		"Cramps": tr.N("{{.Count}} cramps", len(f.Cramps)), "Glasses": tr.N("{{.Count}} glasses of water", len(f.Glasses)),
		"Stretches": tr.N("{{.Count}} evening stretches", len(f.Stretches)), "Settings": tr.N("{{.Count}} settings", len(f.Settings))})
	dialog.ShowCustomConfirm(tr.T("Import this file?"), tr.T("Import"), tr.T("Cancel"), container.NewVBox(
		body(what),
		body(tr.T("Entries you already have are kept as they are and not doubled. The settings in the file replace yours.")),
	), func(ok bool) {
		if !ok {
			return
		}
		var sum export.Summary
		u.busy(parent, tr.T("Importing…"), func() error {
			var ierr error
			sum, ierr = u.diary.Import(context.Background(), f)
			return ierr
		}, func(err error) {
			if err != nil {
				dialog.ShowError(errors.New(tr.T("nothing was imported: {{.Error}}", l10n.Args{"Error": tr.T(err.Error())})), parent)
				return
			}
			dialog.ShowInformation(tr.T("Imported"), importedText(tr, sum), parent)
		})
	}, parent)
}

func importedText(tr *l10n.Lang, s export.Summary) string {
	t := tr.T("Added {{.Cramps}}, {{.Glasses}} and {{.Stretches}}; {{.Settings}} taken from the file.", l10n.Args{
		"Cramps": tr.N("{{.Count}} cramps", s.Cramps), "Glasses": tr.N("{{.Count}} glasses of water", s.Glasses),
		"Stretches": tr.N("{{.Count}} evening stretches", s.Stretches), "Settings": tr.N("{{.Count}} settings", s.Settings)})
	if s.Skipped > 0 {
		t += " " + tr.N("{{.Count}} entries you already had were left as they were.", s.Skipped)
	}
	return t
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
