package service

import (
	"context"
	"testing"
	"time"

	"github.com/crampcare/crampcare/internal/diary"
	"github.com/crampcare/crampcare/internal/settings"
)

// TestFresh: only a diary with nothing stored is fresh (gets the
// welcome); a setting or a glass makes it not.
func TestFresh(t *testing.T) {
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.Local)
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		do   func(s *Service) error
		want bool
	}{
		{"new", func(*Service) error { return nil }, true},
		{"a setting", func(s *Service) error { _, err := s.SetSetting(ctx, settings.HydrationGoal, "9"); return err }, false},
		{"a glass", func(s *Service) error { _, err := s.LogGlass(ctx, time.Time{}); return err }, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var changes []Change
			s := newService(t, &now, &changes)
			if err := tc.do(s); err != nil {
				t.Fatal(err)
			}
			if got, err := s.Fresh(); err != nil || got != tc.want {
				t.Errorf("Fresh() = %v, %v; want %v", got, err, tc.want)
			}
		})
	}
}

// TestStatusWelcomeAndLive: the status says the welcome is pending until
// welcome.done, and carries what the agent adds (the next reminder).
func TestStatusWelcomeAndLive(t *testing.T) {
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.Local)
	var changes []Change
	s := newService(t, &now, &changes)
	next := &diary.NextReminder{Kind: "hydration", At: now.Add(75 * time.Minute)}
	s.p.Live = func(st *Status) { st.Next = next }
	st := mustStatus(t, s)
	if !st.Welcome || st.Next != next {
		t.Errorf("status welcome %v next %v; want true and the agent's", st.Welcome, st.Next)
	}
	if _, err := s.SetSetting(context.Background(), settings.WelcomeDone, "true"); err != nil {
		t.Fatal(err)
	}
	if mustStatus(t, s).Welcome {
		t.Error("welcome still pending after welcome.done")
	}
}
