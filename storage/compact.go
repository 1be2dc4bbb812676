package storage

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/mentorbot/mentorbot/bot"
)

// Compact encodings (issue 16: at most 600 B per new member, 2 KB after a
// year). Every decoder also reads the older, longer forms, so data
// written before them stays readable.
//
// An event is "<unix ms, base 36> <kind> <skill> <actor> <detail>": ids,
// kinds and skills hold no white space (checkID), so only the detail,
// last, may hold spaces; an empty actor is the member. The older form is
// JSON (it starts with '{').
//
// A skill state is "<status letter><unix ms, base 36>" (d, l, s for done,
// learning, skipped); the older form is "<status>:<unix ms>".
//
// A nudge rotation is written grouped by stem with number ranges (see
// encodeRotation), which keeps the profile hash within Redis's compact
// listpack encoding (values up to 64 bytes; one longer value converts the
// hash for good). An older plain comma-joined list reads as itself.

func encodeEventCompact(e bot.Event) string {
	var ms int64
	if !e.At.IsZero() {
		ms = e.At.UnixMilli()
	}
	actor := ""
	if e.Actor != e.Member {
		actor = e.Actor
		if actor == "" {
			actor = "-" // an event with no actor at all (a scheduler's)
		}
	}
	return strconv.FormatInt(ms, 36) + " " + string(e.Kind) + " " + e.Skill + " " + actor + " " + e.Detail
}

func decodeEventCompact(member, s string) (bot.Event, error) {
	f := strings.SplitN(s, " ", 5)
	if len(f) != 5 {
		return bot.Event{}, fmt.Errorf("event of %s: bad form %.40q", member, s)
	}
	ms, err := strconv.ParseInt(f[0], 36, 64)
	if err != nil {
		return bot.Event{}, fmt.Errorf("event of %s: bad time %q", member, f[0])
	}
	e := bot.Event{Member: member, Actor: member, Kind: bot.EventKind(f[1]), Skill: f[2], Detail: f[4]}
	switch f[3] {
	case "":
	case "-":
		e.Actor = ""
	default:
		e.Actor = f[3]
	}
	if ms != 0 {
		e.At = time.UnixMilli(ms).UTC()
	}
	return e, nil
}

var statusLetters = map[bot.Status]string{bot.Done: "d", bot.Learning: "l", bot.Skipped: "s"}

func encodeSkillCompact(s bot.SkillState) string {
	var ms int64
	if !s.At.IsZero() {
		ms = s.At.UnixMilli()
	}
	l, ok := statusLetters[s.Status]
	if !ok {
		return encodeSkill(s) // a status of a newer version: the long form
	}
	return l + strconv.FormatInt(ms, 36)
}

func decodeSkillCompact(v string) (bot.SkillState, error) {
	if strings.Contains(v, ":") || v == "" {
		return decodeSkill(v)
	}
	for st, l := range statusLetters {
		if v[:1] == l {
			ms, err := strconv.ParseInt(v[1:], 36, 64)
			if err != nil {
				return bot.SkillState{}, fmt.Errorf("bad skill state %q", v)
			}
			s := bot.SkillState{Status: st}
			if ms != 0 {
				s.At = time.UnixMilli(ms).UTC()
			}
			return s, nil
		}
	}
	return bot.SkillState{}, fmt.Errorf("bad skill state %q", v)
}

// stem splits an id into what comes before its trailing number, and the
// number; ok is false when it has none that reads back the same (no
// digits, or a leading zero).
func stem(id string) (string, int, bool) {
	i := len(id)
	for i > 0 && id[i-1] >= '0' && id[i-1] <= '9' {
		i--
	}
	if i == len(id) || (id[i] == '0' && i < len(id)-1) || len(id)-i > 9 {
		return id, 0, false
	}
	n, _ := strconv.Atoi(id[i:])
	return id[:i], n, true
}

// encodeRotation writes a rotation as "~" + the last id sent, then the
// others grouped by stem with their numbers as ranges:
// "~mid-n4,api-n1..3,mid-n1..3,5" (the order of the others does not
// matter, only which they are and which came last). Ids that are all
// digits cannot be told from numbers: such a rotation is written plain.
func encodeRotation(ids []string) string {
	if len(ids) == 0 {
		return ""
	}
	nums := map[string][]int{}
	var stems, whole []string
	for _, id := range ids[:len(ids)-1] {
		st, n, ok := stem(id)
		if st == "" {
			return strings.Join(ids, ",")
		}
		if !ok {
			whole = append(whole, id)
			continue
		}
		if _, seen := nums[st]; !seen {
			stems = append(stems, st)
		}
		nums[st] = append(nums[st], n)
	}
	if st, _, _ := stem(ids[len(ids)-1]); st == "" {
		return strings.Join(ids, ",")
	}
	out := []string{"~" + ids[len(ids)-1]}
	out = append(out, whole...)
	slices.Sort(stems)
	for _, st := range stems {
		ns := nums[st]
		slices.Sort(ns)
		ns = slices.Compact(ns)
		for i := 0; i < len(ns); {
			j := i
			for j+1 < len(ns) && ns[j+1] == ns[j]+1 {
				j++
			}
			part := strconv.Itoa(ns[i])
			if j > i {
				part += ".." + strconv.Itoa(ns[j])
			}
			if i == 0 {
				part = st + part
			}
			out = append(out, part)
			i = j + 1
		}
	}
	return strings.Join(out, ",")
}

func decodeRotation(s string) []string {
	if s == "" {
		return nil
	}
	rest, ok := strings.CutPrefix(s, "~")
	if !ok {
		return strings.Split(s, ",") // plain
	}
	parts := strings.Split(rest, ",")
	var out []string
	cur := ""
	for _, p := range parts[1:] {
		lo, hi, isRange := strings.Cut(p, "..")
		if st, n, ok := stem(lo); ok && st != "" {
			cur, lo = st, strconv.Itoa(n)
		} else if !ok {
			out = append(out, p) // a whole id
			continue
		}
		a, _ := strconv.Atoi(lo)
		b := a
		if isRange {
			b, _ = strconv.Atoi(hi)
		}
		for n := a; n <= b && n-a < 10_000; n++ {
			out = append(out, cur+strconv.Itoa(n))
		}
	}
	return append(out, parts[0])
}

// The short forms (skillcodes.go) name a skill by its workspace code.
//
// A skill state is a decimal number, unix ms × 4 + the status's number
// (statusNumbers), which Redis keeps as an integer: 10 bytes of a
// listpack rather than 11 for "d" and base 36.
//
// An event is "<unix ms, base 36><kind letter><skill code>", then, only
// when there is an actor or a detail, " <actor>" and " <detail>" as in
// the compact form: "mwnbkio0DB" is a done of skill B. The kind letter is
// upper case, where the compact form has a space, so the two forms
// cannot be confused. Kinds without a letter, skills without a code and
// times before 1970 keep the compact form.

var statusNumbers = map[bot.Status]int64{bot.Done: 1, bot.Learning: 2, bot.Skipped: 3}

func encodeSkillShort(s bot.SkillState) string {
	n, ok := statusNumbers[s.Status]
	var ms int64
	if !s.At.IsZero() {
		ms = s.At.UnixMilli()
	}
	if !ok || ms < 0 {
		return encodeSkillCompact(s)
	}
	return strconv.FormatInt(ms*4+n, 10)
}

// decodeSkillShort reads a skill state of any form.
func decodeSkillShort(v string) (bot.SkillState, error) {
	if v == "" || strings.Trim(v, "0123456789") != "" {
		return decodeSkillCompact(v)
	}
	x, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return bot.SkillState{}, fmt.Errorf("bad skill state %q", v)
	}
	for st, n := range statusNumbers {
		if x%4 == n {
			s := bot.SkillState{Status: st}
			if ms := x / 4; ms != 0 {
				s.At = time.UnixMilli(ms).UTC()
			}
			return s, nil
		}
	}
	return bot.SkillState{}, fmt.Errorf("bad skill state %q", v)
}

var kindLetters = map[bot.EventKind]byte{
	bot.EventJoin: 'J', bot.EventStage: 'S', bot.EventTrack: 'T', bot.EventLearning: 'L',
	bot.EventDone: 'D', bot.EventSkipped: 'K', bot.EventUndo: 'U', bot.EventAssign: 'A',
	bot.EventUnassign: 'N', bot.EventForget: 'F', bot.EventLeadRights: 'R', bot.EventLeft: 'E',
	bot.EventInvite: 'I', bot.EventDeclined: 'C', bot.EventInviteLapsed: 'P',
	bot.EventNudgeSkipped: 'X', bot.EventNudgeBlocked: 'B', bot.EventDigestSkipped: 'Y',
	bot.EventDigestBlocked: 'Z', bot.EventDigestChannelBlocked: 'H',
}

var letterKinds = func() map[byte]bot.EventKind {
	m := make(map[byte]bot.EventKind, len(kindLetters))
	for k, l := range kindLetters {
		m[l] = k
	}
	return m
}()

// encodeEventShort is e in the short form, its skill named by code (""
// for none); ok is false when e needs the compact form.
func encodeEventShort(e bot.Event, code string) (string, bool) {
	l, ok := kindLetters[e.Kind]
	var ms int64
	if !e.At.IsZero() {
		ms = e.At.UnixMilli()
	}
	if !ok || ms < 0 || (e.Skill != "" && !isCode(code)) || (e.Skill == "" && code != "") {
		return "", false
	}
	out := strconv.FormatInt(ms, 36) + string(l) + code
	actor := ""
	if e.Actor != e.Member {
		actor = e.Actor
		if actor == "" {
			actor = "-"
		}
	}
	if actor != "" || e.Detail != "" {
		out += " " + actor
		if e.Detail != "" {
			out += " " + e.Detail
		}
	}
	return out, true
}

// shortTime returns where the base-36 time of a short-form event ends, or
// -1 when s is not one.
func shortTime(s string) int {
	i := strings.IndexFunc(s, func(r rune) bool { return (r < '0' || r > '9') && (r < 'a' || r > 'z') })
	if i <= 0 || s[i] < 'A' || s[i] > 'Z' {
		return -1
	}
	return i
}

// decodeEventShort reads a short-form event; its Skill is the code, which
// the caller names (skillNames).
func decodeEventShort(member, s string) (bot.Event, error) {
	i := shortTime(s)
	if i < 0 {
		return bot.Event{}, fmt.Errorf("event of %s: bad form %.40q", member, s)
	}
	ms, err := strconv.ParseInt(s[:i], 36, 64)
	if err != nil {
		return bot.Event{}, fmt.Errorf("event of %s: bad time %q", member, s[:i])
	}
	kind, ok := letterKinds[s[i]]
	if !ok {
		return bot.Event{}, fmt.Errorf("event of %s: unknown kind %q", member, s[i])
	}
	code, rest, _ := strings.Cut(s[i+1:], " ")
	actor, detail, _ := strings.Cut(rest, " ")
	e := bot.Event{Member: member, Actor: member, Kind: kind, Skill: code, Detail: detail}
	switch actor {
	case "":
	case "-":
		e.Actor = ""
	default:
		e.Actor = actor
	}
	if ms != 0 {
		e.At = time.UnixMilli(ms).UTC()
	}
	return e, nil
}
