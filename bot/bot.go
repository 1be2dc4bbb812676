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
	// DefaultZone is the IANA zone for members whose platform does not tell
	// theirs; empty means UTC.
	DefaultZone string
	Logger      *slog.Logger // nil: slog.Default()
	// Observe, when set, is told about every command handled (for metrics).
	Observe func(command string, outcome Outcome, took time.Duration)
	// Writer, when set, words answers to questions (an optional language
	// model); nil: offline answers only, no network call.
	Writer Writer
	// WriterTimeout bounds one Writer call (default DefaultWriterTimeout).
	WriterTimeout time.Duration
	// Cache, when set, makes the DMs commands send themselves (an
	// invitation) go at most once per invitation across replicas and
	// redeliveries.
	Cache Cache
}

// Bot is the platform-neutral mentor. It is safe for concurrent use.
type Bot struct {
	rm       *roadmap.Roadmap
	store    Store
	clock    Clock
	admins   map[string]bool
	zone     *time.Location
	zones    zoneCache // what Location loaded
	log      *slog.Logger
	observe  func(string, Outcome, time.Duration)
	commands []Command
	hints    []Hint
	ask      asker
	writer   Writer
	// writerTimeout bounds a Writer call.
	writerTimeout time.Duration
	cache         Cache
	out           outbox
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
		log:     cfg.Logger,
		observe: cfg.Observe,
		zone:    time.UTC,
		writer:  cfg.Writer,
		cache:   cfg.Cache,
	}
	b.writerTimeout = cfg.WriterTimeout
	if b.writerTimeout <= 0 {
		b.writerTimeout = DefaultWriterTimeout
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
	b.hints = Hints()
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
// short, clear messages (see reply), and a storage outage becomes "try
// again shortly".
func (b *Bot) Handle(ctx context.Context, req Request) Message {
	start := time.Now()
	ctx = WithStoreDeadline(ctx, start.Add(StoreBudget))
	name, msg, err := b.handle(ctx, req)
	var outcome Outcome
	if err != nil {
		msg, outcome = reply(err)
	} else {
		outcome = OutcomeOK
	}
	took := time.Since(start)
	lvl := slog.LevelInfo
	if outcome == OutcomeError || outcome == OutcomeUnavailable {
		lvl = slog.LevelWarn
	}
	b.log.LogAttrs(ctx, lvl, "command", slog.String("scope", req.Scope.String()),
		slog.String("command", name), slog.String("outcome", string(outcome)),
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

// Labels of requests that name no command of the table, in logs and metrics.
const (
	labelInvalid  = "invalid"  // unreadable text
	labelUnknown  = "unknown"  // a name that is not a command
	labelGreeting = "greeting" // a hello in a DM
	labelHint     = "hint"     // a DM that means a command by another name
)

func (b *Bot) handle(ctx context.Context, req Request) (name string, msg Message, err error) {
	// One command's bug must not take the bot down for everyone.
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("command panicked: %v", r)
		}
	}()
	text, err := clean(req.Text)
	if err != nil {
		return labelInvalid, Message{}, err
	}
	if req.Free {
		switch {
		case text == "":
			text = "help"
		case thanks[strings.Join(plainWords(text), " ")]:
			return labelGreeting, Message{Private: true, Text: "You're welcome! Ask me anything about the roadmap whenever you like."}, nil
		case hellos[strings.Join(plainWords(text), " ")]:
			msg := Message{Private: true, Text: "Hi! I'm mentorbot, your backend career mentor. " +
				"Ask me anything about the roadmap (\"how do I get better at SQL performance?\"), " +
				"or start with `/mentor join`.", Buttons: b.startButtons(ctx, req)}
			if msg.Buttons[0].Command != "join" {
				msg.Text = "Hi! I'm mentorbot, your backend career mentor. " +
					"Ask me anything about the roadmap (\"how do I get better at SQL performance?\"), or see where you are."
			}
			msg.Buttons = append(msg.Buttons, Button{Label: "Help", Command: "help"})
			return labelGreeting, msg, nil
		default:
			line, ok := b.commandLine(text)
			if ok {
				req.Free = false
				text = line
				break
			}
			// "Mentor, what is next?" addresses the bot: the question is
			// what follows the name, which is no roadmap word.
			text = line
			if h, ok := b.hintFor(text, true); ok {
				text, buttons := b.hintAnswer(ctx, req, h)
				return labelHint, Message{Text: text, Buttons: buttons, Private: true}, nil
			}
			if line, ok := b.commandAndFiller(text); ok {
				req.Free = false
				text = line
				break
			}
			req.Options = map[string]string{"question": text}
			text = "ask"
		}
	}
	if !req.Free && req.Options == nil {
		if q, _ := dropMentor(text); b.asksAQuestion(q) {
			// A question about oneself ("/mentor who is my lead?") gets
			// the answer a DM of it gets, not the roadmap's section.
			if h, ok := b.hintFor(q, true); ok {
				text, buttons := b.hintAnswer(ctx, req, h)
				return labelHint, Message{Text: text, Buttons: buttons, Private: true}, nil
			}
			req.Options = map[string]string{"question": q}
			text = "ask"
		}
	}
	return b.run(ctx, req, text)
}

// run resolves, binds, authorizes and runs one command line.
func (b *Bot) run(ctx context.Context, req Request, text string) (string, Message, error) {
	text, stamp := cutStamp(text)
	top, cmd, path, rest, err := b.resolve(text)
	if top == nil {
		if h, ok := b.lineHint(text); ok && h.Before != "" {
			// The hint as said to this caller: resolve knows no one.
			line, _ := dropMentor(text)
			name, _ := commandWord(line)
			hint, buttons := b.hintAnswer(ctx, req, h)
			return labelUnknown, Message{}, hintError(name, hint, buttons)
		}
		return labelUnknown, Message{}, err
	}
	if err != nil {
		return top.Name, Message{}, err
	}
	c := &call{b: b, req: req, cmd: cmd, path: path, now: b.clock.Now(), stamp: stamp}
	c.store = counted{c}
	if req.Options != nil {
		if c.raw, err = options(cmd, req.Options); err != nil {
			return top.Name, Message{}, err
		}
	} else if c.raw, err = b.split(top, cmd, path, rest); err != nil {
		return top.Name, Message{}, err
	}
	if err := c.bind(top); err != nil {
		return top.Name, Message{}, err
	}
	if err := c.authorize(ctx, top.Perm); err != nil {
		return top.Name, Message{}, err
	}
	if err := c.followZone(ctx); err != nil {
		return top.Name, Message{}, err
	}
	if err := c.bindSkills(); err != nil {
		return top.Name, Message{}, err
	}
	if Replayed(ctx) { // an adapter's look-up set the mark already
		return top.Name, Message{}, errReplayed
	}
	if c.live, err = c.stampLive(ctx); err != nil {
		return top.Name, Message{}, err
	}
	if c.stale == alreadyPressed {
		// A double click's second press: before the command runs, so no
		// state it finds (the first press's deletion, say) answers it.
		return top.Name, Message{Text: alreadyPressed, Private: true}, nil
	}
	msg, err := cmd.run(c, ctx)
	if stamp != "" && c.stale != notYours {
		// A confirmation button's answer (done, or asked again with a
		// fresh button) takes the place of the prompt it was pressed on,
		// so no spent button stays behind; someone else's prompt stays,
		// and a second press leaves the first press's answer in place.
		msg.Replace = true
	}
	if err == nil || ErrorCode(err) == CodeInvalid {
		// A correction is an answer too. Failing to record it costs
		// only a nudge's spacing, not the command.
		if terr := c.touch(ctx); terr != nil {
			b.log.WarnContext(ctx, "record activity", "scope", req.Scope.String(), "member", req.User, "err", terr)
		}
	}
	return top.Name, msg, err
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

// hellos and thanks are DMs that are only a hello or a thank-you, as
// plainWords reads them ("hi 👋", "Thanks!"): they deserve a friendly
// word rather than a search of the roadmap.
var (
	hellos = map[string]bool{"hi": true, "hello": true, "hey": true, "hiya": true, "yo": true, "good morning": true,
		"good afternoon": true, "good evening": true, "hi there": true, "hello there": true, "hey there": true}
	thanks = map[string]bool{"thanks": true, "thank you": true, "thx": true, "ty": true, "cheers": true, "thanks a lot": true,
		"thank you so much": true, "many thanks": true, "ok thanks": true, "great thanks": true}
)
