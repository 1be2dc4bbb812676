package console_test

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/bot/console"
	"github.com/mentorbot/mentorbot/internal/redistest"
	"github.com/mentorbot/mentorbot/roadmap"
)

// Two leads assign one unassigned member at the same moment, through the
// whole command path against the real Redis, 50 times: exactly one is
// told they got the member, the other that the member already has a lead,
// and the member is in exactly one list.
func TestAssignRace(t *testing.T) {
	rdb := redistest.Client(t)
	rm, err := roadmap.Default()
	if err != nil {
		t.Fatal(err)
	}
	ws := redistest.Scope(t, rdb, console.Platform, "race").Workspace
	r := newRigOn(t, rdb, rm, ws, "root")
	sc := bot.Scope{Platform: console.Platform, Workspace: ws}
	for _, l := range []string{"lead1", "lead2"} {
		r.must("@root /mentor leads add @"+l, "is now a lead")
	}
	for i := range 50 {
		m := "m" + strconv.Itoa(i)
		r.must("@"+m+" /mentor join", "Welcome")
		var wg sync.WaitGroup
		start := make(chan struct{})
		got := make([]string, 2)
		for j, lead := range []string{"lead1", "lead2"} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				got[j] = r.b.Handle(context.Background(), bot.Request{Scope: sc, User: lead, Name: lead, Text: "assign @" + m}).Text
			}()
		}
		close(start)
		wg.Wait()
		won, lost := 0, 0
		for _, g := range got {
			switch {
			case strings.Contains(g, "is now in your mentees"):
				won++
			case strings.Contains(g, "That member already has a lead."):
				lost++
			default:
				t.Fatalf("trial %d: %q", i, g)
			}
		}
		if won != 1 || lost != 1 {
			t.Fatalf("trial %d: %d won, %d lost: %q", i, won, lost, got)
		}
		a, b := r.say("@lead1 /mentor mentees csv"), r.say("@lead2 /mentor mentees csv")
		if strings.Contains(a, "\n"+m+",") == strings.Contains(b, "\n"+m+",") {
			t.Fatalf("trial %d: %s is in %v lists", i, m, strings.Contains(a, "\n"+m+","))
		}
	}
}
