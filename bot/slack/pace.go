package slack

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/slack-go/slack"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/internal/sleep"
)

// limits are the rates of the Web API methods a DM calls, paced across
// replicas by a shared bot.Limiter.
type limits struct {
	post bot.Limit // chat.postMessage in one workspace
	open bot.Limit // conversations.open in one workspace
}

// perChannel is chat.postMessage's limit in one channel: about one a second.
func perChannel(channel string) bot.Limit {
	return bot.Limit{Key: "slack.post." + channel, Every: time.Second, Burst: 1}
}

// waitPost waits for a DM's turn to be posted to channel: under the shared
// limiter when there is one, else this process's pacer. With a non-zero
// until, a turn under the shared limiter that comes later is not booked
// and ok is false (the DM is handed on, see SendOrQueue). After a wait,
// the returned context gives the store calls that follow a budget of
// their own: the request's went on the wait.
func (a *Adapter) waitPost(ctx context.Context, sc bot.Scope, channel string, until time.Time) (_ context.Context, wait time.Duration, ok bool, err error) {
	if a.cfg.Limiter == nil {
		return ctx, 0, true, a.pace.wait(ctx, channel, time.Now())
	}
	return a.waitTurn(ctx, sc, until, a.limits.post, perChannel(channel))
}

// waitOpen waits for a turn to call conversations.open, as waitPost does
// (a process's own opens are not paced).
func (a *Adapter) waitOpen(ctx context.Context, sc bot.Scope, until time.Time) (_ context.Context, wait time.Duration, ok bool, err error) {
	if a.cfg.Limiter == nil {
		return ctx, 0, true, nil
	}
	return a.waitTurn(ctx, sc, until, a.limits.open)
}

// waitTurn waits for a turn under limits in the shared limiter: as long
// as it takes when until is zero, else only for a turn before until.
func (a *Adapter) waitTurn(ctx context.Context, sc bot.Scope, until time.Time, limits ...bot.Limit) (_ context.Context, wait time.Duration, ok bool, err error) {
	start := time.Now()
	if until.IsZero() {
		err = a.cfg.Limiter.Wait(ctx, sc, limits...)
	} else {
		wait, ok, err = a.cfg.Limiter.Book(ctx, sc, max(until.Sub(start), 0), limits...)
		if err != nil || !ok {
			return ctx, wait, false, err
		}
		err = sleep.For(ctx, wait)
	}
	if err != nil {
		return ctx, 0, false, fmt.Errorf("wait for a turn under Slack's rate limit: %w", err)
	}
	if waited := time.Since(start); waited > 10*time.Millisecond {
		ctx = bot.RenewStoreDeadline(ctx, time.Now().Add(bot.StoreBudget))
		return ctx, waited, true, nil
	}
	return ctx, 0, true, nil
}

// pauseShared holds every replica's calls under l when err is a 429, for
// its Retry-After; this process's pacer is paused where the error is
// mapped.
func (a *Adapter) pauseShared(ctx context.Context, sc bot.Scope, l bot.Limit, err error) {
	var rl *slack.RateLimitedError
	if a.cfg.Limiter == nil || !errors.As(err, &rl) {
		return
	}
	if perr := a.cfg.Limiter.Pause(context.WithoutCancel(ctx), sc, l.Key, rl.RetryAfter); perr != nil {
		a.log.Warn("share a rate limit pause", "err", perr)
	}
}

// pacer spaces out outgoing messages: a workspace-wide rate with a burst,
// at most one message per perChan in any one channel (Slack allows about
// one per second per channel), and a pause after Slack answers 429.
type pacer struct {
	mu       sync.Mutex
	interval time.Duration // between messages at the steady rate
	tau      time.Duration // how far ahead of the steady rate a burst may run
	perChan  time.Duration
	tat      time.Time            // theoretical arrival time of the next message (GCRA)
	chans    map[string]time.Time // earliest next message per channel
	until    time.Time            // no messages before this (Retry-After)
}

func newPacer(rate float64, burst int, perChan time.Duration) *pacer {
	iv := time.Duration(float64(time.Second) / rate)
	return &pacer{interval: iv, tau: time.Duration(burst-1) * iv, perChan: perChan, chans: map[string]time.Time{}}
}

// reserve books a slot for a message to channel and returns when it may go.
func (p *pacer) reserve(channel string, now time.Time) time.Time {
	p.mu.Lock()
	defer p.mu.Unlock()
	tat := p.tat
	if tat.Before(now) {
		tat = now
	}
	at := tat.Add(-p.tau)
	if at.Before(now) {
		at = now
	}
	if next := p.chans[channel]; at.Before(next) {
		at = next
	}
	if at.Before(p.until) {
		at = p.until
	}
	p.tat = maxTime(tat, at).Add(p.interval)
	p.chans[channel] = at.Add(p.perChan)
	if len(p.chans) > 1000 { // forget channels that are free again
		for ch, next := range p.chans {
			if next.Before(now) {
				delete(p.chans, ch)
			}
		}
	}
	return at
}

// wait blocks until a message to channel may go, or ctx ends.
func (p *pacer) wait(ctx context.Context, channel string, now time.Time) error {
	return sleep.For(ctx, p.reserve(channel, now).Sub(now))
}

// pause holds every message for d, as Slack's Retry-After asks.
func (p *pacer) pause(d time.Duration, now time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if u := now.Add(d); u.After(p.until) {
		p.until = u
	}
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}
