package stretch

import (
	"testing"
	"time"
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
