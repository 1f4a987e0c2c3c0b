// Package tray puts CrampCare in the system tray with fyne.io/systray, the
// library Fyne itself uses, but without Fyne's GL driver: the tray is what
// runs all day, so it must idle at no CPU and a few MB.
package tray

import (
	"context"
	"sync"
	"time"

	"fyne.io/systray"

	"github.com/crampcare/crampcare/internal/l10n"
)

// Menu labels, as IDs of the catalogue: the menu shows them in the
// person's language; the smoke test clicks them by these words in English.
const (
	LabelLogCramp  = "Log a cramp now"
	LabelDrink     = "I drank a glass of water"
	LabelStretch   = "Start evening stretch"
	LabelStretched = "I stretched"
	LabelLater     = "Remind me in 10 minutes"
	LabelPause     = "Pause reminders"
	LabelPause1h   = "For 1 hour"
	LabelPauseTmrw = "Until tomorrow morning"
	LabelResume    = "Resume reminders"
	LabelOpen      = "Open CrampCare"
	LabelQuit      = "Quit"
)

// Actions are what the menu entries do. Each runs on its own goroutine, so
// a slow one (a store write waiting on fsync) never blocks the menu.
type Actions struct {
	LogCramp  func()
	Drink     func()
	Stretch   func()
	Stretched func()
	Later     func()
	Pause     func(tomorrow bool) // an hour, or until tomorrow morning
	Resume    func()
	Open      func()
	Quit      func()
}

// Tray is the running tray item.
type Tray struct {
	mu      sync.Mutex
	tooltip string // the latest, for settle
	tr      *l10n.Lang
	paused  time.Time  // the pause shown, to say it again in another language
	items   []labelled // what SetLang words anew
	next    *systray.MenuItem
	status  *systray.MenuItem
	later   *systray.MenuItem
	pause   *systray.MenuItem
	resume  *systray.MenuItem
}

// SetReminders shows whether reminders are paused (and until when) and
// offers "Remind me in 10 minutes" only while tonight's stretch is waiting.
func (t *Tray) SetReminders(pausedUntil time.Time, stretchPending bool) {
	if stretchPending {
		t.later.Show()
	} else {
		t.later.Hide()
	}
	t.mu.Lock()
	t.paused = pausedUntil
	tr := t.tr
	t.mu.Unlock()
	if pausedUntil.IsZero() {
		t.pause.SetTitle(tr.T(LabelPause))
		t.resume.Disable()
		return
	}
	t.pause.SetTitle(PausedUntil(tr, pausedUntil))
	t.resume.Enable()
}

// PausedUntil is the pause entry's words while reminders are paused.
func PausedUntil(tr *l10n.Lang, until time.Time) string {
	return tr.T("Reminders paused until {{.When}}", l10n.Args{"When": tr.Date(until.Local(), "Mon 15:04")})
}

// labelled is a menu entry with its label and tooltip as catalogue IDs.
type labelled struct {
	item       *systray.MenuItem
	label, tip string
}

// SetLang words the menu anew in tr's language: the settings ui.language,
// ui.clock or ui.week-start changed. The status lines come again from
// whoever calls SetStatus.
func (t *Tray) SetLang(tr *l10n.Lang) {
	t.mu.Lock()
	t.tr = tr
	items := t.items
	paused := t.paused
	t.mu.Unlock()
	for _, e := range items {
		if e.label != "" { // the status lines and the pause entry are set apart
			e.item.SetTitle(tr.T(e.label))
		}
		if e.tip != "" {
			e.item.SetTooltip(tr.T(e.tip))
		}
	}
	if paused.IsZero() {
		t.pause.SetTitle(tr.T(LabelPause))
	} else {
		t.pause.SetTitle(PausedUntil(tr, paused))
	}
}

// SetStatus shows the next reminder as the first line of the menu
// ("Next: water at 14:15") and today's figures further down, both lines
// that cannot be clicked, so a tray action has visible feedback without
// opening a window; the tooltip says both.
func (t *Tray) SetStatus(next, today string) {
	t.next.SetTitle(next)
	t.status.SetTitle(today)
	tip := "CrampCare · " + next + " · " + today
	t.mu.Lock()
	t.tooltip = tip
	t.mu.Unlock()
	systray.SetTooltip(tip)
}

// settleTime is how long after start settle sets the tooltip again.
const settleTime = 5 * time.Second

// settle sets the tooltip again a few times in the first seconds. systray
// builds the item's properties from the tooltip of the moment and only
// then keeps them: a tooltip set in between (our first status, which comes
// as the item registers) is lost, and the tooltip would say "CrampCare"
// until the status next changes, perhaps hours later. The menu lines are
// read on demand and have no such gap. Start-up only; nothing after.
func (t *Tray) settle(ctx context.Context) {
	tick := time.NewTicker(settleTime / 10)
	defer tick.Stop()
	end := time.After(settleTime)
	for {
		select {
		case <-ctx.Done():
			return
		case <-end:
			return
		case <-tick.C:
			t.mu.Lock()
			tip := t.tooltip
			t.mu.Unlock()
			if tip != "" {
				systray.SetTooltip(tip)
			}
		}
	}
}

// Run shows the tray item and blocks until ctx ends. ready is called once the
// menu exists. systray allows one Run per process, which is all the agent
// needs.
func Run(ctx context.Context, icon []byte, tr *l10n.Lang, a Actions, ready func(*Tray)) {
	onReady := func() {
		systray.SetIcon(icon)
		systray.SetTitle("CrampCare")
		systray.SetTooltip("CrampCare")
		var items []labelled
		add := func(item *systray.MenuItem, label, tip string) *systray.MenuItem {
			items = append(items, labelled{item, label, tip})
			return item
		}
		// Made first, so it is the first line of the menu.
		next := systray.AddMenuItem("", tr.T("The next reminder"))
		items = append(items, labelled{next, "", "The next reminder"})
		next.Disable()
		systray.AddSeparator()
		entries := []struct {
			label, tip string
			do         func()
		}{
			{l10n.Mark(LabelLogCramp), l10n.Mark("Record a cramp now and show the relief steps"), a.LogCramp},
			{l10n.Mark(LabelDrink), l10n.Mark("Count a glass of water for today"), a.Drink},
			{"", "", nil},
			{l10n.Mark(LabelStretch), l10n.Mark("Open the guided evening stretch"), a.Stretch},
			{l10n.Mark(LabelStretched), l10n.Mark("Count tonight's evening stretch as done"), a.Stretched},
			{l10n.Mark(LabelOpen), l10n.Mark("Open the main window"), a.Open},
			{"", "", nil},
		}
		for _, e := range entries {
			if e.label == "" {
				systray.AddSeparator()
				continue
			}
			item := add(systray.AddMenuItem(tr.T(e.label), tr.T(e.tip)), e.label, e.tip)
			go forward(ctx, item.ClickedCh, e.do)
		}
		t := &Tray{tr: tr, next: next, status: systray.AddMenuItem("", tr.T("Today so far"))}
		items = append(items, labelled{t.status, "", "Today so far"})
		go t.settle(ctx)
		t.status.Disable()
		t.later = add(systray.AddMenuItem(tr.T(LabelLater), tr.T("Put off tonight's stretch reminder")), LabelLater, "Put off tonight's stretch reminder")
		t.later.Hide()
		go forward(ctx, t.later.ClickedCh, a.Later)
		// The pause entry's title is SetReminders' and SetLang's.
		t.pause = systray.AddMenuItem(tr.T(LabelPause), tr.T("Stop drink and stretch reminders for a while"))
		items = append(items, labelled{t.pause, "", "Stop drink and stretch reminders for a while"})
		hour := add(t.pause.AddSubMenuItem(tr.T(LabelPause1h), ""), LabelPause1h, "")
		go forward(ctx, hour.ClickedCh, func() { a.Pause(false) })
		tmrw := add(t.pause.AddSubMenuItem(tr.T(LabelPauseTmrw), ""), LabelPauseTmrw, "")
		go forward(ctx, tmrw.ClickedCh, func() { a.Pause(true) })
		t.resume = add(t.pause.AddSubMenuItem(tr.T(LabelResume), ""), LabelResume, "")
		t.resume.Disable()
		go forward(ctx, t.resume.ClickedCh, a.Resume)
		systray.AddSeparator()
		quit := add(systray.AddMenuItem(tr.T(LabelQuit), tr.T("Stop CrampCare and its reminders")), LabelQuit, "Stop CrampCare and its reminders")
		t.items = items
		go forward(ctx, quit.ClickedCh, a.Quit)
		ready(t)
	}
	go func() {
		<-ctx.Done()
		systray.Quit()
	}()
	systray.Run(onReady, nil)
}

func forward(ctx context.Context, clicks <-chan struct{}, do func()) {
	for {
		select {
		case <-clicks:
			go do()
		case <-ctx.Done():
			return
		}
	}
}
