package discord

import (
	"encoding/json"
	"regexp"
	"testing"
	"unicode/utf8"
)

func TestRegister(t *testing.T) {
	tests := []struct {
		name, guild, path string
	}{
		{"global", "", "/api/v9/applications/111/commands"},
		{"guild", "222", "/api/v9/applications/111/guilds/222/commands"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRig(t, func(c *Config) { c.GuildID = tt.guild })
			for range 2 { // idempotent: the same overwrite each time
				if err := r.a.Register(t.Context()); err != nil {
					t.Fatal(err)
				}
			}
			calls := r.f.callsTo("PUT", "/api/v9/applications/")
			if len(calls) != 2 || calls[0].Path != tt.path || string(calls[0].Body) != string(calls[1].Body) {
				t.Fatalf("calls = %+v", calls)
			}
			checkRegistration(t, calls[0].Body)
		})
	}
}

func checkRegistration(t *testing.T, body []byte) {
	t.Helper()
	var cmds []map[string]any
	if err := json.Unmarshal(body, &cmds); err != nil {
		t.Fatal(err)
	}
	if len(cmds) != 1 || cmds[0]["name"] != "mentor" || cmds[0]["type"] != float64(1) {
		t.Fatalf("commands = %s", compact(cmds))
	}
	name := regexp.MustCompile(`^[-_\p{Ll}\p{N}]{1,32}$`)
	subs := map[string]any{}
	for _, s := range dig(cmds[0], "options").([]any) {
		n, _ := dig(s, "name").(string)
		d, _ := dig(s, "description").(string)
		if dig(s, "type") != float64(1) || !name.MatchString(n) || d == "" || utf8.RuneCountInString(d) > 100 {
			t.Errorf("subcommand %s", compact(s))
		}
		optional := false
		for _, o := range dig(s, "options").([]any) {
			if !name.MatchString(dig(o, "name").(string)) {
				t.Errorf("%s: option name %v", n, dig(o, "name"))
			}
			req := dig(o, "required") == true
			if req && optional {
				t.Errorf("%s: required option after an optional one", n)
			}
			optional = optional || !req
		}
		subs[n] = s
	}
	if len(subs) != 8 {
		t.Fatalf("%d subcommands, want 8", len(subs))
	}
	checks := []struct {
		path []any
		want any
	}{
		{[]any{"roadmap", "options", 0, "type"}, float64(3)},
		{[]any{"roadmap", "options", 0, "choices", 7, "value"}, "generalist"}, // stages then tracks
		{[]any{"join", "options", 0, "choices", 1, "name"}, "Mid-level"},
		{[]any{"join", "options", 0, "autocomplete"}, false},
		{[]any{"track", "options", 0, "required"}, true},
		{[]any{"done", "options", 0, "autocomplete"}, true},
		{[]any{"done", "options", 0, "choices"}, nil},
		{[]any{"progress", "options", 0, "type"}, float64(6)},
		{[]any{"assign", "options", 1, "type"}, float64(6)},
		{[]any{"nudges", "options", 0, "name"}, "action"}, // required first
		{[]any{"nudges", "options", 0, "choices", 4, "value"}, "time"},
		{[]any{"nudges", "options", 1, "max_length"}, float64(500)},
	}
	for _, c := range checks {
		if got := dig(subs[c.path[0].(string)], c.path[1:]...); got != c.want {
			t.Errorf("%v = %v, want %v", c.path, got, c.want)
		}
	}
	if d := dig(subs["nudges"], "description").(string); utf8.RuneCountInString(d) != 100 {
		t.Errorf("long summary not cut to 100: %q", d)
	}
}

func TestOptionName(t *testing.T) {
	for in, want := range map[string]string{
		"member":                               "member",
		"Skill Name":                           "skill-name",
		"what?":                                "what",
		"!!":                                   "x",
		"abcdefghijklmnopqrstuvwxyz0123456789": "abcdefghijklmnopqrstuvwxyz012345",
	} {
		if got := optionName(in); got != want {
			t.Errorf("optionName(%q) = %q, want %q", in, got, want)
		}
	}
}
