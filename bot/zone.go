package bot

import (
	"fmt"
	"strings"
	"time"
)

// parseZone reads an IANA zone name in any case, or a fixed abbreviation
// (fixedAbbrev); "utc" is UTC. It returns the name to store.
func parseZone(s string) (string, bool) {
	if strings.EqualFold(s, "utc") {
		return "UTC", true
	}
	if s == "" || strings.EqualFold(s, "Local") || strings.HasPrefix(s, "/") || strings.Contains(s, "..") {
		return "", false
	}
	if z, ok := fixedAbbrev[strings.ToUpper(s)]; ok {
		return z.zone, true
	}
	// Zone names are case-sensitive files; people type them any way.
	for _, c := range []string{s, zoneTitle(s), strings.ToUpper(s)} {
		if _, err := time.LoadLocation(c); err == nil {
			return c, true
		}
	}
	return "", false
}

// zoneTitle writes a zone name as the tz database does: each word of
// letters capitalized ("america/new_york" -> "America/New_York"), short
// words after a hyphen kept in lower case ("Port-au-Prince").
func zoneTitle(s string) string {
	b := []byte(strings.ToLower(s))
	start := true
	for i := range b {
		switch c := b[i]; {
		case c == '/' || c == '_':
			start = true
		case c == '-':
			start = i+3 < len(b) && b[i+3] != '-' // "-au-" stays lower, "-Ville" does not
		case start && c >= 'a' && c <= 'z':
			b[i] -= 'a' - 'A'
			start = false
		default:
			start = false
		}
	}
	t := string(b)
	for _, w := range []string{"GMT", "UTC", "UCT"} { // "Etc/GMT+8", "Etc/UTC"
		t = strings.ReplaceAll(t, w[:1]+strings.ToLower(w[1:]), w)
	}
	return t
}

// fixedAbbrev are the zone abbreviations people type. They name a fixed
// offset all year, which is not what anyone in New York or California
// lives by half the year, so they are accepted with a warning that names
// the zone that follows daylight saving.
var fixedAbbrev = map[string]struct{ zone, offset, instead string }{
	"EST": {"EST", "UTC-5", "America/New_York"},
	"EDT": {"Etc/GMT+4", "UTC-4", "America/New_York"},
	"CST": {"Etc/GMT+6", "UTC-6", "America/Chicago"},
	"CDT": {"Etc/GMT+5", "UTC-5", "America/Chicago"},
	"MST": {"MST", "UTC-7", "America/Denver"},
	"MDT": {"Etc/GMT+6", "UTC-6", "America/Denver"},
	"PST": {"Etc/GMT+8", "UTC-8", "America/Los_Angeles"},
	"PDT": {"Etc/GMT+7", "UTC-7", "America/Los_Angeles"},
}

// zoneWarning is the one line that goes with a fixed abbreviation.
func zoneWarning(raw string) string {
	z, ok := fixedAbbrev[strings.ToUpper(strings.TrimSpace(raw))]
	if !ok {
		return ""
	}
	return fmt.Sprintf("Note: %s is %s all year, without daylight saving; for local time that follows it, use %s.",
		strings.ToUpper(raw), z.offset, z.instead)
}
