package storage

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/mentorbot/mentorbot/bot"
)

// sentCommands records the commands a client sends, pipelined or not.
type sentCommands struct {
	mu   sync.Mutex
	cmds [][]any
}

func (c *sentCommands) DialHook(next redis.DialHook) redis.DialHook { return next }

func (c *sentCommands) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		c.add(cmd)
		return next(ctx, cmd)
	}
}

func (c *sentCommands) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		for _, cmd := range cmds {
			c.add(cmd)
		}
		return next(ctx, cmds)
	}
}

func (c *sentCommands) add(cmd redis.Cmder) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.cmds = append(c.cmds, cmd.Args())
}

// take returns the HDELs sent since the last take, each as its key and
// fields joined by spaces.
func (c *sentCommands) takeHDels() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []string
	for _, args := range c.cmds {
		if name, _ := args[0].(string); strings.EqualFold(name, "hdel") {
			var s []string
			for _, a := range args[1:] {
				s = append(s, a.(string))
			}
			out = append(out, strings.Join(s, " "))
		}
	}
	c.cmds = nil
	return out
}

// A member that a load returned is written back without an HDEL of the
// fields its profile never held, nor of a skill's field under its id when
// its skills are all under codes; a field the load saw is still deleted
// when emptied, and a member the caller made is written whole as before.
func TestWriteDeletesOnlyStoredFields(t *testing.T) {
	forEachBackend(t, func(t *testing.T, rdb redis.UniversalClient, sc bot.Scope) {
		ctx := context.Background()
		k, err := newKeys(sc)
		if err != nil {
			t.Fatal(err)
		}
		s := New(rdb)
		at := ms(1764230000000)
		mustApply(t, s, sc, bot.Write{
			Members: []*bot.Member{{ID: "a", Name: "Ada", Stage: "junior", Joined: at,
				Nudges: bot.NudgeSettings{PausedUntil: at.Add(time.Hour)}}},
			Skills: []bot.SkillWrite{{Member: "a", Skill: "git", State: bot.SkillState{Status: bot.Learning, At: at}}},
		})
		sent := &sentCommands{}
		rdb.AddHook(sent)

		m := mustLoad(t, s, sc, "a")[0]
		sent.takeHDels()
		m.LastProgress, m.LastActive = at.Add(time.Minute), at.Add(time.Minute)
		m.Skills["sql"] = bot.SkillState{Status: bot.Done, At: at.Add(time.Minute)}
		mustApply(t, s, sc, bot.Write{Members: []*bot.Member{m},
			Skills: []bot.SkillWrite{{Member: "a", Skill: "git", State: bot.SkillState{Status: bot.Done, At: at.Add(time.Minute)}}}})
		if got := sent.takeHDels(); len(got) != 0 {
			t.Errorf("writing a loaded member sent %q, want no HDEL", got)
		}

		// Emptied after the load saw it: deleted, and only it.
		m.Nudges.PausedUntil = time.Time{}
		mustApply(t, s, sc, bot.Write{Members: []*bot.Member{m}})
		if got, want := sent.takeHDels(), []string{k.member("a") + " " + fPause}; !slices.Equal(got, want) {
			t.Errorf("emptying a loaded field sent HDELs %q, want %q", got, want)
		}
		if got := mustLoad(t, s, sc, "a")[0]; !got.Nudges.PausedUntil.IsZero() || !got.LastProgress.Equal(at.Add(time.Minute)) {
			t.Errorf("after the writes: paused until %v, last progress %v", got.Nudges.PausedUntil, got.LastProgress)
		}

		// A member made by the caller: every empty field goes.
		mustApply(t, s, sc, bot.Write{Members: []*bot.Member{{ID: "a", Name: "Ada"}}})
		if got := mustLoad(t, s, sc, "a")[0]; got.Stage != "" || !got.Joined.IsZero() || !got.LastProgress.IsZero() {
			t.Errorf("a member written whole kept stage %q, joined %v, last progress %v", got.Stage, got.Joined, got.LastProgress)
		}

		// A skills hash that still holds a field under a skill's id (as
		// versions before codes wrote) has it deleted when that skill is
		// written under its code.
		if err := rdb.HSet(ctx, k.skills("a"), "docker", encodeSkill(bot.SkillState{Status: bot.Learning, At: at})).Err(); err != nil {
			t.Fatal(err)
		}
		m = mustLoad(t, s, sc, "a")[0]
		sent.takeHDels()
		mustApply(t, s, sc, bot.Write{Members: []*bot.Member{m},
			Skills: []bot.SkillWrite{{Member: "a", Skill: "git", State: bot.SkillState{Status: bot.Learning, At: at}}}})
		if got := sent.takeHDels(); !slices.Contains(got, k.skills("a")+" git") {
			t.Errorf("with a field under a skill id, writing git sent HDELs %q, want one of %s git", got, k.skills("a"))
		}
	})
}
