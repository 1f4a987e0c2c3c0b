package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"

	"github.com/crampcare/crampcare/internal/cramp"
	"github.com/crampcare/crampcare/internal/input"
	"github.com/crampcare/crampcare/internal/redflags"
	"github.com/crampcare/crampcare/internal/settings"
)

// window is an open window and the view its opener put in it. An opener
// asked for a window that is open brings it forward and works on that
// view (help turns to the page asked for, a reminder joins the ones
// shown) rather than building another.
type window struct {
	fyne.Window
	view any
	// want is the size the window asks for at 100 %: fit grows it with
	// the text and keeps it inside the screen's work area.
	want fyne.Size
}

// show opens the named window, or brings it forward if it is open: the
// name is a kind and an argument, "relief:12" the relief steps for cramp
// 12, "main:history" the main window on its History tab. A kind this
// version does not know opens the main window.
func (u *ui) show(name string) {
	kind, arg, _ := strings.Cut(name, ":")
	openers := map[string]func(arg string){
		"main":      func(tab string) { u.openMain(tab) },
		"relief":    func(id string) { u.openRelief(id) },
		"stretch":   func(how string) { u.openStretch(how) },
		"help":      func(page string) { u.openHelp(page) },
		"settings":  func(string) { u.openSettings() },
		"fordoctor": func(string) { u.openForDoctor() },
		"details":   func(id string) { u.openDetails(id) },
		"backdate":  func(string) { u.openBackdate() },
		"reminder":  func(kind string) { u.openReminder(kind) },
		"welcome":   func(string) { u.openWelcome() },
	}
	open, ok := openers[kind]
	if !ok {
		open, arg = openers["main"], ""
	}
	open(arg)
}

// newWindow opens a window of kind, not yet shown. Escape closes it and
// closing forgets it; openers that hold more (a ticker) set their own
// SetOnClosed, which must forget it too.
func (u *ui) newWindow(kind, title string, size fyne.Size, view any) *window {
	w := &window{Window: u.app.NewWindow(title), view: view, want: size}
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

// raise brings the open window of kind forward and returns it, or returns
// nil when none is open.
func (u *ui) raise(kind string) *window {
	w := u.windows[kind]
	if w != nil {
		w.Show()
		w.RequestFocus()
	}
	return w
}

// present sizes a window just built to its content and the screen, shows
// it and gives it the keyboard.
func (u *ui) present(w *window) {
	u.fit(w)
	w.Show()
	w.RequestFocus()
}

// fit sizes w for the text size and the screen: the size it asks for,
// grown with the text, at least what its content needs, and never more
// than the work area (less a title bar), then centred on the screen. The
// views keep their content's minimum within the work area (what must be
// seen stays out of the scrolling part, the rest scrolls), so a window
// never has to be larger than the screen.
func (u *ui) fit(w *window) {
	area := u.workArea(w.Canvas().Scale())
	area.Height -= titleBar
	s := max(float32(1), u.status.Scale)
	size := fyne.NewSize(w.want.Width*s, w.want.Height*s).Max(u.contentMin(w))
	w.Resize(size.Min(area))
	w.CenterOnScreen()
}

// grow widens or heightens w, where it stands, when its content has come
// to need more than it has (a card with long words shown after it was
// sized), never past the work area.
func (u *ui) grow(w *window) {
	have, need := w.Canvas().Size(), u.contentMin(w)
	if need.Width <= have.Width+0.5 && need.Height <= have.Height+0.5 {
		return
	}
	area := u.workArea(w.Canvas().Scale())
	area.Height -= titleBar
	w.Resize(have.Max(need).Min(area))
}

// contentMin is the smallest canvas w's content fits in.
func (u *ui) contentMin(w *window) fyne.Size {
	if w.Content() == nil {
		return fyne.Size{}
	}
	m := w.Content().MinSize()
	if w.Padded() {
		p := 2 * theme.Padding()
		m = m.AddWidthHeight(p, p)
	}
	return m
}

// refit sizes every open window anew, after the text size changed: larger
// text grows them, smaller shrinks them back.
func (u *ui) refit() {
	if w := u.windows["relief"]; w != nil {
		if r := w.view.(*reliefWindow); r.view != nil {
			r.view.textSizeChanged()
		}
	}
	for _, w := range u.windows {
		u.fit(w)
	}
}

// openMain opens the main window, or brings it forward, on the tab named
// (History, Insights; empty for the one in front).
func (u *ui) openMain(tab string) *mainView {
	if u.raise("main") == nil {
		v := &mainView{
			room:       u.room,
			tr:         u.lang,
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
				tr:       u.lang,
				onEdit:   func(e cramp.Entry) { u.show(fmt.Sprintf("details:%d", e.ID)) },
				onDelete: u.onDelete,
				onUndo:   u.onUndo,
				onReport: u.onReport,
			},
			insights: &insightsView{tr: u.lang},
			onInsights: func() {
				u.stale.insights = true // read afresh on every visit
				u.reload()
			},
			onHistory: u.reload,
			onResume: func() {
				_, err := u.diary.SetSetting(context.Background(), settings.PausedUntil, "")
				u.report(err)
			},
			onPause: func() {
				until := u.now().Add(time.Hour).Format(time.RFC3339)
				_, err := u.diary.SetSetting(context.Background(), settings.PausedUntil, until)
				u.report(err)
			},
			onPauseMorning: func() {
				// The next waking day's start, as the tray's "Until
				// tomorrow morning" (after midnight: this morning).
				until := settings.Resolve(u.settingValues()).NextDayStart(u.now()).Format(time.RFC3339)
				_, err := u.diary.SetSetting(context.Background(), settings.PausedUntil, until)
				u.report(err)
			},
			onLater:     func() { u.report(u.diary.Later(context.Background())) },
			onStretched: u.onStretched,
			onQuit:      func() { u.report(u.diary.Quit(context.Background())) },
		}
		w := u.newWindow("main", TitleMain, fyne.NewSize(640, 760), v)
		v.grow = func() { u.grow(w) }
		u.main = v
		w.SetContent(v.build())
		v.refresh(u.status)
		// Read when its tab is first shown.
		u.stale.history = true
		u.addShortcuts(w)
		w.SetOnClosed(func() { u.main, u.year = nil, nil; delete(u.windows, "main") })
		// The close box, Escape and Ctrl+W all go through onMainClose.
		w.SetCloseIntercept(func() { u.onMainClose(w) })
		w.Canvas().SetOnTypedKey(func(k *fyne.KeyEvent) {
			if k.Name == fyne.KeyEscape {
				u.onMainClose(w)
			}
		})
		u.present(w)
	}
	if tab != "" {
		u.selectTab(tab)
	}
	return u.main
}

// addShortcuts binds the main window's keys: Ctrl+L (log a cramp), Ctrl+D
// (drink), Ctrl+E (evening stretch), Ctrl+, (settings), Ctrl+W (close) and
// Ctrl+1..3 (tabs).
func (u *ui) addShortcuts(w *window) {
	bind := func(key fyne.KeyName, do func()) {
		w.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) { do() })
	}
	bind(fyne.KeyL, u.onLogCramp)
	bind(fyne.KeyD, u.onDrink)
	bind(fyne.KeyE, func() { u.show("stretch") })
	bind(fyne.KeyComma, func() { u.show("settings") })
	bind(fyne.KeyW, func() { u.onMainClose(w) })
	// Ctrl+1..3 switch tabs, as in a browser.
	for i, k := range []fyne.KeyName{fyne.Key1, fyne.Key2, fyne.Key3} {
		bind(k, func() {
			if u.main != nil {
				u.main.tabs.SelectIndex(i)
			}
		})
	}
}

// selectTab brings a tab of the main window to the front by name.
func (u *ui) selectTab(name string) {
	if u.main == nil {
		return
	}
	for i, t := range tabNames() {
		if strings.EqualFold(t, name) {
			u.main.tabs.SelectIndex(i)
		}
	}
}

// openBackdate opens "Log a cramp I had", or brings it forward; logging
// goes on to the cramp's details.
func (u *ui) openBackdate() *backdateView {
	if w := u.raise("backdate"); w != nil {
		return w.view.(*backdateView)
	}
	v := &backdateView{tr: u.lang, now: u.now, onHelp: func() { u.show("help") }}
	w := u.newWindow("backdate", u.lang.T(TitleBackdate), fyne.NewSize(560, 560), v)
	v.onLog = func(at time.Time) error {
		e, err := u.diary.LogCramp(context.Background(), cramp.Entry{At: at})
		var ie *input.Error
		if errors.As(err, &ie) {
			return err // the domain's words, shown in the window
		}
		if err != nil {
			u.report(err)
			return nil
		}
		w.Close()
		// Not 3 a.m. now: a good moment for the details, of a cramp
		// logged already, so the form offers to remove it, not "Cancel".
		u.openFreshDetails(e.ID)
		return nil
	}
	w.SetContent(v.build())
	u.present(w)
	return v
}

// onMainClose closes the main window. Without a tray, CrampCare would
// seem gone while it runs on out of sight: the first time, it says once
// where it went and how to open it again. Closing again while it says so
// (Escape twice) closes, as the words have been seen.
func (u *ui) onMainClose(w *window) {
	if !u.status.NoTray || settings.Resolve(u.settingValues()).ToldClosed() {
		w.Close()
		return
	}
	told := func() {
		if _, err := u.diary.SetSetting(context.Background(), settings.ToldClosed, "true"); err != nil {
			fmt.Fprintf(u.stderr, "setting %s: %v\n", settings.ToldClosed, err)
		}
	}
	if u.telling {
		told()
		w.Close()
		return
	}
	u.telling = true
	tr := u.lang
	if u.main != nil {
		tr = u.main.tr
	}
	d := dialog.NewCustomConfirm(tr.T("CrampCare keeps running"), tr.T("Close the window"), tr.T("Quit CrampCare"),
		body(tr.T(closedWords)), func(keep bool) {
			u.telling = false
			told()
			if !keep {
				u.report(u.diary.Quit(context.Background()))
				return
			}
			w.Close()
		}, w)
	d.Resize(fyne.NewSize(560, 0))
	d.Show()
}

// closedWords says where CrampCare goes when its window closes on a
// desktop without a tray, and the three ways back.
const closedWords = "CrampCare keeps running after this window closes, so your reminders still come; this desktop shows no tray icon for it.\n\nTo open the window again:\n• choose CrampCare in your applications menu,\n• or type crampcare in a terminal,\n• or log out and in again (it starts when you log in, if that is on in Settings)."
