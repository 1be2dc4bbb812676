package storage

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/bot/storetest"
)

// TestContract runs bot.Store's contract, which the in-memory store passes
// too, against the real Redis and the embedded one.
func TestContract(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			t.Parallel()
			rdb := b.open(t)
			storetest.Run(t, storetest.Harness{
				Store: New(rdb),
				Scope: func(t *testing.T) bot.Scope { return testScope(t, rdb) },
				SetState: func(t *testing.T, sc bot.Scope, id string, st bot.NudgeState) {
					k, _ := newKeys(sc)
					f := []any{fBlock, st.Blocked, fIgnored, strconv.Itoa(st.Ignored), fUnanswer, strconv.Itoa(st.Unanswered), fSent, strings.Join(st.Sent, ","),
						fLast, strconv.FormatInt(st.Last.UnixMilli(), 10), fWeek, st.Week, fSkill, st.Skill}
					if err := rdb.HSet(context.Background(), k.member(id), f...).Err(); err != nil {
						t.Fatal(err)
					}
					// As Complete does, in the same transaction there.
					if err := indexScript.Eval(context.Background(), rdb, []string{k.lead()}, k.prefix, "add", id).Err(); err != nil {
						t.Fatal(err)
					}
				},
				Due: func(ctx context.Context, sc bot.Scope, kind bot.DueKind, id string) (time.Time, bool, error) {
					k, _ := newKeys(sc)
					key := k.due()
					if kind == bot.DueDigest {
						key = k.digest()
					}
					v, err := rdb.ZScore(ctx, key, id).Result()
					if errors.Is(err, redis.Nil) {
						return time.Time{}, false, nil
					}
					return time.UnixMilli(int64(v)), err == nil, err
				},
			})
		})
	}
}
