package roadmap

// Choosing between one topic's sections at two stages: "unit tests" at
// junior and "testing strategy" at mid, "SQL basics" and "indexes and
// transactions". When the two score nearly alike, the question's own
// words say which stage it is at: "basics", "first", "new to" ask for
// the earlier one; "at scale", "strategy", "slow in production" for the
// later; with neither cue the ranking stands (preferring the earlier stage
// by default lost more questions than it won).

// depthTie is how near the runner-up must score to the best section for
// the stage cue to choose between them.
const depthTie = 0.7

// depthShared is the share of each section's score that must come from
// words both share for them to be one topic at two stages.
const depthShared = 0.5

// beginnerWords ask for a topic's first steps.
var beginnerWords = set("first", "basics", "basic", "beginner", "beginners", "new", "newbie", "intro",
	"introduction", "fundamentals", "start", "starting", "simple", "supposed")

// depthWords ask for a topic's depth: its design, its strategy, its
// behaviour at scale or in production.
var depthWords = set("scale", "strategy", "strategies", "design", "production", "slow", "slower", "seconds",
	"minutes", "millions", "huge", "large", "optimize", "optimise", "tune", "tuning", "balance", "mix", "each",
	"architecture", "concurrent", "concurrently", "deadlock")

// byDepth returns the section to answer instead of best when the
// runner-up is the same topic at another stage and the question's words
// (or their absence) point there; else best.
func (ix *Index) byDepth(qa parsed, best int, order []int, scores []float64) int {
	if ix.docs[best].isLevel || len(order) < 2 {
		return best
	}
	other := order[0]
	if other == best {
		other = order[1]
	}
	a, b := ix.docs[best], ix.docs[other]
	if b.isLevel || scores[other] < depthTie*scores[best] || ix.levels[a.level].order == ix.levels[b.level].order {
		return best
	}
	if !ix.sameTopic(qa, best, other) {
		return best
	}
	early, late := best, other
	if ix.levels[a.level].order > ix.levels[b.level].order {
		early, late = other, best
	}
	cue := 0
	for i, t := range qa.toks {
		switch {
		case ix.namesEither(t.stem, best, other):
			// "system design" names a topic; it asks for no depth.
		case t.raw == "each" && i+1 < len(qa.toks) && qa.toks[i+1].raw == "other":
			// "blaming each other" weighs no mix of kinds.
		case t.raw == "new" && (i+1 >= len(qa.toks) || qa.toks[i+1].raw != "to"):
			// "a brand new service" is no beginner's question; "new to
			// testing" is.
		case beginnerWords[t.raw] || t.raw == "what" && i+1 < len(qa.toks) && qa.toks[i+1].raw == "is":
			cue--
		case depthWords[t.raw]:
			cue++
		}
	}
	switch {
	case cue > 0:
		return late
	case cue < 0:
		return early
	}
	return best
}

// sameTopic reports whether most of each section's score comes from the
// question's words that both sections hold.
func (ix *Index) sameTopic(qa parsed, x, y int) bool {
	var sx, sy [2]float64
	for _, t := range qa.terms {
		var wx, wy float64
		for _, p := range ix.postings[t.stem] {
			switch int(p.doc) {
			case x:
				wx += t.w * float64(p.w)
			case y:
				wy += t.w * float64(p.w)
			}
		}
		sx[1] += wx
		sy[1] += wy
		if wx > 0 && wy > 0 {
			sx[0] += wx
			sy[0] += wy
		}
	}
	return sx[1] > 0 && sy[1] > 0 && sx[0] >= depthShared*sx[1] && sy[0] >= depthShared*sy[1]
}

// namesEither reports whether stem is in the name, aliases or title of
// section x or y.
func (ix *Index) namesEither(stem string, x, y int) bool {
	for _, p := range ix.postings[stem] {
		if p.name && (int(p.doc) == x || int(p.doc) == y) {
			return true
		}
	}
	return false
}
