package roadmap

import (
	"fmt"
	"os"
	"testing"

	"go.yaml.in/yaml/v3"
)

// The off-topic probe: everyday questions, most of them reusing a
// roadmap word in another sense ("lead paint", "senior discount", "track
// meet", "stage 2 cancer"), and career questions that borrow everyday
// words ("like a line cook firing off tickets"), written by someone who
// never saw the answerer (testdata/offtopic_probe.yaml). The entries are
// split in two halves: the even-indexed ones are the development half,
// whose misses are printed and may be worked on; the odd-indexed ones are
// the check half, of which only the aggregates are printed.

// probeSet is the probe's file.
type probeSet struct {
	Offtopic []struct {
		Q      string `yaml:"q"`
		Reuses bool   `yaml:"reuses"`
	} `yaml:"offtopic"`
	Careerlike []string `yaml:"careerlike"`
}

// probeResult holds one half's figures.
type probeResult struct {
	reuse, reuseDeclined int // off-topic questions that reuse roadmap words
	other, otherDeclined int // off-topic questions that don't
	career, answered     int // career questions answered confidently
	misses               []string
}

func (r probeResult) declined() float64 {
	return pct(r.reuseDeclined+r.otherDeclined, r.reuse+r.other)
}

func (r probeResult) String() string {
	return fmt.Sprintf("off-topic declined %.1f%% (%d/%d; reusing roadmap words %d/%d, not %d/%d); career-like answered %.1f%% (%d/%d)",
		r.declined(), r.reuseDeclined+r.otherDeclined, r.reuse+r.other, r.reuseDeclined, r.reuse, r.otherDeclined, r.other,
		pct(r.answered, r.career), r.answered, r.career)
}

// declinedAnswer reports whether a is declined as runEval counts it: the
// not-sure reply, offering alternatives unless the question is off-topic.
func declinedAnswer(a Answer) bool {
	return a.Kind == NoMatch && (len(a.Alternatives) > 0 || a.OffTopic)
}

// runProbe measures the half of set whose entries have index parity half
// (0: development, 1: check).
func runProbe(ix *Index, set probeSet, half int) probeResult {
	var r probeResult
	for i, o := range set.Offtopic {
		if i%2 != half {
			continue
		}
		a := ix.Answer(o.Q)
		ok := declinedAnswer(a)
		if o.Reuses {
			r.reuse++
			if ok {
				r.reuseDeclined++
			}
		} else {
			r.other++
			if ok {
				r.otherDeclined++
			}
		}
		if !ok {
			r.misses = append(r.misses, fmt.Sprintf("off-topic answered: %q → %s (kind %d, score %.2f)", o.Q, label(a.Section), a.Kind, a.Score))
		}
	}
	for i, q := range set.Careerlike {
		if i%2 != half {
			continue
		}
		r.career++
		a := ix.Answer(q)
		if a.Confident && !declinedAnswer(a) {
			r.answered++
		} else {
			r.misses = append(r.misses, fmt.Sprintf("career-like declined: %q → %s (kind %d, score %.2f)", q, label(a.Section), a.Kind, a.Score))
		}
	}
	return r
}

// The probe's floors, per half, in percent: off-topic declined and
// career-like answered. First measured (at 1b7f63b) at 82/100 and 28/30
// on the development half, 92/100 and 24/30 on the check half; the floors
// are the figures after round 9's work on declining (96/100, 30/30; the
// check half 95/100, 25/30). Raise them as changes raise the figures,
// never lower them to let a change in.
const (
	probeDevFloorDeclined, probeDevFloorAnswered     = 96.0, 100.0
	probeCheckFloorDeclined, probeCheckFloorAnswered = 95.0, 83.3
)

// TestOfftopicProbe measures how the answerer declines everyday questions
// that reuse its words, and answers career questions that borrow
// everyday ones, on both halves of the probe.
func TestOfftopicProbe(t *testing.T) {
	rm, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	ix := NewIndex(rm)
	data, err := os.ReadFile("testdata/offtopic_probe.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var set probeSet
	if err := yaml.Unmarshal(data, &set); err != nil {
		t.Fatal(err)
	}
	dev := runProbe(ix, set, 0)
	for _, m := range dev.misses {
		t.Log("probe dev " + m)
	}
	t.Logf("probe dev: %v", dev)
	check := runProbe(ix, set, 1)
	t.Logf("probe check: %v", check) // aggregates only
	for _, h := range []struct {
		name               string
		r                  probeResult
		declined, answered float64
	}{
		{"dev", dev, probeDevFloorDeclined, probeDevFloorAnswered},
		{"check", check, probeCheckFloorDeclined, probeCheckFloorAnswered},
	} {
		if d, a := h.r.declined(), pct(h.r.answered, h.r.career); d < h.declined || a < h.answered {
			t.Errorf("probe %s half: off-topic declined %.1f%%, career-like answered %.1f%%; want at least %.1f%%, %.1f%%",
				h.name, d, a, h.declined, h.answered)
		}
	}
}
