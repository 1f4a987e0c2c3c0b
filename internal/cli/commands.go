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
	"github.com/crampcare/crampcare/internal/l10n"
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
		return usageError{r.tr.T("unexpected argument {{.Arg}}", l10n.Args{"Arg": strconv.Quote(fs.Arg(0))})}
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
		texts := advice.Texts(ids...)
		for i, t := range texts {
			texts[i] = r.dom(t)
		}
		fmt.Fprintf(r.env.Stderr, "%s. %s\n%s\n(%s)\n", r.dom(level.Title()), r.dom(level.Means()), strings.Join(texts, " "), r.dom(advice.Text(advice.Disclaimer)))
	}
}

// idArg reads the cramp ID a command is about.
func idArg(tr *l10n.Lang, fs *flag.FlagSet) (uint64, error) {
	if fs.NArg() != 1 {
		return 0, usageError{tr.T("give the cramp's ID (see crampcare list)")}
	}
	id, err := strconv.ParseUint(fs.Arg(0), 10, 64)
	if err != nil || id == 0 {
		return 0, input.Errorf("id", "%s", tr.T("{{.Value}} is not a cramp ID", l10n.Args{"Value": strconv.Quote(fs.Arg(0))}))
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
	id, err := idArg(r.tr, fs)
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
		fmt.Fprintln(r.env.Stdout, r.tr.T("Cramp {{.ID}} updated.", l10n.Args{"ID": id}))
		warnRedFlags(r, e)
		return nil
	})
}

func runDelete(ctx context.Context, r *runner, args []string) error {
	fs := r.flags("delete")
	if err := r.parse(fs, args); err != nil {
		return err
	}
	id, err := idArg(r.tr, fs)
	if err != nil {
		return err
	}
	return r.withDiary(func(d diary.Diary) error {
		e, err := d.DeleteCramp(ctx, id)
		if err != nil {
			return err
		}
		fmt.Fprintln(r.env.Stdout, r.tr.T("Deleted cramp {{.ID}} of {{.When}}.", l10n.Args{"ID": id, "When": r.tr.Date(e.At.Local(), "Mon 2 Jan 15:04")}))
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
		return input.Errorf("format", "%s", r.tr.T("{{.Value}} is not a format; use table or json", l10n.Args{"Value": strconv.Quote(*format)}))
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
			fmt.Fprintln(r.env.Stdout, r.tr.T("No cramps logged yet."))
			return nil
		}
		tw := tabwriter.NewWriter(r.env.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, strings.Join([]string{r.tr.T("column:ID"), r.tr.T("WHEN"), r.tr.T("LEG"), r.tr.T("MUSCLE"), r.tr.T("INTENSITY"), r.tr.T("DURATION"), r.tr.T("NOTE")}, "\t"))
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
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\n", e.ID, r.when(e.At), orDash(string(e.Leg)), orDash(string(e.Muscle)), in, dur, note)
		}
		return tw.Flush()
	})
}

// when is a time in a table: the date as ISO 8601 (it sorts), the time
// the local way.
func (r *runner) when(t time.Time) string {
	t = t.Local()
	return t.Format("2006-01-02") + " " + r.tr.Time(t)
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
		fmt.Fprintln(r.env.Stdout, r.tr.N("{{.Glasses}} of {{.Count}} glasses today.", st.Goal, l10n.Args{"Glasses": st.Glasses}))
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
		fmt.Fprintln(r.env.Stdout, r.tr.T("Glasses of water today: {{.Glasses}} of {{.Goal}}", l10n.Args{"Glasses": st.Glasses, "Goal": st.Goal}))
		fmt.Fprintln(r.env.Stdout, r.tr.T("Cramps in the last 24 hours: {{.Cramps}}", l10n.Args{"Cramps": st.Cramps24h}))
		if st.LastCramp != nil {
			fmt.Fprintln(r.env.Stdout, r.tr.T("Last cramp: {{.When}}", l10n.Args{"When": r.tr.Date(st.LastCramp.At.Local(), "Mon 2 Jan 15:04")}))
		}
		for _, a := range st.Advice {
			fmt.Fprintf(r.env.Stdout, "\n%s: %s\n%s\n", r.dom(a.Title), r.dom(a.Reason), r.dom(a.Level.Means()))
		}
		if len(st.Advice) > 0 {
			fmt.Fprintf(r.env.Stdout, "\n(%s %s)\n", r.dom(advice.Text(advice.Disclaimer)), r.tr.T("Run crampcare open help for when to get help."))
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
		fmt.Fprintln(w, r.dom(s.Overview()))
		if s.Nights > 0 {
			fmt.Fprintln(w, "\n"+r.tr.T("Nights with cramps, week by week:"))
			for _, wk := range s.Weeks {
				fmt.Fprintf(w, "  %s %-7s %s\n", pad(r.tr.Date(wk.Start, "2 Jan"), 7), strings.Repeat("#", wk.CrampNights), r.tr.N("{{.Nights}} of {{.Count}}", wk.Nights, l10n.Args{"Nights": wk.CrampNights}))
			}
			if pn := s.PerNight(); pn != "" {
				fmt.Fprintln(w, r.dom(pn))
			}
			fmt.Fprintln(w, "\n"+r.tr.T("Nights in a row without a cramp: {{.Nights}}", l10n.Args{"Nights": s.CrampFree}))
			fmt.Fprintln(w, r.tr.T("Evenings in a row with the stretch: {{.Evenings}}", l10n.Args{"Evenings": s.Stretched}))
			fmt.Fprintf(w, "\n%s\n%s\n", r.dom(s.StretchText()), r.dom(s.WaterText()))
			if s.Stretch.Enough() || s.Water.Enough() {
				fmt.Fprintln(w, r.dom(insights.NotProof))
			}
		}
		for _, b := range s.Breakdowns {
			var parts []string
			for _, c := range b.Counts {
				if c.N > 0 {
					parts = append(parts, fmt.Sprintf("%s %d", r.dom(c.Label), c.N))
				}
			}
			if b.Unsaid > 0 && len(parts) > 0 {
				parts = append(parts, r.tr.T("not said {{.N}}", l10n.Args{"N": b.Unsaid}))
			}
			if len(parts) > 0 {
				fmt.Fprintf(w, "\n%s: %s\n", r.dom(b.Title), strings.Join(parts, ", "))
			}
		}
		for i, h := range s.Helped {
			if i == 0 {
				fmt.Fprintln(w, "\n"+r.tr.T("What helped you:"))
			}
			fmt.Fprintln(w, "  "+r.tr.T("{{.Step}}: helped {{.Yes}}, a bit {{.Some}}, not {{.No}}", l10n.Args{"Step": r.dom(h.Title), "Yes": h.Yes, "Some": h.Some, "No": h.No}))
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
		fmt.Fprintln(w, r.tr.T("There is no CrampCare data folder at {{.Folder}}: nothing to check, and nothing was created.", l10n.Args{"Folder": r.dataDir}))
		return errors.New(r.tr.T("no data folder there"))
	case backup.StateNoFile:
		fmt.Fprintln(w, r.tr.T("Data file: {{.File}} is not there.", l10n.Args{"File": h.Store}))
	case backup.StateEmpty:
		fmt.Fprintln(w, r.tr.T("Data file: {{.File}} (0 bytes)", l10n.Args{"File": h.Store}))
		fmt.Fprintln(w, "  "+r.tr.T("PROBLEM: the file is empty: it holds no diary."))
	case backup.StateNewer:
		fmt.Fprintln(w, r.tr.T("Data file: {{.File}} ({{.Size}}, schema {{.Schema}})", l10n.Args{"File": h.Store, "Size": sizeText(h.Size), "Schema": h.Schema}))
		fmt.Fprintln(w, "  "+r.tr.T("It was written by a newer CrampCare (this one reads up to schema {{.Schema}}). Update CrampCare to use it; the file is left as it is.", l10n.Args{"Schema": store.SchemaVersion}))
	case backup.StateInUse:
		fmt.Fprintln(w, r.tr.T("Data file: {{.File}}", l10n.Args{"File": h.Store}))
		fmt.Fprintln(w, "  "+r.tr.T("It is in use by another CrampCare process that does not answer; try again in a moment."))
	case backup.StateSound, "":
		fmt.Fprintln(w, r.tr.T("Data file: {{.File}} ({{.Size}}, schema {{.Schema}})", l10n.Args{"File": h.Store, "Size": sizeText(h.Size), "Schema": h.Schema}))
		if h.Problem == "" {
			fmt.Fprintln(w, "  "+r.tr.T("checks out: {{.Cramps}}, {{.Glasses}}, {{.Stretches}}", r.counts(h.Counts.Cramps, h.Counts.Glasses, h.Counts.Stretches)))
		} else {
			fmt.Fprintln(w, "  "+r.tr.T("PROBLEM: {{.Problem}}", l10n.Args{"Problem": r.dom(h.Problem)}))
		}
	default:
		fmt.Fprintln(w, r.tr.T("Data file: {{.File}} ({{.Size}})", l10n.Args{"File": h.Store, "Size": sizeText(h.Size)}))
		fmt.Fprintln(w, "  "+r.tr.T("PROBLEM: {{.Problem}}", l10n.Args{"Problem": r.dom(h.Problem)}))
	}
	bad := map[string]bool{}
	for _, b := range h.BadBackups {
		bad[b] = true
	}
	fmt.Fprintln(w, r.tr.T("Backups in {{.Folder}}: {{.N}}", l10n.Args{"Folder": backup.Dir(r.dataDir), "N": len(h.Backups)}))
	for _, b := range h.Backups {
		state := r.tr.T("good")
		if bad[b.Path] {
			state = r.tr.T("DAMAGED")
		}
		kind := r.tr.T("daily")
		if !b.Daily {
			kind = r.tr.T("before an upgrade")
		}
		fmt.Fprintf(w, "  %s  %s, %s, %s\n", r.when(b.Made), filepath.Base(b.Path), kind, state)
	}
	for _, d := range h.Damaged {
		fmt.Fprintln(w, r.tr.T("Kept aside after a restore: {{.File}}", l10n.Args{"File": d}))
	}
	switch {
	case h.State == backup.StateNoFile:
		if h.GoodBackups() > 0 {
			fmt.Fprintln(w, r.tr.T("Starting CrampCare will begin a new diary; the backups above stay where they are."))
		}
		return errors.New(r.tr.T("the data file is not there"))
	case h.State == backup.StateNewer:
		return errors.New(r.tr.T("the data file was written by a newer CrampCare; update CrampCare"))
	case h.State == backup.StateInUse:
		return errors.New(r.tr.T("the data file is in use"))
	case h.State == backup.StateEmpty && h.GoodBackups() == 0 && len(h.Backups) == 0:
		fmt.Fprintln(w, r.tr.T("With no backup to restore, starting CrampCare will begin a new diary in it."))
		return errors.New(r.tr.T("the data file is empty"))
	case h.Problem != "":
		empty := h.State == backup.StateEmpty
		switch {
		case h.GoodBackups() > 0 && empty:
			fmt.Fprintln(w, r.tr.T("Start CrampCare and it will restore the newest good backup, keeping the empty file."))
		case h.GoodBackups() > 0:
			fmt.Fprintln(w, r.tr.T("Start CrampCare and it will restore the newest good backup, keeping the damaged file."))
		case empty:
			fmt.Fprintln(w, r.tr.T("No good backup: starting CrampCare will begin an empty diary, keeping the empty file."))
		default:
			fmt.Fprintln(w, r.tr.T("No good backup: starting CrampCare will begin an empty diary, keeping the damaged file."))
		}
		if empty {
			return errors.New(r.tr.T("the data file is empty"))
		}
		return errors.New(r.tr.T("the data file is damaged"))
	case len(h.BadBackups) > 0:
		return errors.New(r.tr.T("some backups are damaged"))
	}
	return nil
}

// pad fills s with spaces to n characters (not bytes: "3 Mär").
func pad(s string, n int) string {
	if k := len([]rune(s)); k < n {
		return s + strings.Repeat(" ", n-k)
	}
	return s
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
		return usageError{r.tr.T("say list or set KEY VALUE")}
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
		fmt.Fprintln(tw, strings.Join([]string{r.tr.T("KEY"), r.tr.T("VALUE"), r.tr.T("DEFAULT"), r.tr.T("ALLOWED")}, "\t"))
		for _, it := range items {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", it.Key, it.Value, it.Default, r.dom(it.Help))
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
		return usageError{r.tr.T("use: crampcare settings list | crampcare settings set KEY VALUE")}
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
		return input.Errorf("window", "%s", r.tr.T("{{.Value}} is not a window; use main, history, insights, stretch, settings or help", l10n.Args{"Value": strconv.Quote(name)}))
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
		return input.Errorf("action", "%s", r.tr.T("{{.Value}} is not a CrampCare action", l10n.Args{"Value": strconv.Quote(uri)}))
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
		fmt.Fprintln(r.env.Stdout, r.tr.T("Evening stretch recorded."))
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
			fmt.Fprintln(r.env.Stdout, r.tr.T("No stretches recorded yet."))
			return nil
		}
		tw := tabwriter.NewWriter(r.env.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, strings.Join([]string{r.tr.T("column:ID"), r.tr.T("START"), r.tr.T("MINUTES"), r.tr.T("SOURCE"), r.tr.T("STEPS")}, "\t"))
		for _, s := range list {
			fmt.Fprintf(tw, "%d\t%s\t%.0f\t%s\t%s\n", s.ID, r.when(s.Start), s.End.Sub(s.Start).Minutes(), s.Source, orDash(strings.Join(s.Steps, ",")))
		}
		return tw.Flush()
	default:
		return usageError{r.tr.T("use: crampcare stretch done [--at TIME] | crampcare stretch list [--since TIME]")}
	}
}

func runReminders(ctx context.Context, r *runner, args []string) error {
	fs := r.flags("reminders")
	if err := r.parse(fs, args); err != nil {
		return err
	}
	sub := fs.Args()
	if len(sub) == 0 {
		return usageError{r.tr.T("use: crampcare reminders pause 1h|tomorrow | resume | later | test")}
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
			fmt.Fprintln(r.env.Stdout, r.tr.T("Reminders are on."))
		} else {
			fmt.Fprintln(r.env.Stdout, r.tr.T("Reminders paused until {{.Until}}.", l10n.Args{"Until": until}))
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
		return usageError{r.tr.T("use: crampcare reminders pause 1h|tomorrow | resume | later | test")}
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
		return nil, errors.New(r.tr.T("CrampCare is not running; start it with: crampcare"))
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
		return input.Errorf("format", "%s", r.tr.T("{{.Value}} is not a format; use json or csv", l10n.Args{"Value": strconv.Quote(*format)}))
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
				args := r.counts(len(f.Cramps), len(f.Glasses), len(f.Stretches))
				args["File"] = *out
				fmt.Fprintln(r.env.Stderr, r.tr.T("Exported {{.Cramps}}, {{.Glasses}} and {{.Stretches}} to {{.File}}.", args))
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
		return usageError{r.tr.T("give the file to import: crampcare import FILE.json")}
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
		args := r.counts(sum.Cramps, sum.Glasses, sum.Stretches)
		args["Settings"] = r.tr.N("{{.Count}} settings", sum.Settings)
		args["Skipped"] = r.tr.N("{{.Count}} were already there", sum.Skipped)
		fmt.Fprintln(r.env.Stdout, r.tr.T("Imported {{.Cramps}}, {{.Glasses}}, {{.Stretches}} and {{.Settings}}; {{.Skipped}}.", args))
		return nil
	})
}

// counts says a diary's figures, each with its own plural ("1 cramp, 2
// glasses, 0 stretches"): one message cannot pluralise three numbers.
func (r *runner) counts(cramps, glasses, stretches int) l10n.Args {
	return l10n.Args{
		"Cramps":    r.tr.N("{{.Count}} cramps", cramps),
		"Glasses":   r.tr.N("{{.Count}} glasses", glasses),
		"Stretches": r.tr.N("{{.Count}} stretches", stretches),
	}
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
		return input.Errorf("o", "%s", r.tr.T("say where to write the report, like -o cramps.pdf"))
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
		return input.Errorf("since", "%s", r.tr.T("the period must start before it ends"))
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
		rp := report.ForDiary(f, from, to.Add(time.Nanosecond), now)
		rp.Lang = r.tr
		err = report.Write(file, rp)
		if cerr := file.Close(); err == nil {
			err = cerr
		}
		if err == nil {
			err = os.Rename(file.Name(), *out)
		}
		if err != nil {
			return err
		}
		fmt.Fprintln(r.env.Stdout, r.tr.T("Report written to {{.File}}.", l10n.Args{"File": *out}))
		return nil
	})
}
