package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/mentorbot/mentorbot/roadmap"
)

// Config wires a Bot.
type Config struct {
	Roadmap *roadmap.Roadmap
	Store   Store
	Clock   Clock // nil: the system clock
	// Admins are user ids with admin rights in every scope (ADMIN_USERS).
	Admins []string
	// Messengers deliver DMs, by platform name.
	Messengers map[string]Messenger
	// DefaultZone is the IANA zone for members whose platform does not tell
	// theirs; empty means UTC.
	DefaultZone string
	Logger      *slog.Logger // nil: slog.Default()
	// Observe, when set, is told about every command handled (for metrics).
	Observe func(command, outcome string, took time.Duration)
}

// Bot is the platform-neutral mentor. It is safe for concurrent use.
type Bot struct {
	rm       *roadmap.Roadmap
	store    Store
	clock    Clock
	admins   map[string]bool
	msgs     map[string]Messenger
	zone     *time.Location
	log      *slog.Logger
	observe  func(string, string, time.Duration)
	commands []Command
	ask      asker
}

// New checks cfg and returns a Bot.
func New(cfg Config) (*Bot, error) {
	if cfg.Roadmap == nil || cfg.Store == nil {
		return nil, errors.New("bot: a roadmap and a store are required")
	}
	b := &Bot{
		rm:      cfg.Roadmap,
		store:   cfg.Store,
		clock:   cfg.Clock,
		admins:  map[string]bool{},
		msgs:    cfg.Messengers,
		log:     cfg.Logger,
		observe: cfg.Observe,
		zone:    time.UTC,
	}
	if b.clock == nil {
		b.clock = SystemClock{}
	}
	if b.log == nil {
		b.log = slog.Default()
	}
	for _, a := range cfg.Admins {
		if a = strings.TrimSpace(a); a != "" {
			b.admins[a] = true
		}
	}
	if cfg.DefaultZone != "" {
		loc, err := time.LoadLocation(cfg.DefaultZone)
		if err != nil {
			return nil, fmt.Errorf("bot: default zone %q: %w", cfg.DefaultZone, err)
		}
		b.zone = loc
	}
	b.commands = Table()
	b.ask = newAsker(b.rm)
	return b, nil
}

// Roadmap returns the roadmap the bot mentors with.
func (b *Bot) Roadmap() *roadmap.Roadmap { return b.rm }

// Commands returns the command table, from which help text and the Slack
// and Discord command registrations are generated.
func (b *Bot) Commands() []Command { return b.commands }

// Command returns the command with the given name.
func (b *Bot) Command(name string) (*Command, bool) {
	i := slices.IndexFunc(b.commands, func(c Command) bool { return c.Name == name })
	if i < 0 {
		return nil, false
	}
	return &b.commands[i], true
}

// Handle answers one request. It never returns an error: failures become
// short, clear messages, and a storage outage becomes "try again shortly".
func (b *Bot) Handle(ctx context.Context, req Request) Message {
	start := time.Now()
	name, msg, err := b.handle(ctx, req)
	outcome := "ok"
	switch {
	case errors.Is(err, ErrUnavailable) || errors.Is(err, context.DeadlineExceeded):
		outcome = "unavailable"
		msg = Message{Text: "Storage is unavailable, try again shortly.", Private: true}
	case errors.As(err, new(*userError)):
		outcome = "rejected"
		msg = Message{Text: err.Error(), Private: true}
	case err != nil:
		outcome = "error"
		msg = Message{Text: "Something went wrong on my side; try again shortly.", Private: true}
	}
	took := time.Since(start)
	lvl := slog.LevelInfo
	if outcome == "error" || outcome == "unavailable" {
		lvl = slog.LevelWarn
	}
	b.log.LogAttrs(ctx, lvl, "command", slog.String("scope", req.Scope.String()),
		slog.String("command", name), slog.String("outcome", outcome),
		slog.Duration("took", took), errAttr(err))
	if b.observe != nil {
		b.observe(name, outcome, took)
	}
	return msg
}

func errAttr(err error) slog.Attr {
	if err == nil {
		return slog.Attr{}
	}
	return slog.String("err", err.Error())
}

// userError is a refusal or a correction meant for the person who asked.
type userError struct{ msg string }

func (e *userError) Error() string { return e.msg }

// sorry returns an error whose text is shown to the user as it is.
func sorry(format string, args ...any) error {
	return &userError{msg: fmt.Sprintf(format, args...)}
}

func (b *Bot) handle(ctx context.Context, req Request) (name string, msg Message, err error) {
	// One command's bug must not take the bot down for everyone.
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("command panicked: %v", r)
		}
	}()
	text, err := clean(req.Text)
	if err != nil {
		return "invalid", Message{}, err
	}
	if req.Free {
		switch {
		case text == "" || strings.EqualFold(text, "help"):
			return b.run(ctx, req, "help", "")
		case greeting(text):
			return "greeting", Message{Private: true, Text: "Hi! I'm mentorbot, your backend career mentor. " +
				"Ask me anything about the roadmap (\"how do I get better at SQL performance?\"), " +
				"or start with `/mentor join`.",
				Buttons: []Button{{Label: "Join", Command: "join", Style: "primary"}, {Label: "Help", Command: "help"}}}, nil
		}
		return b.run(ctx, req, "ask", text)
	}
	name, rest, _ := strings.Cut(text, " ")
	name = strings.ToLower(name)
	if name == "" {
		name = "help"
	}
	return b.run(ctx, req, name, strings.TrimSpace(rest))
}

func (b *Bot) run(ctx context.Context, req Request, name, rest string) (string, Message, error) {
	cmd, ok := b.Command(name)
	if !ok {
		msg := fmt.Sprintf("I don't know the command %q.", name)
		if s := closest(name, b.commandNames(), 2); len(s) > 0 {
			msg += " Did you mean " + quoteList(s) + "?"
		}
		return "unknown", Message{}, sorry("%s Try `/mentor help`.", msg)
	}
	c := &call{b: b, req: req, cmd: cmd, rest: rest, args: fields(rest), now: b.clock.Now()}
	if err := c.authorize(ctx); err != nil {
		return cmd.Name, Message{}, err
	}
	msg, err := cmd.run(c, ctx)
	return cmd.Name, msg, err
}

func (b *Bot) commandNames() []string {
	names := make([]string, len(b.commands))
	for i, c := range b.commands {
		names[i] = c.Name
	}
	return names
}

// isAdmin reports whether the request carries admin rights.
func (b *Bot) isAdmin(req Request) bool {
	return req.Role >= RoleAdmin || b.admins[req.User]
}

// greeting reports whether a DM is only a hello or a thank-you, which
// deserves a friendly word rather than a search of the roadmap.
func greeting(text string) bool {
	t := strings.Trim(strings.ToLower(text), " !.?,:)")
	switch t {
	case "hi", "hello", "hey", "hiya", "yo", "good morning", "good afternoon", "good evening",
		"hi there", "hello there", "hey there", "thanks", "thank you", "thx", "ty", "cheers":
		return true
	}
	return false
}
