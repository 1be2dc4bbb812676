package roadmap

import (
	"strings"
	"unicode/utf8"
)

// FindSkillFor is FindSkill for a member at stage, following track: an
// id, alias or close spelling that matches a skill of their own track or
// stage wins over every other stage's skills, so that a DBA's "done
// replicaton" is their track's replication skill, not mid-level
// Scalability (whose aliases merely mention replication). Only when
// nothing of their own matches does it fall back to FindSkill over the
// whole roadmap, and there only an exact id, alias or name is taken: a
// close spelling of another stage's skill ("gti" for a mid-level member,
// whose stage has no git) comes back as a suggestion, because saving a
// guess at a skill outside the member's level would change what their
// lead sees without them knowing.
//
// Their own skills are tried by strength of match, each strength first
// on the track (the specialization they chose) then on the stage: the id
// or name; an alias or a whole word of the id or name; a close spelling
// of any of those, or of a word of the id. A strength that matches two
// skills of one level decides nothing there. Another skill's exact id or
// name beats a word of one's own, and its alias a close spelling.
func (r *Roadmap) FindSkillFor(name, stage, track string) (Ref, []string, bool) {
	q := normalize(name)
	if q == "" {
		return r.FindSkill(name)
	}
	level := r.LevelSkills(stage, track)
	// A button or an example sends the id itself: found without
	// normalizing every skill of the level, as exactMatch would, nor
	// sorting the level into track and stage (a `done`'s usual case).
	for _, ref := range level {
		if ref.Skill.ID == name { // ids are unique: no track-first order needed
			return ref, nil, true
		}
	}
	var onTrack, onStage []Ref
	for _, ref := range level {
		if ref.Track != "" {
			onTrack = append(onTrack, ref)
		} else {
			onStage = append(onStage, ref)
		}
	}
	for i, strength := range []func(string, *Skill) int{exactMatch, wordMatch, closeMatch} {
		// Another skill's exact id or name beats a word of one's own,
		// and its exact alias a mere close spelling.
		if i == 1 && r.named(q) || i == 2 && r.exactly(name) {
			break
		}
		for _, refs := range [][]Ref{onTrack, onStage} {
			if ref, ok := bestOwn(q, refs, strength); ok {
				return ref, nil, true
			}
		}
	}
	ref, sugg, ok := r.FindSkill(name)
	if ok && !r.exactly(name) && (stage != "" && !ownRef(ref, onTrack, onStage) || short(q) && !swapOfKey(q, ref.Skill)) {
		return Ref{}, []string{ref.Skill.ID}, false
	}
	return ref, sugg, ok
}

// short reports whether a normalized skill name is too short for a close
// spelling to be taken at its word: "tes" is one slip from "tls" and from
// "test", so it is offered as "did you mean", not acted on.
func short(q string) bool { return utf8.RuneCountInString(q) <= 3 }

// swapOfKey reports whether q is one of s's keys with two neighbouring
// letters swapped ("gti" for git): a slip of the fingers that keeps every
// letter, safe to act on even in a short name.
func swapOfKey(q string, s *Skill) bool {
	for _, k := range append(skillKeys(s), idWords(s)...) {
		a, b := []rune(q), []rune(k)
		if len(a) != len(b) {
			continue
		}
		for i := 0; i+1 < len(a); i++ {
			if a[i] != b[i] {
				if a[i] == b[i+1] && a[i+1] == b[i] && string(a[i+2:]) == string(b[i+2:]) {
					return true
				}
				break
			}
		}
	}
	return false
}

// ownRef reports whether ref is one of the member's own skills.
func ownRef(ref Ref, levels ...[]Ref) bool {
	for _, refs := range levels {
		for _, o := range refs {
			if o.Skill.ID == ref.Skill.ID {
				return true
			}
		}
	}
	return false
}

// exactly reports whether name is exactly some skill's id, alias, name
// or plain name (its id less its level's prefix).
func (r *Roadmap) exactly(name string) bool {
	ix := r.index()
	if _, ok := ix.byKey[strings.ToLower(strings.TrimSpace(name))]; ok {
		return true
	}
	q := normalize(name)
	if len(ix.norm[q]) == 1 {
		return true
	}
	_, ok := ix.plainName(q)
	return ok
}

// named reports whether q is exactly some skill's id or name.
func (r *Roadmap) named(q string) bool {
	for _, ref := range r.index().refs {
		if exactMatch(q, ref.Skill) == 0 {
			return true
		}
	}
	return false
}

// bestOwn returns the one skill of refs that strength rates best (a lower
// score is better; negative means no match), unless two share that score.
func bestOwn(q string, refs []Ref, strength func(string, *Skill) int) (Ref, bool) {
	best, n := -1, 0
	var found Ref
	for _, ref := range refs {
		s := strength(q, ref.Skill)
		switch {
		case s < 0:
		case best < 0 || s < best:
			best, n, found = s, 1, ref
		case s == best:
			n++
		}
	}
	return found, n == 1
}

// exactMatch: q is the skill's id or name.
func exactMatch(q string, s *Skill) int {
	if normalize(s.ID) == q || normalize(s.Name) == q {
		return 0
	}
	return -1
}

// wordMatch: q is an alias, or one whole word of the id, name or an alias.
func wordMatch(q string, s *Skill) int {
	for _, a := range s.Aliases {
		if normalize(a) == q {
			return 0
		}
	}
	if utf8.RuneCountInString(q) < 4 {
		return -1
	}
	for _, w := range nameWords(s) {
		if w == q {
			return 0
		}
	}
	return -1
}

// closeMatch: q is a close spelling of the id, name or an alias, or of a
// word of the id (the words a skill is named by; a typo of a word buried
// in a long name or alias is too weak a guess to mark a skill on); the
// score is the distance.
func closeMatch(q string, s *Skill) int {
	n := utf8.RuneCountInString(q)
	if n < 4 {
		return -1
	}
	limit := max(1, n/4)
	best := -1
	for _, k := range append(skillKeys(s), idWords(s)...) {
		if utf8.RuneCountInString(k) < 4 {
			continue
		}
		if d := typoDistance(q, k); d <= limit && (best < 0 || d < best) {
			best = d
		}
	}
	return best
}

// idWords are the words of a skill's id ("dba-replication-ha").
func idWords(s *Skill) []string {
	var out []string
	for _, w := range strings.Split(strings.ToLower(s.ID), "-") {
		if w = normalize(w); w != "" {
			out = append(out, w)
		}
	}
	return out
}

// nameWords are the normalized words of a skill's id, name and aliases.
func nameWords(s *Skill) []string {
	var out []string
	for _, p := range append([]string{s.ID, s.Name}, s.Aliases...) {
		for _, w := range strings.FieldsFunc(strings.ToLower(p), func(r rune) bool {
			return r == ' ' || r == '-' || r == '_' || r == '/' || r == ','
		}) {
			if w = normalize(w); w != "" {
				out = append(out, w)
			}
		}
	}
	return out
}
