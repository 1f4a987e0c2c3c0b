// Command crampcare is CrampCare: with no command it runs the tray agent;
// "window" runs the window process; anything else is a CLI command. All
// three are one binary so they always agree on the API between them.
package main

import (
	"context"
	"os"
	"os/signal"
	"runtime"
	"syscall"

	"github.com/crampcare/crampcare/assets"
	"github.com/crampcare/crampcare/internal/agent"
	"github.com/crampcare/crampcare/internal/api"
	"github.com/crampcare/crampcare/internal/cli"
	"github.com/crampcare/crampcare/internal/notify"
	"github.com/crampcare/crampcare/internal/ui"
	"github.com/crampcare/crampcare/internal/wallclock"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	env := cli.OSEnv()
	env.GOOS = runtime.GOOS
	code := cli.Run(ctx, os.Args[1:], env, cli.Faces{
		Agent: func(ctx context.Context, dataDir string) error {
			exe, err := os.Executable()
			if err != nil {
				return err
			}
			return agent.Run(ctx, agent.Params{
				DataDir:  dataDir,
				Exe:      exe,
				Notifier: notify.NewBeeep(assets.IconSmallPNG),
				TrayIcon: assets.TrayIcon(),
				Stderr:   os.Stderr,
				Now:      wallclock.Func(),
			})
		},
		Window: func(ctx context.Context, dataDir, name string) error {
			nameProcess("crampcare")
			return ui.Run(ctx, ui.Params{DataDir: dataDir, Window: name, Stderr: os.Stderr, Token: os.Getenv(api.WindowTokenEnv)})
		},
	})
	stop()
	exit(code)
}
