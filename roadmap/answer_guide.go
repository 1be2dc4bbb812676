package roadmap

import "slices"

// Questions about guiding someone: a senior or lead asking how to help,
// support or talk to a person they guide ("my junior wants to learn
// kubernetes, how do I help her?", "one of my reports wants to move
// toward devops, how do I support that?"). Such a question names the
// person's topic or goal, often in more words than the rest, but asks
// about the asker's people skills: mentoring juniors, growing people.

// guideVerbs are what the asker does for someone they guide.
var guideVerbs = set("help", "support", "guide", "coach", "encourage", "mentor", "develop", "nurture", "steer", "prepare", "talk", "speak", "tell", "approach")

// guideObjects after a guide verb name whom is helped: "help her",
// "coach them through it". guideAims name what, after the verbs of
// helping only: "support that", not "push for it" or "talk about it".
var (
	guideObjects = set("him", "her", "them")
	guideAims    = set("that", "this", "it")
	helpVerbs    = set("help", "support", "encourage", "coach", "guide")
)

// leadCues say the asker leads people: "I manage a team", "I lead a team
// of six", "as their lead", "my reports".
var leadCues = set("manage", "managing", "lead", "leading", "manager", "reports", "report")

// guideAsk reports whether the question asks how the asker, on the
// giving side and naming someone they guide, should help that person:
// "I" (or "we") with a guide verb and its object within a few words.
func (qa parsed) guideAsk() bool {
	if qa.persp <= 0 && !qa.leadsPeople() {
		return false
	}
	// A relative spoken for may be the one guiding: "my husband is a
	// lead and one of his mentees..., how does he help her?"
	proxy := slices.ContainsFunc(qa.toks, func(t qword) bool { return relatives[t.raw] && t.class == clFiller })
	for i, t := range qa.toks {
		if t.raw != "i" && t.raw != "we" && !(proxy && (t.raw == "he" || t.raw == "she")) {
			continue
		}
		for j := i + 1; j <= i+3 && j < len(qa.toks) && !qa.toks[j].brk; j++ {
			if !guideVerbs[qa.raw(j)] {
				continue
			}
			for k := j + 1; k <= j+3 && k < len(qa.toks); k++ {
				if guideObjects[qa.raw(k)] || helpVerbs[qa.raw(j)] && guideAims[qa.raw(k)] || qa.raw(k) == "my" && myGiver[qa.raw(k+1)] {
					return true
				}
			}
		}
	}
	return false
}

// guideSection returns the people skill a guide question asks about:
// among the skills on mentoring, the later stage's (growing people) when
// the asker leads people or the person is past the first stage, else the
// earlier one's (mentoring juniors); -1 when the roadmap has none.
func (ix *Index) guideSection(qa parsed) int {
	// The asker leads people ("I manage a team", "my team members") ...
	later := slices.ContainsFunc(qa.toks, func(t qword) bool { return leadCues[t.raw] })
	for i, t := range qa.toks {
		later = later || t.raw == "team" && (qa.raw(i-1) == "my" || qa.raw(i-1) == "our") && qa.raw(i-2) != "on" && qa.raw(i-2) != "in"
	}
	for _, m := range qa.mentions {
		if st := ix.levels[m.level].stage; st != "" && m.self && ix.rm.StageIndex(st) == len(ix.rm.Stages)-1 {
			later = true // "I'm a lead"
		}
	}
	// ... unless the person helped is named at a level: the last named
	// decides ("a junior on my team", "a mid dev").
	for _, m := range qa.mentions {
		if st := ix.levels[m.level].stage; st != "" && m.person {
			later = ix.rm.StageIndex(st) > 0
		}
	}
	mentor := stem("mentoring")
	best, at := -1, 0
	for d, s := range ix.docs {
		if s.isLevel || s.Stage == "" || !slices.Contains(stems(s.Title), mentor) {
			continue
		}
		st := ix.rm.StageIndex(s.Stage)
		if best < 0 || (st > at) == later {
			best, at = d, st
		}
	}
	return best
}

// leadsPeople reports whether the asker says they lead or manage people:
// "I manage a team of 5", "we lead", "as their lead".
func (qa parsed) leadsPeople() bool {
	for i, t := range qa.toks {
		if (t.raw == "i" || t.raw == "we") && (qa.raw(i+1) == "manage" || qa.raw(i+1) == "lead") ||
			t.raw == "as" && (qa.raw(i+1) == "their" || qa.raw(i+1) == "his" || qa.raw(i+1) == "her") && leadCues[qa.raw(i+2)] {
			return true
		}
	}
	return false
}
