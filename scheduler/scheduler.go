// Package scheduler delivers mentorbot's weekly DMs — members' nudges and
// leads' digests — from shared queues: claims with leases, due times on
// each member's local calendar, send keys that let a week's DM out at most
// once, and completions that record what went out. Any number of
// Schedulers, in any number of processes, work through one queue
// together. It imports bot for the content of the DMs; bot never imports
// it.
package scheduler

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"sync"
	"time"

	"github.com/mentorbot/mentorbot/bot"
)

// Content builds the DMs the scheduler delivers; *bot.Bot is one.
type Content interface {
	NudgeFor(m *bot.Member) (bot.Message, bot.NudgePick)
	ReminderFor(m *bot.Member) bot.Message
	DigestFor(lead *bot.Member, p bot.MenteePage, now time.Time) bot.Message
	// Location returns a zone by name, the bot's default for "".
	Location(zone string) *time.Location
}

// Members reads the profiles the DMs are made from; bot.Store is one.
type Members interface {
	Load(ctx context.Context, sc bot.Scope, ids ...string) ([]*bot.Member, error)
	// MenteePage reads the bounded page of a lead's mentees a digest is
	// made from (bot.DigestQuery).
	MenteePage(ctx context.Context, sc bot.Scope, lead string, q bot.PageQuery) (bot.MenteePage, error)
}

// Server is the optional capability of a Messenger to say whether it can
// deliver to a workspace at all: a Slack workspace that uninstalled the
// app, a Discord guild that removed the bot. Tick skips those it cannot.
type Server interface {
	Serves(ctx context.Context, sc bot.Scope) bool
}

// Postponer is the optional capability of an Index to put a workspace's
// place off until a time: one the scheduler cannot serve now.
type Postponer interface {
	Postpone(ctx context.Context, sc bot.Scope, at time.Time) error
}

// notServedRetry is how long a workspace the scheduler cannot serve is put
// off in the index before it is asked again.
const notServedRetry = 10 * time.Minute

// Config wires a Scheduler; Content, Members and Queue are required, the
// rest has usable defaults.
type Config struct {
	Content Content
	Members Members
	// Queue holds the nudges; when it is a Digester, the digests too.
	Queue Queue
	// Digests is the queue of weekly lead digests. Nil uses the Queue's
	// own when it is a Digester, and delivers no digests otherwise. It
	// shares the Queue's workspaces.
	Digests Queue
	// Messengers deliver DMs, by platform name. Workspaces of a platform
	// without one are left alone. The map is copied.
	Messengers map[string]bot.Messenger
	// Now, when set, is the clock passed to the queue (the console's and
	// tests' fake clock). Nil uses the queue's own clock, Redis TIME, so
	// that every replica agrees on what is due.
	Now func() time.Time
	// Lease is how long a claim is held before it comes due again
	// (default 2m). Leases of a batch still being sent are renewed.
	Lease time.Duration
	// Batch is how many members one claim takes (default 500).
	Batch int
	// Workers is how many DMs are sent at once (default 16).
	Workers int
	// MarkChunk is how many send keys a worker sets in one round trip
	// before sending those DMs one by one (default 1). A process that dies
	// hard mid-chunk loses that week's DM for the members of the chunk it
	// had not reached, so the default keeps that to the one DM in flight
	// (whose fate no chat platform lets us know); larger chunks trade that
	// for throughput.
	MarkChunk int
	// Interval is how often Run looks for due DMs (default 10s).
	Interval time.Duration
	// RebuildEvery, when positive, makes Run also rebuild the schedule
	// from member records (Rebuild: a SCAN of each workspace's profiles)
	// at start and that often. Zero, the default, never does: entries are
	// written with the profiles, and a queue with an Index is kept true
	// by Recover at start and RepairStep every RepairEvery.
	RebuildEvery time.Duration
	// RepairEvery is how often Run takes a repair step of the due index
	// (default 1m); RepairBatch how many workspaces a step checks
	// (default DefaultRepairBatch).
	RepairEvery time.Duration
	RepairBatch int
	// MaxLate is how late a DM may still go out (default 12h); later ones
	// are skipped and recorded as an event.
	MaxLate time.Duration
	// Logger defaults to slog.Default().
	Logger *slog.Logger
	// Observe, when set, is told the Outcome of every claimed nudge.
	Observe func(Outcome)
	// ObserveDigest, when set, is told the Outcome of every claimed
	// digest (never Reminded or Rescheduled).
	ObserveDigest func(Outcome)
}

// Scheduler delivers weekly nudges and lead digests from shared Queues.
// Any number of Schedulers may work on one queue at once; each member gets
// at most one nudge, and each lead one digest, per local ISO week, guarded
// by a send key set just before sending.
type Scheduler struct {
	cfg   Config
	msgs  map[string]bot.Messenger
	log   *slog.Logger
	lanes []*lane // nudges first, then digests when there is a digest queue

	locs sync.Map // zone name -> *time.Location

	mu      sync.Mutex
	cursors []uint64                     // per lane: where the index repair goes on
	held    map[heldKey]map[string]Claim // claims not yet completed or released
	gate    map[string]time.Time         // platform -> no sends before (rate limits)
}

// lane is one kind of weekly DM, worked through from its own queue with
// the same claims, leases, send keys and completions: members' nudges, or
// leads' digests.
type lane struct {
	name    string // "nudge" or "digest", in logs
	q       Queue
	observe func(Outcome)
	// prepare decides what one claimed entry gets; m is the profile of
	// the entry's member (nil when there is none).
	prepare func(ctx context.Context, sc bot.Scope, i int, now time.Time, c Claim, m *bot.Member) (*job, outcome)
	// due is the due time Rebuild gives an entry that went missing at
	// now; zero for none.
	due func(m *bot.Member, now time.Time) time.Time
}

// heldKey names the claims of one lane in one scope.
type heldKey struct {
	l  *lane
	sc bot.Scope
}

// New returns a scheduler delivering cfg.Content's nudges, and lead
// digests when the Queue is a Digester or cfg.Digests is set, through
// cfg.Messengers.
func New(cfg Config) (*Scheduler, error) {
	if cfg.Content == nil || cfg.Members == nil || cfg.Queue == nil {
		return nil, errors.New("scheduler: Content, Members and Queue are required")
	}
	if cfg.Lease <= 0 {
		cfg.Lease = 2 * time.Minute
	}
	if cfg.Batch <= 0 {
		cfg.Batch = 500
	}
	if cfg.Workers <= 0 {
		cfg.Workers = 16
	}
	if cfg.MarkChunk <= 0 {
		cfg.MarkChunk = 1
	}
	if cfg.Interval <= 0 {
		cfg.Interval = 10 * time.Second
	}
	if cfg.RepairEvery <= 0 {
		cfg.RepairEvery = time.Minute
	}
	if cfg.RepairBatch <= 0 {
		cfg.RepairBatch = DefaultRepairBatch
	}
	if cfg.MaxLate <= 0 {
		cfg.MaxLate = 12 * time.Hour
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	s := &Scheduler{cfg: cfg, msgs: maps.Clone(cfg.Messengers), log: cfg.Logger,
		held: map[heldKey]map[string]Claim{}, gate: map[string]time.Time{}}
	s.lanes = []*lane{{name: "nudge", q: cfg.Queue, observe: cfg.Observe, due: s.nudgeDue,
		prepare: func(_ context.Context, _ bot.Scope, i int, now time.Time, c Claim, m *bot.Member) (*job, outcome) {
			return s.prepare(i, now, c, m)
		}}}
	if cfg.Digests == nil {
		if d, ok := cfg.Queue.(Digester); ok {
			cfg.Digests = d.Digests()
		}
	}
	if cfg.Digests != nil {
		s.lanes = append(s.lanes, &lane{name: "digest", q: cfg.Digests, observe: cfg.ObserveDigest,
			due: s.digestDue, prepare: s.prepareDigest})
	}
	s.cursors = make([]uint64, len(s.lanes))
	return s, nil
}

// Run rebuilds the schedule, then delivers due nudges every Interval until
// ctx ends, when it releases whatever it still holds. It returns nil on
// cancellation.
func (s *Scheduler) Run(ctx context.Context) error {
	rebuilt, repaired := time.Now(), time.Now()
	if err := s.Recover(ctx); err != nil && ctx.Err() == nil {
		s.log.Warn("nudge index recovery", "err", err)
	}
	if s.cfg.RebuildEvery > 0 {
		if err := s.Rebuild(ctx); err != nil && ctx.Err() == nil {
			s.log.Warn("nudge schedule rebuild", "err", err)
		}
	}
	t := time.NewTicker(s.cfg.Interval)
	defer t.Stop()
	for {
		if err := s.Tick(ctx); err != nil && ctx.Err() == nil {
			s.log.Warn("nudge tick", "err", err)
		}
		if time.Since(repaired) >= s.cfg.RepairEvery {
			repaired = time.Now()
			if err := s.RepairStep(ctx); err != nil && ctx.Err() == nil {
				s.log.Warn("nudge index repair", "err", err)
			}
		}
		if s.cfg.RebuildEvery > 0 && time.Since(rebuilt) >= s.cfg.RebuildEvery {
			rebuilt = time.Now()
			if err := s.Rebuild(ctx); err != nil && ctx.Err() == nil {
				s.log.Warn("nudge schedule rebuild", "err", err)
			}
		}
		select {
		case <-ctx.Done():
			rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
			defer cancel()
			return s.Release(rctx)
		case <-t.C:
		}
	}
}

// Tick delivers every nudge and digest due now, in every workspace whose
// platform has a Messenger: per workspace, the nudges, then the digests.
// With an Index it visits only the workspaces the index lists as due.
func (s *Scheduler) Tick(ctx context.Context) error {
	scopes, lanes, err := s.due(ctx)
	if err != nil {
		return err
	}
	var errs []error
	for _, sc := range scopes {
		msgr := s.msgs[sc.Platform]
		if msgr == nil {
			continue
		}
		if sv, ok := msgr.(Server); ok && !sv.Serves(ctx, sc) {
			// The app is not installed there (now): its DMs wait, due,
			// for a reinstall, or for the data's deletion, and it makes
			// room at the front of the index for the others.
			s.postpone(ctx, sc, lanes[sc])
			continue
		}
		for _, l := range lanes[sc] {
			err := s.drain(ctx, l, sc, msgr)
			if err == nil {
				err = s.settle(ctx, l, sc)
			}
			if err != nil {
				if ctx.Err() != nil {
					return ctx.Err()
				}
				errs = append(errs, err)
			}
		}
	}
	return errors.Join(errs...)
}

// Rebuild re-adds members that have nudges on but lost their schedule
// entry, and leads who lost their digest entry, in every workspace.
func (s *Scheduler) Rebuild(ctx context.Context) error {
	scopes, err := s.cfg.Queue.Workspaces(ctx)
	if err != nil {
		return fmt.Errorf("nudges rebuild: %w", err)
	}
	now := s.clock()
	if now.IsZero() {
		now = time.Now()
	}
	var errs []error
	for _, sc := range scopes {
		for _, l := range s.lanes {
			n, err := l.q.Rebuild(ctx, sc, func(m *bot.Member) time.Time { return l.due(m, now) })
			if err != nil {
				errs = append(errs, err)
			} else if n > 0 {
				s.log.Info(l.name+" schedule rebuilt", "scope", sc.String(), "readded", n)
			}
		}
	}
	return errors.Join(errs...)
}

// nudgeDue is when a member whose entry went missing is due: the first
// slot after the latest of their last nudge, their joining, and now less
// MaxLate. A slot that passed while the entry was missing thus still goes
// out, late, instead of the week being lost; one already sent is caught by
// Last or, failing that, by the week's send key.
func (s *Scheduler) nudgeDue(m *bot.Member, now time.Time) time.Time {
	if !m.NudgesOn() {
		return time.Time{}
	}
	from := now.Add(-s.cfg.MaxLate)
	last := m.NudgeState.Last
	if bot.LastEased(m) {
		last = last.Add(bot.EaseOffEvery - 24*time.Hour) // the entry was 4 weeks out
	}
	for _, t := range []time.Time{m.Joined, last} {
		if t.After(from) {
			from = t
		}
	}
	return bot.NextDue(m.Nudges, from, s.location(m.Nudges.Zone))
}

// Release gives back every claim this scheduler still holds, so another
// replica can take them at once instead of waiting for the lease.
func (s *Scheduler) Release(ctx context.Context) error {
	s.mu.Lock()
	held := s.held
	s.held = map[heldKey]map[string]Claim{}
	s.mu.Unlock()
	var errs []error
	for hk, cs := range held {
		list := make([]Claim, 0, len(cs))
		for _, c := range cs {
			list = append(list, c)
		}
		if err := hk.l.q.Release(ctx, hk.sc, list); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// location is the Content's location for zone, with zones loaded once.
func (s *Scheduler) location(zone string) *time.Location {
	if loc, ok := s.locs.Load(zone); ok {
		return loc.(*time.Location)
	}
	loc := s.cfg.Content.Location(zone)
	s.locs.Store(zone, loc)
	return loc
}

func (s *Scheduler) clock() time.Time {
	if s.cfg.Now == nil {
		return time.Time{}
	}
	return s.cfg.Now()
}

func (l *lane) report(outcome Outcome) {
	if l.observe != nil {
		l.observe(outcome)
	}
}

// drain claims and delivers batches of a lane until nothing more is due.
func (s *Scheduler) drain(ctx context.Context, l *lane, sc bot.Scope, msgr bot.Messenger) error {
	for {
		batch, err := l.q.Claim(ctx, sc, s.clock(), s.cfg.Lease, s.cfg.Batch)
		if err != nil {
			return fmt.Errorf("%ss in %s: %w", l.name, sc, err)
		}
		if len(batch.Claims) == 0 {
			return nil
		}
		released, err := s.dispatch(ctx, l, sc, msgr, batch)
		if err != nil {
			return fmt.Errorf("%ss in %s: %w", l.name, sc, err)
		}
		// Released claims are due again at once; they wait for the next
		// tick rather than spinning here.
		if len(batch.Claims) < s.cfg.Batch || released > 0 {
			return nil
		}
	}
}

// deliverAll prepares and delivers every claim of a batch with the
// configured workers, MarkChunk claims at a time, and returns what became
// of each.
func (s *Scheduler) deliverAll(ctx context.Context, l *lane, sc bot.Scope, msgr bot.Messenger, batch Batch, keep *leaseKeeper, members []*bot.Member) []outcome {
	outs := make([]outcome, len(batch.Claims))
	chunks := make(chan int)
	var wg sync.WaitGroup
	for range min(s.cfg.Workers, len(batch.Claims)) {
		wg.Go(func() {
			for from := range chunks {
				var jobs []*job
				for i := from; i < min(from+s.cfg.MarkChunk, len(outs)); i++ {
					j, o := l.prepare(ctx, sc, i, batch.Now, keep.get(i), members[i])
					if j == nil {
						outs[i] = o
					} else {
						jobs = append(jobs, j)
					}
				}
				if len(jobs) > 0 {
					s.deliverChunk(ctx, l, sc, msgr, jobs, outs)
				}
			}
		})
	}
	for from := 0; from < len(outs); from += s.cfg.MarkChunk {
		chunks <- from
	}
	close(chunks)
	wg.Wait()
	return outs
}

// dispatch delivers one claimed batch and completes it; it returns how
// many claims it released for a later try.
func (s *Scheduler) dispatch(ctx context.Context, l *lane, sc bot.Scope, msgr bot.Messenger, batch Batch) (int, error) {
	s.hold(l, sc, batch.Claims)
	for _, c := range batch.Claims {
		if c.TakenOver {
			l.report(TakenOver)
		}
	}
	detached := func() (context.Context, context.CancelFunc) {
		return context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	}
	ids := make([]string, len(batch.Claims))
	for i, c := range batch.Claims {
		ids[i] = c.Member
	}
	members, err := s.cfg.Members.Load(ctx, sc, ids...)
	if err != nil {
		rctx, cancel := detached()
		defer cancel()
		s.unhold(l, sc, batch.Claims)
		return len(ids), errors.Join(err, l.q.Release(rctx, sc, batch.Claims))
	}

	keep := s.keepLeases(ctx, l, sc, batch.Claims)
	outs := s.deliverAll(ctx, l, sc, msgr, batch, keep, members)
	claims := keep.stop()

	var done []Completion
	var back []Claim
	for i, o := range outs {
		l.report(o.label)
		if o.release {
			back = append(back, claims[i])
			continue
		}
		o.done.Claim = claims[i]
		done = append(done, o.done)
	}
	rctx, cancel := detached()
	defer cancel()
	var errs []error
	if len(done) > 0 {
		held, err := l.q.Complete(rctx, sc, s.clock(), done)
		if err != nil {
			errs = append(errs, err)
		}
		for i, ok := range held {
			if !ok {
				l.report(Lost)
				s.log.Warn(l.name+" claim lost before completion", "scope", sc.String(), "member", done[i].Member)
			}
		}
	}
	if len(back) > 0 {
		errs = append(errs, l.q.Release(rctx, sc, back))
	}
	s.unhold(l, sc, batch.Claims)
	return len(back), errors.Join(errs...)
}

// postpone puts sc off in the indexes of its lanes (see Postponer).
func (s *Scheduler) postpone(ctx context.Context, sc bot.Scope, lanes []*lane) {
	now := s.clock()
	if now.IsZero() {
		now = time.Now()
	}
	for _, l := range lanes {
		if p, ok := l.q.(Postponer); ok {
			if err := p.Postpone(ctx, sc, now.Add(notServedRetry)); err != nil {
				s.log.Warn(l.name+" index: postpone a workspace not served", "scope", sc.String(), "err", err)
			}
		}
	}
}
