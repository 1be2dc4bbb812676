package roadmap

import (
	"math"
	"slices"
	"strings"
	"unicode/utf8"
)

// builder is what building an index keeps from one piece of the
// roadmap's text to the next; answering never uses it.
type builder struct {
	ix *Index
	// Scratch slices, reused for every text: what they hold is valid
	// until the next text is analysed.
	words  []string
	toks   []token
	seq    []string
	ws     []float64
	tokIDs []int32 // the term numbers of toks' stems
	tokWds []int32 // the word numbers of toks
	seqIDs []int32
	buf    []byte // a bigram being looked up
	// parts and fieldBuf hold a skill's fields.
	parts    []string
	fieldBuf []field
	// info and known hold what is known of each word and the word, by
	// the number the index's stem cache gives it.
	info   []wordInfo
	known  []string
	lowBuf []byte

	// Every term (stem, bigram, synonym's canonical term) gets a number,
	// so that counting a field's or a section's terms needs no map of
	// its own.
	ids   map[string]int32
	terms []string
	// seen[id] is the group (field or section) the term was last counted
	// in, at[id] where its count is; group numbers the current one.
	seen  []int32
	at    []int32
	group int32
	// synAt[id] says whether a synonym starts with term id: 0 not yet
	// known, 1 no, 2 yes. The synonyms are all added before any section
	// or example is counted.
	synAt []int8

	fields []fieldCount // of every section, in order
	counts []termCount  // the fields' term counts, one field after another
	syn    []int32      // scratch: the canonical terms of a field's synonyms
}

// wordsPerSection is about how many words of its own a section of the
// default roadmap brings (it has 2,944 in 99 sections); examples bring
// about one new word for every two.
const wordsPerSection = 30

// expectedWords is about how many distinct words r and exs have: the
// index's maps are made that size, so that building them does not grow
// them again and again.
func expectedWords(r *Roadmap, exs []Example) int {
	sections := len(r.Stages) + len(r.Tracks)
	for i := range r.Stages {
		sections += len(r.Stages[i].Skills)
	}
	for i := range r.Tracks {
		sections += len(r.Tracks[i].Skills)
	}
	return wordsPerSection*sections + len(exs)/2
}

// newBuilder returns a builder for ix, sized for about words words.
func newBuilder(ix *Index, words int) *builder {
	return &builder{ix: ix, ids: make(map[string]int32, 2*words), info: make([]wordInfo, 0, words), known: make([]string, 0, words)}
}

// termCount is a term's weighted count in one field.
type termCount struct {
	id int32
	n  float64
}

// fieldCount is one section's field as counted: its counts are
// counts[lo:hi].
type fieldCount struct {
	kind   int
	w, b   float64
	len    int
	lo, hi int
}

// id returns the number of term t.
func (b *builder) id(t string) int32 {
	if id, ok := b.ids[t]; ok {
		return id
	}
	id := int32(len(b.terms))
	b.ids[t] = id
	b.terms = append(b.terms, t)
	b.seen = append(b.seen, 0)
	b.at = append(b.at, 0)
	b.synAt = append(b.synAt, 0)
	return id
}

// matchSyn is b.ix.syn.match for the stems seq, whose term numbers are
// ids, that remembers which terms no synonym starts with.
func (b *builder) matchSyn(seq []string, ids []int32, i int, f func(ph phrase)) {
	id := ids[i]
	if b.synAt[id] == 0 {
		b.synAt[id] = 1
		if len(b.ix.syn.byFirst[seq[i]]) > 0 {
			b.synAt[id] = 2
		}
	}
	if b.synAt[id] == 2 {
		b.ix.syn.match(seq, i, f)
	}
}

// bigramID returns the number of the bigram "x y"; the bigram's string is
// made only the first time it is met.
func (b *builder) bigramID(x, y string) int32 {
	b.buf = append(append(append(b.buf[:0], x...), ' '), y...)
	if id, ok := b.ids[string(b.buf)]; ok {
		return id
	}
	return b.id(string(b.buf))
}

// newGroup starts counting terms for another field or section.
func (b *builder) newGroup() { b.group++ }

// count adds n to term id's count in the current field.
func (b *builder) count(id int32, n float64) {
	if b.seen[id] != b.group {
		b.seen[id], b.at[id] = b.group, int32(len(b.counts))
		b.counts = append(b.counts, termCount{id: id})
	}
	b.counts[b.at[id]].n += n
}

// wordInfo is what the builder knows of a word besides its stem: the
// stem's term number, -1 for a stop word, and whether the word has been
// added to the vocabularies of names and of prose.
type wordInfo struct {
	id           int32
	vocab, prose bool
}

// word returns the number of w, stemming it the first time it is met:
// the roadmap's prose repeats its words, and stemming was most of the
// build's time. Every stem goes into the index's stem cache.
func (b *builder) word(w string) int32 {
	ix := b.ix
	if n, ok := ix.stemCache[w]; ok {
		return n
	}
	st := stem(w)
	wi := wordInfo{id: -1}
	if st != "" {
		wi.id = b.id(st)
	}
	n := int32(len(ix.wordStems))
	ix.stemCache[w] = n
	ix.wordStems = append(ix.wordStems, st)
	b.info = append(b.info, wi)
	b.known = append(b.known, w)
	return n
}

// lower is strings.ToLower that makes no new string for an ASCII word
// already met: capitalised words recur in the roadmap's names and titles.
func (b *builder) lower(w string) string {
	upper := false
	for i := range len(w) {
		c := w[i]
		if c >= utf8.RuneSelf {
			return strings.ToLower(w)
		}
		upper = upper || 'A' <= c && c <= 'Z'
	}
	if !upper {
		return w
	}
	buf := b.lowBuf[:0]
	for i := range len(w) {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf = append(buf, c)
	}
	b.lowBuf = buf
	if n, ok := b.ix.stemCache[string(buf)]; ok {
		return b.known[n]
	}
	return string(buf)
}

// stem is stem through the index's stem cache.
func (b *builder) stem(w string) string { return b.ix.wordStems[b.word(w)] }

// analyze is analyze with the stems remembered. The tokens, their word
// numbers in b.tokWds and the term numbers of their stems in b.tokIDs
// are valid until the next call.
func (b *builder) analyze(s string) []token {
	b.words, _ = appendWords(b.words[:0], nil, s, false, b.lower)
	toks, ids, wds := b.toks[:0], b.tokIDs[:0], b.tokWds[:0]
	for _, w := range b.words {
		n := b.word(w)
		toks, ids, wds = append(toks, token{raw: w, stem: b.ix.wordStems[n]}), append(ids, b.info[n].id), append(wds, n)
	}
	b.toks, b.tokIDs, b.tokWds = toks, ids, wds
	return toks
}

// stems returns the non-stop stems of s, in a slice of its own.
func (b *builder) stems(s string) []string { return b.stemsOf(b.analyze(s)) }

// stemsOf returns the stems of toks that are not stop words, in a slice
// of their own.
func (b *builder) stemsOf(toks []token) []string {
	n := 0
	for _, t := range toks {
		if t.stem != "" {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	out := make([]string, 0, n)
	for _, t := range toks {
		if t.stem != "" {
			out = append(out, t.stem)
		}
	}
	return out
}

// keepMax raises term id's weight in the current example to x.
func (b *builder) keepMax(id int32, x float64) {
	if b.seen[id] != b.group {
		b.seen[id], b.at[id] = b.group, int32(len(b.counts))
		b.counts = append(b.counts, termCount{id: id})
	}
	c := &b.counts[b.at[id]]
	c.n = max(c.n, x)
}

// fieldTerms counts the terms of one field: stems, the canonical terms of
// synonyms found in it, and, for name fields, bigrams, with the field's
// length in words.
func (b *builder) fieldTerms(f field) {
	b.newGroup()
	fc := fieldCount{kind: f.kind, w: f.w, b: f.b, lo: len(b.counts)}
	// A canonical term counts once per field however many of its synonyms
	// the field uses: a task list full of "queries" is not more about SQL
	// than a skill called "SQL basics".
	syn := b.syn[:0]
	for _, part := range f.parts {
		seq, seqIDs := b.seq[:0], b.seqIDs[:0]
		for j, t := range b.analyze(part) {
			// Each word is added once: adding it again changes nothing.
			wi := &b.info[b.tokWds[j]]
			if f.kind == fkName && !wi.vocab {
				// Typos are corrected only towards names: people misspell
				// the thing they ask about, and body words would turn
				// ordinary words of an off-topic question into roadmap words.
				b.ix.vocab.add(t.raw)
				wi.vocab = true
			}
			if !wi.prose {
				b.ix.prose.add(t.raw)
				wi.prose = true
			}
			if t.stem != "" {
				seq, seqIDs = append(seq, t.stem), append(seqIDs, b.tokIDs[j])
			}
		}
		fc.len += len(seq)
		share := 1.0
		if f.each && len(seq) > 1 {
			share = 1 / math.Sqrt(float64(len(seq)))
		}
		for i, s := range seq {
			b.count(seqIDs[i], share)
			if f.names && i > 0 {
				b.count(b.bigramID(seq[i-1], s), bigramShare)
			}
			b.matchSyn(seq, seqIDs, i, func(ph phrase) {
				for _, c := range ph.target {
					if id := b.id(c); !slices.Contains(syn, id) {
						syn = append(syn, id)
					}
				}
			})
		}
		b.seq, b.seqIDs = seq, seqIDs
	}
	for _, id := range syn {
		b.count(id, synonymShare)
	}
	b.syn = syn
	fc.hi = len(b.counts)
	b.fields = append(b.fields, fc)
}
