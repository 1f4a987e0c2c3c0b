// Package service is what CrampCare can do with the diary: log, list, count
// and configure. The agent serves it over the local API; the CLI uses it
// directly when no agent runs. Both go through Diary, so the rules (validation,
// "now" from one clock) live in one place.
package service

import (
	"context"
	"time"

	"github.com/crampcare/crampcare/internal/cramp"
	"github.com/crampcare/crampcare/internal/input"
	"github.com/crampcare/crampcare/internal/settings"
	"github.com/crampcare/crampcare/internal/store"
	"github.com/crampcare/crampcare/internal/water"
)

// Diary is the one API every face of the app uses.
type Diary interface {
	// LogCramp validates and stores a cramp; a zero At means now.
	LogCramp(ctx context.Context, e cramp.Entry) (cramp.Entry, error)
	// Cramps lists cramps at or after since, newest first.
	Cramps(ctx context.Context, since time.Time) ([]cramp.Entry, error)
	// LogGlass stores a glass of water; a zero at means now.
	LogGlass(ctx context.Context, at time.Time) (water.Glass, error)
	// Status summarises today for the tray, the main window and the CLI.
	Status(ctx context.Context) (Status, error)
	// Settings lists every setting with its effective value.
	Settings(ctx context.Context) ([]settings.Item, error)
	// SetSetting validates and stores one setting.
	SetSetting(ctx context.Context, key, value string) (settings.Item, error)
}

// Status is today at a glance.
type Status struct {
	Now time.Time `json:"now"`
	// Cramps24h counts cramps in the last 24 hours: a night's cramps straddle
	// midnight, so "today" by the calendar would split them.
	Cramps24h int          `json:"cramps_24h"`
	LastCramp *cramp.Entry `json:"last_cramp,omitempty"`
	Glasses   int          `json:"glasses"` // since local midnight
	Goal      int          `json:"goal"`
	Night     bool         `json:"night"` // inside night.start..night.end: windows go dark
	Scale     float32      `json:"scale"`
}

// Change says what a write touched, so listeners refresh only what they show.
type Change string

// The kinds of change.
const (
	ChangeCramps   Change = "cramps"
	ChangeGlasses  Change = "glasses"
	ChangeSettings Change = "settings"
)

// Params wires a Service.
type Params struct {
	Store *store.Store
	// Now is the clock; tests pass a fixed one.
	Now func() time.Time
	// OnChange, if set, is called after every successful write.
	OnChange func(Change)
}

// Service implements Diary on a Store.
type Service struct {
	p Params
}

// New returns a Service; Now defaults to time.Now.
func New(p Params) *Service {
	if p.Now == nil {
		p.Now = time.Now
	}
	if p.OnChange == nil {
		p.OnChange = func(Change) {}
	}
	return &Service{p: p}
}

var _ Diary = (*Service)(nil)

// LogCramp implements Diary.
func (s *Service) LogCramp(_ context.Context, e cramp.Entry) (cramp.Entry, error) {
	now := s.p.Now()
	if e.At.IsZero() {
		e.At = now
	}
	e.ID = 0
	if err := e.Validate(now); err != nil {
		return cramp.Entry{}, err
	}
	e, err := s.p.Store.AddCramp(e)
	if err != nil {
		return cramp.Entry{}, err
	}
	s.p.OnChange(ChangeCramps)
	return e, nil
}

// Cramps implements Diary.
func (s *Service) Cramps(_ context.Context, since time.Time) ([]cramp.Entry, error) {
	return s.p.Store.Cramps(since, time.Time{})
}

// LogGlass implements Diary.
func (s *Service) LogGlass(_ context.Context, at time.Time) (water.Glass, error) {
	now := s.p.Now()
	if at.IsZero() {
		at = now
	}
	if at.After(now.Add(time.Minute)) {
		return water.Glass{}, input.Errorf("at", "%s is in the future", at.Format("2006-01-02 15:04"))
	}
	g, err := s.p.Store.AddGlass(at)
	if err != nil {
		return water.Glass{}, err
	}
	s.p.OnChange(ChangeGlasses)
	return g, nil
}

// Status implements Diary.
func (s *Service) Status(_ context.Context) (Status, error) {
	now := s.p.Now()
	vals, err := s.values()
	if err != nil {
		return Status{}, err
	}
	cr, err := s.p.Store.Cramps(now.Add(-24*time.Hour), time.Time{})
	if err != nil {
		return Status{}, err
	}
	y, m, d := now.Date()
	midnight := time.Date(y, m, d, 0, 0, 0, 0, now.Location())
	gl, err := s.p.Store.Glasses(midnight, time.Time{})
	if err != nil {
		return Status{}, err
	}
	st := Status{
		Now:       now,
		Cramps24h: len(cr),
		Glasses:   len(gl),
		Goal:      vals.HydrationGoal(),
		Night:     vals.IsNight(now),
		Scale:     vals.Scale(),
	}
	if len(cr) > 0 {
		st.LastCramp = &cr[0]
	}
	return st, nil
}

// Settings implements Diary.
func (s *Service) Settings(context.Context) ([]settings.Item, error) {
	vals, err := s.values()
	if err != nil {
		return nil, err
	}
	return vals.Items(), nil
}

// SetSetting implements Diary.
func (s *Service) SetSetting(_ context.Context, key, value string) (settings.Item, error) {
	v, err := settings.Normalize(key, value)
	if err != nil {
		return settings.Item{}, err
	}
	if err := s.p.Store.SetSetting(key, v); err != nil {
		return settings.Item{}, err
	}
	s.p.OnChange(ChangeSettings)
	d, _ := settings.Lookup(key)
	return settings.Item{Key: key, Value: v, Default: d.Default, Help: d.Help}, nil
}

// Values returns the effective settings, for the agent's own use.
func (s *Service) Values() (settings.Values, error) { return s.values() }

func (s *Service) values() (settings.Values, error) {
	m, err := s.p.Store.Settings()
	if err != nil {
		return settings.Values{}, err
	}
	return settings.Resolve(m), nil
}
