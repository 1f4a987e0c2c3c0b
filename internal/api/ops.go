package api

import (
	"context"
	"net/http"
	"time"

	"github.com/crampcare/crampcare/internal/cramp"
	"github.com/crampcare/crampcare/internal/diary"
	"github.com/crampcare/crampcare/internal/export"
	"github.com/crampcare/crampcare/internal/insights"
	"github.com/crampcare/crampcare/internal/redflags"
	"github.com/crampcare/crampcare/internal/settings"
	"github.com/crampcare/crampcare/internal/stretch"
	"github.com/crampcare/crampcare/internal/water"
)

// op is one operation of the API: its route, and the types of its request
// and response bodies, which both ends share, so the two cannot drift
// apart. An operation without arguments takes None and is a GET.
type op[Req, Resp any] struct {
	method, path string
	// long marks an operation that may take a while (a whole diary
	// imported or exported): it gets longTimeout instead of requestTimeout.
	long bool
}

// None is the body of an operation that takes or returns nothing.
type None struct{}

func get[Resp any](path string) op[None, Resp] {
	return op[None, Resp]{method: http.MethodGet, path: path}
}
func post[Req, Resp any](path string) op[Req, Resp] {
	return op[Req, Resp]{method: http.MethodPost, path: path}
}

// The wire types of the operations' arguments. They belong to the API, so
// a change to a domain type's Go fields does not silently change the wire.

// SinceArgs asks for what happened at or after Since.
type SinceArgs struct {
	Since time.Time `json:"since"`
}

// IDArgs names a cramp.
type IDArgs struct {
	ID uint64 `json:"id"`
}

// AtArgs gives when a glass was drunk.
type AtArgs struct {
	At time.Time `json:"at"`
}

// SettingArgs sets one setting.
type SettingArgs struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// RuleArgs names a piece of advice to put away.
type RuleArgs struct {
	Rule redflags.Rule `json:"rule"`
}

// WindowArgs names a window to show: main, relief[:ID], stretch, help...
type WindowArgs struct {
	Name string `json:"name"`
}

// TokenArgs carries the window process's token (see WindowTokenEnv).
type TokenArgs struct {
	Token string `json:"token"`
}

// ActionArgs names an action pressed on a reminder's notification
// (schedule.ActDrink and the others).
type ActionArgs struct {
	Key string `json:"key"`
}

// PingResult identifies the agent.
type PingResult struct {
	Version string `json:"version"`
	PID     int    `json:"pid"`
}

// The operations. Adding one takes two edits in this package: a line here
// and a line in (*Server).routes, plus the Client method that callers use.
var (
	opPing       = get[PingResult]("/v2/ping")
	opStatus     = get[diary.Status]("/v2/status")
	opSettings   = get[[]settings.Item]("/v2/settings")
	opInsights   = get[insights.Summary]("/v2/insights")
	opDoctor     = get[diary.Health]("/v2/doctor")
	opExport     = op[None, export.File]{method: http.MethodGet, path: "/v2/export", long: true}
	opLogCramp   = post[cramp.Entry, cramp.Entry]("/v2/cramps/log")
	opCramps     = post[SinceArgs, []cramp.Entry]("/v2/cramps/list")
	opCramp      = post[IDArgs, cramp.Entry]("/v2/cramps/get")
	opEditCramp  = post[cramp.Entry, cramp.Entry]("/v2/cramps/edit")
	opDelete     = post[IDArgs, cramp.Entry]("/v2/cramps/delete")
	opRestore    = post[cramp.Entry, cramp.Entry]("/v2/cramps/restore")
	opLogGlass   = post[AtArgs, water.Glass]("/v2/glasses/log")
	opSetSetting = post[SettingArgs, settings.Item]("/v2/settings/set")
	opStretch    = post[stretch.Session, stretch.Session]("/v2/stretches/done")
	opStretches  = post[SinceArgs, []stretch.Session]("/v2/stretches/list")
	opDismiss    = post[RuleArgs, None]("/v2/advice/dismiss")
	opNoticeOK   = post[None, None]("/v2/notice/dismiss")
	opImport     = op[export.File, export.Summary]{method: http.MethodPost, path: "/v2/import", long: true}
	opLater      = post[None, None]("/v2/reminders/later")
	opTestNote   = post[None, None]("/v2/reminders/test")
	opAct        = post[ActionArgs, None]("/v2/reminders/act")
	opShowWindow = post[WindowArgs, None]("/v2/windows/show")
	opDetach     = post[TokenArgs, None]("/v2/windows/detach")
	opQuit       = post[None, None]("/v2/quit")
)

// pathEvents is the long-lived stream of events for the window process.
const pathEvents = "/v2/events"

// routes is the one table of what the server does for each operation.
func (s *Server) routes() []route {
	d := s.p.Diary
	return []route{
		serve(opPing, func(context.Context, None) (PingResult, error) { return s.ping(), nil }),
		serve(opStatus, func(ctx context.Context, _ None) (diary.Status, error) { return d.Status(ctx) }),
		serve(opSettings, func(ctx context.Context, _ None) ([]settings.Item, error) { return d.Settings(ctx) }),
		serve(opInsights, func(ctx context.Context, _ None) (insights.Summary, error) { return d.Insights(ctx) }),
		serve(opDoctor, func(ctx context.Context, _ None) (diary.Health, error) { return d.Doctor(ctx) }),
		serve(opExport, func(ctx context.Context, _ None) (export.File, error) { return d.Export(ctx) }),
		serve(opLogCramp, d.LogCramp),
		serve(opCramps, func(ctx context.Context, a SinceArgs) ([]cramp.Entry, error) { return d.Cramps(ctx, a.Since) }),
		serve(opCramp, func(ctx context.Context, a IDArgs) (cramp.Entry, error) { return d.Cramp(ctx, a.ID) }),
		serve(opEditCramp, d.EditCramp),
		serve(opDelete, func(ctx context.Context, a IDArgs) (cramp.Entry, error) { return d.DeleteCramp(ctx, a.ID) }),
		serve(opRestore, d.RestoreCramp),
		serve(opLogGlass, func(ctx context.Context, a AtArgs) (water.Glass, error) { return d.LogGlass(ctx, a.At) }),
		serve(opSetSetting, func(ctx context.Context, a SettingArgs) (settings.Item, error) {
			return d.SetSetting(ctx, a.Key, a.Value)
		}),
		serve(opStretch, d.StretchDone),
		serve(opStretches, func(ctx context.Context, a SinceArgs) ([]stretch.Session, error) { return d.Stretches(ctx, a.Since) }),
		serve(opDismiss, func(ctx context.Context, a RuleArgs) (None, error) { return None{}, d.DismissAdvice(ctx, a.Rule) }),
		serve(opNoticeOK, func(ctx context.Context, _ None) (None, error) { return None{}, d.DismissNotice(ctx) }),
		serve(opImport, d.Import),
		serve(opLater, func(context.Context, None) (None, error) { return None{}, s.p.Reminders.Later() }),
		serve(opTestNote, func(context.Context, None) (None, error) { return None{}, s.p.Reminders.TestNotification() }),
		serve(opAct, func(_ context.Context, a ActionArgs) (None, error) { return None{}, s.p.Reminders.Act(a.Key) }),
		serve(opShowWindow, func(_ context.Context, a WindowArgs) (None, error) { return None{}, s.p.Host.ShowWindow(a.Name) }),
		serve(opDetach, func(_ context.Context, a TokenArgs) (None, error) {
			if err := s.p.Host.Detach(a.Token); err != nil {
				return None{}, refusedf("%v", err)
			}
			return None{}, nil
		}),
		serve(opQuit, func(context.Context, None) (None, error) { return None{}, s.quit() }),
	}
}
