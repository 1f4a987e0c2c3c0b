package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/crampcare/crampcare/internal/backup"
	"github.com/crampcare/crampcare/internal/diary"
	"github.com/crampcare/crampcare/internal/store"

	"github.com/crampcare/crampcare/internal/advice"
	"github.com/crampcare/crampcare/internal/api"
	"github.com/crampcare/crampcare/internal/cramp"
	"github.com/crampcare/crampcare/internal/export"
	"github.com/crampcare/crampcare/internal/input"
	"github.com/crampcare/crampcare/internal/insights"
	"github.com/crampcare/crampcare/internal/notify"
	"github.com/crampcare/crampcare/internal/redflags"
	"github.com/crampcare/crampcare/internal/report"
	"github.com/crampcare/crampcare/internal/schedule"
	"github.com/crampcare/crampcare/internal/settings"
	"github.com/crampcare/crampcare/internal/stretch"
	"github.com/crampcare/crampcare/internal/version"
)

// listFlag collects a repeatable flag (--trigger a --trigger b).
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

// crampFlags are the flags log and edit share.
type crampFlags struct {
	fs                                          *flag.FlagSet
	at, leg, muscle, intensity, duration, sleep *string
	note                                        *string
	helped, triggers, symptoms                  listFlag
}

func newCrampFlags(fs *flag.FlagSet) *crampFlags {
	f := &crampFlags{fs: fs}
	f.at = fs.String("at", "", "when: RFC 3339, HH:MM (latest past), or an offset like -2h (default now)")
	f.leg = fs.String("leg", "", "left, right or both")
	f.muscle = fs.String("muscle", "", "calf, thigh-front, thigh-back or foot")
	f.intensity = fs.String("intensity", "", "how bad, 0 to 10")
	f.duration = fs.String("duration", "", "how long, like 90s or 3m")
	f.sleep = fs.String("sleep", "", "how much sleep it cost, 0 to 10")
	f.note = fs.String("note", "", "a note")
	fs.Var(&f.helped, "helped", "how a relief step helped, STEP=yes|some|no (stretch, massage, stand, warmth, water); repeatable")
	fs.Var(&f.triggers, "trigger", "a possible trigger ("+choiceNames(cramp.Offered(cramp.Triggers()))+"); repeatable")
	fs.Var(&f.symptoms, "symptom", "a symptom that came with it ("+choiceNames(cramp.Symptoms())+"); repeatable")
	return f
}

func choiceNames(cs []cramp.Choice) string {
	names := make([]string, len(cs))
	for i, c := range cs {
		names[i] = c.Name
	}
	return strings.Join(names, ", ")
}

// apply writes the flags that were given onto e: for edit, the others keep
// what was stored.
func (f *crampFlags) apply(e *cramp.Entry, now time.Time) error {
	var err error
	given := map[string]bool{}
	f.fs.Visit(func(fl *flag.Flag) { given[fl.Name] = true })
	if given["at"] || e.At.IsZero() {
		if e.At, err = input.ParseTime("at", *f.at, now); err != nil {
			return err
		}
	}
	if given["leg"] {
		if e.Leg, err = cramp.ParseLeg(*f.leg); err != nil {
			return err
		}
	}
	if given["muscle"] {
		if e.Muscle, err = cramp.ParseMuscle(*f.muscle); err != nil {
			return err
		}
	}
	if given["intensity"] {
		n, err := input.ParseInt("intensity", *f.intensity, 0, cramp.MaxIntensity)
		if err != nil {
			return err
		}
		e.Intensity = &n
	}
	if given["sleep"] {
		n, err := input.ParseInt("sleep", *f.sleep, 0, 10)
		if err != nil {
			return err
		}
		e.Sleep = &n
	}
	if given["duration"] {
		if e.Duration, err = input.ParseDuration("duration", *f.duration, cramp.MaxDuration); err != nil {
			return err
		}
	}
	if given["note"] {
		e.Note = *f.note
	}
	for _, h := range f.helped {
		st, r, err := cramp.ParseHelped(h)
		if err != nil {
			return err
		}
		if e.Helped == nil {
			e.Helped = map[cramp.Step]cramp.Rating{}
		}
		e.Helped[st] = r
	}
	if given["trigger"] {
		e.Triggers = append([]string(nil), f.triggers...)
	}
	if given["symptom"] {
		e.Symptoms = append([]string(nil), f.symptoms...)
	}
	return e.Validate(now)
}

func runLog(ctx context.Context, r *runner, args []string) error {
	fs := r.flags("log")
	f := newCrampFlags(fs)
	if err := r.parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("unexpected argument %q", fs.Arg(0))}
	}
	var e cramp.Entry
	if err := f.apply(&e, r.env.Now()); err != nil {
		return err
	}
	return r.withDiary(func(d diary.Diary) error {
		e, err := d.LogCramp(ctx, e)
		if err != nil {
			return err
		}
		fmt.Fprintln(r.env.Stdout, e.ID)
		warnRedFlags(r, e)
		return nil
	})
}

// warnRedFlags says at once when a logged cramp came with a warning sign,
// at the level the sign calls for (package advice has the words).
func warnRedFlags(r *runner, e cramp.Entry) {
	if level, ids, ok := redflags.Signs(e); ok {
		fmt.Fprintf(r.env.Stderr, "%s. %s\n%s\n(%s)\n", level.Title(), level.Means(), strings.Join(advice.Texts(ids...), " "), advice.Text(advice.Disclaimer))
	}
}

// idArg reads the cramp ID a command is about.
func idArg(fs *flag.FlagSet) (uint64, error) {
	if fs.NArg() != 1 {
		return 0, usageError{"give the cramp's ID (see crampcare list)"}
	}
	id, err := strconv.ParseUint(fs.Arg(0), 10, 64)
	if err != nil || id == 0 {
		return 0, input.Errorf("id", "%q is not a cramp ID", fs.Arg(0))
	}
	return id, nil
}

func runEdit(ctx context.Context, r *runner, args []string) error {
	fs := r.flags("edit")
	f := newCrampFlags(fs)
	// The ID comes first: crampcare edit 3 --leg left.
	var idStr []string
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		idStr, args = args[:1], args[1:]
	}
	if err := r.parse(fs, append(args, idStr...)); err != nil {
		return err
	}
	// flag stops at the first non-flag, so the ID moved to the end.
	id, err := idArg(fs)
	if err != nil {
		return err
	}
	return r.withDiary(func(d diary.Diary) error {
		e, err := d.Cramp(ctx, id)
		if err != nil {
			return err
		}
		if err := f.apply(&e, r.env.Now()); err != nil {
			return err
		}
		if _, err := d.EditCramp(ctx, e); err != nil {
			return err
		}
		fmt.Fprintf(r.env.Stdout, "Cramp %d updated.\n", id)
		warnRedFlags(r, e)
		return nil
	})
}

func runDelete(ctx context.Context, r *runner, args []string) error {
	fs := r.flags("delete")
	if err := r.parse(fs, args); err != nil {
		return err
	}
	id, err := idArg(fs)
	if err != nil {
		return err
	}
	return r.withDiary(func(d diary.Diary) error {
		e, err := d.DeleteCramp(ctx, id)
		if err != nil {
			return err
		}
		fmt.Fprintf(r.env.Stdout, "Deleted cramp %d of %s.\n", id, e.At.Local().Format("Mon 2 Jan 15:04"))
		return nil
	})
}

func runList(ctx context.Context, r *runner, args []string) error {
	fs := r.flags("list")
	since := fs.String("since", "", "only cramps at or after TIME (RFC 3339, HH:MM or -48h)")
	format := fs.String("format", "table", "table or json")
	if err := r.parse(fs, args); err != nil {
		return err
	}
	if *format != "table" && *format != "json" {
		return input.Errorf("format", "%q is not a format; use table or json", *format)
	}
	from, err := optionalTime("since", *since, r.env.Now())
	if err != nil {
		return err
	}
	return r.withDiary(func(d diary.Diary) error {
		list, err := d.Cramps(ctx, from)
		if err != nil {
			return err
		}
		if *format == "json" {
			if list == nil {
				list = []cramp.Entry{}
			}
			enc := json.NewEncoder(r.env.Stdout)
			enc.SetIndent("", "  ")
			return enc.Encode(list)
		}
		if len(list) == 0 {
			fmt.Fprintln(r.env.Stdout, "No cramps logged yet.")
			return nil
		}
		tw := tabwriter.NewWriter(r.env.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tWHEN\tLEG\tMUSCLE\tINTENSITY\tDURATION\tNOTE")
		for _, e := range list {
			in := "-"
			if e.Intensity != nil {
				in = fmt.Sprint(*e.Intensity)
			}
			dur := "-"
			if e.Duration > 0 {
				dur = e.Duration.String()
			}
			note := strings.ReplaceAll(e.Note, "\n", " ")
			if len([]rune(note)) > 40 {
				note = string([]rune(note)[:39]) + "…"
			}
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\n", e.ID, e.At.Local().Format("2006-01-02 15:04"), orDash(string(e.Leg)), orDash(string(e.Muscle)), in, dur, note)
		}
		return tw.Flush()
	})
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func runDrink(ctx context.Context, r *runner, args []string) error {
	fs := r.flags("drink")
	at := fs.String("at", "", "when (default now)")
	if err := r.parse(fs, args); err != nil {
		return err
	}
	t, err := input.ParseTime("at", *at, r.env.Now())
	if err != nil {
		return err
	}
	return r.withDiary(func(d diary.Diary) error {
		if _, err := d.LogGlass(ctx, t); err != nil {
			return err
		}
		st, err := d.Status(ctx)
		if err != nil {
			return err
		}
		fmt.Fprintf(r.env.Stdout, "%d of %d glasses today.\n", st.Glasses, st.Goal)
		return nil
	})
}

func runStatus(ctx context.Context, r *runner, args []string) error {
	fs := r.flags("status")
	if err := r.parse(fs, args); err != nil {
		return err
	}
	return r.withDiary(func(d diary.Diary) error {
		st, err := d.Status(ctx)
		if err != nil {
			return err
		}
		fmt.Fprintf(r.env.Stdout, "Glasses of water today: %d of %d\nCramps in the last 24 hours: %d\n", st.Glasses, st.Goal, st.Cramps24h)
		if st.LastCramp != nil {
			fmt.Fprintf(r.env.Stdout, "Last cramp: %s\n", st.LastCramp.At.Local().Format("Mon 2 Jan 15:04"))
		}
		for _, a := range st.Advice {
			fmt.Fprintf(r.env.Stdout, "\n%s: %s\n%s\n", a.Title, a.Reason, a.Level.Means())
		}
		if len(st.Advice) > 0 {
			fmt.Fprintf(r.env.Stdout, "\n(%s Run crampcare open help for when to get help.)\n", advice.Text(advice.Disclaimer))
		}
		return nil
	})
}

func runInsights(ctx context.Context, r *runner, args []string) error {
	fs := r.flags("insights")
	if err := r.parse(fs, args); err != nil {
		return err
	}
	return r.withDiary(func(d diary.Diary) error {
		s, err := d.Insights(ctx)
		if err != nil {
			return err
		}
		w := r.env.Stdout
		fmt.Fprintln(w, s.Overview())
		if s.Nights > 0 {
			fmt.Fprintln(w, "\nNights with cramps, week by week:")
			for _, wk := range s.Weeks {
				fmt.Fprintf(w, "  %-7s %-7s %d of %d\n", wk.Start.Format("2 Jan"), strings.Repeat("#", wk.CrampNights), wk.CrampNights, wk.Nights)
			}
			if pn := s.PerNight(); pn != "" {
				fmt.Fprintln(w, pn)
			}
			fmt.Fprintf(w, "\nNights in a row without a cramp: %d\nEvenings in a row with the stretch: %d\n", s.CrampFree, s.Stretched)
			fmt.Fprintf(w, "\n%s\n%s\n", s.StretchText(), s.WaterText())
			if s.Stretch.Enough() || s.Water.Enough() {
				fmt.Fprintln(w, insights.NotProof)
			}
		}
		for _, b := range s.Breakdowns {
			var parts []string
			for _, c := range b.Counts {
				if c.N > 0 {
					parts = append(parts, fmt.Sprintf("%s %d", c.Label, c.N))
				}
			}
			if b.Unsaid > 0 && len(parts) > 0 {
				parts = append(parts, fmt.Sprintf("not said %d", b.Unsaid))
			}
			if len(parts) > 0 {
				fmt.Fprintf(w, "\n%s: %s\n", b.Title, strings.Join(parts, ", "))
			}
		}
		for i, h := range s.Helped {
			if i == 0 {
				fmt.Fprintln(w, "\nWhat helped you:")
			}
			fmt.Fprintf(w, "  %s: helped %d, a bit %d, not %d\n", h.Title, h.Yes, h.Some, h.No)
		}
		return nil
	})
}

// runDoctor reports on the data file and the backups: through the agent
// when it runs (it holds the file), else by opening the file itself,
// read-only. It changes nothing and creates nothing, not even the data
// folder; a damaged file is restored by the agent at start. Anything but a
// sound file and sound backups exits 1, never 2 (which means bad input).
func runDoctor(ctx context.Context, r *runner, args []string) error {
	fs := r.flags("doctor")
	if err := r.parse(fs, args); err != nil {
		return err
	}
	var h diary.Health
	if c, err := api.DialAgent(r.dataDir); err == nil {
		defer c.Close()
		if h, err = c.Doctor(ctx); err != nil {
			return err
		}
	} else {
		h = backup.Inspect(filepath.Join(r.dataDir, store.FileName), backup.Dir(r.dataDir))
	}
	w := r.env.Stdout
	switch h.State {
	case backup.StateNoFolder:
		fmt.Fprintf(w, "There is no CrampCare data folder at %s: nothing to check, and nothing was created.\n", r.dataDir)
		return errors.New("no data folder there")
	case backup.StateNoFile:
		fmt.Fprintf(w, "Data file: %s is not there.\n", h.Store)
	case backup.StateEmpty:
		fmt.Fprintf(w, "Data file: %s (0 bytes)\n  PROBLEM: the file is empty: it holds no diary.\n", h.Store)
	case backup.StateNewer:
		fmt.Fprintf(w, "Data file: %s (%s, schema %d)\n  It was written by a newer CrampCare (this one reads up to schema %d). Update CrampCare to use it; the file is left as it is.\n",
			h.Store, sizeText(h.Size), h.Schema, store.SchemaVersion)
	case backup.StateInUse:
		fmt.Fprintf(w, "Data file: %s\n  It is in use by another CrampCare process that does not answer; try again in a moment.\n", h.Store)
	case backup.StateSound, "":
		fmt.Fprintf(w, "Data file: %s (%s, schema %d)\n", h.Store, sizeText(h.Size), h.Schema)
		if h.Problem == "" {
			fmt.Fprintf(w, "  checks out: %d cramps, %d glasses, %d stretches\n", h.Counts.Cramps, h.Counts.Glasses, h.Counts.Stretches)
		} else {
			fmt.Fprintf(w, "  PROBLEM: %s\n", h.Problem)
		}
	default:
		fmt.Fprintf(w, "Data file: %s (%s)\n  PROBLEM: %s\n", h.Store, sizeText(h.Size), h.Problem)
	}
	bad := map[string]bool{}
	for _, b := range h.BadBackups {
		bad[b] = true
	}
	fmt.Fprintf(w, "Backups in %s: %d\n", backup.Dir(r.dataDir), len(h.Backups))
	for _, b := range h.Backups {
		state := "good"
		if bad[b.Path] {
			state = "DAMAGED"
		}
		kind := "daily"
		if !b.Daily {
			kind = "before an upgrade"
		}
		fmt.Fprintf(w, "  %s  %s, %s, %s\n", b.Made.Local().Format("2006-01-02 15:04"), filepath.Base(b.Path), kind, state)
	}
	for _, d := range h.Damaged {
		fmt.Fprintf(w, "Kept aside after a restore: %s\n", d)
	}
	switch {
	case h.State == backup.StateNoFile:
		if h.GoodBackups() > 0 {
			fmt.Fprintln(w, "Starting CrampCare will begin a new diary; the backups above stay where they are.")
		}
		return errors.New("the data file is not there")
	case h.State == backup.StateNewer:
		return errors.New("the data file was written by a newer CrampCare; update CrampCare")
	case h.State == backup.StateInUse:
		return errors.New("the data file is in use")
	case h.State == backup.StateEmpty && h.GoodBackups() == 0 && len(h.Backups) == 0:
		fmt.Fprintln(w, "With no backup to restore, starting CrampCare will begin a new diary in it.")
		return errors.New("the data file is empty")
	case h.Problem != "":
		kept := "damaged"
		if h.State == backup.StateEmpty {
			kept = "empty"
		}
		if h.GoodBackups() > 0 {
			fmt.Fprintf(w, "Start CrampCare and it will restore the newest good backup, keeping the %s file.\n", kept)
		} else {
			fmt.Fprintf(w, "No good backup: starting CrampCare will begin an empty diary, keeping the %s file.\n", kept)
		}
		return fmt.Errorf("the data file is %s", kept)
	case len(h.BadBackups) > 0:
		return errors.New("some backups are damaged")
	}
	return nil
}

func sizeText(n int64) string {
	if n < 1<<20 {
		return fmt.Sprintf("%d kB", (n+1023)/1024)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
}

func runSettings(ctx context.Context, r *runner, args []string) error {
	fs := r.flags("settings")
	if err := r.parse(fs, args); err != nil {
		return err
	}
	sub := fs.Args()
	if len(sub) == 0 {
		return usageError{"say list or set KEY VALUE"}
	}
	switch {
	case sub[0] == "list" && len(sub) == 1:
		d, done, err := r.diary()
		if err != nil {
			return err
		}
		defer done()
		items, err := d.Settings(ctx)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(r.env.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "KEY\tVALUE\tDEFAULT\tALLOWED")
		for _, it := range items {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", it.Key, it.Value, it.Default, it.Help)
		}
		return tw.Flush()
	case sub[0] == "set" && len(sub) == 3:
		d, done, err := r.diary()
		if err != nil {
			return err
		}
		defer done()
		it, err := d.SetSetting(ctx, sub[1], sub[2])
		if err != nil {
			return err
		}
		fmt.Fprintf(r.env.Stdout, "%s = %s\n", it.Key, it.Value)
		return nil
	default:
		return usageError{"use: crampcare settings list | crampcare settings set KEY VALUE"}
	}
}

func runVersion(_ context.Context, r *runner, args []string) error {
	fs := r.flags("version")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err // the flag package has printed the usage
		}
		return usageError{err.Error()}
	}
	fmt.Fprintf(r.env.Stdout, "crampcare %s\n", version.Version)
	return nil
}

func runWindow(ctx context.Context, r *runner, args []string) error {
	fs := r.flags("window")
	if err := r.parse(fs, args); err != nil {
		return err
	}
	name := "main"
	if fs.NArg() > 0 {
		name = fs.Arg(0)
	}
	return r.faces.Window(ctx, r.dataDir, name)
}

func runOpen(ctx context.Context, r *runner, args []string) error {
	fs := r.flags("open")
	if err := r.parse(fs, args); err != nil {
		return err
	}
	name := "main"
	if fs.NArg() > 0 {
		name = fs.Arg(0)
	}
	switch name {
	case "main", "stretch", "stretch:go", "help", "relief", "settings":
	case "today", "history", "insights":
		name = "main:" + name // tabs of the main window
	default:
		return input.Errorf("window", "%q is not a window; use main, history, insights, stretch, settings or help", name)
	}
	c, err := r.agent()
	if err != nil {
		return err
	}
	defer c.Close()
	return c.ShowWindow(ctx, name)
}

// runAction hands an action from a notification's crampcare: URI to the
// running agent, which acts as its tray entry would.
func (r *runner) runAction(ctx context.Context, uri string) error {
	key, ok := notify.KeyFromURI(strings.ToLower(uri))
	if !ok || !schedule.IsAction(key) {
		return input.Errorf("action", "%q is not a CrampCare action", uri)
	}
	if err := r.resolveDir(); err != nil {
		return err
	}
	c, err := r.agent()
	if err != nil {
		return err
	}
	defer c.Close()
	return c.Act(ctx, key)
}

func runStretch(ctx context.Context, r *runner, args []string) error {
	fs := r.flags("stretch")
	at := fs.String("at", "", "when the stretch was done (default now)")
	since := fs.String("since", "", "list: only sessions at or after TIME")
	// The sub-command comes first: crampcare stretch done --at 21:40.
	sub := ""
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		sub, args = args[0], args[1:]
	}
	if err := r.parse(fs, args); err != nil {
		return err
	}
	now := r.env.Now()
	switch sub {
	case "done":
		t, err := input.ParseTime("at", *at, now)
		if err != nil {
			return err
		}
		d, done, err := r.diary()
		if err != nil {
			return err
		}
		defer done()
		if _, err := d.StretchDone(ctx, stretch.Session{Start: t, End: t, Source: stretch.SourceCLI}); err != nil {
			return err
		}
		fmt.Fprintln(r.env.Stdout, "Evening stretch recorded.")
		return nil
	case "list":
		from, err := optionalTime("since", *since, now)
		if err != nil {
			return err
		}
		d, done, err := r.diary()
		if err != nil {
			return err
		}
		defer done()
		list, err := d.Stretches(ctx, from)
		if err != nil {
			return err
		}
		if len(list) == 0 {
			fmt.Fprintln(r.env.Stdout, "No stretches recorded yet.")
			return nil
		}
		tw := tabwriter.NewWriter(r.env.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tSTART\tMINUTES\tSOURCE\tSTEPS")
		for _, s := range list {
			fmt.Fprintf(tw, "%d\t%s\t%.0f\t%s\t%s\n", s.ID, s.Start.Local().Format("2006-01-02 15:04"), s.End.Sub(s.Start).Minutes(), s.Source, orDash(strings.Join(s.Steps, ",")))
		}
		return tw.Flush()
	default:
		return usageError{"use: crampcare stretch done [--at TIME] | crampcare stretch list [--since TIME]"}
	}
}

func runReminders(ctx context.Context, r *runner, args []string) error {
	fs := r.flags("reminders")
	if err := r.parse(fs, args); err != nil {
		return err
	}
	sub := fs.Args()
	if len(sub) == 0 {
		return usageError{"use: crampcare reminders pause 1h|tomorrow | resume | later | test"}
	}
	switch {
	case sub[0] == "pause" && len(sub) == 2, sub[0] == "resume" && len(sub) == 1:
		d, done, err := r.diary()
		if err != nil {
			return err
		}
		defer done()
		until := ""
		if sub[0] == "pause" {
			items, err := d.Settings(ctx)
			if err != nil {
				return err
			}
			t, err := pauseUntil(sub[1], r.env.Now(), items)
			if err != nil {
				return err
			}
			until = t.Format(time.RFC3339)
		}
		if _, err := d.SetSetting(ctx, settings.PausedUntil, until); err != nil {
			return err
		}
		if until == "" {
			fmt.Fprintln(r.env.Stdout, "Reminders are on.")
		} else {
			fmt.Fprintf(r.env.Stdout, "Reminders paused until %s.\n", until)
		}
		return nil
	case (sub[0] == "later" || sub[0] == "test") && len(sub) == 1:
		// Only the running agent sends reminders.
		c, err := r.agent()
		if err != nil {
			return err
		}
		defer c.Close()
		if sub[0] == "later" {
			return c.Later(ctx)
		}
		return c.TestNotification(ctx)
	default:
		return usageError{"use: crampcare reminders pause 1h|tomorrow | resume | later | test"}
	}
}

// pauseUntil reads "tomorrow" (the start of the next waking day, as the
// tray's "Until tomorrow morning": after midnight, this morning's) or a
// duration like 1h or 90m.
func pauseUntil(s string, now time.Time, items []settings.Item) (time.Time, error) {
	if s == "tomorrow" {
		stored := make(map[string]string, len(items))
		for _, it := range items {
			stored[it.Key] = it.Value
		}
		return settings.Resolve(stored).NextDayStart(now), nil
	}
	d, err := input.ParseDuration("pause", s, 7*24*time.Hour)
	if err != nil {
		return time.Time{}, err
	}
	return now.Add(d), nil
}

// agent connects to the running agent, for what only it can do (show a
// window, send a notification).
func (r *runner) agent() (*api.Client, error) {
	c, err := api.DialAgent(r.dataDir)
	if err != nil {
		return nil, errors.New("CrampCare is not running; start it with: crampcare")
	}
	return c, nil
}

// optionalTime parses s as a past time, or gives the zero time when s is
// empty (no lower bound).
func optionalTime(field, s string, now time.Time) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	return input.ParseTime(field, s, now)
}

func runExport(ctx context.Context, r *runner, args []string) error {
	fs := r.flags("export")
	format := fs.String("format", "json", "json (everything) or csv (the cramps)")
	out := fs.String("o", "", "write to this file instead of stdout")
	if err := r.parse(fs, args); err != nil {
		return err
	}
	if *format != "json" && *format != "csv" {
		return input.Errorf("format", "%q is not a format; use json or csv", *format)
	}
	return r.withDiary(func(d diary.Diary) error {
		f, err := d.Export(ctx)
		if err != nil {
			return err
		}
		w := r.env.Stdout
		var file *os.File
		if *out != "" {
			// Written beside the target and renamed, so a failed export never
			// leaves half a file where the user expects a whole one.
			if file, err = os.CreateTemp(filepath.Dir(*out), ".crampcare-export-*"); err != nil {
				return err
			}
			defer os.Remove(file.Name())
			w = file
		}
		if *format == "csv" {
			err = export.WriteCSV(w, f.Cramps)
		} else {
			err = export.WriteJSON(w, f)
		}
		if file != nil {
			if cerr := file.Close(); err == nil {
				err = cerr
			}
			if err == nil {
				err = os.Rename(file.Name(), *out)
			}
			if err == nil {
				fmt.Fprintf(r.env.Stderr, "Exported %d cramps, %d glasses and %d stretches to %s.\n", len(f.Cramps), len(f.Glasses), len(f.Stretches), *out)
			}
		}
		return err
	})
}

func runImport(ctx context.Context, r *runner, args []string) error {
	fs := r.flags("import")
	if err := r.parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usageError{"give the file to import: crampcare import FILE.json"}
	}
	in, err := os.Open(fs.Arg(0))
	if err != nil {
		return input.Errorf("file", "%v", err)
	}
	defer in.Close()
	f, err := export.ReadJSON(in, r.env.Now())
	if err != nil {
		if errors.Is(err, export.ErrFormat) {
			return input.Errorf("file", "%v", err)
		}
		return err
	}
	return r.withDiary(func(d diary.Diary) error {
		sum, err := d.Import(ctx, f)
		if err != nil {
			return err
		}
		fmt.Fprintf(r.env.Stdout, "Imported %d cramps, %d glasses, %d stretches and %d settings; %d were already there.\n",
			sum.Cramps, sum.Glasses, sum.Stretches, sum.Settings, sum.Skipped)
		return nil
	})
}

func runReport(ctx context.Context, r *runner, args []string) error {
	fs := r.flags("report")
	since := fs.String("since", "", "start of the period (default 3 months ago)")
	until := fs.String("until", "", "end of the period (default now)")
	out := fs.String("o", "", "the PDF file to write (required)")
	if err := r.parse(fs, args); err != nil {
		return err
	}
	if *out == "" {
		return input.Errorf("o", "say where to write the report, like -o cramps.pdf")
	}
	now := r.env.Now()
	to, err := optionalTime("until", *until, now)
	if err != nil {
		return err
	}
	if to.IsZero() {
		to = now
	}
	from, err := optionalTime("since", *since, now)
	if err != nil {
		return err
	}
	if from.IsZero() {
		from = to.AddDate(0, -3, 0)
	}
	if !from.Before(to) {
		return input.Errorf("since", "the period must start before it ends")
	}
	return r.withDiary(func(d diary.Diary) error {
		f, err := d.Export(ctx)
		if err != nil {
			return err
		}
		file, err := os.CreateTemp(filepath.Dir(*out), ".crampcare-report-*")
		if err != nil {
			return err
		}
		defer os.Remove(file.Name())
		err = report.Write(file, report.ForDiary(f, from, to.Add(time.Nanosecond), now))
		if cerr := file.Close(); err == nil {
			err = cerr
		}
		if err == nil {
			err = os.Rename(file.Name(), *out)
		}
		if err != nil {
			return err
		}
		fmt.Fprintf(r.env.Stdout, "Report written to %s.\n", *out)
		return nil
	})
}
