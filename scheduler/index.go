package scheduler

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/mentorbot/mentorbot/bot"
)

// Defaults of the due index's use (see Index).
const (
	// dueLimit bounds the workspaces one tick takes from the index per
	// lane; the rest are taken by the next tick.
	dueLimit = 1000
	// DefaultRepairBatch is how many workspaces one repair step checks.
	DefaultRepairBatch = 100
	// wholeRepairBatch is the step of a whole repair (first start).
	wholeRepairBatch = 500
)

// due lists, per workspace, the lanes that have something due there: from
// the lane's Index when its queue has one, else every workspace (one
// claim each). Workspaces come in the order first seen, nudges first.
func (s *Scheduler) due(ctx context.Context) ([]bot.Scope, map[bot.Scope][]*lane, error) {
	var order []bot.Scope
	by := map[bot.Scope][]*lane{}
	var all []bot.Scope
	for _, l := range s.lanes {
		var scopes []bot.Scope
		var err error
		if ix, ok := l.q.(Index); ok {
			scopes, err = ix.DueWorkspaces(ctx, s.clock(), dueLimit)
		} else {
			if all == nil {
				all, err = s.cfg.Queue.Workspaces(ctx)
			}
			scopes = all
		}
		if err != nil {
			return nil, nil, fmt.Errorf("%ss: %w", l.name, err)
		}
		for _, sc := range scopes {
			if _, seen := by[sc]; !seen {
				order = append(order, sc)
			}
			by[sc] = append(by[sc], l)
		}
	}
	return order, by, nil
}

// settle tells a lane's Index that sc was drained.
func (s *Scheduler) settle(ctx context.Context, l *lane, sc bot.Scope) error {
	if ix, ok := l.q.(Index); ok {
		return ix.Settle(ctx, sc)
	}
	return nil
}

// Recover is what a process does before its first tick: on the first
// start after an upgrade (no index yet) it repairs each lane's index
// whole, a few hundred workspaces a round trip; otherwise it takes one
// bounded repair step. It never scans the keyspace: Rebuild does, and
// runs only when RebuildEvery asks for it.
func (s *Scheduler) Recover(ctx context.Context) error {
	var errs []error
	for _, l := range s.lanes {
		ix, ok := l.q.(Index)
		if !ok {
			continue
		}
		indexed, err := ix.Indexed(ctx)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if indexed {
			errs = append(errs, s.repairLane(ctx, l, ix, s.cfg.RepairBatch))
			continue
		}
		for {
			next, err := ix.Repair(ctx, s.cursorOf(l), wholeRepairBatch)
			if err != nil {
				errs = append(errs, err)
				break
			}
			s.setCursor(l, next)
			if next == 0 {
				break
			}
		}
	}
	return errors.Join(errs...)
}

// RepairStep checks the next RepairBatch workspaces of each lane's index,
// going round all of them over successive calls; Run calls it every
// RepairEvery.
func (s *Scheduler) RepairStep(ctx context.Context) error {
	var errs []error
	for _, l := range s.lanes {
		if ix, ok := l.q.(Index); ok {
			errs = append(errs, s.repairLane(ctx, l, ix, s.cfg.RepairBatch))
		}
	}
	return errors.Join(errs...)
}

func (s *Scheduler) repairLane(ctx context.Context, l *lane, ix Index, n int) error {
	next, err := ix.Repair(ctx, s.cursorOf(l), n)
	if err != nil {
		return fmt.Errorf("%s index repair: %w", l.name, err)
	}
	s.setCursor(l, next)
	return nil
}

func (s *Scheduler) cursorOf(l *lane) uint64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cursors[slices.Index(s.lanes, l)]
}

func (s *Scheduler) setCursor(l *lane, c uint64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cursors[slices.Index(s.lanes, l)] = c
}
