package routine

import (
	"strings"
	"testing"
	"time"

	"github.com/crampcare/crampcare/internal/settings"
)

func labels(items []Item, rounds int) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.Label(rounds))
	}
	return out
}

func TestPlan(t *testing.T) {
	tests := []struct {
		name   string
		choice Choice
		want   []string
	}{
		{"default two rounds", Choice{Rounds: 2}, []string{
			"Calf stretch at a wall, left leg, round 1 of 2", "Calf stretch at a wall, right leg, round 1 of 2",
			"Hamstring stretch, left leg, round 1 of 2", "Hamstring stretch, right leg, round 1 of 2",
			"Calf stretch at a wall, left leg, round 2 of 2", "Calf stretch at a wall, right leg, round 2 of 2",
			"Hamstring stretch, left leg, round 2 of 2", "Hamstring stretch, right leg, round 2 of 2",
			"Ankle circles, left leg", "Ankle circles, right leg", "Toe flexing",
		}},
		{"one round, toes off, massage on", Choice{Rounds: 1, Off: map[string]bool{"toes": true}, On: map[string]bool{"massage": true}}, []string{
			"Calf stretch at a wall, left leg", "Calf stretch at a wall, right leg",
			"Hamstring stretch, left leg", "Hamstring stretch, right leg",
			"Ankle circles, left leg", "Ankle circles, right leg", "Leg massage",
		}},
		{"rounds clamped to 3", Choice{Rounds: 9, Off: map[string]bool{"hamstring": true, "ankles": true, "toes": true}}, []string{
			"Calf stretch at a wall, left leg, round 1 of 3", "Calf stretch at a wall, right leg, round 1 of 3",
			"Calf stretch at a wall, left leg, round 2 of 3", "Calf stretch at a wall, right leg, round 2 of 3",
			"Calf stretch at a wall, left leg, round 3 of 3", "Calf stretch at a wall, right leg, round 3 of 3",
		}},
	}
	for _, tt := range tests {
		r := tt.choice.Rounds
		if r > 3 {
			r = 3
		}
		got := labels(Plan(Evening(), tt.choice), r)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, got, tt.want)
		}
	}
}

var t0 = time.Date(2026, 11, 23, 21, 30, 0, 0, time.UTC)

func TestRunnerWalksThrough(t *testing.T) {
	plan := Plan(Evening(), Choice{Rounds: 1, Off: map[string]bool{"ankles": true, "toes": true}})
	r := NewRunner(plan, t0)
	now := t0
	step := func(d time.Duration) []Event { now = now.Add(d); return r.Advance(now) }
	if s := r.State(); s.Phase != Ready || s.Left != GetReady || s.Total != 4 || s.Next == nil {
		t.Fatalf("start: %+v", s)
	}
	step(GetReady)
	if s := r.State(); s.Phase != Active || s.Left != 30*time.Second {
		t.Fatalf("after get-ready: %+v", s)
	}
	if ev := step(30 * time.Second); len(ev) != 1 || ev[0] != EventSwitchSide {
		t.Fatalf("end of left calf: %v, want switch side", ev)
	}
	if s := r.State(); s.Item.Side != Right || s.Phase != Ready || s.Completed != 1 {
		t.Fatalf("right calf: %+v", s)
	}
	// A late tick (the window was covered) catches up, no drift.
	if ev := step(GetReady + 30*time.Second + GetReady + 10*time.Second); len(ev) != 1 || ev[0] != EventNextStep {
		t.Fatalf("late tick: %v", ev)
	}
	if s := r.State(); s.Item.Step.ID != "hamstring" || s.Phase != Active || s.Left != 20*time.Second {
		t.Fatalf("after the late tick: %+v", s)
	}
	// Pause stops the clock.
	r.TogglePause(now)
	step(time.Hour)
	if s := r.State(); !s.Paused || s.Left != 20*time.Second {
		t.Fatalf("paused: %+v", s)
	}
	r.TogglePause(now)
	ev := step(20*time.Second + GetReady + 30*time.Second)
	if len(ev) != 2 || ev[1] != EventFinished || r.State().Phase != Done {
		t.Fatalf("finish: %v %+v", ev, r.State())
	}
	res := r.Result()
	if !res.Counts || res.Rounds != 1 || strings.Join(res.Steps, ",") != "calf,hamstring" || !res.End.Equal(now) {
		t.Errorf("result %+v", res)
	}
}

func TestSkipBackStop(t *testing.T) {
	plan := Plan(Evening(), Choice{Rounds: 1})
	r := NewRunner(plan, t0)
	now := t0
	if ev := r.Skip(now); ev != EventSwitchSide {
		t.Errorf("skip left calf: %v", ev)
	}
	if s := r.State(); s.Index != 1 || s.Completed != 0 {
		t.Errorf("after skip: %+v", s)
	}
	r.Back(now)
	if s := r.State(); s.Index != 0 || s.Phase != Ready {
		t.Errorf("after back: %+v", s)
	}
	r.Back(now) // at the first item: restarts it
	if s := r.State(); s.Index != 0 {
		t.Errorf("back at first: %+v", s)
	}
	now = now.Add(GetReady + 30*time.Second)
	r.Advance(now)
	r.Stop(now)
	if s := r.State(); s.Phase != Done {
		t.Errorf("after stop: %+v", s)
	}
	res := r.Result()
	if res.Counts || len(res.Steps) != 1 || res.Rounds != 0 {
		t.Errorf("stopped after one side: %+v, want not counted", res)
	}
	if ev := r.Skip(now); ev != EventNone {
		t.Errorf("skip after stop: %v", ev)
	}
}

func TestEmptyPlan(t *testing.T) {
	r := NewRunner(nil, t0)
	if r.State().Phase != Done || r.Advance(t0.Add(time.Minute)) != nil {
		t.Error("empty plan should be done at once")
	}
}

func TestSkippableStepsMatchSettings(t *testing.T) {
	var ids []string
	for _, s := range Evening() {
		if !s.Optional {
			ids = append(ids, s.ID)
		}
	}
	if got := strings.Join(settings.SkippableSteps(), ","); got != strings.Join(ids, ",") {
		t.Errorf("settings.SkippableSteps = %s, routine steps = %v", got, ids)
	}
}

// The length said on the start page is the plan's real length, with its
// get-ready pauses: two rounds of calf and hamstring (8 holds of 30 s),
// ankle circles on both legs (2 of 40 s), toe flexing (30 s), each after a
// 5 s get-ready: 11 pauses of 5 s and 350 s of holds, 6 min 45 s.
func TestLength(t *testing.T) {
	tests := []struct {
		choice Choice
		want   time.Duration
		say    string
	}{
		{Choice{Rounds: 2}, 11*GetReady + 8*30*time.Second + 2*40*time.Second + 30*time.Second, "about 7 minutes"},
		{Choice{Rounds: 1, On: map[string]bool{"massage": true}}, 8*GetReady + 4*30*time.Second + 2*40*time.Second + 30*time.Second + 60*time.Second, "about 6 minutes"},
		{Choice{Rounds: 3}, 15*GetReady + 12*30*time.Second + 2*40*time.Second + 30*time.Second, "about 9 minutes"},
		{Choice{Rounds: 1, Off: map[string]bool{"calf": true, "hamstring": true, "ankles": true}}, GetReady + 30*time.Second, "about a minute"},
	}
	for _, tt := range tests {
		plan := Plan(Evening(), tt.choice)
		if got := Length(plan); got != tt.want {
			t.Errorf("%+v: length %v, want %v", tt.choice, got, tt.want)
		}
		if got := About(Length(plan)); got != tt.say {
			t.Errorf("%+v: %q, want %q", tt.choice, got, tt.say)
		}
	}
}

// Issue 14: the overall progress tells done from skipped, and the end
// tells skipping past the last step from Stop.
func TestSkippedAndStopped(t *testing.T) {
	plan := Plan(Evening(), Choice{Rounds: 1})
	r := NewRunner(plan, t0)
	now := t0.Add(GetReady + 30*time.Second)
	r.Advance(now) // the left calf done
	for range len(plan) - 2 {
		r.Skip(now)
	}
	s := r.State()
	if s.Index != len(plan)-1 || s.Completed != 1 || s.Skipped != len(plan)-2 {
		t.Errorf("at the last step after skips: index %d, completed %d, skipped %d", s.Index, s.Completed, s.Skipped)
	}
	r.Skip(now)
	if s := r.State(); s.Phase != Done || s.Skipped != len(plan)-1 {
		t.Errorf("skipped past the last: %+v", s)
	}
	if res := r.Result(); res.Stopped || res.Counts {
		t.Errorf("skipped to the end: %+v, want not stopped, not counted", res)
	}
	r2 := NewRunner(plan, t0)
	r2.Stop(t0)
	if !r2.Result().Stopped {
		t.Error("Stop: Result.Stopped is false")
	}
}
