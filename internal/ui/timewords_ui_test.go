package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/crampcare/crampcare/internal/cramp"
)

// wed is Wednesday 2 December 2026 at h:m; the night hours are the
// default 21:00 to 07:00.
func wed(h, m int) time.Time { return time.Date(2026, 12, 2, h, m, 0, 0, time.Local) }

func tue(h, m int) time.Time { return time.Date(2026, 12, 1, h, m, 0, 0, time.Local) }

// The history puts a cramp under its night only inside the night hours;
// one in the day is listed under its day.
func TestHistoryHeadingsFollowTheNightHours(t *testing.T) {
	tests := []struct {
		name   string
		cramps []time.Time
		want   []string // headings, newest first
	}{
		{"a cramp on Wednesday morning", []time.Time{wed(10, 57)}, []string{"Wednesday 2 December"}},
		{"a night and the morning after", []time.Time{tue(23, 30), wed(2, 10), wed(10, 57)},
			[]string{"Wednesday 2 December", "Night of Tuesday 1 December"}},
		{"the evening before the night", []time.Time{tue(20, 30), tue(21, 30)},
			[]string{"Night of Tuesday 1 December", "Tuesday 1 December"}},
		{"last minute of the night", []time.Time{wed(6, 59), wed(7, 0)},
			[]string{"Wednesday 2 December", "Night of Tuesday 1 December"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, st := newTestUI(t, wed(12, 0))
			for _, at := range tt.cramps {
				logAt(t, st, cramp.Entry{At: at})
			}
			u.show("main:history")
			var got []string
			for _, it := range u.main.history.items {
				if it.kind == rowHeading {
					got = append(got, it.text)
				}
			}
			if strings.Join(got, " | ") != strings.Join(tt.want, " | ") {
				t.Errorf("headings %q, want %q", got, tt.want)
			}
		})
	}
}

// The morning card asks about last night's cramps without details, each
// of them, and only once the night is over; the greeting fits the hour.
func TestMorningCardAndGreetingOnTheClock(t *testing.T) {
	detailed := func(at time.Time) cramp.Entry { return cramp.Entry{At: at, Leg: cramp.LegLeft} }
	bare := func(at time.Time) cramp.Entry { return cramp.Entry{At: at} }
	tests := []struct {
		name     string
		now      time.Time
		cramps   []cramp.Entry
		card     string // "" for no card
		greeting string
	}{
		{"a day cramp is no last night", wed(11, 5), []cramp.Entry{bare(wed(10, 57))}, "", "Good morning"},
		{"every cramp of last night", wed(8, 0), []cramp.Entry{bare(tue(23, 30)), bare(wed(2, 10)), bare(wed(4, 45))},
			"You logged 3 cramps last night, at 23:30, 02:10 and 04:45.", "Good morning"},
		{"not only the newest", wed(8, 0), []cramp.Entry{bare(wed(2, 10)), detailed(wed(4, 45))},
			"You logged a cramp at 02:10.", "Good morning"},
		{"the night is still going on", wed(2, 10), []cramp.Entry{bare(wed(1, 30))}, "", "Sorry you're awake"},
		{"the night before last", wed(8, 0), []cramp.Entry{bare(tue(2, 0))}, "", "Good morning"},
		{"last night's, late in the day", wed(20, 0), []cramp.Entry{bare(wed(3, 0))},
			"You logged a cramp at 03:00.", "Good evening"},
		{"before midnight", wed(23, 30), nil, "", "Good evening"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, st := newTestUI(t, tt.now)
			for _, e := range tt.cramps {
				logAt(t, st, e)
			}
			u.show("main")
			u.loadStatus()
			if got := u.main.greeting.Text; got != tt.greeting {
				t.Errorf("greeting %q, want %q", got, tt.greeting)
			}
			switch {
			case tt.card == "" && u.main.morning.Visible():
				t.Errorf("morning card asks %q; want none", u.main.mornText.Text)
			case tt.card != "" && !u.main.morning.Visible():
				t.Errorf("no morning card; want %q", tt.card)
			case tt.card != "" && !strings.HasPrefix(u.main.mornText.Text, tt.card):
				t.Errorf("morning card %q; want %q", u.main.mornText.Text, tt.card)
			}
		})
	}
}

// "Add details" goes through last night's cramps one by one, oldest
// first, and the card then asks about the rest.
func TestMorningCardAsksAboutEachCramp(t *testing.T) {
	u, st := newTestUI(t, wed(8, 0))
	first := logAt(t, st, cramp.Entry{At: wed(1, 20)})
	second := logAt(t, st, cramp.Entry{At: wed(4, 45)})
	u.loadStatus()
	u.show("main")
	for _, e := range []cramp.Entry{first, second} {
		if !u.main.morning.Visible() {
			t.Fatalf("no morning card for the cramp at %s", e.At.Format("15:04"))
		}
		test.Tap(findButton(t, u.windows["main"].Content(), "Add details"))
		details := viewOf[*detailsView](u, "details")
		if details == nil || details.entry.ID != e.ID {
			t.Fatalf("Add details did not open the cramp at %s", e.At.Format("15:04"))
		}
		test.Tap(details.leg[cramp.LegLeft])
		test.Tap(findButton(t, u.windows["details"].Content(), "Save"))
	}
	if u.main.morning.Visible() {
		t.Errorf("morning card still asks %q after every cramp has details", u.main.mornText.Text)
	}
}
