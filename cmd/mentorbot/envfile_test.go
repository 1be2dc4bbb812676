package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// An env file with a bad line is refused with the file, the line's number
// and a short reason, never the line's text; good files, comments, export,
// quotes and a quoted value over several lines still load.
func TestEnvFileBadLines(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct{ content, want string }{
		{"LOG_LEVEL=debug\nxoxb-pasted-secret\n", `line 2: no "=" in it`},
		{"# settings\n\nSLACK BOT TOKEN=xoxb-secret\n", "line 3: what comes before \"=\" is not a variable name"},
		{"LOG_LEVEL: debug\n", `line 1: no "=" in it`},
		{"=secret\n", `line 1: nothing before "="`},
		{"LOG_LEVEL=debug\nADMIN_USERS=\"ann,bob\n", "line 2: its quote is never closed"},
		{"ADMIN_USERS='ann' bob-secret\n", "line 1: text after the closing quote"},
		{"1X=secret\nok=1\nstray-secret\nmore-secret\n", "line 1: what comes before \"=\" is not a variable name (letters, digits and _, not starting with a digit) (bad lines too: 3, 4)"},
	} {
		path := writeFile(t, filepath.Join(dir, "bad.env"), tt.content)
		_, err := withEnvFile(fromGetenv(nil), path)
		if err == nil || !strings.Contains(err.Error(), path+" "+tt.want) {
			t.Errorf("%q: %v, want %q", tt.content, err, tt.want)
			continue
		}
		if strings.Contains(err.Error(), "secret") || strings.Contains(err.Error(), "debug") {
			t.Errorf("%q: the refusal shows the file's text: %v", tt.content, err)
		}
	}
	good := "# a comment\n\nexport LOG_LEVEL=debug\nADMIN_USERS=\"ann,bob\" # admins\nSLACK_LEAD_GROUP='@leads'\n" +
		"ASK_LLM_MODEL=\"two\nlines\"\nDEFAULT_TZ=Europe/Berlin\r\nHTTP_ADDR=\n"
	env, err := withEnvFile(fromGetenv(nil), writeFile(t, filepath.Join(dir, "good.env"), good))
	if err != nil {
		t.Fatalf("good file: %v", err)
	}
	for k, want := range map[string]string{"LOG_LEVEL": "debug", "ADMIN_USERS": "ann,bob", "SLACK_LEAD_GROUP": "@leads",
		"ASK_LLM_MODEL": "two\nlines", "DEFAULT_TZ": "Europe/Berlin"} {
		if got := env.get(k); got != want {
			t.Errorf("good file: %s=%q, want %q", k, got, want)
		}
	}
	// The binary refuses it before starting anything, in one line.
	path := writeFile(t, filepath.Join(dir, ".env"), "LOG_LEVEL=debug\nxoxb-pasted-secret\n")
	code, _, errOut := runIn(t, dir, "", nil)
	if code != 1 || !strings.Contains(errOut, "mentorbot: .env line 2: no \"=\" in it") || strings.Contains(errOut, "secret") {
		t.Errorf("binary with %s: exit %d, stderr %q", path, code, errOut)
	}
	oneLine(t, "the refusal", errOut)
}
