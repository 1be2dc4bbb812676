package slack

import (
	"reflect"

	"github.com/mentorbot/mentorbot/internal/testkit"

	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"

	"github.com/mentorbot/mentorbot/bot"
)

// Signature modes of FuzzSlackHTTP. Only sigValid may reach the handler.
const (
	sigValid    = iota // signed with the signing secret over the body sent
	sigNone            // no signature headers
	sigOtherKey        // signed with another secret
	sigTampered        // signed over a different body than the one sent
	sigModes
)

// fuzzRoutes are the endpoints Routes mounts.
var fuzzRoutes = [...]string{"/slack/commands", "/slack/interactions", "/slack/events"}

// fuzzNow is the adapter's clock: a whole second, so that a timestamp
// exactly five minutes off sits on the edge of the window, not past it.
var fuzzNow = time.Unix(1_700_000_000, 0)

// recorder is a Handler that remembers its requests and answers at once.
type recorder struct {
	mu    sync.Mutex
	reqs  []bot.Request
	homes int
}

func (h *recorder) Handle(_ context.Context, req bot.Request) bot.Message {
	h.mu.Lock()
	h.reqs = append(h.reqs, req)
	h.mu.Unlock()
	return bot.Message{Title: "Reply", Text: "ok", Private: true,
		Buttons: []bot.Button{{Label: "Next", Command: "next"}}}
}

func (h *recorder) Home(_ context.Context, _ bot.Request) bot.Message {
	h.mu.Lock()
	h.homes++
	h.mu.Unlock()
	return bot.Message{Title: "Home", Text: "ok"}
}

// since returns the requests handled after the first n, and how many
// Home calls there were.
func (h *recorder) since(n int) ([]bot.Request, int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]bot.Request(nil), h.reqs[n:]...), h.homes
}

// count returns how many requests and Home calls there were.
func (h *recorder) count() (int, int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.reqs), h.homes
}

// refuseAll is a transport that fails every call, so no fuzz input (a
// response_url, say) sends anything anywhere; it counts the attempts.
type refuseAll struct{ n atomic.Int64 }

func (t *refuseAll) RoundTrip(*http.Request) (*http.Response, error) {
	t.n.Add(1)
	return nil, errors.New("fuzz: network disabled")
}

// FuzzSlackHTTP sends arbitrary bodies, signed in one of four ways at an
// arbitrary time, through the adapter's HTTP routes. Properties: no panic;
// the status is 200, 400, 401 or 413; anything not validly signed within
// the replay window gets 401 and neither reaches the handler nor calls
// out; a validly signed fresh request never gets 401, and a slash command
// or button reaches the handler exactly as its form says.
func FuzzSlackHTTP(f *testing.F) {
	h := &recorder{}
	tr := &refuseAll{}
	a, err := New(Config{
		BotToken: "xoxb-test", SigningSecret: testSecret, APIURL: "http://slack.invalid",
		Handler: h, Cache: testkit.NewCache(), Logger: quiet(),
		Clock: func() time.Time { return fuzzNow }, HTTPClient: &http.Client{Transport: tr},
	})
	if err != nil {
		f.Fatal(err)
	}
	mux := http.NewServeMux()
	a.Routes(mux)

	// The seed corpus is testdata/fuzz/FuzzSlackHTTP: the payloads of the
	// HTTP tests, validly signed and not, fresh and stale.
	f.Fuzz(func(t *testing.T, route uint8, body []byte, mode uint8, offset int64) {
		path := fuzzRoutes[int(route)%len(fuzzRoutes)]
		mode %= sigModes
		ts := fuzzNow.Unix() + offset // may wrap: then it is far off either way
		fresh := ts >= fuzzNow.Unix()-300 && ts <= fuzzNow.Unix()+300
		stamp := strconv.FormatInt(ts, 10)

		r := httptest.NewRequest(http.MethodPost, path, strings.NewReader(string(body)))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		switch mode {
		case sigValid:
			r.Header.Set("X-Slack-Signature", sign(testSecret, stamp, body))
		case sigOtherKey:
			r.Header.Set("X-Slack-Signature", sign("not-the-secret", stamp, body))
		case sigTampered:
			r.Header.Set("X-Slack-Signature", sign(testSecret, stamp, append([]byte("x"), body...)))
		}
		if mode != sigNone {
			r.Header.Set("X-Slack-Request-Timestamp", stamp)
		}

		before, homesBefore := h.count()
		calls := tr.n.Load()
		w := httptest.NewRecorder()
		mux.ServeHTTP(w, r)
		a.work.Wait() // the replies to buttons and events run after the ack
		reqs, homes := h.since(before)
		homes -= homesBefore

		switch w.Code {
		case 200, 400, 401, 413:
		default:
			t.Fatalf("%s: status %d", path, w.Code)
		}
		if len(body) > maxBody {
			if w.Code != 413 {
				t.Fatalf("%s: %d-byte body got %d, want 413", path, len(body), w.Code)
			}
			return
		}
		if sslCheck(r, body) {
			// Slack's certificate probe: 200, signed or not, and nothing
			// runs.
			if w.Code != 200 || len(reqs) != 0 || homes != 0 || tr.n.Load() != calls {
				t.Fatalf("%s: ssl_check got %d and ran %d requests", path, w.Code, len(reqs))
			}
			return
		}
		if mode != sigValid || !fresh {
			if w.Code != 401 {
				t.Fatalf("%s: signature mode %d, fresh %v: status %d, want 401", path, mode, fresh, w.Code)
			}
			if len(reqs) != 0 || homes != 0 || tr.n.Load() != calls {
				t.Fatalf("%s: rejected request reached the handler (%d, %d homes) or the network", path, len(reqs), homes)
			}
			return
		}
		if w.Code == 401 {
			t.Fatalf("%s: validly signed fresh request got 401", path)
		}
		for _, req := range reqs {
			if req.Scope.Platform != Platform {
				t.Fatalf("%s: request scope %+v", path, req.Scope)
			}
		}
		switch path {
		case "/slack/commands":
			checkCommand(t, body, w, reqs)
		case "/slack/interactions":
			checkInteraction(t, body, w, reqs)
		case "/slack/events":
			// The one Request URL: a form is a command or an interaction.
			form, ferr := url.ParseQuery(string(body))
			switch trimmed := bytes.TrimLeft(body, " \t\r\n"); {
			case len(trimmed) > 0 && trimmed[0] == '{', ferr != nil:
				checkEvent(t, body, w, reqs)
			case form.Has("payload"):
				checkInteraction(t, body, w, reqs)
			case form.Has("command"):
				checkCommand(t, body, w, reqs)
			default:
				checkEvent(t, body, w, reqs)
			}
		}
	})
}

// checkCommand: a form with a team and a user runs once as its text says
// and is answered in Block Kit; anything else is a 400 that runs nothing.
func checkCommand(t *testing.T, body []byte, w *httptest.ResponseRecorder, reqs []bot.Request) {
	t.Helper()
	form, err := url.ParseQuery(string(body))
	if err != nil || form.Get("team_id") == "" || form.Get("user_id") == "" {
		if w.Code != 400 || len(reqs) != 0 {
			t.Fatalf("bad command: status %d, %d requests, want 400 and none", w.Code, len(reqs))
		}
		return
	}
	if w.Code != 200 || len(reqs) != 1 {
		t.Fatalf("command: status %d, %d requests, want 200 and one", w.Code, len(reqs))
	}
	// No name: user_name is the legacy handle, and users.info (the one
	// name source) is refused here.
	want := bot.Request{Scope: scope(form.Get("team_id")), User: form.Get("user_id"),
		Text: strings.TrimSpace(form.Get("text"))}
	got := reqs[0]
	got.Zone, got.Role = "", 0 // from users.info, which the transport refuses
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("command ran as %+v, want %+v", got, want)
	}
	var reply map[string]any
	if err := json.Unmarshal(w.Body.Bytes(), &reply); err != nil || reply["blocks"] == nil {
		t.Fatalf("command reply is not Block Kit: %v: %s", err, w.Body)
	}
}

// checkInteraction: a payload that is not a JSON interaction is a 400;
// otherwise the ack is an empty 200 and each of our buttons pressed runs
// its command once, as the presser.
func checkInteraction(t *testing.T, body []byte, w *httptest.ResponseRecorder, reqs []bot.Request) {
	t.Helper()
	form, err := url.ParseQuery(string(body))
	var cb slack.InteractionCallback
	if err == nil {
		err = json.Unmarshal([]byte(form.Get("payload")), &cb)
	}
	if err != nil {
		if w.Code != 400 || len(reqs) != 0 {
			t.Fatalf("bad interaction: status %d, %d requests, want 400 and none", w.Code, len(reqs))
		}
		return
	}
	if w.Code != 200 || w.Body.Len() != 0 {
		t.Fatalf("interaction ack: status %d, body %q, want an empty 200", w.Code, w.Body)
	}
	var want []string
	if cb.Type == slack.InteractionTypeBlockActions {
		for _, act := range cb.ActionCallback.BlockActions {
			if act != nil && strings.HasPrefix(act.ActionID, actionPrefix) && act.Value != "" {
				want = append(want, act.Value)
			}
		}
	}
	if len(reqs) != len(want) {
		t.Fatalf("interaction ran %d commands, want %d (%q)", len(reqs), len(want), want)
	}
	// They run concurrently, so compare as multisets.
	left := map[string]int{}
	for _, v := range want {
		left[v]++
	}
	for _, req := range reqs {
		if req.User != cb.User.ID || req.Free || req.Scope.Workspace != cb.Team.ID || left[req.Text] == 0 {
			t.Fatalf("button ran %+v, want one of %q as %s in %s", req, want, cb.User.ID, cb.Team.ID)
		}
		left[req.Text]--
	}
}

// checkEvent: events are acknowledged with 200 whatever they hold (Slack
// retries anything else), except a URL check whose challenge cannot be
// read; a URL check is answered with its challenge; an event asks at most
// one free-text question.
func checkEvent(t *testing.T, body []byte, w *httptest.ResponseRecorder, reqs []bot.Request) {
	t.Helper()
	if len(reqs) > 1 {
		t.Fatalf("one event ran %d requests", len(reqs))
	}
	for _, req := range reqs {
		if !req.Free || req.User == "" {
			t.Fatalf("event ran %+v, want a free-text question from a user", req)
		}
	}
	if w.Code != 200 && w.Code != 400 {
		t.Fatalf("event: status %d", w.Code)
	}
	// The only thing an event is ever answered with is a URL check's
	// challenge; a well-formed URL check always gets it.
	var outer slackevents.EventsAPIEvent
	var check slackevents.EventsAPIURLVerificationEvent
	isCheck := json.Unmarshal(body, &check) == nil && check.Type == slackevents.URLVerification
	if w.Body.Len() > 0 && w.Code == 200 && (!isCheck || w.Body.String() != check.Challenge) {
		t.Fatalf("event answered %q; URL check %v, challenge %q", w.Body, isCheck, check.Challenge)
	}
	if isCheck && json.Unmarshal(body, &outer) == nil && (w.Code != 200 || w.Body.String() != check.Challenge) {
		t.Fatalf("URL check: status %d, answer %q, want the challenge %q", w.Code, w.Body, check.Challenge)
	}
	if w.Code == 400 && len(reqs) != 0 {
		t.Fatal("a rejected event ran a request")
	}
}
