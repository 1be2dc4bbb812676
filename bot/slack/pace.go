package slack

import (
	"context"
	"sync"
	"time"
)

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
	d := p.reserve(channel, now).Sub(now)
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
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
