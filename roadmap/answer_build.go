package roadmap

// builder is what building an index keeps from one piece of the
// roadmap's text to the next; answering never uses it.
type builder struct {
	ix *Index
	// Scratch slices, reused for every text: what they hold is valid
	// until the next text is analysed.
	words []string
	toks  []token
	seq   []string
	ws    []float64
}

// stem is stem through the index's stem cache: the roadmap's prose
// repeats its words, and stemming was most of the build's time.
func (b *builder) stem(w string) string {
	st, ok := b.ix.stemCache[w]
	if !ok {
		st = stem(w)
		b.ix.stemCache[w] = st
	}
	return st
}

// analyze is analyze with the stems remembered. The tokens are valid
// until the next call.
func (b *builder) analyze(s string) []token {
	b.words, _ = appendWords(b.words[:0], nil, s, false)
	toks := b.toks[:0]
	for _, w := range b.words {
		toks = append(toks, token{raw: w, stem: b.stem(w)})
	}
	b.toks = toks
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
