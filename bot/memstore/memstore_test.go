package memstore_test

import (
	"fmt"
	"testing"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/bot/memstore"
	"github.com/mentorbot/mentorbot/bot/storetest"
)

func TestContract(t *testing.T) {
	s := memstore.New()
	n := 0
	storetest.Run(t, storetest.Harness{
		Store: s,
		Scope: func(*testing.T) bot.Scope {
			n++
			return bot.Scope{Platform: "test", Workspace: fmt.Sprint("w", n)}
		},
		SetState: func(_ *testing.T, sc bot.Scope, id string, st bot.NudgeState) { s.SetState(sc, id, st) },
		Due:      s.Due,
	})
}
