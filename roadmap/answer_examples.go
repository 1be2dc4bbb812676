package roadmap

import (
	_ "embed"
	"fmt"
	"math"
	"slices"

	"go.yaml.in/yaml/v3"
)

// Questions as people asked them, each labelled with the section that
// answers it, are a second kind of evidence beside the roadmap's own
// text: people say "broke prod", "my PR" or "on call" where the roadmap
// says incidents, code review and operations. The answerer finds the
// labelled questions nearest to a new one (cosine similarity of their
// TF-IDF vectors) and lets them vote for their sections, at a weight
// that settles near ties and lifts a section the roadmap's words miss,
// without outvoting a section the question names.

// Example is one labelled phrasing: a question and the section (a
// skill, else a stage or track) that answers it.
type Example struct {
	Q     string `yaml:"q"`
	Stage string `yaml:"stage,omitempty"`
	Track string `yaml:"track,omitempty"`
	Skill string `yaml:"skill,omitempty"`
	// From names the labelled set the example came from, so that a set
	// can be measured on an index built without its own examples.
	From string `yaml:"from"`
	// Off marks a question that is not a career question at all ("lead
	// poisoning symptoms"); it names no section.
	Off bool `yaml:"off,omitempty"`
}

// defaultExamples are the labelled questions of the evaluation sets one
// may tune on (testdata/eval.yaml, eval_dev.yaml, eval_dev2.yaml),
// written out by TestExamplesFile; the held-out sets are never in it.
//
//go:embed examples.yaml
var defaultExamples []byte

// parseExamples reads an examples file.
func parseExamples(data []byte) ([]Example, error) {
	var f struct {
		Examples []Example `yaml:"examples"`
	}
	if err := yaml.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("examples: %w", err)
	}
	return f.Examples, nil
}

// kNN settings: how many nearest examples vote, the least similarity
// that counts, and what a vote of one identical example adds to a
// section's score (a distinctive word in a skill's name scores about 5).
const (
	knnK      = 7
	knnMinSim = 0.25
	knnWeight = 4.0
)

// offDoc is the section of an off-topic example: none.
const offDoc = -1

// exPosting is one example's weight for a term, in its unit-length vector.
type exPosting struct {
	ex int32
	w  float32
}

// examples is the index of labelled phrasings.
type examples struct {
	doc      []int32 // the section each example is labelled with
	postings map[string][]exPosting
	idf      map[string]float64
	maxIDF   float64
}

// addExamples indexes the examples whose sections the roadmap has; others
// (a custom roadmap's, a removed skill's) are left out.
func (b *builder) addExamples(exs []Example) {
	ix := b.ix
	byKey := make(map[string]int, len(ix.docs))
	for d, s := range ix.docs {
		byKey[s.Stage+"/"+s.Track+"/"+s.Skill] = d
	}
	e := &examples{}
	// Example i's terms are counts[vecs[i]:vecs[i+1]], in the order first met.
	b.counts = b.counts[:0]
	vecs := []int{0}
	for _, x := range exs {
		d, ok := byKey[x.Stage+"/"+x.Track+"/"+x.Skill]
		if ref, found := ix.rm.Skill(x.Skill); x.Skill != "" && found {
			d, ok = byKey[ref.Stage+"/"+ref.Track+"/"+x.Skill]
		}
		if x.Off {
			d, ok = offDoc, true
		}
		if !ok {
			continue
		}
		if !b.exampleTerms(x.Q) {
			continue
		}
		e.doc = append(e.doc, int32(d))
		vecs = append(vecs, len(b.counts))
	}
	if len(e.doc) == 0 {
		return
	}
	df := make([]int32, len(b.terms))
	nTerms := 0
	for _, c := range b.counts {
		if df[c.id] == 0 {
			nTerms++
		}
		df[c.id]++
	}
	n := float64(len(e.doc))
	idf := make([]float64, len(b.terms))
	e.idf = make(map[string]float64, nTerms)
	e.postings = make(map[string][]exPosting, nTerms)
	// Each term's postings are a window of one slice, in example order.
	next := make([]int, len(b.terms))
	off := 0
	for id, f := range df {
		if f > 0 {
			idf[id] = math.Log(1 + n/float64(f))
			e.idf[b.terms[id]] = idf[id]
			next[id] = off
			off += int(f)
		}
	}
	e.maxIDF = math.Log(1 + n)
	all := make([]exPosting, off)
	for i := range e.doc {
		tf := b.counts[vecs[i]:vecs[i+1]]
		norm := 0.0
		for j := range tf {
			tf[j].n *= idf[tf[j].id]
			norm += tf[j].n * tf[j].n
		}
		norm = math.Sqrt(norm)
		for _, c := range tf {
			all[next[c.id]] = exPosting{ex: int32(i), w: float32(c.n / norm)}
			next[c.id]++
		}
	}
	off = 0
	for id, f := range df {
		if f > 0 {
			e.postings[b.terms[id]] = all[off : off+int(f) : off+int(f)]
			off += int(f)
		}
	}
	ix.ex = e
}

// exampleTerms appends to b.counts the terms of an example question the
// way a question's are weighed: stems, bigrams and synonyms' canonical
// terms, filler words at their lower weight. It reports whether there
// were any.
func (b *builder) exampleTerms(q string) bool {
	seq, ids, ws := b.seq[:0], b.seqIDs[:0], b.ws[:0]
	for j, t := range b.analyze(q) {
		w, st := t.raw, t.stem
		if st == "" {
			continue
		}
		x := 1.0
		if filler[w] {
			x = wFiller
		}
		seq, ids, ws = append(seq, st), append(ids, b.tokIDs[j]), append(ws, x)
	}
	b.newGroup()
	start := len(b.counts)
	for i, s := range seq {
		b.keepMax(ids[i], ws[i])
		if i > 0 {
			b.keepMax(b.bigramID(seq[i-1], s), min(ws[i-1], ws[i])*bigramShare)
		}
		b.matchSyn(seq, ids, i, func(ph phrase) {
			for _, c := range ph.target {
				b.keepMax(b.id(c), ws[i]*synonymShare)
			}
		})
	}
	b.seq, b.seqIDs, b.ws = seq, ids, ws
	return len(b.counts) > start
}

// vote returns, per section, the similarity-weighted votes of the
// examples nearest to the question's terms, and the best similarity;
// off-topic examples vote for offDoc.
func (ix *Index) vote(ts []term) (map[int32]float64, float64) {
	e := ix.ex
	if e == nil || len(ts) == 0 {
		return nil, 0
	}
	dot := map[int32]float64{}
	norm := 0.0
	for _, t := range ts {
		idf, ok := e.idf[t.stem]
		if !ok {
			idf = e.maxIDF // a word no example uses makes the question less like all of them
		}
		x := t.w * idf
		norm += x * x
		for _, p := range e.postings[t.stem] {
			dot[p.ex] += x * float64(p.w)
		}
	}
	if len(dot) == 0 {
		return nil, 0
	}
	norm = math.Sqrt(norm)
	type hit struct {
		ex  int32
		sim float64
	}
	hits := make([]hit, 0, len(dot))
	for ex, d := range dot {
		if sim := d / norm; sim >= knnMinSim {
			hits = append(hits, hit{ex, sim})
		}
	}
	slices.SortFunc(hits, func(a, b hit) int {
		if a.sim != b.sim {
			if a.sim > b.sim {
				return -1
			}
			return 1
		}
		return int(a.ex - b.ex)
	})
	votes := map[int32]float64{}
	best := 0.0
	for i, h := range hits {
		if i == knnK {
			break
		}
		best = max(best, h.sim)
		votes[e.doc[h.ex]] += h.sim * h.sim
	}
	return votes, best
}

// offVoted reports whether the examples nearest to the question are
// mostly off-topic ones: it is like the questions that were not about
// careers more than like those that were.
func (qa parsed) offVoted() bool {
	off, career := 0.0, 0.0
	for d, v := range qa.votes {
		if d == offDoc {
			off += v
		} else {
			career += v
		}
	}
	// A word of the roadmap's own or a career context outweighs them:
	// "horizontal vs vertical scaling" is a question however gardening
	// questions are phrased.
	// So do the roadmap's words alone: "how do I deliver projects on
	// time" shares "delivery" with "best food delivery app", not its
	// subject, which only a word from outside the roadmap brings.
	return off > 0 && off > offMargin*career && !qa.careerish() && !slices.ContainsFunc(qa.toks, func(t qword) bool { return t.class == clTech }) &&
		slices.ContainsFunc(qa.toks, func(t qword) bool { return t.class == clUnknown || t.class == clLife || t.class == clProse })
}

// offMargin is how much more the off-topic examples must weigh than the
// career ones for a question to be declined on their word.
const offMargin = 4.0
