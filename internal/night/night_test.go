package night

import (
	"testing"
	"time"
	_ "time/tzdata"
)

func TestOf(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	at := func(y int, mo time.Month, d, h, m int) time.Time { return time.Date(y, mo, d, h, m, 0, 0, berlin) }
	night := func(y int, mo time.Month, d int) time.Time { return time.Date(y, mo, d, 0, 0, 0, 0, berlin) }
	tests := []struct {
		t, want time.Time
	}{
		{at(2026, 11, 22, 23, 0), night(2026, 11, 22)},
		{at(2026, 11, 23, 2, 0), night(2026, 11, 22)},
		{at(2026, 11, 23, 11, 59), night(2026, 11, 22)},
		{at(2026, 11, 23, 12, 0), night(2026, 11, 23)},
		{at(2026, 12, 1, 3, 0), night(2026, 11, 30)}, // across a month
		{at(2027, 1, 1, 1, 0), night(2026, 12, 31)},  // across a year
		// Spring forward (02:00 -> 03:00 on 29 March): the short night.
		{at(2026, 3, 29, 3, 30), night(2026, 3, 28)},
		{at(2026, 3, 29, 12, 0), night(2026, 3, 29)},
		// Fall back (03:00 -> 02:00 on 25 October): both 02:30s are one night.
		{at(2026, 10, 25, 2, 30), night(2026, 10, 24)},
		{at(2026, 10, 25, 2, 30).Add(time.Hour), night(2026, 10, 24)},
		{at(2026, 10, 25, 11, 59), night(2026, 10, 24)},
	}
	for _, tt := range tests {
		if got := Of(tt.t); !got.Equal(tt.want) {
			t.Errorf("Of(%v) = %v, want %v", tt.t, got, tt.want)
		}
	}
	if got := Label(night(2026, 11, 22)); got != "Night of Sunday 22 November" {
		t.Errorf("Label = %q", got)
	}
}

func TestHours(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	at := func(d, h, m int) time.Time { return time.Date(2026, 12, d, h, m, 0, 0, berlin) } // 1 Dec 2026 is a Tuesday
	evening := Hours{Start: 21 * 60, End: 7 * 60}                                           // crosses midnight
	small := Hours{Start: 0, End: 6 * 60}                                                   // does not
	late := Hours{Start: 22 * 60, End: 23*60 + 59}
	tests := []struct {
		name    string
		h       Hours
		t       time.Time
		heading string
	}{
		{"day cramp on Wednesday morning", evening, at(2, 10, 57), "Wednesday 2 December"},
		{"just after the night ends", evening, at(2, 7, 0), "Wednesday 2 December"},
		{"last minute of the night", evening, at(2, 6, 59), "Night of Tuesday 1 December"},
		{"after midnight", evening, at(2, 2, 10), "Night of Tuesday 1 December"},
		{"before midnight", evening, at(1, 23, 30), "Night of Tuesday 1 December"},
		{"as the night starts", evening, at(1, 21, 0), "Night of Tuesday 1 December"},
		{"the evening before the night", evening, at(1, 20, 59), "Tuesday 1 December"},
		{"small hours", small, at(2, 3, 0), "Night of Tuesday 1 December"},
		{"before the small hours", small, at(1, 23, 0), "Tuesday 1 December"},
		{"late evening window", late, at(1, 22, 30), "Night of Tuesday 1 December"},
		{"no night hours", Hours{}, at(2, 2, 10), "Wednesday 2 December"},
	}
	for _, tt := range tests {
		if got := tt.h.Heading(tt.t); got != tt.heading {
			t.Errorf("%s: Heading(%s) = %q, want %q", tt.name, tt.t.Format("Mon 15:04"), got, tt.heading)
		}
	}
}

func TestLastNight(t *testing.T) {
	at := func(d, h, m int) time.Time { return time.Date(2026, 12, d, h, m, 0, 0, time.UTC) }
	evening := Hours{Start: 21 * 60, End: 7 * 60}
	small := Hours{Start: 0, End: 6 * 60}
	tests := []struct {
		name   string
		h      Hours
		t, now time.Time
		want   bool
	}{
		{"a cramp at 02:10, asked at 08:00", evening, at(2, 2, 10), at(2, 8, 0), true},
		{"a cramp at 22:00, asked at 11:05", evening, at(1, 22, 0), at(2, 11, 5), true},
		{"a cramp at 10:57, asked at 11:05", evening, at(2, 10, 57), at(2, 11, 5), false},
		{"still night: 02:10 asked at 03:00", evening, at(2, 2, 10), at(2, 3, 0), false},
		{"the night before last", evening, at(1, 2, 0), at(2, 8, 0), false},
		{"last night, asked late in the day", evening, at(1, 21, 30), at(2, 20, 59), true},
		{"small hours, asked at 09:00", small, at(2, 3, 0), at(2, 9, 0), true},
		{"small hours, asked the next day", small, at(1, 3, 0), at(2, 9, 0), false},
		{"no night hours", Hours{}, at(2, 2, 0), at(2, 9, 0), false},
	}
	for _, tt := range tests {
		if got := tt.h.LastNight(tt.t, tt.now); got != tt.want {
			t.Errorf("%s: LastNight = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestGreeting(t *testing.T) {
	at := func(h, m int) time.Time { return time.Date(2026, 12, 2, h, m, 0, 0, time.UTC) }
	tests := []struct {
		t    time.Time
		want string
	}{
		{at(2, 10), "Sorry you're awake"},
		{at(0, 0), "Sorry you're awake"},
		{at(4, 59), "Sorry you're awake"},
		{at(5, 0), "Good morning"},
		{at(11, 59), "Good morning"},
		{at(12, 0), "Good afternoon"},
		{at(18, 0), "Good evening"},
		{at(23, 30), "Good evening"},
	}
	for _, tt := range tests {
		if got := Greeting(tt.t); got != tt.want {
			t.Errorf("Greeting(%s) = %q, want %q", tt.t.Format("15:04"), got, tt.want)
		}
	}
}
