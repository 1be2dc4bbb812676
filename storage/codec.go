package storage

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/mentorbot/mentorbot/bot"
)

// profileFields encodes m's command-owned fields as hash field/value
// pairs, leaving out empty and zero fields. "name" is always written, even empty, so that a profile
// exists as long as the member does, whatever else is cleared later.
func profileFields(m *bot.Member) []any {
	f := make([]any, 0, 24)
	f = append(f, "name", m.Name)
	str := func(k, v string) {
		if v != "" {
			f = append(f, k, v)
		}
	}
	tm := func(k string, t time.Time) {
		if !t.IsZero() {
			f = append(f, k, strconv.FormatInt(t.UnixMilli(), 10))
		}
	}
	num := func(k string, n int) {
		if n != 0 {
			f = append(f, k, strconv.Itoa(n))
		}
	}
	str("stage", m.Stage)
	str("track", m.Track)
	tm("joined", m.Joined)
	tm("active", m.LastActive)
	tm("progress", m.LastProgress)
	str("lead", m.Lead)
	n := &m.Nudges
	if n.Off {
		f = append(f, "n_off", "1")
	}
	num("n_day", int(n.Day))
	num("n_min", n.Minute)
	str("n_zone", n.Zone)
	tm("n_pause", n.PausedUntil)
	str("n_block", n.Blocked)
	return f
}

// commandFields are the profile fields Apply writes; the rest (n_ign,
// n_sent, n_last, n_week, n_skill) belong to the nudge scheduler's scripts.
func commandFields() []string {
	return []string{"name", "stage", "track", "joined", "active", "progress", "lead",
		"n_off", "n_day", "n_min", "n_zone", "n_pause", "n_block"}
}

// emptyFields returns the command fields that the encoded pairs f leave out.
func emptyFields(f []any) []string {
	set := make(map[any]bool, len(f)/2)
	for i := 0; i < len(f); i += 2 {
		set[f[i]] = true
	}
	var out []string
	for _, name := range commandFields() {
		if !set[name] {
			out = append(out, name)
		}
	}
	return out
}

// decodeMember rebuilds a member from its profile and skills hashes; an
// empty profile means the member does not exist.
func decodeMember(id string, prof, skills map[string]string) (*bot.Member, error) {
	if len(prof) == 0 {
		return nil, nil
	}
	m := &bot.Member{ID: id}
	var err error
	tm := func(k string) time.Time {
		v, ok := prof[k]
		if !ok || err != nil {
			return time.Time{}
		}
		ms, e := strconv.ParseInt(v, 10, 64)
		if e != nil {
			err = fmt.Errorf("member %s field %s: %w", id, k, e)
		}
		return time.UnixMilli(ms).UTC()
	}
	num := func(k string) int {
		v, ok := prof[k]
		if !ok || err != nil {
			return 0
		}
		n, e := strconv.Atoi(v)
		if e != nil {
			err = fmt.Errorf("member %s field %s: %w", id, k, e)
		}
		return n
	}
	m.Name = prof["name"]
	m.Stage = prof["stage"]
	m.Track = prof["track"]
	m.Joined = tm("joined")
	m.LastActive = tm("active")
	m.LastProgress = tm("progress")
	m.Lead = prof["lead"]
	n := &m.Nudges
	n.Off = prof["n_off"] == "1"
	n.Day = time.Weekday(num("n_day"))
	n.Minute = num("n_min")
	n.Zone = prof["n_zone"]
	n.PausedUntil = tm("n_pause")
	n.Blocked = prof["n_block"]
	n.Ignored = num("n_ign")
	if s := prof["n_sent"]; s != "" {
		n.Sent = strings.Split(s, ",")
	}
	n.Last = tm("n_last")
	n.Week = prof["n_week"]
	n.Skill = prof["n_skill"]
	if err != nil {
		return nil, err
	}
	m.Skills = make(map[string]bot.SkillState, len(skills))
	for skill, v := range skills {
		st, err := decodeSkill(v)
		if err != nil {
			return nil, fmt.Errorf("member %s skill %s: %w", id, skill, err)
		}
		m.Skills[skill] = st
	}
	return m, nil
}

func encodeSkill(s bot.SkillState) string {
	var ms int64
	if !s.At.IsZero() {
		ms = s.At.UnixMilli()
	}
	return string(s.Status) + ":" + strconv.FormatInt(ms, 10)
}

func decodeSkill(v string) (bot.SkillState, error) {
	st, at, ok := strings.Cut(v, ":")
	if !ok {
		return bot.SkillState{}, fmt.Errorf("bad skill state %q", v)
	}
	ms, err := strconv.ParseInt(at, 10, 64)
	if err != nil {
		return bot.SkillState{}, fmt.Errorf("bad skill state %q: %w", v, err)
	}
	s := bot.SkillState{Status: bot.Status(st)}
	if ms != 0 {
		s.At = time.UnixMilli(ms).UTC()
	}
	return s, nil
}

// event is the stored form of a bot.Event; the member is the log's key.
type event struct {
	At     int64   `json:"t"`
	Actor  *string `json:"a,omitempty"`
	Kind   string  `json:"k,omitempty"`
	Skill  string  `json:"s,omitempty"`
	Detail string  `json:"d,omitempty"`
}

func encodeEvent(e bot.Event) (string, error) {
	v := event{Kind: e.Kind, Skill: e.Skill, Detail: e.Detail}
	if !e.At.IsZero() {
		v.At = e.At.UnixMilli()
	}
	if e.Actor != e.Member {
		v.Actor = &e.Actor
	}
	b, err := json.Marshal(v)
	return string(b), err
}

func decodeEvent(member, s string) (bot.Event, error) {
	var v event
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		return bot.Event{}, fmt.Errorf("event of %s: %w", member, err)
	}
	e := bot.Event{Member: member, Actor: member, Kind: v.Kind, Skill: v.Skill, Detail: v.Detail}
	if v.At != 0 {
		e.At = time.UnixMilli(v.At).UTC()
	}
	if v.Actor != nil {
		e.Actor = *v.Actor
	}
	return e, nil
}
