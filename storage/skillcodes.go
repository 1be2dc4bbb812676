package storage

import (
	"context"
	"errors"
	"strings"
	"sync"

	"github.com/redis/go-redis/v9"

	"github.com/mentorbot/mentorbot/bot"
)

// Skill codes (issue 16: a member after a year at most 2 KB). A member's
// skills hash and their events name a skill by a short code that the
// workspace's code book assigns once, instead of by its id, which is
// most of what a year of skills costs ("delivery-and-quality" is 20
// bytes, its code 1 or 2):
//
//	<prefix>sk   hash  skill id -> code
//	<prefix>skc  hash  code -> skill id
//
// A code is a character of codeFirst (an upper-case letter or a
// punctuation mark) followed by upper-case letters and digits (A … Z, !
// … ~, then A0, B0, …), so it never reads as a roadmap skill id, which
// is lower case (roadmap validation). A skills field that the
// book does not know as a code is a skill id written before codes, and
// reads as itself: data of older versions stays readable. Codes are
// never reused or changed, so a process may keep what it learnt of a
// book for good (codeCache).

func (k keys) codes() string     { return k.prefix + kCodes }
func (k keys) codeNames() string { return k.prefix + kCodeNames }

// skillsLua writes skill states under their codes, giving the next code
// of the book to each skill id that has none, and returns the codes as
// book's edition, then id, code pairs. KEYS[1] is the id -> code hash, KEYS[2] code -> id;
// ARGV[1] the prefix, then per write the member, the skill id and the
// stored state ("" removes it). The field under the skill id itself (a
// version before codes wrote it) goes either way. The book's field ""
// holds its edition, the server's time when its first code was given:
// a workspace whose data was deleted (uninstalled, retention.go) starts a
// new book, and a process that cached the old one sees the edition change. The n-th code (from 0)
// is the n-th character of codeFirst for n < 53, then one of them and
// base-36 digits (bijective: each n has one code, each code one n).
const skillsLua = `
local L, D = FIRST, '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'
local function code(id)
  local c = redis.call('HGET', KEYS[1], id)
  if c then return c end
  local n = redis.call('HLEN', KEYS[2])
  if n == 0 then
    local t = redis.call('TIME')
    redis.call('HSET', KEYS[2], '', t[1] .. '.' .. t[2])
    n = 1
  end
  n = n - 1 -- the book's own field
  local r = n % #L
  c = string.sub(L, r + 1, r + 1)
  local q = math.floor(n / #L)
  while q > 0 do
    q = q - 1
    local d = q % 36
    c = c .. string.sub(D, d + 1, d + 1)
    q = math.floor(q / 36)
  end
  redis.call('HSET', KEYS[1], id, c)
  redis.call('HSET', KEYS[2], c, id)
  return c
end
local p, out = ARGV[1], {''}
for i = 2, #ARGV, 3 do
  local key, id, v = p .. K_SKILLS .. ARGV[i], ARGV[i + 1], ARGV[i + 2]
  local c = code(id)
  redis.call('HDEL', key, id)
  if v == '' then redis.call('HDEL', key, c) else redis.call('HSET', key, c, v) end
  out[#out + 1] = id
  out[#out + 1] = c
end
out[1] = redis.call('HGET', KEYS[2], '') or ''
return out
`

// skillsSrc is skillsLua with its alphabet.
var skillsSrc = strings.Replace(skillsLua, "FIRST", "'"+codeFirst+"'", 1)

var skillsScript = script(skillsSrc)

// codeFirst are the characters a code starts with: upper-case letters
// and punctuation, none of which a roadmap id has (lower-case letters,
// digits, hyphens) and none of which needs quoting in Lua or breaks an
// event's short form (no space). 53 skills have a one-character code.
const codeFirst = "ABCDEFGHIJKLMNOPQRSTUVWXYZ!#$%&()*+,./:;<=>?@[]^_{|}~"

// isCode reports whether a skills field may be a code: one that starts
// with a character of codeFirst. Whether it is one, the book says.
func isCode(s string) bool { return s != "" && strings.IndexByte(codeFirst, s[0]) >= 0 }

// codeCacheScopes bounds how many workspaces' books a process keeps; past
// it the cache starts afresh (each book is re-read once as needed).
const codeCacheScopes = 10_000

// codeCache is what a Store learnt of its workspaces' code books. Safe for
// concurrent use.
type codeCache struct {
	mu sync.Mutex
	m  map[bot.Scope]*book
}

// book is one workspace's code book, both ways.
type book struct {
	code    map[string]string // skill id -> code
	id      map[string]string // code -> skill id
	read    bool              // the whole book was read once
	edition string            // the book's "" field, as last seen
}

// scope returns sc's book, made if need be; c.mu must be held.
func (c *codeCache) scope(sc bot.Scope) *book {
	if c.m == nil || len(c.m) >= codeCacheScopes {
		c.m = make(map[bot.Scope]*book)
	}
	b := c.m[sc]
	if b == nil {
		b = &book{code: map[string]string{}, id: map[string]string{}}
		c.m[sc] = b
	}
	return b
}

// learn records that id's code is c in the book of edition ed ("": not
// known); a book of another edition than the one cached replaces it.
func (c *codeCache) learn(sc bot.Scope, ed, id, code string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	b := c.edition(sc, ed)
	b.code[id], b.id[code] = code, id
}

// edition returns sc's book, emptied first when ed is known and not the
// edition cached; c.mu must be held.
func (c *codeCache) edition(sc bot.Scope, ed string) *book {
	b := c.scope(sc)
	if ed != "" && b.edition != ed {
		if b.edition != "" || b.read {
			*b = book{code: map[string]string{}, id: map[string]string{}}
		}
		b.edition = ed
	}
	return b
}

// learnAll records a whole book read from Redis (code -> id, and the
// edition under "").
func (c *codeCache) learnAll(sc bot.Scope, codes map[string]string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	b := c.edition(sc, codes[""])
	for code, id := range codes {
		if code != "" {
			b.code[id], b.id[code] = code, id
		}
	}
	b.read = true
}

// check drops sc's cached book unless its edition is ed.
func (c *codeCache) check(sc bot.Scope, ed string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if b := c.m[sc]; b != nil && b.edition != ed {
		delete(c.m, sc)
	}
}

// read reports whether sc's whole book was read once.
func (c *codeCache) read(sc bot.Scope) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	b := c.m[sc]
	return b != nil && b.read
}

// codeOf returns id's code, if known here.
func (c *codeCache) codeOf(sc bot.Scope, id string) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	b := c.m[sc]
	if b == nil {
		return "", false
	}
	v, ok := b.code[id]
	return v, ok
}

// idOf returns the skill id of code, if known here.
func (c *codeCache) idOf(sc bot.Scope, code string) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	b := c.m[sc]
	if b == nil {
		return "", false
	}
	v, ok := b.id[code]
	return v, ok
}

// knownCodes returns the codes of ids that this process knows, "" for
// the others.
func (s *Store) knownCodes(sc bot.Scope, ids []string) map[string]string {
	out := make(map[string]string, len(ids))
	for _, id := range ids {
		out[id], _ = s.codes.codeOf(sc, id)
	}
	return out
}

// queueSkills queues w's skill writes on p: plain HSETs when every code is
// known here, else skillsSrc, which assigns the missing codes; learn,
// called once p has run, records what it assigned. known are what loads
// saw of members' hashes (stored).
func (s *Store) queueSkills(ctx context.Context, p redis.Pipeliner, sc bot.Scope, k keys, ws []bot.SkillWrite, codes map[string]string, known []storedAs) (learn func()) {
	all := true
	for _, sw := range ws {
		all = all && codes[sw.Skill] != ""
	}
	if all {
		for _, sw := range ws {
			// The field under the skill's id, if a version before codes
			// wrote one, goes: the code's is the one kept.
			code := codes[sw.Skill]
			if sw.State == (bot.SkillState{}) {
				p.HDel(ctx, k.skills(sw.Member), sw.Skill, code)
			} else {
				if !codesOnly(known, sw.Member) {
					p.HDel(ctx, k.skills(sw.Member), sw.Skill)
				}
				p.HSet(ctx, k.skills(sw.Member), code, encodeSkillShort(sw.State))
			}
		}
		return func() {}
	}
	args := make([]any, 1, 1+3*len(ws))
	args[0] = k.prefix
	for _, sw := range ws {
		v := ""
		if sw.State != (bot.SkillState{}) {
			v = encodeSkillShort(sw.State)
		}
		args = append(args, sw.Member, sw.Skill, v)
	}
	// Sent whole (EVAL): only when this process meets a skill it has no
	// code for, so the server's script cache is not relied on.
	cmd := skillsScript.Eval(ctx, p, []string{k.codes(), k.codeNames()}, args...)
	return func() {
		got, err := cmd.StringSlice()
		if err != nil {
			return
		}
		if len(got) == 0 {
			return
		}
		for i := 1; i+1 < len(got); i += 2 {
			s.codes.learn(sc, got[0], got[i], got[i+1])
		}
	}
}

// queueBook queues a read of sc's whole code book on p when this process
// has not read it yet; learn, called once p has run, records it.
func (s *Store) queueBook(ctx context.Context, p redis.Pipeliner, sc bot.Scope, k keys) (learn func()) {
	if s.codes.read(sc) {
		// Known: only its edition is read, to see that it is the same.
		// (HMGET: a book with no edition yet is no error of the pipeline.)
		ed := p.HMGet(ctx, k.codeNames(), "")
		return func() {
			if v, err := ed.Result(); err == nil && len(v) == 1 {
				cur, _ := v[0].(string)
				s.codes.check(sc, cur)
			}
		}
	}
	cmd := p.HGetAll(ctx, k.codeNames())
	return func() {
		if m, err := cmd.Result(); err == nil {
			s.codes.learnAll(sc, m)
		}
	}
}

// skillNames returns the skill ids of the fields that may be codes
// (isCode) among names: the book's id for a code, the field itself for
// anything else. Codes unknown to this process are read in one round trip.
func (s *Store) skillNames(ctx context.Context, sc bot.Scope, k keys, names []string) (map[string]string, error) {
	out := make(map[string]string, len(names))
	var missing []string
	for _, n := range names {
		if _, done := out[n]; done || !isCode(n) {
			continue
		}
		if id, ok := s.codes.idOf(sc, n); ok {
			out[n] = id
			continue
		}
		out[n] = n
		missing = append(missing, n)
	}
	if len(missing) == 0 {
		return out, nil
	}
	got, err := s.rdb.HMGet(ctx, k.codeNames(), append([]string{""}, missing...)...).Result()
	if err != nil && !errors.Is(err, redis.Nil) {
		return nil, wrap(err, "skill names in %s", sc)
	}
	ed, _ := got[0].(string)
	for i, v := range got[1:] {
		if id, ok := v.(string); ok && id != "" {
			out[missing[i]] = id
			s.codes.learn(sc, ed, id, missing[i])
		}
	}
	return out, nil
}

// nameMembers renames the skills of ms from codes to skill ids. A skill
// stored under both its id (before codes) and its code reads as the
// code's state, the newer.
func (s *Store) nameMembers(ctx context.Context, sc bot.Scope, k keys, ms []*bot.Member) error {
	var fields []string
	for _, m := range ms {
		if m == nil {
			continue
		}
		for f := range m.Skills {
			if isCode(f) {
				fields = append(fields, f)
			}
		}
	}
	if len(fields) == 0 {
		return nil
	}
	names, err := s.skillNames(ctx, sc, k, fields)
	if err != nil {
		return err
	}
	for _, m := range ms {
		if m == nil {
			continue
		}
		// Renamed in place (a second map per load is most of this
		// function's cost): a name never has a code's shape, so the
		// entries added meanwhile are passed over, and the code's state
		// replaces one stored under the id.
		for f, st := range m.Skills {
			if isCode(f) {
				delete(m.Skills, f)
				m.Skills[names[f]] = st
			}
		}
	}
	return nil
}

// hasLegacySkills reports whether a skills hash holds a field named by a
// skill id, as versions before codes wrote them.
func hasLegacySkills(skills map[string]string) bool {
	for f := range skills {
		if !isCode(f) {
			return true
		}
	}
	return false
}

// codesOnly reports whether known says that member's skills hash holds no
// field named by a skill id, so a write under a code has none to delete.
func codesOnly(known []storedAs, member string) bool {
	for _, as := range known {
		if as.id == member {
			return !as.legacy
		}
	}
	return false
}

// skillIDs are the skills that w writes or whose events it logs.
func skillIDs(w bot.Write) []string {
	var ids []string
	for _, sw := range w.Skills {
		ids = append(ids, sw.Skill)
	}
	for _, e := range w.Events {
		if e.Skill != "" {
			ids = append(ids, e.Skill)
		}
	}
	return ids
}
