package roadmap

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// The answerer is measured on ten sets. The first four are also the
// labelled examples it learns people's words from (examples.yaml), so
// each is measured on an index built without its own examples; the
// last six are never among the examples.
//
//   - testdata/eval.yaml, the tuned set: the questions it was developed
//     on, extended freely while working on it;
//   - testdata/eval_dev.yaml, a development set written and labelled
//     blind, which may be tuned on too;
//   - testdata/eval_dev2.yaml, a second development set written from the
//     seed alone and labelled blind against the roadmap, open to tuning;
//   - testdata/eval_own.yaml, a fourth set one may tune on, written from
//     the seed for the areas the answerer was thin on;
//   - testdata/eval_dev3.yaml, a third set written from the seed alone and
//     labelled blind, committed before anything was changed for it: the
//     check one works against, looking at its misses only sparingly;
//   - testdata/eval_dev4.yaml, a fourth set written from the seed alone
//     and labelled blind, added after the others: a check of whether
//     changes generalise, of which only the aggregate figures are printed;
//   - testdata/eval_dev5.yaml, a fifth set written from the seed alone
//     and labelled blind against the roadmap (by two people, neither of
//     whom saw the answerer), added in round 8 and measured before
//     anything was changed for it (79.9% top-1 at bbaa2c9), then opened
//     to tuning like dev3: its misses are printed;
//   - testdata/eval_dev6.yaml, a sixth set written from the seed alone
//     (askers more varied: non-native phrasing, terse lines, people
//     asking for others) and labelled blind, added in round 8 and
//     measured before anything was changed for it, then opened to tuning
//     in round 9: its misses are printed;
//   - testdata/eval_dev7.yaml, a seventh set written from the seed alone
//     (askers as in an engineering Slack: managers, students, people in
//     a hurry) and labelled blind, added in round 9: a check like dev4,
//     only its aggregates printed;
//   - testdata/eval_fresh.yaml, a held-out set written by someone who saw
//     only the seed text, labelled by someone who never saw the ranker.
//     Nobody tunes on it: the test prints only its aggregate figures, and
//     its misses only when EVAL_SHOW_FRESH=1 (which a person tuning the
//     ranker must not set); EVAL_SKIP_FRESH=1 leaves it out altogether
//     while working, so that even its aggregates are seen only when
//     measuring on purpose.

// evalCase is one labelled question. A question expects a skill (or the
// skill named by also, where the roadmap covers the topic twice), else the
// stage or track itself.
type evalCase struct {
	Q     string `yaml:"q"`
	Stage string `yaml:"stage"`
	Track string `yaml:"track"`
	Skill string `yaml:"skill"`
	Also  string `yaml:"also"`
	// Kind is the writer's note on what sort of question it is
	// (skill, level, perspective, transition...); it is not scored.
	Kind string `yaml:"kind"`
}

// want reports whether s is the section the case expects.
func (c evalCase) want(s Section) bool {
	if c.Skill != "" {
		return s.Skill == c.Skill || (c.Also != "" && s.Skill == c.Also)
	}
	return s.Skill == "" && s.Stage == c.Stage && s.Track == c.Track
}

func (c evalCase) String() string {
	return strings.Join(slices.DeleteFunc([]string{c.Stage, c.Track, c.Skill}, func(s string) bool { return s == "" }), "/")
}

// evalSet is one evaluation file.
type evalSet struct {
	Questions []evalCase `yaml:"questions"`
	// Unanswerable and Offtopic questions must get the not-sure reply;
	// Reuses marks an off-topic question that uses roadmap words
	// ("who is the lead singer of queen").
	Unanswerable []string `yaml:"unanswerable"`
	Offtopic     []struct {
		Q      string `yaml:"q"`
		Reuses bool   `yaml:"reuses"`
	} `yaml:"offtopic"`
	// Uncovered are career questions the roadmap does not cover (salary,
	// visas): they must not be answered as if a section covered them.
	Uncovered []string `yaml:"uncovered"`
	// Unlabelled questions had no single right section; they are not scored.
	Unlabelled []struct {
		Q   string `yaml:"q"`
		Why string `yaml:"why"`
	} `yaml:"unlabelled"`
}

func loadEvalSet(t testing.TB, path string) (evalSet, bool) {
	t.Helper()
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return evalSet{}, false
	}
	if err != nil {
		t.Fatal(err)
	}
	var set evalSet
	if err := yaml.Unmarshal(data, &set); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return set, true
}

// evalResult holds a set's figures; misses describe each question that
// was not answered right, for the sets one may tune on.
type evalResult struct {
	n, top1, top3   int
	unknown         []string // labels naming sections the roadmap lacks
	off, declined   int
	uncov, handled  int
	plainly         int // uncovered questions given the reply that says what the roadmap doesn't cover
	misses, offMiss []string
}

func pct(a, n int) float64 {
	if n == 0 {
		return 100
	}
	return 100 * float64(a) / float64(n)
}

func (r evalResult) String() string {
	s := fmt.Sprintf("%d questions: top-1 %.1f%% (%d), top-3 %.1f%% (%d)", r.n, pct(r.top1, r.n), r.top1, pct(r.top3, r.n), r.top3)
	if r.off > 0 {
		s += fmt.Sprintf("; off-topic declined %.1f%% (%d/%d)", pct(r.declined, r.off), r.declined, r.off)
	}
	if r.uncov > 0 {
		s += fmt.Sprintf("; uncovered handled %.1f%% (%d/%d, %d saying what the roadmap doesn't cover)", pct(r.handled, r.uncov), r.handled, r.uncov, r.plainly)
	}
	return s
}

// runEval answers every question of set; an answer counts only when it is
// given confidently.
func runEval(rm *Roadmap, ix *Index, set evalSet) evalResult {
	var r evalResult
	for _, c := range set.Questions {
		for _, id := range []string{c.Skill, c.Also} {
			if _, ok := rm.Skill(id); id != "" && !ok {
				r.unknown = append(r.unknown, id)
			}
		}
		if _, ok := rm.Level(c.Stage + c.Track); c.Skill == "" && !ok {
			r.unknown = append(r.unknown, c.Stage+c.Track)
		}
		r.n++
		a := ix.Answer(c.Q)
		ranked := append([]Section{a.Section}, a.Alternatives...)
		if !a.Confident {
			ranked = a.Alternatives // a "not sure" reply still offers them
		}
		// A NextAnswer counts as its stage: "where do I begin?" is
		// answered with the stage to start from, as ask --json reports.
		hit := slices.IndexFunc(ranked, c.want)
		switch {
		case hit == 0 && a.Confident:
			r.top1++
			r.top3++
		case hit >= 0 && hit < 3:
			r.top3++
			r.misses = append(r.misses, fmt.Sprintf("top-3 only: %q → %s (%.2f, confident %v); want %s", c.Q, label(a.Section), a.Score, a.Confident, c))
		default:
			r.misses = append(r.misses, fmt.Sprintf("miss: %q → %s (%.2f, confident %v); want %s", c.Q, label(a.Section), a.Score, a.Confident, c))
		}
	}
	off := slices.Clone(set.Unanswerable)
	for _, o := range set.Offtopic {
		off = append(off, o.Q)
	}
	for _, q := range off {
		r.off++
		a := ix.Answer(q)
		switch {
		case a.Kind == NoMatch && len(a.Alternatives) == 0 && !a.OffTopic:
			r.offMiss = append(r.offMiss, fmt.Sprintf("%q: the not-sure reply offers no alternatives", q))
		case a.Kind == NoMatch:
			r.declined++
		default:
			r.offMiss = append(r.offMiss, fmt.Sprintf("%q should get the not-sure reply, got %s (kind %d, score %.2f)", q, label(a.Section), a.Kind, a.Score))
		}
	}
	for _, q := range set.Uncovered {
		r.uncov++
		a := ix.Answer(q)
		if uncoveredReply(a) {
			r.plainly++
		}
		if !a.Confident || uncoveredReply(a) {
			r.handled++
		} else {
			r.misses = append(r.misses, fmt.Sprintf("uncovered: %q → %s (kind %d, score %.2f)", q, label(a.Section), a.Kind, a.Score))
		}
	}
	return r
}

// uncoveredReply reports whether a says plainly that the roadmap does not
// cover the question.
func uncoveredReply(a Answer) bool {
	return a.Kind == UncoveredAnswer && strings.HasPrefix(a.Text(), NotCovered)
}

// TestEval measures the answerer on the tuned, development and fresh sets
// and holds each to its gate.
func TestEval(t *testing.T) {
	rm, err := Default()
	if err != nil {
		t.Fatalf("default roadmap: %v", err)
	}
	ix := NewIndex(rm)
	// Each set the examples come from is measured on an index built
	// without its own examples (leave one set out): those figures say how
	// the examples help questions they don't contain.
	without := func(set string) *Index { return indexWithout(rm, set) }

	tuned, ok := loadEvalSet(t, "testdata/eval.yaml")
	if !ok || len(tuned.Questions) < 80 {
		t.Fatalf("eval.yaml has %d questions, want at least 80", len(tuned.Questions))
	}
	r := runEval(rm, without("tuned"), tuned)
	for _, m := range r.misses {
		t.Log(m)
	}
	for _, id := range r.unknown {
		t.Errorf("eval.yaml expects %q, which the default roadmap lacks", id)
	}
	for _, m := range r.offMiss {
		t.Log(m)
	}
	t.Logf("tuned: %v", r)
	if p1, p3, d := pct(r.top1, r.n), pct(r.top3, r.n), pct(r.declined, r.off); p1 < 95 || p3 < 97 || d < 90 {
		t.Errorf("tuned set: top-1 %.1f%% / top-3 %.1f%%, off-topic declined %.1f%%; want at least 95%% / 97%%, 90%%", p1, p3, d)
	}

	// The development sets may be tuned on, but they are blind-written:
	// modest gates, each at its own set's level.
	devEval(t, rm, without("dev"), "dev", "testdata/eval_dev.yaml", floors{top1: devFloorTop1, declined: 90})
	devEval(t, rm, without("dev2"), "dev2", "testdata/eval_dev2.yaml", floors{top1: dev2FloorTop1, declined: dev2FloorDeclined})
	devEval(t, rm, without("own"), "own", "testdata/eval_own.yaml", floors{top1: ownFloorTop1, declined: ownFloorDeclined})
	// dev3 is never among the examples, so the full index measures it.
	devEval(t, rm, ix, "dev3", "testdata/eval_dev3.yaml",
		floors{top1: dev3FloorTop1, top3: dev3FloorTop3, declined: dev3FloorDeclined, handled: dev3FloorHandled})
	// dev4 is a check of whether changes generalise, like the fresh set:
	// only its aggregate figures are printed.
	blindEval(t, rm, ix, "dev4", "testdata/eval_dev4.yaml",
		floors{top1: dev4FloorTop1, top3: dev4FloorTop3, declined: dev4FloorDeclined, handled: dev4FloorHandled})
	// dev7 was a blind check like dev4, opened to tuning in round 10 after
	// its blind measures (139/192 at bbaa2c9, 140/192 after round 9): its
	// misses are printed.
	devEval(t, rm, ix, "dev7", "testdata/eval_dev7.yaml",
		floors{top1: dev7FloorTop1, top3: dev7FloorTop3, declined: dev7FloorDeclined, handled: dev7FloorHandled})
	// dev6 was a blind check for one round (its first figures below),
	// then opened to tuning: its misses are printed.
	devEval(t, rm, ix, "dev6", "testdata/eval_dev6.yaml",
		floors{top1: dev6FloorTop1, top3: dev6FloorTop3, declined: dev6FloorDeclined, handled: dev6FloorHandled})
	// dev5 was a blind check for one round (its first figures below),
	// then opened to tuning: its misses are printed.
	devEval(t, rm, ix, "dev5", "testdata/eval_dev5.yaml",
		floors{top1: dev5FloorTop1, top3: dev5FloorTop3, declined: dev5FloorDeclined, handled: dev5FloorHandled})

	if os.Getenv("EVAL_SKIP_FRESH") == "1" {
		// For working on the ranker: not even the aggregate figures are seen
		// after each change, only when measuring on purpose.
		t.Log("fresh: skipped (EVAL_SKIP_FRESH=1)")
		return
	}
	fresh, ok := loadEvalSet(t, "testdata/eval_fresh.yaml")
	if !ok {
		t.Fatal("testdata/eval_fresh.yaml is missing")
	}
	r = runEval(rm, ix, fresh)
	if os.Getenv("EVAL_SHOW_FRESH") == "1" {
		for _, m := range append(r.misses, r.offMiss...) {
			t.Log("fresh " + m)
		}
	}
	if len(r.unknown) > 0 {
		t.Errorf("fresh set: %d labels name sections the default roadmap lacks", len(r.unknown))
	}
	t.Logf("fresh: %v", r)
	p1, d := pct(r.top1, r.n), pct(r.declined, r.off)
	// The goal (issue 14) is 90% / 90%, and it is not met: the test says so
	// on every run, and fails only below the figures last measured, so that
	// a change that makes answers worse for new askers cannot land.
	if p1 < freshGoalTop1 || d < freshGoalDeclined {
		t.Logf("fresh set: goal %.0f%% top-1 and %.0f%% off-topic declined: NOT MET (%.1f%%, %.1f%%)", freshGoalTop1, freshGoalDeclined, p1, d)
	}
	if p1 < freshFloorTop1 || d < freshFloorDeclined {
		t.Errorf("fresh set: top-1 %.1f%%, off-topic declined %.1f%%; fell below the last measured %.1f%% / %.1f%%", p1, d, freshFloorTop1, freshFloorDeclined)
	}
}

// floors are the figures, in percent, a set may not fall below; a zero
// floor is not checked.
type floors struct{ top1, top3, declined, handled float64 }

// devEval measures a development set, printing its misses, and fails
// below the given floors.
func devEval(t *testing.T, rm *Roadmap, ix *Index, name, path string, min floors) {
	t.Helper()
	measureSet(t, rm, ix, name, path, min, true)
}

// blindEval measures a blind check set like devEval, printing only its
// aggregate figures, never its misses, so that nobody tunes on them.
func blindEval(t *testing.T, rm *Roadmap, ix *Index, name, path string, min floors) {
	t.Helper()
	measureSet(t, rm, ix, name, path, min, false)
}

// measureSet is devEval and blindEval: show says whether misses, and
// which labels name sections the roadmap lacks, are printed.
func measureSet(t *testing.T, rm *Roadmap, ix *Index, name, path string, min floors, show bool) {
	t.Helper()
	set, ok := loadEvalSet(t, path)
	if !ok {
		t.Errorf("%s is missing", path)
		return
	}
	r := runEval(rm, ix, set)
	if show {
		for _, m := range append(r.misses, r.offMiss...) {
			t.Log(name + " " + m)
		}
		for _, id := range r.unknown {
			t.Errorf("%s expects %q, which the default roadmap lacks", path, id)
		}
	} else if len(r.unknown) > 0 {
		t.Errorf("%s: %d labels name sections the default roadmap lacks", path, len(r.unknown))
	}
	t.Logf("%s: %v", name, r)
	got := floors{pct(r.top1, r.n), pct(r.top3, r.n), pct(r.declined, r.off), pct(r.handled, r.uncov)}
	if got.top1 < min.top1 || got.top3 < min.top3 || got.declined < min.declined || got.handled < min.handled {
		t.Errorf("%s set: top-1 %.1f%%, top-3 %.1f%%, off-topic declined %.1f%%, uncovered handled %.1f%%; want at least %.1f%%, %.1f%%, %.1f%%, %.1f%%",
			name, got.top1, got.top3, got.declined, got.handled, min.top1, min.top3, min.declined, min.handled)
	}
}

// The first development set is held at the figures last measured on an
// index without its own examples (119/132), less a question's worth.
const devFloorTop1 = 89.3

// The second development set (written and labelled blind, like the
// fresh set, but open to tuning) is held at the figures last measured,
// less a question's worth of noise (round 9: 162/181, so 161/181).
const dev2FloorTop1, dev2FloorDeclined = 88.9, 95.5

// The fourth tuning set (eval_own.yaml, written from the seed for the
// areas the answerer was thin on) is held at the figures last measured on
// an index without its own examples (45/55, 8/8), top-1 less a
// question's worth (first measured at 32/55).
const ownFloorTop1, ownFloorDeclined = 79.9, 100.0

// The third development set is held at the figures last measured (top-1
// 156/177, top-3 168/177, off-topic declined 30/30, uncovered handled
// 10/10; first measured, before anything was changed for it, at 134, 156,
// 29 and 6), rounded down: raise them as changes raise its figures, never
// lower them to let a change in.
const dev3FloorTop1, dev3FloorTop3, dev3FloorDeclined, dev3FloorHandled = 88.1, 94.9, 100.0, 100.0

// The fourth development set (eval_dev4.yaml, written from the seed alone
// and labelled blind) is a check like the fresh set: only its aggregates
// are seen. Its floors are just below its first figures (top-1 127/168,
// top-3 156/168, off-topic declined 27/30, uncovered handled 11/19),
// measured when it was added, the same at main's 8b3b5ff; since raised
// with its figures (top-1 132/168, uncovered handled 13/19, off-topic
// declined 28/30; 29/30 in round 9, with the work on declining).
// Raise them as changes raise its figures, never lower them to let a
// change in.
const dev4FloorTop1, dev4FloorTop3, dev4FloorDeclined, dev4FloorHandled = 78.5, 92.8, 96.6, 68.4

// The fifth development set (eval_dev5.yaml), open to tuning since its
// first measure, is held at its figures. Its floors were its first figures, measured
// when it was added at main's bbaa2c9 (top-1 155/194, top-3 179/194,
// off-topic declined 28/30, uncovered handled 11/12), rounded down; since
// raised with its figures: top-1 170/194, top-3 181/194, off-topic
// declined 29/30, uncovered handled 12/12 on its tuning branch, which
// did not have the context weighing (answer_ask.go); merged with it,
// 169/194 and 180/194 (the one lost: a junior's "do I need all this
// now" asked after two sentences of context); raised in round 9 to
// 173/194 and 183/194; round 10's guide questions (answer_guide.go) to
// 174/194 and 184/194, rounded down, the floors it is held to.
const dev5FloorTop1, dev5FloorTop3, dev5FloorDeclined, dev5FloorHandled = 89.6, 94.8, 96.6, 100.0

// The sixth development set (eval_dev6.yaml), open to tuning since round
// 9, is held at its figures. Its floors were its first figures, measured
// when it was added (top-1 142/190, top-3 174/190, off-topic declined
// 26/30, uncovered handled 12/12 at 1663cd1; 138, 173, 26 and 12 at
// bbaa2c9, before round 8's typo and context work), rounded down; since
// raised with its figures: round 9's work on its misses to 152/190 top-1,
// 179/190 top-3, and on declining to 30/30 off-topic; round 10's guide
// questions to 153/190 top-1.
const dev6FloorTop1, dev6FloorTop3, dev6FloorDeclined, dev6FloorHandled = 80.5, 94.2, 100.0, 100.0

// The seventh development set (eval_dev7.yaml) is a check like dev4:
// only its aggregates are seen. Its floors are its first figures (top-1
// 139/192, top-3 165/192, off-topic declined 28/30, uncovered handled
// 11/12 at 1b7f63b; 139, 166, 28 and 11 at bbaa2c9, before round 8),
// rounded down; opened to tuning in round 10 and raised with its figures
// (top-1 143/192, top-3 167/192).
const dev7FloorTop1, dev7FloorTop3, dev7FloorDeclined, dev7FloorHandled = 74.4, 86.9, 93.3, 91.6

// The fresh set's goal, and the floor it may not fall below: the figures
// last measured (top-1 166/203 after rounds 8, 9 and 10, off-topic declined 26/30), less a
// question's worth of noise. Raise the floor when a change raises the
// figures; never lower it to let a change in. Once both goals are met,
// the floors become the goals.
const (
	freshGoalTop1, freshGoalDeclined   = 90.0, 90.0
	freshFloorTop1, freshFloorDeclined = 81.2, 83.3
)

// indexWithout is rm's index without the examples that came from set
// (leave one set out).
func indexWithout(rm *Roadmap, set string) *Index {
	return newIndex(rm, slices.DeleteFunc(slices.Clone(rm.examples), func(x Example) bool { return x.From == set }))
}

// measuredSet is an evaluation set and the index it is measured on.
type measuredSet struct {
	name string
	set  evalSet
	ix   *Index
}

// devSets are the sets the synthetic measures (typos, context) ask
// again, each on the index TestEval measures it on: dev and dev2 without
// their own examples, dev3 (never among them) on the full index.
func devSets(t *testing.T, rm *Roadmap) []measuredSet {
	t.Helper()
	var out []measuredSet
	for _, s := range []struct{ name, path string }{
		{"dev", "testdata/eval_dev.yaml"}, {"dev2", "testdata/eval_dev2.yaml"}, {"dev3", "testdata/eval_dev3.yaml"},
	} {
		set, ok := loadEvalSet(t, s.path)
		if !ok {
			t.Fatalf("%s is missing", s.path)
		}
		ix := indexWithout(rm, s.name)
		if s.name == "dev3" {
			ix = NewIndex(rm)
		}
		out = append(out, measuredSet{s.name, set, ix})
	}
	return out
}
