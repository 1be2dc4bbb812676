package main

// Tests of the first ten minutes (issue 17): .env and --env-file, the safe
// REDIS_URL default, memory://, `mentorbot version`, mentorbot_build_info
// and `mentorbot healthcheck`.

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/internal/testkit"
)

// runIn runs the binary in dir with args, stdin and exactly env (plus PATH
// and HOME), and returns its exit code, stdout and stderr.
func runIn(t *testing.T, dir, stdin string, args []string, env ...string) (int, string, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary, args...)
	cmd.Dir = dir
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME")}, env...)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	if _, exited := err.(*exec.ExitError); err != nil && !exited {
		t.Fatalf("mentorbot %v: %v", args, err)
	}
	return cmd.ProcessState.ExitCode(), out.String(), errb.String()
}

func writeFile(t *testing.T, path, content string) string {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// oneLine fails unless s is exactly one line.
func oneLine(t *testing.T, what, s string) {
	t.Helper()
	if strings.Count(strings.TrimSuffix(s, "\n"), "\n") != 0 || s == "" {
		t.Errorf("%s is not one line:\n%s", what, s)
	}
}

const slackTokensEnv = "SLACK_BOT_TOKEN=xoxb-from-dotenv-secret\nSLACK_APP_TOKEN=xapp-from-dotenv-secret\n"

// TestDotEnv: ./.env is read when present; the real environment wins, a
// variable set to "" included; --env-file names another file instead (and
// must exist); a broken file is named without its content.
func TestDotEnv(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, ".env"), "# copied from .env.example\nREDIS_URL=\n"+slackTokensEnv)
	help := "/mentor help\n"

	// The tokens in .env make a chat bot, which the safe default stops.
	code, out, errOut := runIn(t, dir, help, nil)
	if code != 1 || out != "" || !strings.Contains(errOut, "REDIS_URL") {
		t.Errorf("with Slack tokens in .env: exit %d, stdout %q, stderr %q; want exit 1 naming REDIS_URL", code, out, errOut)
	}
	oneLine(t, "the safe default's message", errOut)

	// The real environment wins, even set to "": no token, so the console.
	code, out, errOut = runIn(t, dir, help, nil, "SLACK_BOT_TOKEN=", "SLACK_APP_TOKEN=")
	if code != 0 || !strings.Contains(out, "/mentor join") {
		t.Errorf("with the tokens emptied in the environment: exit %d, stdout %q, stderr %q; want the console", code, out, errOut)
	}
	// ... and a value set there replaces the file's.
	code, _, errOut = runIn(t, dir, help, nil, "SLACK_APP_TOKEN=xoxp-not-an-app-token")
	if code != 1 || !strings.Contains(errOut, "SLACK_APP_TOKEN: an app-level token starts with xapp-") {
		t.Errorf("SLACK_APP_TOKEN from the environment: exit %d, stderr %q", code, errOut)
	}

	// --env-file reads that file instead of ./.env.
	other := writeFile(t, filepath.Join(dir, "other.env"), "LOG_LEVEL='loud'\n")
	code, _, errOut = runIn(t, dir, help, []string{"--env-file", other})
	if code != 1 || !strings.HasPrefix(errOut, `mentorbot: LOG_LEVEL: "loud"`) {
		t.Errorf("--env-file other.env: exit %d, stderr %q; want its LOG_LEVEL refused", code, errOut)
	}
	quiet := writeFile(t, filepath.Join(dir, "quiet.env"), "ADMIN_USERS=you\n")
	for _, args := range [][]string{{"--env-file", quiet}, {"console", "--env-file=" + quiet}, {"run", "--env-file", quiet}} {
		if code, out, errOut := runIn(t, dir, help, args); code != 0 || !strings.Contains(out, "/mentor join") {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want the console (./.env not read)", args, code, out, errOut)
		}
	}

	// A missing --env-file is an error; a missing ./.env is not.
	code, _, errOut = runIn(t, dir, help, []string{"--env-file", filepath.Join(dir, "nope.env")})
	if code != 1 || !strings.Contains(errOut, "--env-file") || !strings.Contains(errOut, "no such file") {
		t.Errorf("missing --env-file: exit %d, stderr %q", code, errOut)
	}
	oneLine(t, "the missing --env-file message", errOut)
	if code, out, errOut := runIn(t, t.TempDir(), help, nil); code != 0 || !strings.Contains(out, "/mentor join") {
		t.Errorf("no .env: exit %d, stdout %q, stderr %q", code, out, errOut)
	}

	// A broken file is named; its text (a secret) is not shown.
	broken := t.TempDir()
	writeFile(t, filepath.Join(broken, ".env"), "SLACK_BOT_TOKEN=\"xoxb-unterminated-secret\n")
	code, _, errOut = runIn(t, broken, help, nil)
	if code != 1 || !strings.Contains(errOut, ".env") || strings.Contains(errOut, "unterminated-secret") {
		t.Errorf("broken .env: exit %d, stderr %q; want exit 1 naming .env without its text", code, errOut)
	}

	// ask reads ./.env too (ROADMAP_FILE).
	askDir := t.TempDir()
	writeFile(t, filepath.Join(askDir, ".env"), "ROADMAP_FILE=missing.yaml\n")
	if code, _, errOut := runIn(t, askDir, "", []string{"ask", "what is git"}); code != 1 || !strings.Contains(errOut, "ROADMAP_FILE") {
		t.Errorf("ask with ROADMAP_FILE in .env: exit %d, stderr %q", code, errOut)
	}
}

// TestWithEnvFile: the merge itself, on a lookup that tells set from unset.
func TestWithEnvFile(t *testing.T) {
	path := writeFile(t, filepath.Join(t.TempDir(), "x.env"), "A=file\nB=file\nC=\"quoted value\"\nexport D=exported\nE=${A}-expanded\n")
	real := map[string]string{"A": "env", "B": ""}
	env, err := withEnvFile(func(k string) (string, bool) { v, ok := real[k]; return v, ok }, path)
	if err != nil {
		t.Fatal(err)
	}
	for k, want := range map[string]string{"A": "env", "B": "", "C": "quoted value", "D": "exported", "E": "file-expanded", "F": ""} {
		if got := env.get(k); got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
	if _, ok := env("F"); ok {
		t.Error("F is set, though neither the environment nor the file has it")
	}
}

// TestSafeDefaultRedis: a chat token without REDIS_URL stops start-up with
// one line naming REDIS_URL and memory://, before anything connects; the
// console keeps the embedded default; memory:// opts in on purpose.
func TestSafeDefaultRedis(t *testing.T) {
	chats := map[string]map[string]string{
		"slack socket": {"SLACK_BOT_TOKEN": "xoxb-secret-1", "SLACK_APP_TOKEN": "xapp-secret-2"},
		"slack http":   {"SLACK_BOT_TOKEN": "xoxb-secret-1", "SLACK_SIGNING_SECRET": "s3cr3t", "HTTP_ADDR": "127.0.0.1:0"},
		"discord":      {"DISCORD_BOT_TOKEN": "secret.token", "DISCORD_APP_ID": "1"},
	}
	for name, env := range chats {
		t.Run(name, func(t *testing.T) {
			var out, errb bytes.Buffer
			code := run(context.Background(), nil, strings.NewReader(""), &out, &errb, func(k string) string { return env[k] })
			msg := errb.String()
			if code != 1 || !strings.HasPrefix(msg, "mentorbot: REDIS_URL: ") || !strings.Contains(msg, "REDIS_URL=memory://") {
				t.Fatalf("exit %d, stderr %q: want exit 1 naming REDIS_URL and memory://", code, msg)
			}
			oneLine(t, "the message", msg)
			for _, s := range []string{"xoxb-secret-1", "xapp-secret-2", "s3cr3t", "secret.token"} {
				if strings.Contains(msg, s) {
					t.Errorf("the message shows a secret: %s", msg)
				}
			}
			cfg, err := loadConfig(func(k string) string {
				if k == "REDIS_URL" {
					return "memory://"
				}
				return env[k]
			})
			if err != nil || cfg.checkStore(false) != nil || !cfg.embeddedRedis() {
				t.Errorf("with REDIS_URL=memory://: %v, %v; want it accepted as the embedded Redis", err, cfg.checkStore(false))
			}
			// `mentorbot console` with the same tokens is the console: no REDIS_URL needed.
			out.Reset()
			errb.Reset()
			code = run(context.Background(), []string{"console"}, strings.NewReader("/mentor help\n"), &out, &errb, func(k string) string { return env[k] })
			if code != 0 || !strings.Contains(errb.String(), "REDIS_URL is not set: using an in-process Redis") || !strings.Contains(out.String(), "/mentor join") {
				t.Errorf("console with chat tokens: exit %d, stderr %q", code, errb.String())
			}
		})
	}
	var out, errb bytes.Buffer
	code := run(context.Background(), nil, strings.NewReader("/mentor help\n"), &out, &errb, func(k string) string {
		return map[string]string{"REDIS_URL": "memory://"}[k]
	})
	if code != 0 || !strings.Contains(errb.String(), "REDIS_URL=memory://: using an in-process Redis; nothing is kept") {
		t.Errorf("console on memory://: exit %d, stderr %q", code, errb.String())
	}
}

// TestConfigMemoryURL: memory:// (any case) is the embedded Redis; anything
// after it is refused naming REDIS_URL.
func TestConfigMemoryURL(t *testing.T) {
	for url, ok := range map[string]bool{"memory://": true, "MEMORY://": true, " memory:// ": true, "memory://x": false, "memory:": false} {
		cfg, err := loadConfig(func(k string) string {
			if k == "REDIS_URL" {
				return url
			}
			return ""
		})
		switch {
		case ok && (err != nil || cfg.RedisURL != memoryURL || !cfg.embeddedRedis()):
			t.Errorf("%q: %v, RedisURL %q; want the embedded Redis", url, err, cfg.RedisURL)
		case !ok && (err == nil || !strings.HasPrefix(err.Error(), "REDIS_URL")):
			t.Errorf("%q: %v; want an error naming REDIS_URL", url, err)
		}
	}
}

func TestVersion(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run(context.Background(), []string{"version"}, nil, &out, &errb, nil); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[0], "mentorbot ") || !strings.HasPrefix(lines[1], "revision ") ||
		lines[2] != "go "+runtime.Version()+" "+runtime.GOOS+"/"+runtime.GOARCH {
		t.Errorf("version printed:\n%s", out.String())
	}
	if code := run(context.Background(), []string{"version", "extra"}, nil, &out, &errb, nil); code != 2 {
		t.Errorf("version extra: exit %d, want 2", code)
	}
	out.Reset()
	run(context.Background(), []string{"help"}, nil, &out, &errb, nil)
	for _, cmd := range []string{"mentorbot [run]", "mentorbot version", "mentorbot healthcheck", "--env-file PATH"} {
		if !strings.Contains(out.String(), cmd) {
			t.Errorf("usage lacks %q:\n%s", cmd, out.String())
		}
	}
}

func TestBuildInfoOf(t *testing.T) {
	stamped := &debug.BuildInfo{GoVersion: "go1.99.1", Main: debug.Module{Version: "v0.0.0-20261127110911-7d7978dc42e8"},
		Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "7d7978dc"}, {Key: "vcs.modified", Value: "true"}}}
	for _, tc := range []struct {
		name string
		bi   *debug.BuildInfo
		v, r string
		want buildInfo
	}{
		{"stamped", stamped, "", "", buildInfo{"v0.0.0-20261127110911-7d7978dc42e8", "7d7978dc+dirty", "go1.99.1"}},
		{"ldflags win", stamped, "v1.2.3", "abc", buildInfo{"v1.2.3", "abc", "go1.99.1"}},
		{"local build", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "", "", buildInfo{"devel", "unknown", runtime.Version()}},
		{"none", nil, "", "", buildInfo{"devel", "unknown", runtime.Version()}},
	} {
		if got := buildInfoOf(tc.bi, tc.v, tc.r); got != tc.want {
			t.Errorf("%s: %+v, want %+v", tc.name, got, tc.want)
		}
	}
}

func TestBuildInfoMetric(t *testing.T) {
	o := newOps(nil, slog.New(slog.DiscardHandler))
	code, body := get(t, opsMux(o), "/metrics")
	b := readBuildInfo()
	want := `mentorbot_build_info{goversion="` + b.GoVersion + `",revision="` + b.Revision + `",version="` + b.Version + `"} 1`
	if code != http.StatusOK || !strings.Contains(body, want) {
		t.Errorf("/metrics (%d) lacks %s:\n%s", code, want, body)
	}
}

func TestHealthcheck(t *testing.T) {
	status := http.StatusOK
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/healthz" {
			http.NotFound(w, r)
			return
		}
		plain(w, status, http.StatusText(status))
	}))
	defer srv.Close()
	hc := func(env map[string]string, args ...string) (int, string) {
		var out, errb bytes.Buffer
		code := run(context.Background(), append([]string{"healthcheck"}, args...), nil, &out, &errb, func(k string) string { return env[k] })
		return code, out.String() + errb.String()
	}
	if code, out := hc(nil, srv.URL+"/healthz"); code != 0 {
		t.Errorf("healthy: exit %d: %s", code, out)
	}
	// The default URL is /healthz on HTTP_ADDR's port, on the loopback address.
	port := srv.Listener.Addr().String()[strings.LastIndex(srv.Listener.Addr().String(), ":"):]
	for _, addr := range []string{port, "0.0.0.0" + port, "[::]" + port, "127.0.0.1" + port} {
		if code, out := hc(map[string]string{"HTTP_ADDR": addr}); code != 0 {
			t.Errorf("HTTP_ADDR=%s: exit %d: %s", addr, code, out)
		}
	}
	status = http.StatusServiceUnavailable
	if code, out := hc(nil, srv.URL+"/healthz"); code != 1 || !strings.Contains(out, "503") {
		t.Errorf("unhealthy: exit %d: %s", code, out)
	}
	if code, out := hc(nil, "http://"+testkit.ClosedAddr(t)+"/healthz"); code != 1 {
		t.Errorf("nothing listening: exit %d: %s", code, out)
	}
	for _, bad := range [][]string{{"ftp://x/healthz"}, {"a", "b"}} {
		if code, out := hc(nil, bad...); code != 2 {
			t.Errorf("%v: exit %d, want 2: %s", bad, code, out)
		}
	}
	if code, out := hc(nil); code != 2 || !strings.Contains(out, "HTTP_ADDR") {
		t.Errorf("no URL and no HTTP_ADDR: exit %d: %s", code, out)
	}
}

// TestEnvExample: .env.example is a dotenv file mentorbot reads, copied as
// it is it starts the console, and it lists every variable the
// configuration reads.
func TestEnvExample(t *testing.T) {
	path := filepath.Join("..", "..", ".env.example")
	env, err := withEnvFile(fromGetenv(nil), path)
	if err != nil {
		t.Fatal(err)
	}
	read := map[string]bool{}
	cfg, err := loadConfig(func(k string) string { read[k] = true; return env.get(k) })
	if err != nil || cfg.slack() || cfg.discord() || cfg.checkStore(false) != nil {
		t.Errorf(".env.example as it is: %v; want a valid console configuration", err)
	}
	example := string(repoFile(t, ".env.example"))
	for k := range read {
		if !regexp.MustCompile(`(?m)^` + k + `=`).MatchString(example) {
			t.Errorf(".env.example does not list %s", k)
		}
	}
	if len(read) < 18 {
		t.Errorf("only %d variables read: %v", len(read), read)
	}
}
