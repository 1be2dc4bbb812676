package bot

import (
	"slices"
	"strings"
	"time"

	"github.com/mentorbot/mentorbot/roadmap"
)

// findStage resolves a stage by id, title or the start of its title.
func (b *Bot) findStage(s string) (*roadmap.Stage, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if st, ok := b.rm.Stage(s); ok {
		return st, true
	}
	// "Mid Level", "mid-level" and "mid_level" all start the title
	// "Mid-level backend developer".
	s = foldWords(s)
	for i := range b.rm.Stages {
		st := &b.rm.Stages[i]
		if title := foldWords(st.Title); s != "" && strings.HasPrefix(title, s) {
			return st, true
		}
	}
	return nil, false
}

// foldWords lower-cases s and spells every run of spaces, hyphens and
// underscores as one space, so that titles match however their words are
// joined.
func foldWords(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return r == ' ' || r == '-' || r == '_' || r == '\t'
	}), " ")
}

// findTrack resolves a track by id or title.
func (b *Bot) findTrack(s string) (*roadmap.Track, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if tr, ok := b.rm.Track(s); ok {
		return tr, true
	}
	for i := range b.rm.Tracks {
		tr := &b.rm.Tracks[i]
		if s != "" && foldWords(tr.Title) == foldWords(s) {
			return tr, true
		}
	}
	return nil, false
}

func (b *Bot) stageTitle(id string) string {
	if st, ok := b.rm.Stage(id); ok {
		return st.Title
	}
	if id == "" {
		return "—"
	}
	return id
}

func (b *Bot) trackTitle(id string) string {
	if tr, ok := b.rm.Track(id); ok {
		return tr.Title
	}
	if id == "" {
		return "—"
	}
	return id
}

func (b *Bot) levelTitle(m *Member) string {
	if m.Track != "" {
		return b.stageTitle(m.Stage) + " and the " + b.trackTitle(m.Track) + " track"
	}
	return b.stageTitle(m.Stage)
}

// trackOpen reports whether tr may be followed at stage.
func (b *Bot) trackOpen(tr *roadmap.Track, stage string) bool {
	return b.rm.StageIndex(stage) >= b.rm.StageIndex(tr.From)
}

// trackList names the tracks open at stage, or all when stage is empty.
func (b *Bot) trackList(stage string) string {
	var ids []string
	for _, tr := range b.rm.Tracks {
		if stage == "" || b.trackOpen(&tr, stage) {
			ids = append(ids, tr.ID)
		}
	}
	return quoteList(ids)
}

// levels returns the member's stage and, if chosen and open, track.
func (b *Bot) levels(m *Member) []*roadmap.Level {
	var out []*roadmap.Level
	if st, ok := b.rm.Stage(m.Stage); ok {
		out = append(out, &st.Level)
	}
	if tr, ok := b.rm.Track(m.Track); ok && b.trackOpen(tr, m.Stage) {
		out = append(out, &tr.Level)
	}
	return out
}

// bars draws the stage bar and, when a track is chosen, the track bar.
func (b *Bot) bars(m *Member) []Bar {
	var out []Bar
	for _, lv := range b.levels(m) {
		bar := Bar{Label: lv.Title}
		for _, s := range lv.Skills {
			if st := m.Skills[s.ID].Status; st != Skipped {
				bar.Total++
				if st == Done {
					bar.Done++
				}
			}
		}
		out = append(out, bar)
	}
	return out
}

// nextSkills returns the skills in progress first, then those not started,
// in roadmap order.
func (b *Bot) nextSkills(m *Member, n int) []roadmap.Ref {
	if n <= 0 {
		return nil
	}
	level := b.rm.LevelSkills(m.Stage, m.Track)
	// Learning first, then not started: two passes over the level fill
	// one slice of at most n, where two lists joined cost three.
	out := make([]roadmap.Ref, 0, min(n, len(level)))
	for _, want := range [...]Status{Learning, ""} {
		for _, r := range level {
			if len(out) == n {
				return out
			}
			if m.Skills[r.Skill.ID].Status == want {
				out = append(out, r)
			}
		}
	}
	return out
}

// freshSkills returns up to n skills not started yet, in roadmap order.
func (b *Bot) freshSkills(m *Member, n int) []roadmap.Ref {
	var fresh []roadmap.Ref
	for _, r := range b.rm.LevelSkills(m.Stage, m.Track) {
		if m.Skills[r.Skill.ID].Status == "" && len(fresh) < n {
			fresh = append(fresh, r)
		}
	}
	return fresh
}

func (b *Bot) inLevel(m *Member, skill string) bool {
	return slices.ContainsFunc(b.rm.LevelSkills(m.Stage, m.Track), func(r roadmap.Ref) bool { return r.Skill.ID == skill })
}

func skillIDs(m *Member) []string {
	ids := make([]string, 0, len(m.Skills))
	for id := range m.Skills {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// display is how text names a member: their name when the platform told
// it, else a mention, which Slack and Discord show as the person's name
// (a raw id means nothing to a reader).
func display(m *Member) string {
	if m.Name != "" {
		return m.Name
	}
	return mention(m.ID)
}

// ago says how long ago t was, in words.
func ago(now, t time.Time) string {
	if t.IsZero() {
		return "never"
	}
	d := now.Sub(t)
	switch {
	case d < time.Hour:
		return "just now"
	case d < 24*time.Hour:
		return plural(int(d/time.Hour), "hour", "hours") + " ago"
	case d < 48*time.Hour:
		return "yesterday"
	}
	return plural(int(d/(24*time.Hour)), "day", "days") + " ago"
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return itoa(n) + " " + many
}

// firstSentence keeps summaries short in lists.
func firstSentence(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.Index(s, ". "); i >= 0 {
		return s[:i+1]
	}
	return s
}
