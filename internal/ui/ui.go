// Package ui is the window process: a Fyne app started by the agent when a
// window is needed, which reads and writes only through the agent's API and
// exits when its last window closes. It is the only package that imports
// Fyne.
package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/crampcare/crampcare/assets"
	"github.com/crampcare/crampcare/internal/api"
	"github.com/crampcare/crampcare/internal/cramp"
	"github.com/crampcare/crampcare/internal/diary"
	"github.com/crampcare/crampcare/internal/insights"
	"github.com/crampcare/crampcare/internal/l10n"
	"github.com/crampcare/crampcare/internal/report"
	"github.com/crampcare/crampcare/internal/stretch"
)

// AppID is the application ID, the same as in FyneApp.toml.
const AppID = "org.crampcare.CrampCare"

// Window titles; the smoke test looks for them.
const (
	TitleMain     = "CrampCare"
	TitleRelief   = "Cramp relief"
	TitleStretch  = "Evening stretch"
	TitleHelp     = "When to get help"
	TitleSettings = "Settings"
	TitleReminder = "CrampCare reminder"
	TitleDetails  = "About this cramp"
	TitleBackdate = "Log a cramp I had"
)

// Backend is the agent as the window process sees it: the diary plus the
// reminder controls. *api.Client implements it.
type Backend interface {
	diary.Diary
	Later(ctx context.Context) error
	TestNotification(ctx context.Context) error
	// Quit stops the agent, for a desktop with no tray to quit from.
	Quit(ctx context.Context) error
}

// Params wires the window process.
type Params struct {
	DataDir string
	Window  string // the first window to show: main, relief[:ID], stretch, help
	Stderr  io.Writer
	// Token is what the agent gave the window process it started (see
	// api.WindowTokenEnv). Without one this process was started by hand,
	// and it asks the agent to show the window instead.
	Token string
}

// Run shows p.Window and runs until the last window closes, the agent asks
// it to quit, the agent goes away, or ctx ends.
func Run(ctx context.Context, p Params) error {
	client, err := api.DialAgent(p.DataDir)
	if errors.Is(err, api.ErrNoAgent) {
		return errors.New("CrampCare is not running; start it with: crampcare")
	}
	if err != nil {
		return err
	}
	defer client.Close()
	if p.Token == "" {
		return client.ShowWindow(ctx, p.Window)
	}
	attachCtx, detach := context.WithCancel(context.Background())
	defer detach()
	events, err := client.Attach(attachCtx, p.Token)
	if err != nil {
		return err
	}

	a := app.NewWithID(AppID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.IconPNG))
	u := newUI(a, client, time.Now, p.Stderr, l10n.System(os.Getenv))
	u.workArea = glfwWorkArea
	// Fyne's own words (its dialogs' buttons) in the same language: its
	// lang package picks from the session's locale list (LANGUAGE first
	// on Linux), so the language chosen in the settings goes first. On
	// Windows and macOS Fyne asks the system, and follows it instead.
	os.Setenv("LANGUAGE", u.lang.Code())
	if files, dir := l10n.Catalog(); lang.AddTranslationsFS(files, dir) != nil {
		fmt.Fprintln(p.Stderr, "the message catalogue could not be handed to Fyne")
	}
	u.dataDir = p.DataDir
	u.show(p.Window)
	if len(u.windows) == 0 {
		// The window asked for could not be shown (a cramp deleted in the
		// meantime, say): a process with no window would linger unseen.
		u.show("main")
	}
	// Both goroutines stop touching Fyne once the app has stopped: a
	// fyne.Do after that point runs on the wrong thread.
	stopped := make(chan struct{})
	quit := func() {
		select {
		case <-stopped:
		default:
			fyne.Do(a.Quit)
		}
	}
	var pm pump
	drained := make(chan struct{})
	go func() {
		defer close(drained)
		pm.run(events, stopped, fyne.Do, u.handle)
		// The agent is gone (or asked us to stop): without it nothing
		// here can be saved, so close rather than pretend.
		quit()
	}()
	go func() {
		select {
		case <-ctx.Done():
			quit()
		case <-stopped:
		}
	}()
	a.Run()
	close(stopped)
	// Let go of the events: the agent ends the stream after what it has
	// sent, and queues what is asked for from then on for a new window
	// process. What was asked for as the last window closed is handed
	// back: the agent shows it in that new process once this one ends.
	letGo, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	if err := client.Detach(letGo, p.Token); err != nil {
		detach() // the agent is gone, or this process is no longer its
	}
	select {
	case <-drained:
	case <-letGo.Done():
		detach()
		<-drained
	}
	cancel()
	for _, name := range pm.unshown() {
		if err := client.ShowWindow(context.Background(), name); err != nil {
			fmt.Fprintf(u.stderr, "window %s asked for as the windows closed: %v\n", name, err)
		}
	}
	return nil
}

// ui owns the windows of the window process.
type ui struct {
	dataDir string
	app     fyne.App
	diary   Backend
	now     func() time.Time
	stderr  io.Writer
	// windows are the open windows by kind ("main", "relief", ...), each
	// with the view its opener put in it.
	windows map[string]*window
	main    *mainView
	// art draws the illustrations (see artist).
	art    *artist
	status diary.Status
	// deleted is the cramp the history's Undo would restore.
	deleted *cramp.Entry
	// year is the year of cramps the History tab shows, which the relief
	// steps are ordered by while the tab keeps it up to date.
	year []cramp.Entry
	// loading is set while a reload reads the diary; stale is what it
	// has yet to read.
	loading bool
	stale   stale
	// pace is how reads off the Fyne thread, tickers and waits run: the
	// one seam tests replace (see pace).
	pace        pace
	historyAt   time.Time // when the history was last read, by pace.clock
	historyWait bool      // a read once the gap is over is on its way
	// telling: the main window is saying where CrampCare goes when it
	// closes (no tray); closing again closes.
	telling bool
	// workArea is the usable part of the screen at a canvas scale, which
	// windows are fitted into (see fit): glfwWorkArea in the app, a fake
	// screen in tests.
	workArea func(canvasScale float32) fyne.Size
	// system is the session's locale (l10n.System); lang is the language
	// and formats the windows speak, from it and the settings in the
	// status. A change of language applies to windows opened after it.
	system    string
	lang      *l10n.Lang
	langPrefs l10n.Prefs
}

// newUI builds the window process's UI. system is the session's locale
// (l10n.System), which the settings' "auto" follows.
func newUI(a fyne.App, d Backend, now func() time.Time, stderr io.Writer, system string) *ui {
	u := &ui{app: a, diary: d, now: now, stderr: stderr, windows: map[string]*window{}, pace: realPace(),
		workArea: func(float32) fyne.Size { return fallbackArea() }, system: system}
	u.lang = l10n.New(l10n.Prefs{}, system)
	// Through u.pace, which tests replace after newUI.
	u.art = &artist{fetch: func(get func() (put func())) { u.pace.fetch(get) }, stderr: stderr}
	u.loadStatus()
	return u
}

// prefs are the language settings u.lang was made from.
func (u *ui) prefs() l10n.Prefs { return u.langPrefs }

// loadStatus fetches today's status at once and applies it. Only for the
// start, before any window is up (the theme must be right for the first
// one), and for tests; changes go through changed.
func (u *ui) loadStatus() {
	st, err := u.diary.Status(context.Background())
	u.applyStatus(st, err)
}

// applyStatus shows a fetched status: the theme it implies (night look,
// text size) and the main window's Today page. Fyne thread only.
func (u *ui) applyStatus(st diary.Status, err error) {
	if err != nil {
		fmt.Fprintf(u.stderr, "status: %v\n", err)
		if _, ok := u.app.Settings().Theme().(careTheme); !ok {
			// The first read failed (an agent busy at start): our
			// look at 100 % until a read works, never Fyne's, which
			// lacks our colours.
			u.app.Settings().SetTheme(careTheme{})
		}
		if u.main != nil {
			u.main.showError(explain(u.main.tr, l10n.Mark("Could not reach CrampCare's data"), err))
		}
		return
	}
	u.status = st
	if prefs := (l10n.Prefs{Language: st.Language, Clock: st.Clock, WeekStart: st.WeekStart}); prefs != u.prefs() {
		u.lang, u.langPrefs = l10n.New(prefs, u.system), prefs
	}
	th := careTheme{night: st.Night, scale: st.Scale}
	if cur, ok := u.app.Settings().Theme().(careTheme); !ok || cur != th {
		u.app.Settings().SetTheme(th)
		if u.main != nil {
			u.main.history.themeChanged()
		}
		if ok && cur.scale != th.scale {
			u.refit() // larger text grows the windows, smaller shrinks them back
		}
	}
	if u.main != nil {
		u.main.refresh(st)
	}
}

// stale says which views show the diary as it was before a change.
type stale struct{ status, history, insights bool }

func (s stale) any() bool { return s.status || s.history || s.insights }

// changed marks what a change to the diary makes stale, and reloads what
// of it is on screen.
func (u *ui) changed(c diary.Change) {
	u.stale.status = true
	u.stale.insights = true // glasses, stretches, settings and cramps all count there
	switch c {
	case diary.ChangeGlasses, diary.ChangeSettings, diary.ChangeStretch, diary.ChangeReminders:
	default: // cramps, or a kind this version does not know
		u.stale.history = true
	}
	u.reload()
}

// reload reads from the diary what is stale and on screen (the history
// and the insights only while their tab is in front), off the Fyne thread,
// and shows it. While a load runs, reload does nothing: the load calls it
// again when it is done, so a burst of changes costs one more load, not
// one each.
func (u *ui) reload() {
	if u.loading {
		return
	}
	want := stale{status: u.stale.status}
	if u.main != nil {
		want.history = u.stale.history && u.main.showingHistory()
		want.insights = u.stale.insights && u.main.showingInsights()
	}
	if want.history && u.pace.historyGap > 0 {
		if wait := u.pace.historyGap - u.pace.clock().Sub(u.historyAt); wait > 0 {
			want.history = false // still stale: read when the gap is over
			if !u.historyWait {
				u.historyWait = true
				u.pace.after(wait, func() { u.historyWait = false; u.reload() })
			}
		}
	}
	if !want.any() {
		return
	}
	if want.history {
		u.historyAt = u.pace.clock()
	}
	u.stale.status = u.stale.status && !want.status
	u.stale.history = u.stale.history && !want.history
	u.stale.insights = u.stale.insights && !want.insights
	u.loading = true
	since := u.now().AddDate(-1, 0, 0) // the history shows a year
	u.pace.fetch(func() func() {
		ctx := context.Background()
		var (
			st         diary.Status
			cramps     []cramp.Entry
			sum        insights.Summary
			stErr      error
			crampsErr  error
			insightErr error
		)
		if want.status {
			st, stErr = u.diary.Status(ctx)
		}
		if want.history {
			cramps, crampsErr = u.diary.Cramps(ctx, since)
		}
		if want.insights {
			// The agent computes them where the data is, so only the
			// summary crosses the socket.
			sum, insightErr = u.diary.Insights(ctx)
		}
		return func() {
			u.loading = false
			if want.status {
				u.applyStatus(st, stErr)
			}
			if want.history && u.main != nil {
				if crampsErr != nil {
					u.report(crampsErr)
				} else {
					u.main.history.refresh(cramps)
					u.year = cramps
				}
			}
			if want.history && u.pace.readDone != nil {
				u.pace.readDone()
			}
			if want.insights && u.main != nil {
				if insightErr != nil {
					u.report(insightErr)
				} else {
					u.main.insights.refresh(sum)
				}
			}
			u.reload()
			// What failed is read again on the next change or visit,
			// not in a loop now.
			u.stale.status = u.stale.status || stErr != nil
			u.stale.history = u.stale.history || crampsErr != nil
			u.stale.insights = u.stale.insights || insightErr != nil
		}
	})
}

// onDelete asks first, then deletes and offers Undo.
func (u *ui) onDelete(e cramp.Entry) {
	w := u.windows["main"]
	if w == nil {
		return
	}
	tr := u.lang
	if u.main != nil {
		tr = u.main.tr
	}
	when := l10n.Args{"When": tr.Date(e.At.Local(), "Monday 15:04")}
	dialog.ShowConfirm(tr.T("Delete this cramp?"), tr.T("The cramp of {{.When}} will be removed. You can undo it right after.", when), func(ok bool) {
		if !ok {
			return
		}
		gone, err := u.diary.DeleteCramp(context.Background(), e.ID)
		if err != nil {
			u.report(err)
			return
		}
		u.deleted = &gone
		if u.main != nil {
			u.main.history.showUndo(tr.T("The cramp of {{.When}} was deleted.", when))
		}
	}, w)
}

// onReport asks where to save the report for the doctor (the last three
// months), writes it, and offers to open it or its folder.
func (u *ui) onReport() {
	w := u.windows["main"]
	if w == nil || u.main == nil {
		return
	}
	tr := u.main.tr
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil || wc == nil {
			return // cancelled
		}
		werr := u.writeReport(wc)
		if cerr := wc.Close(); werr == nil {
			werr = cerr
		}
		keepPrivate(wc.URI())
		if werr != nil {
			dialog.ShowError(errors.New(tr.T("the report was not written: {{.Error}}", l10n.Args{"Error": tr.T(werr.Error())})), w)
			return
		}
		dialog.ShowCustom(tr.T("Report saved"), tr.T("Close"), u.reportSaved(tr, wc.URI()), w)
	}, w)
	d.SetFileName("crampcare-report-" + u.now().Format("2006-01-02") + ".pdf")
	d.Show()
}

// reportSaved says where the report went and offers to open it or its
// folder. The file name has a line of its own, never wrapped: wrapped with
// the sentence, a name without spaces was broken mid-word ("...pd f").
func (u *ui) reportSaved(tr *l10n.Lang, file fyne.URI) fyne.CanvasObject {
	folder, _ := storage.Parent(file)
	open := newTallButton(tr.T("Open"), theme.DocumentIcon(), minTarget, func() { u.openURI(file) })
	show := newTallButton(tr.T("Show in folder"), theme.FolderOpenIcon(), minTarget, func() { u.openURI(folder) })
	name := widget.NewLabel(file.Name())
	name.TextStyle.Bold = true
	name.Truncation = fyne.TextTruncateOff
	return container.NewVBox(widget.NewLabel(tr.T("Saved as")), name,
		body(tr.T("Bring it to your appointment or send it to your doctor.")),
		container.NewGridWithColumns(2, open, show))
}

// writeReport writes the PDF for the last three months to out, in the
// windows' language.
func (u *ui) writeReport(out io.Writer) error {
	ctx := context.Background()
	f, err := u.diary.Export(ctx)
	if err != nil {
		return err
	}
	now := u.now()
	rp := report.ForDiary(f, now.AddDate(0, -3, 0), now.Add(time.Nanosecond), now)
	rp.Lang = u.lang // in the person's language, as the window that asked
	return report.Write(out, rp)
}

func (u *ui) openURI(uri fyne.URI) {
	if uri == nil {
		return
	}
	parsed, err := url.Parse(uri.String())
	if err == nil {
		err = u.app.OpenURL(parsed)
	}
	u.report(err)
}

func (u *ui) onUndo() {
	if u.deleted == nil {
		return
	}
	if _, err := u.diary.RestoreCramp(context.Background(), *u.deleted); err != nil {
		u.report(err)
		return
	}
	u.deleted = nil
	if u.main != nil {
		u.main.history.hideUndo()
	}
}

func (u *ui) handle(ev api.Event) {
	switch ev.Type {
	case api.EventShow:
		u.show(ev.Window)
	case api.EventChanged:
		u.changed(diary.Change(ev.Change))
	case api.EventQuit:
		u.app.Quit()
	}
}

// picture returns an illustration as a resource Fyne renders as SVG.
func (u *ui) picture(name string) fyne.Resource {
	data, err := assets.Illustration(name)
	if err != nil {
		fmt.Fprintf(u.stderr, "illustration %s: %v\n", name, err)
		return nil
	}
	return themedPicture(u.app, name+".svg", data)
}

func (u *ui) onLogCramp() {
	e, err := u.diary.LogCramp(context.Background(), cramp.Entry{}) // zero At: now, by the agent's clock
	if err != nil {
		// The steps help whether or not the cramp could be written down.
		u.show("relief")
		u.report(errors.New(explain(u.lang, l10n.Mark("The cramp was not logged"), err)))
		return
	}
	u.show(fmt.Sprintf("relief:%d", e.ID))
}

func (u *ui) onStretched() {
	_, err := u.diary.StretchDone(context.Background(), stretch.Session{Source: stretch.SourceWindow})
	u.report(err)
}

// report shows a failed action in the main window's message line; when
// the main window is not open, in a small dialog over the window that is
// (the relief steps, say), so a "not saved" is never silent; and always
// on stderr, in the system's words, for the log.
func (u *ui) report(err error) {
	if err == nil {
		return
	}
	fmt.Fprintln(u.stderr, err)
	if u.main != nil {
		u.main.showError(diary.MessageIn(u.main.tr, err))
		return
	}
	names := make([]string, 0, len(u.windows))
	for name := range u.windows {
		names = append(names, name)
	}
	if len(names) == 0 {
		return
	}
	slices.Sort(names)
	dialog.ShowInformation(u.lang.T("Not saved"), diary.MessageIn(u.lang, err), u.windows[names[0]])
}

// explain says what failed and why, as diary.Explain does, in tr's
// language: "The cramp was not logged. The disk is full. ..." or "The
// cramp was not logged: <error>". what is marked where it is written.
func explain(tr *l10n.Lang, what string, err error) string {
	if errors.Is(err, diary.ErrDiskFull) || errors.Is(err, diary.ErrReadOnly) {
		return tr.T(what) + ". " + diary.MessageIn(tr, err)
	}
	return tr.T(what) + ": " + tr.T(err.Error())
}

func (u *ui) onDrink() {
	if _, err := u.diary.LogGlass(context.Background(), time.Time{}); err != nil {
		u.report(errors.New(explain(u.lang, l10n.Mark("The glass was not logged"), err)))
	}
	// The agent's "changed" event refreshes the view.
}
