package roadmap

import "strings"

// Mending the words people type in a hurry: a word split by a stray space
// ("jun ior", "terrafo rm") is joined again, and two words run together
// ("techlead", "readyto") are split, each only when the result is made of
// words the answerer knows and the words typed are not.

// isWord reports whether w, lowercased, is a word the answerer knows: a
// stop word, a word of the roadmap's text or of common questions, a word
// of the lists the analysis reads, or an inflection of an indexed word.
func (ix *Index) isWord(w string) bool {
	if isStop(w) || ix.vocab.known[w] || ix.prose.known[w] || listed(w) || lifeWords[w] {
		return true
	}
	_, ok := ix.idf[ix.stemOf(w)]
	return ok && len(w) > 2
}

// letterRun reports whether s is made of ASCII letters only: the words
// mending looks at (numbers and names with digits, "k8s", are left as
// typed).
func letterRun(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i] | 0x20; c < 'a' || c > 'z' {
			return false
		}
	}
	return s != ""
}

// mend returns q with split words joined and run-together words split.
// It returns q itself when nothing needs mending, which is most questions.
func (ix *Index) mend(q string) string {
	if strings.Contains(q, "->") || strings.Contains(q, "→") || strings.Contains(q, "=>") {
		// "jr→mid", "junior -> mid": an arrow is a move's "to".
		q = arrows.Replace(q)
	}
	type word struct{ from, to int }
	var ws []word
	start := -1
	for i := 0; i <= len(q); i++ {
		letter := i < len(q) && (q[i]|0x20 >= 'a' && q[i]|0x20 <= 'z')
		switch {
		case letter && start < 0:
			start = i
		case !letter && start >= 0:
			// A word that runs on into digits or other letters ("k8s",
			// "café") is not one to mend.
			if i == len(q) || !isWordRune(rune(q[i])) && q[i] < 0x80 {
				ws = append(ws, word{start, i})
			}
			start = -1
		}
	}
	var b strings.Builder
	at := 0 // q[:at] is written to b, or needs no change when b is empty
	changed := false
	for i := 0; i < len(ws); i++ {
		w := strings.ToLower(q[ws[i].from:ws[i].to])
		// The word before must end right where a gap starts, and the word
		// a space after it: "jun ior", not "jun, ior" or "ci/cd".
		if i+1 < len(ws) && ws[i+1].from == ws[i].to+1 && q[ws[i].to] == ' ' && (i == 0 || ws[i-1].to < ws[i].from-1 || q[ws[i].from-1] == ' ') {
			next := strings.ToLower(q[ws[i+1].from:ws[i+1].to])
			// Most pairs are two words: test that before making the join.
			if len(w)+len(next) >= 5 && (!ix.isWord(w) || !ix.isWord(next)) {
				if j := w + next; ix.isWord(j) && !isStop(j) {
					b.WriteString(q[at:ws[i].from])
					b.WriteString(j)
					at, changed = ws[i+1].to, true
					i++
					continue
				}
			}
		}
		if long, ok := chatWords[w]; ok && standalone(q, ws[i].from, ws[i].to) {
			b.WriteString(q[at:ws[i].from])
			b.WriteString(long)
			at, changed = ws[i].to, true
			continue
		}
		if l, r := ix.splitRun(w); l != "" {
			b.WriteString(q[at:ws[i].from])
			b.WriteString(l + " " + r)
			at, changed = ws[i].to, true
		}
	}
	if !changed {
		return q
	}
	b.WriteString(q[at:])
	return b.String()
}

// splitRun returns the two words w is made of when w is not a word
// itself, or "", "". A word that is not known may be real English all the
// same ("checkbook", "season" is no "sea son"), so a split must look like
// a space left out: a stop word run into a word of four letters or more
// ("readyto", "kubernetesmore"), or two words the roadmap or the questions
// people asked put side by side ("techlead", "memoryleak"). Of several
// such splits, the most even wins.
func (ix *Index) splitRun(w string) (string, string) {
	if len(w) < 5 || !letterRun(w) || ix.isWord(w) {
		return "", ""
	}
	best, bestScore := 0, 0
	for i := 2; i+2 <= len(w); i++ {
		l, r := w[:i], w[i:]
		if fragments[l] || fragments[r] || !ix.isWord(l) || !ix.isWord(r) {
			continue
		}
		ok := isStop(l) && !particles[l] && len(r) >= 4 && !isStop(r) || isStop(r) && !particles[r] && len(l) >= 4 && !isStop(l) ||
			len(l) >= 3 && len(r) >= 3 && !isStop(l) && !isStop(r) && ix.attested(l, r)
		if score := min(len(l), len(r)); ok && score > bestScore {
			best, bestScore = i, score
		}
	}
	// "theorm" is "theorem" mistyped, not "the orm". (Tested last: most
	// words have no split, and the test scans the vocabularies.)
	if best == 0 || ix.bestCorrection(w, ix.vocab) != "" || ix.bestCorrection(w, ix.prose) != "" {
		return "", ""
	}
	return w[:best], w[best:]
}

// attested reports whether the words l and r stand side by side in a name
// of the roadmap's, a synonym or an example question.
func (ix *Index) attested(l, r string) bool {
	sl, sr := ix.stemOf(l), ix.stemOf(r)
	key := sl + " " + sr
	if _, ok := ix.postings[key]; ok {
		return true
	}
	if ix.ex != nil {
		if _, ok := ix.ex.idf[key]; ok {
			return true
		}
	}
	found := false
	ix.syn.match([]string{sl, sr}, 0, func(ph phrase) { found = found || len(ph.stems) == 2 })
	return found
}

// fragments are the pieces of contractions split at the apostrophe, stop
// words of no use as a part of a run-together word ("carve" is not "car"
// and "'ve").
var fragments = set("ve", "ll", "re", "nt", "doesn", "isn", "aren", "wasn", "didn", "couldn", "wouldn", "shouldn",
	"won", "don", "hasn", "haven", "weren", "ain")

// particles make English compounds with the word they run into
// ("downstream", "signup", "online", "input"): a word they begin or end
// is more likely real than two words run together.
var particles = set("up", "down", "out", "over", "off", "under", "in", "on", "through", "by")

// correctShort returns the one word of v's four or five letters that w,
// of four letters, is a slip of: a letter left out ("trck"), a
// neighbouring key ("lwad"); "" when there is none or more than one. Four
// letters make many real words one slip from another ("seed" and
// "speed", "life" and "live"), so only a word no English word looks like
// is corrected: one without a vowel, or opening with two consonants no
// English word opens with. Three letters are too few to tell ("bot" is no
// "boot").
func (v *vocab) correctShort(w string) string {
	if len(w) != 4 || v.known[w] || !letterRun(w) || !unEnglish(w) {
		return ""
	}
	found := ""
	for n := len(w); n <= len(w)+1; n++ {
		for _, c := range v.byLen[n] {
			if c[0] != w[0] || !withinOneEdit(w, c) || !slipOf(w, c) {
				continue
			}
			if found != "" && found != c {
				return ""
			}
			found = c
		}
	}
	return found
}

// arrows reads an arrow between two words as "to".
var arrows = strings.NewReplacer("->", " to ", "→", " to ", "=>", " to ")

// chatWords are the short forms people type in chat for words the
// roadmap spells out. Those it already knows ("dbs", "k8s", "prs", "sr")
// are synonyms in the roadmap, and those that say nothing ("pls", "u",
// "im", "whats") stop words.
var chatWords = map[string]string{
	"abt": "about", "yr": "year", "yrs": "years", "mgr": "manager", "mgrs": "managers", "mgmt": "management",
	"env": "environment", "envs": "environments", "cfg": "config", "msg": "message", "msgs": "messages",
	"svc": "service", "svcs": "services", "algo": "algorithm", "algos": "algorithms", "dsa": "data structures and algorithms",
	"thru": "through", "convo": "conversation", "convos": "conversations", "rn": "right now", "py": "python",
	"lb": "load balancer", "pw": "password", "pwd": "password", "qs": "questions", "eng": "engineering",
	"tmrw": "tomorrow", "ofc": "of course", "bcuz": "because", "becuz": "because", "nvm": "never mind", "wdym": "what do you mean",
	"lvl": "level", "lvls": "levels", "yoe": "years of experience", "exp": "experience", "teh": "the",
}

// standalone reports whether the word q[from:to] stands alone, not as
// part of a name like "node.js" or "ci/cd".
func standalone(q string, from, to int) bool {
	joins := func(c byte) bool { return c == '.' || c == '/' || c == '-' || c == '\'' || c == '_' || c == '@' }
	if from > 0 && joins(q[from-1]) {
		return false
	}
	return to == len(q) || !joins(q[to]) || to+1 == len(q) || q[to+1] == ' '
}

// unEnglish reports whether w, lowercase, cannot be an English word: it
// has no vowel, or opens with two consonants no English word opens with
// ("lw", "tc").
func unEnglish(w string) bool {
	vowel := func(c byte) bool { return strings.IndexByte("aeiouy", c) >= 0 }
	if strings.IndexFunc(w, func(r rune) bool { return r < 0x80 && vowel(byte(r)) }) < 0 {
		return true
	}
	return len(w) > 1 && !vowel(w[0]) && !vowel(w[1]) && !onsets[w[:2]]
}

// onsets are the pairs of consonants an English word may open with.
var onsets = set("bl", "br", "ch", "cl", "cr", "dr", "dw", "fl", "fr", "gh", "gl", "gn", "gr", "kl", "kn", "kr", "ph",
	"pl", "pr", "ps", "rh", "sc", "sh", "sk", "sl", "sm", "sn", "sp", "st", "sw", "th", "tr", "ts", "tw", "vl", "wh",
	"wr", "sq", "sv", "zh", "pn")
