// Package reference is the yardstick for mentorbot's hot path: a minimal
// net/http handler for a signed Slack slash command doing the same work
// as /mentor progress and /mentor done — verify the signature, read the
// member in one pipelined round trip (progress), or read and then write in
// a MULTI/EXEC, two round trips (done), and answer with about 1 KB of
// JSON. It has nothing else: no limits, no permissions, no logging, no
// replay marks. cmd/mentorbot's BenchmarkHotPath runs it side by side with
// mentorbot and prints the ratio.
package reference

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

// Handler answers POST /mentor-style slash commands ("progress",
// "done <skill>") signed with secret, keeping members under prefix in rdb.
func Handler(rdb redis.UniversalClient, secret, prefix string) http.Handler {
	return &handler{rdb: rdb, secret: []byte(secret), prefix: prefix}
}

type handler struct {
	rdb    redis.UniversalClient
	secret []byte
	prefix string
}

type block struct {
	Type string `json:"type"`
	Text *text  `json:"text,omitempty"`
}

type text struct {
	Type string `json:"type"`
	Text string `json:"text"`
}

type reply struct {
	ResponseType string  `json:"response_type"`
	Text         string  `json:"text"`
	Blocks       []block `json:"blocks"`
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, 64<<10))
	if err != nil || !h.verified(r.Header, body) {
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return
	}
	form, err := url.ParseQuery(string(body))
	if err != nil {
		http.Error(w, "bad form", http.StatusBadRequest)
		return
	}
	who := h.prefix + form.Get("team_id") + ":" + form.Get("user_id")
	verb, arg, _ := strings.Cut(strings.TrimSpace(form.Get("text")), " ")
	ctx := r.Context()
	var profile, skills *redis.MapStringStringCmd
	if _, err := h.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		profile = p.HGetAll(ctx, who+":m")
		skills = p.HGetAll(ctx, who+":s")
		return nil
	}); err != nil {
		http.Error(w, "unavailable", http.StatusServiceUnavailable)
		return
	}
	done := skills.Val()
	if verb == "done" {
		now := strconv.FormatInt(time.Now().UnixMilli(), 36)
		if _, err := h.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
			p.HSet(ctx, who+":s", arg, "d"+now)
			p.HSet(ctx, who+":m", "upd", now)
			p.LPush(ctx, who+":e", now+" done "+arg)
			p.LTrim(ctx, who+":e", 0, 49)
			return nil
		}); err != nil {
			http.Error(w, "unavailable", http.StatusServiceUnavailable)
			return
		}
		done[arg] = "d" + now
	}
	writeReply(w, profile.Val()["name"], done)
}

// writeReply renders a progress card: a header and one line per skill.
func writeReply(w http.ResponseWriter, name string, skills map[string]string) {
	ids := make([]string, 0, len(skills))
	for id := range skills {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var b strings.Builder
	for _, id := range ids {
		b.WriteString("• *" + id + "*: " + skills[id] + " — done, well done, keep it up\n")
	}
	out, err := json.Marshal(reply{
		ResponseType: "ephemeral",
		Text:         "Progress of " + name,
		Blocks: []block{
			{Type: "header", Text: &text{Type: "plain_text", Text: "Progress of " + name}},
			{Type: "section", Text: &text{Type: "mrkdwn", Text: b.String()}},
			{Type: "divider"},
			{Type: "context", Text: &text{Type: "mrkdwn", Text: strconv.Itoa(len(ids)) + " skills done. Next: the next stage's skills, one at a time."}},
		},
	})
	if err != nil {
		http.Error(w, "encode", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(out)))
	_, _ = w.Write(out)
}

// verified checks Slack's v0 signature and the five-minute window.
func (h *handler) verified(hd http.Header, body []byte) bool {
	ts := hd.Get("X-Slack-Request-Timestamp")
	secs, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return false
	}
	if d := time.Since(time.Unix(secs, 0)); d > 5*time.Minute || d < -5*time.Minute {
		return false
	}
	got, err := hex.DecodeString(strings.TrimPrefix(hd.Get("X-Slack-Signature"), "v0="))
	if err != nil {
		return false
	}
	mac := hmac.New(sha256.New, h.secret)
	io.WriteString(mac, "v0:"+ts+":")
	mac.Write(body)
	return hmac.Equal(got, mac.Sum(nil))
}
