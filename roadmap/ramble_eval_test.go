package roadmap

import (
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
)

// The rambling measure: the development sets' right-answered questions
// asked again after a sentence or two of context, the way people write in
// Slack ("so context: ... anyway my question is ..."). The context is
// drawn from sentences about the asker's team, stack, week and feelings,
// written for this measure and not for any question: some name roadmap
// topics (postgres, kubernetes, code review) that the question is not
// about, which is what makes rambling hard. The share still answered
// right is the figure.

// rambleContext are the sentences of context, in the asker's words.
var rambleContext = []string{
	"so some context: i've been at my company for about two years now",
	"we're a small team of five, mostly python and postgres on aws",
	"our stack is a django monolith with a react frontend and a bit of kubernetes",
	"my manager is nice but really busy and we only do 1:1s once a month",
	"last week we had a pretty bad outage and everyone was stressed",
	"i came from a bootcamp and before that i worked in retail",
	"we just got a new tech lead and things are changing a lot",
	"the codebase is old and nobody really knows how the billing part works",
	"honestly i've been feeling a bit lost lately",
	"we do code reviews on every PR but they take forever",
	"i mostly work on the api side, some database stuff too",
	"our company is growing fast and we hired ten people this quarter",
	"sorry if this is a dumb question, i'm new to this channel",
	"i read a lot of blog posts but it's hard to know what matters",
	"we use jira and have two week sprints",
}

// rambleLinks lead from the context to the question.
var rambleLinks = []string{"anyway, ", "so my question is: ", "long story short, ", "anyway my question: ", "so ", ""}

// rambled returns q after one or two sentences of context.
func rambled(q string, r *rand.Rand) string {
	n := 1 + r.IntN(2)
	idx := r.Perm(len(rambleContext))[:n]
	var b strings.Builder
	for _, i := range idx {
		b.WriteString(rambleContext[i])
		b.WriteString(". ")
	}
	b.WriteString(rambleLinks[r.IntN(len(rambleLinks))])
	b.WriteString(q)
	return b.String()
}

// rambleEval asks set's right-answered questions again after context.
func rambleEval(ix *Index, set evalSet, name string, seed uint64) (n, kept int, misses []string) {
	for i, c := range set.Questions {
		if !right(ix, c, c.Q) {
			continue
		}
		rng := rand.New(rand.NewPCG(seed, uint64(i)))
		for range 2 {
			q := rambled(c.Q, rng)
			n++
			if right(ix, c, q) {
				kept++
				continue
			}
			a := ix.Answer(q)
			misses = append(misses, fmt.Sprintf("%s: %q → %s (confident %v); want %s", name, q, label(a.Section), a.Confident, c))
		}
	}
	return n, kept, misses
}

// The rambling measure's floor on the development seed: the share of
// questions still answered right after context (first measured at 64.3%,
// 558/868; 75.7%, 657/868, once the context weighs less than the ask).
// Its questions are those the sets answer right, so a change to the
// answerer changes what it measures: merged with round 8's cue work
// (dev3 answering two more right, each asked anew with context), 74.8%,
// 653/872; round 9's cues, 75.1%, 656/874, the floor now. Raise it as
// answers get better; never lower it to let a change in.
const rambleFloorKept = 75.0

// TestRambleEval measures how well answers survive a preamble of context.
func TestRambleEval(t *testing.T) {
	rm, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	seed := uint64(typoDevSeed)
	if os.Getenv("TYPO_SEED") == "check" {
		seed = typoCheckSeed
	}
	n, kept := 0, 0
	var misses []string
	for _, s := range devSets(t, rm) {
		sn, sk, sm := rambleEval(s.ix, s.set, s.name, seed)
		t.Logf("%s: %d rambling questions: still right %.1f%% (%d)", s.name, sn, pct(sk, sn), sk)
		n, kept, misses = n+sn, kept+sk, append(misses, sm...)
	}
	if os.Getenv("TYPO_SHOW") == "1" {
		for _, m := range misses {
			t.Log(m)
		}
	}
	t.Logf("all (seed %#x): %d rambling questions: still right %.1f%% (%d)", seed, n, pct(kept, n), kept)
	if seed == typoDevSeed && pct(kept, n) < rambleFloorKept {
		t.Errorf("rambling measure: %.1f%% still right; want at least %.1f%%", pct(kept, n), rambleFloorKept)
	}
}
