// Package workers runs short functions on reused goroutines.
//
// A request handler that must answer within a deadline runs its work on a
// goroutine of its own and waits for it or the deadline. A new goroutine
// starts with a small stack that the work (HTTP, Redis, rendering) grows
// by copying, on every request; a goroutine that waits for the next piece
// of work keeps the stack it grew.
package workers

import "time"

// Pool hands work to idle goroutines, starting one when none is idle. A
// goroutine that finds no work for Idle exits, so an idle pool holds
// none. The zero value is not usable; use New.
type Pool struct {
	jobs chan func()
	idle time.Duration
}

// New returns a pool whose goroutines wait idle for more work before
// they exit.
func New(idle time.Duration) *Pool {
	return &Pool{jobs: make(chan func()), idle: idle}
}

// Go runs fn on an idle goroutine of the pool, or on a new one.
func (p *Pool) Go(fn func()) {
	select {
	case p.jobs <- fn:
	default:
		go p.loop(fn)
	}
}

func (p *Pool) loop(fn func()) {
	t := time.NewTimer(p.idle)
	defer t.Stop()
	for {
		fn()
		t.Reset(p.idle)
		select {
		case fn = <-p.jobs:
		case <-t.C:
			return
		}
	}
}
