// Package tray puts CrampCare in the system tray with fyne.io/systray, the
// library Fyne itself uses, but without Fyne's GL driver: the tray is what
// runs all day, so it must idle at no CPU and a few MB.
package tray

import (
	"context"
	"sync"
	"time"

	"fyne.io/systray"
)

// Menu labels; the smoke test clicks them by these words.
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
	if pausedUntil.IsZero() {
		t.pause.SetTitle(LabelPause)
		t.resume.Disable()
		return
	}
	t.pause.SetTitle("Reminders paused until " + pausedUntil.Local().Format("Mon 15:04"))
	t.resume.Enable()
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
func Run(ctx context.Context, icon []byte, a Actions, ready func(*Tray)) {
	onReady := func() {
		systray.SetIcon(icon)
		systray.SetTitle("CrampCare")
		systray.SetTooltip("CrampCare")
		// Made first, so it is the first line of the menu.
		next := systray.AddMenuItem("", "The next reminder")
		next.Disable()
		systray.AddSeparator()
		entries := []struct {
			label, tip string
			do         func()
		}{
			{LabelLogCramp, "Record a cramp now and show the relief steps", a.LogCramp},
			{LabelDrink, "Count a glass of water for today", a.Drink},
			{"", "", nil},
			{LabelStretch, "Open the guided evening stretch", a.Stretch},
			{LabelStretched, "Count tonight's evening stretch as done", a.Stretched},
			{LabelOpen, "Open the main window", a.Open},
			{"", "", nil},
		}
		for _, e := range entries {
			if e.label == "" {
				systray.AddSeparator()
				continue
			}
			item := systray.AddMenuItem(e.label, e.tip)
			go forward(ctx, item.ClickedCh, e.do)
		}
		t := &Tray{next: next, status: systray.AddMenuItem("", "Today so far")}
		go t.settle(ctx)
		t.status.Disable()
		t.later = systray.AddMenuItem(LabelLater, "Put off tonight's stretch reminder")
		t.later.Hide()
		go forward(ctx, t.later.ClickedCh, a.Later)
		t.pause = systray.AddMenuItem(LabelPause, "Stop drink and stretch reminders for a while")
		hour := t.pause.AddSubMenuItem(LabelPause1h, "")
		go forward(ctx, hour.ClickedCh, func() { a.Pause(false) })
		tmrw := t.pause.AddSubMenuItem(LabelPauseTmrw, "")
		go forward(ctx, tmrw.ClickedCh, func() { a.Pause(true) })
		t.resume = t.pause.AddSubMenuItem(LabelResume, "")
		t.resume.Disable()
		go forward(ctx, t.resume.ClickedCh, a.Resume)
		systray.AddSeparator()
		quit := systray.AddMenuItem(LabelQuit, "Stop CrampCare and its reminders")
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
