package storage

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/mentorbot/mentorbot/bot"
)

// The roster aggregates (keys in fields.go) let `mentees`, `team` and the
// lead digests read a page in one script call whose cost follows the page,
// not the number of mentees or leads:
//
//	<prefix>ms:<lead>   zset  mentee -> bot.StuckAt in unix ms (+inf: never)
//	<prefix>mp:<lead>   zset  mentee -> last progress in unix ms (mentees with some)
//	<prefix>leads       zset  lead -> the lowest score of their ms: zset
//	<prefix>stuck       zset  mentee -> bot.StuckAt, every led mentee of the scope
//	<prefix>lsum        hash  lead -> "<mentees>|<last progress ms>", settled with leads
//
// lsum holds what a team row needs that does not depend on the time of
// asking, so a row costs its name and two ZCOUNTs (stuck now, moved
// since), three commands where it cost five: a page of 20 leads is within
// issue 16's 100. The price is paid on writes: a re-index settles each
// lead it touched once, with a ZCARD, a ZREVRANGE and an HSET. A missing
// entry (data from before it) is computed and written by the page that
// finds it missing.
// StuckAt is a fixed instant, so "stuck at now" is a ZCOUNT up to now and
// the passing of time needs no write. The aggregates are written in the
// same transaction as what they follow: Apply re-indexes the members it
// writes and the mentees whose links it changes (dropped before the link
// script, added after it), and the nudge completions re-index the members
// they record a nudge on (Ignored and Last move StuckAt).

// luaStuckAt is bot.StuckAt in Lua, from a profile's HMGET of F_PROGRESS,
// F_JOINED, F_IGNORED and F_LAST; TestSharedRules holds the two together.
const luaStuckAt = `
local function stuck_at(f)
  local progress = tonumber(f[1])
  local since = progress or tonumber(f[2])
  local at = math.huge
  if since then at = since + STUCK_MS end
  local ign, last = tonumber(f[3]) or 0, tonumber(f[4])
  if ign >= IGNORED_TO_STUCK and last and (progress or -math.huge) < last and last < at then at = last end
  return at
end
local function score(x)
  if x == math.huge then return '+inf' end
  return string.format('%d', x)
end
`

// indexSrc re-indexes members: ARGV[1] prefix, ARGV[2] mode, then member
// ids. Mode "add" (re)computes each mentee's entries under their current
// lead; "drop" removes them from their current lead's; "forget" also
// drops each member's own roster as a lead (their mentees are being
// unlinked). Members without a lead are left alone. KEYS[1] is the lead
// hash.
const indexSrc = luaStuckAt + luaLeadSummary + luaReindex + `
return reindex(ARGV[1], KEYS[1], ARGV[2], ARGV, 3)
`

// luaReindex defines reindex(p, lh, mode, ids, from): indexSrc's work
// on ids[from], ids[from+1], ..., for scripts that re-index after writes
// of their own (writeLogSrc).
const luaReindex = `
local function reindex(p, lh, mode, ids, from)
local leads, stuck = p .. K_LEADS, p .. K_STUCK
-- Each lead whose roster changed is settled once, after all of ids: a
-- batch of a lead's mentees costs one settle, not one per mentee.
local touched, order = {}, {}
local function touch(lead)
  if not touched[lead] then touched[lead] = true; order[#order + 1] = lead end
end
for i = from, #ids do
  local id = ids[i]
  local lead = redis.call('HGET', lh, id)
  if lead then
    local r, mv = p .. K_ROSTER .. lead, p .. K_MOVED .. lead
    local f = false
    if mode == 'add' then
      f = redis.call('HMGET', p .. K_MEMBER .. id, F_PROGRESS, F_JOINED, F_IGNORED, F_LAST, F_NAME)
      if not f[5] then f = false end -- no profile: not listed
    end
    if f then
      local at = score(stuck_at(f))
      redis.call('ZADD', r, at, id)
      redis.call('ZADD', stuck, at, id)
      if f[1] then redis.call('ZADD', mv, f[1], id) else redis.call('ZREM', mv, id) end
    else
      redis.call('ZREM', r, id)
      redis.call('ZREM', mv, id)
      redis.call('ZREM', stuck, id)
    end
    touch(lead)
  end
  if mode == 'forget' then
    local r = p .. K_ROSTER .. id
    local ms = redis.call('ZRANGE', r, 0, -1)
    for j = 1, #ms, 500 do
      redis.call('ZREM', stuck, unpack(ms, j, math.min(j + 499, #ms)))
    end
    redis.call('DEL', r, p .. K_MOVED .. id)
    touch(id)
  end
end
for _, lead in ipairs(order) do
  local first = redis.call('ZRANGE', p .. K_ROSTER .. lead, 0, 0, 'WITHSCORES')
  if #first == 0 then
    redis.call('ZREM', leads, lead)
    redis.call('HDEL', p .. K_LSUM, lead)
  else
    redis.call('ZADD', leads, first[2], lead)
    redis.call('HSET', p .. K_LSUM, lead, lead_summary(p, lead))
  end
end
return 0
end
`

// luaLeadSummary defines lead_summary(p, lead): lead's lsum entry,
// computed from their roster and moved zsets.
const luaLeadSummary = `
local function lead_summary(p, lead)
  local last = redis.call('ZREVRANGE', p .. K_MOVED .. lead, 0, 0, 'WITHSCORES')
  return redis.call('ZCARD', p .. K_ROSTER .. lead) .. '|' .. (last[2] or '')
end
`

var indexScript = script(indexSrc)

// index queues a re-index of ids in mode (see indexSrc) on p.
func index(ctx context.Context, p redis.Pipeliner, k keys, mode string, ids []string) {
	if len(ids) == 0 {
		return
	}
	args := make([]any, 2, 2+len(ids))
	args[0], args[1] = k.prefix, mode
	for _, id := range ids {
		args = append(args, id)
	}
	indexScript.Eval(ctx, p, []string{k.lead()}, args...)
}

// menteePageSrc reads one page of a lead's roster: KEYS[1] the roster,
// KEYS[2] the moved zset; ARGV prefix, now (ms), offset, limit, moved
// since (ms, "" for none), how many of the moved to load. It returns
// total, stuck, moved count, then the page and the moved as flat lists
// of id, profile, skills.
const menteePageSrc = `
local p, r, mv = ARGV[1], KEYS[1], KEYS[2]
local now, off, lim, since, mlim = ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4]), ARGV[5], tonumber(ARGV[6])
local function load(ids)
  local out = {}
  for _, id in ipairs(ids) do
    out[#out + 1] = id
    out[#out + 1] = redis.call('HGETALL', p .. K_MEMBER .. id)
    out[#out + 1] = redis.call('HGETALL', p .. K_SKILLS .. id)
  end
  return out
end
local page, moved, nmoved = {}, {}, 0
if lim > 0 then page = redis.call('ZRANGE', r, off, off + lim - 1) end
if since ~= '' then
  nmoved = redis.call('ZCOUNT', mv, since, '+inf')
  if mlim > 0 then moved = redis.call('ZREVRANGEBYSCORE', mv, '+inf', since, 'LIMIT', 0, mlim) end
end
return {redis.call('ZCARD', r), redis.call('ZCOUNT', r, '-inf', now), nmoved, load(page), load(moved)}
`

var menteePageScript = script(menteePageSrc)

// teamPageSrc reads one page of a scope's leads: KEYS[1] the leads zset;
// ARGV prefix, now (ms), offset, limit, moved since (ms, "" for none).
// It returns the lead count, the mentee count, the stuck count, then per
// lead: id, name, mentees, stuck, last progress ("" for none), moved.
const teamPageSrc = luaLeadSummary + `
local p, leads = ARGV[1], KEYS[1]
local now, off, lim, since = ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4]), ARGV[5]
local out = {redis.call('ZCARD', leads), redis.call('HLEN', p .. K_LEAD) - redis.call('HLEN', p .. K_INVITED), redis.call('ZCOUNT', p .. K_STUCK, '-inf', now), {}}
local ids = {}
if lim > 0 then ids = redis.call('ZRANGE', leads, off, off + lim - 1) end
if #ids > 0 then
  local sums = redis.call('HMGET', p .. K_LSUM, unpack(ids))
  local page = out[4]
  for i, id in ipairs(ids) do
    local sum = sums[i]
    if not sum then -- written before lsum: computed once, kept for next time
      sum = lead_summary(p, id)
      redis.call('HSET', p .. K_LSUM, id, sum)
    end
    local n, last = string.match(sum, '^(%d+)|(.*)$')
    page[#page + 1] = id
    page[#page + 1] = redis.call('HGET', p .. K_MEMBER .. id, F_NAME) or ''
    page[#page + 1] = tonumber(n)
    page[#page + 1] = redis.call('ZCOUNT', p .. K_ROSTER .. id, '-inf', now)
    page[#page + 1] = last
    if since ~= '' then
      page[#page + 1] = redis.call('ZCOUNT', p .. K_MOVED .. id, since, '+inf')
    else
      page[#page + 1] = 0
    end
  end
end
return out
`

var teamPageScript = script(teamPageSrc)

func (k keys) roster(lead string) string { return k.prefix + kRoster + lead }
func (k keys) moved(lead string) string  { return k.prefix + kMoved + lead }
func (k keys) leads() string             { return k.prefix + kLeads }

// MenteePage returns one page of lead's mentees, stuck first, in one
// script call that reads only the page.
func (s *Store) MenteePage(ctx context.Context, sc bot.Scope, lead string, q bot.PageQuery) (bot.MenteePage, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	var page bot.MenteePage
	k, err := newKeys(sc)
	if err == nil {
		err = checkID("lead id", lead)
	}
	if err != nil {
		return page, fmt.Errorf("mentee page: %w", err)
	}
	since := movedSince(q)
	movedLimit := max(q.Limit, 0)
	if q.MovedCountOnly {
		movedLimit = 0
	}
	var cmd *redis.Cmd
	learn := func() {}
	// A failed pipeline fails each of its commands: the page's own error,
	// read below, is the one that counts (the code book's is learn's).
	_, _ = s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		learn = s.queueBook(ctx, p, sc, k) // beside the page, so its codes need no trip of their own
		cmd = menteePageScript.Eval(ctx, p, []string{k.roster(lead), k.moved(lead)},
			k.prefix, q.At.UnixMilli(), max(q.Offset, 0), max(q.Limit, 0), since, movedLimit)
		return nil
	})
	learn()
	res, err := cmd.Slice()
	if err != nil {
		return page, wrap(err, "mentee page of %s in %s", lead, sc)
	}
	if len(res) != 5 {
		return page, fmt.Errorf("mentee page of %s in %s: %d values from script", lead, sc, len(res))
	}
	page.Total, page.Stuck, page.MovedCount = count(res[0]), count(res[1]), count(res[2])
	if page.Members, err = decodeMembers(res[3]); err == nil {
		page.Moved, err = decodeMembers(res[4])
	}
	if err == nil {
		err = s.nameMembers(ctx, sc, k, append(slices.Clip(page.Members), page.Moved...))
	}
	if err != nil {
		return page, fmt.Errorf("mentee page of %s in %s: %w", lead, sc, err)
	}
	return page, nil
}

// TeamPage returns one page of the scope's leads, longest stuck first,
// in one script call that reads only the page.
func (s *Store) TeamPage(ctx context.Context, sc bot.Scope, q bot.PageQuery) (bot.TeamPage, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	var page bot.TeamPage
	k, err := newKeys(sc)
	if err != nil {
		return page, fmt.Errorf("team page: %w", err)
	}
	res, err := teamPageScript.Eval(ctx, s.rdb, []string{k.leads()},
		k.prefix, q.At.UnixMilli(), max(q.Offset, 0), max(q.Limit, 0), movedSince(q)).Slice()
	if err != nil {
		return page, wrap(err, "team page in %s", sc)
	}
	if len(res) != 4 {
		return page, fmt.Errorf("team page in %s: %d values from script", sc, len(res))
	}
	page.LeadCount, page.MenteeCount, page.Stuck = count(res[0]), count(res[1]), count(res[2])
	rows, _ := res[3].([]any)
	for i := 0; i+5 < len(rows); i += 6 {
		l := bot.LeadSummary{Mentees: count(rows[i+2]), Stuck: count(rows[i+3]), Moved: count(rows[i+5])}
		l.ID, _ = rows[i].(string)
		l.Name, _ = rows[i+1].(string)
		if v, _ := rows[i+4].(string); v != "" {
			ms, err := strconv.ParseFloat(v, 64)
			if err != nil || math.IsInf(ms, 0) {
				return page, fmt.Errorf("team page in %s: bad progress time %q", sc, v)
			}
			l.LastProgress = time.UnixMilli(int64(ms)).UTC()
		}
		page.Leads = append(page.Leads, l)
	}
	return page, nil
}

// movedSince is PageQuery.MovedSince as the scripts take it: unix ms,
// "" when not asked.
func movedSince(q bot.PageQuery) string {
	if q.MovedSince.IsZero() {
		return ""
	}
	return strconv.FormatInt(q.MovedSince.UnixMilli(), 10)
}

func count(v any) int {
	n, _ := v.(int64)
	return int(n)
}

// decodeMembers reads a script's flat list of id, profile, skills.
func decodeMembers(v any) ([]*bot.Member, error) {
	a, _ := v.([]any)
	out := make([]*bot.Member, 0, len(a)/3)
	for i := 0; i+2 < len(a); i += 3 {
		id, _ := a[i].(string)
		m, err := decodeMember(id, pairs(a[i+1]), pairs(a[i+2]))
		if err != nil {
			return nil, err
		}
		if m != nil {
			out = append(out, m)
		}
	}
	return out, nil
}
