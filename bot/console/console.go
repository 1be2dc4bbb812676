// Package console is mentorbot's terminal adapter: it reads lines from a
// terminal or a pipe, runs them as /mentor commands or DMs, and prints
// replies and the DMs the bot sends on its own. Its clock can be moved
// forward with :advance so a week of nudges can be tried in a second.
//
// On a pipe its output is plain text, exactly as design.md's console
// contract fixes it. On a terminal (Terminal, DetectTerminal) it starts
// with a hint, prompts for each line, draws the core's markup as terminal
// text (bold, mentions as @name, links as "text (url)") and wraps lines to
// the terminal's width.
package console

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/mentorbot/mentorbot/bot"
)

// Platform is the console's platform name in scopes and messenger maps.
const Platform = "console"

// Handler answers requests; *bot.Bot is one.
type Handler interface {
	Handle(ctx context.Context, req bot.Request) bot.Message
}

// Config wires a Console.
type Config struct {
	Handler Handler
	In      io.Reader
	Out     io.Writer
	Clock   *Clock
	// Tick runs whatever is due at the clock's time (nudges, digests). It
	// is called after every :advance step and, while reading, every
	// TickEvery of real time.
	Tick      func(ctx context.Context) error
	TickEvery time.Duration
	// Step is how far each :advance step moves the clock (default 5m).
	Step time.Duration
	// Workspace names the console's workspace (default "console"); tests
	// use their own so they can share a Redis server.
	Workspace string
	// Zone is the IANA zone reported for console users; empty: the bot's default.
	Zone string
	// Terminal draws for an interactive terminal. Nil: New sets it with
	// DetectTerminal(In, Out), so it stays nil on a pipe, where the output
	// is the plain text of design.md's console contract.
	Terminal *Terminal
}

// Hint is the line a console on a terminal starts with.
const Hint = "Type /mentor help for the bot's commands, :help for the console's; anything else is a question to the bot."

// help lists the console's own controls (:help).
const help = `Console controls:
  /mentor ...       a slash command from the current user (/mentor help lists them)
  anything else     a DM to the bot: a question, as in "how do I learn SQL?"
  :as NAME          speak as NAME from now on (you start as "you")
  @NAME <line>      say one line as NAME
  :advance 1w       move the clock forward (1w, 7d, 36h, 90m), delivering nudges and digests due on the way
  :help             this list
  :quit, :q         end the session (end of input does too)`

// controlKeys answers a line of nothing but keys that are not text (an
// arrow key, Escape): the console reads plain lines, with no history to
// recall.
const controlKeys = "(Arrow keys and other control keys aren't read here: type the line itself. :help lists the console's controls.)"

// unknownControl answers a line that starts with ":" but names no control.
const unknownControl = "Console commands: :help, :as NAME, @NAME <line>, :advance DURATION (1w, 7d, 36h, 90m), :quit (or :q). Anything else is a message to the bot."

// Console is a running terminal session. It is also the bot.Messenger for
// the console platform: DMs print as "[DM to NAME]" blocks.
type Console struct {
	cfg       Config
	mu        sync.Mutex // guards out, user and prompting
	out       *bufio.Writer
	user      string
	prompting bool // a terminal prompt is showing, awaiting a line
}

// New returns a console reading cfg.In and writing cfg.Out.
func New(cfg Config) *Console {
	if cfg.Clock == nil {
		cfg.Clock = NewClock(time.Time{})
	}
	if cfg.Workspace == "" {
		cfg.Workspace = "console"
	}
	if cfg.Step <= 0 {
		cfg.Step = 5 * time.Minute
	}
	if cfg.Terminal == nil {
		cfg.Terminal = DetectTerminal(cfg.In, cfg.Out)
	}
	return &Console{cfg: cfg, out: bufio.NewWriter(cfg.Out), user: "you"}
}

// Scope returns the console's scope.
func (c *Console) Scope() bot.Scope { return bot.Scope{Platform: Platform, Workspace: c.cfg.Workspace} }

// PlatformAdmins is "" (bot.AdminNamer): the console has no admins of
// its own, only the names ADMIN_USERS gives.
func (c *Console) PlatformAdmins() string { return "" }

// Send prints a DM the bot sends on its own, or a channel post (a lead's
// digest channel) as [to #channel].
func (c *Console) Send(ctx context.Context, to bot.Recipient, m bot.Message) error {
	return c.print(func(w io.Writer) {
		if to.Channel != "" {
			fmt.Fprintf(w, "[to #%s]\n", to.Channel)
		} else {
			fmt.Fprintf(w, "[DM to %s]\n", to.User)
		}
		for _, line := range strings.Split(c.render(m, 2), "\n") {
			fmt.Fprintf(w, "  %s\n", line)
		}
	})
}

// Channel says every channel is ready: the console prints a channel post
// as a "[to #channel]" block, so any name can take the bot's posts.
func (c *Console) Channel(ctx context.Context, sc bot.Scope, id string) (bot.ChannelKind, error) {
	return bot.ChannelReady, nil
}

// render draws m for the console's output, indent columns in: plain text on
// a pipe, terminal text on a terminal.
func (c *Console) render(m bot.Message, indent int) string {
	t := c.cfg.Terminal
	if t == nil {
		return Render(m)
	}
	return RenderTerminal(m, max(t.width()-indent, 0), t.ANSI)
}

// print writes what write writes and flushes it. On a terminal, output
// that arrives while the prompt awaits a line (a nudge from the ticker)
// replaces the prompt's line, and the prompt is shown again after it.
func (c *Console) print(write func(w io.Writer)) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.prompting {
		if c.cfg.Terminal.ANSI {
			io.WriteString(c.out, "\r\x1b[K")
		} else {
			io.WriteString(c.out, "\n")
		}
	}
	write(c.out)
	if c.prompting {
		c.writePrompt()
	}
	return c.out.Flush()
}

// prompt shows the prompt on a terminal whose input is a terminal too.
func (c *Console) prompt() {
	if t := c.cfg.Terminal; t == nil || !t.Prompt {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.prompting = true
	c.writePrompt()
	c.out.Flush()
}

// writePrompt writes "NAME> "; c.mu is held.
func (c *Console) writePrompt() {
	if c.cfg.Terminal.ANSI {
		fmt.Fprintf(c.out, "%s%s>%s ", ansiBold, c.user, ansiBoldOff)
		return
	}
	fmt.Fprintf(c.out, "%s> ", c.user)
}

// endPrompt notes that a line arrived (or input ended) at the prompt.
func (c *Console) endPrompt(eof bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.prompting && eof {
		// Ctrl-D leaves the cursor after the prompt.
		io.WriteString(c.out, "\n")
		c.out.Flush()
	}
	c.prompting = false
}

// Run reads lines until end of input, :quit or ctx ends.
func (c *Console) Run(ctx context.Context) error {
	ctx, cancel := context.WithCancel(ctx)
	var ticking sync.WaitGroup
	// On the way out the ticker stops and a delivery in progress finishes
	// before Run returns, so the caller can release claims and close Redis.
	defer ticking.Wait()
	defer cancel()
	if c.cfg.Tick != nil && c.cfg.TickEvery > 0 {
		ticking.Go(func() { c.ticker(ctx) })
	}
	if c.cfg.Terminal != nil {
		c.say("%s", Hint)
	}
	lines := make(chan string)
	errc := make(chan error, 1)
	go func() {
		sc := bufio.NewScanner(c.cfg.In)
		sc.Buffer(make([]byte, 64*1024), 1024*1024)
		for sc.Scan() {
			select {
			case lines <- sc.Text():
			case <-ctx.Done():
				return
			}
		}
		errc <- sc.Err()
	}()
	for {
		c.prompt()
		select {
		case <-ctx.Done():
			c.endPrompt(true)
			return nil
		case err := <-errc:
			c.endPrompt(true)
			if err != nil {
				return fmt.Errorf("console: read input: %w", err)
			}
			return nil
		case line := <-lines:
			c.endPrompt(false)
			if quit := c.Line(ctx, line); quit {
				return nil
			}
		}
	}
}

func (c *Console) ticker(ctx context.Context) {
	t := time.NewTicker(c.cfg.TickEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			c.tick(ctx)
		}
	}
}

func (c *Console) tick(ctx context.Context) {
	if err := c.cfg.Tick(ctx); err != nil && !errors.Is(err, context.Canceled) {
		c.say("(could not deliver due messages: %v)", err)
	}
}

// Line handles one input line and reports whether the session should end.
func (c *Console) Line(ctx context.Context, line string) bool {
	// The core strips these too; the console strips them first to answer
	// a line of nothing else and to read its own controls (":as ann").
	line, dropped := bot.StripControls(line)
	line = strings.TrimSpace(line)
	switch {
	case line == "" && dropped:
		c.say("%s", controlKeys)
		return false
	case line == "":
		return false
	case line == ":quit" || line == ":q":
		return true
	case line == ":help":
		c.say("%s", help)
	case line == ":as" || strings.HasPrefix(line, ":as "):
		name, ok := personName(strings.TrimSpace(strings.TrimPrefix(line, ":as")))
		c.mu.Lock()
		if ok {
			c.user = name
		}
		user := c.user
		c.mu.Unlock()
		if !ok {
			c.say("Not switched: you are still %s. Usage: :as NAME (one word of letters, digits, - _ .)", user)
			return false
		}
		c.say("(you are now %s)", name)
	case strings.HasPrefix(line, ":advance"):
		c.advance(ctx, strings.TrimSpace(strings.TrimPrefix(line, ":advance")))
	case strings.HasPrefix(line, ":"):
		c.say("%s", unknownControl)
	case strings.HasPrefix(line, "@"):
		word, rest, _ := strings.Cut(line, " ")
		name, ok := personName(word)
		if !ok || strings.TrimSpace(rest) == "" {
			c.say("Usage: @NAME <line>")
			return false
		}
		c.speak(ctx, name, strings.TrimSpace(rest))
	default:
		c.mu.Lock()
		user := c.user
		c.mu.Unlock()
		c.speak(ctx, user, line)
	}
	return false
}

func (c *Console) speak(ctx context.Context, user, line string) {
	req := bot.Request{Scope: c.Scope(), User: user, Name: user, Zone: c.cfg.Zone}
	if rest, ok := strings.CutPrefix(line, "/mentor"); ok && (rest == "" || unicode.IsSpace(rune(rest[0]))) {
		req.Text = strings.TrimSpace(rest)
	} else {
		req.Text, req.Free = line, true
	}
	msg := c.cfg.Handler.Handle(ctx, req)
	c.print(func(w io.Writer) { fmt.Fprintln(w, c.render(msg, 0)) })
}

// advance moves the clock step by step, running due work at each step.
func (c *Console) advance(ctx context.Context, arg string) {
	d, err := ParseDuration(arg)
	switch {
	case arg == "":
		c.say("Usage: :advance DURATION, e.g. 1w, 7d, 36h or 90m")
		return
	case err != nil || d <= 0:
		// Say why, in the words of the units: "1y" gets what to type.
		why := "that's no length of time"
		if u := unknownUnit(strings.ToLower(arg)); u != "" {
			why = fmt.Sprintf("%q is no unit here", u)
		}
		c.say("Usage: :advance DURATION, e.g. 1w, 7d, 36h or 90m. Can't advance by %q: %s; the units are w (weeks), d (days), h (hours) and m (minutes), "+
			"in any case and combined as in 2w3d or 1d12h, up to 522w; a year is 52w.", arg, why)
		return
	}
	end := c.cfg.Clock.Now().Add(d)
	// A long advance says where it has got to every simulated week, so a
	// year of steps does not look like a hang.
	report := c.cfg.Clock.Now().Add(week)
	for now := c.cfg.Clock.Now(); now.Before(end); now = c.cfg.Clock.Now() {
		next := earlier(now.Add(c.cfg.Step), end)
		c.cfg.Clock.Set(next)
		if c.cfg.Tick != nil {
			c.tick(ctx)
		}
		if !next.Before(report) && next.Before(end) {
			c.say("(advancing: it is now %s)", next.UTC().Format("Mon 2 Jan 2006 15:04 MST"))
			report = report.Add(week)
		}
	}
	c.say("(it is now %s)", c.cfg.Clock.Now().UTC().Format("Mon 2 Jan 2006 15:04 MST"))
}

// week is how often a long :advance reports its progress.
const week = 7 * 24 * time.Hour

func (c *Console) say(format string, args ...any) {
	c.print(func(w io.Writer) { fmt.Fprintf(w, format+"\n", args...) })
}

func earlier(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// personName reads a console name as the core reads a mention of it,
// with or without its "@": case-folded, without punctuation after it, so
// that ":as Ann", "@ann," and "/mentor assign @ANN" are one person.
func personName(s string) (string, bool) {
	if !strings.HasPrefix(s, "@") {
		s = "@" + s
	}
	return bot.ParseMention(s)
}

var _ bot.Namer = (*Console)(nil)

// DisplayName is user itself: a console id is the name it was typed as.
func (c *Console) DisplayName(_ context.Context, _ bot.Scope, user string) string { return user }
