// Package testkit holds small test doubles that several packages' tests
// share: a goroutine-safe output buffer and an in-memory bot.Cache.
package testkit

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/bot"
)

// Buffer collects output written from many goroutines (a logger, a child
// process) while a test reads it.
type Buffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

// Write appends p.
func (b *Buffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

// String returns everything written so far.
func (b *Buffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// Cache is a bot.Cache in memory, for tests that need no Redis. It keeps
// values forever: ttls are ignored.
type Cache struct {
	mu sync.Mutex
	m  map[string]string
}

// NewCache returns an empty Cache.
func NewCache() *Cache { return &Cache{m: map[string]string{}} }

// Get returns the value under key, or "".
func (c *Cache) Get(_ context.Context, sc bot.Scope, key string) (string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.m[sc.String()+"|"+key], nil
}

// Set stores value under key.
func (c *Cache) Set(_ context.Context, sc bot.Scope, key, value string, _ time.Duration) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[sc.String()+"|"+key] = value
	return nil
}

// Once reports true the first time it sees key.
func (c *Cache) Once(_ context.Context, sc bot.Scope, key string, _ time.Duration) (bool, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	k := sc.String() + "|once|" + key
	if c.m[k] != "" {
		return false, nil
	}
	c.m[k] = "1"
	return true, nil
}

// ClosedAddr returns a local address that nothing listens on: a refused
// connection, or a free port to start a server on.
func ClosedAddr(tb testing.TB) string {
	tb.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}

// Typical is member i as they look after a few weekly nudges: joined at
// at, nudged Mondays at 09:00 in Berlin.
func Typical(i int, at time.Time) *bot.Member {
	return &bot.Member{ID: fmt.Sprintf("U%08d", i), Name: fmt.Sprintf("Member %d", i), Stage: "junior",
		Joined: at, LastActive: at, LastProgress: at,
		Nudges: bot.NudgeSettings{Day: time.Monday, Minute: 540, Zone: "Europe/Berlin"}}
}

// Fill schedules n Typical members who joined at joined, the first due of
// them at at and the rest a week later, a thousand per write.
func Fill(tb testing.TB, s bot.Store, sc bot.Scope, n, due int, joined, at time.Time) {
	tb.Helper()
	for i := 0; i < n; i += 1000 {
		var w bot.Write
		for j := i; j < min(i+1000, n); j++ {
			m := Typical(j, joined)
			w.Members = append(w.Members, m)
			d := at
			if j >= due {
				d = at.AddDate(0, 0, 7)
			}
			w.Schedule = append(w.Schedule, bot.Due{Member: m.ID, At: d})
		}
		if err := s.Apply(context.Background(), sc, w); err != nil {
			tb.Fatal(err)
		}
	}
}
