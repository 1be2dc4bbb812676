package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/scheduler"
)

var _ scheduler.Postponer = queue{}

// Postpone moves sc's place in the index to at, when it is there and
// earlier (ZADD XX GT): a workspace the scheduler cannot serve now (the
// app uninstalled there) leaves the front of the index to the others
// instead of being listed first at every tick. Whatever adds an entry
// lowers the place again, and so does Repair.
func (q queue) Postpone(ctx context.Context, sc bot.Scope, at time.Time) error {
	if _, err := check(sc); err != nil {
		return fmt.Errorf("postpone: %w", err)
	}
	err := q.s.rdb.ZAddArgs(ctx, q.index, redis.ZAddArgs{XX: true, GT: true,
		Members: []redis.Z{{Score: float64(at.UnixMilli()), Member: sc.String()}}}).Err()
	if err != nil {
		return wrap(err, "postpone %s", sc)
	}
	return nil
}

// Postpone is the nudge queue's Postpone.
func (s *Store) Postpone(ctx context.Context, sc bot.Scope, at time.Time) error {
	return s.nudges().Postpone(ctx, sc, at)
}
