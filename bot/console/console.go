// Package console is mentorbot's terminal adapter: it reads lines from a
// terminal or a pipe, runs them as /mentor commands or DMs, and prints
// replies and the DMs the bot sends on its own. Its clock can be moved
// forward with :advance so a week of nudges can be tried in a second.
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
}

// Console is a running terminal session. It is also the bot.Messenger for
// the console platform: DMs print as "[DM to NAME]" blocks.
type Console struct {
	cfg  Config
	mu   sync.Mutex // guards out and user
	out  *bufio.Writer
	user string
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
	return &Console{cfg: cfg, out: bufio.NewWriter(cfg.Out), user: "you"}
}

// Scope returns the console's scope.
func (c *Console) Scope() bot.Scope { return bot.Scope{Platform: Platform, Workspace: c.cfg.Workspace} }

// Send prints a DM the bot sends on its own.
func (c *Console) Send(ctx context.Context, to bot.Recipient, m bot.Message) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	fmt.Fprintf(c.out, "[DM to %s]\n", to.User)
	for _, line := range strings.Split(Render(m), "\n") {
		fmt.Fprintf(c.out, "  %s\n", line)
	}
	return c.out.Flush()
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
		select {
		case <-ctx.Done():
			return nil
		case err := <-errc:
			if err != nil {
				return fmt.Errorf("console: read input: %w", err)
			}
			return nil
		case line := <-lines:
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
	line = strings.TrimSpace(line)
	switch {
	case line == "":
		return false
	case line == ":quit":
		return true
	case strings.HasPrefix(line, ":as"):
		name := strings.TrimSpace(strings.TrimPrefix(line, ":as"))
		if _, ok := bot.ParseMention("@" + name); !ok {
			c.say("Usage: :as NAME (letters, digits, - _ .)")
			return false
		}
		c.mu.Lock()
		c.user = name
		c.mu.Unlock()
		c.say("(you are now %s)", name)
	case strings.HasPrefix(line, ":advance"):
		c.advance(ctx, strings.TrimSpace(strings.TrimPrefix(line, ":advance")))
	case strings.HasPrefix(line, ":"):
		c.say("Console commands: :as NAME, :advance DURATION (7d, 36h, 90m), :quit. Anything else is a message to the bot.")
	case strings.HasPrefix(line, "@"):
		name, rest, _ := strings.Cut(line[1:], " ")
		if _, ok := bot.ParseMention("@" + name); !ok || strings.TrimSpace(rest) == "" {
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
	if rest, ok := strings.CutPrefix(line, "/mentor"); ok && (rest == "" || rest[0] == ' ') {
		req.Text = strings.TrimSpace(rest)
	} else {
		req.Text, req.Free = line, true
	}
	msg := c.cfg.Handler.Handle(ctx, req)
	c.mu.Lock()
	defer c.mu.Unlock()
	fmt.Fprintln(c.out, Render(msg))
	c.out.Flush()
}

// advance moves the clock step by step, running due work at each step.
func (c *Console) advance(ctx context.Context, arg string) {
	d, err := ParseDuration(arg)
	if err != nil || d <= 0 {
		c.say("Usage: :advance DURATION, e.g. 7d, 36h or 90m")
		return
	}
	end := c.cfg.Clock.Now().Add(d)
	for now := c.cfg.Clock.Now(); now.Before(end); now = c.cfg.Clock.Now() {
		c.cfg.Clock.Set(earlier(now.Add(c.cfg.Step), end))
		if c.cfg.Tick != nil {
			c.tick(ctx)
		}
	}
	c.say("(it is now %s)", c.cfg.Clock.Now().UTC().Format("Mon 2 Jan 2006 15:04 MST"))
}

func (c *Console) say(format string, args ...any) {
	c.mu.Lock()
	defer c.mu.Unlock()
	fmt.Fprintf(c.out, format+"\n", args...)
	c.out.Flush()
}

func earlier(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
