package storage

import (
	"context"
	"errors"
	"fmt"

	"github.com/redis/go-redis/v9"
)

// shaCalls are the script calls of one transaction sent as EVALSHA: the
// hot path's write (`done`, `start`, a profile change) would otherwise send
// every script's whole source, and have Redis hash it, on every call.
//
// Inside a MULTI a NOSCRIPT reply (the server restarted or its scripts
// were flushed) fails that command only, not the transaction, and that
// script did nothing. Only scripts whose work may as well come right after
// the transaction go here (writeLogSrc: the event logs, and the roster's
// "add", which computes from what is stored): redo runs them then, as
// EVAL, which also caches them again. A nil
// *shaCalls sends EVAL: for a Store's first write, which caches the
// scripts on the server without a round trip of its own, and for the
// checked-links path, which reads the queued sources.
type shaCalls struct {
	calls []shaCall
}

type shaCall struct {
	script *redis.Script
	cmd    *redis.Cmd
	keys   []string
	args   []any
}

// run queues sc on p, as EVALSHA when c is not nil.
func (c *shaCalls) run(ctx context.Context, p redis.Pipeliner, sc *redis.Script, keys []string, args ...any) {
	if c == nil {
		sc.Eval(ctx, p, keys, args...)
		return
	}
	c.calls = append(c.calls, shaCall{script: sc, cmd: sc.EvalSha(ctx, p, keys, args...), keys: keys, args: args})
}

// redo runs as EVAL the calls whose script the server did not have, once
// the transaction whose commands are cmds has run with error err. It
// returns err when some other command failed, else what the redone calls
// return.
func (c *shaCalls) redo(ctx context.Context, rdb redis.Cmdable, cmds []redis.Cmder, err error) error {
	if err == nil || c == nil {
		return err
	}
	missing := map[redis.Cmder]bool{}
	for _, sc := range c.calls {
		if redis.HasErrorPrefix(sc.cmd.Err(), "NOSCRIPT") {
			missing[sc.cmd] = true
		}
	}
	if len(missing) == 0 {
		return err
	}
	for _, cmd := range cmds {
		if e := cmd.Err(); e != nil && !errors.Is(e, redis.Nil) && !missing[cmd] {
			return err // the transaction failed for another reason
		}
	}
	var redone []*redis.Cmd
	_, err = rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for _, sc := range c.calls {
			if missing[sc.cmd] {
				redone = append(redone, sc.script.Eval(ctx, p, sc.keys, sc.args...))
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("scripts again after NOSCRIPT: %w", err)
	}
	return nil
}
