package ui

import (
	"context"
	"fmt"
	"io/fs"
	"strings"
	"syscall"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/crampcare/crampcare/internal/cramp"
	"github.com/crampcare/crampcare/internal/diary"
	"github.com/crampcare/crampcare/internal/water"
)

// fullDisk is the real service whose writes fail as the store reports a
// full disk: what the agent sends back when there is no room left.
type fullDisk struct {
	*testBackend
}

func diskFull(what string) error {
	return fmt.Errorf("store: %s: %w (%v)", what, diary.ErrDiskFull, &fs.PathError{Op: "write", Path: "crampcare.db", Err: syscall.ENOSPC})
}

func (fullDisk) LogCramp(context.Context, cramp.Entry) (cramp.Entry, error) {
	return cramp.Entry{}, diskFull("add cramp")
}

func (fullDisk) LogGlass(context.Context, time.Time) (water.Glass, error) {
	return water.Glass{}, diskFull("add glass")
}

// On a full disk the main window says so in plain words, without the
// system's, and the relief steps open anyway: the cramp hurts all the same.
func TestFullDiskInTheMainWindow(t *testing.T) {
	u, st := newTestUI(t, day)
	u.diary = fullDisk{u.diary.(*testBackend)}
	u.show("main")
	w := u.windows["main"]

	test.Tap(findButton(t, w.Content(), "Log a cramp now"))
	msg := u.main.errLine.Text
	if !u.main.errLine.Visible() || !strings.HasPrefix(msg, "The cramp was not logged. The disk is full.") || strings.Contains(msg, "no space left") {
		t.Errorf("message line = %q (visible %v), want the plain-words full-disk message", msg, u.main.errLine.Visible())
	}
	if u.windows["relief"] == nil {
		t.Error("the relief steps did not open when the cramp could not be logged")
	}
	list, err := st.Cramps(time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 0 {
		t.Errorf("stored %v", list)
	}

	test.Tap(findButton(t, w.Content(), "I drank a glass of water"))
	if msg := u.main.errLine.Text; !strings.HasPrefix(msg, "The glass was not logged. The disk is full.") {
		t.Errorf("message line after a glass = %q", msg)
	}
}

// Without the main window (the tray opened only the relief steps), a
// failed save is a small dialog over the window that is open, not silence.
func TestFullDiskWithoutTheMainWindow(t *testing.T) {
	u, _ := newTestUI(t, day)
	u.diary = fullDisk{u.diary.(*testBackend)}
	u.onLogCramp()
	w := u.windows["relief"]
	if w == nil {
		t.Fatal("the relief steps did not open")
	}
	got := strings.Join(overlayLabels(w), " | ")
	if !strings.Contains(got, "The cramp was not logged. The disk is full.") {
		t.Errorf("dialog over the relief steps says %q", got)
	}
}
