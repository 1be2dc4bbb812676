package storage

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"syscall"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/mentorbot/mentorbot/bot"
)

// TestWrapWrite checks which failures of a write's round trip are told
// as "not confirmed" (it may have been applied) and which as plain
// "unavailable" (nothing was applied, so trying again is safe).
func TestWrapWrite(t *testing.T) {
	readTimeout := &net.OpError{Op: "read", Net: "tcp", Err: os.ErrDeadlineExceeded}
	refused := &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}
	reset := &net.OpError{Op: "read", Net: "tcp", Err: syscall.ECONNRESET}
	execabort, wrongType := replies(t)
	cases := []struct {
		name        string
		err         error
		unconfirmed bool
		unavailable bool
	}{
		{"read timeout", readTimeout, true, true},
		{"deadline", context.DeadlineExceeded, true, true},
		{"connection reset", reset, true, true},
		{"eof", fmt.Errorf("exec: %w", io.EOF), true, true},
		{"dial refused", refused, false, true},
		{"dial timeout", fmt.Errorf("%w: %w", context.DeadlineExceeded, &net.OpError{Op: "dial", Net: "tcp", Err: os.ErrDeadlineExceeded}), false, true},
		{"pool timeout", redis.ErrPoolTimeout, false, true},
		{"closed client", redis.ErrClosed, false, true},
		{"execabort", execabort, false, true},
		{"wrong type", wrongType, false, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := wrapWrite(c.err, "apply")
			if got := errors.Is(err, bot.ErrUnconfirmed); got != c.unconfirmed {
				t.Errorf("unconfirmed = %v, want %v (%v)", got, c.unconfirmed, err)
			}
			if got := errors.Is(err, bot.ErrUnavailable); got != c.unavailable {
				t.Errorf("unavailable = %v, want %v (%v)", got, c.unavailable, err)
			}
			if !errors.Is(err, c.err) {
				t.Errorf("%v does not wrap %v", err, c.err)
			}
		})
	}
}

// replies returns what go-redis gives for the server's own error replies:
// a transaction Redis discarded (EXECABORT) and a wrong type.
func replies(t *testing.T) (execabort, wrongType error) {
	rdb := realRedis(t)
	ctx := context.Background()
	key := "test:" + testScope(t, rdb).String() + ":wrongtype"
	_, execabort = rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.Set(ctx, key, "v", time.Minute)
		p.Do(ctx, "nosuchcommand")
		return nil
	})
	if err := rdb.Set(ctx, key, "v", time.Minute).Err(); err != nil {
		t.Fatal(err)
	}
	wrongType = rdb.LPush(ctx, key, "x").Err()
	var re redis.Error
	if !errors.As(execabort, &re) || !errors.As(wrongType, &re) {
		t.Fatalf("not server replies: %v, %v", execabort, wrongType)
	}
	return execabort, wrongType
}
