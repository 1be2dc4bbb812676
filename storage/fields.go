package storage

import (
	"fmt"
	"strings"

	"github.com/redis/go-redis/v9"

	"github.com/mentorbot/mentorbot/bot"
)

// The names of profile fields and of the key kinds after a scope's prefix
// live here and nowhere else: Go uses the constants, and every Lua script
// is built by script(), which defines each of them as a Lua local (F_...
// for fields, K_... for key kinds). TestScriptsUseNames checks that no
// script spells one out.

// Profile fields (hash <prefix>m:<id>). Times are unix milliseconds.
const (
	fName     = "name"     // Member.Name; always written, so a profile exists as long as the member
	fStage    = "stage"    // Member.Stage
	fTrack    = "track"    // Member.Track
	fJoined   = "joined"   // Member.Joined
	fActive   = "active"   // Member.LastActive
	fProgress = "progress" // Member.LastProgress
	fLead     = "lead"     // Member.Lead: written by the link script only
	fOff      = "n_off"    // NudgeSettings.Off ("1")
	fDay      = "n_day"    // NudgeSettings.Day (0 = Sunday)
	fMinute   = "n_min"    // NudgeSettings.Minute
	fZone     = "n_zone"   // NudgeSettings.Zone
	fZoneSet  = "n_zset"   // NudgeSettings.ZoneChosen ("1")
	fPause    = "n_pause"  // NudgeSettings.PausedUntil
	fPauseDay = "n_pday"   // NudgeSettings.PausedDay
	fSkipWeek = "n_skip"   // NudgeSettings.SkipWeek
	fBlock    = "n_block"  // NudgeState.Blocked: set by completions, cleared by Write.Unblock
	fIgnored  = "n_ign"    // NudgeState.Ignored
	fUnanswer = "n_una"    // NudgeState.Unanswered
	fSent     = "n_sent"   // NudgeState.Sent, see encodeRotation
	fLast     = "n_last"   // NudgeState.Last
	fWeek     = "n_week"   // NudgeState.Week
	fSkill    = "n_skill"  // NudgeState.Skill
	fSendMark = "n_mark"   // the newest nudge send mark: "<week>|<value>|<expiry, ms base 36>" (sendmark.go)
)

// commandFields are the profile fields Apply writes from Write.Members;
// the rest belong to the link script (lead) and to the scheduler's
// completions (NudgeState), so that a command working from an older read
// cannot undo either.
var commandFields = []string{fName, fStage, fTrack, fJoined, fActive, fProgress, fOff, fDay, fMinute, fZone, fZoneSet, fPause, fPauseDay, fSkipWeek}

// Key kinds: what follows a scope's prefix.
const (
	kMember  = "m:"       // + id: profile hash
	kSkills  = "s:"       // + id: skill hash
	kEvents  = "e:"       // + id: event list
	kLead    = "lead"     // mentee id -> lead id
	kMentees = "mentees:" // + lead id: set of mentee ids
	kRights  = "rights"   // ids with lead rights granted by an admin
	kInvites = "inv:"     // + lead id: hash of invited mentee id -> unix ms
	kInvited = "invited"  // every open invitation of the scope: mentee id -> lead id
	kDChan   = "dchan"    // lead id -> "<channel>|only" or "<channel>|also"
	kCache   = "c:"       // + key: bot.Cache values
	kDue     = "due"      // nudge schedule
	kLease   = "lease"    // nudge claims
	kRemind  = "remind"   // snoozed reminders
	kSent    = "sent:"    // + id:week: nudge send keys
	kSnooze  = "snz:"     // + id:week: snoozed-once marks
	kDigest  = "digest"   // digest schedule
	kDLease  = "dlease"   // digest claims
	kDSent   = "dsent:"   // + id:week: digest send keys

	kCodes     = "sk"  // skill id -> code (skillcodes.go)
	kCodeNames = "skc" // code -> skill id
)

// luaNames are the Lua locals every script gets, and their values.
var luaNames = [][2]string{
	{"F_NAME", fName}, {"F_STAGE", fStage}, {"F_TRACK", fTrack}, {"F_JOINED", fJoined},
	{"F_ACTIVE", fActive}, {"F_PROGRESS", fProgress}, {"F_LEAD", fLead}, {"F_OFF", fOff},
	{"F_DAY", fDay}, {"F_MINUTE", fMinute}, {"F_ZONE", fZone}, {"F_ZONESET", fZoneSet}, {"F_PAUSE", fPause}, {"F_PAUSEDAY", fPauseDay}, {"F_SKIPWEEK", fSkipWeek},
	{"F_BLOCK", fBlock}, {"F_IGNORED", fIgnored}, {"F_UNANSWERED", fUnanswer}, {"F_SENT", fSent}, {"F_LAST", fLast},
	{"F_WEEK", fWeek}, {"F_SKILL", fSkill}, {"F_SENDMARK", fSendMark},
	{"K_MEMBER", kMember}, {"K_SKILLS", kSkills}, {"K_EVENTS", kEvents}, {"K_LEAD", kLead},
	{"K_MENTEES", kMentees}, {"K_DUE", kDue}, {"K_LEASE", kLease}, {"K_REMIND", kRemind},
	{"K_SENT", kSent}, {"K_DIGEST", kDigest}, {"K_DLEASE", kDLease}, {"K_RIGHTS", kRights}, {"K_INVITES", kInvites}, {"K_INVITED", kInvited}, {"K_DCHAN", kDChan},
}

// Roster aggregates (issue 16; see roster.go), kept by the scripts that
// write links, profiles and completions, so that a page of mentees or of
// the team costs the same at any size.
const (
	kRoster = "ms:"   // + lead id: zset mentee id -> bot.StuckAt, unix ms (+inf: never)
	kMoved  = "mp:"   // + lead id: zset mentee id -> last progress, unix ms
	kLeads  = "leads" // zset lead id -> their earliest-stuck mentee's StuckAt
	kStuck  = "stuck" // zset mentee id -> StuckAt, every mentee of the scope
	kLSum   = "lsum"  // hash lead id -> "<mentees>|<last progress ms or empty>"
	kBuilt  = "rv"    // "1" once the aggregates were built from the lead hash (data from before them)
)

// fJoinEvent holds a member's join event in their profile (compact
// form, see compact.go) rather than in an event log of its own, so that a
// member who only joined has no log key (issue 16: memory).
const fJoinEvent = "jev"

var rosterLuaNames = [][2]string{
	{"K_ROSTER", kRoster}, {"K_MOVED", kMoved}, {"K_LEADS", kLeads}, {"K_STUCK", kStuck}, {"K_LSUM", kLSum},
}

// luaPrelude defines luaNames in Lua, and the numbers of bot's stuck rule.
func luaPrelude() string {
	var b strings.Builder
	for _, n := range append(luaNames, rosterLuaNames...) {
		fmt.Fprintf(&b, "local %s = '%s'\n", n[0], n[1])
	}
	fmt.Fprintf(&b, "local STUCK_MS = %d\nlocal IGNORED_TO_STUCK = %d\n", bot.StuckAfter.Milliseconds(), bot.IgnoredToStuck)
	return b.String()
}

// script builds a Lua script whose source may use the names above.
func script(src string) *redis.Script { return redis.NewScript(luaPrelude() + src) }
