// Command mentorbot runs the mentoring bot: on Slack and Discord when their
// tokens are set, otherwise as a console in the terminal. It also answers
// one question from the roadmap (ask) and checks roadmap files (roadmap
// validate).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	_ "time/tzdata" // nudge zones must resolve in minimal containers without /usr/share/zoneinfo

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/bot/slack"
	"github.com/mentorbot/mentorbot/roadmap"
)

const usage = `mentorbot — a backend career mentor for Slack, Discord and the terminal

Usage:
  mentorbot [--roadmap FILE]            run the bot (the console when no chat tokens are set)
  mentorbot console [--roadmap FILE]    run the console adapter
  mentorbot ask [--json] [--roadmap FILE] QUESTION...
                                        answer one question from the roadmap
  mentorbot roadmap validate FILE       check a roadmap file; every problem with its line
  mentorbot roadmap print               print the embedded default roadmap (a starting point)
  mentorbot slack-manifest [--url URL]  print the Slack app manifest (Socket Mode, or HTTP mode at URL)

Configuration is read from the environment; see .env.example.
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	// After the first signal starts a graceful stop, a second one kills.
	context.AfterFunc(ctx, stop)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv)
	stop()
	os.Exit(code)
}

// run is main without the process: it returns the exit code.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	cmd := ""
	if len(args) > 0 && args[0] != "" && args[0][0] != '-' {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "", "run", "console":
		fs := flag.NewFlagSet("mentorbot", flag.ContinueOnError)
		fs.SetOutput(stderr)
		fs.Usage = func() { fmt.Fprint(stderr, usage) }
		file := fs.String("roadmap", "", "a custom roadmap YAML (overrides ROADMAP_FILE)")
		if err := fs.Parse(args); err != nil {
			return 2
		}
		if fs.NArg() > 0 {
			fmt.Fprintf(stderr, "mentorbot: unexpected argument %q\n", fs.Arg(0))
			return 2
		}
		cfg, err := loadConfig(getenv)
		if err != nil {
			fmt.Fprintf(stderr, "mentorbot: %v\n", err)
			return 1
		}
		if *file != "" {
			cfg.RoadmapFile = *file
		}
		if err := serve(ctx, cfg, cmd == "console", stdin, stdout, stderr); err != nil {
			fmt.Fprintf(stderr, "mentorbot: %v\n", err)
			return 1
		}
		return 0
	case "ask":
		return runAsk(args, stdout, stderr, getenv)
	case "roadmap":
		return runRoadmap(args, stdout, stderr)
	case "slack-manifest":
		return runSlackManifest(args, stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "mentorbot: unknown command %q\n\n%s", cmd, usage)
	return 2
}

// runRoadmap handles "roadmap validate FILE" and "roadmap print".
func runRoadmap(args []string, stdout, stderr io.Writer) int {
	switch {
	case len(args) == 2 && args[0] == "validate":
		rm, err := roadmap.Load(args[1])
		if err != nil {
			var ve *roadmap.ValidationError
			if errors.As(err, &ve) {
				fmt.Fprintln(stderr, ve.Error())
			} else {
				fmt.Fprintf(stderr, "mentorbot: %v\n", err)
			}
			return 1
		}
		skills := 0
		for _, s := range rm.Stages {
			skills += len(s.Skills)
		}
		for _, t := range rm.Tracks {
			skills += len(t.Skills)
		}
		fmt.Fprintf(stdout, "%s: ok (%d stages, %d tracks, %d skills)\n", args[1], len(rm.Stages), len(rm.Tracks), skills)
		return 0
	case len(args) == 1 && args[0] == "print":
		stdout.Write(roadmap.DefaultYAML())
		return 0
	}
	fmt.Fprint(stderr, "Usage: mentorbot roadmap validate FILE | mentorbot roadmap print\n")
	return 2
}

// loadRoadmap returns the custom roadmap at path, or the default.
func loadRoadmap(path string) (*roadmap.Roadmap, error) {
	if path == "" {
		rm, err := roadmap.Default()
		if err != nil {
			return nil, fmt.Errorf("default roadmap: %w", err)
		}
		return rm, nil
	}
	rm, err := roadmap.Load(path)
	if err != nil {
		return nil, fmt.Errorf("ROADMAP_FILE: %w", err)
	}
	return rm, nil
}

// runSlackManifest prints the Slack app manifest generated from the
// command table.
func runSlackManifest(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("slack-manifest", flag.ContinueOnError)
	fs.SetOutput(stderr)
	base := fs.String("url", "", "public HTTPS base URL for HTTP mode; unset: Socket Mode")
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		fmt.Fprint(stderr, "Usage: mentorbot slack-manifest [--url https://your-host]\n")
		return 2
	}
	url, socket := *base, *base == ""
	if socket {
		url = "https://mentorbot.example.com"
	} else if !strings.HasPrefix(url, "https://") {
		fmt.Fprintln(stderr, "mentorbot: --url must be an https:// URL (Slack only calls HTTPS endpoints)")
		return 2
	}
	m, err := slack.Manifest(bot.Table(), url, socket)
	if err != nil {
		fmt.Fprintf(stderr, "mentorbot: %v\n", err)
		return 1
	}
	stdout.Write(m)
	return 0
}
