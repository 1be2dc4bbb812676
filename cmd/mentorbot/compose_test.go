package main

// compose.yaml and the Containerfile (issue 17). No registry is reachable
// here, so the redis image cannot be pulled and `compose up` cannot run:
// the file is checked by parsing it, and by podman-compose (Debian's
// 1.0.3 has no `config`), run with --dry-run and a stand-in podman that
// only records, to show what a real compose implementation makes of it.

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// composeFile is the part of the compose format the checks read.
type composeFile struct {
	Services map[string]composeService `yaml:"services"`
	Volumes  map[string]any            `yaml:"volumes"`
}

type composeService struct {
	Image   string   `yaml:"image"`
	Command []string `yaml:"command"`
	Build   struct {
		Context    string `yaml:"context"`
		Dockerfile string `yaml:"dockerfile"`
	} `yaml:"build"`
	EnvFile     string            `yaml:"env_file"`
	Environment map[string]string `yaml:"environment"`
	Ports       []string          `yaml:"ports"`
	Volumes     []string          `yaml:"volumes"`
	DependsOn   map[string]struct {
		Condition string `yaml:"condition"`
	} `yaml:"depends_on"`
	Healthcheck struct {
		Test     []string `yaml:"test"`
		Interval string   `yaml:"interval"`
	} `yaml:"healthcheck"`
}

func repoFile(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestComposeFile(t *testing.T) {
	var f composeFile
	if err := yaml.Unmarshal(repoFile(t, "compose.yaml"), &f); err != nil {
		t.Fatalf("compose.yaml: %v", err)
	}
	redis, bot := f.Services["redis"], f.Services["mentorbot"]

	// Redis: durable, as the README's production settings say.
	cmd := strings.Join(redis.Command, " ")
	for _, want := range []string{"--appendonly yes", "--appendfsync everysec", "--maxmemory-policy noeviction"} {
		if !strings.Contains(cmd, want) {
			t.Errorf("redis command %q lacks %s", cmd, want)
		}
	}
	if len(redis.Volumes) != 1 || !strings.HasSuffix(redis.Volumes[0], ":/data") {
		t.Errorf("redis volumes %q, want one named volume on /data", redis.Volumes)
	} else if name, _, _ := strings.Cut(redis.Volumes[0], ":"); f.Volumes == nil || !hasKey(f.Volumes, name) {
		t.Errorf("redis volume %q is not a named volume of the file (volumes: %v)", name, f.Volumes)
	}
	if got := strings.Join(redis.Healthcheck.Test, " "); got != "CMD redis-cli ping" {
		t.Errorf("redis health check %q, want CMD redis-cli ping", got)
	}

	// mentorbot: built from the Containerfile, started when Redis is healthy.
	if bot.Build.Context != "." || bot.Build.Dockerfile != "Containerfile" {
		t.Errorf("mentorbot build %+v, want context . and the Containerfile", bot.Build)
	}
	if bot.DependsOn["redis"].Condition != "service_healthy" {
		t.Errorf("mentorbot depends_on %+v, want redis with condition service_healthy", bot.DependsOn)
	}
	if bot.EnvFile != ".env" {
		t.Errorf("mentorbot env_file %q, want .env", bot.EnvFile)
	}
	if u := bot.Environment["REDIS_URL"]; !strings.HasPrefix(u, "redis://redis:6379/") {
		t.Errorf("mentorbot REDIS_URL %q, want the redis service", u)
	}
	// The health check needs no shell or curl (there are none in the
	// image): mentorbot's own healthcheck on HTTP_ADDR, whose port is published.
	if got := strings.Join(bot.Healthcheck.Test, " "); got != "CMD /mentorbot healthcheck" {
		t.Errorf("mentorbot health check %q, want CMD /mentorbot healthcheck", got)
	}
	port := strings.TrimPrefix(bot.Environment["HTTP_ADDR"], ":")
	if port == "" || !slices.Contains(bot.Ports, port+":"+port) {
		t.Errorf("HTTP_ADDR %q is not published (ports %q)", bot.Environment["HTTP_ADDR"], bot.Ports)
	}

	// The Containerfile: nothing to pull, a non-root user, the CA bundle.
	cf := string(repoFile(t, "Containerfile"))
	for _, re := range []string{`(?m)^FROM scratch$`, `(?m)^USER 65532:65532$`, `(?m)^COPY \S+ /etc/ssl/certs/ca-certificates.crt$`,
		`(?m)^ENTRYPOINT \["/mentorbot"\]$`, `(?m)^EXPOSE ` + port + `$`} {
		if !regexp.MustCompile(re).MatchString(cf) {
			t.Errorf("Containerfile does not match %s", re)
		}
	}
	if n := len(regexp.MustCompile(`(?mi)^FROM `).FindAllString(cf, -1)); n != 1 {
		t.Errorf("Containerfile has %d FROM lines, want only FROM scratch", n)
	}
}

func hasKey(m map[string]any, k string) bool { _, ok := m[k]; return ok }

// TestComposeWithPodmanCompose: podman-compose reads compose.yaml and would
// run Redis with its settings and volume, then mentorbot with .env, the
// Redis URL and the health check. Its podman is a stand-in that records
// the calls, so nothing is created.
func TestComposeWithPodmanCompose(t *testing.T) {
	pc, err := exec.LookPath("podman-compose")
	if err != nil {
		t.Fatal("podman-compose is needed (scripts/test installs it with apt-get): ", err)
	}
	dir := t.TempDir()
	for _, name := range []string{"compose.yaml", "Containerfile"} {
		writeFile(t, filepath.Join(dir, name), string(repoFile(t, name)))
	}
	writeFile(t, filepath.Join(dir, ".env"), "SLACK_BOT_TOKEN=\n")
	calls := filepath.Join(dir, "calls")
	fake := writeFile(t, filepath.Join(dir, "podman"), "#!/bin/sh\necho \"$@\" >> "+calls+"\n"+
		"case \"$1\" in --version|version) echo 'podman version 4.3.1';; esac\nexit 0\n")
	os.Chmod(fake, 0o755)
	cmd := exec.Command(pc, "--podman-path", fake, "-p", "mbtest", "--dry-run", "-f", "compose.yaml", "up", "-d")
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("podman-compose: %v\n%s", err, out)
	}
	var runs []string
	for _, line := range strings.Split(string(out), "\n") {
		if strings.HasPrefix(line, fake+" run ") {
			runs = append(runs, line)
		}
	}
	if len(runs) != 2 || !strings.Contains(runs[0], "--name=mbtest_redis_1") || !strings.Contains(runs[1], "--name=mbtest_mentorbot_1") {
		t.Fatalf("want redis run, then mentorbot; podman-compose printed:\n%s", out)
	}
	for _, want := range []string{"-v mbtest_redis-data:/data", "redis-cli' 'ping", "redis-server --appendonly yes --appendfsync everysec --maxmemory-policy noeviction"} {
		if !strings.Contains(runs[0], want) {
			t.Errorf("redis run lacks %q:\n%s", want, runs[0])
		}
	}
	for _, want := range []string{"--env-file " + filepath.Join(dir, ".env"), "-e REDIS_URL=redis://redis:6379/0", "-e HTTP_ADDR=:8080",
		"-p 8080:8080", "/mentorbot' 'healthcheck", "mentorbot:latest"} {
		if !strings.Contains(runs[1], want) {
			t.Errorf("mentorbot run lacks %q:\n%s", want, runs[1])
		}
	}
	if b, err := os.ReadFile(calls); err != nil || !strings.Contains(string(b), "volume inspect mbtest_redis-data") {
		t.Errorf("the stand-in podman was not called for the volume (%v): %s", err, b)
	}
}
