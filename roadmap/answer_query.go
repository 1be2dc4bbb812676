package roadmap

import (
	"slices"
	"strings"
)

// Query term weights.
const (
	wFiller    = 0.3 // "learn", "better", "tips": rarely the topic
	wCorrected = 0.8 // a word we corrected from a typo may not be what was meant
)

// Words that make a question about a stage or track as such.
var (
	compareWords = map[string]bool{"vs": true, "versus": true, "difference": true, "differences": true,
		"different": true, "differ": true, "compared": true, "compare": true, "than": true, "between": true}
	readyWords = map[string]bool{"become": true, "becoming": true, "ready": true, "readiness": true,
		"promotion": true, "promoted": true, "promote": true, "move": true, "moving": true, "reach": true,
		"switch": true, "transition": true, "path": true, "get": true, "jump": true, "qualify": true}
	roleWords = map[string]bool{"role": true, "roles": true, "responsibilities": true, "responsibility": true,
		"expected": true, "expect": true, "expectations": true, "job": true, "stage": true, "track": true, "specialization": true, "specialisation": true, "specialize": true,
		"specialise": true, "specialty": true, "title": true, "mean": true, "means": true, "skills": true,
		"career": true, "overview": true}
	nextWords = map[string]bool{"next": true, "now": true}
	// Questions like "what should I learn?" with no topic ask for a plan.
	planWords = map[string]bool{"learn": true, "study": true, "focus": true, "start": true, "practice": true,
		"practise": true, "improve": true, "work": true}
)

// parsed is a question after analysis.
type parsed struct {
	terms       []term
	topicTerms  []term          // terms from words that name a topic, not a level or an intent
	levels      []int           // levels named, in order of first mention
	named       map[string]bool // stems of words that name a level by its id or title
	topic       bool
	levelIntent bool
	compare     bool
	ready       bool
	next        bool
}

func (qa parsed) topicScore(ix *Index, d int) float64 {
	s := 0.0
	for _, t := range qa.topicTerms {
		for _, p := range ix.postings[t.stem] {
			if int(p.doc) == d {
				s += t.w * float64(p.w)
			}
		}
	}
	return s
}

// strong reports whether section d is more than a coincidence: it matches
// the question in its name, or in two or more of the question's words of
// which one at least belongs to the roadmap's vocabulary of names and
// synonyms. Off-topic questions share prose words with the roadmap
// ("night", "last"), rarely its names.
func (qa parsed) strong(ix *Index, d int) bool {
	matched, topical := 0, false
	for _, t := range qa.terms {
		if t.w < 0.5 || strings.Contains(t.stem, " ") {
			continue
		}
		for _, p := range ix.postings[t.stem] {
			if int(p.doc) != d {
				continue
			}
			if p.name {
				return true
			}
			matched++
			topical = topical || ix.topical[t.stem]
		}
	}
	return matched >= 2 && topical
}

func (ix *Index) parse(q string) parsed {
	var qa parsed
	toks := analyze(q)
	weights := make([]float64, len(toks))
	fill := make([]bool, len(toks))
	raws := map[string]bool{}
	for i := range toks {
		t := &toks[i]
		raws[t.raw] = true
		if t.stem == "" {
			continue
		}
		weights[i] = 1
		if filler[t.raw] {
			weights[i], fill[i] = wFiller, true
		}
		if _, known := ix.idf[t.stem]; known || ix.vocab.known[t.raw] {
			continue
		}
		if fix := ix.bestCorrection(t.raw); fix != "" {
			t.raw, t.stem = fix, stem(fix)
			weights[i] *= wCorrected
			raws[fix] = true
		}
	}
	var seq []string
	var w []float64
	var rawSeq []string
	var isFill []bool
	for i, t := range toks {
		if t.stem != "" {
			seq, w, rawSeq, isFill = append(seq, t.stem), append(w, weights[i]), append(rawSeq, t.raw), append(isFill, fill[i])
		}
	}
	// Names of stages and tracks, longest first, each word in one name.
	named := make([]bool, len(seq))
	for i := 0; i < len(seq); i++ {
		if named[i] {
			continue
		}
		ix.names.match(seq, i, func(ph phrase) {
			if named[i] {
				return
			}
			if !ph.weak {
				for j := range ph.stems {
					named[i+j] = true
				}
			}
			if !slices.Contains(qa.levels, ph.level) {
				qa.levels = append(qa.levels, ph.level)
			}
		})
	}
	for r := range raws {
		switch {
		case compareWords[r]:
			qa.compare, qa.levelIntent = true, true
		case readyWords[r]:
			qa.ready, qa.levelIntent = true, true
		case roleWords[r]:
			qa.levelIntent = true
		}
		if nextWords[r] {
			qa.next = true
		}
	}
	if !qa.next && (raws["what"] || raws["where"] || raws["which"]) {
		for r := range raws {
			if planWords[r] {
				qa.next = true
			}
		}
	}
	best := map[string]float64{}
	topic := map[string]float64{}
	add := func(m map[string]float64, s string, x float64) {
		if x > m[s] {
			m[s] = x
		}
	}
	for i, s := range seq {
		if named[i] {
			if qa.named == nil {
				qa.named = map[string]bool{}
			}
			qa.named[s] = true
		}
		isTopic := !named[i] && !isFill[i] && !compareWords[rawSeq[i]] && !readyWords[rawSeq[i]] && !roleWords[rawSeq[i]]
		if isTopic {
			qa.topic = true
		}
		emit := func(s string, x float64) {
			add(best, s, x)
			if isTopic {
				add(topic, s, x)
			}
		}
		emit(s, w[i])
		if i > 0 {
			emit(seq[i-1]+" "+s, min(w[i-1], w[i])*bigramShare)
		}
		ix.syn.match(seq, i, func(ph phrase) {
			for _, c := range ph.target {
				emit(c, w[i]*synonymShare)
			}
		})
	}
	qa.terms = terms(best)
	qa.topicTerms = terms(topic)
	return qa
}

func terms(m map[string]float64) []term {
	out := make([]term, 0, len(m))
	for s, x := range m {
		out = append(out, term{s, x})
	}
	// Map order is random; a fixed order keeps float sums, and so ties,
	// the same from run to run.
	slices.SortFunc(out, func(a, b term) int {
		if a.stem < b.stem {
			return -1
		}
		if a.stem > b.stem {
			return 1
		}
		return 0
	})
	return out
}

// bestCorrection returns the roadmap word one edit away from w that the
// most sections use, or "".
func (ix *Index) bestCorrection(w string) string {
	best, bestN := "", -1
	for _, c := range ix.vocab.correct(w) {
		if n := len(ix.postings[stem(c)]); n > bestN {
			best, bestN = c, n
		}
	}
	return best
}
