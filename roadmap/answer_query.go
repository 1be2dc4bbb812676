package roadmap

import (
	"slices"
	"strings"
	"unicode"
)

// Query term weights.
const (
	wFiller    = 0.3 // "learn", "better", "tips": rarely the topic
	wCorrected = 0.8 // a word we corrected from a typo may not be what was meant
	// wIntent: a word that says what kind of question it is ("promoted",
	// "roles", "path") ranks like filler, so "how do I get promoted" is
	// not read as promoting builds through environments.
	wIntent = 0.3
)

// class says what a word of a question is to the roadmap, for telling a
// career question from one that only shares some of its words.
type class uint8

const (
	clStop     class = iota // a stop word: it counts for cues, never for ranking
	clFiller                // a common question word ("learn", "tips")
	clIntent                // says what kind of question it is ("vs", "ready", "track", "love")
	clLevel                 // part of a stage's or track's name
	clTech                  // the roadmap's vocabulary, with no common everyday meaning
	clEveryday              // the roadmap's vocabulary that is also an everyday word
	clProse                 // a word only the roadmap's prose uses, a number, or a likely typo
	clUnknown               // not a word of the roadmap
	clLife                  // a word of everyday life far from work ("pizza", "guitar")
)

// qword is one word of a question.
type qword struct {
	raw, stem string
	w         float64
	class     class
	// brk is set when a clause break (. , ; ! ?) comes before the word.
	brk bool
	// neg is set for words in a clause the asker dislikes or sets aside
	// ("more than writing endpoints"), when the question is a preference.
	neg bool
	// fixed is set for a word corrected from a typo.
	fixed bool
}

// mention is a stage or track named in a question.
type mention struct {
	level int
	at    int // token position
	// self: the asker's own level ("I'm a senior", "junior here").
	// origin: where a move starts ("from junior", "past mid").
	// dest: where it goes ("to mid", "become a lead", "ready for senior").
	// neg: set aside ("never be a lead").
	// explicit: named as a level ("the api track", "a senior engineer").
	self, origin, dest, neg, explicit bool
	// person: the name stands for people, not the level the question is
	// about ("my junior", "a junior's PR", "mentor the juniors").
	person bool
	// weak: named by a synonym that is usually a topic ("infra", "rest").
	weak bool
	// thing: the name is also a thing skills are named after ("api").
	thing bool
}

// parsed is a question after analysis.
type parsed struct {
	toks       []qword
	terms      []term // what ranks the sections
	topicTerms []term // terms from words that name a topic, not a level or an intent
	negTerms   []term // terms of dispreferred clauses, for preferences
	mentions   []mention
	levels     []int           // levels named, in order of first mention
	named      map[string]bool // stems of words that name a level by its id or title
	topic      bool
	// levelIntent: the question asks about a level as such.
	levelIntent, compare, ready, next bool
	// readiness: the question asks whether or when one is ready.
	readiness bool
	// specialize: the question asks about choosing a specialization.
	specialize bool
	// feeling: the asker says how they feel about their progress.
	feeling bool
	// broad: the asker would rather not specialize.
	broad bool
	// prefer: the question asks which track fits what the asker likes.
	prefer bool
	// persp is the asker's side of an activity: -1 receiving (an author,
	// a mentee, a candidate), +1 giving (a reviewer, a mentor, an
	// interviewer), 0 neither.
	persp int
	// uncovered names a topic no roadmap section covers (salaries, visas).
	uncovered string
	// career: a word puts the question in a working, software context.
	career bool
	// entry: the question asks about entering the profession ("become
	// a backend dev", "switch to backend").
	entry bool
	// whichTrack: the question asks which track something belongs to
	// ("which track handles that").
	whichTrack bool
	// promo: the question is about a promotion.
	promo bool
	// need: the question asks whether something is needed or expected
	// ("do juniors need to know system design").
	need bool
}

// parse analyses a question: its words and their classes, the levels it
// names and how, what kind of question it is, and the terms that rank.
func (ix *Index) parse(q string) parsed {
	qa := parsed{toks: ix.words(q)}
	ix.findLevels(&qa)
	qa.readIntents()
	qa.readPreference()
	qa.readMentions()
	qa.persp = perspective(qa.toks)
	qa.uncovered = uncoveredTopic(qa.toks)
	ix.weigh(&qa)
	return qa
}

// words analyses q into words with their weights and classes, correcting
// typos towards the roadmap's vocabulary.
func (ix *Index) words(q string) []qword {
	raw, brk := splitWords(q)
	for i := 0; i+1 < len(raw); i++ {
		// "back up a database", "rolled back", "log in": the verb is
		// the roadmap's noun.
		if n, ok := phrasal[raw[i]+" "+raw[i+1]]; ok {
			raw[i] = n
		}
	}
	out := make([]qword, len(raw))
	for i, r := range raw {
		w := qword{raw: r, stem: stem(r), brk: brk[i]}
		switch {
		case w.stem == "":
		case i > 0 && careerCompounds[raw[i-1]+" "+r],
			i > 0 && (raw[i-1] == "my" || raw[i-1] == "our") && contextPeople[r] && !(i+1 < len(raw) && raw[i+1] == "s"):
			// "job security", "my manager says": career words, not the
			// topic they share a word with.
			w.w, w.class = wIntent, clIntent
		case (r == "think" || r == "guess") && i > 0 && (raw[i-1] == "i" || raw[i-1] == "we"):
			// "I think I'm ready": a hedge, not product thinking.
			w.w, w.class = wIntent, clIntent
		case (r == "ask" || r == "asking") && slices.ContainsFunc(raw[i+1:min(i+4, len(raw))], func(s string) bool { return askedFor[s] }):
			// "ask for a promotion" is about the promotion, not about
			// asking for help.
			w.w, w.class = wIntent, clIntent
		case (r == "normal" || r == "normally") && !(i+1 < len(raw) && (raw[i+1] == "form" || raw[i+1] == "forms")):
			// "is that normal" asks whether something is usual; only
			// "normal forms" is the database's normalization.
			w.stem, w.class = "", clStop
		default:
			ix.weighWord(&w)
		}
		out[i] = w
	}
	number := func(i int) bool {
		return i >= 0 && i < len(out) && out[i].raw != "" && strings.IndexFunc(out[i].raw, func(r rune) bool { return !unicode.IsDigit(r) }) < 0
	}
	for i := 1; i < len(out); i++ {
		if arithmetic[out[i].raw] && number(i-1) && (number(i+1) || number(i+2)) {
			out[i].class = clLife // "17 times 23" is sums, not response times
		}
		if out[i].class == clEveryday && out[i-1].class == clLife {
			// "food delivery", "pizza delivery": the everyday sense,
			// not a project's delivery.
			out[i].w, out[i].class = wFiller, clProse
		}
	}
	return out
}

func (ix *Index) weighWord(w *qword) {
	w.w = 1
	fill := filler[w.raw]
	if fill {
		w.w = wFiller
	}
	_, known := ix.idf[w.stem]
	known = known || ix.vocab.known[w.raw]
	intent := compareWords[w.raw] || readyWords[w.raw] || roleWords[w.raw] || likeWords[w.raw] || originCues[w.raw]
	if lifeWords[w.raw] {
		w.class = clLife
		return
	}
	if !known && !fill && !intent && !listed(w.raw) {
		fix := ix.bestCorrection(w.raw, ix.vocab)
		if fix == "" {
			// "gti": too short for the general correction, but two
			// letters swapped in a word no one else spells so.
			fix = ix.vocab.swapped(w.raw)
		}
		if fix == "" {
			// "profle": no name is one typo away, a word of the prose is.
			fix = ix.bestCorrection(w.raw, ix.prose)
		}
		if fix != "" {
			w.raw, w.stem, known, w.fixed = fix, stem(fix), true, true
			w.w *= wCorrected
		}
	}
	switch {
	case intent:
		w.class = clIntent
		w.w = min(w.w, wIntent)
	case fill:
		w.class = clFiller
	case ix.topical[w.stem] && (everyday[w.raw] || everyday[w.stem]):
		w.class = clEveryday
	case ix.topical[w.stem]:
		w.class = clTech
	case known || len(w.raw) <= 2 || strings.IndexFunc(w.raw, unicode.IsDigit) >= 0 || ix.prose.known[w.raw] || listed(w.raw) ||
		ix.prose.near(w.raw):
		w.class = clProse
	default:
		w.class = clUnknown
	}
}

// listed reports whether w is a word of the lists this file reads, known
// English that is never taken for a typo ("scared" is not "shared").
func listed(w string) bool {
	for _, l := range []map[string]bool{feelingWords, careerWords, questionWords, everyday, receiverWords, giverWords,
		uncoveredWords, specializeWords, kindWords} {
		if l[w] {
			return true
		}
	}
	return false
}

// content returns the positions of the words that are not stop words.
func (qa *parsed) content() []int {
	var pos []int
	for i, t := range qa.toks {
		if t.stem != "" {
			pos = append(pos, i)
		}
	}
	return pos
}

// findLevels finds the names of stages and tracks, longest first, each
// word in one name.
func (ix *Index) findLevels(qa *parsed) {
	pos := qa.content()
	seq := make([]string, len(pos))
	for i, p := range pos {
		seq[i] = qa.toks[p].stem
	}
	taken := make([]bool, len(seq))
	for i := range seq {
		if taken[i] {
			continue
		}
		ix.names.match(seq, i, func(ph phrase) {
			if taken[i] {
				return
			}
			if !ph.weak {
				for j := range ph.stems {
					taken[i+j] = true
					t := &qa.toks[pos[i+j]]
					t.class = clLevel
					if qa.named == nil {
						qa.named = map[string]bool{}
					}
					qa.named[t.stem] = true
				}
			}
			if !slices.ContainsFunc(qa.mentions, func(m mention) bool { return m.at == pos[i] && m.level == ph.level }) {
				qa.mentions = append(qa.mentions, mention{level: ph.level, at: pos[i], weak: ph.weak, thing: ix.inSkillName(seq[i])})
			}
			if !slices.Contains(qa.levels, ph.level) {
				qa.levels = append(qa.levels, ph.level)
			}
		})
	}
}

// readIntents notes what kind of question it is: a comparison, a move,
// a question about a role, or one asking what to learn next.
func (qa *parsed) readIntents() {
	plan, wh := false, false
	for _, t := range qa.toks {
		r := t.raw
		switch {
		case compareWords[r]:
			qa.compare, qa.levelIntent = true, true
		case readyWords[r]:
			qa.ready, qa.levelIntent = true, true
		case roleWords[r]:
			qa.levelIntent = true
		}
		qa.next = qa.next || nextWords[r]
		qa.readiness = qa.readiness || r == "ready" || r == "readiness"
		qa.specialize = qa.specialize || specializeWords[r]
		qa.feeling = qa.feeling || feelingWords[r]
		plan = plan || planWords[r]
		wh = wh || r == "what" || r == "where" || r == "which"
		qa.career = qa.career || careerWords[r]
	}
	qa.next = qa.next || (wh && plan)
	// "when do juniors become mid?", "how long before I'm senior?", "signs
	// I'm ready" ask about being ready too.
	for i, t := range qa.toks {
		qa.readiness = qa.readiness || i == 0 && t.raw == "when" ||
			t.raw == "how" && (qa.raw(i+1) == "long" || qa.raw(i+1) == "soon") || t.raw == "signs" ||
			t.raw == "how" && qa.raw(i+1) == "many" && (qa.raw(i+2) == "years" || qa.raw(i+2) == "months")
	}
	qa.levelIntent = qa.levelIntent || qa.readiness
	for i, t := range qa.toks {
		qa.promo = qa.promo || promoWords[t.raw]
		qa.need = qa.need || needWords[t.raw] || t.raw == "have" && qa.raw(i+1) == "to"
		if trackWords[t.raw] && (qa.raw(i-1) == "which" || qa.raw(i-1) == "what" || qa.raw(i-2) == "which") {
			qa.whichTrack = true
		}
	}
	for i, t := range qa.toks {
		if t.raw == "first" && slices.Contains([]string{"job", "role", "position", "gig", "internship"}, qa.raw(i+1)) ||
			t.raw == "first" && qa.raw(i+1) == "backend" && slices.Contains([]string{"job", "role", "position"}, qa.raw(i+2)) {
			qa.entry, qa.levelIntent = true, true // "land my first job"
		}
		if !professions[t.raw] {
			continue
		}
		for j := i - 1; j >= max(0, i-4) && !qa.toks[j+1].brk; j-- {
			if entryCues[qa.raw(j)] {
				qa.entry, qa.levelIntent = true, true
				break
			}
			if !entryGap[qa.raw(j)] {
				break
			}
		}
	}
}

// between reports whether every word strictly between positions i and j
// is in words.
func (qa *parsed) between(i, j int, words map[string]bool) bool {
	for k := i + 1; k < j; k++ {
		if !words[qa.raw(k)] {
			return false
		}
	}
	return true
}

// than reports whether word i is "then" written for "than" ("more then
// meetings").
func (qa *parsed) than(i int) bool {
	p := qa.raw(i - 1)
	return qa.raw(i) == "then" && (p == "more" || p == "less" || p == "rather" || p == "better")
}

func (qa *parsed) raw(i int) string {
	if i < 0 || i >= len(qa.toks) {
		return ""
	}
	return qa.toks[i].raw
}

// readPreference recognises "which track fits what I like": a word of
// liking with a word of choosing or a comparison ("I like data more than
// writing endpoints, which path fits me?"). The clauses the asker
// dislikes or sets aside are marked neg, to count against a track.
func (qa *parsed) readPreference() {
	like, choose := false, false
	for i, t := range qa.toks {
		switch {
		case t.raw == "into":
			// "I'm into data", not "move into devops".
			like = like || slices.Contains([]string{"m", "am", "really", "more", "so", "very", "mostly", "totally"}, qa.raw(i-1))
		case t.raw == "like" || t.raw == "likes":
			// "I like data", not "search engines like elasticsearch".
			like = like || likeSubject[qa.raw(i-1)]
		case likeWords[t.raw]:
			like = true
		}
		if choiceWords[t.raw] || t.raw == "me" && slices.Contains([]string{"for", "suit", "suits", "fit", "fits"}, qa.raw(i-1)) ||
			t.raw == "than" || t.raw == "over" || t.raw == "rather" || t.raw == "instead" || t.raw == "hate" || qa.than(i) {
			choose = true
		}
	}
	// "I enjoy keeping systems running": a liking stated, not a how-to.
	// "designing schemas over business logic, for me": a comparison of
	// kinds of work for the asker is a liking too.
	for i, t := range qa.toks {
		if t.raw == "me" && qa.raw(i-1) == "for" && slices.ContainsFunc(qa.toks[:i], func(u qword) bool { return u.raw == "over" || u.raw == "than" }) {
			like = true
		}
	}
	qa.prefer = like && (choose || !qa.asks())
	for i, t := range qa.toks {
		if specializeWords[t.raw] && slices.ContainsFunc([]int{1, 2, 3}, func(b int) bool { return negCues[qa.raw(i-b)] || qa.raw(i-b) == "t" }) {
			qa.broad = true // "I don't want to specialize"
		}
		if t.raw == "everything" && qa.raw(i-1) == "of" && (qa.raw(i-2) == "bit" || qa.raw(i-2) == "little") {
			qa.broad = true // "a bit of everything"
		}
	}
	if !qa.prefer {
		return
	}
	neg := false
	for i := range qa.toks {
		t := &qa.toks[i]
		switch {
		case t.brk || t.raw == "but" || t.raw == "though" || t.raw == "however" || t.raw == "so" || (likeWords[t.raw] && t.raw != "hate" && t.raw != "dislike"):
			neg = false
		}
		if negCues[t.raw] || qa.than(i) {
			neg = true
		}
		t.neg = neg
	}
}

// asks reports whether the question asks how or what: a wh-word
// anywhere, or a verb like "is" or "should" opening a clause ("is it
// worth it?"), not one inside a statement ("kubernetes is my jam").
func (qa *parsed) asks() bool {
	for i, t := range qa.toks {
		if interrogatives[t.raw] && (whWords[t.raw] || i == 0 || t.brk) {
			return true
		}
	}
	return false
}

// readMentions reads how each level is named: as the asker's own, as
// where a move starts or ends, set aside, or explicitly as a level.
func (qa *parsed) readMentions() {
	for k := range qa.mentions {
		m := &qa.mentions[k]
		m.neg = qa.toks[m.at].neg // "more than writing endpoints"
		qa.lookBack(m)
		qa.lookAhead(m)
		// A move between levels is a question about the levels.
		qa.levelIntent = qa.levelIntent || m.origin || m.dest && len(qa.levels) > 1
	}
}

// lookBack reads the three words before a level's name, up to a clause
// break or another name: where a move starts or ends, a negation, the
// asker's own level.
func (qa *parsed) lookBack(m *mention) {
	for back := 1; back <= 3; back++ {
		i := m.at - back
		if i < 0 || qa.toks[i+1].brk || qa.toks[i].class == clLevel {
			return
		}
		r := qa.raw(i)
		switch {
		case r == "from":
			// "from junior to mid", "moving from mid"; not "expected from a
			// mid" nor "what separates a junior from a mid".
			m.origin = qa.ready || len(qa.levels) > 1 && !qa.compare
		case originCues[r], r == "being" && qa.raw(i-1) == "stop", r == "of" && qa.raw(i-1) == "out":
			m.origin = true
		case destCues[r] && (back == 1 || !prepositions[r] || qa.between(i, m.at, articles)), r == "myself" || r == "called":
			// "to senior", "to a lead role", "become a senior"; not
			// "need to learn infra".
			m.dest = true
		case r == "never" || r == "not" || r == "without" || r == "dont" || r == "don" || r == "t" && qa.raw(i-1) == "don":
			// "never be a lead", not "not ready for senior yet".
			m.neg = m.neg || !slices.ContainsFunc(qa.toks[i+1:m.at], func(t qword) bool { return readyWords[t.raw] })
		case r == "a" || r == "an" || r == "the" || r == "now":
			m.self = m.self || qa.isSelf(i-1)
		case back == 1:
			m.self = m.self || qa.isSelf(i)
		}
	}
}

// isSelf reports whether word i introduces the asker's own level: "I'm",
// "am", "as", "currently".
func (qa *parsed) isSelf(i int) bool {
	s := qa.raw(i)
	return selfCues[s] || s == "m" && qa.raw(i-1) == "i"
}

// lookAhead reads the words around a level's name: a kind word that names
// it as a level ("the api track"), the signs that it stands for people
// ("my junior", "a junior's PR", "a junior on my team"), "junior here".
func (qa *parsed) lookAhead(m *mention) {
	end := m.at + 1
	for end < len(qa.toks) && (qa.toks[end].class == clLevel || stackWords[qa.raw(end)]) {
		end++ // "senior backend engineer"
	}
	prev, next, after := qa.raw(m.at-1), qa.raw(end), qa.raw(end+1)
	m.explicit = kindWords[next] || kindWords[prev]
	// "a tech lead's job" is about the level, "a junior's PR" about a person.
	m.person = possessives[prev] || next == "s" && !roleWords[after] || personAfter[next] || personVerbs[prev] ||
		next == "who" || (next == "on" || next == "in") && possessives[after] ||
		(prev == "a" || prev == "an" || prev == "the" || prev == "new") && personVerbs[qa.raw(m.at-2)]
	if next == "here" || kindWords[next] && after == "here" {
		m.self = true
	}
	// "what is devops and how does it...", "explain the dba track": a
	// question that opens by naming a level asks what it is.
	opening := m.at > 0
	for i := 0; i < m.at; i++ {
		opening = opening && definingWords[qa.raw(i)]
	}
	// Not "what's an api": the thing, not the track.
	m.explicit = m.explicit || opening && !m.weak && !m.thing
}

// perspective reads which side of an activity the asker is on: -1 the
// receiving side (their PR is reviewed, they want a mentor, they are the
// candidate), +1 the giving side (they review, mentor, interview), else 0.
func perspective(toks []qword) int {
	recv, give := 0, 0
	for i := range toks {
		if receiving(toks, i) {
			recv++
		}
		if giving(toks, i) {
			give++
		}
	}
	switch {
	case recv > give:
		return -1
	case give > recv:
		return 1
	}
	return 0
}

// rawAt returns word i's surface form, or "" out of range.
func rawAt(toks []qword, i int) string {
	if i < 0 || i >= len(toks) {
		return ""
	}
	return toks[i].raw
}

// receiving reports whether word i puts the asker on the receiving side:
// "my PR", "a candidate", "find a mentor", "got comments", "as a junior".
func receiving(toks []qword, i int) bool {
	r, prev, next, next2 := rawAt(toks, i), rawAt(toks, i-1), rawAt(toks, i+1), rawAt(toks, i+2)
	switch {
	case r == "my":
		return !myGiver[next] && !myGiver[next2] && (myReceiver[next] || myReceiver[next2])
	case receiverWords[r], (r == "interviewing" || r == "interview") && (next == "for" || next == "at" || next == "with"):
		return true // "interviewing for my first job"
	case receivingVerbs[r]:
		return receivedThings[next] || receivedThings[next2] || receivedThings[rawAt(toks, i+3)]
	case r == "mentor" || r == "mentors":
		return slices.Contains([]string{"find", "get", "from", "our", "need", "have"}, prev) ||
			(prev == "a" || prev == "good") && slices.Contains([]string{"find", "get", "need", "have", "want"}, rawAt(toks, i-2))
	case r == "mentored":
		return slices.Contains([]string{"being", "be", "get", "getting", "got", "was", "am"}, prev)
	case r == "gave":
		return next == "me"
	case r == "ask" || r == "asking":
		return next == "questions" || next == "for" || next2 == "questions"
	case r == "as":
		return receiverRoles[asWho(toks, i)]
	}
	return false
}

// giving reports whether word i puts the asker on the giving side: "my
// juniors", "mentoring", "review a teammate's PR", "as a lead", "reports
// to me".
func giving(toks []qword, i int) bool {
	r, prev, next, next2 := rawAt(toks, i), rawAt(toks, i-1), rawAt(toks, i+1), rawAt(toks, i+2)
	switch {
	case r == "on" || r == "in":
		return next == "my" && next2 == "team" // "a junior on my team"
	case r == "my":
		return myGiver[next] || myGiver[next2] && !myReceiver[next]
	case r == "as":
		return giverRoles[asWho(toks, i)]
	case r == "s":
		return slices.Contains([]string{"else", "teammate", "colleague", "junior", "people"}, prev) // "someone else's PR"
	case r == "mentored":
		return !receiving(toks, i)
	case r == "mentor" || r == "reviewer":
		return slices.Contains([]string{"be", "become", "being"}, rawAt(toks, i-2)) ||
			giverObjs[next] || giverObjs[next2]
	case r == "reports":
		return next == "to"
	case r == "direct":
		return next == "reports"
	case (r == "interviewing" || r == "interview") && (next == "for" || next == "at" || next == "with"):
		return false
	}
	if otherPeople[r] && habitWords[next] {
		return true // "teammate keeps merging without tests": the asker deals with it
	}
	return giverWords[r] || giverVerbs[r] && (giverObjs[next] || giverObjs[next2]) && prev != "for"
}

// asWho returns the role after "as" ("as a lead", "as their mentor").
func asWho(toks []qword, i int) string {
	who := rawAt(toks, i+1)
	if who == "a" || who == "an" || who == "their" || who == "the" {
		who = rawAt(toks, i+2)
	}
	return who
}

// uncoveredTopic returns the topic of a question that the roadmap does
// not cover (salaries, visas, time off), or "".
func uncoveredTopic(toks []qword) string {
	raw := func(i int) string {
		if i < 0 || i >= len(toks) {
			return ""
		}
		return toks[i].raw
	}
	for i, t := range toks {
		r := t.raw
		if topic, ok := uncoveredTopics[r]; ok {
			return topic
		}
		next := raw(i + 1)
		switch {
		case (r == "pay" || r == "paid" || r == "pays" || r == "paying") && !slices.Contains([]string{"down", "off", "back", "attention", "for"}, next):
			return topicPay
		case r == "raise" && (raw(i-1) == "a" || raw(i-1) == "for") && !slices.Contains([]string{"exception", "error", "concern", "concerns", "question", "issue", "flag", "alarm", "alert", "risk", "risks"}, next):
			return topicPay
		case r == "stock" && (next == "options" || next == "option" || next == "grants" || next == "units"):
			return topicEquity
		case isThousands(r) && (moneyNext[next] || moneyPrev[raw(i-1)]):
			return topicPay // "is 95k fair", "offered 80k"
		case (r == "make" || r == "making" || r == "makes") && howMuch(toks, i):
			return topicPay // "how much should a junior make"
		case r == "ai" && slices.Contains([]string{"replace", "replacing", "take", "taking"}, next):
			return "where the job market is going"
		}
	}
	return ""
}

// howMuch reports whether "how much" comes before word i.
func howMuch(toks []qword, i int) bool {
	for j := 1; j < i; j++ {
		if toks[j-1].raw == "how" && toks[j].raw == "much" {
			return true
		}
	}
	return false
}

// isThousands reports whether w is a number of thousands ("95k").
func isThousands(w string) bool {
	return len(w) > 1 && strings.HasSuffix(w, "k") &&
		strings.IndexFunc(w[:len(w)-1], func(c rune) bool { return c < '0' || c > '9' }) < 0
}

// weigh turns the words into ranking terms: stems, bigrams and the
// canonical terms of synonyms.
func (ix *Index) weigh(qa *parsed) {
	pos := qa.content()
	seq := make([]string, len(pos))
	for i, p := range pos {
		seq[i] = qa.toks[p].stem
	}
	best := map[string]float64{}
	topic := map[string]float64{}
	neg := map[string]float64{}
	add := func(m map[string]float64, s string, x float64) {
		if x > m[s] {
			m[s] = x
		}
	}
	phraseAt, inPhrase := -1, 0 // start and end of the synonym phrase that reaches furthest
	for i, s := range seq {
		t := qa.toks[pos[i]]
		// Only the roadmap's vocabulary names a topic: "what am I missing"
		// or "a total beginner" asks about the level it names.
		isTopic := (t.class == clTech || t.class == clEveryday) && !t.neg
		qa.topic = qa.topic || isTopic
		emit := func(s string, x float64) {
			switch {
			case t.neg:
				add(neg, s, x)
				return
			case isTopic && t.class == clEveryday:
				add(topic, s, x/2)
			case isTopic:
				add(topic, s, x)
			}
			add(best, s, x)
		}
		emit(s, t.w)
		if i > 0 {
			emit(seq[i-1]+" "+s, min(qa.toks[pos[i-1]].w, t.w)*bigramShare)
		}
		ix.syn.match(seq, i, func(ph phrase) {
			if i > phraseAt && i+len(ph.stems) <= inPhrase {
				return // "manager" inside "product managers" is the product manager
			}
			if i+len(ph.stems) > inPhrase {
				phraseAt, inPhrase = i, i+len(ph.stems)
			}
			for _, c := range ph.target {
				emit(c, t.w*synonymShare)
			}
		})
	}
	qa.terms, qa.topicTerms, qa.negTerms = terms(best), terms(topic), terms(neg)
}

// topicScore is how well section d matches the question's topic words,
// those with an everyday meaning at half weight.
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

// techTopic reports whether a word without an everyday meaning names the
// question's topic.
func (qa parsed) techTopic() bool {
	return slices.ContainsFunc(qa.toks, func(t qword) bool { return t.class == clTech && !t.neg })
}

// have returns the set of the question's term stems.
func (qa parsed) have() map[string]bool {
	have := make(map[string]bool, len(qa.terms))
	for _, t := range qa.terms {
		have[t.stem] = true
	}
	return have
}

// moves reports whether the question asks about a move between levels
// or about being ready for one.
func (qa parsed) moves() bool {
	if qa.readiness {
		return true
	}
	for _, m := range qa.mentions {
		if m.origin || m.dest && len(qa.levels) > 1 {
			return true
		}
	}
	return false
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

// inDomain reports whether the question is a career or software question
// at all, given the best section d (-1 for none). It weighs the words for
// it against the words against it:
//
//   - for: words that set a working context ("developer", "career", "my
//     lead", "our team") count 3, a roadmap word with no everyday meaning
//     ("kubernetes", "sql", "devops") 1, a level's name that is also an
//     everyday word ("lead") 1 in a question about levels, any other
//     roadmap word with an everyday meaning ("delivery", "cache") ½, and
//     two of those that hang together in the best section's name ("load
//     balancing", "vault secrets") ½ more;
//   - against: a word of everyday life far from work ("pizza", "singer",
//     "garden") counts 2, any other word that neither the roadmap nor
//     common questions use, typos aside, ½.
//
// A question with words against it is one only if those for it weigh
// more: "who is the lead singer of queen", "best pizza delivery app",
// "kubernetes means helmsman in greek" are not.
func (ix *Index) inDomain(qa parsed, d int) bool {
	pro, con := 0.0, 0.0
	switch {
	case qa.career || qa.workContext():
		pro += 3
	case slices.ContainsFunc(qa.toks, func(t qword) bool { return t.raw == "team" || t.raw == "teams" }):
		pro++ // "I want to lead a team someday"
	}
	every, track := 0, false
	for i, t := range qa.toks {
		switch {
		case learnWords[t.raw]:
			pro += 0.5 // "how do I keep learning and adapting", not "learn guitar"
		case t.fixed && (t.class == clTech || t.class == clLevel):
			pro += 0.5 // "greek" is one letter from "green"
		case t.common():
			every++
		case t.class == clTech:
			pro++
		case t.class == clLevel:
			// "lead" names a level only in a question about levels:
			// "how do I become a lead", not "lead paint", or as the
			// asker's own or where they go ("as a mid", "aim for lead").
			switch {
			case !everyday[t.raw]:
				pro += 1.5 // "api", "devops": a track's own name
				track = true
			case qa.levelIntent || qa.asLevel(i):
				pro++
			}
		case t.class == clEveryday:
			every++
		case t.class == clUnknown:
			con += 0.5
		case t.class == clLife:
			con += 2
		}
	}
	pro += 0.5 * float64(every)
	if every >= 2 && d >= 0 && ix.nameMatches(qa, d) >= 2 {
		pro += 0.5
	}
	// A tie goes to a question that names a track ("how do apis work in
	// a food delivery app").
	if con > 0 && (pro < con || pro == con && !track) {
		return false
	}
	return !qa.everydayOnly()
}

// everydayOnly reports whether the question's only roadmap words are
// ones with an everyday meaning, outnumbered by the other words that say
// what it is about (or beside any of them, for a level's name), with
// nothing setting a working context: "how much is
// the golden gate bridge toll", "how often should I feed my ball python".
// Such a question shares words with the roadmap, not its subject.
func (qa parsed) everydayOnly() bool {
	if qa.career || qa.workContext() || qa.persp != 0 || qa.prefer ||
		slices.ContainsFunc(qa.toks, func(t qword) bool { return t.raw == "team" || t.raw == "teams" }) {
		// "how should a lead handle conflict in the team"
		return false
	}
	every, other := 0.0, 0.0
	level := false
	for i, t := range qa.toks {
		switch {
		case t.common():
			every++
			continue
		}
		switch t.class {
		case clTech, clIntent:
			return false
		case clLevel:
			if qa.levelIntent || !everyday[t.raw] {
				return false
			}
			every++
			level = level || qa.plainLevel(i)
		case clEveryday:
			every++
		case clUnknown, clLife:
			other++
		case clProse:
			// Words of the roadmap's prose ("often", "last") are
			// weaker signs of another subject.
			if !t.fixed && strings.IndexFunc(t.raw, unicode.IsDigit) < 0 {
				other += 0.5
			}
		}
	}
	// A level's name used as a plain word ("senior living", "junior
	// league", "lead poisoning") needs a career context of its own.
	return every > 0 && (other > every || level && other > 0)
}

// plainLevel reports whether word i names a level as a plain word: one
// word, not the asker's, not people ("a senior", "leads"), not where a
// move goes, not with a kind word ("senior living", not "mentoring an
// intern" or "mid level").
func (qa parsed) plainLevel(i int) bool {
	if i+1 < len(qa.toks) && qa.toks[i+1].class == clLevel || i > 0 && qa.toks[i-1].class == clLevel {
		return false
	}
	if p := qa.raw(i - 1); p == "a" || p == "an" || strings.HasSuffix(qa.raw(i), "s") {
		return false // "should a senior", "do leads": a role, people
	}
	return !slices.ContainsFunc(qa.mentions, func(m mention) bool {
		return m.at == i && (m.self || m.person || m.explicit || m.dest || m.origin)
	})
}

// careerish reports whether anything in the question sets it at work or
// in software: a career word, a working relationship, a level, a word
// of the roadmap's own vocabulary, or money named as an offer ("95k").
func (qa parsed) careerish() bool {
	return qa.career || qa.workContext() || len(qa.mentions) > 0 ||
		slices.ContainsFunc(qa.toks, func(t qword) bool { return t.class == clTech && !t.common() }) ||
		slices.ContainsFunc(qa.toks, func(t qword) bool { return isThousands(t.raw) || t.raw == "offer" || t.raw == "offers" })
}

// common reports whether a word of the roadmap's vocabulary is common
// English, weak evidence of a software question.
func (t qword) common() bool {
	return t.class == clTech && (commonWords[t.raw] || commonWords[t.stem])
}

// asLevel reports whether the level named at word i is the asker's own
// or named with a kind word ("as a mid", "junior developer").
func (qa parsed) asLevel(i int) bool {
	return slices.ContainsFunc(qa.mentions, func(m mention) bool {
		return m.at == i && (m.self || m.explicit) && !m.person
	})
}

// workContext reports whether the question names a working relationship
// or thing as the asker's: "my lead", "our team", "my PR".
func (qa parsed) workContext() bool {
	for i, t := range qa.toks {
		// "my senior dog" is not a senior colleague.
		if (t.raw == "my" || t.raw == "our") && (workOf[qa.raw(i+1)] && !lifeWords[qa.raw(i+2)] || workOf[qa.raw(i+2)] && qa.toks[i+1].stem != "" && !lifeWords[qa.raw(i+1)]) {
			return true
		}
	}
	return false
}

// nameMatches counts the question's words found in section d's name
// fields, directly or through a synonym.
func (ix *Index) nameMatches(qa parsed, d int) int {
	n := 0
	for _, t := range qa.toks {
		if t.class != clEveryday && t.class != clTech {
			continue
		}
		hit := slices.ContainsFunc(ix.postings[t.stem], func(p posting) bool { return int(p.doc) == d && p.name })
		if !hit {
			ix.syn.match([]string{t.stem}, 0, func(ph phrase) {
				for _, c := range ph.target {
					hit = hit || slices.ContainsFunc(ix.postings[c], func(p posting) bool { return int(p.doc) == d && p.name })
				}
			})
		}
		if hit {
			n++
		}
	}
	return n
}

func terms(m map[string]float64) []term {
	out := make([]term, 0, len(m))
	for s, x := range m {
		out = append(out, term{s, x})
	}
	// Map order is random; a fixed order keeps float sums, and so ties,
	// the same from run to run.
	slices.SortFunc(out, func(a, b term) int { return strings.Compare(a.stem, b.stem) })
	return out
}

// bestCorrection returns the word of v one edit away from w that the most
// sections use, or "".
func (ix *Index) bestCorrection(w string, v *vocab) string {
	best, bestN := "", 0
	for _, c := range v.correct(w) {
		if n := len(ix.postings[stem(c)]); n > bestN {
			best, bestN = c, n
		}
	}
	return best
}
