package settings

import (
	"maps"
	"testing"

	"github.com/crampcare/crampcare/internal/input"
)

func TestDaySettings(t *testing.T) {
	clk := func(s string) input.Clock { c, _ := input.ParseClock("", s); return c }
	for _, tc := range []struct {
		name string
		day  Day
		want map[string]string
	}{
		{"defaults", Day{clk("08:00"), clk("22:00"), 8}, map[string]string{
			HydrationStart: "08:00", HydrationEnd: "20:00", StretchTime: "21:30",
			NightStart: "21:00", NightEnd: "08:00", HydrationGoal: "8"}},
		{"early bird", Day{clk("05:30"), clk("21:00"), 6}, map[string]string{
			HydrationStart: "05:30", HydrationEnd: "19:00", StretchTime: "20:30",
			NightStart: "20:00", NightEnd: "05:30", HydrationGoal: "6"}},
		{"bed after midnight", Day{clk("10:00"), clk("00:30"), 10}, map[string]string{
			HydrationStart: "10:00", HydrationEnd: "22:30", StretchTime: "00:00",
			NightStart: "23:30", NightEnd: "10:00", HydrationGoal: "10"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.day.Settings()
			if !maps.Equal(got, tc.want) {
				t.Fatalf("Settings() = %v, want %v", got, tc.want)
			}
			for k, v := range got {
				if _, err := Normalize(k, v); err != nil {
					t.Errorf("%s=%s does not validate: %v", k, v, err)
				}
			}
			// Read back from what it set, the welcome shows the same day.
			if back := DayOf(Resolve(got)); back != tc.day {
				t.Errorf("DayOf(Settings()) = %+v, want %+v", back, tc.day)
			}
		})
	}
}

func TestDayOfDefaults(t *testing.T) {
	d := DayOf(Defaults())
	if d.GetUp.String() != "08:00" || d.Bed.String() != "22:00" || d.Goal != 8 {
		t.Fatalf("DayOf(Defaults()) = %s %s %d, want 08:00 22:00 8", d.GetUp, d.Bed, d.Goal)
	}
}
