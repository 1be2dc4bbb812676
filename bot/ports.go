package bot

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Store keeps members, their progress and their activity in one scope.
// Every method is one round trip to the server.
type Store interface {
	// Load returns the members with the given ids, in order, with their
	// skills; a member never seen is nil.
	Load(ctx context.Context, sc Scope, ids ...string) ([]*Member, error)
	// Apply writes w atomically.
	Apply(ctx context.Context, sc Scope, w Write) error
	// Mentees returns the members whose lead is lead, with their skills.
	Mentees(ctx context.Context, sc Scope, lead string) ([]*Member, error)
	// Leads returns every lead in the scope with their mentees' ids.
	Leads(ctx context.Context, sc Scope) (map[string][]string, error)
	// Events returns up to n of a member's most recent events, newest first.
	Events(ctx context.Context, sc Scope, id string, n int) ([]Event, error)
}

// Write is a set of changes that Store.Apply makes atomically.
type Write struct {
	// Members are profiles to write whole; their Skills maps are ignored
	// (see Skills).
	Members []*Member
	// Skills sets or, with a zero State, removes one skill's state.
	Skills []SkillWrite
	// Events are appended to their members' logs, which are bounded.
	Events []Event
	// Links change who leads whom.
	Links []Link
	// Schedule sets or, with a zero At, removes members' next due times
	// in the nudge scheduler.
	Schedule []Due
	// Digests schedule leads' weekly digests, applied after Links: a
	// non-zero At adds the lead at At unless they already have an entry
	// (a lead keeps their slot); a zero At removes the lead's entry if
	// they have no mentees left.
	Digests []Due
	// DigestMoves move leads' existing digest entries to a new time (after
	// the lead changed their nudge day, time or zone); a lead without an
	// entry gets none.
	DigestMoves []Due
	// Forget deletes everything about these members: profile, skills,
	// events, schedule, their own digest, and their entry in their lead's
	// list (with that lead's digest when it was their last mentee).
	Forget []string
}

// SkillWrite sets a member's state on one skill.
type SkillWrite struct {
	Member, Skill string
	State         SkillState // zero: remove
}

// Link makes Lead the lead of Mentee, replacing Old; an empty Lead unlinks.
type Link struct {
	Mentee, Lead, Old string
}

// Due is a member's next nudge time; a zero At removes them from the schedule.
type Due struct {
	Member string
	At     time.Time
}

// Recipient is someone the bot sends a message to on its own.
type Recipient struct {
	Scope Scope
	User  string
	Name  string
}

// Messenger delivers direct messages on one platform.
type Messenger interface {
	// Send delivers m as a DM to the recipient. It returns a *RateLimitError
	// when the platform asks to wait, and an error wrapping ErrUnreachable
	// when the recipient can never be reached (user gone, DMs closed).
	Send(ctx context.Context, to Recipient, m Message) error
}

// ErrUnreachable marks a permanent delivery failure.
var ErrUnreachable = errors.New("recipient unreachable")

// RateLimitError says the platform asked to wait before trying again.
type RateLimitError struct {
	RetryAfter time.Duration
}

// Error says how long the platform asked to wait.
func (e *RateLimitError) Error() string {
	return fmt.Sprintf("rate limited: retry after %s", e.RetryAfter)
}

// Clock tells the time; tests and the console use one they can move.
type Clock interface {
	Now() time.Time
}

// SystemClock is the real clock.
type SystemClock struct{}

// Now returns time.Now().
func (SystemClock) Now() time.Time { return time.Now() }

// ErrUnavailable marks a storage failure worth retrying later; adapters and
// the bot answer it with "storage is unavailable, try again shortly".
var ErrUnavailable = errors.New("storage is unavailable")

// Cache is small shared memory for adapters, kept in the same server as the
// members: DM channel ids, time zones, and which redelivered events were
// already handled.
type Cache interface {
	// Get returns the value under key, or "" when there is none.
	Get(ctx context.Context, sc Scope, key string) (string, error)
	// Set stores value under key for ttl (0: no expiry).
	Set(ctx context.Context, sc Scope, key, value string, ttl time.Duration) error
	// Once reports true the first time it is called with key within ttl,
	// false after that: a redelivered event must not act twice.
	Once(ctx context.Context, sc Scope, key string, ttl time.Duration) (bool, error)
}
