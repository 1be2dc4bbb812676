package roadmap

import (
	"slices"
	"strings"
)

// Reading what a question asks: a comparison, a move, a liking, the
// asker's side of an activity, a topic the roadmap doesn't cover.

// readIntents notes what kind of question it is: a comparison, a move,
// a question about a role, or one asking what to learn next.
func (qa *parsed) readIntents() {
	plan, wh := false, false
	for i, t := range qa.toks {
		r := t.raw
		if toolBefore[qa.raw(i-1)] && (r == "manager" || r == "managers") {
			continue // "a password manager" is a tool, not someone's boss
		}
		switch {
		case compareWords[r]:
			qa.compare, qa.levelIntent = true, true
		case readyWords[r]:
			qa.ready, qa.levelIntent = true, true
		case qa.roleAt(i, wh):
			qa.levelIntent, qa.role = true, true
		case roleWords[r]:
			qa.levelIntent = true
		}
		qa.next = qa.next || nextWords[r]
		qa.readiness = qa.readiness || r == "ready" || r == "readiness"
		qa.specialize = qa.specialize || specializeWords[r]
		qa.feeling = qa.feeling || feelingWords[r]
		plan = plan || planWords[r]
		wh = wh || r == "what" || r == "where" || r == "which"
		// "a community theater production", "premier league promotion",
		// "train tickets": a career word beside a word of everyday life
		// takes its everyday sense.
		qa.career = qa.career || careerWords[r] && !qa.lifeBeside(i)
	}
	qa.next = qa.next || (wh && plan)
	// "when do juniors become mid?", "how long before I'm senior?", "signs
	// I'm ready" ask about being ready too.
	for i, t := range qa.toks {
		qa.howLong = qa.howLong || t.raw == "how" && qa.raw(i+1) == "long" ||
			t.raw == "how" && qa.raw(i+1) == "many" && (qa.raw(i+2) == "years" || qa.raw(i+2) == "months")
		qa.readiness = qa.readiness || i == 0 && t.raw == "when" ||
			t.raw == "how" && (qa.raw(i+1) == "long" || qa.raw(i+1) == "soon") || t.raw == "signs" ||
			t.raw == "how" && qa.raw(i+1) == "many" && (qa.raw(i+2) == "years" || qa.raw(i+2) == "months") ||
			(t.raw == "close" || t.raw == "closer") && qa.raw(i+1) == "to" // "am I close to mid?"
	}
	qa.levelIntent = qa.levelIntent || qa.readiness
	for i, t := range qa.toks {
		qa.promo = qa.promo || promoWords[t.raw]
		qa.need = qa.need || needWords[t.raw] || t.raw == "have" && qa.raw(i+1) == "to"
		if trackWords[t.raw] && (qa.raw(i-1) == "which" || qa.raw(i-1) == "what" || qa.raw(i-2) == "which") {
			qa.whichTrack = true
		}
		if (t.raw == "tracks" || t.raw == "track") && (switchWords[qa.raw(i-1)] || switchWords[qa.raw(i-2)]) {
			qa.specialize = true // "can I switch tracks later", "what if I pick the wrong track"
		}
		if qa.skillsOfThat(i) {
			qa.whichTrack = true
		}
		// "the database specialization", "a database focus", "an infra
		// track": a track named by its topic is a question of which
		// track that is, as "which track" is.
		if (trackWords[t.raw] || t.raw == "focus") && i > 0 && qa.toks[i-1].class == clTech && !qa.toks[i-1].neg {
			qa.whichTrack, qa.topicTrack = true, true
		}
	}
	for i, t := range qa.toks {
		if t.raw == "first" && slices.Contains([]string{"job", "role", "position", "gig", "internship"}, qa.raw(i+1)) ||
			t.raw == "first" && qa.raw(i+1) == "backend" && slices.Contains([]string{"job", "role", "position"}, qa.raw(i+2)) {
			qa.entry, qa.levelIntent = true, true // "land my first job"
		}
		if (t.raw == "person" || t.raw == "one" || t.raw == "someone") && qa.raw(i+1) == "who" &&
			(qa.raw(i-1) == "the" && (qa.raw(i-2) == "be" || qa.raw(i-2) == "become") || qa.raw(i-1) == "be" || qa.raw(i-1) == "become") {
			// "I want to be the person who makes sure the data is secure":
			// a role described by what it does.
			qa.roleDesc = true
		}
		if (t.raw == "starting" || t.raw == "beginning") && startWhen[qa.raw(i+1)] {
			qa.entry, qa.levelIntent = true, true // "a backend dev starting now", "just starting out"
		}
		if t.raw == "degree" || t.raw == "diploma" {
			qa.entry, qa.levelIntent = true, true // "do I need a CS degree": getting in
		}
		if !professions[t.raw] {
			continue
		}
		for j := i - 1; j >= max(0, i-4) && !qa.toks[j+1].brk; j-- {
			if entryCues[qa.raw(j)] || qa.raw(j) == "to" && qa.fromBefore(j) {
				qa.entry, qa.levelIntent = true, true
				break
			}
			if !entryGap[qa.raw(j)] {
				break
			}
		}
	}
}

// fromBefore reports whether "from" opens a move earlier in the clause
// than word i: "from qa tester to backend dev".
func (qa *parsed) fromBefore(i int) bool {
	for j := i - 1; j >= 0; j-- {
		if qa.raw(j) == "from" || qa.raw(j) == "frm" {
			return qa.raw(j-1) != "expected" && qa.raw(j-1) != "separates"
		}
		if qa.toks[j].brk {
			return false
		}
	}
	return false
}

// skillsOfThat reports whether word i asks what line of work a
// description is, as in "keeping the data safe, what skills is that?",
// "what kind of role is that", "which job would that be".
func (qa *parsed) skillsOfThat(i int) bool {
	if !slices.Contains([]string{"skills", "role", "job", "field", "area", "specialty", "discipline", "path", "career", "track", "specialization"}, qa.raw(i)) {
		return false
	}
	w := qa.raw(i - 1)
	if w == "of" && (qa.raw(i-2) == "kind" || qa.raw(i-2) == "sort" || qa.raw(i-2) == "type") {
		w = qa.raw(i - 3)
	}
	if w != "what" && w != "which" {
		return false
	}
	verb, that := qa.raw(i+1), qa.raw(i+2)
	if verb == "would" || verb == "does" {
		verb, that = that, qa.raw(i+3)
	}
	return (verb == "is" || verb == "are" || verb == "be") && (that == "that" || that == "this" || that == "it") ||
		verb == "that" || verb == "this"
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
	// A dislike alone, asked about ("I hate writing tests, is that
	// gonna hold me back?", "I don't like on-call, can I avoid it?"), is a
	// question about the thing disliked, not a choice of track.
	dislike, choice := false, false
	for i, t := range qa.toks {
		weary := wearyWords[t.raw] && (qa.raw(i+1) == "of" || qa.raw(i+1) == "with") // "tired of writing endpoints"
		disliked := t.raw == "hate" || t.raw == "dislike" || weary || qa.negatedAt(i)
		switch {
		case t.raw == "into":
			// "I'm into data", not "move into devops".
			like = like || slices.Contains([]string{"m", "am", "really", "more", "so", "very", "mostly", "totally"}, qa.raw(i-1))
		case t.raw == "like" || t.raw == "likes":
			// "I like data", not "search engines like elasticsearch".
			if likeSubject[qa.raw(i-1)] || disliked && likeSubject[qa.raw(i-2)] {
				like = true
				dislike = dislike || disliked
				choice = choice || !disliked
			}
		case likeWords[t.raw]:
			like = true
			dislike = dislike || disliked
			choice = choice || !disliked
		case qa.ratherAt(i):
			// "I'd rather keep servers humming than build features"
			like, choice = true, true
		case weary:
			like, dislike = true, true
		case t.raw == "want" && (qa.raw(i+1) == "something" && qa.raw(i+2) == "more" || qa.raw(i+1) == "to" && qa.raw(i+2) == "do" && qa.raw(i+3) == "more"):
			// "want something more infra-ish", "want to do more with data"
			like, choice = true, true
		case t.raw == "work" && qa.raw(i-1) == "to" && (qa.raw(i-2) == "want" || qa.raw(i-2) == "wanna" || qa.raw(i-2) == "like") &&
			(qa.raw(i+1) == "on" || qa.raw(i+1) == "with") && !possessives[qa.raw(i+2)]:
			// "I want to work on infrastructure": the work one would
			// like to do, not "work on my sql skills".
			like = true
		}
		fitsMe := t.raw == "me" && slices.Contains([]string{"for", "suit", "suits", "fit", "fits"}, qa.raw(i-1))
		if choiceWords[t.raw] || fitsMe || t.raw == "than" || t.raw == "over" || t.raw == "rather" || t.raw == "instead" || qa.than(i) {
			choose = true
			// "hold me back" is no choice
			choice = choice || t.raw != "me" || fitsMe
		}
		if t.raw == "hate" || weary {
			choose = true
		}
	}
	if dislike && !choice && qa.asks() {
		qa.dislike = true
		return
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
		if t.raw == "everything" && (qa.raw(i-1) == "of" || qa.raw(i-1) == "about") && (qa.raw(i-2) == "bit" || qa.raw(i-2) == "little") {
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
		if qa.ratherAt(i) {
			neg = false // what one would rather do is liked; "than" turns
		} else if negCues[t.raw] || qa.than(i) || wearyWords[t.raw] && qa.raw(i+1) == "of" {
			neg = true
		}
		t.neg = neg
	}
}

// ratherAt reports whether word i is the "rather" of "I'd rather",
// "I would rather": a liking, not a setting aside.
func (qa *parsed) ratherAt(i int) bool {
	p := qa.raw(i - 1)
	return qa.raw(i) == "rather" && (p == "d" || p == "would" || p == "id")
}

// negatedAt reports whether word i is negated: "don't like", "not a
// fan", "not really a big fan", "never enjoyed".
func (qa *parsed) negatedAt(i int) bool {
	for b := 1; b <= 4; b++ {
		switch w := qa.raw(i - b); {
		case w == "dont" || w == "don" || w == "t" || w == "not" || w == "never":
			return true
		case !softeners[w]:
			return false
		}
	}
	return false
}

// softeners may stand between a negation and the liking it negates.
var softeners = set("a", "really", "big", "huge", "much", "of", "the", "that", "so", "too", "very")

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
		if m.weak && (m.dest || m.origin) {
			// "to platform": where a move goes names the level, not a topic.
			qa.toks[m.at].class = clLevel
		}
		// A move between levels is a question about the levels, and so
		// is a move from anywhere else to one: "going from backend dev to
		// dba".
		qa.levelIntent = qa.levelIntent || m.origin || m.dest && (len(qa.levels) > 1 || qa.fromBefore(m.at))
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
		case destCues[r] && (back == 1 || !prepositions[r] || qa.between(i, m.at, articles) || qa.between(i, m.at, stackWords)), r == "myself" || r == "called",
			r == "be" && qa.raw(i-1) != "will":
			// "to senior", "to a lead role", "to backend generalist",
			// "become a senior", "can I still be a good lead"; not "need
			// to learn infra".
			m.dest = true
			m.be = m.be || r == "be" || r == "become" || r == "becoming"
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
	// "is that normal for a junior?", "is it normal for juniors to
	// mostly fix bugs" ask what the level expects.
	if p := qa.raw(m.at - 2); (prev == "a" || prev == "an") && p == "for" && usualWords[qa.raw(m.at-3)] ||
		prev == "for" && usualWords[p] {
		m.explicit, m.dest = true, false
		qa.levelIntent = true
	}
	// "a tech lead's job" is about the level, "a junior's PR" about a person.
	// A name of several words that ends in no word for people ("my
	// chosen area", "my build depth") is a stage of work, not someone.
	people := m.last <= m.at || peopleNouns[qa.raw(m.last)] || peopleNouns[next]
	m.person = people && (possessives[prev] || next == "s" && !roleWords[after] || personAfter[next] || personVerbs[prev] ||
		next == "who" || (next == "on" || next == "in") && possessives[after] ||
		(prev == "a" || prev == "an" || prev == "the" || prev == "new") && personVerbs[qa.raw(m.at-2)] ||
		prev == "new" && (qa.raw(m.at-2) == "a" || qa.raw(m.at-2) == "the") && personVerbs[qa.raw(m.at-3)] || // "mentor the new intern"
		(prev == "a" || prev == "an" || prev == "the" || prev == "new" || prev == "our") && personActs[next])
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
	case (r == "mentee" || r == "intern") && (prev == "a" || prev == "an") && selfCues[rawAt(toks, i-2)],
		(r == "mentee" || r == "intern") && (prev == "a" || prev == "an") && rawAt(toks, i-2) == "m":
		return true // "I'm a mentee"
	case (r == "candidate" || r == "candidates") && (giverVerbs[prev] || (prev == "a" || prev == "the") && giverVerbs[rawAt(toks, i-2)]):
		return false // "fail a candidate kindly" is the interviewer's
	case receiverWords[r], (r == "interviewing" || r == "interview") && (next == "for" || next == "at" || next == "with"):
		return true // "interviewing for my first job"
	case (r == "with" || r == "from") && (next == "a" || next == "my" || next == "the" || next == "our") && seniorPeople[next2]:
		return true // "pairing with a senior", "learning from my lead"
	case receivingVerbs[r]:
		return receivedThings[next] || receivedThings[next2] || receivedThings[rawAt(toks, i+3)]
	case r == "mentor" || r == "mentors":
		// "find a mentor", "grow without a mentor", "no mentor"
		return slices.Contains([]string{"find", "get", "from", "our", "need", "have", "no", "without"}, prev) ||
			(prev == "a" || prev == "good") && slices.Contains([]string{"find", "get", "need", "have", "want", "without"}, rawAt(toks, i-2))
	case r == "mentored" || r == "onboarded" || r == "coached" || r == "reviewed":
		return slices.Contains([]string{"being", "be", "get", "getting", "got", "was", "am"}, prev)
	case r == "gave":
		return next == "me"
	case r == "ask" || r == "asking":
		return next == "questions" || next == "for" || next2 == "questions"
	case r == "as":
		return receiverRoles[asWho(toks, i)]
	case (r == "interview" || r == "interviews") && (candidateBefore[prev] ||
		(prev == "an" || prev == "the" || prev == "my") && (rawAt(toks, i-2) == "in" || rawAt(toks, i-2) == "during") &&
			!slices.ContainsFunc(toks, func(t qword) bool { return t.raw == "candidate" || t.raw == "candidates" })):
		return true // "before interviews", "a job interview", "talk about my projects in an interview"
	case (r == "they" || r == "interviewers") && slices.Contains([]string{"ask", "will", "expect", "usually", "look", "want", "test"}, next) &&
		slices.ContainsFunc(toks, func(t qword) bool { return t.raw == "interview" || t.raw == "interviews" }):
		return true // "what will they ask in a backend interview"
	}
	return false
}

// candidateBefore come before "interview" when the asker sits it.
var candidateBefore = set("before", "upcoming", "next", "job", "onsite", "phone")

// giving reports whether word i puts the asker on the giving side: "my
// juniors", "mentoring", "review a teammate's PR", "as a lead", "reports
// to me".
func giving(toks []qword, i int) bool {
	r, prev, next, next2 := rawAt(toks, i), rawAt(toks, i-1), rawAt(toks, i+1), rawAt(toks, i+2)
	switch {
	case r == "on" || r == "in":
		// "a junior on my team", not "the senior on my team", someone
		// the asker works under.
		return next == "my" && next2 == "team" && !giverRoles[prev]
	case r == "my":
		if next == "team" && (prev == "on" || prev == "in") && giverRoles[rawAt(toks, i-2)] {
			return false
		}
		return myGiver[next] || myGiver[next2] && !myReceiver[next]
	case r == "as":
		return giverRoles[asWho(toks, i)]
	case (r == "run" || r == "running" || r == "conduct" || r == "conducting") &&
		slices.ContainsFunc([]string{next, next2, rawAt(toks, i+3)}, func(w string) bool { return w == "interview" || w == "interviews" }):
		return true // "how do I run a technical interview"
	case r == "s":
		return slices.Contains([]string{"else", "teammate", "colleague", "junior", "people"}, prev) // "someone else's PR"
	case r == "mentored":
		return !receiving(toks, i)
	case r == "mentor" || r == "reviewer":
		return slices.Contains([]string{"be", "become", "being"}, rawAt(toks, i-2)) ||
			giverObjs[next] || giverObjs[next2]
	case prev == "i" && askerGives[r]:
		return true // "I comment on everything", "I nitpick"
	case criticTraits[r] && prev == "too" && (rawAt(toks, i-2) == "i" || rawAt(toks, i-3) == "i" && rawAt(toks, i-2) == "am"):
		return true // "am I too picky": judging others' work
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
	if receiving(toks, i) {
		return false // "I'm a mentee" is not mentoring
	}
	return giverWords[r] || giverVerbs[r] && (giverObjs[next] || giverObjs[next2]) && prev != "for"
}

// asWho returns the role after "as" ("as a lead", "as their mentor").
func asWho(toks []qword, i int) string {
	who := rawAt(toks, i+1)
	if who == "a" || who == "an" || who == "their" || who == "the" {
		who = rawAt(toks, i+2)
		if who == "new" {
			who = rawAt(toks, i+3) // "as a new hire"
		}
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
		if raw(i-1) == "on" && beingAway[raw(i-2)] {
			// "my senior is on vacation": someone's absence sets the
			// scene of another question; it does not ask about leave.
			continue
		}
		if topic, ok := uncoveredTopics[r]; ok {
			return topic
		}
		next := raw(i + 1)
		switch {
		case r == "pay" && (next == "is" || next == "was" || next == "seems") && slices.Contains([]string{"great", "good", "fine", "ok", "okay", "decent", "better", "same", "nice"}, raw(i+2)):
			// "pay is great but I've never led anyone": the pay is settled,
			// the question is about the role.
		case (r == "pay" || r == "paying") && (next == "a" || next == "the") && vendorWords[raw(i+2)]:
			// "build our own auth or pay a vendor": buying, not pay
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
		case r == "non" && (next == "compete" || next == "competes"):
			return topicTax
		case (r == "legal" || r == "illegal" || r == "legally") && !slices.Contains([]string{"requirements", "requirement", "compliance", "basis", "hold"}, next):
			return topicTax // not "legal requirements for storing customer data"
		case (r == "offers" || r == "offer") && (offerCount[raw(i-1)] || offerVerbs[raw(i-1)] || offerVerbs[raw(i-2)]):
			return topicEmployer // "if I get both offers", "accept the offer"
		case r == "rate" && (raw(i-1) == "going" || raw(i-1) == "day" || raw(i-1) == "daily"):
			return topicPay // "the going rate", not "rate limiting"
		case (r == "burned" || r == "burning" || r == "burnt") && next == "out" && raw(i-1) != "without":
			// Not "on-call without burning out": how to do the work.
			return topicHealth
		case (r == "time" || r == "day" || r == "days") && next == "off", r == "sick" && (next == "leave" || next == "day" || next == "days"):
			return topicLeave // "how much time off", not "time out"
		case (r == "switch" || r == "switching" || r == "change" || r == "changing") && employerNouns[next]:
			return topicHop // "is it bad to switch jobs after a year"
		case r == "remote" && (next == "work" || next == "policy" || next == "job" || next == "jobs" || next == "role" || next == "roles"),
			r == "return" && next == "to" && raw(i+2) == "office":
			return topicRemote // not "when fully remote", which is about growing
		case r == "benefits" && next != "of" && next != "to" && slices.ContainsFunc(toks, func(t qword) bool { return benefitContext[t.raw] }):
			return topicLeave // "what benefits should i ask for", not "benefits of caching"
		case r == "pip" && (raw(i-1) == "a" || raw(i-1) == "on") && next != "install":
			return topicLayoff // a performance improvement plan, not "pip install"
		case r == "side" && (next == "hustle" || next == "hustles" || next == "gig" || next == "gigs"):
			return topicFreelance
		case (r == "earn" || r == "earns" || r == "earning") && !earnedThings[next] && !earnedThings[raw(i+2)]:
			return topicPay // "how much do DBAs earn", not "earn respect as a lead"
		case (r == "make" || r == "makes" || r == "earn" || r == "earns") && next == "more" && (raw(i+2) == "than" || raw(i+2) == "money"):
			return topicPay // "do dbas make more than devops engineers"
		case r == "hours" && (next == "a" || next == "per") && (raw(i+2) == "week" || raw(i+2) == "day"),
			r == "life" && next == "balance" && raw(i-1) == "work",
			(r == "4" || r == "four") && next == "day" && raw(i+2) == "week":
			return topicHours // "how many hours a week", "work life balance"
		case r == "notice" && (next == "period" || next == "before" || raw(i-1) == "much" || raw(i-1) == "weeks"):
			return topicHop // "how long is a normal notice period"
		case (r == "two" || r == "second") && (next == "jobs" || next == "job"):
			return topicTax // "can I work two jobs", an employment contract's question
		case r == "big" && next == "tech":
			return topicEmployer // "from a startup to big tech"
		case r == "job" && next == "market", r == "hiring" && next == "freeze":
			return "where the job market is going"
		case r == "benefits" && (next == "package" || raw(i-1) == "health" || raw(i-1) == "employee"):
			return topicLeave
		case (r == "green" || r == "blue") && next == "card", r == "work" && (next == "permit" || next == "permits"):
			return topicVisa
		case (r == "quit" || r == "quitting" || r == "leave" || r == "leaving") && slices.Contains([]string{"my", "the", "this", "a", "our"}, next) &&
			slices.Contains([]string{"job", "company", "employer", "startup", "firm"}, raw(i+2)):
			return topicHop // "should I quit my job", not "leave the team a runbook"
		}
	}
	if employerNamed(toks) {
		return topicEmployer
	}
	return ""
}

// employment reports whether the question names an uncovered topic that
// is about employment by its nature: "my non-compete", "can I be fired".
func employment(toks []qword) bool {
	for i, t := range toks {
		switch {
		case employmentOnly[t.raw]:
			return true
		case t.raw == "non" && rawAt(toks, i+1) == "compete":
			return true
		case t.raw == "fired" && slices.Contains([]string{"be", "get", "got", "getting", "was", "been", "being"}, rawAt(toks, i-1)):
			return true
		case t.raw == "raise" && (rawAt(toks, i-1) == "a" || rawAt(toks, i-1) == "for"), t.raw == "stock" && rawAt(toks, i+1) == "options":
			return true // "ask for a raise", "tax on stock options"
		case t.raw == "work" && (rawAt(toks, i-1) == "at" || rawAt(toks, i-1) == "from"):
			return true // "harassment at work"
		}
	}
	return false
}

// employerNamed reports whether the question is about a well-known
// company as an employer: "should I join google or meta", "what does
// amazon ask in the leadership principles round".
func employerNamed(toks []qword) bool {
	return slices.ContainsFunc(toks, func(t qword) bool { return employers[t.raw] }) &&
		slices.ContainsFunc(toks, func(t qword) bool { return employerWords[t.raw] })
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

// workSide reads which side of the later stages' work a liking points
// to: +1 people ("I enjoy helping others more than coding"), -1 hands-on
// work ("I just want to code and not deal with people", "stay hands-on
// and never manage anyone"), 0 neither or both. Only a liking or a want
// counts.
func (qa *parsed) workSide() int {
	wants := slices.ContainsFunc(qa.toks, func(t qword) bool { return t.raw == "want" || t.raw == "wanna" || t.raw == "rather" })
	if !qa.prefer && !wants || slices.ContainsFunc(qa.toks, func(t qword) bool { return t.raw == "from" || t.raw == "how" }) {
		// ("from writing code to designing systems" is a move, "I want
		// to code in go, how do I start" a how-to.)
		return 0
	}
	side, liked := 0, map[int]bool{}
	for i, t := range qa.toks {
		w := 0
		switch {
		case peopleWork[t.raw]:
			w = 1
		case handsOnWork[t.raw]:
			w = -1
		default:
			continue
		}
		if slices.ContainsFunc([]int{1, 2, 3}, func(b int) bool {
			return negCues[qa.raw(i-b)] && !qa.ratherAt(i-b) || qa.raw(i-b) == "t" || qa.than(i-b)
		}) {
			w = -w // "more than coding", "never manage anyone"; not "I'd rather code"
		} else {
			liked[w] = true
		}
		side += w
	}
	// The side must be liked in so many words: "hate building features"
	// alone says nothing for people.
	switch {
	case side > 0 && liked[1]:
		return 1
	case side < 0 && liked[-1]:
		return -1
	}
	return 0
}

// learnerTeach reports whether raw[i] is "teach" said by someone who
// wants to learn: "teach me rust", "teach us SQL", "teach myself Go".
// The asker is the learner, so the question is about the thing taught,
// not about mentoring, which "teaching" otherwise means in the roadmap.
func learnerTeach(raw []string, i int) bool {
	if !teachForms[raw[i]] || i+1 >= len(raw) {
		return false
	}
	return learnerObjs[raw[i+1]]
}

var (
	teachForms  = set("teach", "teaches", "teaching")
	learnerObjs = set("me", "us", "myself", "ourselves")
)

// lifeBeside reports whether a word of everyday life stands right before
// or after word i.
func (qa *parsed) lifeBeside(i int) bool {
	return i > 0 && qa.toks[i-1].class == clLife || i+1 < len(qa.toks) && qa.toks[i+1].class == clLife
}

// roleAt reports whether word i asks about a role itself, named just
// before it: what it does ("is that really what a dba does", wh telling
// a question word came before) or whether it lasts ("are DBAs obsolete",
// "do dbas still exist", "is devops dying").
func (qa *parsed) roleAt(i int, wh bool) bool {
	r := qa.raw(i)
	if (r == "does" || r == "do") && i > 1 {
		return wh && qa.toks[i-1].class == clLevel && articles[qa.raw(i-2)]
	}
	if (r == "job" || r == "role") && (qa.raw(i-1) == "that" || qa.raw(i-1) == "this") {
		// "dbas keep a bank's data safe - what does that job look like"
		return slices.ContainsFunc(qa.toks[:i], func(t qword) bool { return t.class == clLevel && !everyday[t.raw] })
	}
	if !fateWords[r] {
		return false
	}
	for j := i - 1; j >= max(0, i-3) && !qa.toks[j+1].brk; j-- {
		if qa.toks[j].class == clLevel && !everyday[qa.toks[j].raw] {
			return true
		}
	}
	return false
}
