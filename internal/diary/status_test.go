package diary

import (
	"testing"
	"time"
)

func TestNextLine(t *testing.T) {
	now := time.Date(2026, 11, 23, 13, 0, 0, 0, time.Local)
	for _, tc := range []struct {
		name string
		st   Status
		want string
	}{
		{"water today", Status{Now: now, Next: &NextReminder{Kind: "hydration", At: now.Add(75 * time.Minute)}}, "Next: water at 14:15"},
		{"stretch", Status{Now: now, Next: &NextReminder{Kind: "stretch", At: now.Add(8*time.Hour + 30*time.Minute)}}, "Next: evening stretch at 21:30"},
		{"follow-up", Status{Now: now, Next: &NextReminder{Kind: "stretch-follow-up", At: now.Add(9 * time.Hour)}}, "Next: stretch reminder at 22:00"},
		{"tomorrow", Status{Now: now, Next: &NextReminder{Kind: "hydration", At: now.Add(20 * time.Hour)}}, "Next: water Tue 09:00"},
		{"none", Status{Now: now}, "No reminders coming"},
		{"before the welcome", Status{Now: now, Welcome: true}, "Reminders start when the welcome is done"},
		{"paused, nothing after", Status{Now: now, PausedUntil: now.Add(time.Hour)}, "Reminders paused until Mon 14:00"},
		{"held", Status{Now: now, Held: "Held while you are away", Next: &NextReminder{Kind: "hydration", At: now}}, "Held while you are away"},
	} {
		if got := tc.st.NextLine(); got != tc.want {
			t.Errorf("%s: NextLine() = %q, want %q", tc.name, got, tc.want)
		}
	}
}
