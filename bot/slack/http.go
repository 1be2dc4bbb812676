package slack

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/internal/bodylimit"
)

// maxBody bounds the size of a request Slack sends. Commands and events
// are a few KiB, but a button press carries the whole message it came from
// (or the whole Home tab view), form-encoded: a message at Block Kit's
// limits, 50 blocks of 3000 characters, each up to 9 bytes once UTF-8 is
// percent-encoded, comes to about 1.4 MB.
const maxBody = 2 << 20

// Routes registers Slack's HTTP endpoints on mux: POST /slack/commands,
// /slack/interactions and /slack/events (which also takes the other two,
// so an app may point every Request URL there, as Bolt apps do). Every POST must
// carry a valid signature made with the signing secret, within five
// minutes; anything else gets 401 and changes nothing.
func (a *Adapter) Routes(mux *http.ServeMux) {
	mux.HandleFunc("POST /slack/commands", a.signed(a.serveCommand))
	mux.HandleFunc("POST /slack/interactions", a.signed(a.serveInteraction))
	mux.HandleFunc("POST /slack/events", a.signed(a.serveAny))
	a.oauthRoutes(mux)
}

// signed reads the body within the size limit and the process's budget
// of unverified bytes, checks the signature and passes the body on.
func (a *Adapter) signed(next func(w http.ResponseWriter, r *http.Request, body []byte)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		body, release, err := a.cfg.Bodies.Read(r, maxBody)
		if err != nil {
			a.log.Debug("refused a request body", slog.String("path", r.URL.Path), slog.String("why", err.Error()))
			bodylimit.Refuse(w, err)
			return
		}
		if sslCheck(r, body) {
			release()
			w.WriteHeader(http.StatusOK)
			return
		}
		err = verify(a.cfg.SigningSecret, r.Header, body, a.now())
		release() // verified or not, these bytes are no longer at risk
		if err != nil {
			a.log.Warn("rejected unverified request", slog.String("path", r.URL.Path), slog.String("why", err.Error()))
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		next(w, r, body)
	}
}

func (a *Adapter) serveCommand(w http.ResponseWriter, r *http.Request, body []byte) {
	cmd, err := parseCommand(body)
	if err != nil || cmd.TeamID == "" || cmd.UserID == "" {
		http.Error(w, "bad slash command", http.StatusBadRequest)
		return
	}
	a.command(replayOnce(r), cmd, func(m *slack.WebhookMessage) {
		if m == nil {
			w.WriteHeader(http.StatusOK)
			return
		}
		writeJSON(w, wireOf(m))
	})
}

// parseCommand reads the fields of a slash command we use from its
// verified body. slack.SlashCommandParse does the same through
// http.Request.ParseForm, which copies the body once more and fills two
// maps: on the hot path that is one allocation in ten.
func parseCommand(body []byte) (slack.SlashCommand, error) {
	form, err := url.ParseQuery(string(body))
	if err != nil {
		return slack.SlashCommand{}, err
	}
	return slack.SlashCommand{
		TeamID:      form.Get("team_id"),
		UserID:      form.Get("user_id"),
		UserName:    form.Get("user_name"),
		Text:        form.Get("text"),
		ResponseURL: form.Get("response_url"),
		ChannelID:   form.Get("channel_id"),
		Command:     form.Get("command"),
	}, nil
}

func (a *Adapter) serveInteraction(w http.ResponseWriter, r *http.Request, body []byte) {
	form, err := url.ParseQuery(string(body))
	if err != nil {
		http.Error(w, "bad form", http.StatusBadRequest)
		return
	}
	var cb slack.InteractionCallback
	if err := json.Unmarshal([]byte(form.Get("payload")), &cb); err != nil {
		http.Error(w, "bad payload", http.StatusBadRequest)
		return
	}
	w.WriteHeader(http.StatusOK)
	a.interaction(replayOnce(r), cb)
}

// replayTTL outlasts the 5 minutes in which a signed request is accepted.
const replayTTL = 6 * time.Minute

// replayOnce is the context of a verified command or button press, marked
// with its signature: the same request sent again within the window in
// which its signature is accepted is recognised and does nothing (the
// mark is set in the command's first Redis round trip).
func replayOnce(r *http.Request) context.Context {
	return bot.WithReplayMark(r.Context(), "slack:replay:"+r.Header.Get("X-Slack-Signature"), replayTTL)
}

func (a *Adapter) serveEvent(w http.ResponseWriter, r *http.Request, body []byte) {
	ev, err := slackevents.ParseEvent(body, slackevents.OptionNoVerifyToken())
	if err != nil {
		// Event types we do not subscribe to still need a 200, or Slack
		// retries them.
		a.log.Debug("unparsed event", slog.String("err", err.Error()))
		w.WriteHeader(http.StatusOK)
		return
	}
	if ev.Type == slackevents.URLVerification {
		var ch slackevents.EventsAPIURLVerificationEvent
		if err := json.Unmarshal(body, &ch); err != nil {
			http.Error(w, "bad challenge", http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "text/plain")
		_, _ = io.WriteString(w, ch.Challenge)
		return
	}
	if n := r.Header.Get("X-Slack-Retry-Num"); n != "" {
		a.log.Debug("event redelivery", slog.String("attempt", n),
			slog.String("reason", r.Header.Get("X-Slack-Retry-Reason")))
	}
	a.event(r.Context(), ev)
	w.WriteHeader(http.StatusOK)
}

// wire is a command's reply as Slack reads it: the fields of
// slack.WebhookMessage that replies set, in its order and with its JSON
// names, but the blocks as a plain slice. slack.Blocks has a MarshalJSON
// whose output encoding/json then compacts again, which cost a sixth of
// encoding a reply (issue 16: the hot path). TestWireIsTheWebhookMessage
// holds the bytes to json.Marshal of the WebhookMessage.
type wire struct {
	Text            string        `json:"text,omitempty"`
	Blocks          []slack.Block `json:"blocks,omitempty"`
	ResponseType    string        `json:"response_type,omitempty"`
	ReplaceOriginal bool          `json:"replace_original"`
	DeleteOriginal  bool          `json:"delete_original"`
}

// wireOf is m as a wire when it sets nothing else, else m itself.
func wireOf(m *slack.WebhookMessage) any {
	rest := *m
	rest.Text, rest.Blocks, rest.ResponseType, rest.ReplaceOriginal, rest.DeleteOriginal = "", nil, "", false, false
	if !reflect.ValueOf(rest).IsZero() || m.Blocks != nil && len(m.Blocks.BlockSet) == 0 {
		return m
	}
	out := wire{Text: m.Text, ResponseType: m.ResponseType, ReplaceOriginal: m.ReplaceOriginal, DeleteOriginal: m.DeleteOriginal}
	if m.Blocks != nil {
		out.Blocks = m.Blocks.BlockSet
	}
	return out
}

func writeJSON(w http.ResponseWriter, v any) {
	var b []byte
	var err error
	if wv, ok := v.(wire); ok {
		b, err = marshalWire(wv)
	} else {
		b, err = json.Marshal(v)
	}
	if err != nil {
		http.Error(w, "encode reply", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	_, _ = w.Write(b)
}
