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
