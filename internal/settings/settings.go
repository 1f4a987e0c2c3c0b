// Package settings defines every user setting: its key, default, what is
// allowed, and a typed getter. Values are stored as normalised strings so the
// store, the CLI and the API need not know each setting's type.
package settings

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/crampcare/crampcare/internal/input"
	"github.com/crampcare/crampcare/internal/l10n"
)

// Keys of the settings.
const (
	HydrationEnabled   = "hydration.enabled"
	HydrationInterval  = "hydration.interval"
	HydrationStart     = "hydration.start"
	HydrationEnd       = "hydration.end"
	HydrationDays      = "hydration.days"
	HydrationGoal      = "hydration.goal"
	HydrationAfterGoal = "hydration.after-goal"
	HydrationTaper     = "hydration.taper"
	StretchEnabled     = "stretch.enabled"
	StretchTime        = "stretch.time"
	StretchDays        = "stretch.days"
	StretchNag         = "stretch.nag"
	StretchRounds      = "stretch.rounds"
	StretchSkip        = "stretch.skip"
	StretchMassage     = "stretch.massage"
	StretchSound       = "stretch.sound"
	PausedUntil        = "reminders.paused-until"
	WhenAway           = "reminders.when-away"
	WhenBusy           = "reminders.when-busy"
	NightStart         = "night.start"
	NightEnd           = "night.end"
	UIScale            = "ui.scale"
	// Language, Clock and WeekStart say how CrampCare speaks and writes
	// times: auto follows the system's locale.
	Language  = "ui.language"
	Clock     = "ui.clock"
	WeekStart = "ui.week-start"
	Autostart = "autostart.enabled"
	// WelcomeDone is set once the first-run welcome was finished or
	// closed; until then no reminder is sent.
	WelcomeDone = "welcome.done"
	// ToldClosed is set once a person without a tray was told where
	// CrampCare goes when its main window closes.
	ToldClosed = "welcome.told-closed"
	// RemindersWindow sends reminders to CrampCare's own small window
	// instead of a notification (chosen when a test notification was
	// not seen).
	RemindersWindow = "reminders.window"
)

// Def describes one setting.
type Def struct {
	Key     string
	Default string
	Help    string // what is allowed, shown in `settings list` and error messages
	parse   func(key, value string) (string, error)
	// notLater, if set, checks a normalised value against the clock: a
	// date that cannot lie in the future (a date of birth, say).
	notLater func(key, value string, now time.Time) error
}

// Defs returns every setting, sorted by key. It builds the table on each call
// so that no package-level state can be changed by accident.
func Defs() []Def {
	defs := []Def{
		{Key: HydrationEnabled, Default: "true", Help: l10n.Mark("remind to drink: true or false"), parse: boolean},
		{Key: HydrationInterval, Default: "75m", Help: l10n.Mark("time between drink reminders, 1m to 12h (like 75m or 1h30m)"), parse: durationIn(time.Minute, 12*time.Hour)},
		{Key: HydrationStart, Default: "08:00", Help: l10n.Mark("start of the waking day for drink reminders, HH:MM"), parse: clock},
		{Key: HydrationEnd, Default: "20:00", Help: l10n.Mark("end of the waking day, HH:MM (may be after midnight for night work)"), parse: clock},
		{Key: HydrationDays, Default: "every", Help: l10n.Mark("days with drink reminders: every, or a list like mon,tue,wed"), parse: days},
		{Key: HydrationGoal, Default: "8", Help: l10n.Mark("glasses of water a day, 1 to 30"), parse: intIn(1, 30)},
		{Key: HydrationAfterGoal, Default: "false", Help: l10n.Mark("keep reminding after the goal is reached: true or false"), parse: boolean},
		{Key: HydrationTaper, Default: "2h", Help: l10n.Mark("no drink reminders this long before the evening stretch, 0s to 6h"), parse: durationIn(0, 6*time.Hour)},
		{Key: Autostart, Default: "true", Help: l10n.Mark("start CrampCare when you log in: true or false"), parse: boolean},
		{Key: StretchEnabled, Default: "true", Help: l10n.Mark("remind to stretch in the evening: true or false"), parse: boolean},
		{Key: StretchTime, Default: "21:30", Help: l10n.Mark("time of the evening stretch reminder, HH:MM"), parse: clock},
		{Key: StretchDays, Default: "every", Help: l10n.Mark("days with the stretch reminder: every, or a list like mon,tue,wed"), parse: days},
		{Key: StretchNag, Default: "20m", Help: l10n.Mark("one follow-up this long after the stretch reminder if not done, 0s (none) to 2h"), parse: durationIn(0, 2*time.Hour)},
		{Key: StretchRounds, Default: "2", Help: l10n.Mark("rounds of the calf and hamstring stretches, 1 to 3"), parse: intIn(1, 3)},
		{Key: StretchSkip, Default: "", Help: l10n.Mark("stretch steps switched off: empty, or a list of calf, hamstring, ankles, toes"), parse: stepList},
		{Key: StretchMassage, Default: "false", Help: l10n.Mark("end the stretch with a short leg massage: true or false"), parse: boolean},
		{Key: StretchSound, Default: "true", Help: l10n.Mark("a sound when to switch legs and at the end: true or false"), parse: boolean},
		{Key: WelcomeDone, Default: "false", Help: l10n.Mark("the first-run welcome is done (no reminders before): true or false"), parse: boolean},
		{Key: ToldClosed, Default: "false", Help: l10n.Mark("told once where CrampCare went when its window closed without a tray: true or false"), parse: boolean},
		{Key: RemindersWindow, Default: "false", Help: l10n.Mark("show reminders in CrampCare's own window instead of a notification: true or false"), parse: boolean},
		{Key: PausedUntil, Default: "", Help: l10n.Mark("no reminders until this time (RFC 3339), empty for none"), parse: moment},
		{Key: WhenAway, Default: Hold, Help: l10n.Mark("reminders while the screen is locked or you are away: hold (until you are back) or show"), parse: holdOrShow},
		{Key: WhenBusy, Default: Hold, Help: l10n.Mark("reminders in Do Not Disturb or while a full-screen window is in front: hold (until it ends) or show"), parse: holdOrShow},
		{Key: NightStart, Default: "21:00", Help: l10n.Mark("when night begins (dark windows), HH:MM"), parse: clock},
		{Key: NightEnd, Default: "07:00", Help: l10n.Mark("when night ends, HH:MM"), parse: clock},
		{Key: Language, Default: "auto", Help: l10n.Mark("the language: auto (the system's), en, de, es or fr"), parse: oneOf("auto", "en", "de", "es", "fr")},
		{Key: Clock, Default: "auto", Help: l10n.Mark("how times are written: auto (the system's way), 12h or 24h"), parse: oneOf("auto", "12h", "24h")},
		{Key: WeekStart, Default: "auto", Help: l10n.Mark("the first day of the week: auto (the system's), monday or sunday"), parse: oneOf("auto", "monday", "sunday")},
		{Key: UIScale, Default: "1", Help: l10n.Mark("text and control size, 0.75 to 2.0"), parse: floatIn(0.75, 2.0)},
		{Key: PatientName, Default: "", Help: l10n.Mark("for the report: your name, or empty"), parse: patientName},
		{Key: PatientBorn, Default: "", Help: l10n.Mark("for the report: your date of birth like 1950-03-14, or empty"), parse: birthDate, notLater: notAfterDay},
		{Key: PatientSince, Default: "", Help: l10n.Mark("for the report: the month and year the cramps started, like 2024-03, or empty"), parse: month, notLater: notAfterMonth},
		{Key: PatientMedicines, Default: "", Help: l10n.Mark("for the report: the medicines you take, separated by ; (like Ramipril 5 mg; Simvastatin 20 mg), or empty"), parse: medicines},
		{Key: PatientConditions, Default: "", Help: l10n.Mark("for the report: empty, or a list of diabetes, kidney, thyroid, circulation, nerves, pregnancy"), parse: conditions},
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
		return "", input.Err("key", l10n.Mark("{{.Value}} is not a setting; known settings: {{.Choices}}"), l10n.Args{"Value": fmt.Sprintf("%q", key), "Choices": strings.Join(keys, ", ")})
	}
	v, err := d.parse(key, strings.TrimSpace(value))
	if err != nil {
		return "", err
	}
	return v, nil
}

// NormalizeAt is Normalize for a value given at now: a date a setting
// holds (the month the cramps started, a date of birth) cannot be later.
// Everything that stores a setting (the service, an import) uses it;
// Normalize alone serves where no clock is at hand (comparing values).
func NormalizeAt(key, value string, now time.Time) (string, error) {
	v, err := Normalize(key, value)
	if err != nil {
		return "", err
	}
	if d, _ := Lookup(key); d.notLater != nil {
		if err := d.notLater(key, v, now); err != nil {
			return "", err
		}
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

// HydrationEnabled says whether drink reminders are on.
func (v Values) HydrationEnabled() bool { return v.get(HydrationEnabled) == "true" }

// HydrationInterval is the time between drink reminders.
func (v Values) HydrationInterval() time.Duration { return mustDuration(v.get(HydrationInterval)) }

// HydrationStart is when the waking day begins.
func (v Values) HydrationStart() input.Clock { return mustClock(v.get(HydrationStart)) }

// HydrationEnd is when the waking day ends; before HydrationStart means the
// next morning.
func (v Values) HydrationEnd() input.Clock { return mustClock(v.get(HydrationEnd)) }

// HydrationDays are the days with drink reminders.
func (v Values) HydrationDays() Weekdays { return mustDays(v.get(HydrationDays)) }

// HydrationAfterGoal says whether to keep reminding once the goal is met.
func (v Values) HydrationAfterGoal() bool { return v.get(HydrationAfterGoal) == "true" }

// HydrationTaper is the quiet time before the evening stretch.
func (v Values) HydrationTaper() time.Duration { return mustDuration(v.get(HydrationTaper)) }

// StretchEnabled says whether the evening stretch reminder is on.
func (v Values) StretchEnabled() bool { return v.get(StretchEnabled) == "true" }

// StretchTime is when the evening stretch reminder comes.
func (v Values) StretchTime() input.Clock { return mustClock(v.get(StretchTime)) }

// StretchDays are the days with the stretch reminder.
func (v Values) StretchDays() Weekdays { return mustDays(v.get(StretchDays)) }

// StretchNag is the delay of the one follow-up; zero means none.
func (v Values) StretchNag() time.Duration { return mustDuration(v.get(StretchNag)) }

// StretchRounds is how many rounds of the stretches the guided stretch runs.
func (v Values) StretchRounds() int {
	n, _ := strconv.Atoi(v.get(StretchRounds))
	return n
}

// StretchSkip lists the steps switched off.
func (v Values) StretchSkip() []string {
	if s := v.get(StretchSkip); s != "" {
		return strings.Split(s, ",")
	}
	return nil
}

// StretchMassage says whether the optional massage is on.
func (v Values) StretchMassage() bool { return v.get(StretchMassage) == "true" }

// StretchSound says whether the guided stretch makes a sound.
func (v Values) StretchSound() bool { return v.get(StretchSound) == "true" }

// Autostart reports whether CrampCare starts at login.
func (v Values) Autostart() bool { return v.get(Autostart) == "true" }

// WelcomeDone reports whether the first-run welcome was finished or closed.
func (v Values) WelcomeDone() bool { return v.get(WelcomeDone) == "true" }

// ToldClosed reports whether a tray-less person was told where CrampCare
// goes when its window closes.
func (v Values) ToldClosed() bool { return v.get(ToldClosed) == "true" }

// RemindersWindow reports whether reminders open CrampCare's own window
// rather than a notification.
func (v Values) RemindersWindow() bool { return v.get(RemindersWindow) == "true" }

// HoldWhenAway says whether reminders wait while the screen is locked or
// the person is away from the computer.
func (v Values) HoldWhenAway() bool { return v.get(WhenAway) == Hold }

// HoldWhenBusy says whether reminders wait through Do Not Disturb and a
// full-screen window (a presentation, a film, a call).
func (v Values) HoldWhenBusy() bool { return v.get(WhenBusy) == Hold }

// PausedUntil is when paused reminders resume; zero when not paused.
func (v Values) PausedUntil() time.Time {
	t, _ := time.Parse(time.RFC3339, v.get(PausedUntil))
	return t
}

// HydrationGoal is the daily goal in glasses.
func (v Values) HydrationGoal() int {
	n, _ := strconv.Atoi(v.get(HydrationGoal))
	return n
}

// Speech is how the person wants to be spoken to: language, clock and
// first day of the week, each "auto" or a choice.
func (v Values) Speech() (language, clock, weekStart string) {
	return v.get(Language), v.get(Clock), v.get(WeekStart)
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

func mustDuration(s string) time.Duration {
	d, _ := time.ParseDuration(s)
	return d
}

func mustDays(s string) Weekdays {
	d, _ := ParseWeekdays("", s)
	return d
}

// The values of WhenAway and WhenBusy.
const (
	Hold = "hold"
	Show = "show"
)

// oneOf accepts one of the words given, in any case.
func oneOf(words ...string) func(key, s string) (string, error) {
	return func(key, s string) (string, error) {
		v := strings.ToLower(s)
		for _, w := range words {
			if v == w {
				return v, nil
			}
		}
		return "", input.Err(key, l10n.Mark("{{.Value}} must be one of {{.Choices}}"), l10n.Args{"Value": fmt.Sprintf("%q", s), "Choices": strings.Join(words, ", ")})
	}
}

func holdOrShow(key, s string) (string, error) {
	switch v := strings.ToLower(s); v {
	case Hold, Show:
		return v, nil
	}
	return "", input.Err(key, l10n.Mark("{{.Value}} must be hold or show"), l10n.Args{"Value": fmt.Sprintf("%q", s)})
}

func boolean(key, s string) (string, error) {
	switch strings.ToLower(s) {
	case "true", "yes", "on", "1":
		return "true", nil
	case "false", "no", "off", "0":
		return "false", nil
	}
	return "", input.Err(key, l10n.Mark("{{.Value}} must be true or false"), l10n.Args{"Value": fmt.Sprintf("%q", s)})
}

func durationIn(min, max time.Duration) func(string, string) (string, error) {
	return func(key, s string) (string, error) {
		d, err := time.ParseDuration(s)
		if err != nil || d < min || d > max {
			return "", input.Err(key, l10n.Mark("{{.Value}} must be a duration from {{.Min}} to {{.Max}}, like 75m or 1h30m"), l10n.Args{"Value": fmt.Sprintf("%q", s), "Min": FormatDuration(min), "Max": FormatDuration(max)})
		}
		return FormatDuration(d), nil
	}
}

// FormatDuration writes d as settings store it, without Go's trailing zero
// units: 1h30m, not 1h30m0s.
func FormatDuration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

func moment(key, s string) (string, error) {
	if s == "" {
		return "", nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return "", input.Err(key, l10n.Mark("{{.Value}} must be a time like 2026-11-23T14:00:00+01:00, or empty"), l10n.Args{"Value": fmt.Sprintf("%q", s)})
	}
	if err := input.CheckKept(key, t); err != nil {
		return "", err
	}
	return t.Format(time.RFC3339), nil
}

// stepList reads the stretch steps that may be switched off. The names
// are the routine's step IDs; settings cannot import the routine (it would
// be a cycle of concepts), so the list is repeated here and a test in the
// routine package keeps the two equal.
func stepList(key, s string) (string, error) {
	if strings.TrimSpace(s) == "" {
		return "", nil
	}
	var out []string
	for _, p := range strings.Split(s, ",") {
		p = strings.ToLower(strings.TrimSpace(p))
		found := false
		for _, n := range SkippableSteps() {
			if p == n {
				found = true
			}
		}
		if !found {
			return "", input.Err(key, l10n.Mark("{{.Value}} is not a stretch step; use {{.Choices}}"), l10n.Args{"Value": fmt.Sprintf("%q", p), "Choices": strings.Join(SkippableSteps(), ", ")})
		}
		out = append(out, p)
	}
	return strings.Join(out, ","), nil
}

// SkippableSteps are the IDs of the evening stretch steps that may be
// switched off.
func SkippableSteps() []string { return []string{"calf", "hamstring", "ankles", "toes"} }

func days(key, s string) (string, error) {
	d, err := ParseWeekdays(key, s)
	if err != nil {
		return "", err
	}
	return d.String(), nil
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
			return "", input.Err(key, l10n.Mark("{{.Value}} must be a number from {{.Min}} to {{.Max}}"), l10n.Args{"Value": fmt.Sprintf("%q", s), "Min": min, "Max": max})
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
