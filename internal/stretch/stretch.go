// Package stretch defines a recorded evening stretch: the habit the facts
// sheet says prevents night cramps when done every night.
package stretch

import "time"

// Where a stretch was recorded from.
const (
	SourceGuided = "guided" // the guided stretch window ran to the end
	SourceWindow = "window" // "I did my stretch" in a window
	SourceTray   = "tray"   // "I stretched" in the tray menu
	SourceCLI    = "cli"    // crampcare stretch done
)

// Session is one evening stretch.
type Session struct {
	ID     uint64    `json:"id"`
	Start  time.Time `json:"start"`
	End    time.Time `json:"end"`
	Source string    `json:"source"`
	// Steps names the steps completed, when the guided window recorded it.
	Steps  []string `json:"steps,omitempty"`
	Rounds int      `json:"rounds,omitempty"`
}
