// Package service is what CrampCare can do with the diary: log, list, count
// and configure. The agent serves it over the local API; the CLI uses it
// directly when no agent runs. Both go through Diary, so the rules (validation,
// "now" from one clock) live in one place.
package service

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/crampcare/crampcare/internal/backup"
	"github.com/crampcare/crampcare/internal/cramp"
	"github.com/crampcare/crampcare/internal/diary"
	"github.com/crampcare/crampcare/internal/export"
	"github.com/crampcare/crampcare/internal/input"
	"github.com/crampcare/crampcare/internal/insights"
	"github.com/crampcare/crampcare/internal/l10n"
	"github.com/crampcare/crampcare/internal/redflags"
	"github.com/crampcare/crampcare/internal/schedule"
	"github.com/crampcare/crampcare/internal/settings"
	"github.com/crampcare/crampcare/internal/store"
	"github.com/crampcare/crampcare/internal/stretch"
	"github.com/crampcare/crampcare/internal/water"
)

// nextChange is Status.Changes: the soonest of the moments at which the
// clock alone changes a status made at now. cramps24h is newest first.
func nextChange(now time.Time, vals settings.Values, cramps24h []cramp.Entry, paused time.Time) time.Time {
	y, m, d := now.Date()
	next := time.Date(y, m, d+1, 0, 0, 0, 0, now.Location())
	if len(cramps24h) > 0 {
		next = minTime(next, cramps24h[len(cramps24h)-1].At.Add(24*time.Hour))
	}
	for _, c := range []input.Clock{vals.NightStart(), vals.NightEnd()} {
		at := c.On(now)
		if !at.After(now) {
			at = c.On(now.AddDate(0, 0, 1))
		}
		next = minTime(next, at)
	}
	if !paused.IsZero() {
		next = minTime(next, paused)
	}
	return next
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

// The domain's types, under the names this package has always used.
type (
	// Diary is diary.Diary.
	Diary = diary.Diary
	// Status is diary.Status.
	Status = diary.Status
	// Change is diary.Change.
	Change = diary.Change
)

// The kinds of change and how long a card is hidden, from diary.
const (
	ChangeCramps   = diary.ChangeCramps
	ChangeGlasses  = diary.ChangeGlasses
	ChangeSettings = diary.ChangeSettings
	ChangeStretch  = diary.ChangeStretch
	DismissFor     = diary.DismissFor
)

// Params wires a Service.
type Params struct {
	Store *store.Store
	// Now is the clock; tests pass a fixed one.
	Now func() time.Time
	// OnChange, if set, is called after every successful write.
	OnChange func(Change)
	// BackupDir is where the backups are, for Doctor.
	BackupDir string
	// Warning, if set, is a notice for this run only, not kept in the
	// store: that the data folder can only be read, say, when nothing
	// could be stored anyway.
	Warning string
	// MaxExportBytes bounds the export file an import may grow the diary
	// to; zero means export.MaxBytes, which the export and import of a
	// file obey. Tests set less, to reach it without a huge diary.
	MaxExportBytes int
	// Live, if set, adds to a status what the agent knows and the store
	// does not: the next reminder, whether a stretch reminder waits,
	// whether the desktop has a tray.
	Live func(*Status)
	// Locale is the session's locale (l10n.System), which the settings'
	// "auto" follows where the service decides a format: the first day
	// of the insights' weeks. Empty: Monday, unless a setting says.
	Locale string
}

// Service implements Diary on a Store.
type Service struct {
	p Params

	mu     sync.Mutex
	warned bool // the Warning was put away
}

// New returns a Service; Now defaults to time.Now.
func New(p Params) *Service {
	if p.Now == nil {
		p.Now = time.Now
	}
	if p.OnChange == nil {
		p.OnChange = func(Change) {}
	}
	if p.MaxExportBytes <= 0 || p.MaxExportBytes > export.MaxBytes {
		p.MaxExportBytes = export.MaxBytes
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
	return s.p.Store.Cramps(bound(since), time.Time{})
}

// bound keeps a lower bound asked for (over the API, say) inside the range
// the store keys in order: nothing is kept before input.Earliest, and a
// bound past input.LatestKept would wrap around to the distant past.
func bound(since time.Time) time.Time {
	switch {
	case since.Before(input.Earliest()):
		return time.Time{} // everything
	case since.After(input.LatestKept()):
		return input.LatestKept()
	}
	return since
}

// Cramp implements Diary.
func (s *Service) Cramp(_ context.Context, id uint64) (cramp.Entry, error) {
	return s.p.Store.Cramp(id)
}

// EditCramp implements Diary.
func (s *Service) EditCramp(_ context.Context, e cramp.Entry) (cramp.Entry, error) {
	if err := e.Validate(s.p.Now()); err != nil {
		return cramp.Entry{}, err
	}
	if err := s.p.Store.UpdateCramp(e); err != nil {
		return cramp.Entry{}, err
	}
	s.p.OnChange(ChangeCramps)
	return e, nil
}

// DeleteCramp implements Diary.
func (s *Service) DeleteCramp(_ context.Context, id uint64) (cramp.Entry, error) {
	e, err := s.p.Store.DeleteCramp(id)
	if err != nil {
		return cramp.Entry{}, err
	}
	s.p.OnChange(ChangeCramps)
	return e, nil
}

// RestoreCramp implements Diary.
func (s *Service) RestoreCramp(_ context.Context, e cramp.Entry) (cramp.Entry, error) {
	if err := e.Validate(s.p.Now()); err != nil {
		return cramp.Entry{}, err
	}
	if err := s.p.Store.RestoreCramp(e); err != nil {
		return cramp.Entry{}, err
	}
	s.p.OnChange(ChangeCramps)
	return e, nil
}

// LogGlass implements Diary.
func (s *Service) LogGlass(_ context.Context, at time.Time) (water.Glass, error) {
	now := s.p.Now()
	if at.IsZero() {
		at = now
	}
	if err := (water.Glass{At: at}).Validate(now); err != nil {
		return water.Glass{}, err
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
		Now:        now,
		Cramps24h:  len(cr),
		Glasses:    len(gl),
		Goal:       vals.HydrationGoal(),
		Night:      vals.IsNight(now),
		NightStart: int(vals.NightStart()),
		NightEnd:   int(vals.NightEnd()),
		Scale:      vals.Scale(),
		Welcome:    !vals.WelcomeDone(),
	}
	st.Language, st.Clock, st.WeekStart = vals.Speech()
	for _, c := range cr {
		if c.NeedsDetails() {
			st.NoDetails = append(st.NoDetails, c)
		}
	}
	if p := vals.PausedUntil(); p.After(now) {
		st.PausedUntil = p
	}
	if st.Advice, err = s.advice(now); err != nil {
		return Status{}, err
	}
	if len(cr) > 0 {
		st.LastCramp = &cr[0]
	}
	st.Changes = nextChange(now, vals, cr, st.PausedUntil)
	if err := s.p.Store.State(noticeKey, &st.Notice); err != nil && !errors.Is(err, store.ErrNotFound) {
		return Status{}, err
	}
	if w := s.warning(); w != "" {
		st.Notice = strings.TrimSpace(w + "\n\n" + st.Notice)
	}
	if s.p.Live != nil {
		s.p.Live(&st)
	}
	return st, nil
}

// noticeKey is where the notice is kept: in the store, so that it is seen
// even if no window opens until tomorrow.
const noticeKey = "notice"

// SetNotice records a notice for the windows to show until dismissed.
func (s *Service) SetNotice(msg string) error {
	if err := s.p.Store.SetState(noticeKey, msg); err != nil {
		return err
	}
	s.p.OnChange(ChangeSettings)
	return nil
}

// DismissNotice implements Diary. It writes only when a stored notice
// is put away: a warning (which may be that nothing can be written) is
// put away for this run in memory.
func (s *Service) DismissNotice(context.Context) error {
	s.mu.Lock()
	warned := s.p.Warning != "" && !s.warned
	s.warned = true
	s.mu.Unlock()
	var stored string
	if err := s.p.Store.State(noticeKey, &stored); err == nil && stored != "" {
		return s.SetNotice("")
	}
	if warned {
		s.p.OnChange(ChangeSettings)
	}
	return nil
}

func (s *Service) warning() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.warned {
		return ""
	}
	return s.p.Warning
}

// Doctor implements Diary.
func (s *Service) Doctor(context.Context) (backup.Health, error) {
	return backup.Check(s.p.Store, s.p.BackupDir), nil
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
	v, err := settings.NormalizeAt(key, value, s.p.Now())
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

// StretchDone implements Diary.
func (s *Service) StretchDone(_ context.Context, st stretch.Session) (stretch.Session, error) {
	now := s.p.Now()
	if st.Start.IsZero() {
		st.Start = now
	}
	if st.End.IsZero() {
		st.End = st.Start
	}
	if err := st.Validate(now); err != nil {
		return stretch.Session{}, err
	}
	switch {
	case st.Rounds < 0 || st.Rounds > 10:
		return stretch.Session{}, input.Err("rounds", l10n.Mark("{{.N}} is out of range; use 0 to 10"), l10n.Args{"N": st.Rounds})
	case len(st.Steps) > 50:
		return stretch.Session{}, input.Err("steps", l10n.Mark("too many steps"))
	}
	switch st.Source {
	case stretch.SourceGuided, stretch.SourceWindow, stretch.SourceTray, stretch.SourceCLI:
	default:
		return stretch.Session{}, input.Err("source", l10n.Mark("{{.Value}} is not a known source"), l10n.Args{"Value": fmt.Sprintf("%q", st.Source)})
	}
	st.ID = 0
	st, err := s.p.Store.AddStretch(st)
	if err != nil {
		return stretch.Session{}, err
	}
	s.p.OnChange(ChangeStretch)
	return st, nil
}

// Stretches implements Diary.
func (s *Service) Stretches(_ context.Context, since time.Time) ([]stretch.Session, error) {
	return s.p.Store.Stretches(bound(since), time.Time{})
}

// RecentGlasses returns when each glass since since was drunk; the
// reminder schedule reads it.
func (s *Service) RecentGlasses(since time.Time) ([]time.Time, error) {
	gl, err := s.p.Store.Glasses(since, time.Time{})
	if err != nil {
		return nil, err
	}
	out := make([]time.Time, len(gl))
	for i, g := range gl {
		out[i] = g.At
	}
	return out, nil
}

// LastStretch returns when the newest stretch started; zero if none.
func (s *Service) LastStretch() (time.Time, error) {
	// A month back is plenty: only "done tonight" depends on it.
	list, err := s.p.Store.Stretches(s.p.Now().AddDate(0, -1, 0), time.Time{})
	if err != nil {
		return time.Time{}, err
	}
	for _, st := range list {
		if !st.Partial {
			return st.Start, nil
		}
	}
	return time.Time{}, nil
}

// Insights implements Diary.
func (s *Service) Insights(context.Context) (insights.Summary, error) {
	now := s.p.Now()
	vals, err := s.values()
	if err != nil {
		return insights.Summary{}, err
	}
	// A week more than the window: its first Monday lies up to six days
	// further back than Weeks*7 days.
	since := now.AddDate(0, 0, -7*(insights.Weeks+1))
	p := insights.Params{Goal: vals.HydrationGoal(), Now: now}
	lang, clock, week := vals.Speech()
	if s.p.Locale != "" || week != "auto" {
		p.SundayFirst = l10n.WeekStartFor(l10n.Prefs{Language: lang, Clock: clock, WeekStart: week}, s.p.Locale) == time.Sunday
	}
	if p.Cramps, err = s.p.Store.Cramps(since, time.Time{}); err != nil {
		return insights.Summary{}, err
	}
	if p.Glasses, err = s.p.Store.Glasses(since, time.Time{}); err != nil {
		return insights.Summary{}, err
	}
	// A year of stretches, for a streak longer than the window.
	if p.Stretches, err = s.p.Store.Stretches(now.AddDate(-1, 0, 0), time.Time{}); err != nil {
		return insights.Summary{}, err
	}
	if p.Start, err = s.p.Store.First(); err != nil {
		return insights.Summary{}, err
	}
	return insights.Compute(p), nil
}

// Export implements Diary. It gives what an import takes back (see
// export.Exportable): settings this version does not know or that no
// longer validate have no effect and are left out, and so are records
// dated where no import would take them (only a diary written before the
// range of dates was checked has any; they stay in the diary).
func (s *Service) Export(context.Context) (export.File, error) {
	now := s.p.Now()
	f := export.File{Format: export.Format, Version: export.Version, ExportedAt: now}
	var err error
	if f.Cramps, err = s.p.Store.Cramps(time.Time{}, time.Time{}); err != nil {
		return export.File{}, err
	}
	if f.Glasses, err = s.p.Store.Glasses(time.Time{}, time.Time{}); err != nil {
		return export.File{}, err
	}
	if f.Stretches, err = s.p.Store.Stretches(time.Time{}, time.Time{}); err != nil {
		return export.File{}, err
	}
	if f.Settings, err = s.p.Store.Settings(); err != nil {
		return export.File{}, err
	}
	f, _ = export.Exportable(f, now)
	return f, nil
}

// Import implements Diary. The file was validated when read; it is checked
// again here because it may have come over the API, without encoding it
// again (a file within the size limit as read stays within it). An import
// that would make the diary too large for one export file is refused, so
// that whatever is imported can be exported and imported again.
func (s *Service) Import(_ context.Context, f export.File) (export.Summary, error) {
	now := s.p.Now()
	if err := export.Validate(&f, now); err != nil {
		return export.Summary{}, err
	}
	var tooLarge error
	sum, err := s.p.Store.ImportChecked(f, func(after export.File) error {
		after, _ = export.Exportable(after, now)
		after.ExportedAt = now
		if err := export.FitsWithin(after, s.p.MaxExportBytes); err != nil {
			// The file is what cannot be taken: exit code 2 and the
			// API's "invalid", like any file refused.
			tooLarge = input.Err("file", l10n.Mark("importing it would make your diary too large to export again, so nothing was imported ({{.Reason}})"), l10n.Args{"Reason": err})
			return tooLarge
		}
		return nil
	})
	if tooLarge != nil {
		return export.Summary{}, tooLarge
	}
	if err != nil {
		return export.Summary{}, err
	}
	// Each kind the file added is announced, so that every listener sees
	// what it looks after: the agent applies an imported autostart
	// setting, the windows refresh what they show.
	for _, c := range []struct {
		added int
		kind  Change
	}{{sum.Settings, ChangeSettings}, {sum.Glasses, ChangeGlasses}, {sum.Stretches, ChangeStretch}, {sum.Cramps, ChangeCramps}} {
		if c.added > 0 {
			s.p.OnChange(c.kind)
		}
	}
	return sum, nil
}

// dismissedKey is where hidden advice is kept in the store: what was put
// away under each rule (redflags.Dismissals, which also reads the older
// form, a time per rule).
const dismissedKey = "advice-dismissed"

func (s *Service) dismissals() (redflags.Dismissals, error) {
	ds := redflags.Dismissals{}
	if err := s.p.Store.State(dismissedKey, &ds); err != nil && !errors.Is(err, store.ErrNotFound) {
		return nil, err
	}
	return ds, nil
}

// advice checks the last four weeks (and a bit) against the red-flag rules.
func (s *Service) advice(now time.Time) ([]redflags.Advice, error) {
	from := now.AddDate(0, 0, -30)
	cramps, err := s.p.Store.Cramps(from, time.Time{})
	if err != nil {
		return nil, err
	}
	stretches, err := s.p.Store.Stretches(from, time.Time{})
	if err != nil {
		return nil, err
	}
	ds, err := s.dismissals()
	if err != nil {
		return nil, err
	}
	return redflags.Check(cramps, stretches, now, ds), nil
}

// DismissAdvice implements Diary. It puts away what the rule's card shows
// now: for a card about single cramps, those cramps' signs only, so that a
// later warning sign shows a new card; for a card about the diary as a
// whole, the rule for DismissFor. An urgent card is never hidden for a
// time, only acknowledged.
func (s *Service) DismissAdvice(_ context.Context, rule redflags.Rule) error {
	now := s.p.Now()
	shown, err := s.advice(now)
	if err != nil {
		return err
	}
	ds, err := s.dismissals()
	if err != nil {
		return err
	}
	for _, a := range shown {
		if a.Rule == rule {
			ds.Dismiss(a, now, DismissFor)
		}
	}
	ds.Prune(now)
	if err := s.p.Store.SetState(dismissedKey, ds); err != nil {
		return err
	}
	s.p.OnChange(ChangeCramps)
	return nil
}

// reminderKey is where the reminder bookkeeping is kept in the store.
const reminderKey = "reminders"

// LoadMemory reads what reminders were sent; a fresh store has none.
func (s *Service) LoadMemory() (schedule.Memory, error) {
	var m schedule.Memory
	err := s.p.Store.State(reminderKey, &m)
	if errors.Is(err, store.ErrNotFound) {
		return schedule.Memory{}, nil
	}
	return m, err
}

// SaveMemory stores what reminders were sent.
func (s *Service) SaveMemory(m schedule.Memory) error { return s.p.Store.SetState(reminderKey, m) }

// Fresh reports whether the diary is as a first start leaves it: no
// setting stored and nothing logged. Only a fresh diary gets the first-run
// welcome; one set up on the command line first, or kept from before the
// welcome existed, does not.
func (s *Service) Fresh() (bool, error) {
	m, err := s.p.Store.Settings()
	if err != nil {
		return false, err
	}
	c, err := s.p.Store.Count()
	if err != nil {
		return false, err
	}
	return len(m) == 0 && c.Total() == 0, nil
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
