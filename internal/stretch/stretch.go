// Package stretch defines a recorded evening stretch: the habit the facts
// sheet says prevents night cramps when done every night.
package stretch

import (
	"time"

	"github.com/crampcare/crampcare/internal/input"
	"github.com/crampcare/crampcare/internal/l10n"
	"github.com/crampcare/crampcare/internal/night"
)

// Where a stretch was recorded from.
const (
	SourceGuided = "guided" // the guided stretch window ran to the end
	SourceWindow = "window" // "I did my stretch" in a window
	SourceTray   = "tray"   // "I stretched" in the tray menu
	SourceCLI    = "cli"    // crampcare stretch done
)

// Session is one evening stretch.
type Session struct {
	// ID is this store's key; UID names the session in every copy of the
	// diary, for imports (see cramp.Entry).
	ID     uint64    `json:"id"`
	UID    string    `json:"uid,omitempty"`
	Start  time.Time `json:"start"`
	End    time.Time `json:"end"`
	Source string    `json:"source"`
	// Steps names the steps completed, when the guided window recorded it.
	Steps  []string `json:"steps,omitempty"`
	Rounds int      `json:"rounds,omitempty"`
	// Partial marks a guided stretch stopped before the calf and hamstring
	// stretches were done on both legs: kept, but it does not count.
	Partial bool `json:"partial,omitempty"`
}

// Validate checks the session's times against now, the rule every stored
// session obeys however it came in (the CLI, the window, the API, an
// import): it starts at a time not in the future (a minute of slack) and
// not before input.Earliest, and ends neither before it starts nor after
// now.
func (s Session) Validate(now time.Time) error {
	if err := input.CheckPast("at", s.Start, now); err != nil {
		return err
	}
	if s.End.Before(s.Start) {
		return input.Err("end", l10n.Mark("ends before it starts"))
	}
	if s.End.After(now.Add(input.Slack)) {
		return input.Err("end", l10n.Mark("{{.Time}} is in the future"), l10n.Args{"Time": s.End.Format("2006-01-02 15:04")})
	}
	return nil
}

// Streak counts the nights in a row with a stretch that counts, up to now:
// from tonight back if tonight is done, else from last night back (the
// evening is not over yet). Sessions may come in any order.
func Streak(sessions []Session, now time.Time) int {
	// Keyed by the date in now's zone: time.Time values from the store may
	// carry another *Location for the same zone, and == would tell them apart.
	key := func(n time.Time) string { return n.Format("2006-01-02") }
	done := map[string]bool{}
	for _, s := range sessions {
		if !s.Partial {
			done[key(night.Of(s.Start.In(now.Location())))] = true
		}
	}
	n := night.Of(now)
	if !done[key(n)] {
		n = n.AddDate(0, 0, -1)
	}
	streak := 0
	for done[key(n)] {
		streak++
		n = n.AddDate(0, 0, -1)
	}
	return streak
}

// Nights counts the nights with a stretch that counts, however far apart:
// a streak of one is "the first night" only when Nights is one too.
func Nights(sessions []Session, now time.Time) int {
	done := map[string]bool{}
	for _, s := range sessions {
		if !s.Partial {
			done[night.Of(s.Start.In(now.Location())).Format("2006-01-02")] = true
		}
	}
	return len(done)
}
