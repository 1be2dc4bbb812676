package storage

// The nudge queue's scripts. Every key one touches is in the scope's hash
// slot. ARGV "0" for now means Redis TIME, the one clock replicas share;
// Redis 7 replicates a script's effects, so reading TIME before writing is
// safe. Times are unix milliseconds, written with '%.0f' so that Lua never
// prints them in exponent form. They run with EVALSHA (Script.Run falls
// back to EVAL once after a server restart): a claim or a batch
// completion is one call however many members it covers.

const luaNow = `
local function ms(x) return string.format('%.0f', x) end
local function clock(a)
  local now = tonumber(a)
  if now == 0 then
    local t = redis.call('TIME')
    now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
  end
  return now
end
local function lease(v)
  return string.match(v, '^([^|]*)|([^|]*)|(.*)$')
end
`

// claimScript: KEYS due, lease, and remind when the queue has one; ARGV now, lease ms, limit, token
// prefix. Returns now, then id, original due, token, reminded week ("" for
// a regular nudge) and "1" when it took over a claim whose lease had run
// out ("" otherwise) per claimed member.
const claimSrc = luaNow + `
local now = clock(ARGV[1])
local untl = ms(now + tonumber(ARGV[2]))
local got = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ms(now), 'WITHSCORES', 'LIMIT', 0, tonumber(ARGV[3]))
local out = {ms(now)}
for i = 1, #got, 2 do
  local id, due = got[i], ms(tonumber(got[i + 1]))
  local prev = redis.call('HGET', KEYS[2], id)
  local expired = ''
  if prev then
    local _, pu, pd = lease(prev)
    -- Completion and release drop the lease: one still there whose end
    -- has passed belongs to a holder that died or stalled.
    if tonumber(pu) <= now then expired = '1' end
    -- The score is still the dead lease's end: the member keeps its
    -- original due time. Otherwise a command rescheduled it meanwhile.
    if tonumber(pu) == tonumber(due) then due = pd end
  end
  local remind = ''
  local r = KEYS[3] and redis.call('HGET', KEYS[3], id)
  if r then
    local w, at = string.match(r, '^([^|]*)|(.*)$')
    if tonumber(at) == tonumber(due) then remind = w end
  end
  local tok = ARGV[4] .. '.' .. ((i + 1) / 2)
  redis.call('ZADD', KEYS[1], untl, id)
  redis.call('HSET', KEYS[2], id, tok .. '|' .. untl .. '|' .. due)
  out[#out + 1] = id
  out[#out + 1] = due
  out[#out + 1] = tok
  out[#out + 1] = remind
  out[#out + 1] = expired
end
return out
`

// extendScript: KEYS due, lease; ARGV now, lease ms, then id, token pairs.
// Returns now, then 1 or 0 per pair: whether the lease was still held.
const extendSrc = luaNow + `
local now = clock(ARGV[1])
local untl = ms(now + tonumber(ARGV[2]))
local out = {ms(now)}
for i = 3, #ARGV, 2 do
  local id, tok, ok = ARGV[i], ARGV[i + 1], 0
  local v = redis.call('HGET', KEYS[2], id)
  if v then
    local t, pu, pd = lease(v)
    if t == tok and now < tonumber(pu) then
      ok = 1
      local s = redis.call('ZSCORE', KEYS[1], id)
      if s and tonumber(s) == tonumber(pu) then redis.call('ZADD', KEYS[1], untl, id) end
      redis.call('HSET', KEYS[2], id, t .. '|' .. untl .. '|' .. pd)
    end
  end
  out[#out + 1] = ok
end
return out
`

// unmarkScript: KEYS send key; ARGV value. Deletes the key if it holds value.
const unmarkSrc = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`

// luaNextIgnored is bot.NextIgnored in Lua: the ignored-nudge count a
// completion records from the profile's n_last, progress and n_ign
// (strings or false); with active and n_una it is bot.NextUnanswered.
// TestSharedRules runs both on the same cases.
const luaNextIgnored = `
local function next_ignored(last, prog, ign)
  if last and (not prog or tonumber(prog) < tonumber(last)) then return (tonumber(ign) or 0) + 1 end
  return 0
end
`

// completeScript: KEYS due, lease, and remind when the queue has one; ARGV
// prefix, now, event limit, live key prefix ("m:" for nudges, "mentees:"
// for digests: the next due time is set only while <prefix><live><id>
// exists), then per completion: id, token, next ms ("" = unschedule),
// block reason, sent ("1"), sent at, week, skill, rotation, event JSON.
// Returns 1 or 0 per completion: whether its lease was held.
const completeSrc = luaNow + luaNextIgnored + `
local p, now, lim, live = ARGV[1], clock(ARGV[2]), tonumber(ARGV[3]), ARGV[4]
local out = {}
for i = 5, #ARGV, 10 do
  local id, tok, nxt, block, sent = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3], ARGV[i + 4]
  local ok = 0
  local v = redis.call('HGET', KEYS[2], id)
  local t, pu, pd
  if v then t, pu, pd = lease(v) end
  if v and t == tok and now < tonumber(pu) then
    ok = 1
    redis.call('HDEL', KEYS[2], id)
    local r = KEYS[3] and redis.call('HGET', KEYS[3], id)
    if r then
      local _, at = string.match(r, '^([^|]*)|(.*)$')
      if tonumber(at) <= tonumber(pd) then redis.call('HDEL', KEYS[3], id) end
    end
    local m = p .. K_MEMBER .. id
    local exists = redis.call('EXISTS', m) == 1
    local alive = redis.call('EXISTS', p .. live .. id) == 1
    local s = redis.call('ZSCORE', KEYS[1], id)
    if s and tonumber(s) == tonumber(pu) then
      if nxt ~= '' and block == '' and alive then
        redis.call('ZADD', KEYS[1], nxt, id)
      else
        redis.call('ZREM', KEYS[1], id)
      end
    end
    if exists then
      if sent == '1' then
        local last = redis.call('HGET', m, F_LAST)
        local ign = next_ignored(last, redis.call('HGET', m, F_PROGRESS), redis.call('HGET', m, F_IGNORED))
        if ign > 0 then redis.call('HSET', m, F_IGNORED, ign) else redis.call('HDEL', m, F_IGNORED) end
        -- bot.NextUnanswered: the same rule, on the last command.
        local una = next_ignored(last, redis.call('HGET', m, F_ACTIVE), redis.call('HGET', m, F_UNANSWERED))
        if una > 0 then redis.call('HSET', m, F_UNANSWERED, una) else redis.call('HDEL', m, F_UNANSWERED) end
        redis.call('HSET', m, F_LAST, ARGV[i + 5], F_WEEK, ARGV[i + 6])
        for j, f in ipairs({F_SKILL, F_SENT}) do
          if ARGV[i + 6 + j] ~= '' then redis.call('HSET', m, f, ARGV[i + 6 + j]) else redis.call('HDEL', m, f) end
        end
      end
      if block ~= '' then
        redis.call('HSET', m, F_BLOCK, block)
        redis.call('ZREM', KEYS[1], id)
      end
    end
    -- A lead who never joined has a log too while they lead someone.
    if (exists or alive) and ARGV[i + 9] ~= '' then
      redis.call('LPUSH', p .. K_EVENTS .. id, ARGV[i + 9])
      redis.call('LTRIM', p .. K_EVENTS .. id, 0, lim - 1)
    end
  end
  out[#out + 1] = ok
end
return out
`

// releaseScript: KEYS due, lease; ARGV id, token pairs. A claim still
// held by its token goes back to its original due time, unless a command
// rescheduled the member meanwhile.
const releaseSrc = luaNow + `
for i = 1, #ARGV, 2 do
  local id, tok = ARGV[i], ARGV[i + 1]
  local v = redis.call('HGET', KEYS[2], id)
  if v then
    local t, pu, pd = lease(v)
    if t == tok then
      local s = redis.call('ZSCORE', KEYS[1], id)
      if s and tonumber(s) == tonumber(pu) then redis.call('ZADD', KEYS[1], pd, id) end
      redis.call('HDEL', KEYS[2], id)
    end
  end
end
return 0
`

// snoozeScript: KEYS snoozed-once key, due, remind; ARGV id, week, at ms,
// ttl ms. Returns 0 when the week was already snoozed.
const snoozeSrc = `
if not redis.call('SET', KEYS[1], '1', 'NX', 'PX', ARGV[4]) then return 0 end
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
redis.call('HSET', KEYS[3], ARGV[1], ARGV[2] .. '|' .. ARGV[3])
return 1
`

var (
	claimScript    = script(claimSrc)
	extendScript   = script(extendSrc)
	unmarkScript   = script(unmarkSrc)
	completeScript = script(completeSrc)
	releaseScript  = script(releaseSrc)
	snoozeScript   = script(snoozeSrc)
)
