package bot

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"strconv"
	"strings"
	"time"
)

// A button that confirms something that can't be undone (forget, leads
// remove … confirm) works once and for confirmFor: an old message's "Yes,
// forget me" pressed days later, or pressed twice, must not act. Its
// command ends with a stamp, "~<expiry>-<nonce>": the expiry (Unix
// seconds, base 36) is checked against the clock, and the nonce is spent
// in the cache (one SET NX) on the first press. A line typed by hand
// carries no stamp and acts as typed: typing `confirm` is deliberate,
// and a stamp typed by hand gains nothing over it.

// confirmFor is how long a confirmation button works.
const confirmFor = 15 * time.Minute

// stamped returns command with a fresh stamp, for a confirmation button.
func (c *call) stamped(command string) string {
	var nonce [8]byte
	_, _ = rand.Read(nonce[:]) // crypto/rand.Read never fails
	return command + " ~" + strconv.FormatInt(c.now.Add(confirmFor).Unix(), 36) + "-" + hex.EncodeToString(nonce[:])
}

// cutStamp splits a stamp off the end of a command line.
func cutStamp(text string) (line, stamp string) {
	i := strings.LastIndexByte(text, ' ')
	if i < 0 {
		return text, ""
	}
	if _, _, ok := parseStamp(text[i+1:]); !ok {
		return text, ""
	}
	return strings.TrimRight(text[:i], " "), text[i+1:]
}

func parseStamp(s string) (expiry time.Time, nonce string, ok bool) {
	rest, ok := strings.CutPrefix(s, "~")
	if !ok {
		return time.Time{}, "", false
	}
	exp, nonce, ok := strings.Cut(rest, "-")
	if _, err := hex.DecodeString(nonce); !ok || err != nil || len(nonce) != 16 {
		return time.Time{}, "", false
	}
	sec, err := strconv.ParseInt(exp, 36, 64)
	if err != nil {
		return time.Time{}, "", false
	}
	return time.Unix(sec, 0), nonce, true
}

// stampLive reports whether the confirmation may act: typed without a
// stamp, or pressed on a button within confirmFor and for the first time.
// Without a cache a stamp is checked for its expiry only.
func (c *call) stampLive(ctx context.Context) (bool, error) {
	if c.stamp == "" {
		return true, nil
	}
	expiry, nonce, ok := parseStamp(c.stamp)
	if !ok || !c.now.Before(expiry) {
		return false, nil
	}
	if c.b.cache == nil {
		return true, nil
	}
	// Keyed by the nonce alone, so that nothing naming the person
	// outlives a `forget`; it lasts as long as the button could work.
	first, err := c.b.cache.Once(ctx, c.req.Scope, "confirm:"+nonce, confirmFor+time.Minute)
	if err != nil {
		return false, err
	}
	return first, nil
}

// staleStamp starts the answer to a confirmation button that no longer
// works, before the question is asked again with a fresh one.
const staleStamp = "That button no longer works (a confirmation button works once, for 15 minutes), so nothing was changed. "
