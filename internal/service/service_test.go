package service

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/crampcare/crampcare/internal/cramp"
	"github.com/crampcare/crampcare/internal/input"
	"github.com/crampcare/crampcare/internal/redflags"
	"github.com/crampcare/crampcare/internal/settings"
	"github.com/crampcare/crampcare/internal/store"
)

func newService(t *testing.T, now *time.Time, changes *[]Change) *Service {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), store.FileName), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return New(Params{Store: st, Now: func() time.Time { return *now }, OnChange: func(c Change) { *changes = append(*changes, c) }})
}

// mustStatus is s.Status, failing the test on an error: a zero Status
// would pass the checks for "no advice" on an error nobody looked at.
func mustStatus(t *testing.T, s *Service) Status {
	t.Helper()
	st, err := s.Status(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func TestStatusCountsTodayAndLast24h(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 23, 2, 30, 0, 0, time.Local)
	var changes []Change
	s := newService(t, &now, &changes)
	// Glasses: two yesterday evening, one after midnight.
	for _, at := range []time.Time{now.Add(-6 * time.Hour), now.Add(-4 * time.Hour), now.Add(-time.Hour)} {
		if _, err := s.LogGlass(ctx, at); err != nil {
			t.Fatal(err)
		}
	}
	// Cramps: one 30 h ago (outside 24 h), one just before midnight, one now.
	for _, at := range []time.Time{now.Add(-30 * time.Hour), now.Add(-3 * time.Hour), {}} {
		if _, err := s.LogCramp(ctx, cramp.Entry{At: at}); err != nil {
			t.Fatal(err)
		}
	}
	st, err := s.Status(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Glasses != 1 || st.Goal != 8 {
		t.Errorf("glasses %d of %d, want 1 of 8 (only since midnight)", st.Glasses, st.Goal)
	}
	if st.Cramps24h != 2 || st.LastCramp == nil || !st.LastCramp.At.Equal(now) {
		t.Errorf("cramps %d, last %v; want 2, the one logged now", st.Cramps24h, st.LastCramp)
	}
	if !st.Night || st.Scale != 1 {
		t.Errorf("night %v scale %v at 02:30, want night and scale 1", st.Night, st.Scale)
	}
	if len(changes) != 6 || changes[0] != ChangeGlasses || changes[5] != ChangeCramps {
		t.Errorf("changes = %v", changes)
	}
}

func TestRefusedWritesChangeNothing(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	var changes []Change
	s := newService(t, &now, &changes)
	bad := 11
	if _, err := s.LogCramp(ctx, cramp.Entry{Intensity: &bad}); !errors.Is(err, input.ErrInvalid) {
		t.Errorf("intensity 11: %v", err)
	}
	if _, err := s.LogGlass(ctx, now.Add(time.Hour)); !errors.Is(err, input.ErrInvalid) {
		t.Errorf("glass in the future: %v", err)
	}
	if _, err := s.SetSetting(ctx, "hydration.goal", "lots"); !errors.Is(err, input.ErrInvalid) {
		t.Errorf("bad setting: %v", err)
	}
	if len(changes) != 0 {
		t.Errorf("refused writes announced changes: %v", changes)
	}
	list, err := s.Cramps(ctx, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 0 {
		t.Errorf("stored %v", list)
	}
}

func TestSettingsApplyAtOnce(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	var changes []Change
	s := newService(t, &now, &changes)
	if _, err := s.SetSetting(ctx, "hydration.goal", "5"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetSetting(ctx, "night.start", "11:00"); err != nil {
		t.Fatal(err)
	}
	st, err := s.Status(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Goal != 5 || !st.Night {
		t.Errorf("status after settings: goal %d night %v, want 5 and night", st.Goal, st.Night)
	}
	if changes[len(changes)-1] != ChangeSettings {
		t.Errorf("changes = %v", changes)
	}
}

func TestAdviceInStatusAndDismiss(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	var changes []Change
	s := newService(t, &now, &changes)
	for _, d := range []int{0, 1, 2, 4} {
		if _, err := s.LogCramp(ctx, cramp.Entry{At: now.AddDate(0, 0, -d).Add(-6 * time.Hour)}); err != nil {
			t.Fatal(err)
		}
	}
	st, err := s.Status(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Advice) != 1 || st.Advice[0].Rule != redflags.RuleMostNights {
		t.Fatalf("advice = %+v", st.Advice)
	}
	if err := s.DismissAdvice(ctx, redflags.RuleMostNights); err != nil {
		t.Fatal(err)
	}
	if st = mustStatus(t, s); len(st.Advice) != 0 {
		t.Errorf("dismissed advice still shown: %+v", st.Advice)
	}
	now = now.Add(DismissFor + time.Hour)
	for _, d := range []int{0, 1, 2, 4} {
		if _, err := s.LogCramp(ctx, cramp.Entry{At: now.AddDate(0, 0, -d).Add(-6 * time.Hour)}); err != nil {
			t.Fatal(err)
		}
	}
	if st = mustStatus(t, s); len(st.Advice) != 1 {
		t.Errorf("after 30 days the advice should come back: %+v", st.Advice)
	}
}

// Dismissing a card about a cramp with a warning sign puts away that cramp
// only: a later cramp logged with swelling shows a new card at once, even
// though the first card was put away a minute before. An urgent card is
// never hidden for 30 days. A dismissal stored in the old form (a time per
// rule) still loads.
func TestDismissHidesTheOccurrenceOnly(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	var changes []Change
	s := newService(t, &now, &changes)
	// The old form: "symptoms" hidden until next month, by time.
	if err := s.p.Store.SetState(dismissedKey, map[string]time.Time{"symptoms": now.AddDate(0, 1, 0)}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.LogCramp(ctx, cramp.Entry{At: now.Add(-30 * time.Hour), Symptoms: []string{"swelling"}}); err != nil {
		t.Fatal(err)
	}
	st, err := s.Status(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Advice) != 1 || st.Advice[0].Rule != redflags.RuleSymptoms || st.Advice[0].Title != "Get medical help now" {
		t.Fatalf("an urgent sign hidden by an old 'hide for 30 days': %+v", st.Advice)
	}
	if err := s.DismissAdvice(ctx, redflags.RuleSymptoms); err != nil {
		t.Fatal(err)
	}
	if st = mustStatus(t, s); len(st.Advice) != 0 {
		t.Fatalf("acknowledged card still shown: %+v", st.Advice)
	}
	// A cramp without a sign: still nothing.
	now = now.Add(time.Hour)
	if _, err := s.LogCramp(ctx, cramp.Entry{At: now.Add(-time.Minute)}); err != nil {
		t.Fatal(err)
	}
	if st = mustStatus(t, s); len(st.Advice) != 0 {
		t.Fatalf("a quiet cramp brought the card back: %+v", st.Advice)
	}
	// A new cramp with swelling: a new card, about that cramp.
	if _, err := s.LogCramp(ctx, cramp.Entry{At: now, Symptoms: []string{"swelling"}}); err != nil {
		t.Fatal(err)
	}
	st = mustStatus(t, s)
	if len(st.Advice) != 1 || st.Advice[0].Rule != redflags.RuleSymptoms || len(st.Advice[0].Seen) != 1 {
		t.Fatalf("new warning sign after a dismissal: %+v", st.Advice)
	}
	var ds redflags.Dismissals
	if err := s.p.Store.State(dismissedKey, &ds); err != nil {
		t.Fatal(err)
	}
	if !ds[redflags.RuleSymptoms].Until.IsZero() {
		t.Errorf("urgent card hidden until %v", ds[redflags.RuleSymptoms].Until)
	}
}

// Status.Changes is when the clock alone next changes the status, so the
// tray reads it again exactly then: the oldest cramp of the last 24 hours
// turning 24 hours old, midnight, night mode's start or end, a pause's end.
func TestStatusSaysWhenItNextChanges(t *testing.T) {
	ctx := context.Background()
	day := func(d, h, m int) time.Time { return time.Date(2026, 11, d, h, m, 0, 0, time.Local) }
	now := day(23, 10, 0)
	var changes []Change
	s := newService(t, &now, &changes)
	st, err := s.Status(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if want := day(23, 21, 0); !st.Changes.Equal(want) { // night.start
		t.Errorf("empty diary at 10:00: changes %v, want %v", st.Changes, want)
	}
	// A cramp at 11:30 yesterday and one at 03:00: the count drops at 11:30.
	for _, at := range []time.Time{day(22, 11, 30), day(23, 3, 0)} {
		if _, err := s.LogCramp(ctx, cramp.Entry{At: at}); err != nil {
			t.Fatal(err)
		}
	}
	if st = mustStatus(t, s); st.Cramps24h != 2 || !st.Changes.Equal(day(23, 11, 30)) {
		t.Errorf("changes %v with %d cramps, want 11:30 (the older cramp turns 24 h old)", st.Changes, st.Cramps24h)
	}
	// A pause ending at 10:20 comes first.
	if _, err := s.SetSetting(ctx, settings.PausedUntil, day(23, 10, 20).Format(time.RFC3339)); err != nil {
		t.Fatal(err)
	}
	if st = mustStatus(t, s); !st.Changes.Equal(day(23, 10, 20)) {
		t.Errorf("changes %v, want the pause's end 10:20", st.Changes)
	}
	// At 23:00: midnight comes before tomorrow's 07:00 and the 03:00 cramp.
	now = day(23, 23, 0)
	if st = mustStatus(t, s); !st.Changes.Equal(day(24, 0, 0)) {
		t.Errorf("at 23:00 changes %v, want midnight", st.Changes)
	}
}

// Issue 14: an edit can move a cramp to another day and time and change
// its length (cramps/edit); the domain refuses a cramp that would start or
// end after now, and a refused edit changes nothing.
func TestEditMovesTimeAndLength(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 12, 2, 8, 0, 0, 0, time.UTC)
	var changes []Change
	s := newService(t, &now, &changes)
	e, err := s.LogCramp(ctx, cramp.Entry{At: now.Add(-5 * time.Hour), Duration: 2 * time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	moved := e
	moved.At = time.Date(2026, 10, 15, 22, 30, 0, 0, time.UTC)
	moved.Duration = 7 * time.Minute
	if _, err := s.EditCramp(ctx, moved); err != nil {
		t.Fatalf("moving the cramp: %v", err)
	}
	got, err := s.Cramp(ctx, e.ID)
	if err != nil || !got.At.Equal(moved.At) || got.Duration != moved.Duration {
		t.Fatalf("after the edit: %+v, %v", got, err)
	}
	if list, _ := s.Cramps(ctx, time.Date(2026, 10, 15, 0, 0, 0, 0, time.UTC)); len(list) != 1 || !list[0].At.Equal(moved.At) {
		t.Errorf("listed by time: %+v", list)
	}
	for name, spoil := range map[string]func(e *cramp.Entry){
		"starts later today": func(e *cramp.Entry) { e.At = now.Add(3 * time.Hour) },
		"ends after now":     func(e *cramp.Entry) { e.At = now.Add(-2 * time.Minute); e.Duration = 10 * time.Minute },
	} {
		bad := got
		spoil(&bad)
		if _, err := s.EditCramp(ctx, bad); !errors.Is(err, input.ErrInvalid) {
			t.Errorf("%s: %v, want refused", name, err)
		}
		if after, _ := s.Cramp(ctx, e.ID); !after.At.Equal(moved.At) || after.Duration != moved.Duration {
			t.Errorf("%s: the refused edit changed the cramp to %+v", name, after)
		}
	}
}
