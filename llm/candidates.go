package llm

import (
	"fmt"
	"strings"

	"github.com/mentorbot/mentorbot/roadmap"
)

// ID is the candidate id of a roadmap section: "skill:<id>" for a skill,
// else "stage:<id>" or "track:<id>".
func ID(s roadmap.Section) string {
	switch {
	case s.Skill != "":
		return "skill:" + s.Skill
	case s.Stage != "":
		return "stage:" + s.Stage
	case s.Track != "":
		return "track:" + s.Track
	}
	return ""
}

// MaxCandidates is the most candidates Candidates returns.
const MaxCandidates = 6

// Candidates turns an offline answer into the sections the model may
// choose from, best first: the answer's own section when it has one, its
// alternatives, the overview of the answer's stage or track, and the
// overviews of the asker's stage and track (either may be empty). Each
// carries the text the model may write from and the resources it may
// link to. Sections the roadmap doesn't have are skipped.
func Candidates(rm *roadmap.Roadmap, a roadmap.Answer, stage, track string) []Candidate {
	var secs []roadmap.Section
	if a.Confident && (a.Skill != "" || a.Stage != "" || a.Track != "") && a.Kind != roadmap.NextAnswer {
		secs = append(secs, a.Section)
	}
	secs = append(secs, a.Alternatives...)
	if a.Skill != "" {
		secs = append(secs, roadmap.Section{Stage: a.Stage, Track: a.Track})
	}
	secs = append(secs, roadmap.Section{Stage: stage}, roadmap.Section{Track: track})
	var out []Candidate
	seen := map[string]bool{}
	for _, s := range secs {
		id := ID(s)
		if id == "" || seen[id] || len(out) == MaxCandidates {
			continue
		}
		if c, ok := candidate(rm, s); ok {
			seen[id] = true
			out = append(out, c)
		}
	}
	return out
}

// candidate renders one section with its text and links.
func candidate(rm *roadmap.Roadmap, s roadmap.Section) (Candidate, bool) {
	if s.Skill != "" {
		ref, ok := rm.Skill(s.Skill)
		if !ok {
			return Candidate{}, false
		}
		lv, _ := rm.Level(ref.Stage + ref.Track)
		sk := ref.Skill
		var links []Link
		for _, r := range sk.Resources {
			links = append(links, Link{Title: r.Title, URL: r.URL})
		}
		text := roadmap.Answer{Kind: roadmap.SkillAnswer, Item: sk, Level: lv}.Text()
		return Candidate{ID: ID(s), Title: sk.Name, Text: text, Links: links,
			Section: roadmap.Section{Stage: ref.Stage, Track: ref.Track, Skill: sk.ID, Title: sk.Name}}, true
	}
	lv, ok := rm.Level(s.Stage + s.Track)
	if !ok {
		return Candidate{}, false
	}
	text := roadmap.Answer{Kind: roadmap.LevelAnswer, Level: lv}.Text()
	return Candidate{ID: ID(s), Title: lv.Title, Text: text,
		Section: roadmap.Section{Stage: s.Stage, Track: s.Track, Title: lv.Title}}, true
}

// MemberSummary describes a member for the model in a few plain lines:
// their stage and track and, by name, the skills of the roadmap they have
// done and are learning (ids the roadmap doesn't know are left out). It
// is empty when stage is empty (someone who hasn't joined).
func MemberSummary(rm *roadmap.Roadmap, stage, track string, done, learning []string) string {
	st, ok := rm.Stage(stage)
	if !ok {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Stage: %s.", st.Title)
	if tr, ok := rm.Track(track); ok {
		fmt.Fprintf(&b, " Track: %s.", tr.Title)
	} else {
		b.WriteString(" Track: none chosen.")
	}
	fmt.Fprintf(&b, "\nSkills at their stage and track: %d.", len(rm.LevelSkills(stage, track)))
	if names := skillNames(rm, done); len(names) > 0 {
		fmt.Fprintf(&b, "\nDone: %s.", strings.Join(names, "; "))
	} else {
		b.WriteString("\nDone: none yet.")
	}
	if names := skillNames(rm, learning); len(names) > 0 {
		fmt.Fprintf(&b, "\nLearning now: %s.", strings.Join(names, "; "))
	}
	return b.String()
}

func skillNames(rm *roadmap.Roadmap, ids []string) []string {
	var out []string
	for _, id := range ids {
		if ref, ok := rm.Skill(id); ok {
			out = append(out, ref.Skill.Name)
		}
	}
	return out
}
