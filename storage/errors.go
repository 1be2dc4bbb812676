package storage

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"

	"github.com/redis/go-redis/v9"

	"github.com/mentorbot/mentorbot/bot"
)

// wrap adds context to err, and marks it with bot.ErrUnavailable when
// trying again later may succeed.
func wrap(err error, format string, args ...any) error {
	msg := fmt.Sprintf(format, args...)
	if transient(err) {
		return fmt.Errorf("%s: %w: %w", msg, bot.ErrUnavailable, err)
	}
	return fmt.Errorf("%s: %w", msg, err)
}

// wrapWrite is wrap for a write's round trip: a transient failure after
// the request may have reached the server (a read timeout, a connection
// cut mid-reply) is marked bot.ErrUnconfirmed, because the write may have
// been applied and "try again" would not be true of what is stored. Only
// failures known to come before sending (no connection could be had) or
// the server's own refusal (nothing applied) stay plain unavailable.
func wrapWrite(err error, format string, args ...any) error {
	if transient(err) && !unsent(err) {
		return fmt.Errorf("%s: %w: %w", fmt.Sprintf(format, args...), bot.ErrUnconfirmed, err)
	}
	return wrap(err, format, args...)
}

// unsent reports whether err shows the request never reached Redis, or
// that Redis refused it whole: a dial failure, no connection from the
// pool, a closed client, or an error reply (LOADING, READONLY, EXECABORT,
// OOM, BUSY, ...: Redis applies nothing of a command or transaction it
// refuses).
func unsent(err error) bool {
	var op *net.OpError
	if errors.As(err, &op) && op.Op == "dial" {
		return true
	}
	var re redis.Error
	if errors.As(err, &re) && !errors.Is(err, redis.Nil) {
		// redis.Error is also implemented by a few client-side errors;
		// the net and context ones are not server replies.
		var ne net.Error
		if !errors.As(err, &ne) && !errors.Is(err, context.DeadlineExceeded) {
			return true
		}
	}
	return errors.Is(err, redis.ErrPoolTimeout) ||
		errors.Is(err, redis.ErrPoolExhausted) ||
		errors.Is(err, redis.ErrClosed)
}

// transient reports whether err comes from the network or from a server
// that is temporarily unable to serve (loading, failing over, full),
// rather than from a bad request or script.
//
// EXECABORT counts as transient: Redis discards the whole transaction when
// a queued command was refused, and the commands we queue are refused
// only by a server that cannot serve them now (LOADING while it restarts,
// READONLY or MASTERDOWN after a failover). Nothing of the transaction was
// applied, so trying again is safe.
func transient(err error) bool {
	switch {
	case err == nil, errors.Is(err, redis.Nil), errors.Is(err, context.Canceled):
		return false
	case errors.Is(err, context.DeadlineExceeded),
		errors.Is(err, io.EOF),
		errors.Is(err, io.ErrUnexpectedEOF),
		errors.Is(err, net.ErrClosed),
		errors.Is(err, redis.ErrClosed),
		errors.Is(err, redis.ErrPoolTimeout),
		errors.Is(err, redis.ErrPoolExhausted):
		return true
	}
	var ne net.Error
	if errors.As(err, &ne) {
		return true
	}
	return redis.IsLoadingError(err) ||
		redis.IsReadOnlyError(err) ||
		redis.IsClusterDownError(err) ||
		redis.IsTryAgainError(err) ||
		redis.IsMasterDownError(err) ||
		redis.IsMaxClientsError(err) ||
		redis.IsOOMError(err) ||
		redis.IsNoReplicasError(err) ||
		redis.HasErrorPrefix(err, "BUSY") ||
		redis.HasErrorPrefix(err, "EXECABORT")
}
