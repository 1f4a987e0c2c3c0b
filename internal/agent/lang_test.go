package agent

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/crampcare/crampcare/internal/diary"
	"github.com/crampcare/crampcare/internal/l10n"
	"github.com/crampcare/crampcare/internal/schedule"
	"github.com/crampcare/crampcare/internal/settings"
	"github.com/crampcare/crampcare/internal/tray"
)

type recorder struct {
	mu    sync.Mutex
	shown []string
}

func (r *recorder) Notify(title, body string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.shown = append(r.shown, title+" | "+body)
	return nil
}

// Issue 17: ui.language set to de speaks German at once: the tray's
// words and the notifications, with no restart.
func TestLanguageSettingSwitchesAtOnce(t *testing.T) {
	now := time.Date(2026, 11, 24, 13, 0, 0, 0, time.Local)
	a := newTestAgent(t, &now)
	rec := &recorder{}
	a.p.Notifier = rec
	a.p.Getenv = func(k string) string {
		if k == "LANG" {
			return "en_GB.UTF-8"
		}
		return ""
	}
	a.speak()
	if got := a.tr().T(tray.LabelDrink); got != tray.LabelDrink {
		t.Fatalf("English tray label %q", got)
	}
	a.onDrink()
	if _, err := a.svc.SetSetting(context.Background(), settings.Language, "de"); err != nil {
		t.Fatal(err)
	}
	if got := a.tr().T(tray.LabelDrink); got == tray.LabelDrink || got == "" {
		t.Errorf("tray label after ui.language=de: %q, want German", got)
	}
	a.onDrink()
	rec.mu.Lock()
	shown := append([]string(nil), rec.shown...)
	rec.mu.Unlock()
	if len(shown) != 2 {
		t.Fatalf("notifications %q", shown)
	}
	if !strings.HasPrefix(shown[0], "Glass of water logged | 1 of 8 glasses today.") {
		t.Errorf("English notification %q", shown[0])
	}
	if !strings.Contains(shown[1], "Glas") || strings.Contains(shown[1], "glasses") {
		t.Errorf("notification after ui.language=de: %q, want German", shown[1])
	}
	st := diary.Status{Now: now, Glasses: 2, Goal: 8, Cramps24h: 1, Next: &diary.NextReminder{Kind: "hydration", At: now.Add(75 * time.Minute)}}
	if got, want := nextLine(a.tr(), st), "Als Nächstes: Wasser um 14:15"; got != want {
		t.Errorf("next line %q, want %q", got, want)
	}
}

// The tray's lines in English are what they were before the catalogue.
func TestTrayLinesInEnglish(t *testing.T) {
	now := time.Date(2026, 11, 23, 13, 0, 0, 0, time.Local)
	a := newTestAgent(t, &now)
	a.p.Getenv = func(k string) string {
		if k == "LANG" {
			return "en_GB.UTF-8"
		}
		return ""
	}
	a.speak()
	tr := a.tr()
	for _, c := range []struct {
		st   diary.Status
		want string
	}{
		{diary.Status{Now: now, Next: &diary.NextReminder{Kind: "hydration", At: now.Add(75 * time.Minute)}}, "Next: water at 14:15"},
		{diary.Status{Now: now, Next: &diary.NextReminder{Kind: "hydration", At: now.Add(20 * time.Hour)}}, "Next: water Tue 09:00"},
		{diary.Status{Now: now, PausedUntil: now.Add(time.Hour)}, "Reminders paused until Mon 14:00"},
	} {
		if got := nextLine(tr, c.st); got != c.want {
			t.Errorf("nextLine = %q, want %q", got, c.want)
		}
	}
	for _, c := range []struct {
		n    int
		want string
	}{{0, "Today: 3 of 8 glasses · no cramps in 24 h"}, {1, "Today: 3 of 8 glasses · 1 cramp in 24 h"}, {2, "Today: 3 of 8 glasses · 2 cramps in 24 h"}} {
		if got := statusLine(tr, diary.Status{Glasses: 3, Goal: 8, Cramps24h: c.n}); got != c.want {
			t.Errorf("statusLine = %q, want %q", got, c.want)
		}
	}
}

// In English the reminders' notifications say what schedule says.
func TestReminderWordsInEnglish(t *testing.T) {
	tr := l10n.English()
	for _, r := range []schedule.Reminder{
		{Kind: schedule.Hydration, Glasses: 3, Goal: 8},
		{Kind: schedule.Hydration, Glasses: 3, Goal: 8, NearBedtime: true},
		{Kind: schedule.Stretch},
		{Kind: schedule.StretchFollowUp},
	} {
		w := reminderWords(tr, r)
		title, lead, where := r.Lines()
		if w.Title != title || w.Lead != lead || w.Where != where {
			t.Errorf("%+v: %q %q %q, want %q %q %q", r, w.Title, w.Lead, w.Where, title, lead, where)
		}
		for _, a := range r.Actions() {
			if w.Labels[a.Key] != a.Label {
				t.Errorf("%s: label %q, want %q", a.Key, w.Labels[a.Key], a.Label)
			}
		}
	}
}
