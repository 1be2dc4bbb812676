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
