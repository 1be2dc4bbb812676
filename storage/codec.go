package storage

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/mentorbot/mentorbot/bot"
)

// profileFields encodes m's command-owned fields (commandFields) as hash
// field/value pairs, leaving out empty and zero fields. fName is always
// written, even empty, so that a profile exists as long as the member
// does, whatever else is cleared later.
func profileFields(m *bot.Member) []any {
	f := make([]any, 0, 2*len(commandFields))
	f = append(f, fName, m.Name)
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
	str(fStage, m.Stage)
	str(fTrack, m.Track)
	tm(fJoined, m.Joined)
	tm(fActive, m.LastActive)
	tm(fProgress, m.LastProgress)
	n := &m.Nudges
	if n.Off {
		f = append(f, fOff, "1")
	}
	num(fDay, int(n.Day))
	num(fMinute, n.Minute)
	str(fZone, n.Zone)
	if n.ZoneChosen {
		f = append(f, fZoneSet, "1")
	}
	tm(fPause, n.PausedUntil)
	str(fPauseDay, n.PausedDay)
	str(fSkipWeek, n.SkipWeek)
	return f
}

// emptyFields names the command fields of bits (bit i for
// commandFields[i]): a write deletes those it leaves out that the hash may
// hold.
func emptyFields(held uint32) []string {
	if held == 0 {
		return nil
	}
	var out []string
	for i, name := range commandFields {
		if held&(1<<i) != 0 {
			out = append(out, name)
		}
	}
	return out
}

// allFields has a bit for each of commandFields.
func allFields() uint32 { return 1<<len(commandFields) - 1 }

// fieldBits returns the bits of the command fields named in the encoded
// pairs f.
func fieldBits(f []any) uint32 {
	var bits uint32
	for i := 0; i < len(f); i += 2 {
		bits |= fieldBit(f[i].(string))
	}
	return bits
}

// heldFields returns the bits of the command fields that the profile hash
// prof holds.
func heldFields(prof map[string]string) uint32 {
	var bits uint32
	for i, name := range commandFields {
		if _, ok := prof[name]; ok {
			bits |= 1 << i
		}
	}
	return bits
}

// fieldBit is name's bit, 0 for a name not in commandFields.
func fieldBit(name string) uint32 {
	for i, c := range commandFields {
		if c == name {
			return 1 << i
		}
	}
	return 0
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
	m.Name = prof[fName]
	m.Stage = prof[fStage]
	m.Track = prof[fTrack]
	m.Joined = tm(fJoined)
	m.LastActive = tm(fActive)
	m.LastProgress = tm(fProgress)
	m.Lead = prof[fLead]
	n := &m.Nudges
	n.Off = prof[fOff] == "1"
	n.Day = time.Weekday(num(fDay))
	n.Minute = num(fMinute)
	n.Zone = prof[fZone]
	n.ZoneChosen = prof[fZoneSet] == "1"
	n.PausedUntil = tm(fPause)
	n.PausedDay = prof[fPauseDay]
	n.SkipWeek = prof[fSkipWeek]
	st := &m.NudgeState
	st.Blocked = prof[fBlock]
	st.Ignored = num(fIgnored)
	st.Unanswered = num(fUnanswer)
	st.Sent = decodeRotation(prof[fSent])
	st.Last = tm(fLast)
	st.Week = prof[fWeek]
	st.Skill = prof[fSkill]
	if err != nil {
		return nil, err
	}
	m.Skills = make(map[string]bot.SkillState, len(skills))
	for skill, v := range skills {
		st, err := decodeSkillShort(v)
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

// encodeEvent is the stored form of e (see compact.go): the short form
// when code, its skill's code, allows, else the compact one.
func encodeEvent(e bot.Event, code string) (string, error) {
	if v, ok := encodeEventShort(e, code); ok {
		return v, nil
	}
	return encodeEventCompact(e), nil
}

// encodeEventJSON is the older stored form, still read.
func encodeEventJSON(e bot.Event) (string, error) {
	v := event{Kind: string(e.Kind), Skill: e.Skill, Detail: e.Detail}
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
	if shortTime(s) > 0 {
		return decodeEventShort(member, s)
	}
	if !strings.HasPrefix(s, "{") {
		return decodeEventCompact(member, s)
	}
	var v event
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		return bot.Event{}, fmt.Errorf("event of %s: %w", member, err)
	}
	e := bot.Event{Member: member, Actor: member, Kind: bot.EventKind(v.Kind), Skill: v.Skill, Detail: v.Detail}
	if v.At != 0 {
		e.At = time.UnixMilli(v.At).UTC()
	}
	if v.Actor != nil {
		e.Actor = *v.Actor
	}
	return e, nil
}
