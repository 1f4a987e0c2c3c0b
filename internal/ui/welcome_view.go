package ui

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/crampcare/crampcare/internal/input"
	"github.com/crampcare/crampcare/internal/l10n"
	"github.com/crampcare/crampcare/internal/settings"
)

// TitleWelcome is the first-run welcome's title; the smoke test looks for it.
const TitleWelcome = "Welcome to CrampCare"

// welcomeView is the first-run welcome: three short steps, nothing to
// type, each one skippable. A step's choices are saved when the person
// goes on from it ("Next"), not when they skip it; closing the window at
// any point ends the welcome, and only then do reminders start.
type welcomeView struct {
	// tr is the language the window speaks, as it was when it opened.
	tr        *l10n.Lang
	day       settings.Day
	autostart bool
	noTray    bool
	goos      string // runtime.GOOS, for the words about notifications and the tray

	step  int
	pages []fyne.CanvasObject
	page  *fyne.Container
	next  *tallButton
	skip  *tallButton
	count *widget.Label

	getUp, bed, goal *stepper
	plan             *widget.Label
	testLine         *widget.Label
	seen             *fyne.Container // "Did you see it?" and its answers
	help             *widget.Label
	auto             *tallButton
	errLine          *widget.Label

	// onSave stores settings and says what failed, if anything.
	onSave func(map[string]string) error
	onTest func() error
	// onDone ends the welcome: welcome.done is set and the window closes.
	onDone func()
}

// welcomeSteps is how many steps the welcome has.
const welcomeSteps = 3

// clockStep is how far a − or + moves a get-up or bed time.
const clockStep = 15

func (v *welcomeView) build() fyne.CanvasObject {
	tr := v.tr
	v.errLine = body("")
	v.errLine.Importance = widget.DangerImportance
	v.errLine.Hide()
	v.count = body("")
	v.pages = []fyne.CanvasObject{v.dayPage(), v.notifyPage(), v.trayPage()}
	v.page = container.NewStack()
	v.skip = newTallButton(tr.T("Skip this step"), theme.MediaSkipNextIcon(), mainTarget, v.onSkip)
	v.next = mainButton(tr.T("Next"), theme.NavigateNextIcon(), v.onNext)
	v.show(0)
	buttons := container.NewPadded(container.NewVBox(v.errLine, container.NewGridWithColumns(2, v.skip, v.next)))
	return container.NewBorder(container.NewPadded(container.NewVBox(heading(tr.T(TitleWelcome)), v.count)), buttons, nil, nil,
		container.NewVScroll(container.NewPadded(v.page)))
}

// relayout lays the step out again after a line was shown, hidden or
// changed, so that it takes its new height at once.
func (v *welcomeView) relayout() {
	if c, ok := v.pages[v.step].(*fyne.Container); ok {
		c.Refresh()
	}
	v.page.Refresh()
}

// show puts step i in front.
func (v *welcomeView) show(i int) {
	v.step = i
	v.page.Objects = []fyne.CanvasObject{v.pages[i]}
	v.page.Refresh()
	v.count.SetText(v.tr.N("Step {{.Step}} of {{.Count}}. Nothing here is final: everything can be changed later in Settings.", welcomeSteps, l10n.Args{"Step": i + 1}))
	if i == welcomeSteps-1 {
		v.next.SetText(v.tr.T("Finish"))
		v.next.SetIcon(theme.ConfirmIcon())
		v.skip.SetText(v.tr.T("Skip and finish"))
	}
}

func (v *welcomeView) dayPage() fyne.CanvasObject {
	tr := v.tr
	v.plan = body("")
	v.getUp = newStepper(0, 24*60-clockStep, clockStep, int(v.day.GetUp), func(m int) string {
		return tr.T("I get up at {{.Time}}", l10n.Args{"Time": tr.Clock(m/60, m%60)})
	})
	v.bed = newStepper(0, 24*60-clockStep, clockStep, int(v.day.Bed), func(m int) string {
		return tr.T("I go to bed at {{.Time}}", l10n.Args{"Time": tr.Clock(m/60, m%60)})
	})
	v.goal = newStepper(1, 20, 1, v.day.Goal, func(n int) string { return tr.N("{{.Count}} glasses of water a day", n) })
	// Every press says at once what the times will do.
	for _, s := range []*stepper{v.getUp, v.bed, v.goal} {
		down, up := s.minus.OnTapped, s.plus.OnTapped
		s.minus.OnTapped = func() { down(); v.showPlan() }
		s.plus.OnTapped = func() { up(); v.showPlan() }
	}
	v.showPlan()
	return container.NewVBox(
		subheading(tr.T("Your day")),
		body(tr.T("CrampCare reminds you to drink during the day and to stretch before bed. When does your day usually start and end?")),
		v.getUp.object(), v.bed.object(),
		subheading(tr.T("How much to drink")),
		v.goal.object(),
		v.plan,
	)
}

// chosenDay is the day as the steppers show it.
func (v *welcomeView) chosenDay() settings.Day {
	return settings.Day{GetUp: input.Clock(v.getUp.value()), Bed: input.Clock(v.bed.value()), Goal: v.goal.value()}
}

func (v *welcomeView) showPlan() {
	s := v.chosenDay().Settings()
	clock := func(key string) string {
		c, _ := input.ParseClock(key, s[key])
		return v.tr.Clock(int(c)/60, int(c)%60)
	}
	v.plan.SetText(v.tr.T("So: drink reminders from {{.DrinkFrom}} until {{.DrinkUntil}}, the evening stretch at {{.Stretch}}, and dark, dim windows from {{.NightFrom}} until {{.NightUntil}}.",
		l10n.Args{"DrinkFrom": clock(settings.HydrationStart), "DrinkUntil": clock(settings.HydrationEnd), "Stretch": clock(settings.StretchTime),
			"NightFrom": clock(settings.NightStart), "NightUntil": clock(settings.NightEnd)}))
}

func (v *welcomeView) notifyPage() fyne.CanvasObject {
	tr := v.tr
	v.testLine = body("")
	v.help = body("")
	v.help.Hide()
	v.seen = container.NewVBox(
		subheading(tr.T("Did you see it?")),
		container.NewGridWithColumns(2,
			newTallButton(tr.T("Yes"), theme.ConfirmIcon(), minTarget, v.onSeen),
			newTallButton(tr.T("No"), theme.CancelIcon(), minTarget, v.onNotSeen)),
	)
	v.seen.Hide()
	return container.NewVBox(
		subheading(tr.T("Reminders")),
		body(tr.T("Reminders come as notifications, like those of other programs. Send one now to see that they reach you.")),
		newTallButton(tr.T("Send a test notification"), theme.MailSendIcon(), minTarget, v.onTestTapped),
		v.testLine, v.seen, v.help,
	)
}

func (v *welcomeView) onTestTapped() {
	if err := v.onTest(); err != nil {
		v.testLine.SetText(v.tr.T("CrampCare could not show a notification on this desktop."))
		v.onNotSeen()
		return
	}
	v.testLine.SetText(v.tr.T("A test notification was sent: \"CrampCare test\"."))
	v.help.Hide()
	v.seen.Show()
	v.relayout()
}

func (v *welcomeView) onSeen() {
	v.seen.Hide()
	v.help.SetText(v.tr.T("Good: reminders will come like that one."))
	v.help.Show()
	v.relayout()
}

// onNotSeen says how to allow notifications here, and switches reminders
// to CrampCare's own window at once, so none is missed meanwhile.
func (v *welcomeView) onNotSeen() {
	v.seen.Hide()
	msg := allowNotifications(v.tr, v.goos) + "\n\n" + v.tr.T("Until then, reminders open a small CrampCare window instead, so none is missed. (Settings can switch back to notifications.)")
	if err := v.onSave(map[string]string{settings.RemindersWindow: "true"}); err != nil {
		msg = allowNotifications(v.tr, v.goos) + "\n\n" + err.Error()
	}
	v.help.SetText(msg)
	v.help.Show()
	v.relayout()
}

// allowNotifications says how to let notifications through on goos.
func allowNotifications(tr *l10n.Lang, goos string) string {
	switch goos {
	case "windows":
		return tr.T("To allow notifications: open Settings › System › Notifications, switch notifications on, allow them for CrampCare, and turn off Do not disturb (Focus).")
	case "darwin":
		return tr.T("To allow notifications: open System Settings › Notifications, find CrampCare in the list and allow its notifications, and turn off Focus (Do Not Disturb).")
	}
	return tr.T("To allow notifications: open your desktop's Settings, then Notifications (on GNOME: Settings › Notifications; on KDE: System Settings › Notifications), switch them on, allow CrampCare, and turn off Do Not Disturb.")
}

func (v *welcomeView) trayPage() fyne.CanvasObject {
	tr := v.tr
	v.auto = newTallButton("", nil, minTarget, func() { v.autostart = !v.autostart; v.paintAuto() })
	v.paintAuto()
	return container.NewVBox(
		subheading(tr.T("Where CrampCare lives")),
		body(trayWords(tr, v.goos, v.noTray)),
		subheading(tr.T("Starting CrampCare")),
		body(tr.T("CrampCare can only remind you while it runs.")),
		v.auto,
	)
}

func (v *welcomeView) paintAuto() {
	if v.autostart {
		v.auto.SetText(v.tr.T("Start CrampCare when I log in: on"))
		v.auto.SetIcon(theme.CheckButtonCheckedIcon())
		v.auto.Importance = widget.HighImportance
	} else {
		v.auto.SetText(v.tr.T("Start CrampCare when I log in: off"))
		v.auto.SetIcon(theme.CheckButtonIcon())
		v.auto.Importance = widget.MediumImportance
	}
	v.auto.Refresh()
}

// trayWords says where the tray icon is and what it offers, or, on a
// desktop without a tray, how to get one and what happens meanwhile.
func trayWords(tr *l10n.Lang, goos string, noTray bool) string {
	offers := tr.T("Click it for: Log a cramp now, I drank a glass of water, the evening stretch, pause reminders, open the CrampCare window, and quit. Its first line says when the next reminder comes.")
	switch {
	case noTray:
		return tr.T("This desktop shows no tray icons. On GNOME, install the extension \"AppIndicator and KStatusNotifierItem Support\" (from your software centre, or extensions.gnome.org), then log out and in again, and CrampCare's icon appears at the top right.\n\nUntil then, the CrampCare window opens when CrampCare starts, and it offers everything the tray would: pause reminders, remind me later, I stretched, and quit.")
	case goos == "windows":
		return tr.T("CrampCare lives in the tray, near the clock at the bottom right of the screen (under the small arrow ^ if its icon is hidden).") + " " + offers
	case goos == "darwin":
		return tr.T("CrampCare lives in the menu bar at the top right of the screen.") + " " + offers
	}
	return tr.T("CrampCare lives in the tray: look for its icon at the top right of the screen, or near the clock in your panel.") + " " + offers
}

// onSkip goes on without saving this step's choices.
func (v *welcomeView) onSkip() {
	if v.step == welcomeSteps-1 {
		v.onDone()
		return
	}
	v.errLine.Hide()
	v.show(v.step + 1)
}

// onNext saves this step's choices and goes on; a choice that could not be
// saved is said, and the step stays.
func (v *welcomeView) onNext() {
	var err error
	switch v.step {
	case 0:
		err = v.onSave(v.chosenDay().Settings())
	case welcomeSteps - 1:
		err = v.onSave(map[string]string{settings.Autostart: fmt.Sprint(v.autostart)})
	}
	if err != nil {
		v.errLine.SetText(v.tr.T("Not saved: {{.Error}}", l10n.Args{"Error": err.Error()}))
		v.errLine.Show()
		return
	}
	v.errLine.Hide()
	if v.step == welcomeSteps-1 {
		v.onDone()
		return
	}
	v.show(v.step + 1)
}

// openWelcome opens the first-run welcome, or brings it forward. It is
// also reachable from Settings. Closing it, however, ends it: welcome.done
// is set (reminders wait for it), and without a tray the main window
// opens, as it would have at start.
func (u *ui) openWelcome() *welcomeView {
	if w := u.raise("welcome"); w != nil {
		return w.view.(*welcomeView)
	}
	vals := u.settingValues()
	res := settings.Resolve(vals)
	v := &welcomeView{tr: u.lang, day: settings.DayOf(res), autostart: res.Autostart(), noTray: u.status.NoTray, goos: runtime.GOOS}
	w := u.newWindow("welcome", u.lang.T(TitleWelcome), fyne.NewSize(640, 720), v)
	v.onSave = func(m map[string]string) error {
		errs := saveSettings(context.Background(), u.diary, m)
		if len(errs) == 0 {
			return nil
		}
		keys := make([]string, 0, len(errs))
		for k := range errs {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		msgs := make([]string, len(keys))
		for i, k := range keys {
			msgs[i] = errs[k].Error()
		}
		return errors.New(strings.Join(msgs, "; "))
	}
	v.onTest = func() error { return u.diary.TestNotification(context.Background()) }
	v.onDone = w.Close
	w.SetOnClosed(func() {
		delete(u.windows, "welcome")
		if !settings.Resolve(u.settingValues()).WelcomeDone() {
			_, err := u.diary.SetSetting(context.Background(), settings.WelcomeDone, "true")
			u.report(err)
		}
		if u.status.NoTray && len(u.windows) == 0 {
			u.show("main")
		}
	})
	w.SetContent(v.build())
	u.present(w)
	return v
}
