package bot

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// parseZone reads a zone as people type it and returns the name to store:
// an IANA name in any case ("europe/berlin"), a region's abbreviation or
// name ("PST", "PT", "Pacific", "Eastern Time"), which means the region's
// zone with its daylight saving, or a fixed offset ("UTC+2", "GMT-5",
// "+05:30"), stored as "UTC+02:00".
func parseZone(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if strings.EqualFold(s, "utc") || strings.EqualFold(s, "z") {
		return "UTC", true
	}
	if s == "" || strings.EqualFold(s, "Local") || strings.HasPrefix(s, "/") || strings.Contains(s, "..") {
		return "", false
	}
	if r, ok := regionByWord()[regionKey(s)]; ok {
		return r.zone, true
	}
	if name, ok := offsetName(s); ok {
		return name, true
	}
	if strings.ContainsAny(s, " \t") {
		return "", false
	}
	// Zone names are case-sensitive files; people type them any way.
	for _, c := range []string{s, zoneTitle(s), strings.ToUpper(s)} {
		if _, err := time.LoadLocation(c); err == nil {
			return c, true
		}
	}
	return "", false
}

// loadZone loads a stored zone name: an IANA name, or a fixed offset as
// offsetName writes it.
func loadZone(name string) (*time.Location, error) {
	if off, ok := offsetSeconds(name); ok && strings.HasPrefix(name, "UTC") {
		return time.FixedZone(name, off), nil
	}
	return time.LoadLocation(name)
}

// offsetName reads "UTC+2", "gmt-5", "+05:30", "UTC+0530" as the stored
// name of that fixed offset, "UTC+02:00"; offsets run from -12 to +14.
func offsetName(s string) (string, bool) {
	off, ok := offsetSeconds(s)
	if !ok {
		return "", false
	}
	if off == 0 {
		return "UTC", true
	}
	sign, a := '+', off
	if off < 0 {
		sign, a = '-', -off
	}
	return fmt.Sprintf("UTC%c%02d:%02d", sign, a/3600, a%3600/60), true
}

// offsetSeconds parses an offset from UTC, with or without "UTC"/"GMT"
// before its sign.
func offsetSeconds(s string) (int, bool) {
	s = strings.ReplaceAll(strings.ToUpper(strings.TrimSpace(s)), " ", "")
	s = strings.ReplaceAll(s, "−", "-") // the minus sign people paste
	for _, p := range []string{"UTC", "GMT"} {
		s = strings.TrimPrefix(s, p)
	}
	if len(s) < 2 || (s[0] != '+' && s[0] != '-') {
		return 0, false
	}
	sign, s := s[0], s[1:]
	hh, mm, colon := strings.Cut(s, ":")
	if !colon && len(s) > 2 {
		hh, mm = s[:len(s)-2], s[len(s)-2:]
	}
	h, err := strconv.Atoi(hh)
	if err != nil || len(hh) > 2 || h < 0 {
		return 0, false
	}
	m := 0
	if mm != "" || colon {
		if m, err = strconv.Atoi(mm); err != nil || len(mm) != 2 || m%15 != 0 || m > 45 {
			return 0, false
		}
	}
	off := h*3600 + m*60
	if sign == '-' {
		off = -off
	}
	if off < -12*3600 || off > 14*3600 {
		return 0, false
	}
	return off, true
}

// region is a zone that people name by its region or its abbreviations.
// The abbreviations of standard and summer time both mean the region's
// zone, which follows daylight saving: nobody who types PST in July wants
// their nudge an hour off.
type region struct {
	label string // "Pacific Time"; empty: shown by its IANA name alone
	zone  string
	words []string // region names and abbreviations, lower case
}

var regions = []region{
	{"Eastern Time", "America/New_York", []string{"eastern", "est", "edt", "et"}},
	{"Central Time", "America/Chicago", []string{"central", "cst", "cdt", "ct"}},
	{"Mountain Time", "America/Denver", []string{"mountain", "mst", "mdt", "mt"}},
	{"Pacific Time", "America/Los_Angeles", []string{"pacific", "pst", "pdt", "pt"}},
	{"Alaska Time", "America/Anchorage", []string{"alaska", "akst", "akdt"}},
	{"Hawaii Time", "Pacific/Honolulu", []string{"hawaii", "hst"}},
	// Zones whose IANA name already says where they are go unlabelled.
	{"", "Europe/London", []string{"uk", "bst", "british"}},
	{"", "Europe/Berlin", []string{"cet", "cest", "centraleuropean"}},
	{"", "Asia/Kolkata", []string{"ist", "india"}},
	{"", "Asia/Tokyo", []string{"jst", "japan"}},
	{"", "Australia/Sydney", []string{"aest", "aedt", "australianeastern"}},
}

// regionByWord indexes regions by every way of naming them, each with and
// without "time", "standard time" and "daylight time" after it.
func regionByWord() map[string]*region {
	m := make(map[string]*region, len(regions)*16)
	for i := range regions {
		r := &regions[i]
		for _, w := range r.words {
			for _, tail := range []string{"", "time", "standardtime", "daylighttime", "summertime"} {
				m[w+tail] = r
			}
		}
	}
	return m
}

// regionKey is s as regionByWord indexes it: lower case, without spaces,
// dots or hyphens ("Pacific Time" → "pacifictime").
func regionKey(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\t', '.', '-', '_':
			return -1
		}
		return r
	}, strings.ToLower(s))
}

// zoneShown is how a member's zone is written beside their nudge time:
// "Pacific Time (America/Los_Angeles)" for a region people name, else
// "(Europe/Berlin)".
func zoneShown(loc *time.Location) string {
	for _, r := range regions {
		if r.zone == loc.String() && r.label != "" {
			return r.label + " (" + r.zone + ")"
		}
	}
	return "(" + loc.String() + ")"
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
