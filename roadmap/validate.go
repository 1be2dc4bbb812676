package roadmap

import (
	"fmt"
	"net/url"
	"strings"

	"go.yaml.in/yaml/v3"
)

// owner is where an id or alias was first seen.
type owner struct {
	skill  string // the skill id ("" for level and nudge ids)
	serial int    // tells two skills with the same id apart
	line   int
}

// validation holds what the cross-reference checks need.
type validation struct {
	*checker
	root   *yaml.Node
	levels map[string]owner // stage and track ids
	skills map[string]owner // lowercased skill ids and aliases
	nudges map[string]owner
	serial int
}

// validate checks the required fields, id syntax, uniqueness and references
// of a decoded roadmap; root supplies the line numbers.
func (c *checker) validate(rm *Roadmap, root *yaml.Node) {
	v := &validation{checker: c, root: root,
		levels: map[string]owner{}, skills: map[string]owner{}, nudges: map[string]owner{}}
	if len(rm.Stages) == 0 {
		c.add(v.line("stages"), "the roadmap has no stages: it needs at least one")
	}
	for i := range rm.Stages {
		v.level("stage", &rm.Stages[i].Level, "stages", i)
	}
	for i, t := range rm.Tracks {
		name := v.level("track", &rm.Tracks[i].Level, "tracks", i)
		if t.From != "" && !hasStage(rm, t.From) {
			c.add(v.line("tracks", i, "from"), "%s: from names %q, which is not a stage", name, t.From)
		}
	}
}

func hasStage(rm *Roadmap, id string) bool {
	for _, s := range rm.Stages {
		if s.ID == id {
			return true
		}
	}
	return false
}

func (v *validation) line(path ...any) int { return at(v.root, path...).Line }

// level checks a stage or track and returns how messages name it.
func (v *validation) level(kind string, l *Level, list string, i int) string {
	p := []any{list, i}
	name := fmt.Sprintf("%s %q", kind, l.ID)
	if l.ID == "" {
		name = fmt.Sprintf("%s %d", kind, i+1)
	}
	v.id(kind, l.ID, v.line(p...), v.line(append(p, "id")...), name)
	v.unique(v.levels, "stage or track id", l.ID, owner{line: v.line(append(p, "id")...)})
	for _, f := range []struct{ field, val string }{{"title", l.Title}, {"summary", l.Summary}} {
		if strings.TrimSpace(f.val) == "" {
			v.add(v.line(p...), "%s has no %s", name, f.field)
		}
	}
	if len(l.Skills) == 0 {
		v.add(v.line(append(p, "skills")...), "%s has no skills", name)
	}
	if len(l.Nudges) == 0 {
		v.add(v.line(append(p, "nudges")...), "%s has no nudges", name)
	}
	own := map[string]bool{}
	for j := range l.Skills {
		v.skill(&l.Skills[j], name, append(p, "skills", j), j)
		own[l.Skills[j].ID] = true
	}
	for j, n := range l.Nudges {
		np := append(p, "nudges", j)
		nname := fmt.Sprintf("nudge %q", n.ID)
		if n.ID == "" {
			nname = fmt.Sprintf("nudge %d of %s", j+1, name)
		}
		v.id("nudge", n.ID, v.line(np...), v.line(append(np, "id")...), nname)
		v.unique(v.nudges, "nudge id", n.ID, owner{line: v.line(append(np, "id")...)})
		if strings.TrimSpace(n.Text) == "" {
			v.add(v.line(np...), "%s has no text", nname)
		}
		if n.Skill != "" && !own[n.Skill] {
			v.add(v.line(append(np, "skill")...), "%s names skill %q, which is not a skill of %s", nname, n.Skill, name)
		}
	}
	return name
}

func (v *validation) skill(s *Skill, level string, p []any, j int) {
	v.serial++
	name := fmt.Sprintf("skill %q", s.ID)
	if s.ID == "" {
		name = fmt.Sprintf("skill %d of %s", j+1, level)
	}
	idLine := v.line(append(p, "id")...)
	v.id("skill", s.ID, v.line(p...), idLine, name)
	if strings.TrimSpace(s.Name) == "" {
		v.add(v.line(p...), "%s has no name", name)
	}
	if s.ID != "" {
		v.unique(v.skills, "skill id", strings.ToLower(s.ID), owner{skill: s.ID, serial: v.serial, line: idLine})
	}
	for a, alias := range s.Aliases {
		line := v.line(append(p, "aliases", a)...)
		key := strings.ToLower(strings.TrimSpace(alias))
		if key == "" {
			v.add(line, "%s has an empty alias", name)
			continue
		}
		v.unique(v.skills, "alias", key, owner{skill: s.ID, serial: v.serial, line: line})
	}
	for r, res := range s.Resources {
		u, err := url.Parse(res.URL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			v.add(v.line(append(p, "resources", r, "url")...), "%s: resource url %q is not an http(s) link", name, res.URL)
		}
	}
}

// id reports a missing id at the line of the thing that lacks it, and a
// malformed one at the line of the id.
func (v *validation) id(kind, id string, line, idLine int, name string) {
	if id == "" {
		v.add(line, "%s has no id", name)
		return
	}
	for _, r := range id {
		if (r < 'a' || r > 'z') && (r < '0' || r > '9') && r != '-' {
			v.add(idLine, "%s id %q must use only lowercase letters, digits and hyphens", kind, id)
			return
		}
	}
}

// unique records key in seen, reporting it when someone else already has it.
// A skill may repeat its own id among its aliases: that is harmless.
func (v *validation) unique(seen map[string]owner, what, key string, o owner) {
	if key == "" {
		return
	}
	prev, dup := seen[key]
	if !dup {
		seen[key] = o
		return
	}
	if o.serial != 0 && prev.serial == o.serial {
		return
	}
	if prev.skill != "" && what == "alias" {
		v.add(o.line, "alias %q of skill %q is already used by skill %q (line %d)", key, o.skill, prev.skill, prev.line)
		return
	}
	if prev.skill != "" && prev.skill != key {
		v.add(o.line, "skill id %q is already an alias of skill %q (line %d)", key, prev.skill, prev.line)
		return
	}
	v.add(o.line, "duplicate %s %q (first at line %d)", what, key, prev.line)
}
