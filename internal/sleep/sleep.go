// Package sleep waits for a time that a context can cut short: the
// pacing, rate-limit and gate waits of the adapters, the scheduler and the
// shared limiter.
package sleep

import (
	"context"
	"time"
)

// For waits d, or until ctx ends, and returns ctx's error if it ended
// first. A d of zero or less returns at once with ctx's error, so a caller
// whose context is already done does not go on.
func For(ctx context.Context, d time.Duration) error {
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
