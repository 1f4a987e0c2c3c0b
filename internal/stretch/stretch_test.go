package stretch

import (
	"errors"
	"testing"
	"time"

	"github.com/crampcare/crampcare/internal/input"
)

func TestStreak(t *testing.T) {
	at := func(d, h, m int) time.Time { return time.Date(2026, 11, d, h, m, 0, 0, time.UTC) }
	s := func(t time.Time) Session { return Session{Start: t} }
	tests := []struct {
		name     string
		sessions []Session
		now      time.Time
		want     int
	}{
		{"none", nil, at(23, 22, 0), 0},
		{"tonight only", []Session{s(at(23, 21, 40))}, at(23, 22, 0), 1},
		{"three nights, one after midnight", []Session{s(at(21, 21, 30)), s(at(23, 0, 30)), s(at(23, 21, 35))}, at(23, 23, 0), 3},
		{"tonight not yet: streak up to last night", []Session{s(at(21, 21, 30)), s(at(22, 21, 30))}, at(23, 19, 0), 2},
		{"a gap breaks it", []Session{s(at(20, 21, 30)), s(at(22, 21, 30))}, at(23, 10, 0), 1},
		{"partial does not count", []Session{{Start: at(22, 21, 30), Partial: true}}, at(23, 10, 0), 0},
		{"two on one night count once", []Session{s(at(22, 21, 0)), s(at(22, 22, 0))}, at(23, 8, 0), 1},
	}
	for _, tt := range tests {
		if got := Streak(tt.sessions, tt.now); got != tt.want {
			t.Errorf("%s: streak %d, want %d", tt.name, got, tt.want)
		}
	}
}

// Issue 18, point 9: a session's times are in range however it came in.
func TestValidate(t *testing.T) {
	now := time.Date(2026, 11, 23, 22, 0, 0, 0, time.UTC)
	start := now.Add(-20 * time.Minute)
	for name, tc := range map[string]struct {
		s     Session
		field string
	}{
		"good":         {Session{Start: start, End: now}, ""},
		"no start":     {Session{End: now}, "at"},
		"1600":         {Session{Start: time.Date(1600, 12, 1, 21, 0, 0, 0, time.UTC), End: time.Date(1600, 12, 1, 21, 10, 0, 0, time.UTC)}, "at"},
		"future":       {Session{Start: now.Add(time.Hour), End: now.Add(time.Hour)}, "at"},
		"ends before":  {Session{Start: start, End: start.Add(-time.Minute)}, "end"},
		"ends in 2185": {Session{Start: start, End: time.Date(2185, 1, 1, 0, 0, 0, 0, time.UTC)}, "end"},
	} {
		err := tc.s.Validate(now)
		var fe *input.Error
		if tc.field == "" && err != nil || tc.field != "" && (!errors.As(err, &fe) || fe.Field != tc.field) {
			t.Errorf("%s: %v, want field %q", name, err, tc.field)
		}
	}
}

func TestNights(t *testing.T) {
	at := func(d, h int) time.Time { return time.Date(2026, 11, d, h, 0, 0, 0, time.UTC) }
	list := []Session{{Start: at(1, 21)}, {Start: at(2, 1)}, {Start: at(10, 21)}, {Start: at(20, 21), Partial: true}, {Start: at(22, 21)}}
	if got := Nights(list, at(23, 8)); got != 3 {
		t.Errorf("Nights = %d, want 3 (1 Nov twice, 10 Nov, 22 Nov; the partial one not)", got)
	}
}
