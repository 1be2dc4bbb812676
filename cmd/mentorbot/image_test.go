package main

// The container image (issue 17): scripts/image builds it offline, and the
// image runs on the host network against the test Redis, answering
// /healthz, /readyz and a signed Slack command. The engine is chosen as
// design.md says; with none working the test fails.

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// engine is a container engine with the flags every call gets.
type engine struct {
	name  string
	flags []string
}

// containerEngine is $CONTAINER, else podman when `podman info` works,
// else docker when `docker info` works, with $CONTAINER_FLAGS; it fails
// the test when none works.
func containerEngine(t *testing.T) engine {
	t.Helper()
	flags := strings.Fields(os.Getenv("CONTAINER_FLAGS"))
	if c := os.Getenv("CONTAINER"); c != "" {
		return engine{c, flags}
	}
	for _, name := range []string{"podman", "docker"} {
		if _, err := exec.LookPath(name); err != nil {
			continue
		}
		if err := exec.Command(name, append(flags, "info")...).Run(); err == nil {
			return engine{name, flags}
		}
	}
	t.Fatal("no container engine works (podman info and docker info failed): install podman and runc " +
		"(scripts/test does), or set CONTAINER; on these machines podman also needs CONTAINER_FLAGS and CONTAINERS_CONF (README, Container image)")
	return engine{}
}

// cmd is an engine command with the flags.
func (e engine) cmd(ctx context.Context, args ...string) *exec.Cmd {
	return exec.CommandContext(ctx, e.name, append(append([]string(nil), e.flags...), args...)...)
}

// run runs an engine command and returns its stdout, failing the test when
// it fails.
func (e engine) run(t *testing.T, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	var out, errb bytes.Buffer
	c := e.cmd(ctx, args...)
	c.Stdout, c.Stderr = &out, &errb
	if err := c.Run(); err != nil {
		hint := ""
		if strings.Contains(errb.String(), "rlimit") {
			hint = "\n(podman here needs CONTAINERS_CONF naming a file with [containers] default_ulimits = []; scripts/test sets it)"
		}
		t.Fatalf("%s %s: %v\n%s%s%s", e.name, strings.Join(args, " "), err, out.String(), errb.String(), hint)
	}
	return out.String()
}

func TestContainerImage(t *testing.T) {
	e := containerEngine(t)
	tag := "localhost/mentorbot-test:" + strconv.FormatInt(time.Now().UnixNano(), 36)
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}

	// Build: binary and image, offline.
	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute)
	defer cancel()
	build := exec.CommandContext(ctx, filepath.Join(root, "scripts", "image"), tag)
	build.Env = append(os.Environ(), "CONTAINER="+e.name, "CONTAINER_FLAGS="+strings.Join(e.flags, " "))
	start := time.Now()
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("scripts/image %s: %v\n%s", tag, err, out)
	}
	t.Logf("scripts/image took %s", time.Since(start).Round(time.Second))
	t.Cleanup(func() { exec.Command(e.name, append(e.flags, "rmi", "-f", tag)...).Run() })

	// What is in it: a non-root user, the CA bundle, a -ldflags version.
	inspect := strings.Fields(e.run(t, "image", "inspect", "--format", "{{.Config.User}} {{.Size}}", tag))
	if len(inspect) != 2 || inspect[0] != "65532:65532" {
		t.Errorf("image user and size: %q, want user 65532:65532", inspect)
	}
	if size, _ := strconv.ParseInt(inspect[len(inspect)-1], 10, 64); size <= 0 || size > 60<<20 {
		t.Errorf("image size %d bytes, want under 60 MiB", size)
	} else {
		t.Logf("image size %.1f MB", float64(size)/1e6)
	}
	ctr := "mentorbot-test-" + strconv.FormatInt(time.Now().UnixNano(), 36)
	e.run(t, "create", "--name", ctr, tag)
	dir := t.TempDir()
	e.run(t, "cp", ctr+":/etc/ssl/certs/ca-certificates.crt", dir)
	e.run(t, "rm", ctr)
	if fi, err := os.Stat(filepath.Join(dir, "ca-certificates.crt")); err != nil || fi.Size() < 1000 {
		t.Errorf("no CA bundle at /etc/ssl/certs/ca-certificates.crt in the image: %v", err)
	}
	version := e.run(t, "run", "--rm", tag, "version")
	if rev, err := exec.Command("git", "-C", root, "rev-parse", "HEAD").Output(); err == nil && !strings.Contains(version, "revision "+strings.TrimSpace(string(rev))) {
		t.Errorf("version in the image does not name revision %s:\n%s", rev, version)
	}
	if strings.HasPrefix(version, "mentorbot devel") {
		t.Errorf("version in the image was not set by scripts/image:\n%s", version)
	}

	// Run it: Slack HTTP mode against a fake Slack, on the test Redis.
	team := "TIMG" + e2eID()[:10]
	rdb := e2eScope(t, "slack", team)
	fake := newE2ESlack(t)
	env := map[string]string{"SLACK_SIGNING_SECRET": e2eSlackSecret, "SLACK_BOT_TOKEN": e2eSlackToken,
		"SLACK_API_URL": fake.srv.URL, "DEFAULT_TZ": "Europe/Berlin"} // a zone: the tzdata is in the binary
	p := startE2EWith(t, env, func(p *e2eProc, env map[string]string) {
		name := "mentorbot-test-" + strconv.FormatInt(time.Now().UnixNano(), 36)
		args := []string{"run", "--rm", "--name", name, "--network", "host"}
		for k, v := range env {
			args = append(args, "-e", k+"="+v)
		}
		c := e.cmd(context.Background(), append(args, tag)...)
		c.Stdout, c.Stderr = p.logs, p.logs
		if err := c.Start(); err != nil {
			t.Fatalf("%s run: %v", e.name, err)
		}
		p.stop = func() { go e.cmd(context.Background(), "stop", "-t", "10", name).Run() }
		go func() { _ = c.Wait(); p.done <- c.ProcessState.ExitCode() }()
		t.Cleanup(func() { exec.Command(e.name, append(e.flags, "rm", "-f", name)...).Run() })
	})
	for path, want := range map[string]string{"/healthz": "ok", "/readyz": "ok", "/metrics": `mentorbot_build_info{goversion="go`} {
		// Ready comes once the adapter has authenticated against the
		// fake, a moment after the listener opens: wait for it.
		var res *http.Response
		var body []byte
		for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(50 * time.Millisecond) {
			var err error
			if res, err = http.Get(p.base + path); err != nil {
				t.Fatalf("GET %s: %v", path, err)
			}
			body, _ = io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode == http.StatusOK || time.Now().After(deadline) {
				break
			}
		}
		if res.StatusCode != http.StatusOK || !strings.Contains(string(body), want) {
			t.Errorf("GET %s: %d %q, want 200 with %q", path, res.StatusCode, body, want)
		}
	}
	r := p.slack(fake, team, "U0IMG", "join", e2eSlackSecret, time.Now())
	if m := e2eDecode(t, "join", r); !strings.Contains(r.body, "Welcome") {
		t.Errorf("join from the image: %v", m)
	}
	if r := p.slack(fake, team, "U0IMG", "progress", "not-the-secret", time.Now()); r.status != http.StatusUnauthorized {
		t.Errorf("a forged command: %d, want 401", r.status)
	}
	if snap := rdb.snapshot(); !strings.Contains(snap, "U0IMG") {
		t.Errorf("the image's join left nothing in the test Redis: %s", snap)
	}
	p.shutdown()
}
