package console

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Clock is the console's clock: real time plus however far :advance has
// moved it, or, when started at a fixed instant, only what :advance adds.
type Clock struct {
	mu     sync.Mutex
	fixed  bool
	now    time.Time     // when fixed
	offset time.Duration // when not
}

// NewClock returns a clock; a zero start follows real time.
func NewClock(start time.Time) *Clock {
	if start.IsZero() {
		return &Clock{}
	}
	return &Clock{fixed: true, now: start}
}

// Now returns the console's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.fixed {
		return c.now
	}
	return time.Now().Add(c.offset)
}

// Set moves the clock to t.
func (c *Clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.fixed {
		c.now = t
		return
	}
	c.offset = time.Until(t)
}

// ParseDuration reads durations like "1w", "7d", "36h", "90m", "1d12h"
// or "2w3d": weeks, if any, come first. Units are read in any case
// ("1W"); a unit it doesn't know ("1y") is named in the error.
func ParseDuration(s string) (time.Duration, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if u := unknownUnit(s); u != "" {
		return 0, fmt.Errorf("duration %q: no unit %q (w, d, h, m and s are)", s, u)
	}
	var total time.Duration
	rest := s
	if w, after, ok := strings.Cut(s, "w"); ok && w != "" && strings.Trim(w, "0123456789") == "" {
		n, err := strconv.Atoi(w)
		if err != nil || n > 522 {
			return 0, fmt.Errorf("duration %q: bad week count", s)
		}
		total, rest = time.Duration(n)*7*24*time.Hour, after
	}
	for rest != "" {
		d, after, ok := strings.Cut(rest, "d")
		if !ok {
			td, err := time.ParseDuration(rest)
			if err != nil {
				return 0, fmt.Errorf("duration %q: %w", s, err)
			}
			return total + td, nil
		}
		n, err := strconv.Atoi(d)
		if err != nil || n < 0 || n > 3660 {
			return 0, fmt.Errorf("duration %q: bad day count", s)
		}
		total += time.Duration(n) * 24 * time.Hour
		rest = after
	}
	if s == "" {
		return 0, fmt.Errorf("empty duration")
	}
	return total, nil
}

// durationUnits are the units ParseDuration reads: weeks and days of its
// own, and time.ParseDuration's.
var durationUnits = map[string]bool{"w": true, "d": true, "h": true, "m": true, "s": true, "ms": true, "us": true, "µs": true, "ns": true}

// unknownUnit returns the first run of letters in s that is no unit of
// durationUnits, or "".
func unknownUnit(s string) string {
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r >= '0' && r <= '9' || r == '.' || r == '-' || r == '+' }) {
		if !durationUnits[f] {
			return f
		}
	}
	return ""
}
