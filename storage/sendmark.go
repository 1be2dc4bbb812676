package storage

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/scheduler"
)

// A member's nudge send key (issue 16: a member after a year at most
// 2 KB) is a field of their profile, fSendMark =
// "<ISO week>|<value>|<expires at, unix ms, base 36>", rather than a key
// <prefix>sent:<id>:<week> of its own: a key costs about 136 B with its
// TTL, the field about 50. The field holds the newest week marked; a
// mark of an older week while it holds a newer one that has not
// expired, a value too long for a compact profile, and a lead's digest
// (a lead may have no profile) keep the separate key, which is also
// read, so marks set before this change still count.

// sendMarkMax keeps the field within a compact profile's values.
const sendMarkMax = 64

// markSrc sets send marks unless set: KEYS[1] the due zset (the scope's
// slot); ARGV[1] the prefix, ARGV[2] now, unix ms, then per mark the
// member, the week, the value, the TTL in ms and the profile field's
// value ("" when too long). It returns, per mark, "" when it set it or
// the value found.
const markSrc = `
local p, now, out = ARGV[1], tonumber(ARGV[2]), {}
for i = 3, #ARGV, 5 do
  local id, week, v, ttl, field = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3], ARGV[i + 4]
  local m, key = p .. K_MEMBER .. id, p .. K_SENT .. id .. ':' .. week
  local prev = redis.call('GET', key)
  local cw, cv, ce
  local cur = redis.call('HGET', m, F_SENDMARK)
  if cur then cw, cv, ce = string.match(cur, '^([^|]*)|(.*)|(%w+)$') end
  local live = cw and (tonumber(ce, 36) or 0) > now
  if prev then
    out[#out + 1] = prev
  elseif live and cw == week then
    out[#out + 1] = cv
  elseif field ~= '' and (not live or cw < week) and redis.call('EXISTS', m) == 1 then
    redis.call('HSET', m, F_SENDMARK, field)
    out[#out + 1] = ''
  else
    redis.call('SET', key, v, 'PX', ttl)
    out[#out + 1] = ''
  end
end
return out
`

// unmarkFieldSrc: KEYS[1] the send key, KEYS[2] the profile; ARGV the
// week and the value. Deletes the mark wherever it still holds value.
const unmarkFieldSrc = `
if redis.call('GET', KEYS[1]) == ARGV[2] then redis.call('DEL', KEYS[1]) end
local cur = redis.call('HGET', KEYS[2], F_SENDMARK)
if cur then
  local cw, cv = string.match(cur, '^([^|]*)|(.*)|%w+$')
  if cw == ARGV[1] and cv == ARGV[2] then redis.call('HDEL', KEYS[2], F_SENDMARK) end
end
return 0
`

var (
	markScript        = script(markSrc)
	unmarkFieldScript = script(unmarkFieldSrc)
)

// markInProfile sets nudge send marks (markSrc) in one script call.
func (q queue) markInProfile(ctx context.Context, sc bot.Scope, k keys, marks []scheduler.Mark) ([]string, error) {
	now := time.Now()
	args := make([]any, 2, 2+5*len(marks))
	args[0], args[1] = k.prefix, now.UnixMilli()
	for _, m := range marks {
		ttl := max(m.TTL, time.Millisecond)
		field := m.Week + "|" + m.Value + "|" + strconv.FormatInt(now.Add(ttl).UnixMilli(), 36)
		if len(field) > sendMarkMax {
			field = ""
		}
		args = append(args, m.Member, m.Week, m.Value, ttl.Milliseconds(), field)
	}
	prev, err := markScript.Run(ctx, q.s.rdb, []string{k.prefix + q.due}, args...).StringSlice()
	if err != nil {
		return nil, wrap(err, "mark %d sent in %s", len(marks), sc)
	}
	if len(prev) != len(marks) {
		return nil, fmt.Errorf("mark sent in %s: %d answers for %d marks", sc, len(prev), len(marks))
	}
	return prev, nil
}
