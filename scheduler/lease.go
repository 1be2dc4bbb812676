package scheduler

import (
	"context"
	"sync"
	"time"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/internal/sleep"
)

// hold records claims so that Release can give them back on shutdown.
func (s *Scheduler) hold(l *lane, sc bot.Scope, cs []Claim) {
	s.mu.Lock()
	defer s.mu.Unlock()
	hk := heldKey{l, sc}
	m := s.held[hk]
	if m == nil {
		m = map[string]Claim{}
		s.held[hk] = m
	}
	for _, c := range cs {
		m[c.Token] = c
	}
}

func (s *Scheduler) unhold(l *lane, sc bot.Scope, cs []Claim) {
	s.mu.Lock()
	defer s.mu.Unlock()
	hk := heldKey{l, sc}
	for _, c := range cs {
		delete(s.held[hk], c.Token)
	}
	if len(s.held[hk]) == 0 {
		delete(s.held, hk)
	}
}

// leaseKeeper renews a batch's leases while it is being sent, so that a
// slow platform or a rate-limit wait does not let another replica take
// members this one is still working on.
type leaseKeeper struct {
	claims []Claim
	done   chan struct{}
	wg     sync.WaitGroup
}

func (s *Scheduler) keepLeases(ctx context.Context, l *lane, sc bot.Scope, cs []Claim) *leaseKeeper {
	k := &leaseKeeper{claims: cs, done: make(chan struct{})}
	k.wg.Add(1)
	go func() {
		defer k.wg.Done()
		t := time.NewTicker(s.cfg.Lease / 3)
		defer t.Stop()
		for {
			select {
			case <-k.done:
				return
			case <-ctx.Done():
				return
			case <-t.C:
			}
			kept, err := l.q.Extend(ctx, sc, s.clock(), s.cfg.Lease, k.claims)
			if err != nil {
				s.log.Warn(l.name+" lease renewal", "scope", sc.String(), "err", err)
			} else if len(kept) < len(k.claims) {
				s.log.Warn(l.name+" leases lost", "scope", sc.String(), "lost", len(k.claims)-len(kept))
			}
		}
	}()
	return k
}

func (k *leaseKeeper) get(i int) Claim { return k.claims[i] }

// stop ends the renewals and returns the batch's claims.
func (k *leaseKeeper) stop() []Claim {
	close(k.done)
	k.wg.Wait()
	return k.claims
}

// closeGate holds back sends on a platform for d, after it answered 429.
func (s *Scheduler) closeGate(platform string, d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if t := time.Now().Add(d); t.After(s.gate[platform]) {
		s.gate[platform] = t
	}
}

// waitGate waits until sends on a platform may go on.
func (s *Scheduler) waitGate(ctx context.Context, platform string) error {
	s.mu.Lock()
	until := s.gate[platform]
	s.mu.Unlock()
	return sleep.For(ctx, time.Until(until))
}
