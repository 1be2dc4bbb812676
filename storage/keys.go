// Package storage keeps mentorbot's members, progress, activity, lead links,
// nudge schedule and adapter cache in Redis (go-redis v9). It implements
// bot.Store and bot.Cache on one type, Store.
//
// # Key schema
//
// Every key of a scope starts with the scope's prefix, whose hash tag makes
// all of them one Redis Cluster slot, so one MULTI/EXEC or Lua script may
// touch any of them:
//
//	prefix = "mb:{<platform>:<workspace>}:"        e.g. mb:{slack:T024BE7LD}:
//
//	key                       type    contents
//	------------------------  ------  ------------------------------------------------------
//	<prefix>m:<id>            hash    profile; fields below, empty/zero fields omitted
//	<prefix>s:<id>            hash    skill code -> unix ms × 4 + status number, e.g. "7056920000001" (compact.go, skillcodes.go);
//	                                  older versions: skill id -> "<status letter><unix ms, base 36>", still read
//	<prefix>e:<id>            list    events in short or compact form (compact.go), newest first, at most 50 and 90 days
//	<prefix>sk, <prefix>skc   hash    the workspace's skill code book: skill id -> code, code -> skill id (skillcodes.go)
//	<prefix>lead              hash    mentee id -> lead id (the whole scope: Leads is one HGETALL)
//	<prefix>mentees:<lead>    set     mentee ids of one lead
//	<prefix>rights            set     ids an admin granted lead rights (leads add)
//	<prefix>inv:<lead>        hash    invited mentee id -> invited at, unix ms (open invitations of one lead)
//	<prefix>dchan             hash    lead id -> "<channel id>|only" or "|also" (where their digest is posted)
//	<prefix>invited           hash    invited mentee id -> "<lead>|<unix ms>" (every invitation of the scope)
//	<prefix>due               zset    member id -> next nudge due, unix ms (nudge scheduler)
//	<prefix>c:<key>           string  bot.Cache values (DM channels, zones, seen event ids)
//	<prefix>c:<key>:<id>      string  a value cached for someone without a profile (Store.SetFor; with a profile: field "~<key>")
//	<prefix>c:rp:<digest>     string  "1": a request's replay mark, 12 bytes of SHA-256 of its signature or id, base64url; minutes
//	<prefix>lease             hash    member id -> "<token>|<lease until ms>|<original due ms>" (claimed nudges)
//	<prefix>remind            hash    member id -> "<ISO week>|<reminder due ms>" (snoozed nudges)
//	<prefix>sent:<id>:<week>  string  send key of a member's local ISO week; expires a day after the week; a member
//	                                  with a profile has the newest one in it instead (n_mark, sendmark.go)
//	<prefix>snz:<id>:<week>   string  "1" once that week's nudge was snoozed; 8 days
//	<prefix>digest            zset    lead id -> next weekly lead digest due, unix ms (while they have mentees)
//	<prefix>dlease            hash    lead id -> "<token>|<lease until ms>|<original due ms>" (claimed digests)
//	<prefix>dsent:<id>:<week> string  send key of a lead's digest for their local ISO week; expires a day after it
//	<prefix>rl:<limit>        string  shared rate limit: GCRA arrival time, unix µs; expires once passed
//	<prefix>rlp:<limit>       string  shared rate limit paused until, unix µs (a 429's Retry-After); expires then
//	<prefix>ms:<lead>         zset    mentee id -> bot.StuckAt, unix ms (+inf: never); roster.go
//	<prefix>mp:<lead>         zset    mentee id -> last progress, unix ms
//	<prefix>leads             zset    lead id -> lowest score of their ms: zset
//	<prefix>stuck             zset    mentee id -> bot.StuckAt, every led mentee of the scope
//	<prefix>lsum              hash    lead id -> "<mentees>|<last progress ms>", kept with leads
//	mb:workspaces             set     "<platform>:<workspace>" of every scope with a schedule
//	<prefix>install           hash    Slack OAuth installation: tok, ref (sealed tokens), exp, user (bot user),
//	                                  by (installer), app, at, state (ok, gone, reinstall), gone (ms)
//	<prefix>install:lock      string  "1" while one process refreshes the installation's token; 30 s
//	mb:installs               set     "<platform>:<workspace>" of every installation record
//	mb:forget                 zset    "<platform>:<workspace>" -> when the data of a workspace that left is deleted, ms
//	mb:oauth:<state>          string  "1" while an OAuth install state is unused; 10 minutes
//	mb:due, mb:ddue           zset    "<platform>:<workspace>" -> at most its earliest nudge / digest entry (index.go)
//
// mb:workspaces is global and lives in another cluster slot; it is written
// outside the scope's transaction on a cluster (see Store.Apply). So are
// mb:installs, mb:forget and mb:oauth:* (installs.go). Stored tokens are
// never in plain text: tok and ref hold what the key ring sealed, bound to
// the scope and field, so a sealed token copied to another workspace's
// record does not open there.
// The due indexes mb:due and mb:ddue are global too (index.go).
//
// Profile fields and key kinds are named in fields.go, the one place
// their spellings live (the Lua scripts get them from there too).
//
// An event is "<unix ms, base 36><kind letter><skill code>[ <actor>[
// <detail>]]" (the short form) or "<unix ms, base 36> <kind> <skill>
// <actor> <detail>" (compact; an empty actor is the member), see
// compact.go; the older JSON form (t, a, k, s, d) is still read. A member's own join event is kept in their profile (jev)
// instead of a log of its own.
//
// Member ids, lead ids, platforms and workspaces must be 1 to 64 bytes
// without '{', '}', ':' or white space, so that no input can name a key of
// another scope or member. Cache keys may hold any bytes except white space
// (up to 256): they can only name keys under "<prefix>c:".
package storage

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mentorbot/mentorbot/bot"
)

// WorkspacesKey is the global set of scopes that have a nudge schedule.
const WorkspacesKey = "mb:workspaces"

const (
	maxIDLen       = 64
	maxCacheKeyLen = 256
)

// keys names the keys of one scope.
type keys struct {
	prefix string
}

func newKeys(sc bot.Scope) (keys, error) {
	if err := checkID("platform", sc.Platform); err != nil {
		return keys{}, err
	}
	if err := checkID("workspace", sc.Workspace); err != nil {
		return keys{}, err
	}
	return keys{prefix: "mb:{" + sc.Platform + ":" + sc.Workspace + "}:"}, nil
}

func (k keys) member(id string) string  { return k.prefix + kMember + id }
func (k keys) skills(id string) string  { return k.prefix + kSkills + id }
func (k keys) events(id string) string  { return k.prefix + kEvents + id }
func (k keys) lead() string             { return k.prefix + kLead }
func (k keys) mentees(id string) string { return k.prefix + kMentees + id }
func (k keys) due() string              { return k.prefix + kDue }
func (k keys) rights() string           { return k.prefix + kRights }
func (k keys) invites(id string) string { return k.prefix + kInvites + id }
func (k keys) invited() string          { return k.prefix + kInvited }
func (k keys) dchan() string            { return k.prefix + kDChan }
func (k keys) digest() string           { return k.prefix + kDigest }
func (k keys) cache(key string) string  { return k.prefix + kCache + key }

// checkID rejects ids that could forge or break a key.
func checkID(what, id string) error {
	if id == "" {
		return fmt.Errorf("empty %s", what)
	}
	if len(id) > maxIDLen {
		return fmt.Errorf("%s %.20q...: longer than %d bytes", what, id, maxIDLen)
	}
	for _, r := range id {
		if r == '{' || r == '}' || r == ':' || unicode.IsSpace(r) || r == utf8.RuneError {
			return fmt.Errorf("%s %q: contains %q", what, id, r)
		}
	}
	return nil
}

func checkCacheKey(key string) error {
	if key == "" {
		return fmt.Errorf("empty cache key")
	}
	if len(key) > maxCacheKeyLen {
		return fmt.Errorf("cache key %.20q...: longer than %d bytes", key, maxCacheKeyLen)
	}
	if strings.IndexFunc(key, unicode.IsSpace) >= 0 {
		return fmt.Errorf("cache key %q: contains white space", key)
	}
	return nil
}

// parseScope reads a "<platform>:<workspace>" member of WorkspacesKey.
func parseScope(s string) (bot.Scope, error) {
	p, w, ok := strings.Cut(s, ":")
	sc := bot.Scope{Platform: p, Workspace: w}
	if !ok {
		return sc, fmt.Errorf("scope %q: want platform:workspace", s)
	}
	if _, err := newKeys(sc); err != nil {
		return sc, err
	}
	return sc, nil
}
