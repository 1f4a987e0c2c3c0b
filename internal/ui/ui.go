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
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"
	"github.com/gen2brain/beeep"

	"github.com/crampcare/crampcare/assets"
	"github.com/crampcare/crampcare/internal/api"
	"github.com/crampcare/crampcare/internal/cramp"
	"github.com/crampcare/crampcare/internal/diary"
	"github.com/crampcare/crampcare/internal/insights"
	"github.com/crampcare/crampcare/internal/redflags"
	"github.com/crampcare/crampcare/internal/report"
	"github.com/crampcare/crampcare/internal/routine"
	"github.com/crampcare/crampcare/internal/schedule"
	"github.com/crampcare/crampcare/internal/settings"
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
	u := newUI(a, client, time.Now, p.Stderr)
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
	go func() {
		for ev := range events {
			select {
			case <-stopped:
				return
			default:
				fyne.Do(func() { u.handle(ev) })
			}
		}
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
	return nil
}

// ui owns the windows of the window process.
type ui struct {
	dataDir string
	app     fyne.App
	diary   Backend
	now     func() time.Time
	stderr  io.Writer
	windows map[string]fyne.Window
	main    *mainView
	status  diary.Status
	// settingsView is the open settings window's view, kept for tests.
	settingsView *settingsView
	// forDoctor is the open "For my doctor" window's view, for tests.
	forDoctor *forDoctorView
	// help is the open help window's view, for tests.
	help *helpView
	// relief is the open relief window's view and reliefFor its cramp.
	relief     *reliefView
	reliefFor  string
	stopTicker func()
	// stretch is the open guided stretch, for tests.
	stretch *stretchView
	// reminder is the open reminder window's view.
	reminder *reminderView
	// details and backdate are the open windows' views, for tests.
	details  *detailsView
	backdate *backdateView
	// deleted is the cramp the history's Undo would restore.
	deleted *cramp.Entry
	// immediate makes afterShown run at once (tests).
	immediate bool
	// ticker, when set (tests), replaces the real one-second ticker.
	ticker func(d time.Duration, fn func()) (stop func())
	// year is the year of cramps the History tab shows, which the relief
	// steps are ordered by while the tab keeps it up to date.
	year []cramp.Entry
	// loading is set while a reload reads the diary; stale is what it
	// has yet to read.
	loading bool
	stale   stale
	// spawn, when set (tests), takes the diary reads that would run on a
	// goroutine, for the test to run when it chooses.
	spawn func(read func())
	// historyGap is the least time between two reads of the history
	// while changes keep coming (a script logging cramps one after the
	// other): the first change is read at once, the next ones at most
	// this often. Zero reads each change (tests).
	historyGap  time.Duration
	historyAt   time.Time // when it was last read, by clock
	historyWait bool      // a read once the gap is over is on its way
	// clock and after measure and wait out the gap; tests replace them.
	clock func() time.Time
	after func(d time.Duration, f func())
	// readDone, if set, is told when a read of a year of cramps is
	// done: it gives their memory back once the reads stop (giveBack).
	readDone func()
}

// historyGap's default: two reads a second at most, a year of cramps
// being some 30 ms of CPU to read.
const historyGap = 500 * time.Millisecond

// giveBack returns a readDone that, once reads have stopped for a few
// seconds, hands the memory they used back to the system. A year of a
// heavy diary is some 4 MB to read; Go keeps the heap it grew to for the
// next garbage collection, which in a window left open all day after a
// script logged 200 cramps means 20 MB held for nothing.
func giveBack() func() {
	t := time.AfterFunc(time.Hour, debug.FreeOSMemory) // off the Fyne thread
	t.Stop()
	return func() { t.Reset(3 * time.Second) }
}

func newUI(a fyne.App, d Backend, now func() time.Time, stderr io.Writer) *ui {
	u := &ui{app: a, diary: d, now: now, stderr: stderr, windows: map[string]fyne.Window{},
		historyGap: historyGap, clock: time.Now, readDone: giveBack(),
		after: func(d time.Duration, f func()) { time.AfterFunc(d, func() { fyne.Do(f) }) }}
	u.loadStatus()
	return u
}

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
		if u.main != nil {
			u.main.showError(diary.Explain("Could not reach CrampCare's data", err))
		}
		return
	}
	u.status = st
	th := careTheme{night: st.Night, scale: st.Scale}
	if cur, ok := u.app.Settings().Theme().(careTheme); !ok || cur != th {
		u.app.Settings().SetTheme(th)
		if u.main != nil {
			u.main.history.themeChanged()
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
	case diary.ChangeGlasses, diary.ChangeSettings, diary.ChangeStretch:
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
	if want.history && u.historyGap > 0 {
		if wait := u.historyGap - u.clock().Sub(u.historyAt); wait > 0 {
			want.history = false // still stale: read when the gap is over
			if !u.historyWait {
				u.historyWait = true
				u.after(wait, func() { u.historyWait = false; u.reload() })
			}
		}
	}
	if !want.any() {
		return
	}
	if want.history {
		u.historyAt = u.clock()
	}
	u.stale.status = u.stale.status && !want.status
	u.stale.history = u.stale.history && !want.history
	u.stale.insights = u.stale.insights && !want.insights
	u.loading = true
	since := u.now().AddDate(-1, 0, 0) // the history shows a year
	u.fetch(func() func() {
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
			if want.history && u.readDone != nil {
				u.readDone()
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

// fetch runs get off the Fyne thread and then what it returns on the
// Fyne thread: a diary read must never hold up the windows. Tests run both
// at once (immediate), or queue get to run it when they choose (spawn).
func (u *ui) fetch(get func() (put func())) {
	switch {
	case u.spawn != nil:
		u.spawn(func() { get()() })
	case u.immediate:
		get()()
	default:
		go func() {
			put := get()
			fyne.Do(put)
		}()
	}
}

// onDelete asks first, then deletes and offers Undo.
func (u *ui) onDelete(e cramp.Entry) {
	w := u.windows["main"]
	if w == nil {
		return
	}
	when := e.At.Local().Format("Monday 15:04")
	dialog.ShowConfirm("Delete this cramp?", "The cramp of "+when+" will be removed. You can undo it right after.", func(ok bool) {
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
			u.main.history.showUndo("The cramp of " + when + " was deleted.")
		}
	}, w)
}

// onReport asks where to save the report for the doctor (the last three
// months), writes it, and offers to open it or its folder.
func (u *ui) onReport() {
	w := u.windows["main"]
	if w == nil {
		return
	}
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
			dialog.ShowError(fmt.Errorf("the report was not written: %w", werr), w)
			return
		}
		file := wc.URI()
		folder, _ := storage.Parent(file)
		open := widget.NewButton("Open", func() { u.openURI(file) })
		show := widget.NewButton("Show in folder", func() { u.openURI(folder) })
		dialog.ShowCustom("Report saved", "Close", container.NewVBox(
			body("Saved as "+file.Name()+". Bring it to your appointment or send it to your doctor."),
			container.NewGridWithColumns(2, open, show)), w)
	}, w)
	d.SetFileName("crampcare-report-" + u.now().Format("2006-01-02") + ".pdf")
	d.Show()
}

// writeReport writes the PDF for the last three months to out.
func (u *ui) writeReport(out io.Writer) error {
	ctx := context.Background()
	f, err := u.diary.Export(ctx)
	if err != nil {
		return err
	}
	now := u.now()
	return report.Write(out, report.ForDiary(f, now.AddDate(0, -3, 0), now.Add(time.Nanosecond), now))
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

// show opens the named window, or brings it forward if it is open.
// "main:history" and "main:insights" open the main window on that tab.
func (u *ui) show(name string) {
	kind, arg, _ := strings.Cut(name, ":")
	if kind == "main" && arg != "" {
		defer u.selectTab(arg)
	}
	if kind == "reminder" {
		// A second reminder joins the open window rather than raising it.
		u.showReminder(schedule.Kind(arg))
		return
	}
	if w, ok := u.windows[kind]; ok {
		// A new cramp while the relief window is open: show its steps.
		if kind == "relief" && arg != "" && arg != u.reliefFor {
			u.fillRelief(w, arg, func() { w.Show(); w.RequestFocus() })
			return
		}
		if kind == "help" && u.help != nil {
			u.help.showPage(arg == "prevent")
		}
		w.Show()
		w.RequestFocus()
		return
	}
	var w fyne.Window
	switch kind {
	case "relief":
		w = u.newWindow(kind, TitleRelief, fyne.NewSize(720, 640))
		u.addReliefKeys(w)
		// Shown once the steps are in it: an empty window first would
		// only flicker.
		u.fillRelief(w, arg, func() { w.Show(); w.RequestFocus() })
		return
	case "stretch":
		w = u.newWindow(kind, TitleStretch, fyne.NewSize(760, 680))
		v := u.newStretchView(w)
		u.stretch = v
		w.SetContent(v.build())
		// "stretch:go" (the tray's "Start evening stretch") starts at once
		// with the saved choices; plain "stretch" shows them first.
		if arg == "go" {
			v.onStart()
		}
		stop := u.every(time.Second, v.tick)
		w.SetOnClosed(func() {
			stop()
			delete(u.windows, "stretch")
			u.stretch = nil
		})
		w.Canvas().SetOnTypedKey(func(k *fyne.KeyEvent) {
			if v.runner == nil || v.done {
				if k.Name == fyne.KeyEscape {
					w.Close()
				}
				return
			}
			switch k.Name {
			case fyne.KeySpace:
				v.onPause()
			case fyne.KeyRight:
				v.onSkip()
			case fyne.KeyLeft:
				v.onBack()
			case fyne.KeyEscape:
				v.onStop()
			}
		})
	case "help":
		// "help:prevent" opens it on "Preventing cramps".
		w = u.newWindow(kind, TitleHelp, fyne.NewSize(640, 640))
		v := &helpView{prevent: arg == "prevent", onClose: w.Close}
		u.help = v
		w.SetContent(v.build())
	case "settings":
		w = u.newWindow(kind, TitleSettings, fyne.NewSize(640, 720))
		items, err := u.diary.Settings(context.Background())
		if err != nil {
			fmt.Fprintf(u.stderr, "settings: %v\n", err)
		}
		vals := map[string]string{}
		for _, it := range items {
			vals[it.Key] = it.Value
		}
		v := &settingsView{
			values:       vals,
			dataDir:      u.dataDir,
			onExportJSON: func() { u.onExport(formatJSON, w) },
			onExportCSV:  func() { u.onExport(formatCSV, w) },
			onImport:     func() { u.onImport(w) },
			onOpenFolder: func() { u.openFolder(u.dataDir) },
			onSave: func(changed map[string]string) map[string]error {
				errs := saveSettings(context.Background(), u.diary, changed)
				if len(errs) == 0 {
					w.Close()
				}
				return errs
			},
			onTest:      func() error { return u.diary.TestNotification(context.Background()) },
			onCancel:    w.Close,
			onForDoctor: func() { u.show("fordoctor") },
		}
		u.settingsView = v
		w.SetContent(v.build())
	case "fordoctor":
		w = u.newWindow(kind, TitleForDoctor, fyne.NewSize(640, 720))
		u.forDoctor = u.newForDoctorView(w)
		w.SetContent(u.forDoctor.build())
	case "details":
		n, _ := strconv.ParseUint(arg, 10, 64)
		e, err := u.diary.Cramp(context.Background(), n)
		if err != nil {
			u.report(err)
			return
		}
		w = u.newWindow(kind, TitleDetails, fyne.NewSize(720, 720))
		v := &detailsView{entry: e, now: u.now, onCancel: w.Close, onHelp: func() { u.show("help") }}
		v.onSave = func(e cramp.Entry) error {
			if _, err := u.diary.EditCramp(context.Background(), e); err != nil {
				return err
			}
			w.Close()
			return nil
		}
		u.details = v
		w.SetContent(v.build())
	case "backdate":
		w = u.newWindow(kind, TitleBackdate, fyne.NewSize(560, 560))
		v := &backdateView{now: u.now, onHelp: func() { u.show("help") }}
		v.onLog = func(at time.Time) {
			e, err := u.diary.LogCramp(context.Background(), cramp.Entry{At: at})
			if err != nil {
				u.report(err)
				return
			}
			w.Close()
			// Not 3 a.m. now: a good moment for the details.
			u.show(fmt.Sprintf("details:%d", e.ID))
		}
		u.backdate = v
		w.SetContent(v.build())
	default:
		w = u.newWindow("main", TitleMain, fyne.NewSize(640, 600))
		u.main = &mainView{
			onLogCramp: u.onLogCramp,
			onDrink:    u.onDrink,
			onStretch:  func() { u.show("stretch") },
			onHelp:     func() { u.show("help") },
			onSettings: func() { u.show("settings") },
			onBackdate: func() { u.show("backdate") },
			onDismiss: func(r redflags.Rule) {
				u.report(u.diary.DismissAdvice(context.Background(), r))
			},
			onNoticeOK: func() { u.report(u.diary.DismissNotice(context.Background())) },
			onDetails:  func(e cramp.Entry) { u.show(fmt.Sprintf("details:%d", e.ID)) },
			history: &historyView{
				onEdit:   func(e cramp.Entry) { u.show(fmt.Sprintf("details:%d", e.ID)) },
				onDelete: u.onDelete,
				onUndo:   u.onUndo,
				onReport: u.onReport,
			},
			insights: &insightsView{},
			onInsights: func() {
				u.stale.insights = true // read afresh on every visit
				u.reload()
			},
			onHistory: u.reload,
			onResume: func() {
				_, err := u.diary.SetSetting(context.Background(), settings.PausedUntil, "")
				u.report(err)
			},
		}
		w.SetContent(u.main.build())
		u.main.refresh(u.status)
		// Read when its tab is first shown.
		u.stale.history = true
		u.addShortcuts(w)
		w.SetOnClosed(func() { u.main, u.year = nil, nil; delete(u.windows, "main") })
	}
	w.Show()
	w.RequestFocus()
}

// selectTab brings a tab of the main window to the front by name.
func (u *ui) selectTab(name string) {
	if u.main == nil {
		return
	}
	for i, t := range u.main.tabs.Items {
		if strings.EqualFold(t.Text, name) {
			u.main.tabs.SelectIndex(i)
		}
	}
}

// fillRelief puts the relief steps for cramp id (a decimal string; empty
// for none) into w, in this person's best order, starts the countdown
// ticker (which stops when the window closes or shows another cramp), and
// then calls shown, if set. The cramp and the year of history the order
// comes from are read off the Fyne thread, so the windows stay live while
// a heavy diary is read; the window is shown once its steps are in it.
func (u *ui) fillRelief(w fyne.Window, id string, shown func()) {
	u.reliefFor = id
	since := u.now().AddDate(-1, 0, 0)
	// With the History tab in front, its year of cramps is kept up to
	// date (at most a change behind, and the cramp just logged has no
	// ratings yet): no need to read it twice.
	var history []cramp.Entry
	if u.main != nil && u.main.showingHistory() && u.year != nil {
		history = u.year
	}
	u.fetch(func() func() {
		ctx := context.Background()
		var e cramp.Entry
		if n, err := strconv.ParseUint(id, 10, 64); err == nil {
			if e, err = u.diary.Cramp(ctx, n); err != nil {
				fmt.Fprintf(u.stderr, "relief: %v\n", err)
			}
		}
		if history == nil {
			var err error
			if history, err = u.diary.Cramps(ctx, since); err != nil {
				fmt.Fprintf(u.stderr, "relief: %v\n", err)
			}
		}
		return func() {
			if u.windows["relief"] != w || u.reliefFor != id {
				return // closed, or asked for another cramp meanwhile
			}
			u.showRelief(w, id, e, history)
			if shown != nil {
				shown()
			}
		}
	})
}

// showRelief puts the relief flow into w (the view orders the steps for the
// muscle chosen, from history) and starts the countdown ticker.
func (u *ui) showRelief(w fyne.Window, id string, e cramp.Entry, history []cramp.Entry) {
	v := &reliefView{
		entry: e, history: history, now: u.now, picture: u.picture, later: u.afterShown,
		onOver:  func(e cramp.Entry) { u.saveCramp(e) },
		onSave:  func(e cramp.Entry) { u.saveCramp(e) },
		onClose: w.Close,
		onHelp:  func() { u.show("help") },
	}
	u.relief, u.reliefFor = v, id
	w.SetContent(v.build())
	if u.stopTicker != nil {
		u.stopTicker()
	}
	u.stopTicker = u.every(time.Second, func() {
		if u.relief == v {
			v.tick()
		}
	})
}

// addReliefKeys: arrows move between steps, Enter is "It's over".
func (u *ui) addReliefKeys(w fyne.Window) {
	w.Canvas().SetOnTypedKey(func(k *fyne.KeyEvent) {
		v := u.relief
		if v == nil {
			return
		}
		switch k.Name {
		case fyne.KeyEscape:
			w.Close()
		case fyne.KeyRight:
			v.show(v.i + 1)
		case fyne.KeyLeft:
			v.show(v.i - 1)
		case fyne.KeyReturn, fyne.KeyEnter:
			switch v.page {
			case pageWhere:
				v.goOn.OnTapped()
			case pageSteps:
				v.onOverTapped()
			}
		}
	})
	w.SetOnClosed(func() {
		delete(u.windows, "relief")
		u.relief, u.reliefFor = nil, ""
		if u.stopTicker != nil {
			u.stopTicker()
			u.stopTicker = nil
		}
	})
}

// saveCramp stores an edited cramp; a failure shows where the user looks.
func (u *ui) saveCramp(e cramp.Entry) {
	if _, err := u.diary.EditCramp(context.Background(), e); err != nil {
		u.report(err)
	}
}

// newStretchView builds the guided stretch with the user's saved choices.
func (u *ui) newStretchView(w fyne.Window) *stretchView {
	ctx := context.Background()
	items, err := u.diary.Settings(ctx)
	if err != nil {
		u.report(err)
	}
	vals := map[string]string{}
	for _, it := range items {
		vals[it.Key] = it.Value
	}
	vs := settings.Resolve(vals)
	choice := routine.Choice{Rounds: vs.StretchRounds(), Off: map[string]bool{}, On: map[string]bool{"massage": vs.StretchMassage()}}
	for _, id := range vs.StretchSkip() {
		choice.Off[id] = true
	}
	return &stretchView{
		choice:  choice,
		now:     u.now,
		picture: u.mirroredPicture,
		sound:   vs.StretchSound(),
		// beeep sounds the PC speaker, or the terminal bell where there is
		// none; it blocks for the tone, so off the Fyne thread.
		beep: func() { go func() { _ = beeep.Beep(660, 250) }() },
		onChoice: func(c routine.Choice) {
			var off []string
			for _, id := range settings.SkippableSteps() {
				if c.Off[id] {
					off = append(off, id)
				}
			}
			for k, val := range map[string]string{
				settings.StretchRounds:  strconv.Itoa(c.Rounds),
				settings.StretchSkip:    strings.Join(off, ","),
				settings.StretchMassage: strconv.FormatBool(c.On["massage"]),
			} {
				if vals[k] != val {
					if _, err := u.diary.SetSetting(ctx, k, val); err != nil {
						u.report(err)
					}
				}
			}
		},
		onFinish: func(res routine.Result) int {
			_, err := u.diary.StretchDone(ctx, stretch.Session{Start: res.Start, End: res.End, Source: stretch.SourceGuided,
				Steps: res.Steps, Rounds: res.Rounds, Partial: !res.Counts})
			if err != nil {
				u.report(err)
				return 0
			}
			list, err := u.diary.Stretches(ctx, u.now().AddDate(-1, 0, 0))
			if err != nil {
				return 0
			}
			return stretch.Streak(list, u.now())
		},
		onDone:  func() { u.onStretched(); w.Close() },
		onClose: w.Close,
		onHelp:  func() { u.show("help") },
	}
}

// mirroredPicture is picture, flipped left to right when mirror is set.
func (u *ui) mirroredPicture(name string, mirror bool) fyne.Resource {
	data, err := assets.Illustration(name)
	if err != nil {
		fmt.Fprintf(u.stderr, "illustration %s: %v\n", name, err)
		return nil
	}
	if mirror {
		return themedPicture(u.app, name+"-mirrored.svg", mirrorSVG(data))
	}
	return themedPicture(u.app, name+".svg", data)
}

// afterShown runs f on the Fyne thread a moment after the window it is
// for has been shown. Tests replace it to run f at once.
func (u *ui) afterShown(f func()) {
	if u.immediate {
		f()
		return
	}
	time.AfterFunc(150*time.Millisecond, func() { fyne.Do(f) })
}

// every calls fn on the Fyne thread every d until the returned stop is
// called. Tests replace it to drive time by hand.
func (u *ui) every(d time.Duration, fn func()) (stop func()) {
	if u.ticker != nil {
		return u.ticker(d, fn)
	}
	t := time.NewTicker(d)
	done := make(chan struct{})
	go func() {
		for {
			select {
			case <-t.C:
				fyne.Do(fn)
			case <-done:
				return
			}
		}
	}()
	return func() { t.Stop(); close(done) }
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

func (u *ui) newWindow(kind, title string, size fyne.Size) fyne.Window {
	w := u.app.NewWindow(title)
	w.Resize(size)
	w.CenterOnScreen()
	w.SetOnClosed(func() { delete(u.windows, kind) })
	// Escape closes any window: one key, no hunting for the close box.
	w.Canvas().SetOnTypedKey(func(k *fyne.KeyEvent) {
		if k.Name == fyne.KeyEscape {
			w.Close()
		}
	})
	u.windows[kind] = w
	return w
}

// addShortcuts binds Ctrl+L (log a cramp), Ctrl+D (drink), Ctrl+E (evening
// stretch), Ctrl+, (settings) and Ctrl+W (close).
func (u *ui) addShortcuts(w fyne.Window) {
	bind := func(key fyne.KeyName, do func()) {
		w.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) { do() })
	}
	bind(fyne.KeyL, u.onLogCramp)
	bind(fyne.KeyD, u.onDrink)
	bind(fyne.KeyE, func() { u.show("stretch") })
	bind(fyne.KeyComma, func() { u.show("settings") })
	bind(fyne.KeyW, w.Close)
	if u.main != nil && w == u.windows["main"] {
		// Ctrl+1..3 switch tabs, as in a browser.
		for i, k := range []fyne.KeyName{fyne.Key1, fyne.Key2, fyne.Key3} {
			bind(k, func() {
				if u.main != nil {
					u.main.tabs.SelectIndex(i)
				}
			})
		}
	}
}

func (u *ui) onLogCramp() {
	e, err := u.diary.LogCramp(context.Background(), cramp.Entry{}) // zero At: now, by the agent's clock
	if err != nil {
		// The steps help whether or not the cramp could be written down.
		u.show("relief")
		u.report(errors.New(diary.Explain("The cramp was not logged", err)))
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
		u.main.showError(diary.Message(err))
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
	dialog.ShowInformation("Not saved", diary.Message(err), u.windows[names[0]])
}

func (u *ui) onDrink() {
	if _, err := u.diary.LogGlass(context.Background(), time.Time{}); err != nil {
		u.report(errors.New(diary.Explain("The glass was not logged", err)))
	}
	// The agent's "changed" event refreshes the view.
}
