package storage

// The scripts build key names from the scope prefix in ARGV[1]. They only
// touch keys of that prefix, which share KEYS[1]'s hash tag and so its
// cluster slot. They run as EVAL (not EVALSHA) so that each call is exactly
// one round trip, and so that they can sit inside a MULTI, where a NOSCRIPT
// reply could not be retried; the exception is the write path's
// writeLogSrc, which may run after the transaction (evalsha.go). Their sources
// use the names of fields.go.

// linkSrc applies links: ARGV[1] prefix, then triples of mentee, new lead
// ("" unlinks), old lead. The mentee's current lead is read from the lead
// hash, so a stale Old cannot leave the mentee in two leads' sets.
// KEYS[1] is the lead hash.
const linkSrc = `
local p, lh = ARGV[1], KEYS[1]
for i = 2, #ARGV, 3 do
  local mentee, lead, old = ARGV[i], ARGV[i+1], ARGV[i+2]
  local cur = redis.call('HGET', lh, mentee)
  if cur then redis.call('SREM', p .. K_MENTEES .. cur, mentee) end
  if old ~= '' then redis.call('SREM', p .. K_MENTEES .. old, mentee) end
  local m = p .. K_MEMBER .. mentee
  if lead == '' then
    redis.call('HDEL', lh, mentee)
    redis.call('HDEL', m, F_LEAD)
  else
    redis.call('HSET', lh, mentee, lead)
    redis.call('SADD', p .. K_MENTEES .. lead, mentee)
    if redis.call('EXISTS', m) == 1 then redis.call('HSET', m, F_LEAD, lead) end
  end
end
return 0
`

var linkScript = script(linkSrc)

// forgetSrc deletes members: ARGV[1] prefix, then member ids. It unlinks
// each from their lead, dropping the lead's digest when that was their last
// mentee, and unlinks their own mentees. KEYS[1] is the lead hash.
const forgetSrc = `
local p, lh = ARGV[1], KEYS[1]
for i = 2, #ARGV do
  local id = ARGV[i]
  local cur = redis.call('HGET', lh, id)
  if cur then
    redis.call('HDEL', p .. K_INVITES .. cur, id)
    redis.call('HDEL', p .. K_INVITED, id)
    redis.call('SREM', p .. K_MENTEES .. cur, id)
    redis.call('HDEL', lh, id)
    if redis.call('EXISTS', p .. K_MENTEES .. cur) == 0 then redis.call('ZREM', p .. K_DIGEST, cur) end
  end
  local ms = p .. K_MENTEES .. id
  for _, mentee in ipairs(redis.call('SMEMBERS', ms)) do
    if redis.call('HGET', lh, mentee) == id then
      redis.call('HDEL', lh, mentee)
      local mk = p .. K_MEMBER .. mentee
      if redis.call('HGET', mk, F_LEAD) == id then redis.call('HDEL', mk, F_LEAD) end
    end
  end
  for _, inv in ipairs(redis.call('HKEYS', p .. K_INVITES .. id)) do
    local v = redis.call('HGET', p .. K_INVITED, inv)
    if v and string.sub(v, 1, #id + 1) == id .. '|' then redis.call('HDEL', p .. K_INVITED, inv) end
  end
  redis.call('DEL', ms, p .. K_INVITES .. id, p .. K_MEMBER .. id, p .. K_SKILLS .. id, p .. K_EVENTS .. id)
  redis.call('ZREM', p .. K_DUE, id)
  redis.call('HDEL', p .. K_LEASE, id)
  redis.call('HDEL', p .. K_REMIND, id)
  redis.call('ZREM', p .. K_DIGEST, id)
  redis.call('HDEL', p .. K_DLEASE, id)
  redis.call('SREM', p .. K_RIGHTS, id)
  redis.call('HDEL', p .. K_DCHAN, id)
end
return 0
`

var forgetScript = script(forgetSrc)
