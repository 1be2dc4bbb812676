package storage

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/mentorbot/mentorbot/bot"
)

// forgetBatch is how many workspaces one ForgetDue call deletes.
const forgetBatch = 20

// ForgetAfter schedules the deletion of every member's data in sc after d
// (a workspace that left: the app uninstalled, the bot removed from a
// guild). With d zero the data is deleted now. Keep cancels it.
func (s *Installs) ForgetAfter(ctx context.Context, sc bot.Scope, d time.Duration) error {
	if _, err := newKeys(sc); err != nil {
		return fmt.Errorf("forget: %w", err)
	}
	if d <= 0 {
		_, err := s.forget(ctx, sc, true)
		return err
	}
	bctx, cancel := s.bound(ctx)
	defer cancel()
	at := s.now().Add(d).UnixMilli()
	// NX: a second uninstall event does not push the deadline back.
	if err := s.rdb.ZAddNX(bctx, forgetKey, redis.Z{Score: float64(at), Member: sc.String()}).Err(); err != nil {
		return wrap(err, "schedule forgetting %s", sc)
	}
	return nil
}

// Keep cancels a scheduled deletion of sc's data: the workspace is back.
func (s *Installs) Keep(ctx context.Context, sc bot.Scope) error {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	if err := s.rdb.ZRem(ctx, forgetKey, sc.String()).Err(); err != nil {
		return wrap(err, "keep %s", sc)
	}
	return nil
}

// ForgetAt returns when sc's data is to be deleted, or zero when it is not.
func (s *Installs) ForgetAt(ctx context.Context, sc bot.Scope) (time.Time, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	ms, err := s.rdb.ZScore(ctx, forgetKey, sc.String()).Result()
	switch {
	case errors.Is(err, redis.Nil):
		return time.Time{}, nil
	case err != nil:
		return time.Time{}, wrap(err, "forget time of %s", sc)
	}
	return time.UnixMilli(int64(ms)), nil
}

// ForgetDue deletes the data of workspaces whose retention has run out, a
// few at a time, and returns the scopes it deleted. Any number of
// processes may call it at once: deleting twice deletes nothing more.
func (s *Installs) ForgetDue(ctx context.Context) ([]bot.Scope, error) {
	bctx, cancel := s.bound(ctx)
	due, err := s.rdb.ZRangeArgs(bctx, redis.ZRangeArgs{Key: forgetKey, ByScore: true,
		Start: "-inf", Stop: strconv.FormatInt(s.now().UnixMilli(), 10), Count: forgetBatch}).Result()
	cancel()
	if err != nil {
		return nil, wrap(err, "forget: due workspaces")
	}
	var done []bot.Scope
	var errs []error
	for _, v := range due {
		sc, err := parseScope(v)
		if err != nil {
			// Not a scope we wrote; drop it so it does not block the queue.
			_ = s.rdb.ZRem(ctx, forgetKey, v).Err()
			continue
		}
		deleted, err := s.forget(ctx, sc, false)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if deleted {
			done = append(done, sc)
		}
	}
	return done, errors.Join(errs...)
}

// forget deletes every key of sc but its installation record, from which
// it removes the installer, and takes sc off the schedule. Unless now is
// set, it gives up when sc came back meanwhile (reinstalled, or the
// deletion cancelled).
func (s *Installs) forget(ctx context.Context, sc bot.Scope, now bool) (bool, error) {
	key, err := installKey(sc)
	if err != nil {
		return false, err
	}
	back := func() (bool, error) {
		if now {
			return false, nil
		}
		bctx, cancel := s.bound(ctx)
		defer cancel()
		state, err := s.rdb.HGet(bctx, key, fState).Result()
		if err != nil && !errors.Is(err, redis.Nil) {
			return false, wrap(err, "forget %s", sc)
		}
		if state == stateOK {
			return true, nil
		}
		_, err = s.rdb.ZScore(bctx, forgetKey, sc.String()).Result()
		if errors.Is(err, redis.Nil) {
			return true, nil
		}
		return false, wrapNil(err, "forget %s", sc)
	}
	if b, err := back(); b || err != nil {
		if b {
			_ = s.rdb.ZRem(ctx, forgetKey, sc.String()).Err()
		}
		return false, err
	}
	pattern := globEscape(key[:len(key)-len("install")]) + "*"
	err = (&Store{rdb: s.rdb}).scan(ctx, pattern, func(batch []string) error {
		if b, err := back(); b || err != nil {
			return errors.Join(err, errCameBack)
		}
		batch = removeKey(batch, key)
		if len(batch) == 0 {
			return nil
		}
		bctx, cancel := s.bound(ctx)
		defer cancel()
		return wrapNil(s.rdb.Unlink(bctx, batch...).Err(), "forget %s", sc)
	})
	if errors.Is(err, errCameBack) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	bctx, cancel := s.bound(ctx)
	defer cancel()
	_, err = s.rdb.Pipelined(bctx, func(p redis.Pipeliner) error {
		p.HDel(bctx, key, fBy)
		p.ZRem(bctx, forgetKey, sc.String())
		// Nothing is due there any more.
		p.ZRem(bctx, NudgeIndexKey, sc.String())
		p.ZRem(bctx, DigestIndexKey, sc.String())
		return nil
	})
	if err != nil {
		return false, wrap(err, "forget %s", sc)
	}
	return true, nil
}

var errCameBack = errors.New("the workspace came back")

// wrapNil is wrap for an error that may be nil.
func wrapNil(err error, format string, args ...any) error {
	if err == nil {
		return nil
	}
	return wrap(err, format, args...)
}

func removeKey(keys []string, drop string) []string {
	out := keys[:0]
	for _, k := range keys {
		if k != drop {
			out = append(out, k)
		}
	}
	return out
}
