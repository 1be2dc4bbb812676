package slack

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/mentorbot/mentorbot/bot"
)

// A command that sends a DM (an invitation) may wait for the DM's turn
// under Slack's rate limits only so long: its reply is due within Slack's
// 3 s, and its store calls share one budget from arrival. A DM whose turn
// is further away goes to the background sender, which waits for it.
const (
	// inlineWait is the longest a command waits for a DM's turn.
	inlineWait = time.Second
	// storeReserve is the part of the request's store budget kept for
	// the store calls that follow the DM (the reply's own bookkeeping).
	storeReserve = 500 * time.Millisecond
	// handoffMax bounds the DMs waiting in the background, over every
	// workspace: at conversations.open's 50 a minute, the last one's turn
	// comes within about a minute.
	handoffMax = 50
	// handoffFor is how long a DM in the background may take, turns and
	// 429 retries included, before it is given up (and logged).
	handoffFor = 2 * time.Minute
)

// errHandoffFull says why a DM was neither sent nor queued.
var errHandoffFull = errors.New("too many DMs already waiting for their turn under Slack's rate limits")

// SendOrQueue sends m as Send does when its turns under the shared
// limiter come within the command's budget, and otherwise hands it to the
// background sender and reports queued (bot.Handoff). Without a shared
// limiter it is Send: the process's own pacer spaces DMs by a fraction
// of a second.
func (a *Adapter) SendOrQueue(ctx context.Context, to bot.Recipient, m bot.Message) (bool, error) {
	if a.cfg.Limiter == nil {
		return false, a.Send(ctx, to, m)
	}
	until := time.Now().Add(inlineWait)
	if at, ok := bot.StoreDeadline(ctx); ok && at.Add(-storeReserve).Before(until) {
		until = at.Add(-storeReserve)
	}
	turn, later, err := a.send(ctx, to, m, nil, until)
	if !later {
		return false, err
	}
	if !a.handOff(to, m) {
		return false, errHandoffFull
	}
	a.log.Info("DM handed to the background sender: its turn under Slack's rate limit is beyond the command's budget",
		slog.String("team", to.Scope.Workspace), slog.String("user", to.User), slog.Duration("turn_in", turn))
	return true, nil
}

// handOff sends m in the background, waiting for its turns and retrying a
// 429, within handoffFor and while the adapter runs; it reports false,
// sending nothing, when handoffMax DMs are waiting already.
func (a *Adapter) handOff(to bot.Recipient, m bot.Message) bool {
	select {
	case a.handoff <- struct{}{}:
	default:
		return false
	}
	a.work.Add(1)
	go func() {
		defer a.work.Done()
		defer func() { <-a.handoff }()
		// Not the command's context: its store deadline and its
		// cancellation are the command's, not this DM's.
		ctx, cancel := context.WithTimeout(a.bg, handoffFor)
		defer cancel()
		start := time.Now()
		err := retryLimited(ctx, func() error { return a.Send(ctx, to, m) })
		log := a.log.With(slog.String("team", to.Scope.Workspace), slog.String("user", to.User), slog.Duration("after", time.Since(start)))
		if err != nil {
			log.Warn("background DM not delivered", slog.String("err", err.Error()))
			return
		}
		log.Debug("background DM delivered")
	}()
	return true
}
