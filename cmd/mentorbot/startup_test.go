package main

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/internal/testkit"
)

// The line a chat bot prints once it listens names each adapter's mode,
// where HTTP listens with its paths, and the Redis (masked).
func TestStartupLine(t *testing.T) {
	for _, tt := range []struct {
		cfg        config
		addr, want string
	}{
		{config{SlackBotToken: "xoxb", SlackAppToken: "xapp", RedisURL: "redis://:pw@db:6379/0"}, "",
			"mentorbot: running Slack (Socket Mode); no HTTP server (HTTP_ADDR is not set); data in Redis at redis://xxxxx@db:6379/0."},
		{config{SlackBotToken: "xoxb", SlackSigningSecret: "s", DiscordBotToken: "d", DiscordGateway: true, DiscordPublicKey: "k", RedisURL: memoryURL}, "127.0.0.1:8080",
			"mentorbot: running Slack (HTTP) and Discord (gateway, HTTP interactions); HTTP on 127.0.0.1:8080 (/slack/events, /slack/commands, " +
				"/slack/interactions, /discord/interactions, /healthz, /readyz, /metrics); data in an in-process Redis, gone at exit."},
		{config{SlackClientID: "c", SlackClientSecret: "s", SlackSigningSecret: "s", PublicURL: "https://bot.example.com", RedisURL: "redis://db:6379/0"}, "[::]:8080",
			"mentorbot: running Slack (OAuth, any workspace installs it at https://bot.example.com/slack/install, HTTP); HTTP on [::]:8080 " +
				"(/slack/install, /slack/oauth/callback, /slack/events, /slack/commands, /slack/interactions, /healthz, /readyz, /metrics); data in Redis at redis://db:6379/0."},
	} {
		if got := startupLine(tt.cfg, tt.addr); got != tt.want {
			t.Errorf("got  %s\nwant %s", got, tt.want)
		}
	}
	// The binary prints it once, with the port it bound, and no other
	// line about listening.
	line := startupOutput(t)
	if !strings.HasPrefix(line, "mentorbot: running Slack (HTTP); HTTP on 127.0.0.1:") || strings.Contains(line, "127.0.0.1:0 ") ||
		!strings.HasSuffix(line, "(/slack/events, /slack/commands, /slack/interactions, /healthz, /readyz, /metrics); data in an in-process Redis, gone at exit.") {
		t.Errorf("start-up line: %s", line)
	}
	// With LOG_FORMAT=json it is a log entry, msg "started", holding it.
	line = startupOutput(t, "LOG_FORMAT=json")
	var entry struct{ Msg, Line string }
	if err := json.Unmarshal([]byte(line), &entry); err != nil || entry.Msg != "started" || !strings.HasPrefix(entry.Line, "mentorbot: running Slack (HTTP); HTTP on 127.0.0.1:") {
		t.Errorf("json start-up entry: %s (%v)", line, err)
	}
}

// startupOutput starts a Slack HTTP bot and returns the line of its
// output that announces it, failing on any other line about listening.
func startupOutput(t *testing.T, env ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary)
	cmd.Dir = t.TempDir()
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME"), "SLACK_BOT_TOKEN=xoxb-1", "SLACK_SIGNING_SECRET=abc",
		"HTTP_ADDR=127.0.0.1:0", "REDIS_URL=" + memoryURL, "SLACK_API_URL=http://" + testkit.ClosedAddr(t) + "/"}, env...)
	errOut, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { cmd.Process.Signal(os.Interrupt); cmd.Wait() }()
	sc := bufio.NewScanner(errOut)
	for sc.Scan() {
		line := sc.Text()
		if strings.Contains(line, "listening") {
			t.Errorf("a log line about listening besides the start-up line: %s", line)
		}
		if strings.HasPrefix(line, "mentorbot: running ") || strings.Contains(line, `"msg":"started"`) {
			return line
		}
	}
	t.Fatalf("no start-up line (%v)", sc.Err())
	return ""
}

// Console names are case-folded, and so are the console's ADMIN_USERS:
// "Boss" in ADMIN_USERS is the admin @boss and :as BOSS.
func TestConsoleAdminsFold(t *testing.T) {
	out, _ := session(t, "@boss /mentor team\n:as BOSS\n/mentor leads\n@ann /mentor team\n", "ADMIN_USERS=Boss")
	if strings.Count(out, "No leads yet") != 2 || !strings.Contains(out, "(you are now boss)") || !strings.Contains(out, "you (@ann) aren't one here") {
		t.Errorf("ADMIN_USERS=Boss:\n%s", out)
	}
}
