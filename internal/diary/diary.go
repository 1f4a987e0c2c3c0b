// Package diary is the diary as every face of CrampCare sees it: the
// operations on it (Diary), today at a glance (Status), what a change
// touched (Change), the health of the data file (Health), and the errors a
// person can act on with their plain-words messages. It knows neither
// storage nor transport: store keeps the diary in bbolt and maps its errors
// to these, service implements Diary on it, api carries it over the socket,
// and ui, cli and the agent work with it.
package diary

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/crampcare/crampcare/internal/cramp"
	"github.com/crampcare/crampcare/internal/export"
	"github.com/crampcare/crampcare/internal/insights"
	"github.com/crampcare/crampcare/internal/l10n"
	"github.com/crampcare/crampcare/internal/redflags"
	"github.com/crampcare/crampcare/internal/settings"
	"github.com/crampcare/crampcare/internal/stretch"
	"github.com/crampcare/crampcare/internal/water"
)

// Diary is the one API every face of the app uses.
type Diary interface {
	// LogCramp validates and stores a cramp; a zero At means now.
	LogCramp(ctx context.Context, e cramp.Entry) (cramp.Entry, error)
	// Cramps lists cramps at or after since, newest first.
	Cramps(ctx context.Context, since time.Time) ([]cramp.Entry, error)
	// Cramp returns one cramp.
	Cramp(ctx context.Context, id uint64) (cramp.Entry, error)
	// EditCramp validates and replaces a cramp (same ID).
	EditCramp(ctx context.Context, e cramp.Entry) (cramp.Entry, error)
	// DeleteCramp removes a cramp and returns it, for undo.
	DeleteCramp(ctx context.Context, id uint64) (cramp.Entry, error)
	// RestoreCramp puts a deleted cramp back under its ID (undo).
	RestoreCramp(ctx context.Context, e cramp.Entry) (cramp.Entry, error)
	// LogGlass stores a glass of water; a zero at means now.
	LogGlass(ctx context.Context, at time.Time) (water.Glass, error)
	// Status summarises today for the tray, the main window and the CLI.
	Status(ctx context.Context) (Status, error)
	// Settings lists every setting with its effective value.
	Settings(ctx context.Context) ([]settings.Item, error)
	// SetSetting validates and stores one setting.
	SetSetting(ctx context.Context, key, value string) (settings.Item, error)
	// StretchDone records an evening stretch; a zero Start means now.
	StretchDone(ctx context.Context, s stretch.Session) (stretch.Session, error)
	// Stretches lists stretch sessions at or after since, newest first.
	Stretches(ctx context.Context, since time.Time) ([]stretch.Session, error)
	// DismissAdvice puts away the card of a rule: the cramps it is about,
	// or, for a rule about the whole diary, the rule for DismissFor.
	DismissAdvice(ctx context.Context, rule redflags.Rule) error
	// Insights looks at the last insights.Weeks weeks of the diary.
	Insights(ctx context.Context) (insights.Summary, error)
	// Export returns the whole diary.
	Export(ctx context.Context) (export.File, error)
	// Import merges a validated export into the diary, all or nothing.
	Import(ctx context.Context, f export.File) (export.Summary, error)
	// DismissNotice puts away the notice in Status (a restore, say).
	DismissNotice(ctx context.Context) error
	// Doctor checks the store and its backups.
	Doctor(ctx context.Context) (Health, error)
}

// DismissFor is how long "Hide for 30 days" puts a card about the whole
// diary away: long enough not to nag, short enough to come back if nothing
// changes. Cards about single cramps are put away per cramp instead.
const DismissFor = 30 * 24 * time.Hour

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
	// NightStart and NightEnd are the settings night.start and night.end,
	// in minutes after midnight: the history lists a cramp under its night
	// only inside them, and the morning card asks only about them.
	NightStart int `json:"night_start"`
	NightEnd   int `json:"night_end"`
	// NoDetails are the cramps of the last 24 hours that still have no
	// details, newest first: the morning card asks about each of last
	// night's.
	NoDetails []cramp.Entry `json:"no_details,omitempty"`
	Scale     float32       `json:"scale"`
	// Language, Clock and WeekStart are the settings ui.language, ui.clock
	// and ui.week-start ("auto" or a choice): each process puts them
	// together with its session's locale (l10n.New).
	Language  string `json:"language,omitempty"`
	Clock     string `json:"clock,omitempty"`
	WeekStart string `json:"week_start,omitempty"`
	// PausedUntil is when paused reminders resume; zero when not paused.
	PausedUntil time.Time `json:"paused_until,omitempty"`
	// Next is the next reminder the agent will send, for the tray and the
	// Today page; nil when none is due within a week or before the
	// welcome is done. The agent's reminder runner computes it from the
	// schedule; without an agent (the CLI alone) it stays nil.
	Next *NextReminder `json:"next,omitempty"`
	// Held says why a due reminder waits ("Held while you are away"),
	// empty when none does: the reminder runner's presence.Reason.
	Held string `json:"held,omitempty"`
	// StretchPending: tonight's stretch reminder was sent and the
	// stretch is not done yet, so "Remind me in 10 minutes" is offered.
	StretchPending bool `json:"stretch_pending,omitempty"`
	// NoTray: the desktop shows no tray icons, so the main window offers
	// everything the tray menu does, and nothing points to the tray.
	NoTray bool `json:"no_tray,omitempty"`
	// Welcome: the first-run welcome is not done yet (welcome.done).
	Welcome bool `json:"welcome,omitempty"`
	// Advice is when-to-get-help advice from the diary, medical help now
	// first.
	Advice []redflags.Advice `json:"advice,omitempty"`
	// Notice is something the user must hear about once, such as a
	// damaged data file restored from a backup, until they dismiss it.
	Notice string `json:"notice,omitempty"`
	// Changes is when this status next changes by the clock alone: the
	// oldest cramp of the last 24 hours turns 24 hours old, the day's
	// glasses start again at midnight, night mode begins or ends, or a
	// pause ends. Whatever shows the status reads it again then.
	Changes time.Time `json:"changes"`
}

// NextReminder is a reminder to come.
type NextReminder struct {
	// Kind is the schedule's kind: hydration, stretch or
	// stretch-follow-up.
	Kind string    `json:"kind"`
	At   time.Time `json:"at"`
}

// NextLine says the next reminder in a few words, for the first line of the
// tray menu and the Today page: "Next: water at 14:15", with the day when
// it is not today ("Next: water Tue 08:00"); "No reminders coming" when
// there is none, and why when they are held or have not started.
func (st Status) NextLine() string { return st.NextLineIn(l10n.English()) }

// NextLineIn is NextLine in tr's language, its times in tr's clock.
func (st Status) NextLineIn(tr *l10n.Lang) string {
	if st.Held != "" {
		return tr.T(st.Held) // a presence.Reason, marked there
	}
	if st.Welcome {
		return tr.T("Reminders start when the welcome is done")
	}
	if st.Next == nil {
		if !st.PausedUntil.IsZero() {
			return tr.T("Reminders paused until {{.When}}", l10n.Args{"When": tr.Date(st.PausedUntil.Local(), "Mon 15:04")})
		}
		return tr.T("No reminders coming")
	}
	at := st.Next.At.Local()
	y, m, d := st.Now.Local().Date()
	if ay, am, ad := at.Date(); ay == y && am == m && ad == d {
		args := l10n.Args{"Time": tr.Time(at)}
		switch st.Next.Kind {
		case "stretch":
			return tr.T("Next: evening stretch at {{.Time}}", args)
		case "stretch-follow-up":
			return tr.T("Next: stretch reminder at {{.Time}}", args)
		}
		return tr.T("Next: water at {{.Time}}", args)
	}
	args := l10n.Args{"When": tr.Date(at, "Mon 15:04")}
	switch st.Next.Kind {
	case "stretch":
		return tr.T("Next: evening stretch {{.When}}", args)
	case "stretch-follow-up":
		return tr.T("Next: stretch reminder {{.When}}", args)
	}
	return tr.T("Next: water {{.When}}", args)
}

// Change says what a write touched, so listeners refresh only what they show.
type Change string

// The kinds of change.
const (
	ChangeCramps   Change = "cramps"
	ChangeGlasses  Change = "glasses"
	ChangeSettings Change = "settings"
	ChangeStretch  Change = "stretch"
	// ChangeReminders: the next reminder, or the tray, changed; nothing
	// in the diary did.
	ChangeReminders Change = "reminders"
)

// The errors a person can act on; callers test them with errors.Is,
// whether the diary is local or behind the API.
var (
	// ErrNotFound means no record has the ID asked for.
	ErrNotFound = errors.New("not found")
	// ErrLocked means another process holds the database (usually the agent).
	ErrLocked = errors.New("the database is in use by another CrampCare process")
	// ErrExists means a record with that ID is already there.
	ErrExists = errors.New("already exists")
	// ErrNewerSchema means the file was written by a newer CrampCare; opening
	// it with this one could lose data, so we refuse.
	ErrNewerSchema = errors.New("the database was written by a newer version of CrampCare")
	// ErrDamaged means the file is not a sound database: truncated, or with
	// pages overwritten. It is never written to; the agent restores the newest good backup.
	ErrDamaged = errors.New("the database file is damaged")
	// ErrDiskFull means a write found no room on the disk. bbolt writes the
	// new pages before the page that points at them, so the failed write
	// left no trace and everything saved before it is intact.
	ErrDiskFull = errors.New("the disk is full")
	// ErrReadOnly means the data folder or file cannot be written (a
	// read-only disk, or permissions). Everything saved before is intact.
	ErrReadOnly = errors.New("the data folder is read-only")
)

// ErrNoNotifications means a notification could not be shown; the
// *NotificationError that wraps it says why, in plain words.
var ErrNoNotifications = errors.New("notifications cannot be shown on this desktop")

// Why a notification could not be shown: the reasons a NotificationError
// carries, stable on the wire.
const (
	// NotifyNoService: the desktop runs no notification service.
	NotifyNoService = "no-service"
	// NotifyNoSession: there is no desktop session to show it in (started
	// outside the desktop, over SSH, say).
	NotifyNoSession = "no-session"
	// NotifyRefused: the notification service was there and said no.
	NotifyRefused = "refused"
)

// NotificationError is a notification that could not be shown, and why
// (one of the Notify reasons). Its text is for a person: what failed and
// what to do; the system's own words go to the agent's log.
type NotificationError struct{ Reason string }

func (e *NotificationError) Error() string { return e.In(l10n.English()) }

// meanwhile ends every NotificationError: reminders never go missing, the
// agent opens a small window instead.
const meanwhile = " Until then, reminders open a small CrampCare window instead, so none is missed."

// In is the error's plain words in tr's language.
func (e *NotificationError) In(tr *l10n.Lang) string {
	switch e.Reason {
	case NotifyNoService:
		return tr.T("The test notification could not be shown: this desktop has no notification service running. " +
			"Turn notifications on in your desktop's settings, or install a notification program " +
			"(for example dunst, or the one your desktop suggests), then try again." + meanwhile)
	case NotifyNoSession:
		return tr.T("The test notification could not be shown: CrampCare is not running inside your desktop session " +
			"(started from a terminal or over the network, say). Start CrampCare from your desktop's menu, then try again." + meanwhile)
	default:
		return tr.T("The test notification could not be shown: your desktop's notification service did not accept it. " +
			"Check that notifications are allowed for CrampCare in your desktop's settings (and that Do Not Disturb is off), then try again." + meanwhile)
	}
}

// Unwrap makes errors.Is(err, ErrNoNotifications) true.
func (e *NotificationError) Unwrap() error { return ErrNoNotifications }

// Message is what a person is told about err: for a full disk or a
// read-only folder, what happened and what to do, in plain words (the
// system's own wording goes to the log); otherwise err's text.
func Message(err error) string { return MessageIn(l10n.English(), err) }

// MessageIn is Message in tr's language (err's own text stays as it is).
func MessageIn(tr *l10n.Lang, err error) string {
	switch {
	case errors.Is(err, ErrDiskFull):
		return tr.T("The disk is full. Free some space (empty the wastebasket, remove large files), then try again. Everything saved before is safe.")
	case errors.Is(err, ErrReadOnly):
		return tr.T("CrampCare's data folder cannot be written to: the disk may be read-only or disconnected. Everything saved before is safe. Check the disk, then try again.")
	}
	var n *NotificationError
	if errors.As(err, &n) && n == err {
		return n.In(tr)
	}
	return err.Error()
}

// Explain says that what failed and why, for a person: "The cramp was not
// logged. The disk is full. ..." or "The cramp was not logged: <error>".
func Explain(what string, err error) string { return ExplainIn(l10n.English(), what, err) }

// ExplainIn is Explain in tr's language; what is already in it.
func ExplainIn(tr *l10n.Lang, what string, err error) string {
	if errors.Is(err, ErrDiskFull) || errors.Is(err, ErrReadOnly) {
		return what + ". " + MessageIn(tr, err)
	}
	return what + ": " + MessageIn(tr, err)
}

// Counts says how much the diary holds.
type Counts struct {
	Cramps, Glasses, Stretches int
}

// Total is the number of records of every kind.
func (c Counts) Total() int { return c.Cramps + c.Glasses + c.Stretches }

// ErrEmpty means the file is there but holds nothing (0 bytes): a diary
// lost, unless there never was one. It is a kind of ErrDamaged, so the
// agent restores the newest good backup; Options.NewIfEmpty takes it as a
// new diary instead.
var ErrEmpty = fmt.Errorf("%w: the file is empty (0 bytes)", ErrDamaged)

// BackupInfo is one backup file.
type BackupInfo struct {
	Path string    `json:"path"`
	Made time.Time `json:"made"`
	// Daily is false for the copies the store makes before a migration.
	Daily bool  `json:"daily"`
	Size  int64 `json:"size"`
}

// What Health.State can say about the data file.
const (
	// StateSound: the file checks out.
	StateSound = "sound"
	// StateNoFolder: the data folder does not exist.
	StateNoFolder = "no-folder"
	// StateNoFile: the folder exists, the data file does not.
	StateNoFile = "no-file"
	// StateEmpty: the file is there but 0 bytes.
	StateEmpty = "empty"
	// StateDamaged: the file does not check out.
	StateDamaged = "damaged"
	// StateNewer: written by a newer CrampCare; sound, but not for this one.
	StateNewer = "newer"
	// StateInUse: another process holds the file and did not answer.
	StateInUse = "in-use"
	// StateUnreadable: the file could not be read (permissions, say).
	StateUnreadable = "unreadable"
)

// Health is what `crampcare doctor` reports.
type Health struct {
	Store   string       `json:"store"`
	Size    int64        `json:"size"`
	Schema  int          `json:"schema"`
	State   string       `json:"state"`
	Problem string       `json:"problem,omitempty"` // empty when the store checks out
	Counts  Counts       `json:"counts"`
	Backups []BackupInfo `json:"backups"`
	// BadBackups names backups that do not open or check out.
	BadBackups []string `json:"bad_backups,omitempty"`
	// Damaged lists files moved aside by an earlier restore.
	Damaged []string `json:"damaged,omitempty"`
}

// GoodBackups is how many backups would serve a restore.
func (h Health) GoodBackups() int { return len(h.Backups) - len(h.BadBackups) }
