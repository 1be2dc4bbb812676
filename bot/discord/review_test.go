package discord

import (
	"github.com/mentorbot/mentorbot/internal/testkit"

	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"

	"github.com/mentorbot/mentorbot/bot"
)

// discordgo's errors carry the request URL, which for interaction replies
// holds the interaction token; the logs must not.
func TestLogsHideInteractionToken(t *testing.T) {
	down := httptest.NewServer(nil)
	down.Close() // every REST call now fails with a *url.Error naming its URL
	var logs testkit.Buffer
	r := newRig(t, func(c *Config) {
		c.APIURL = down.URL
		c.Logger = slog.New(slog.NewTextHandler(&logs, nil))
	})

	// Gateway: the callback POST /interactions/{id}/{token}/callback fails.
	var i discordgo.Interaction
	if err := json.Unmarshal([]byte(r.x(guildCommandPayload)), &i); err != nil {
		t.Fatal(err)
	}
	r.a.onInteraction(t.Context(), &i)

	// HTTP: a slow reply is deferred, then PATCH /webhooks/{app}/{token}/... fails.
	r.a.budget = 50 * time.Millisecond
	r.h.delay = 200 * time.Millisecond
	r.signed(t, strings.Replace(guildCommandPayload, "786008729715212339", "786008729715212399", 1))
	waitFor(t, "the failed follow-up to be logged", func() bool { return strings.Contains(logs.String(), "send deferred reply") })

	out := logs.String()
	if !strings.Contains(out, "respond to interaction") {
		t.Fatalf("the failed callback was not logged:\n%s", out)
	}
	if strings.Contains(out, "tok-guild") {
		t.Fatalf("interaction token in the logs:\n%s", out)
	}
	if !strings.Contains(out, "<token>") {
		t.Fatalf("logged errors lost their context:\n%s", out)
	}
}

func TestRedact(t *testing.T) {
	err := &discordgo.RateLimitError{RateLimit: &discordgo.RateLimit{
		TooManyRequests: &discordgo.TooManyRequests{RetryAfter: time.Second},
		URL:             "https://discord.com/api/v9/webhooks/111/aW50ZXJhY3Rpb24.abc_-/messages/@original",
	}}
	got := redact(err, "aW50ZXJhY3Rpb24.abc_-")
	if strings.Contains(got, "aW50ZXJhY3Rpb24") || !strings.Contains(got, "/webhooks/111/<token>/messages") {
		t.Fatalf("redact = %q", got)
	}
	if redact(errors.New("plain"), "") != "plain" {
		t.Fatal("an empty token changed the text")
	}
}

// A rejected token or refused intents cannot be cured by retrying: Run
// must stop with an error naming the setting, not warn forever.
func TestGatewayFatalErrors(t *testing.T) {
	tests := []struct {
		err  error
		want string // part of the reason; "" for retryable
	}{
		{&websocket.CloseError{Code: 4004, Text: "Authentication failed."}, "DISCORD_BOT_TOKEN"},
		{fmt.Errorf("open: %w", &websocket.CloseError{Code: 4014, Text: "Disallowed intent(s)."}), "intents"},
		{&websocket.CloseError{Code: 4013}, "intents"},
		{&websocket.CloseError{Code: 4012}, "API version"},
		{&websocket.CloseError{Code: 4000, Text: "Unknown error"}, ""},
		{&websocket.CloseError{Code: websocket.CloseAbnormalClosure}, ""},
		{errors.New("dial tcp: connection refused"), ""},
	}
	for _, tt := range tests {
		if got := fatalGateway(tt.err); tt.want == "" && got != "" || !strings.Contains(got, tt.want) {
			t.Errorf("fatalGateway(%v) = %q, want one naming %q", tt.err, got, tt.want)
		}
	}

	// The fake answers GET /gateway with 401 for a token it does not know.
	r := newRig(t, func(c *Config) { c.Token, c.Gateway = "wrong-token", true })
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
	defer cancel()
	err := r.a.Run(ctx)
	if err == nil || !strings.Contains(err.Error(), "DISCORD_BOT_TOKEN") {
		t.Fatalf("Run with a rejected token = %v, want an error naming DISCORD_BOT_TOKEN", err)
	}
	if ctx.Err() != nil {
		t.Fatal("Run kept retrying a rejected token until the deadline")
	}
}

// The real command table, registered: every limit Discord checks on a
// bulk overwrite, including the 8000-character total of a command.
func TestRealRegistrationFitsDiscord(t *testing.T) {
	r, _ := newRealRig(t)
	cmd := r.a.slashCommand(t.Context())
	name := regexp.MustCompile(`^[-_\p{L}\p{N}]{1,32}$`)
	total := utf8.RuneCountInString(cmd.Name) + utf8.RuneCountInString(cmd.Description)
	if len(cmd.Options) > 25 {
		t.Fatalf("%d subcommands, Discord allows 25", len(cmd.Options))
	}
	check := func(where, n, d string) {
		if !name.MatchString(n) || strings.ToLower(n) != n {
			t.Errorf("%s: bad name %q", where, n)
		}
		if l := utf8.RuneCountInString(d); l < 1 || l > 100 {
			t.Errorf("%s: description of %d characters", where, l)
		}
		total += utf8.RuneCountInString(n) + utf8.RuneCountInString(d)
	}
	seen := map[string]bool{}
	for _, sub := range cmd.Options {
		check(sub.Name, sub.Name, sub.Description)
		if seen[sub.Name] {
			t.Errorf("duplicate subcommand %q", sub.Name)
		}
		seen[sub.Name] = true
		if len(sub.Options) > 25 {
			t.Errorf("%s: %d options", sub.Name, len(sub.Options))
		}
		opts := map[string]bool{}
		for _, o := range sub.Options {
			where := sub.Name + " " + o.Name
			check(where, o.Name, o.Description)
			if opts[o.Name] {
				t.Errorf("%s: duplicate option", where)
			}
			opts[o.Name] = true
			if o.Autocomplete && len(o.Choices) > 0 {
				t.Errorf("%s: both choices and autocomplete", where)
			}
			if len(o.Choices) > 25 {
				t.Errorf("%s: %d choices", where, len(o.Choices))
			}
			for _, c := range o.Choices {
				v, _ := c.Value.(string)
				if n := utf8.RuneCountInString(c.Name); n < 1 || n > 100 || v == "" || utf8.RuneCountInString(v) > 100 {
					t.Errorf("%s: choice %q = %q", where, c.Name, v)
				}
				total += utf8.RuneCountInString(c.Name) + utf8.RuneCountInString(v)
			}
		}
	}
	if total > 8000 {
		t.Errorf("/%s totals %d characters, Discord allows 8000", cmd.Name, total)
	}
	t.Logf("/%s: %d subcommands, %d characters of names, descriptions and choices", cmd.Name, len(cmd.Options), total)
}

// countingServer answers every REST call with status, content type and
// body (and Retry-After when set), counting the calls.
func countingServer(t *testing.T, status int, ctype, body, retryAfter string) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		n.Add(1)
		w.Header().Set("Content-Type", ctype)
		if retryAfter != "" {
			w.Header().Set("Retry-After", retryAfter)
		}
		w.WriteHeader(status)
		io.WriteString(w, body)
	}))
	t.Cleanup(srv.Close)
	return srv, &n
}

// Cloudflare answers an IP that made too many invalid requests with an
// HTML 429; a nudge batch must see it as a rate limit and pause.
func TestNonJSON429IsARateLimit(t *testing.T) {
	tests := []struct {
		retryAfter string
		want       time.Duration
	}{
		{"30", 30 * time.Second},
		{"1.5", 1500 * time.Millisecond},
		{"", time.Minute},
		{"soon", time.Minute},
	}
	for _, tt := range tests {
		t.Run(tt.retryAfter, func(t *testing.T) {
			srv, _ := countingServer(t, http.StatusTooManyRequests, "text/html", "<html>error code: 1015</html>", tt.retryAfter)
			r := newRig(t, func(c *Config) { c.APIURL = srv.URL })
			to := bot.Recipient{Scope: bot.Scope{Platform: "discord", Workspace: r.x(guildID)}, User: "42"}
			err := r.a.Send(t.Context(), to, bot.Message{Text: "nudge"})
			var rl *bot.RateLimitError
			if !errors.As(err, &rl) || rl.RetryAfter != tt.want {
				t.Fatalf("Send = %v, want a rate limit of %v", err, tt.want)
			}
		})
	}
}

// Without access to a guild's roles, the lead role is not looked up again
// on every interaction: 403s count toward Discord's invalid-request ban.
func TestLeadRoleNoAccess(t *testing.T) {
	srv, calls := countingServer(t, http.StatusForbidden, "application/json", `{"message":"Missing Access","code":50001}`, "")
	r := newRig(t, func(c *Config) { c.APIURL = srv.URL })
	for i := range 3 {
		r.signed(t, strings.Replace(buttonPayload, "786008729715212342", fmt.Sprint(786008729715212350+i), 1))
	}
	for _, req := range r.h.requests() {
		if req.Role != bot.RoleMember {
			t.Fatalf("role = %v without the guild's roles, want member", req.Role)
		}
	}
	if n := calls.Load(); n != 1 {
		t.Fatalf("roles listed %d times, want 1 (then remembered)", n)
	}
}

// A proxy URL's password stays out of the start-up error.
func TestAPIURLErrorHidesPassword(t *testing.T) {
	for _, bad := range []string{"ftp://relay:s3cret@proxy.example", "http://relay:s3cret@", "http://relay:s3cret@%zz"} {
		_, err := newTransport(http.DefaultTransport, bad, 0)
		if err == nil || strings.Contains(err.Error(), "s3cret") || !strings.Contains(err.Error(), "DISCORD_API_URL") {
			t.Errorf("DISCORD_API_URL %q: err = %v", bad, err)
		}
	}
}

// A deferred reply's edit that meets a 429 waits and is tried once more,
// and only once.
func TestDeferredEditRetriesRateLimitOnce(t *testing.T) {
	for _, limited := range []int{1, 5} {
		t.Run(fmt.Sprint(limited, " limited"), func(t *testing.T) {
			var edits atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				if r.Method != http.MethodPatch {
					w.WriteHeader(http.StatusNotFound)
					io.WriteString(w, `{"message":"404: Not Found","code":0}`)
					return
				}
				if int(edits.Add(1)) <= limited {
					w.WriteHeader(http.StatusTooManyRequests)
					io.WriteString(w, `{"message":"You are being rate limited.","retry_after":0.05,"global":false}`)
					return
				}
				io.WriteString(w, `{"id":"9000","channel_id":"1"}`)
			}))
			t.Cleanup(srv.Close)
			var logs testkit.Buffer
			r := newRig(t, func(c *Config) {
				c.APIURL = srv.URL
				c.Logger = slog.New(slog.NewTextHandler(&logs, nil))
			})
			r.a.budget = 50 * time.Millisecond
			r.h.delay = 150 * time.Millisecond
			if got := r.signed(t, dmCommandPayload); dig(got, "type") != float64(5) {
				t.Fatalf("reply = %s, want deferred", compact(got))
			}
			r.a.wg.Wait()
			if n := edits.Load(); n != 2 {
				t.Fatalf("%d edits, want 2 (one retry after the 429)", n)
			}
			if failed := strings.Contains(logs.String(), "send deferred reply"); failed != (limited > 1) {
				t.Fatalf("failure logged = %v with %d 429s:\n%s", failed, limited, logs.String())
			}
		})
	}
}

// A panic while handling a gateway event is logged, not fatal.
func TestGatewayHandlerSurvivesPanic(t *testing.T) {
	r := newRig(t, nil)
	var logs strings.Builder
	r.a.log = slog.New(slog.NewTextHandler(&logs, nil))
	func() {
		defer r.a.survive("message")
		panic("boom")
	}()
	if !strings.Contains(logs.String(), "handler panicked") || !strings.Contains(logs.String(), "boom") {
		t.Fatalf("log = %q", logs.String())
	}
}
