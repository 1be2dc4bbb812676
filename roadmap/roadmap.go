// Package roadmap holds the career roadmap domain: stages, specialization
// tracks, skills and weekly nudges, the YAML loader that validates a team's
// own roadmap, the embedded default backend roadmap, and the question
// answerer that ranks roadmap sections for a free-text question.
package roadmap

// Roadmap is a loaded, validated career roadmap. Stages are ordered from the
// first (junior) to the last (lead); tracks are specializations a member may
// choose from the stage named by Track.From onwards.
type Roadmap struct {
	Name    string  `yaml:"name"`
	Summary string  `yaml:"summary"`
	Stages  []Stage `yaml:"stages"`
	Tracks  []Track `yaml:"tracks"`
	// Synonyms maps a canonical term to words and abbreviations people use
	// for it ("database": ["db", "dba"]); the answerer expands questions
	// with them so custom roadmaps get their own vocabulary.
	Synonyms map[string][]string `yaml:"synonyms"`

	// idx is the skill index built by Parse; lookups on a Roadmap built by
	// hand build a throwaway one instead.
	idx *index
	// examples are labelled questions the answerer learns people's
	// words from: the default roadmap's own, none for a custom one.
	examples []Example
}

// Level is what stages and tracks share: a named step with skills and
// weekly nudges.
type Level struct {
	ID      string `yaml:"id"`
	Title   string `yaml:"title"`
	Summary string `yaml:"summary"`
	// Changes says what is different at this level compared with the one before.
	Changes string `yaml:"changes"`
	// Ready says how a member knows they are ready to move on.
	Ready  string  `yaml:"ready"`
	Skills []Skill `yaml:"skills"`
	Nudges []Nudge `yaml:"nudges"`
}

// Stage is one step of the career ladder (junior, mid, senior, lead).
type Stage struct {
	Level `yaml:",inline"`
}

// Track is a specialization (dba, api, devops, generalist).
type Track struct {
	Level `yaml:",inline"`
	// From is the id of the first stage at which the track may be chosen.
	From string `yaml:"from"`
}

// Skill is one thing to learn.
type Skill struct {
	ID      string   `yaml:"id"`
	Name    string   `yaml:"name"`
	Aliases []string `yaml:"aliases"`
	// What explains what the skill is.
	What string `yaml:"what"`
	// Why explains why it matters at this level.
	Why       string     `yaml:"why"`
	Tasks     []string   `yaml:"tasks"`
	Resources []Resource `yaml:"resources"`
}

// Resource is a link to documentation or free learning material.
type Resource struct {
	Title string `yaml:"title"`
	URL   string `yaml:"url"`
}

// Nudge is one small, concrete thing to do in a week.
type Nudge struct {
	ID   string `yaml:"id"`
	Text string `yaml:"text"`
	// Skill optionally names the skill the nudge works towards; the nudge's
	// Done button marks it done.
	Skill string `yaml:"skill"`
	// Small is a smaller version of the step, offered to members who have
	// not moved for a few weeks.
	Small string `yaml:"small"`
}

// Ref locates a skill within the roadmap.
type Ref struct {
	Stage string // stage id, empty when the skill belongs to a track
	Track string // track id, empty when the skill belongs to a stage
	Skill *Skill
}
