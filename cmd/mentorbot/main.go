// Command mentorbot runs the mentoring bot: on Slack and Discord when their
// tokens are set, otherwise as a console in the terminal. It also answers
// one question from the roadmap (ask), checks roadmap files (roadmap
// validate), probes a running bot's health (healthcheck, for container
// health checks) and prints its build (version).
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
	"github.com/mentorbot/mentorbot/bot/discord"
	"github.com/mentorbot/mentorbot/bot/slack"
	"github.com/mentorbot/mentorbot/roadmap"
)

const usage = `mentorbot — a backend career mentor for Slack, Discord and the terminal

Usage:
  mentorbot [run] [--env-file PATH] [--roadmap FILE]
                                        run the bot: Slack and Discord when their tokens are set,
                                        otherwise the console
  mentorbot console [--env-file PATH] [--roadmap FILE]
                                        run the console adapter (even when chat tokens are set)
  mentorbot ask [--json] [--roadmap FILE] QUESTION...
                                        answer one question from the roadmap
  mentorbot roadmap validate FILE       check a roadmap file; every problem with its line
  mentorbot roadmap print               print the embedded default roadmap (a starting point)
  mentorbot slack-manifest [--url URL]  print the Slack app manifest (Socket Mode, or HTTP mode at URL)
  mentorbot discord-invite [--app-id ID]
                                        print the link that adds the Discord bot to a server, with the
                                        scopes and permissions it needs (default: DISCORD_APP_ID)
  mentorbot healthcheck [URL]           GET URL (default: /healthz on HTTP_ADDR); exit 0 when healthy
  mentorbot version                     print the version, VCS revision and Go version

Configuration is read from the environment, and from ./.env (or --env-file PATH) for what the
environment does not set; see .env.example. With a Slack or Discord token, REDIS_URL is required
(REDIS_URL=memory:// for a throwaway in-process store).
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	// After the first signal starts a graceful stop, a second one kills.
	context.AfterFunc(ctx, stop)
	code := runEnv(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.LookupEnv)
	stop()
	os.Exit(code)
}

// run is main without the process, with the environment as a getenv
// function (an empty value counts as unset): it returns the exit code.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	return runEnv(ctx, args, stdin, stdout, stderr, fromGetenv(getenv))
}

// runEnv is run with the environment as os.LookupEnv gives it, so that a
// variable set to "" in the environment still wins over .env.
func runEnv(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, env lookupEnv) int {
	cmd := ""
	if len(args) > 0 && args[0] != "" && args[0][0] != '-' {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "", "run", "console":
		return runBot(ctx, args, cmd == "console", stdin, stdout, stderr, env)
	case "ask":
		env, err := withEnvFile(env, "")
		if err != nil {
			fmt.Fprintf(stderr, "mentorbot ask: %v\n", err)
			return 1
		}
		return runAsk(args, stdout, stderr, env.get)
	case "roadmap":
		return runRoadmap(args, stdout, stderr)
	case "slack-manifest":
		return runSlackManifest(args, stdout, stderr)
	case "discord-invite":
		env, err := withEnvFile(env, "")
		if err != nil {
			fmt.Fprintf(stderr, "mentorbot discord-invite: %v\n", err)
			return 1
		}
		return runDiscordInvite(args, stdout, stderr, env.get)
	case "healthcheck":
		env, err := withEnvFile(env, "")
		if err != nil {
			fmt.Fprintf(stderr, "mentorbot healthcheck: %v\n", err)
			return 2
		}
		return runHealthcheck(ctx, args, stdout, stderr, env)
	case "version":
		return runVersion(args, stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "mentorbot: unknown command %q\n\n%s", cmd, usage)
	return 2
}

// runBot is `mentorbot [run|console]`: it reads the configuration (the
// environment over .env), applies the safe default for REDIS_URL, and
// serves until ctx ends or, for the console, until end of input.
func runBot(ctx context.Context, args []string, console bool, stdin io.Reader, stdout, stderr io.Writer, env lookupEnv) int {
	fs := flag.NewFlagSet("mentorbot", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, usage) }
	file := fs.String("roadmap", "", "a custom roadmap YAML (overrides ROADMAP_FILE)")
	envFile := fs.String("env-file", "", "a dotenv file to read variables from (default: ./.env when present)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "mentorbot: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	env, err := withEnvFile(env, *envFile)
	if err != nil {
		fmt.Fprintf(stderr, "mentorbot: %v\n", err)
		return 1
	}
	cfg, err := loadConfig(env.get)
	if err == nil {
		err = cfg.checkStore(console)
	}
	if err != nil {
		fmt.Fprintf(stderr, "mentorbot: %v\n", err)
		return 1
	}
	if *file != "" {
		cfg.RoadmapFile = *file
	}
	if err := serve(ctx, cfg, console, stdin, stdout, stderr); err != nil {
		fmt.Fprintf(stderr, "mentorbot: %v\n", err)
		return 1
	}
	return 0
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

// runDiscordInvite prints the Discord install link.
func runDiscordInvite(args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	fs := flag.NewFlagSet("discord-invite", flag.ContinueOnError)
	fs.SetOutput(stderr)
	app := fs.String("app-id", "", "the application id (default: DISCORD_APP_ID)")
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		fmt.Fprint(stderr, "Usage: mentorbot discord-invite [--app-id ID]\n")
		return 2
	}
	id := *app
	if id == "" {
		id = strings.TrimSpace(getenv("DISCORD_APP_ID"))
	}
	if id == "" {
		fmt.Fprintln(stderr, "mentorbot: DISCORD_APP_ID: required (or --app-id), the application id from the Developer Portal")
		return 2
	}
	link, err := discord.InviteURL(id)
	if err != nil {
		fmt.Fprintf(stderr, "mentorbot: DISCORD_APP_ID: %v\n", err)
		return 2
	}
	fmt.Fprintf(stdout, "%s\n\nOpen it as a server admin to add mentorbot with the scopes %s and the permissions %s.\n",
		link, strings.Join(discord.Scopes, ", "), discord.PermissionNames())
	return 0
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
