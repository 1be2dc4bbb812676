package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/internal/testkit"
)

// TestURLSecretsNeverShown sets each URL-valued variable, in turn, to URLs
// carrying a password (and a key in the query) — with a scheme mentorbot
// refuses, that do not parse, and that parse but lead nowhere — and runs
// mentorbot with it: nothing it prints may show the secret, while the
// variable is still named where it is at fault.
func TestURLSecretsNeverShown(t *testing.T) {
	const secret = "hunter2SECRET"
	down := testkit.ClosedAddr(t)
	chat := map[string]string{
		"SLACK_BOT_TOKEN": fakeSecrets["SLACK_BOT_TOKEN"], "SLACK_SIGNING_SECRET": fakeSecrets["SLACK_SIGNING_SECRET"],
		"HTTP_ADDR": "127.0.0.1:0", "DISCORD_BOT_TOKEN": fakeSecrets["DISCORD_BOT_TOKEN"], "DISCORD_APP_ID": "123456789012345678",
		"DISCORD_PUBLIC_KEY": strings.Repeat("ab", 32), "DISCORD_GATEWAY": "off", "REDIS_URL": redisURL(),
		"ASK_LLM_MODEL": "m", "LOG_LEVEL": "debug",
	}
	forms := map[string]string{
		"refused scheme": "ftp://bot:" + secret + "@proxy:8080/?key=" + secret,
		"unparsable":     "http://bot:" + secret + "@host:port:x/?api_key=" + secret,
		"unreachable":    "http://bot:" + secret + "@" + down + "/?api_key=" + secret,
	}
	for _, name := range []string{"REDIS_URL", "SLACK_API_URL", "DISCORD_API_URL", "ASK_LLM_URL"} {
		for form, val := range forms {
			if name == "REDIS_URL" {
				val = strings.Replace(val, "http://", "redis://", 1)
			}
			t.Run(name+"/"+form, func(t *testing.T) {
				env := map[string]string{}
				for k, v := range chat {
					env[k] = v
				}
				env[name] = val
				ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
				defer cancel()
				var out, errb bytes.Buffer
				code := run(ctx, nil, strings.NewReader(""), &out, &errb, func(k string) string { return env[k] })
				text := out.String() + errb.String()
				if strings.Contains(text, secret) {
					t.Errorf("exit %d; the output shows the secret:\n%s", code, text)
				}
				if form != "unreachable" && (code == 0 || !strings.Contains(text, name)) {
					t.Errorf("exit %d, want a failure naming %s:\n%s", code, name, text)
				}
			})
		}
	}
}
