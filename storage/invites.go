package storage

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/mentorbot/mentorbot/bot"
)

// Invitations live in two hashes (keys.go): <prefix>inv:<lead>, a lead's
// own, read with their profile by Load and by the digest; and
// <prefix>invited, every one of the scope, which Load reads for the
// invited member and team subtracts from the links it counts.

// Invitations returns each lead's open invitations, oldest first. It is
// one pipelined HGETALL per lead.
func (s *Store) Invitations(ctx context.Context, sc bot.Scope, leads ...string) (map[string][]bot.Invite, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	k, err := newKeys(sc)
	if err != nil {
		return nil, fmt.Errorf("invitations: %w", err)
	}
	for _, l := range leads {
		if err := checkID("lead id", l); err != nil {
			return nil, fmt.Errorf("invitations: %w", err)
		}
	}
	out := make(map[string][]bot.Invite, len(leads))
	if len(leads) == 0 {
		return out, nil
	}
	cmds := make([]*redis.MapStringStringCmd, len(leads))
	_, err = s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i, l := range leads {
			cmds[i] = p.HGetAll(ctx, k.invites(l))
		}
		return nil
	})
	if err != nil {
		return nil, wrap(err, "invitations in %s", sc)
	}
	for i, l := range leads {
		if ivs := decodeInvites(l, cmds[i].Val()); len(ivs) > 0 {
			out[l] = ivs
		}
	}
	return out, nil
}

// decodeInvites reads a lead's invitations hash, oldest first; unreadable
// entries are no invitation.
func decodeInvites(lead string, h map[string]string) []bot.Invite {
	var ivs []bot.Invite
	for mentee, v := range h {
		if ms, err := strconv.ParseInt(v, 10, 64); err == nil {
			ivs = append(ivs, bot.Invite{Mentee: mentee, Lead: lead, At: time.UnixMilli(ms).UTC()})
		}
	}
	slices.SortFunc(ivs, func(a, b bot.Invite) int {
		if c := a.At.Compare(b.At); c != 0 {
			return c
		}
		return strings.Compare(a.Mentee, b.Mentee)
	})
	return ivs
}

// checked reports whether any link is conditional.
func checked(ls []bot.Link) bool {
	return slices.ContainsFunc(ls, func(l bot.Link) bool { return l.Check })
}
