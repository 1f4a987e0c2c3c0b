// Package agent is the tray process that runs all day: it owns the store,
// serves the local API, shows the tray and sends notifications, and starts
// the window process only when a window is needed. It never starts Fyne's GL
// driver, so it idles at no CPU and a few MB.
package agent

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/crampcare/crampcare/internal/api"
	"github.com/crampcare/crampcare/internal/autostart"
	"github.com/crampcare/crampcare/internal/backup"
	"github.com/crampcare/crampcare/internal/cramp"
	"github.com/crampcare/crampcare/internal/datadir"
	"github.com/crampcare/crampcare/internal/diary"
	"github.com/crampcare/crampcare/internal/input"
	"github.com/crampcare/crampcare/internal/l10n"
	"github.com/crampcare/crampcare/internal/notify"
	"github.com/crampcare/crampcare/internal/presence"
	"github.com/crampcare/crampcare/internal/reminders"
	"github.com/crampcare/crampcare/internal/schedule"
	"github.com/crampcare/crampcare/internal/service"
	"github.com/crampcare/crampcare/internal/settings"
	"github.com/crampcare/crampcare/internal/store"
	"github.com/crampcare/crampcare/internal/stretch"
	"github.com/crampcare/crampcare/internal/tray"
	"github.com/crampcare/crampcare/internal/wallclock"
)

// Params wires an agent.
type Params struct {
	DataDir string
	// Exe is this program, started again as the window process.
	Exe      string
	Notifier notify.Notifier
	TrayIcon []byte
	Stderr   io.Writer
	Now      func() time.Time
	// Getenv reads the session's locale (l10n.System); os.Getenv when nil.
	Getenv func(string) string
}

// Run runs the agent until ctx ends (SIGTERM, the tray's Quit). If an agent
// already runs for the data folder, it asks that one to show its main window
// and returns nil: launching the app twice just brings it forward.
func Run(ctx context.Context, p Params) error {
	if p.Now == nil {
		p.Now = time.Now
	}
	if p.Getenv == nil {
		p.Getenv = os.Getenv
	}
	// Until the diary is open, the session's locale alone says the language.
	early := l10n.New(l10n.Prefs{}, l10n.System(p.Getenv))
	if err := datadir.Ensure(p.DataDir); err != nil {
		return err
	}
	sock := api.SocketPath(p.DataDir)
	if showRunning(ctx, p.DataDir) {
		fmt.Fprintln(p.Stderr, early.T("CrampCare is already running; its window is now open."))
		return nil
	}
	dbPath, backups := filepath.Join(p.DataDir, store.FileName), backup.Dir(p.DataDir)
	// Every page is checked at start: a damaged file is found before
	// anything is written to it, not in the middle of a night. An empty
	// file with no backup is what a first start cut short leaves.
	opts := store.Options{Timeout: 3 * time.Second, Verify: true, BackupDir: backups, NewIfEmpty: backup.EmptyIsNew(backups)}
	st, err := store.Open(dbPath, opts)
	if errors.Is(err, store.ErrLocked) && showRunning(ctx, p.DataDir) {
		// Another agent won a start-up race with us.
		fmt.Fprintln(p.Stderr, early.T("CrampCare is already running; its window is now open."))
		return nil
	}
	notice := ""
	if errors.Is(err, store.ErrDamaged) {
		fmt.Fprintf(p.Stderr, "data file: %v\n", err)
		rec, rerr := backup.Restore(dbPath, backups, p.Now())
		if rerr != nil {
			return fmt.Errorf("the data file is damaged and could not be moved aside: %w", rerr)
		}
		notice = rec.MessageIn(early)
		fmt.Fprintln(p.Stderr, notice)
		st, err = store.Open(dbPath, opts)
	}
	// A folder that cannot be written: open the diary to read, so it can
	// still be looked at and exported, and say so.
	warning := ""
	if errors.Is(err, store.ErrReadOnly) {
		fmt.Fprintf(p.Stderr, "data file: %v; opening it read-only\n", err)
		ro := opts
		ro.ReadOnly = true
		if st, err = store.Open(dbPath, ro); err == nil {
			warning = readOnlyWarning(early, p.DataDir)
		}
	}
	if err != nil {
		if p.Notifier != nil {
			p.Notifier.Notify(early.T("CrampCare could not start"), explain(early, early.T("Your diary could not be opened"), err))
		}
		return err
	}
	defer st.Close()

	ln, err := api.Listen(sock)
	if err != nil {
		// The data folder cannot hold the socket: it is read-only, or its
		// path is longer than a socket address may be (about 100 bytes).
		// A spare place, which the window process and the CLI also look in.
		fmt.Fprintf(p.Stderr, "socket: %v; listening in a spare place\n", err)
		ln, err = api.ListenSpare(p.DataDir)
	}
	if err != nil {
		if p.Notifier != nil {
			p.Notifier.Notify(early.T("CrampCare could not start"), early.T("CrampCare found no private place for its connection to its windows. Your diary is safe. Restarting the computer usually helps; the details are in CrampCare's log."))
		}
		return err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	a := &agent{p: p, host: &windowHost{exe: windowExe(p.Exe), dataDir: p.DataDir, stderr: p.Stderr}, statusCh: make(chan struct{}, 1), lang: early}
	a.svc = service.New(service.Params{Store: st, Now: p.Now, OnChange: a.changed, BackupDir: backups, Warning: warning, Live: a.live, Locale: l10n.System(p.Getenv)})
	a.speak()
	a.applyAutostart()
	welcome := a.welcomeDue()
	backupsDone := make(chan struct{})
	go func() {
		if warning == "" { // no room for a copy in a read-only folder
			a.dailyBackups(ctx, st, backups)
		}
		close(backupsDone)
	}()
	var desk *presence.Desktop // watched below, before the runner runs
	a.reminders = reminders.New(reminders.Params{
		Diary:    a.svc,
		Notifier: p.Notifier,
		Say:      a.sayReminder,
		SayTest:  a.sayTest,
		Now:      p.Now,
		Fallback: func(r schedule.Reminder) { a.show("reminder:" + string(r.Kind)) },
		Logf:     func(f string, args ...any) { fmt.Fprintf(p.Stderr, f+"\n", args...) },
		OnState:  a.reminderState,
		Presence: func() presence.State { return desk.State() },
	})
	// The screen lock is heard through signals: unlocking brings a held
	// reminder at once.
	desk = presence.Watch(ctx, a.reminders.Nudge)
	if notice != "" {
		if err := a.svc.SetNotice(notice); err != nil {
			fmt.Fprintf(p.Stderr, "notice: %v\n", err)
		}
		a.notify(a.tr().T("CrampCare restored your diary"), notice)
	}
	if warning != "" {
		a.notify(a.tr().T("CrampCare can only read your diary"), warning)
	}
	// Resume signals are watched before the API answers, so that anything
	// that can talk to the agent can count on a wake-up being heard.
	// Without logind (no system bus) the runner still notices a wake-up
	// within wallclock.MaxWait.
	_ = reminders.WatchResume(ctx, a.reminders.Nudge)
	// Actions pressed on a notification: heard on the notifier's own
	// connection (Linux), or handed over through the API by the program
	// that a toast's crampcare: URI started (Windows).
	if act, ok := p.Notifier.(notify.Actor); ok {
		act.OnAction(func(key string) { _ = a.act(key) })
	}
	srv := api.NewServer(api.Params{Diary: a.svc, Host: a.host, Reminders: remindersAPI{a.reminders, a}, Owner: os.Getuid(), Quit: cancel,
		Logf: func(f string, args ...any) { fmt.Fprintf(p.Stderr, f+"\n", args...) }})
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	remindersDone := make(chan struct{})
	go func() {
		a.reminders.Run(ctx)
		close(remindersDone)
	}()

	tray.Run(ctx, p.TrayIcon, a.tr(), tray.Actions{
		LogCramp:  a.onLogCramp,
		Drink:     a.onDrink,
		Stretch:   func() { a.show("stretch:go") },
		Stretched: a.onStretched,
		Later:     a.onLater,
		Pause:     a.onPause,
		Resume:    func() { a.setPause(time.Time{}) },
		Open:      func() { a.show("main") },
		Quit:      cancel,
	}, func(t *tray.Tray) {
		noTray := !tray.HostPresent()
		a.mu.Lock()
		a.noTray = noTray
		a.mu.Unlock()
		a.setTray(t)
		go a.keepStatus(ctx, t)
		if noTray {
			fmt.Fprintln(p.Stderr, a.tr().T("No system tray found (on GNOME, install the AppIndicator extension); showing the window instead."))
		}
		switch {
		case welcome:
			// The welcome opens the main window when it is done, if
			// there is no tray.
			if err := a.host.ShowWindow("welcome"); err != nil {
				a.fail(a.tr().T("Could not open the welcome"), err)
				// No welcome to wait for: reminders must not wait forever.
				a.setSetting(settings.WelcomeDone, "true")
			}
		case noTray:
			a.show("main")
		}
	})

	// tray.Run returns once ctx is done, or on Windows when the tray's
	// window is closed (taskkill, the session ending): then the agent
	// stops too, rather than run on without a tray. Wind down before the
	// store closes, so no reminder is half-recorded.
	cancel()
	<-remindersDone
	<-backupsDone
	a.host.Stop(5 * time.Second)
	ln.Close()
	srv.CloseConns()
	return <-served
}

// readOnlyWarning tells a person that the diary can be read but not added
// to, and what to do.
func readOnlyWarning(tr *l10n.Lang, dataDir string) string {
	return tr.T("CrampCare's data folder ({{.Folder}}) cannot be written to, so nothing new can be saved: the disk may be read-only or disconnected. Your diary is safe; you can look at it and export it. Check the disk, then start CrampCare again.", l10n.Args{"Folder": dataDir})
}

// explain says that what failed and why, as diary.Explain does, in tr's
// language: the plain words of a full disk or a read-only folder, else
// the error's own text.
func explain(tr *l10n.Lang, what string, err error) string {
	if errors.Is(err, diary.ErrDiskFull) || errors.Is(err, diary.ErrReadOnly) {
		return tr.T("{{.What}}. {{.Why}}", l10n.Args{"What": what, "Why": tr.T(diary.Message(err))})
	}
	return tr.T("{{.What}}: {{.Why}}", l10n.Args{"What": what, "Why": err.Error()})
}

// dailyBackups writes the day's copy of the store at start and then
// shortly after each midnight, until ctx ends. A failure is logged and
// tried again the next day: it must never stop the agent.
func (a *agent) dailyBackups(ctx context.Context, st *store.Store, dir string) {
	for {
		if made, err := backup.Daily(st, dir, a.p.Now()); err != nil {
			fmt.Fprintf(a.p.Stderr, "backup: %v\n", err)
		} else if made != "" {
			fmt.Fprintf(a.p.Stderr, "backup: wrote %s\n", made)
		}
		now := a.p.Now()
		y, m, d := now.Date()
		next := time.Date(y, m, d+1, 0, 5, 0, 0, now.Location())
		if !wallclock.SleepUntil(ctx, a.p.Now, next, nil) {
			return
		}
	}
}

// showRunning asks a running agent, if any, to show its main window.
func showRunning(ctx context.Context, dataDir string) bool {
	c, err := api.DialAgent(dataDir)
	if err != nil {
		return false
	}
	defer c.Close()
	return c.ShowWindow(ctx, "main") == nil
}

type agent struct {
	p         Params
	svc       *service.Service
	host      *windowHost
	reminders *reminders.Runner
	statusCh  chan struct{} // a status refresh is wanted

	mu     sync.Mutex
	tray   *tray.Tray      // nil until the tray is up
	rstate reminders.State // the latest, for a tray that comes up later
	noTray bool            // the desktop shows no tray icons
	lang   *l10n.Lang      // the person's language, made anew when its settings change
}

// tr is the person's language and local formats.
func (a *agent) tr() *l10n.Lang {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.lang == nil {
		a.lang = l10n.New(l10n.Prefs{}, l10n.System(a.getenv))
	}
	return a.lang
}

func (a *agent) getenv(k string) string {
	if a.p.Getenv == nil {
		return os.Getenv(k)
	}
	return a.p.Getenv(k)
}

// speak makes the language anew from the settings ui.language, ui.clock
// and ui.week-start and the session's locale; the tray's words change with
// it at once (a notification reads it as it is sent).
func (a *agent) speak() {
	vals, err := a.svc.Values()
	if err != nil {
		fmt.Fprintf(a.p.Stderr, "language: %v\n", err)
		return
	}
	var p l10n.Prefs
	p.Language, p.Clock, p.WeekStart = vals.Speech()
	lang := l10n.New(p, l10n.System(a.getenv))
	a.mu.Lock()
	changed := a.lang == nil || a.lang.Code() != lang.Code() || a.lang.TwelveHour() != lang.TwelveHour() || a.lang.WeekStart() != lang.WeekStart()
	a.lang = lang
	t := a.tray
	st := a.rstate
	a.mu.Unlock()
	if changed && t != nil {
		t.SetLang(lang)
		t.SetReminders(st.PausedUntil, st.StretchPending)
	}
}

// welcomeDue reports whether the first-run welcome is to be shown: only on
// a fresh diary. A diary that is not fresh (set up on the command line
// first, or kept from a version before the welcome) is marked done here,
// since reminders wait for welcome.done.
func (a *agent) welcomeDue() bool {
	vals, err := a.svc.Values()
	if err != nil || vals.WelcomeDone() {
		return false
	}
	fresh, err := a.svc.Fresh()
	if err != nil {
		fmt.Fprintf(a.p.Stderr, "welcome: %v\n", err)
	}
	if err == nil && fresh {
		return true
	}
	a.setSetting(settings.WelcomeDone, "true")
	return false
}

func (a *agent) setSetting(key, value string) {
	if _, err := a.svc.SetSetting(context.Background(), key, value); err != nil {
		fmt.Fprintf(a.p.Stderr, "setting %s: %v\n", key, err)
	}
}

// live adds to a status what only the agent knows.
func (a *agent) live(st *diary.Status) {
	a.mu.Lock()
	defer a.mu.Unlock()
	st.NoTray = a.noTray
	st.StretchPending = a.rstate.StretchPending
	st.Held = string(a.rstate.Held)
	if a.rstate.HasNext {
		st.Next = &diary.NextReminder{Kind: string(a.rstate.Next.Kind), At: a.rstate.Next.At}
	}
}

// applyAutostart makes the login entry match the setting (on by default),
// pointing at this program: so after an update or a move it follows.
func (a *agent) applyAutostart() {
	vals, err := a.svc.Values()
	if err != nil {
		fmt.Fprintf(a.p.Stderr, "autostart: %v\n", err)
		return
	}
	if err := autostart.Set(autostart.Params{Exe: a.p.Exe}, vals.Autostart()); err != nil {
		fmt.Fprintf(a.p.Stderr, "autostart: %v\n", err)
	}
}

func (a *agent) changed(c diary.Change) {
	if c == diary.ChangeSettings {
		a.applyAutostart()
		a.speak()
	}
	a.host.Broadcast(api.Event{Type: api.EventChanged, Change: string(c)})
	// A glass, a stretch or a setting can move the next reminder. (At
	// start-up a write can come before the runner exists.)
	if a.reminders != nil {
		a.reminders.Nudge()
	}
	select {
	case a.statusCh <- struct{}{}:
	default:
	}
}

// keepStatus rewrites the tray's status line after each change, and when
// the clock alone changes it (Status.Changes: a cramp turning 24 hours old,
// midnight), never on a tick; the wait is wall-clock safe, so a night of
// sleep does not leave "1 cramp in 24 h" standing for two days.
func (a *agent) keepStatus(ctx context.Context, t *tray.Tray) {
	for {
		next := a.p.Now().Add(time.Hour) // if the status cannot be read
		if st, err := a.svc.Status(ctx); err == nil {
			tr := a.tr()
			t.SetStatus(nextLine(tr, st), statusLine(tr, st))
			next = st.Changes
		}
		wallclock.SleepUntil(ctx, a.p.Now, next, a.statusCh)
		if ctx.Err() != nil {
			return
		}
	}
}

func statusLine(tr *l10n.Lang, st diary.Status) string {
	cr := tr.T("no cramps in 24 h")
	if st.Cramps24h > 0 {
		cr = tr.N("{{.Count}} cramps in 24 h", st.Cramps24h)
	}
	return tr.N("Today: {{.Glasses}} of {{.Count}} glasses · {{.Cramps}}", st.Goal, l10n.Args{"Glasses": st.Glasses, "Cramps": cr})
}

// nextLine is the tray's first line: the next reminder in a few words
// (diary's Status.NextLineIn: "Next: water at 14:15"), or the pause as
// the tray's pause items say it.
func nextLine(tr *l10n.Lang, st diary.Status) string {
	if st.Held == "" && !st.Welcome && st.Next == nil && !st.PausedUntil.IsZero() {
		// The tray says a pause as its own pause items do.
		return tray.PausedUntil(tr, st.PausedUntil)
	}
	return st.NextLineIn(tr)
}

func (a *agent) setTray(t *tray.Tray) {
	a.mu.Lock()
	a.tray = t
	st := a.rstate
	a.mu.Unlock()
	t.SetReminders(st.PausedUntil, st.StretchPending)
}

// reminderState hears the runner after every step. When what is shown of
// it changed (the next reminder, a stretch waiting), the tray's lines and
// the windows' Today page are brought up to date.
func (a *agent) reminderState(st reminders.State) {
	a.mu.Lock()
	old := a.rstate
	a.rstate = st
	t := a.tray
	a.mu.Unlock()
	if t != nil {
		t.SetReminders(st.PausedUntil, st.StretchPending)
	}
	if old.HasNext == st.HasNext && old.Next.Kind == st.Next.Kind && old.Next.At.Equal(st.Next.At) &&
		old.StretchPending == st.StretchPending && old.Held == st.Held {
		return
	}
	a.host.Broadcast(api.Event{Type: api.EventChanged, Change: string(diary.ChangeReminders)})
	select {
	case a.statusCh <- struct{}{}:
	default:
	}
}

// remindersAPI is the runner as the API steers it, with the agent doing
// what a notification's action asks.
type remindersAPI struct {
	*reminders.Runner
	a *agent
}

// Act implements api.Reminders.
func (r remindersAPI) Act(key string) error { return r.a.act(key) }

// act does what an action pressed on a reminder's notification says, as
// the tray's entry of the same name would; what goes wrong is said in a
// notification as from the tray.
func (a *agent) act(key string) error {
	if !schedule.IsAction(key) {
		return input.Errorf("action", "%q is not an action of a reminder", key)
	}
	fmt.Fprintf(a.p.Stderr, "reminders: action %q from a notification\n", key)
	switch key {
	case schedule.ActDrink:
		a.onDrink()
	case schedule.ActDrinkLater:
		if err := a.reminders.DrinkLater(); err != nil {
			a.fail(a.tr().T("Could not put the reminder off"), err)
		}
	case schedule.ActStretch:
		a.show("stretch:go")
	case schedule.ActStretched:
		a.onStretched()
	case schedule.ActStretchLater:
		a.onLater()
	}
	return nil
}

func (a *agent) onStretched() {
	if _, err := a.svc.StretchDone(context.Background(), stretch.Session{Source: stretch.SourceTray}); err != nil {
		a.fail(a.tr().T("The stretch was not recorded"), err)
		return
	}
	tr := a.tr()
	a.notify(tr.T("Evening stretch done"), tr.T("Well done. No more stretch reminders tonight."))
}

func (a *agent) onLater() {
	if err := a.reminders.Later(); err != nil {
		a.fail(a.tr().T("Could not put the reminder off"), err)
	}
}

// onPause pauses reminders for an hour, or until the next waking day
// starts ("tomorrow morning": after midnight, this morning).
func (a *agent) onPause(tomorrow bool) {
	now := a.p.Now()
	until := now.Add(time.Hour)
	if tomorrow {
		vals, err := a.svc.Values()
		if err != nil {
			a.fail(a.tr().T("Could not pause reminders"), err)
			return
		}
		until = vals.NextDayStart(now)
	}
	a.setPause(until)
}

func (a *agent) setPause(until time.Time) {
	v := ""
	if !until.IsZero() {
		v = until.Format(time.RFC3339)
	}
	if _, err := a.svc.SetSetting(context.Background(), settings.PausedUntil, v); err != nil {
		a.fail(a.tr().T("Could not change the pause"), err)
	}
}

func (a *agent) show(name string) {
	if err := a.host.ShowWindow(name); err != nil {
		a.fail(a.tr().T("Could not open the window"), err)
	}
}

// onLogCramp records the cramp first (committed and fsynced by bbolt), and
// only then opens the relief steps: a cramp logged is never lost to a
// window that fails to open. If it cannot be recorded (a full disk, say)
// the steps still open, since the cramp hurts all the same, and a
// notification says it was not logged.
func (a *agent) onLogCramp() {
	e, err := a.svc.LogCramp(context.Background(), cramp.Entry{})
	if err != nil {
		a.fail(a.tr().T("The cramp was not logged"), err)
		a.show("relief")
		return
	}
	a.show(fmt.Sprintf("relief:%d", e.ID))
}

func (a *agent) onDrink() {
	if _, err := a.svc.LogGlass(context.Background(), time.Time{}); err != nil {
		a.fail(a.tr().T("The glass was not logged"), err)
		return
	}
	st, err := a.svc.Status(context.Background())
	if err != nil {
		return
	}
	tr := a.tr()
	a.notify(tr.T("Glass of water logged"), tr.N("{{.Glasses}} of {{.Count}} glasses today.", st.Goal, l10n.Args{"Glasses": st.Glasses}))
}

// fail tells the user what did not happen and why, in plain words (the
// log keeps the system's wording).
func (a *agent) fail(what string, err error) {
	fmt.Fprintf(a.p.Stderr, "%s: %v\n", what, err)
	a.notify(what, a.tr().T(diary.Message(err)))
}

func (a *agent) notify(title, body string) {
	if a.p.Notifier == nil {
		return
	}
	if err := a.p.Notifier.Notify(title, body); err != nil {
		fmt.Fprintf(a.p.Stderr, "notification not shown: %v\n", err)
	}
}
