package main

import (
	"github.com/mentorbot/mentorbot/internal/testkit"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/internal/redistest"
	"github.com/mentorbot/mentorbot/storage"

	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// binary is the mentorbot binary built once for the process-level tests.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "mentorbot-bin")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binary = filepath.Join(dir, "mentorbot")
	if out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "build mentorbot: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func redisURL() string { return redistest.URL() }

// session runs the binary with stdin and env, and returns stdout and stderr.
func session(t *testing.T, stdin string, env ...string) (string, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary)
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME")}, env...)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("mentorbot: %v\nstdout:\n%s\nstderr:\n%s", err, out.String(), errb.String())
	}
	return out.String(), errb.String()
}

var countRE = regexp.MustCompile(`Junior backend developer [▓░]+ (\d+)/(\d+)`)

// counts returns every "done/total" of the junior stage bar, in order.
func counts(out string) []string {
	var cs []string
	for _, m := range countRE.FindAllStringSubmatch(out, -1) {
		cs = append(cs, m[1]+"/"+m[2])
	}
	return cs
}

// consoleScope gives the binary's console a workspace of the test's own
// on the shared Redis, never the real console:console: it returns the
// scope and the CONSOLE_WORKSPACE setting to pass, and deletes the scope's
// keys when the test ends.
func consoleScope(t *testing.T) (bot.Scope, string) {
	t.Helper()
	sc := bot.Scope{Platform: "console", Workspace: fmt.Sprintf("t%d", rand.Uint64()%1e12)}
	t.Cleanup(func() {
		rdb, err := storage.Open(context.Background(), redisURL())
		if err != nil {
			t.Errorf("clean up %s: %v", sc, err)
			return
		}
		defer rdb.Close()
		dropKeys(t, rdb, sc)
	})
	return sc, "CONSOLE_WORKSPACE=" + sc.Workspace
}

func uniqueName(t *testing.T) string {
	return fmt.Sprintf("u%d", rand.Uint64()%1e12)
}

func TestConsoleThroughAPipe(t *testing.T) {
	out, errOut := session(t, "/mentor join\n/mentor done git\n/mentor progress\n/mentor done debugging\n/mentor progress\n")
	if !strings.Contains(errOut, "nothing is kept") {
		t.Errorf("no notice about the embedded Redis on stderr:\n%s", errOut)
	}
	if !strings.Contains(out, "Welcome to the Backend developer roadmap") {
		t.Errorf("join did not welcome:\n%s", out)
	}
	if strings.Contains(out, "\x1b") || strings.Contains(out, "you>") || strings.Contains(out, ":help") {
		t.Errorf("terminal output (escapes, prompt or hint) on a pipe:\n%q", out)
	}
	got := counts(out)
	want := []string{"1/10", "1/10", "2/10", "2/10"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("progress counts = %v, want %v\n%s", got, want, out)
	}
}

func TestProgressSurvivesRestart(t *testing.T) {
	name := uniqueName(t)
	_, ws := consoleScope(t)
	env := []string{"REDIS_URL=" + redisURL(), ws}
	out1, errOut := session(t, ":as "+name+"\n/mentor join\n/mentor done git\n/mentor done sql-basics\n", env...)
	if strings.Contains(errOut, "nothing is kept") {
		t.Fatalf("used the embedded Redis despite REDIS_URL:\n%s", errOut)
	}
	if c := counts(out1); len(c) == 0 || c[len(c)-1] != "2/10" {
		t.Fatalf("first run counts %v:\n%s", c, out1)
	}
	out2, _ := session(t, ":as "+name+"\n/mentor progress\n/mentor forget confirm\n", env...)
	if c := counts(out2); len(c) != 1 || c[0] != "2/10" {
		t.Fatalf("after restart counts %v, want [2/10]:\n%s", c, out2)
	}
	for _, s := range []string{"Git and version control", "SQL basics"} {
		if !strings.Contains(out2, s) {
			t.Errorf("after restart progress lacks %q:\n%s", s, out2)
		}
	}
}

func TestRoadmapValidate(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte("name: x\nstages:\n  - id: one\n    title: One\n    summary: s\n    colour: blue\n    skills: []\n"), 0o644)
	var out, errb bytes.Buffer
	code := run(context.Background(), []string{"roadmap", "validate", bad}, nil, &out, &errb, func(string) string { return "" })
	if code != 1 {
		t.Fatalf("exit %d, want 1; stderr:\n%s", code, errb.String())
	}
	if !strings.Contains(errb.String(), bad+":6:") {
		t.Errorf("problems do not name line 6 (the unknown field):\n%s", errb.String())
	}
	good := filepath.Join(dir, "good.yaml")
	out.Reset()
	if code := run(context.Background(), []string{"roadmap", "print"}, nil, &out, &errb, nil); code != 0 {
		t.Fatalf("roadmap print exit %d", code)
	}
	os.WriteFile(good, out.Bytes(), 0o644)
	out.Reset()
	if code := run(context.Background(), []string{"roadmap", "validate", good}, nil, &out, &errb, nil); code != 0 {
		t.Fatalf("the default roadmap does not validate: %s", errb.String())
	}
	if !strings.Contains(out.String(), "ok (4 stages, 4 tracks") {
		t.Errorf("validate output: %s", out.String())
	}
}

func TestRefusesBrokenRoadmap(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.yaml")
	os.WriteFile(bad, []byte("stages: [\n"), 0o644)
	var out, errb bytes.Buffer
	env := func(k string) string {
		if k == "ROADMAP_FILE" {
			return bad
		}
		return ""
	}
	code := run(context.Background(), nil, strings.NewReader("/mentor help\n"), &out, &errb, env)
	if code != 1 || !strings.Contains(errb.String(), "ROADMAP_FILE") || out.Len() != 0 {
		t.Fatalf("exit %d, stdout %q, stderr %q; want exit 1 naming ROADMAP_FILE", code, out.String(), errb.String())
	}
}

func TestConfigErrors(t *testing.T) {
	cases := []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"SLACK_APP_TOKEN": "xapp-1"}, "SLACK_BOT_TOKEN"},
		{map[string]string{"SLACK_BOT_TOKEN": "xoxb-secret-1"}, "SLACK_APP_TOKEN or SLACK_SIGNING_SECRET"},
		{map[string]string{"SLACK_BOT_TOKEN": "xoxb-secret-1", "SLACK_SIGNING_SECRET": "s3cr3t"}, "HTTP_ADDR"},
		{map[string]string{"SLACK_BOT_TOKEN": "xoxb-secret-1", "SLACK_APP_TOKEN": "xoxp-wrong"}, "SLACK_APP_TOKEN"},
		{map[string]string{"DISCORD_BOT_TOKEN": "secret.token"}, "DISCORD_APP_ID"},
		{map[string]string{"DISCORD_BOT_TOKEN": "secret.token", "DISCORD_APP_ID": "1", "DISCORD_GATEWAY": "off"}, "DISCORD_PUBLIC_KEY"},
		{map[string]string{"DISCORD_PUBLIC_KEY": "zz", "DISCORD_BOT_TOKEN": "secret.token", "DISCORD_APP_ID": "1", "HTTP_ADDR": ":0"}, "DISCORD_PUBLIC_KEY"},
		{map[string]string{"REDIS_URL": "http://user:hunter2@host"}, "REDIS_URL"},
		{map[string]string{"HTTP_ADDR": "8080"}, "HTTP_ADDR"},
		{map[string]string{"LOG_LEVEL": "loud"}, "LOG_LEVEL"},
		{map[string]string{"LOG_FORMAT": "xml"}, "LOG_FORMAT"},
		{map[string]string{"SLACK_API_URL": "ftp://x"}, "SLACK_API_URL"},
		{map[string]string{"ASK_LLM_MODEL": "llama3.2"}, "ASK_LLM_URL"},
		{map[string]string{"ASK_LLM_URL": "http://localhost:11434/v1"}, "ASK_LLM_MODEL"},
		{map[string]string{"ASK_LLM_URL": "ftp://hunter2@x", "ASK_LLM_MODEL": "m"}, "ASK_LLM_URL"},
		{map[string]string{"ASK_LLM_URL": "http://x/v1", "ASK_LLM_MODEL": "m", "ASK_LLM_TIMEOUT": "soon"}, "ASK_LLM_TIMEOUT"},
	}
	for _, c := range cases {
		_, err := loadConfig(func(k string) string { return c.env[k] })
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("env %v: err %v, want one naming %s", c.env, err, c.want)
			continue
		}
		for _, secret := range []string{"xoxb-secret-1", "secret.token", "hunter2", "s3cr3t"} {
			if strings.Contains(err.Error(), secret) {
				t.Errorf("env %v: error %q shows a secret", c.env, err)
			}
		}
	}
	if _, err := loadConfig(func(string) string { return "" }); err != nil {
		t.Errorf("empty environment: %v", err)
	}
}

func TestUnreachableRedisStopsStartup(t *testing.T) {
	var out, errb bytes.Buffer
	env := func(k string) string {
		if k == "REDIS_URL" {
			return "redis://:hunter2@127.0.0.1:1/0"
		}
		return ""
	}
	start := time.Now()
	code := run(context.Background(), nil, strings.NewReader(""), &out, &errb, env)
	if code != 1 || !strings.Contains(errb.String(), "REDIS_URL") || strings.Contains(errb.String(), "hunter2") {
		t.Fatalf("exit %d, stderr %q: want exit 1 naming REDIS_URL without the password", code, errb.String())
	}
	if took := time.Since(start); took > 10*time.Second {
		t.Errorf("start-up failure took %s", took)
	}
}

// TestConfigRedisForms: every REDIS_URL form storage.Open takes passes the
// start-up check, and the others are refused naming REDIS_URL.
func TestConfigRedisForms(t *testing.T) {
	for _, tc := range []struct {
		url string
		ok  bool
	}{
		{"redis://localhost:6379/0", true},
		{"rediss://:pw@localhost:6380/0", true},
		{"redis://s1:26379/0?master_name=m&addr=s2:26379", true},
		{"redis+sentinel://s1:26379/0?master_name=m", true},
		{"rediss+sentinel://s1:26379/0?master_name=m", true},
		{"redis://n1:7000?addr=n2:7000", true},
		{"redis+cluster://n1:7000", true},
		{"rediss+cluster://n1:7000", true},
		{"http://localhost:6379", false},
		{"redis+proxy://localhost:6379", false},
		{"valkey://localhost:6379", false},
	} {
		_, err := loadConfig(func(k string) string {
			if k == "REDIS_URL" {
				return tc.url
			}
			return ""
		})
		if tc.ok && err != nil {
			t.Errorf("%s: %v", tc.url, err)
		}
		if !tc.ok && (err == nil || !strings.HasPrefix(err.Error(), "REDIS_URL")) {
			t.Errorf("%s: err %v, want one naming REDIS_URL", tc.url, err)
		}
	}
}

// TestOpenSentinelScheme: a redis+sentinel:// URL is parsed as a sentinel
// URL (its failure is "unreachable", not a bad scheme), and one without
// master_name says what is missing.
func TestOpenSentinelScheme(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_, err := storage.Open(ctx, "redis+sentinel://"+testkit.ClosedAddr(t)+"/0?master_name=m")
	if err == nil || strings.Contains(err.Error(), "scheme") || !errors.Is(err, bot.ErrUnavailable) {
		t.Errorf("redis+sentinel with nothing listening: %v, want an unreachable sentinel", err)
	}
	_, err = storage.Open(ctx, "redis+sentinel://"+testkit.ClosedAddr(t)+"/0")
	if err == nil || !strings.Contains(err.Error(), "master_name") {
		t.Errorf("redis+sentinel without master_name: %v, want one naming master_name", err)
	}
}

// TestConfigDefaultZone: a bad DEFAULT_TZ stops start-up naming the
// variable, before anything else starts.
func TestConfigDefaultZone(t *testing.T) {
	for zone, ok := range map[string]bool{"": true, "UTC": true, "Europe/Berlin": true, "Mars/Base": false} {
		_, err := loadConfig(func(k string) string {
			if k == "DEFAULT_TZ" {
				return zone
			}
			return ""
		})
		if ok != (err == nil) || (err != nil && !strings.HasPrefix(err.Error(), "DEFAULT_TZ")) {
			t.Errorf("DEFAULT_TZ=%q: err %v", zone, err)
		}
	}
}
