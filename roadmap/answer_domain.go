package roadmap

import (
	"slices"
	"strings"
	"unicode"
)

// Telling a career or software question from one that only shares some
// of the roadmap's words ("who is the lead singer of queen").

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
	if qa.specialize {
		pro += 1.5 // "I don't want to specialize, I like variety"
	}
	if qa.levelMove() {
		pro += 1.5 // "the road from junior to mid": a move between levels
	}
	every, track, life := 0, false, false
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
		case t.class == clLife && qa.career && trades[t.raw]:
			// "former teacher switching to backend dev": another trade
			// in a career question is where the asker comes from.
		case t.class == clLife:
			con += 2
			life = true
		}
	}
	pro += 0.5 * float64(every)
	if every >= 2 && d >= 0 && ix.nameMatches(qa, d) >= 2 {
		pro += 0.5
	}
	// A word of everyday life in a question with nothing of work or
	// software but common words ("a running mentor for my first
	// marathon") settles it.
	if life && !qa.careerish() {
		return false
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
		slices.ContainsFunc(qa.toks, func(t qword) bool { return t.raw == "team" || t.raw == "teams" }) ||
		slices.ContainsFunc(qa.mentions, func(m mention) bool { return m.self && !m.neg && !m.person }) {
		// "how should a lead handle conflict in the team"; the asker's
		// own level is a career context: "got laid off as a mid, what
		// should i brush up on"
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
// of the roadmap's own vocabulary, money named as an offer ("95k"), or a
// well-known company as an employer.
func (qa parsed) careerish() bool {
	return qa.career || qa.workContext() || len(qa.mentions) > 0 || qa.specialize ||
		slices.ContainsFunc(qa.toks, func(t qword) bool { return t.class == clTech && !t.common() }) ||
		slices.ContainsFunc(qa.toks, func(t qword) bool { return isThousands(t.raw) || t.raw == "offer" || t.raw == "offers" }) ||
		employerNamed(qa.toks) || employment(qa.toks)
}

// common reports whether a word of the roadmap's vocabulary is common
// English, weak evidence of a software question.
func (t qword) common() bool {
	return t.class == clTech && (commonWords[t.raw] || commonWords[t.stem])
}

// asLevel reports whether the level named at word i is the asker's own,
// where they would go, or named with a kind word ("as a mid", "can I be
// a good lead", "junior developer").
func (qa parsed) asLevel(i int) bool {
	return slices.ContainsFunc(qa.mentions, func(m mention) bool {
		// A name of two words ("mid level", "tech lead") is a level's.
		return m.at == i && (m.self || m.be || m.explicit || m.last > m.at) && !m.person
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

// levelMove reports whether the question names a move from one level to
// another ("from junior to mid"), each name standing as a level, not as
// the first word of another thing ("junior high", "middle school").
func (qa parsed) levelMove() bool {
	var from, to bool
	for _, m := range qa.mentions {
		if m.person || m.neg {
			continue
		}
		if n := m.last + 1; n < len(qa.toks) && qa.toks[n].class >= clProse && !qa.toks[n].brk {
			continue
		}
		from = from || m.origin
		to = to || m.dest
	}
	return from && to
}
