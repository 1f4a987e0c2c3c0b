// Package routine is the guided evening stretch: the routine as data (from
// shared/content/cramp-facts.md, "Prevention routine before bed") and a pure
// state machine that walks through it on a clock the caller supplies.
package routine

import (
	"time"

	"github.com/crampcare/crampcare/internal/advice"
	"github.com/crampcare/crampcare/internal/l10n"
)

// Side is the leg a step works on; the empty side means both or none.
type Side string

// The sides.
const (
	None  Side = ""
	Left  Side = "left"
	Right Side = "right"
)

// Step is one exercise of the routine.
type Step struct {
	ID      string
	Name    string
	Text    string // the instruction, from the advice package
	Picture string // in assets/illustrations, drawn for the right leg
	Hold    time.Duration
	// PerSide steps run for the left leg, then the right.
	PerSide bool
	// Rounds says whether the step repeats with the chosen rounds (the
	// stretches: 2 to 3 times per leg) or runs once (circles, flexing).
	Rounds bool
	// Core steps make the evening count as done (calf and hamstring).
	Core bool
	// Optional steps are off unless the user switches them on.
	Optional bool
}

// Evening is the evening stretch. The holds and counts follow the facts
// sheet: 30 seconds per stretch per leg, 2 to 3 rounds; about 10 ankle
// circles each way; about 10 toe flexes; a short massage if wanted.
func Evening() []Step {
	return []Step{
		{ID: "calf", Name: l10n.Mark("Calf stretch at a wall"), Text: advice.Text(advice.EveningCalf), Picture: "evening-calf-wall", Hold: 30 * time.Second, PerSide: true, Rounds: true, Core: true},
		{ID: "hamstring", Name: l10n.Mark("Hamstring stretch"), Text: advice.Text(advice.EveningHamstring), Picture: "evening-hamstring-bed", Hold: 30 * time.Second, PerSide: true, Rounds: true, Core: true},
		{ID: "ankles", Name: l10n.Mark("Ankle circles"), Text: advice.Text(advice.EveningAnkles), Picture: "evening-ankle-circles", Hold: 40 * time.Second, PerSide: true},
		{ID: "toes", Name: l10n.Mark("Toe flexing"), Text: advice.Text(advice.EveningToes), Picture: "evening-toe-flex", Hold: 30 * time.Second},
		{ID: "massage", Name: l10n.Mark("Leg massage"), Text: advice.Text(advice.EveningMassage), Picture: "evening-massage", Hold: 60 * time.Second, Optional: true},
	}
}

// Choice is what the user set: how many rounds, which steps are off.
type Choice struct {
	Rounds int             // 1 to 3
	Off    map[string]bool // step IDs switched off
	On     map[string]bool // optional step IDs switched on
}

// Item is one timed piece of the plan: a step, for one side, in one round.
type Item struct {
	Step  Step
	Side  Side
	Round int // 1-based; 0 for steps that run once
}

// Label is the item as the window titles it: "Calf stretch at a wall, left
// leg, round 2 of 3".
func (it Item) Label(rounds int) string { return it.LabelIn(l10n.English(), rounds) }

// LabelIn is Label in tr's language.
func (it Item) LabelIn(tr *l10n.Lang, rounds int) string {
	args := l10n.Args{"Step": tr.T(it.Step.Name), "Round": it.Round, "Rounds": rounds}
	round := it.Round > 0 && rounds > 1
	switch {
	case it.Side == Left && round:
		return tr.T("{{.Step}}, left leg, round {{.Round}} of {{.Rounds}}", args)
	case it.Side == Right && round:
		return tr.T("{{.Step}}, right leg, round {{.Round}} of {{.Rounds}}", args)
	case it.Side == Left:
		return tr.T("{{.Step}}, left leg", args)
	case it.Side == Right:
		return tr.T("{{.Step}}, right leg", args)
	case round:
		return tr.T("{{.Step}}, round {{.Round}} of {{.Rounds}}", args)
	}
	return tr.T(it.Step.Name)
}

// NameIn is the step's name in tr's language.
func (s Step) NameIn(tr *l10n.Lang) string { return tr.T(s.Name) }

// TextIn is the step's instruction in tr's language.
func (s Step) TextIn(tr *l10n.Lang) string { return tr.T(s.Text) }

// Plan expands steps into the items to run: the round steps alternate legs
// round by round, then the others once.
func Plan(steps []Step, c Choice) []Item {
	rounds := c.Rounds
	if rounds < 1 {
		rounds = 1
	}
	if rounds > 3 {
		rounds = 3
	}
	on := func(s Step) bool {
		if s.Optional {
			return c.On[s.ID]
		}
		return !c.Off[s.ID]
	}
	sides := func(s Step) []Side {
		if s.PerSide {
			return []Side{Left, Right}
		}
		return []Side{None}
	}
	var items []Item
	for r := 1; r <= rounds; r++ {
		for _, s := range steps {
			if s.Rounds && on(s) {
				for _, side := range sides(s) {
					items = append(items, Item{Step: s, Side: side, Round: r})
				}
			}
		}
	}
	for _, s := range steps {
		if !s.Rounds && on(s) {
			for _, side := range sides(s) {
				items = append(items, Item{Step: s, Side: side})
			}
		}
	}
	return items
}

// Length is how long a plan takes when run through without pauses: each
// item's get-ready pause plus its hold. The start page says it, so the
// figure always matches the routine as chosen.
func Length(plan []Item) time.Duration {
	var d time.Duration
	for _, it := range plan {
		d += GetReady + it.Step.Hold
	}
	return d
}

// About says a length as people say it: "about 7 minutes", rounded to the
// nearest minute, never less than one.
func About(d time.Duration) string { return AboutIn(l10n.English(), d) }

// AboutIn is About in tr's language.
func AboutIn(tr *l10n.Lang, d time.Duration) string {
	m := max(int((d+30*time.Second)/time.Minute), 1)
	return tr.N("about {{.Count}} minutes", m)
}
