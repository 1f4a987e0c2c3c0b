package ui

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/crampcare/crampcare/internal/settings"
	"github.com/crampcare/crampcare/internal/stretch"
)

// clock is a time the test moves by hand.
type clock struct{ t time.Time }

func (c *clock) now() time.Time      { return c.t }
func (c *clock) add(d time.Duration) { c.t = c.t.Add(d) }

func TestGuidedStretchRunsAndRecords(t *testing.T) {
	c := &clock{t: time.Date(2026, 11, 23, 21, 30, 0, 0, time.Local)}
	u, st := newTestUIClock(t, c.now)
	tick := &manualTicker{}
	tick.install(u)
	// Yesterday evening's stretch, so tonight makes a streak of two.
	if _, err := st.AddStretch(stretch.Session{Start: c.t.Add(-24 * time.Hour), Source: stretch.SourceCLI}); err != nil {
		t.Fatal(err)
	}
	v := u.openStretch("")
	if v == nil || u.windows["stretch"].Title() != TitleStretch {
		t.Fatal("stretch window not open")
	}
	// Choices: one round, ankles and toes off; they persist.
	test.Tap(v.rounds[0])
	test.Tap(v.steps["ankles"])
	test.Tap(v.steps["toes"])
	test.Tap(v.start)
	stored, _ := st.Settings()
	if stored[settings.StretchRounds] != "1" || stored[settings.StretchSkip] != "ankles,toes" {
		t.Errorf("choices not saved: %v", stored)
	}
	if v.position.Text != "Step 1 of 4" || !strings.HasPrefix(v.title.Text, "Calf stretch at a wall, left leg") || v.phase.Text != "Get into position" || v.countdown.Text != "0:05" {
		t.Errorf("first step: %q %q %q %q", v.position.Text, v.title.Text, v.phase.Text, v.countdown.Text)
	}
	if v.next.Text != "Next: Calf stretch at a wall, right leg" {
		t.Errorf("next = %q", v.next.Text)
	}
	run := func(d time.Duration) {
		for i := 0; i < int(d/time.Second); i++ {
			c.add(time.Second)
			tick.fn()
		}
	}
	run(5 * time.Second)
	if v.phase.Text != "Hold it, gently" || v.countdown.Text != "0:30" {
		t.Errorf("hold: %q %q", v.phase.Text, v.countdown.Text)
	}
	// Pause (space in the window) stops the countdown.
	test.Tap(v.pause)
	run(20 * time.Second)
	if v.countdown.Text != "0:30" || v.pause.Text != "Resume" {
		t.Errorf("paused: %q %q", v.countdown.Text, v.pause.Text)
	}
	test.Tap(v.pause)
	run(30 * time.Second)
	if !strings.Contains(v.title.Text, "right leg") {
		t.Errorf("after the left calf: %q", v.title.Text)
	}
	// The rest, then the end page.
	run(3 * 35 * time.Second)
	if v.runner.State().Completed != 4 {
		t.Fatalf("completed %d of 4", v.runner.State().Completed)
	}
	list, _ := st.Stretches(c.t.Add(-time.Hour), time.Time{})
	if len(list) != 1 || list[0].Source != stretch.SourceGuided || list[0].Partial || list[0].Rounds != 1 || strings.Join(list[0].Steps, ",") != "calf,hamstring" {
		t.Fatalf("recorded %+v", list)
	}
	if v.streak.Text != "2 nights in a row." {
		t.Errorf("streak = %q", v.streak.Text)
	}
	test.Tap(findButton(t, u.windows["stretch"].Content(), "Close"))
	if _, open := u.windows["stretch"]; open {
		t.Error("stretch window open after Close")
	}
	if tick.fn != nil {
		t.Error("ticker still running after the window closed")
	}
}

func TestGuidedStretchSkipAndStop(t *testing.T) {
	c := &clock{t: time.Date(2026, 11, 23, 21, 30, 0, 0, time.Local)}
	u, st := newTestUIClock(t, c.now)
	(&manualTicker{}).install(u)
	v := u.openStretch("")
	test.Tap(v.start)
	test.Tap(v.skip)
	if !strings.Contains(v.title.Text, "right leg") {
		t.Errorf("after skip: %q", v.title.Text)
	}
	test.Tap(v.back)
	if !strings.Contains(v.title.Text, "left leg") {
		t.Errorf("after back: %q", v.title.Text)
	}
	c.add(35 * time.Second)
	v.tick()
	test.Tap(v.stop)
	list, _ := st.Stretches(time.Time{}, time.Time{})
	if len(list) != 1 || !list[0].Partial {
		t.Fatalf("a stopped stretch should be kept as partial: %+v", list)
	}
	if !strings.Contains(labelsOf(u.windows["stretch"].Content())[0], "Stopped") {
		t.Errorf("end page: %v", labelsOf(u.windows["stretch"].Content()))
	}
}

func TestMirrorSVG(t *testing.T) {
	in := []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512"><rect x="1" y="2" width="3" height="4"/></svg>`)
	out := string(mirrorSVG(in))
	want := `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512"><g transform="matrix(-1 0 0 1 512 0)"><rect x="1" y="2" width="3" height="4"/></g></svg>`
	if out != want {
		t.Errorf("mirror:\n%s\nwant\n%s", out, want)
	}
	if !bytes.Equal(mirrorSVG([]byte("not svg")), []byte("not svg")) {
		t.Error("non-SVG changed")
	}
}

func TestStretchStepMarkup(t *testing.T) {
	c := &clock{t: time.Date(2026, 11, 23, 21, 30, 0, 0, time.Local)}
	u, _ := newTestUIClock(t, c.now)
	(&manualTicker{}).install(u)
	u.loadStatus()
	test.Tap(u.openStretch("").start)
	w := u.windows["stretch"]
	w.Resize(fyne.NewSize(720, 600))
	test.AssertRendersToMarkup(t, "stretch_step.xml", w.Canvas())
}
