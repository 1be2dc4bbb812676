package bot

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
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
// and a stamp typed by hand gains nothing over it. The stamp ends with a
// tag that binds it to the person it was made for (and their workspace):
// one made for U2B, pressed or pasted by U1A, acts for nobody, where it
// would otherwise have confirmed U1A's own `forget`.

// confirmFor is how long a confirmation button works.
const confirmFor = 15 * time.Minute

// stamped returns command with a fresh stamp, for a confirmation button.
func (c *call) stamped(command string) string {
	var nonce [8]byte
	_, _ = rand.Read(nonce[:]) // crypto/rand.Read never fails
	exp, n := strconv.FormatInt(c.now.Add(confirmFor).Unix(), 36), hex.EncodeToString(nonce[:])
	return command + " ~" + exp + "-" + n + "-" + stampTag(c.req.Scope, c.req.User, exp, n)
}

// stampTag binds a stamp's expiry and nonce to the person it was made
// for. It needs no secret: whoever could work out the tag for themselves
// could as well type `confirm`; what it stops is one person's button
// acting for another.
func stampTag(sc Scope, user, exp, nonce string) string {
	sum := sha256.Sum256([]byte(sc.String() + "\x00" + user + "\x00" + exp + "\x00" + nonce))
	return hex.EncodeToString(sum[:4])
}

// cutStamp splits a stamp off the end of a command line.
func cutStamp(text string) (line, stamp string) {
	i := strings.LastIndexByte(text, ' ')
	if i < 0 {
		return text, ""
	}
	if _, ok := parseStamp(text[i+1:]); !ok {
		return text, ""
	}
	return strings.TrimRight(text[:i], " "), text[i+1:]
}

// parseStamp reads "~<expiry>-<nonce>-<tag>".
func parseStamp(s string) (st stamp, ok bool) {
	rest, ok := strings.CutPrefix(s, "~")
	if !ok {
		return stamp{}, false
	}
	parts := strings.Split(rest, "-")
	if len(parts) != 3 {
		return stamp{}, false
	}
	st.exp, st.nonce = parts[0], parts[1]
	if _, err := hex.DecodeString(st.nonce); err != nil || len(st.nonce) != 16 {
		return stamp{}, false
	}
	if _, err := hex.DecodeString(parts[2]); err != nil || len(parts[2]) != 8 {
		return stamp{}, false
	}
	st.tag = parts[2]
	sec, err := strconv.ParseInt(st.exp, 36, 64)
	if err != nil {
		return stamp{}, false
	}
	st.expiry = time.Unix(sec, 0)
	return st, true
}

// stamp is a confirmation stamp read: its expiry as written and as a
// time, its nonce and its tag.
type stamp struct {
	exp, nonce, tag string
	expiry          time.Time
}

// stampLive reports whether the confirmation may act: typed without a
// stamp, or pressed on a button within confirmFor and for the first time.
// Without a cache a stamp is checked for its expiry only.
func (c *call) stampLive(ctx context.Context) (bool, error) {
	if c.stamp == "" {
		return true, nil
	}
	st, ok := parseStamp(c.stamp)
	live := ok && c.now.Before(st.expiry)
	if live && st.tag != stampTag(c.req.Scope, c.req.User, st.exp, st.nonce) {
		c.stale = notYours
		return false, nil
	}
	c.stale = staleStamp
	if !live {
		return false, nil
	}
	if c.b.cache == nil {
		return true, nil
	}
	// Keyed by the nonce alone, so that nothing naming the person
	// outlives a `forget`; it lasts as long as the button could work.
	first, err := c.b.cache.Once(ctx, c.req.Scope, "confirm:"+st.nonce, confirmFor+time.Minute)
	if err != nil {
		return false, err
	}
	if !first {
		// Its owner pressed it before, within its time: a double click,
		// whose first press has answered (asking again would offer a
		// fresh button for what is already done).
		c.stale = alreadyPressed
	}
	return first, nil
}

// alreadyPressed answers a second press of a live confirmation button by
// its owner. It replaces nothing (the first press's answer stays) and
// offers no fresh button, which a double click would make a trap.
const alreadyPressed = "That button was already pressed, and it acts once: nothing more was changed. Run the command again for a new one."

// staleStamp starts the answer to a confirmation button that no longer
// works, before the question is asked again with a fresh one.
const staleStamp = "That button no longer works (a confirmation button works once, for 15 minutes), so nothing was changed. "

// notYours starts the answer to someone pressing a confirmation button
// made for another person (a message they could see, or a pasted value):
// the button still works for its owner, so "no longer works" would be
// untrue.
const notYours = "That button was made for someone else, so nothing was changed. "
