package bot

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Store keeps members, their progress and their activity in one scope.
// Every method is one round trip to the server, but Mentees: a whole list
// for a file, read in two so that no call holds the server long.
type Store interface {
	// Load returns the members with the given ids, in order, with their
	// skills. A member of whom nothing is kept is nil; one who never
	// joined but leads someone, holds lead rights or has a lead comes back
	// with an empty Stage and only ID, Lead, MenteeCount and LeadRights.
	Load(ctx context.Context, sc Scope, ids ...string) ([]*Member, error)
	// LoadOwn is Load of the members' own records alone, for commands
	// about the asker's own progress (Command.Own): what a member is as a
	// lead or an invitee (MenteeCount, LeadRights, Invites, Invited,
	// DigestChannel) is left zero, and someone with neither a profile nor
	// a lead is nil. It reads three things a member where Load reads
	// eight, on the path of every `done` (issue 16: the hot path).
	LoadOwn(ctx context.Context, sc Scope, ids ...string) ([]*Member, error)
	// Apply writes w atomically. When a Link of w has Check set and the
	// mentee's lead is no longer its Old, Apply writes nothing and returns
	// an error wrapping ErrConflict.
	Apply(ctx context.Context, sc Scope, w Write) error
	// Mentees returns the members whose lead is lead, with their skills.
	Mentees(ctx context.Context, sc Scope, lead string) ([]*Member, error)
	// Leads returns every lead in the scope with their mentees' ids; a
	// lead with rights (Write.Rights) and no mentee has an empty list.
	Leads(ctx context.Context, sc Scope) (map[string][]string, error)
	// Events returns up to n of a member's most recent events, newest first.
	Events(ctx context.Context, sc Scope, id string, n int) ([]Event, error)
	// Invitations returns each lead's open invitations (Write.Invites),
	// oldest first, in one round trip.
	Invitations(ctx context.Context, sc Scope, leads ...string) (map[string][]Invite, error)
	// Roster reads mentees and leads a page at a time.
	Roster
}

// Invite is an invitation of someone who hasn't joined to be Lead's
// mentee, made At. The lead link is written beside it (a Link), so joining
// keeps it; Write.Invites with a zero At removes the record.
type Invite struct {
	Mentee, Lead string
	At           time.Time
}

// DigestChannel is where a lead's weekly digest is also (or, with Only,
// instead) posted: a channel id of the workspace.
type DigestChannel struct {
	Lead, Channel string
	Only          bool
}

// InviteFor is how long an invitation stays open.
const InviteFor = 30 * 24 * time.Hour

// Expired reports whether the invitation lapsed by now.
func (i Invite) Expired(now time.Time) bool { return !now.Before(i.At.Add(InviteFor)) }

// Snoozer is the optional capability of a Store to snooze a member's nudge:
// the `nudges snooze` command uses it when the store has it.
type Snoozer interface {
	// Snooze schedules one reminder of week's nudge at at, and reports
	// false when that week's nudge was already snoozed once.
	Snooze(ctx context.Context, sc Scope, member, week string, at time.Time) (bool, error)
}

// Write is a set of changes that Store.Apply makes atomically.
type Write struct {
	// Members are profiles whose command-owned fields (everything but
	// NudgeState, Lead and MenteeCount) are written whole; their Skills
	// maps are ignored (see Skills).
	Members []*Member
	// Skills sets or, with a zero State, removes one skill's state.
	Skills []SkillWrite
	// Events are appended to their members' logs, which are bounded.
	Events []Event
	// Links change who leads whom.
	Links []Link
	// Schedule sets members' next due times, applied after Links.
	Schedule []Due
	// Unblock clears NudgeState.Blocked of these members (`nudges on`).
	Unblock []string
	// Rights grant or revoke lead rights given by an admin.
	Rights []Right
	// Invites add (or, with a zero At, remove) invitation records.
	Invites []Invite
	// DigestChannels set (or, with an empty Channel, remove) leads'
	// digest channels.
	DigestChannels []DigestChannel
	// Forget deletes everything about these members: profile, skills,
	// events, schedule, their own digest, their lead rights, their entry
	// in their lead's list (with that lead's digest when it was their last
	// mentee) and invitation, their own mentees' links to them and the
	// invitations they made.
	Forget []string
}

// Right grants (Lead true) or revokes a member's lead rights.
type Right struct {
	Member string
	Lead   bool
}

// SkillWrite sets a member's state on one skill.
type SkillWrite struct {
	Member, Skill string
	State         SkillState // zero: remove
}

// Link makes Lead the lead of Mentee, replacing Old; an empty Lead unlinks.
type Link struct {
	Mentee, Lead, Old string
	// Check makes the whole Write conditional: it applies only if the
	// mentee's lead is still Old ("" for none), so that of two leads
	// taking one member at the same moment exactly one wins.
	Check bool
}

// ErrConflict says a checked Link found that someone else changed the
// mentee's lead first; nothing of the Write was applied.
var ErrConflict = errors.New("changed meanwhile")

// DueKind says which weekly DM a Due schedules.
type DueKind int

// Weekly DMs.
const (
	// DueNudge is a member's weekly nudge.
	DueNudge DueKind = iota
	// DueDigest is a lead's weekly digest of their mentees. Its entry
	// exists only while the lead has mentees: a Due of this kind is
	// applied after the Write's Links, and removes the entry (whatever
	// its At) when the lead has none left.
	DueDigest
)

// Due is a member's next due time of one kind. A zero At removes the
// entry.
type Due struct {
	Member string
	Kind   DueKind
	At     time.Time
	// Keep leaves an entry that already exists where it is, so that a
	// lead taking one more mentee keeps their digest's slot (and a claim
	// in flight its lease); otherwise At replaces it.
	Keep bool
}

// Recipient is someone the bot sends a message to on its own.
type Recipient struct {
	Scope Scope
	User  string
	Name  string
	// Channel, when set, is a channel of the workspace to post in instead
	// of User's DMs (a lead's digest channel). A channel the bot can't
	// post in is an error wrapping ErrUnreachable.
	Channel string
}

// Limit is one rate a platform sets on its API: a call per Every, with
// bursts of up to Burst at once.
type Limit struct {
	Key   string // what is limited, e.g. "slack.post" or "slack.post.D024BE91L"
	Every time.Duration
	Burst int
}

// Limiter spaces out calls to a platform's API across every process that
// shares it, so that replicas together stay within the platform's limits.
type Limiter interface {
	// Wait returns once a call under all of limits may go in sc, having
	// booked its turn under each, or when ctx ends.
	Wait(ctx context.Context, sc Scope, limits ...Limit) error
	// Book books a turn under all of limits if it comes within d, and
	// returns how long until it, for the caller to wait before calling.
	// When the turn is further away it books nothing and returns false
	// with the wait: a caller with a budget hands the call on rather than
	// hold its request that long.
	Book(ctx context.Context, sc Scope, within time.Duration, limits ...Limit) (wait time.Duration, booked bool, err error)
	// Pause holds every call under key in sc for d, as a 429's
	// Retry-After asks.
	Pause(ctx context.Context, sc Scope, key string, d time.Duration) error
}

// Messenger delivers direct messages on one platform.
type Messenger interface {
	// Send delivers m as a DM to the recipient. It returns a *RateLimitError
	// when the platform asks to wait, and an error wrapping ErrUnreachable
	// when the recipient can never be reached (user gone, DMs closed).
	Send(ctx context.Context, to Recipient, m Message) error
}

// Handoff is a Messenger that can send a DM in the background when the
// platform's rate limits put its turn beyond what a command may wait: a
// burst of invitations is answered at once, each DM going out at its turn.
type Handoff interface {
	// SendOrQueue sends m as Send does when its turn comes within the
	// request's budget; otherwise it hands m to a bounded background
	// sender, which waits for its turn and retries a 429, and returns
	// queued. An error means m was neither sent nor queued.
	SendOrQueue(ctx context.Context, to Recipient, m Message) (queued bool, err error)
}

// AdminNamer is a Messenger that names its platform's own admins, for a
// refusal to say whom to ask for rights when ADMIN_USERS names nobody. A
// Messenger without it is taken to have workspace admins.
type AdminNamer interface {
	// PlatformAdmins names them ("a workspace admin", "a server admin"),
	// or is "" on a platform with none of its own (the console), where
	// ADMIN_USERS is the only way to be one.
	PlatformAdmins() string
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

// StoreBudget is how long the store calls made for one request may take
// together: a hung store is answered ("try again shortly") within it
// however many calls the request makes, well inside Slack's 3 s.
const StoreBudget = 1500 * time.Millisecond

type storeDeadlineKey struct{}

// WithStoreDeadline returns ctx carrying at as the deadline of every store
// call made on its behalf, the adapters' lookups and the handler's alike.
// An earlier one already in ctx stays. Adapters set it when a request
// arrives; Handle sets one when they did not.
func WithStoreDeadline(ctx context.Context, at time.Time) context.Context {
	if d, ok := StoreDeadline(ctx); ok && !d.After(at) {
		return ctx
	}
	return context.WithValue(ctx, storeDeadlineKey{}, at)
}

// RenewStoreDeadline returns ctx with at as its store deadline, replacing
// the one in it: for store calls that follow a deliberate wait (a turn
// under a platform's rate limit), whose budget the wait must not spend.
// An outage is still answered within StoreBudget of the call.
func RenewStoreDeadline(ctx context.Context, at time.Time) context.Context {
	if _, ok := StoreDeadline(ctx); !ok {
		return ctx
	}
	return context.WithValue(ctx, storeDeadlineKey{}, at)
}

// StoreDeadline returns the deadline WithStoreDeadline put in ctx.
func StoreDeadline(ctx context.Context) (time.Time, bool) {
	d, ok := ctx.Value(storeDeadlineKey{}).(time.Time)
	return d, ok
}
