// Package cli is CrampCare's command line: it parses arguments, picks the
// face to run (agent, window process or a command) and maps errors to exit
// codes: 0 success, 2 bad input (nothing written), 1 anything else.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/crampcare/crampcare/internal/api"
	"github.com/crampcare/crampcare/internal/backup"
	"github.com/crampcare/crampcare/internal/datadir"
	"github.com/crampcare/crampcare/internal/diary"
	"github.com/crampcare/crampcare/internal/input"
	"github.com/crampcare/crampcare/internal/l10n"
	"github.com/crampcare/crampcare/internal/notify"
	"github.com/crampcare/crampcare/internal/service"
	"github.com/crampcare/crampcare/internal/settings"
	"github.com/crampcare/crampcare/internal/store"
)

// Exit codes.
const (
	ExitOK    = 0
	ExitError = 1
	ExitUsage = 2
)

// Faces are the long-running sides of the one binary; main wires them in so
// this package does not import Fyne or the tray.
type Faces struct {
	// Agent runs the tray agent until ctx ends.
	Agent func(ctx context.Context, dataDir string) error
	// Window runs the window process showing window name.
	Window func(ctx context.Context, dataDir, name string) error
}

// Env is the process around the command; tests pass buffers and a clock.
type Env struct {
	Stdout, Stderr io.Writer
	Getenv         func(string) string
	GOOS           string
	Home           string
	Now            func() time.Time
}

type command struct {
	name, args, summary string
	run                 func(ctx context.Context, r *runner, args []string) error
	hidden              bool
}

func commands() []command {
	return []command{
		{name: "log", args: "[--at TIME] [--leg L] [--muscle M] [--intensity N] [--duration D] [--helped STEP=R]... [--trigger T]... [--symptom S]... [--sleep N] [--note TEXT]", summary: l10n.Mark("log a cramp and print its ID"), run: runLog},
		{name: "edit", args: "ID [the flags of log]", summary: l10n.Mark("change a logged cramp (only the flags given)"), run: runEdit},
		{name: "delete", args: "ID", summary: l10n.Mark("delete a logged cramp"), run: runDelete},
		{name: "list", args: "[--since TIME] [--format table|json]", summary: l10n.Mark("list cramps, newest first"), run: runList},
		{name: "drink", args: "[--at TIME]", summary: l10n.Mark("log a glass of water"), run: runDrink},
		{name: "status", args: "", summary: l10n.Mark("show today: cramps and glasses"), run: runStatus},
		{name: "insights", args: "", summary: l10n.Mark("show what your diary says about the last 12 weeks"), run: runInsights},
		{name: "stretch", args: "done [--at TIME] | list [--since TIME]", summary: l10n.Mark("record an evening stretch, or list them"), run: runStretch},
		{name: "reminders", args: "pause 1h|tomorrow | resume | later | test", summary: l10n.Mark("pause, resume or put off reminders; send a test"), run: runReminders},
		{name: "settings", args: "list | set KEY VALUE", summary: l10n.Mark("show or change settings"), run: runSettings},
		{name: "for-doctor", args: "[show] | set [--name TEXT] [--born YYYY-MM-DD] [--cramps-since YYYY-MM] [--medicine TEXT]... [--condition NAME]... | clear [FIELD]...", summary: l10n.Mark("show or change what the report tells your doctor about you (optional)"), run: runForDoctor},
		{name: "report", args: "[--since TIME] [--until TIME] -o FILE.pdf", summary: l10n.Mark("write the report for your doctor (PDF)"), run: runReport},
		{name: "export", args: "[--format json|csv] [-o FILE]", summary: l10n.Mark("write all your data to a file (or stdout)"), run: runExport},
		{name: "import", args: "FILE.json", summary: l10n.Mark("merge an export into your data (all or nothing)"), run: runImport},
		{name: "open", args: "[main|history|insights|stretch|settings|help]", summary: l10n.Mark("open a window of the running app"), run: runOpen},
		{name: "doctor", args: "", summary: l10n.Mark("check the data file and its backups"), run: runDoctor},
		{name: "version", args: "", summary: l10n.Mark("print the version"), run: runVersion},
		{name: "window", args: "[main|stretch|relief]", summary: l10n.Mark("open a window (normally started by the agent)"), run: runWindow, hidden: true},
	}
}

// usageError marks errors in how the command was called; they exit 2 like
// bad field values.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

type runner struct {
	env     Env
	faces   Faces
	dataDir string
	dirFlag string
	// tr is the person's language: the session's locale, then, once the
	// diary is open, the settings ui.language, ui.clock and ui.week-start.
	tr *l10n.Lang
}

// speak makes tr anew from d's settings and the session's locale.
func (r *runner) speak(ctx context.Context, d diary.Diary) {
	items, err := d.Settings(ctx)
	if err != nil {
		return
	}
	var p l10n.Prefs
	for _, it := range items {
		switch it.Key {
		case settings.Language:
			p.Language = it.Value
		case settings.Clock:
			p.Clock = it.Value
		case settings.WeekStart:
			p.WeekStart = it.Value
		}
	}
	r.tr = l10n.New(p, l10n.System(r.env.Getenv))
}

// dom is a domain's fixed text (marked with l10n.Mark where it is
// written) in the person's language.
func (r *runner) dom(s string) string { return r.tr.T(s) }

// Run runs one invocation and returns its exit code.
func Run(ctx context.Context, args []string, env Env, faces Faces) int {
	if env.Now == nil {
		env.Now = time.Now
	}
	if env.Getenv == nil {
		env.Getenv = func(string) string { return "" }
	}
	r := &runner{env: env, faces: faces, tr: l10n.New(l10n.Prefs{}, l10n.System(env.Getenv))}
	global := flag.NewFlagSet("crampcare", flag.ContinueOnError)
	global.SetOutput(io.Discard)
	global.StringVar(&r.dirFlag, "data-dir", "", "data folder")
	if err := global.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			r.usage(env.Stdout)
			return ExitOK
		}
		fmt.Fprintf(env.Stderr, "crampcare: %v\n", err)
		return ExitUsage
	}
	rest := global.Args()
	name := ""
	if len(rest) > 0 {
		name = rest[0]
	}
	var err error
	switch name {
	case "":
		err = r.resolveDir()
		if err == nil {
			err = faces.Agent(ctx, r.dataDir)
		}
	case "help":
		r.usage(env.Stdout)
		return ExitOK
	default:
		if strings.HasPrefix(strings.ToLower(name), notify.URIScheme+":") {
			// Started by Windows for a toast's action button
			// ("crampcare.exe crampcare:drink"): hand it over and exit.
			err = r.runAction(ctx, name)
			name = "crampcare " + name
			break
		}
		cmd, ok := r.find(name)
		if !ok {
			fmt.Fprintln(env.Stderr, "crampcare: "+r.tr.T("unknown command {{.Name}}; run crampcare --help", l10n.Args{"Name": strconv.Quote(name)}))
			return ExitUsage
		}
		err = cmd.run(ctx, r, rest[1:])
		if errors.Is(err, flag.ErrHelp) {
			return ExitOK
		}
		name = "crampcare " + name
	}
	if err == nil {
		return ExitOK
	}
	if name == "" {
		name = "crampcare"
	}
	if errors.Is(err, store.ErrDiskFull) || errors.Is(err, store.ErrReadOnly) {
		// Plain words first; the system's own in brackets, for a bug report.
		fmt.Fprintf(env.Stderr, "%s: %s\n(%v)\n", name, r.tr.T("not saved. {{.Why}}", l10n.Args{"Why": r.dom(diary.Message(err))}), err)
	} else {
		fmt.Fprintf(env.Stderr, "%s: %v\n", name, r.dom(err.Error()))
	}
	var ue usageError
	if errors.As(err, &ue) || errors.Is(err, input.ErrInvalid) {
		return ExitUsage
	}
	return ExitError
}

func (r *runner) find(name string) (command, bool) {
	for _, c := range commands() {
		if c.name == name {
			return c, true
		}
	}
	return command{}, false
}

func (r *runner) usage(w io.Writer) {
	fmt.Fprintln(w, r.tr.T("CrampCare: fewer night leg cramps, and a log worth showing your doctor."))
	fmt.Fprintln(w)
	fmt.Fprintln(w, r.tr.T("Usage:"))
	fmt.Fprintln(w, "  crampcare [--data-dir DIR]            "+r.tr.T("start the tray agent (or open the window if it runs)"))
	fmt.Fprintln(w, "  crampcare [--data-dir DIR] COMMAND [flags]")
	fmt.Fprintln(w)
	fmt.Fprintln(w, r.tr.T("Commands:"))
	for _, c := range commands() {
		if !c.hidden {
			fmt.Fprintf(w, "  %-10s %s\n", c.name, r.dom(c.summary))
		}
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, r.tr.T("Run crampcare COMMAND --help for a command's flags.\nThe data folder defaults to the platform's place for app data; ${{.Var}}\nor --data-dir overrides it. Exit codes: 0 done, 2 bad input, 1 other failure.", l10n.Args{"Var": datadir.EnvVar}))
}

func (r *runner) resolveDir() error {
	dir, err := datadir.Resolve(r.dirFlag, datadir.Env{GOOS: r.env.GOOS, Getenv: r.env.Getenv, Home: r.env.Home})
	if err != nil {
		return err
	}
	r.dataDir = dir
	return nil
}

// flags makes a command's flag set, with --data-dir accepted after the
// command too, and --help printing the command's usage to stdout.
func (r *runner) flags(cmd string) *flag.FlagSet {
	c, _ := r.find(cmd)
	fs := flag.NewFlagSet("crampcare "+cmd, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&r.dirFlag, "data-dir", r.dirFlag, "data folder")
	fs.Usage = func() {
		fmt.Fprintf(r.env.Stdout, "%s crampcare %s %s\n\n%s.\n\n%s\n", r.tr.T("Usage:"), cmd, c.args, upperFirst(r.dom(c.summary)), r.tr.T("Flags:"))
		fs.SetOutput(r.env.Stdout)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
	return fs
}

// parse reads a command's flags. On --help the flag package has printed
// the usage already (through fs.Usage), so it is not printed again here.
func (r *runner) parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err // the flag package has printed the usage
		}
		return usageError{err.Error()}
	}
	return r.resolveDir()
}

// diary connects to the running agent, or, when none runs, opens the store
// itself: the CLI works whether or not the tray is up.
func (r *runner) diary() (diary.Diary, func(), error) {
	c, err := api.DialAgent(r.dataDir)
	if err == nil {
		r.speak(context.Background(), c)
		return c, func() { c.Close() }, nil
	}
	if err := datadir.Ensure(r.dataDir); err != nil {
		return nil, nil, err
	}
	dir := backup.Dir(r.dataDir)
	opts := store.Options{Timeout: 2 * time.Second, Verify: true, BackupDir: dir, NewIfEmpty: backup.EmptyIsNew(dir)}
	st, err := store.Open(filepath.Join(r.dataDir, store.FileName), opts)
	if errors.Is(err, store.ErrReadOnly) {
		// Reading still works; a write says plainly why it cannot.
		opts.ReadOnly = true
		st, err = store.Open(filepath.Join(r.dataDir, store.FileName), opts)
	}
	if err != nil {
		if errors.Is(err, store.ErrLocked) {
			return nil, nil, errors.New(r.tr.T("the data folder is in use by another CrampCare process that does not answer; try again in a moment"))
		}
		if errors.Is(err, store.ErrEmpty) {
			return nil, nil, errors.New(r.tr.T("the data file is empty; start CrampCare (it restores the newest good backup) or see crampcare doctor"))
		}
		if errors.Is(err, store.ErrDamaged) {
			return nil, nil, errors.New(r.tr.T("the data file is damaged; start CrampCare (it restores the newest good backup) or see crampcare doctor"))
		}
		if errors.Is(err, store.ErrNewerSchema) {
			return nil, nil, errors.New(r.tr.T("the data file was written by a newer CrampCare; update CrampCare to use it"))
		}
		return nil, nil, err
	}
	svc := service.New(service.Params{Store: st, Now: r.env.Now, BackupDir: backup.Dir(r.dataDir), Locale: l10n.System(r.env.Getenv)})
	r.speak(context.Background(), svc)
	return svc, func() { st.Close() }, nil
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	first := []rune(s)[0]
	return strings.ToUpper(string(first)) + s[len(string(first)):]
}

// OSEnv is the real process environment.
func OSEnv() Env {
	home, _ := os.UserHomeDir()
	return Env{Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv, Home: home, Now: time.Now}
}

// withDiary runs f on the diary (the agent's, or the store when no agent
// runs) and lets go of it afterwards.
func (r *runner) withDiary(f func(d diary.Diary) error) error {
	d, done, err := r.diary()
	if err != nil {
		return err
	}
	defer done()
	return f(d)
}
