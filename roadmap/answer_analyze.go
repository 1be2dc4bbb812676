package roadmap

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
)

// token is one word of analysed text: its surface form and its stem, or
// an empty stem for a stop word, which still counts for phrase positions
// and question intents but never for ranking.
type token struct {
	raw  string
	stem string
}

// term is a weighted index or query term.
type term struct {
	stem string
	w    float64
}

// extraStop are words the snowball stop list misses: contractions split at
// the apostrophe, and chat filler that says nothing about a topic.
var extraStop = map[string]bool{
	"doesn": true, "isn": true, "aren": true, "wasn": true, "didn": true, "couldn": true,
	"wouldn": true, "shouldn": true, "won": true, "ll": true, "ve": true, "re": true, "m": true,
	"d": true, "im": true, "ive": true, "hi": true, "hey": true, "hello": true, "please": true,
	"thanks": true, "thank": true, "pls": true, "plz": true, "u": true, "ur": true, "could": true,
	"would": true, "might": true, "must": true, "may": true, "also": true, "really": true,
	"actually": true, "anyone": true, "someone": true, "etc": true, "e": true, "g": true,
	"eg": true, "ie": true, "cannot": true, "can": true, "shall": true, "us": true, "let": true,
	"lets": true, "yes": true, "ok": true, "okay": true, "bit": true, "lot": true, "lots": true,
	"much": true, "many": true, "every": true, "get": true, "got": true,
	"getting": true, "go": true, "going": true, "want": true, "wanna": true, "gonna": true,
	"need": true, "needs": true, "like": true, "whats": true, "hows": true, "wheres": true,
	"whos": true, "thats": true, "dont": true, "doesnt": true, "cant": true, "isnt": true,
	"wont": true, "didnt": true, "youre": true,
	// chat spellings of function words: "wat r the basics", "shud i"
	"wat": true, "r": true, "shud": true, "wud": true, "cud": true, "coz": true, "cuz": true, "bc": true,
	"w": true, "ppl": true, "smth": true, "sth": true, "dunno": true, "gotta": true, "tryna": true,
}

// filler words are common in questions but rarely name the topic; they
// still rank, at a fraction of a topic word's weight, so a question made
// only of them ("how do I learn better?") is answered too.
var filler = map[string]bool{
	"learn": true, "learning": true, "better": true, "improve": true, "improving": true,
	"good": true, "great": true, "best": true, "know": true, "understand": true,
	"start": true, "started": true, "starting": true, "way": true, "ways": true, "tip": true,
	"tips": true, "make": true, "use": true, "using": true, "work": true, "working": true,
	"thing": true, "things": true, "stuff": true, "skill": true, "skills": true, "explain": true,
	"tell": true, "mean": true, "means": true, "meaning": true, "new": true, "team": true,
	"job": true, "role": true, "developer": true, "engineer": true, "dev": true, "devs": true,
	"backend": true, "back": true, "end": true, "become": true, "becoming": true, "practice": true,
	"practise": true, "study": true, "focus": true, "next": true, "step": true, "steps": true,
	"help": true, "advice": true, "guide": true, "properly": true, "basics": true, "basic": true,
	"level": true, "career": true, "day": true, "ready": true, "right": true, "well": true,
	"time": true, "first": true, "idea": true, "hard": true, "easy": true, "quick": true,
	"roadmap":   true,                     // in a question to the bot, usually this roadmap itself
	"checklist": true, "checklists": true, // "mid->senior checklist" asks for a list
	"zero": true, // "zero tests" is a count; "zero downtime" keeps its second word
	"top":  true, // "top 3 things a mid should master"
}

// tokenize lowercases s and splits it into words of letters and digits.
// "CI/CD" gives "ci", "cd"; "doesn't" gives "doesn", "t".
func tokenize(s string) []string {
	words, _ := appendWords(nil, nil, s, false, strings.ToLower)
	return words
}

// splitWords is tokenize that also notes, before each word, whether a
// clause break (. , ; : ! ? or a bracket) came first.
func splitWords(s string) (words []string, brk []bool) {
	return appendWords(nil, nil, s, true, strings.ToLower)
}

// appendWords appends the words of s, lowercased by lower, to words and,
// when marks is set, whether a clause break came before each to brk.
// Building the index passes the same slices for every text, so that its
// words need no new slice each time, and a lower that makes no new
// string for a word it has seen.
func appendWords(words []string, brk []bool, s string, marks bool, lower func(string) string) ([]string, []bool) {
	start, pending := -1, false
	push := func(w string, b bool) {
		if w == "call" && len(words) > 0 && words[len(words)-1] == "on" && !b {
			// "on call" and "on-call" are the duty, one word: "on"
			// alone is a stop word and "call" a meeting.
			words[len(words)-1] = "oncall"
			return
		}
		words = append(words, w)
		if marks {
			brk = append(brk, b)
		}
	}
	for i, r := range s {
		word := isWordRune(r)
		switch {
		case word && start < 0:
			start = i
		case !word && start >= 0:
			push(lower(s[start:i]), pending)
			start, pending = -1, false
		}
		switch {
		case r == '→', r == '>' && i > 0 && (s[i-1] == '-' || s[i-1] == '='):
			// "junior -> mid" reads "junior to mid".
			push("to", false)
		case r == '>' && (i+1 >= len(s) || s[i+1] == ' '):
			// "designing schemas > writing business logic" prefers the first.
			push("over", false)
		case !word && clauseBreak(r):
			pending = true
		}
	}
	if start >= 0 {
		push(lower(s[start:]), pending)
	}
	return words, brk
}

// isWordRune reports whether r is a letter or a digit; ASCII, most of
// what is read, needs no table.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// clauseBreak reports whether r ends a clause: . , ; : ! ? or a bracket.
func clauseBreak(r rune) bool {
	switch r {
	case '.', ',', ';', ':', '!', '?', '(', ')':
		return true
	}
	return false
}

// keptStop are words of the snowball stop list that carry meaning in a
// question about work: "own" ("own more of the codebase").
var keptStop = map[string]bool{"own": true}

func isStop(w string) bool {
	return (english.IsStopWord(w) && !keptStop[w]) || extraStop[w]
}

// stemExceptions keep apart words the snowball stemmer makes one: a
// "production" outage is not a "product" and a "container" doesn't
// "contain".
var stemExceptions = map[string]string{
	"production": "prod", "productions": "prod", "container": "container", "containers": "container",
	"containerization": "container", "containerized": "container", "containerise": "container",
	"containerize": "container",
}

// stem reduces a word to its snowball stem; stop words give "".
func stem(w string) string {
	if isStop(w) {
		return ""
	}
	if s, ok := stemExceptions[w]; ok {
		return s
	}
	return english.Stem(w, true)
}

func analyze(s string) []token {
	words := tokenize(s)
	toks := make([]token, len(words))
	for i, w := range words {
		toks[i] = token{raw: w, stem: stem(w)}
	}
	return toks
}

// stems returns the non-stop stems of s, in order.
func stems(s string) []string {
	var out []string
	for _, t := range analyze(s) {
		if t.stem != "" {
			out = append(out, t.stem)
		}
	}
	return out
}

// phrase is a run of stems that stands for something: a synonym variant
// for its canonical term, or a name for a stage or track.
type phrase struct {
	stems  []string
	target []string // canonical stems a synonym adds
	level  int      // index into Index.levels for a level name; -1 otherwise
	weak   bool     // a level name that may as well be a topic
}

// phrases finds phrases in analysed text.
type phrases struct {
	byFirst map[string][]phrase // keyed by the first stem, longest first
}

func (p *phrases) add(ph phrase) {
	if len(ph.stems) == 0 {
		return
	}
	first := ph.stems[0]
	// Longest first, and in the order added among phrases of one length:
	// ph goes after every phrase at least as long.
	list := p.byFirst[first]
	i := len(list)
	for i > 0 && len(list[i-1].stems) < len(ph.stems) {
		i--
	}
	p.byFirst[first] = slices.Insert(list, i, ph)
}

// match returns the phrases that start at content position i of seq.
func (p *phrases) match(seq []string, i int, f func(ph phrase)) {
	for _, ph := range p.byFirst[seq[i]] {
		if i+len(ph.stems) <= len(seq) && slices.Equal(seq[i:i+len(ph.stems)], ph.stems) {
			f(ph)
		}
	}
}

// withinOneEdit reports whether a and b differ by at most one insertion,
// deletion, substitution or swap of neighbouring letters. It runs in
// linear time, which keeps typo lookups cheap across the vocabulary.
func withinOneEdit(a, b string) bool {
	la, lb := len(a), len(b)
	if la > lb {
		a, b, la, lb = b, a, lb, la
	}
	if lb-la > 1 {
		return false
	}
	i := 0
	for i < la && a[i] == b[i] {
		i++
	}
	if i == la {
		return true // equal, or b has one extra letter at the end
	}
	if la == lb {
		if a[i+1:] == b[i+1:] {
			return true // substitution
		}
		// swap of neighbours
		return i+1 < la && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
	}
	return a[i:] == b[i+1:] // insertion into a
}

// vocab is the set of words the roadmap uses, bucketed by length, for
// correcting typos in questions.
type vocab struct {
	byLen map[int][]string
	known map[string]bool
}

// newVocab returns an empty vocabulary with room for about n words.
func newVocab(n int) *vocab {
	return &vocab{byLen: map[int][]string{}, known: make(map[string]bool, n)}
}

func (v *vocab) add(w string) {
	if v.known[w] || !utf8.ValidString(w) {
		return
	}
	v.known[w] = true
	v.byLen[len(w)] = append(v.byLen[len(w)], w)
}

// minTypoLen is the shortest word we correct: below it a single edit
// turns too many real words into other real words ("test"/"rest"/"best").
const minTypoLen = 5

// correct returns the known words one edit away from w, when w is long
// enough and unknown; a unique correction is preferred, but up to three
// are returned so "kubernets" still finds "kubernetes".
func (v *vocab) correct(w string) []string {
	if len(w) < minTypoLen || v.known[w] {
		return nil
	}
	var out []string
	for n := len(w) - 1; n <= len(w)+1; n++ {
		for _, c := range v.byLen[n] {
			// Typos rarely hit the first letter; requiring it keeps
			// corrections from turning one real word into another.
			if (c[0] == w[0] || c[0] == w[1] && c[1] == w[0]) && withinOneEdit(w, c) && slipOf(w, c) {
				out = append(out, c)
				if len(out) == 3 {
					return out
				}
			}
		}
	}
	return out
}

// slipOf reports whether w, one edit from c, is the kind of slip people
// make typing c: a letter left out, two swapped, a key next to the right
// one, or a letter doubled or from a neighbouring key. One real word for
// another is usually none of these: "frame" is not "flame" mistyped, nor
// "harsh" "hash", nor "pitch" "patch".
func slipOf(w, c string) bool {
	i := 0
	for i < len(w) && i < len(c) && w[i] == c[i] {
		i++
	}
	switch {
	case len(w) < len(c), len(w) == len(c) && i+1 < len(w) && w[i] == c[i+1] && w[i+1] == c[i] && w[i+2:] == c[i+2:]:
		return true // left out, or swapped
	case len(w) == len(c):
		// One vowel for another in a long word is how people spell a
		// word they have heard ("idempotancy", "dependancy"); long words
		// are too far apart for that to make one real word another.
		return i < len(w) && (keysNear(w[i], c[i]) || len(w) >= 8 && isVowel(w[i]) && isVowel(c[i]))
	}
	// w has an extra letter at i: doubled or echoed ("clould"), or a
	// neighbour's key
	x := w[i]
	return i > 0 && (w[i-1] == x || keysNear(w[i-1], x)) || i > 1 && w[i-2] == x ||
		i+1 < len(w) && (w[i+1] == x || keysNear(w[i+1], x))
}

// isVowel reports whether c is a lowercase vowel.
func isVowel(c byte) bool { return strings.IndexByte("aeiou", c) >= 0 }

// keyRows is the QWERTY layout, each row set off from the one above by
// a quarter, then half, a key.
var keyRows = [3]struct {
	keys string
	off  float64
}{{"qwertyuiop", 0}, {"asdfghjkl", 0.25}, {"zxcvbnm", 0.75}}

// keysNear reports whether a and b are the same or neighbouring keys.
func keysNear(a, b byte) bool {
	ra, xa, oka := keyAt(a)
	rb, xb, okb := keyAt(b)
	if !oka || !okb {
		return false
	}
	dx := xa - xb
	if dx < 0 {
		dx = -dx
	}
	switch ra - rb {
	case 0:
		return dx <= 1
	case 1, -1:
		return dx <= 0.75
	}
	return false
}

func keyAt(k byte) (row int, x float64, ok bool) {
	for r, row := range keyRows {
		if i := strings.IndexByte(row.keys, k); i >= 0 {
			return r, float64(i) + row.off, true
		}
	}
	return 0, 0, false
}

// swapped returns the known word that w is with two neighbouring letters
// swapped ("gti" for "git"), for words too short for correct, or "".
func (v *vocab) swapped(w string) string {
	if len(w) < 3 || len(w) >= minTypoLen || v.known[w] {
		return ""
	}
	b := []byte(w)
	for i := 0; i+1 < len(b); i++ {
		b[i], b[i+1] = b[i+1], b[i]
		if c := string(b); v.known[c] {
			return c
		}
		b[i], b[i+1] = b[i+1], b[i]
	}
	return ""
}

// near reports whether w is one edit away from a known word of four
// letters or more with the same first letter: likely a typo of it.
func (v *vocab) near(w string) bool {
	if len(w) < 4 {
		return false
	}
	for n := len(w) - 1; n <= len(w)+1; n++ {
		for _, c := range v.byLen[n] {
			if len(c) >= 4 && (c[0] == w[0] || c[0] == w[1] && c[1] == w[0]) && withinOneEdit(w, c) {
				return true
			}
		}
	}
	return false
}
