// Package bot is mentorbot's platform-neutral core: members and their
// progress, the /mentor command table and its argument binder, replies as
// neutral Messages, the weekly nudge and digest content, and the lead
// views. It declares the interfaces it needs (Store, Messenger, Clock,
// Cache); storage and the chat adapters satisfy them, and the scheduler
// package delivers what is due.
package bot

import (
	"strings"
	"time"
)

// Scope is one workspace on one platform: a Slack team, a Discord guild, or
// the console. Nothing in one scope is visible from another.
type Scope struct {
	Platform  string // "slack", "discord" or "console"
	Workspace string // Slack team id, Discord guild id, "console"
}

// String returns "platform:workspace".
func (s Scope) String() string { return s.Platform + ":" + s.Workspace }

// Status is where a member stands with one skill.
type Status string

// Skill statuses.
const (
	Learning Status = "learning"
	Done     Status = "done"
	Skipped  Status = "skipped"
)

// SkillState is a member's status on one skill and when it was set.
type SkillState struct {
	Status Status    `json:"status"`
	At     time.Time `json:"at"`
}

// Member is one person's profile and progress in one scope.
type Member struct {
	ID           string
	Name         string
	Stage        string // stage id; empty until they join
	Track        string // track id; empty until chosen
	Joined       time.Time
	LastActive   time.Time
	LastProgress time.Time // last time a skill was started or finished
	Lead         string    // id of the member's lead, if any
	// MenteeCount is how many mentees the member leads; Store.Load fills it
	// and Apply ignores it.
	MenteeCount int
	// LeadRights says an admin granted lead rights (`leads add`); Store.Load
	// fills it and Write.Rights changes it.
	LeadRights bool
	// Invited is when the invitation to be Lead's mentee was made, for
	// someone invited who hasn't joined; zero otherwise. Invites are the
	// invitations the member made as a lead, oldest first. Store.Load
	// fills both; Write.Invites changes them.
	Invited time.Time
	Invites []Invite
	// DigestChannel is where the member's lead digest is posted besides
	// (or instead of) their DMs; Store.Load fills it.
	DigestChannel DigestChannel
	// Nudges are the member's own nudge settings: commands write them.
	Nudges NudgeSettings
	// NudgeState is what the nudge scheduler records as it delivers: only
	// its completions write it (and Write.Unblock clears Blocked).
	NudgeState NudgeState
	// Skills maps skill ids to their state. Skills that a changed roadmap
	// no longer has stay here and are reported, not counted.
	Skills map[string]SkillState
}

// JoinedMentees is how many of the mentees the member leads have joined:
// MenteeCount counts open invitations too.
func (m *Member) JoinedMentees() int { return m.MenteeCount - len(m.Invites) }

// HasJoined reports whether the member has joined the roadmap.
func (m *Member) HasJoined() bool { return m != nil && m.Stage != "" }

// NudgesOn reports whether the member's weekly nudges go out: they have
// joined, did not turn them off, and delivery is not blocked.
func (m *Member) NudgesOn() bool {
	return m.HasJoined() && !m.Nudges.Off && m.NudgeState.Blocked == ""
}

// NudgeSettings are a member's weekly nudge settings, written by commands.
type NudgeSettings struct {
	Off         bool         `json:"off"`                   // the member turned nudges off
	Day         time.Weekday `json:"day"`                   // local day of the nudge
	Minute      int          `json:"minute"`                // local minute of the day (9*60 = 09:00)
	Zone        string       `json:"zone,omitempty"`        // IANA zone name; empty means the default
	ZoneChosen  bool         `json:"zone_chosen,omitempty"` // the member set Zone themselves: the platform's no longer replaces it
	PausedUntil time.Time    `json:"paused_until,omitzero"` // no nudges before this instant
	// PausedDay is the day a pause "until <date>" ends, as the member
	// typed it (2006-01-02): it starts in whatever zone is theirs then,
	// so a later zone change keeps the date and that day's nudge.
	PausedDay string `json:"paused_day,omitempty"`
	SkipWeek  string `json:"skip_week,omitempty"` // local ISO week whose nudge the member skipped, "2026-W49"
}

// PauseEnd is the instant nudges come back after a pause (zero: no
// pause): the start of PausedDay in loc, the member's zone now, or
// PausedUntil for a pause of some weeks or days.
func (n NudgeSettings) PauseEnd(loc *time.Location) time.Time {
	if n.PausedDay != "" {
		if d, err := time.ParseInLocation(time.DateOnly, n.PausedDay, loc); err == nil {
			return d
		}
	}
	return n.PausedUntil
}

// NudgeState is the nudge scheduler's record of a member's nudges, written
// only by its completions, so that a command working from an older read
// cannot undo a delivery.
type NudgeState struct {
	Blocked string `json:"blocked,omitempty"` // why delivery failed permanently; pauses nudges until `nudges on`
	Ignored int    `json:"ignored,omitempty"` // nudges in a row without progress since
	// Unanswered is how many nudges in a row, before the last one, had no
	// command of the member after them (see EasedOff).
	Unanswered int       `json:"unanswered,omitempty"`
	Sent       []string  `json:"sent,omitempty"`  // nudge ids already used in the current rotation
	Last       time.Time `json:"last,omitzero"`   // when the last nudge went out
	Week       string    `json:"week,omitempty"`  // local ISO week of the last nudge, "2026-W48"
	Skill      string    `json:"skill,omitempty"` // skill the last nudge worked toward (its Done button)
}

// EventKind names what an Event records.
type EventKind string

// Event kinds: what members do, what leads and admins do to them, and what
// the nudge scheduler records.
const (
	EventJoin          EventKind = "join"
	EventStage         EventKind = "stage"
	EventTrack         EventKind = "track"
	EventLearning      EventKind = EventKind(Learning) // a skill started
	EventDone          EventKind = EventKind(Done)
	EventSkipped       EventKind = EventKind(Skipped)
	EventUndo          EventKind = "undo"
	EventAssign        EventKind = "assign"
	EventUnassign      EventKind = "unassign"
	EventForget        EventKind = "forget"        // in a lead's log: their mentee left
	EventLeadRights    EventKind = "lead-rights"   // granted or revoked by an admin
	EventLeft          EventKind = "left"          // in a lead's log: a mentee left them (Detail: their name)
	EventInvite        EventKind = "invite"        // an invitation made
	EventDeclined      EventKind = "declined"      // in a lead's log: an invitation declined (Detail: the id)
	EventInviteLapsed  EventKind = "invite-lapsed" // in a lead's log: an invitation lapsed (Detail: the id)
	EventNudgeSkipped  EventKind = "nudge-skipped"
	EventNudgeBlocked  EventKind = "nudge-blocked"
	EventDigestSkipped EventKind = "digest-skipped"
	EventDigestBlocked EventKind = "digest-blocked"
	// EventDigestChannelBlocked: the lead's digest channel could not be
	// posted in, and they were told (Detail: the channel).
	EventDigestChannelBlocked EventKind = "digest-channel-blocked"
)

// Event is one entry of a member's bounded activity log.
type Event struct {
	At     time.Time `json:"at"`
	Member string    `json:"member"`          // whose log
	Actor  string    `json:"actor,omitempty"` // who did it (differs from Member for lead and admin actions)
	Kind   EventKind `json:"kind"`
	Skill  string    `json:"skill,omitempty"`
	Detail string    `json:"detail,omitempty"`
}

// Message is a reply or a DM in neutral form; each adapter renders it
// (Block Kit on Slack, embeds and components on Discord, text on the console).
type Message struct {
	Title    string
	Text     string // light markdown: *bold*, _italic_, `code`, lines starting "• "
	Fields   []Field
	Progress []Bar
	Buttons  []Button
	Footer   string
	// Private asks the adapter to show the reply only to the asker (Slack and
	// Discord ephemeral replies). Personal data is private.
	Private bool
	File    *File
	// Replace asks the adapter to show the reply in place of the message
	// whose button was pressed (Slack's replace_original), where it can.
	Replace bool
}

// Field is a labelled value shown beside others.
type Field struct {
	Name, Value string
	Inline      bool
}

// Bar is a labelled progress bar.
type Bar struct {
	Label       string
	Done, Total int
}

// String draws the bar with a count, e.g. "▓▓▓░░░░░░░ 3/8".
func (b Bar) String() string {
	const width = 10
	filled := 0
	if b.Total > 0 {
		filled = b.Done * width / b.Total
	}
	return strings.Repeat("▓", filled) + strings.Repeat("░", width-filled) +
		" " + itoa(b.Done) + "/" + itoa(b.Total)
}

// Button runs Command (a /mentor command line such as "done git") as the
// person who presses it.
type Button struct {
	Label   string
	Command string
	Style   string // "", "primary" or "danger"
}

// File is an attachment, such as an export or a CSV of mentees.
type File struct {
	Name string
	Type string // MIME type
	Data []byte
}

// Role is what the platform says about a person's rights.
type Role int

// Roles, from least to most rights.
const (
	RoleMember Role = iota
	RoleLead        // e.g. holds DISCORD_LEAD_ROLE
	RoleAdmin       // ADMIN_USERS, Slack workspace admins, Discord Administrator
)

// Request is one thing a person said to the bot.
type Request struct {
	Scope Scope
	User  string // the platform's user id (console: the name)
	Name  string // display name, when known
	// Text is the command line after "/mentor" ("done git"), or the whole
	// text of a DM or mention when Free is set.
	Text string
	Free bool
	// Options are a command's arguments by name, as a platform with typed
	// options sends them (Discord); Text then names only the command and
	// subcommand ("nudges time"). Nil: the arguments are in Text.
	Options map[string]string
	Role    Role   // rights the platform grants; the bot adds ADMIN_USERS and leads with mentees
	Zone    string // the person's IANA time zone, when the platform tells it
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	neg := n < 0
	if neg {
		n = -n
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}
