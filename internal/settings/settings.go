// Package settings defines every user setting: its key, default, what is
// allowed, and a typed getter. Values are stored as normalised strings so the
// store, the CLI and the API need not know each setting's type.
package settings

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/crampcare/crampcare/internal/input"
)

// Keys of the settings that exist today.
const (
	HydrationGoal = "hydration.goal"
	NightStart    = "night.start"
	NightEnd      = "night.end"
	UIScale       = "ui.scale"
)

// Def describes one setting.
type Def struct {
	Key     string
	Default string
	Help    string // what is allowed, shown in `settings list` and error messages
	parse   func(key, value string) (string, error)
}

// Defs returns every setting, sorted by key. It builds the table on each call
// so that no package-level state can be changed by accident.
func Defs() []Def {
	defs := []Def{
		{Key: HydrationGoal, Default: "8", Help: "glasses of water a day, 1 to 30", parse: intIn(1, 30)},
		{Key: NightStart, Default: "21:00", Help: "when night begins (dark windows), HH:MM", parse: clock},
		{Key: NightEnd, Default: "07:00", Help: "when night ends, HH:MM", parse: clock},
		{Key: UIScale, Default: "1", Help: "text and control size, 0.75 to 2.0", parse: floatIn(0.75, 2.0)},
	}
	sort.Slice(defs, func(i, j int) bool { return defs[i].Key < defs[j].Key })
	return defs
}

// Lookup finds a setting's definition.
func Lookup(key string) (Def, bool) {
	for _, d := range Defs() {
		if d.Key == key {
			return d, true
		}
	}
	return Def{}, false
}

// Normalize validates value for key and returns its canonical form, or an
// input error naming the key and what is allowed.
func Normalize(key, value string) (string, error) {
	d, ok := Lookup(key)
	if !ok {
		keys := make([]string, 0, len(Defs()))
		for _, d := range Defs() {
			keys = append(keys, d.Key)
		}
		return "", input.Errorf("key", "%q is not a setting; known settings: %s", key, strings.Join(keys, ", "))
	}
	v, err := d.parse(key, strings.TrimSpace(value))
	if err != nil {
		return "", err
	}
	return v, nil
}

// Item is one setting as shown to the user.
type Item struct {
	Key     string `json:"key"`
	Value   string `json:"value"`
	Default string `json:"default"`
	Help    string `json:"help"`
}

// Values are the effective settings: stored values over defaults.
type Values struct {
	m map[string]string
}

// Resolve builds effective values from what is stored. A stored value that no
// longer validates (written by a newer version, say) falls back to the
// default rather than breaking the app.
func Resolve(stored map[string]string) Values {
	m := make(map[string]string, len(Defs()))
	for _, d := range Defs() {
		m[d.Key] = d.Default
		if s, ok := stored[d.Key]; ok {
			if v, err := d.parse(d.Key, s); err == nil {
				m[d.Key] = v
			}
		}
	}
	return Values{m: m}
}

// Defaults are the values before the user changes anything.
func Defaults() Values { return Resolve(nil) }

// Items lists every setting with its effective value, sorted by key.
func (v Values) Items() []Item {
	var items []Item
	for _, d := range Defs() {
		items = append(items, Item{Key: d.Key, Value: v.get(d.Key), Default: d.Default, Help: d.Help})
	}
	return items
}

func (v Values) get(key string) string {
	if s, ok := v.m[key]; ok {
		return s
	}
	d, _ := Lookup(key)
	return d.Default
}

// HydrationGoal is the daily goal in glasses.
func (v Values) HydrationGoal() int {
	n, _ := strconv.Atoi(v.get(HydrationGoal))
	return n
}

// Scale is the text and control size factor every window obeys.
func (v Values) Scale() float32 {
	f, _ := strconv.ParseFloat(v.get(UIScale), 32)
	return float32(f)
}

// NightStart is when the dark, dim look begins.
func (v Values) NightStart() input.Clock { return mustClock(v.get(NightStart)) }

// NightEnd is when the dark, dim look ends.
func (v Values) NightEnd() input.Clock { return mustClock(v.get(NightEnd)) }

// IsNight reports whether t falls in the night window, which may cross
// midnight (21:00..07:00) or not (00:00..06:00).
func (v Values) IsNight(t time.Time) bool {
	start, end := v.NightStart(), v.NightEnd()
	now := input.Clock(t.Hour()*60 + t.Minute())
	if start == end {
		return false
	}
	if start < end {
		return now >= start && now < end
	}
	return now >= start || now < end
}

func mustClock(s string) input.Clock {
	c, _ := input.ParseClock("", s)
	return c
}

func intIn(min, max int) func(string, string) (string, error) {
	return func(key, s string) (string, error) {
		n, err := input.ParseInt(key, s, min, max)
		if err != nil {
			return "", err
		}
		return strconv.Itoa(n), nil
	}
}

func floatIn(min, max float64) func(string, string) (string, error) {
	return func(key, s string) (string, error) {
		f, err := strconv.ParseFloat(s, 64)
		if err != nil || f < min || f > max {
			return "", input.Errorf(key, "%q must be a number from %g to %g", s, min, max)
		}
		return strconv.FormatFloat(f, 'f', -1, 64), nil
	}
}

func clock(key, s string) (string, error) {
	c, err := input.ParseClock(key, s)
	if err != nil {
		return "", err
	}
	return c.String(), nil
}
