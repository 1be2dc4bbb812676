package storage

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/redis/go-redis/v9"

	"github.com/mentorbot/mentorbot/bot"
)

// A Write with checked Links (bot.Link.Check) must apply whole or not at
// all, decided by the lead hash as it is when it applies. MULTI cannot
// abort on a value, so such a Write runs as one Lua script instead, in one
// round trip: guardedSrc checks the links, then runs the very commands
// queueWrite queues (recorded from a pipeline that is never sent), the
// Write's own scripts among them as Lua functions of the same sources.

// guardedScripts are the scripts a Write may queue, by name in guardedSrc.
var guardedScripts = []struct{ name, src string }{
	{"link", linkSrc}, {"index", indexSrc}, {"digests", digestsSrc}, {"forget", forgetSrc}, {"log", writeLogSrc}, {"skills", skillsSrc},
}

// guardedKind maps a queued script's full source to its name.
var guardedKind = func() map[string]string {
	m := make(map[string]string, len(guardedScripts))
	for _, g := range guardedScripts {
		m[luaPrelude()+g.src] = g.name
	}
	return m
}()

// guardedSrc: KEYS[1] the lead hash; ARGV: the number of checks, then
// pairs of mentee and expected lead ("" for none), then operations, each
// kind ("call" or a script's name), number of keys, number of arguments,
// the keys, the arguments. A failed check returns a CONFLICT error before
// anything is written.
var guardedSrc = func() string {
	var b strings.Builder
	b.WriteString("local fns = {}\n")
	for _, g := range guardedScripts {
		fmt.Fprintf(&b, "fns[%q] = function(KEYS, ARGV)\n%s\nend\n", g.name, g.src)
	}
	b.WriteString(`
local lh, i = KEYS[1], 2
for g = 1, tonumber(ARGV[1]) do
  local cur = redis.call('HGET', lh, ARGV[i]) or ''
  if cur ~= ARGV[i + 1] then return redis.error_reply('CONFLICT lead of ' .. ARGV[i] .. ' is ' .. cur) end
  i = i + 2
end
while i <= #ARGV do
  local kind, nk, na = ARGV[i], tonumber(ARGV[i + 1]), tonumber(ARGV[i + 2])
  i = i + 3
  local ks, as = {}, {}
  for j = 1, nk do ks[j] = ARGV[i]; i = i + 1 end
  for j = 1, na do as[j] = ARGV[i]; i = i + 1 end
  if kind == 'call' then redis.call(unpack(as)) else fns[kind](ks, as) end
end
return 0
`)
	return b.String()
}()

var guardedScript = script(guardedSrc)

// applyChecked runs queue's commands as guardedScript, after checking the
// checked links' Old leads.
func (s *Store) applyChecked(ctx context.Context, k keys, ls []bot.Link, queue func(redis.Pipeliner) error) error {
	argv := []any{0}
	n := 0
	for _, l := range ls {
		if l.Check {
			argv = append(argv, l.Mentee, l.Old)
			n++
		}
	}
	argv[0] = n
	pipe := s.rdb.Pipeline()
	if err := queue(pipe); err != nil {
		return err
	}
	cmds := pipe.Cmds()
	pipe.Discard()
	for _, c := range cmds {
		args := c.Args()
		if name, _ := args[0].(string); strings.EqualFold(name, "eval") {
			src, _ := args[1].(string)
			kind, ok := guardedKind[src]
			nk, _ := args[2].(int)
			if !ok || len(args) < 3+nk {
				return fmt.Errorf("checked write: a script guardedSrc does not know")
			}
			rest := args[3+nk:]
			argv = append(argv, kind, nk, len(rest))
			argv = append(argv, args[3:3+nk]...)
			argv = append(argv, rest...)
			continue
		}
		argv = append(argv, "call", 0, len(args))
		argv = append(argv, args...)
	}
	for i, a := range argv {
		argv[i] = argString(a)
	}
	err := guardedScript.Eval(ctx, s.rdb, []string{k.lead()}, argv...).Err()
	if err != nil && strings.HasPrefix(err.Error(), "CONFLICT") {
		return fmt.Errorf("%s: %w", err.Error(), bot.ErrConflict)
	}
	return err
}

// argString writes a command argument as go-redis sends it.
func argString(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case []byte:
		return string(v)
	case int:
		return strconv.Itoa(v)
	case int64:
		return strconv.FormatInt(v, 10)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case bool:
		if v {
			return "1"
		}
		return "0"
	}
	return fmt.Sprint(v)
}
