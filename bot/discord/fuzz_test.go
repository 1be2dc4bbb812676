package discord

import (
	"github.com/mentorbot/mentorbot/internal/testkit"

	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/mentorbot/mentorbot/bot"
)

// Signature modes of FuzzDiscordInteraction. Only sigValid may get past
// the signature check.
const (
	sigValid    = iota // signed with the application's key over the body sent
	sigNone            // no signature headers
	sigOtherKey        // signed with another key
	sigTampered        // signed over a different body than the one sent
	sigModes
)

// fuzzLeadRole is a role id, so resolving it needs no REST call.
const fuzzLeadRole = "777000777000777"

// countingHandler is the fake bot's command table with a Handle that
// counts its calls and answers at once with a small message.
type countingHandler struct {
	*fakeHandler
	mu   sync.Mutex
	reqs []bot.Request
}

func (h *countingHandler) Handle(_ context.Context, req bot.Request) bot.Message {
	h.mu.Lock()
	h.reqs = append(h.reqs, req)
	h.mu.Unlock()
	return bot.Message{Title: "Reply", Text: "ok", Private: true}
}

func (h *countingHandler) count() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.reqs)
}

// fuzzRig is an adapter on an in-memory cache, with a stand-in Discord
// that only counts the REST calls that reach it.
type fuzzRig struct {
	a     *Adapter
	h     *countingHandler
	priv  ed25519.PrivateKey
	other ed25519.PrivateKey
	now   time.Time
	rest  atomic.Int64
}

func newFuzzRig(f *testing.F) *fuzzRig {
	f.Helper()
	// Fixed seeds: the keys only need to differ from each other.
	r := &fuzzRig{
		h:     &countingHandler{fakeHandler: &fakeHandler{}},
		priv:  ed25519.NewKeyFromSeed(make([]byte, ed25519.SeedSize)),
		other: ed25519.NewKeyFromSeed([]byte(strings.Repeat("x", ed25519.SeedSize))),
		now:   time.Unix(1_764_000_000, 0),
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		r.rest.Add(1)
		http.Error(w, `{"message":"404: Not Found","code":0}`, http.StatusNotFound)
	}))
	f.Cleanup(srv.Close)
	a, err := New(Config{
		Token: "test-token", AppID: "111",
		PublicKey: hex.EncodeToString(r.priv.Public().(ed25519.PublicKey)),
		APIURL:    srv.URL, LeadRole: fuzzLeadRole,
		Handler: r.h, Cache: testkit.NewCache(),
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Clock:  func() time.Time { return r.now },
		Rate:   1000,
	})
	if err != nil {
		f.Fatal(err)
	}
	r.a = a
	f.Cleanup(a.wg.Wait)
	return r
}

// FuzzDiscordInteraction posts arbitrary bodies, signed in one of four
// ways at an arbitrary time, to the HTTP interactions endpoint.
// Properties: no panic; the status is 200, 400, 401 or 413; anything not
// validly signed within five minutes gets 401 and neither reaches the
// handler nor calls Discord; a validly signed fresh body gets 400 when it
// is not an interaction (invalid JSON included) or of a type the endpoint
// does not serve, {"type":1} when it is a PING, and otherwise a 200 JSON
// response of the type that answers it, having run the handler at most
// once.
func FuzzDiscordInteraction(f *testing.F) {
	r := newFuzzRig(f)
	mux := http.NewServeMux()
	r.a.Routes(mux)

	f.Fuzz(func(t *testing.T, body []byte, mode uint8, offset int64) {
		mode %= sigModes
		ts := r.now.Unix() + offset // may wrap: then it is far off either way
		fresh := ts >= r.now.Unix()-300 && ts <= r.now.Unix()+300
		stamp := strconv.FormatInt(ts, 10)

		req := httptest.NewRequest(http.MethodPost, InteractionsPath, strings.NewReader(string(body)))
		req.Header.Set("Content-Type", "application/json")
		var sig []byte
		switch mode {
		case sigValid:
			sig = ed25519.Sign(r.priv, append([]byte(stamp), body...))
		case sigOtherKey:
			sig = ed25519.Sign(r.other, append([]byte(stamp), body...))
		case sigTampered:
			sig = ed25519.Sign(r.priv, append([]byte(stamp+" "), body...))
		}
		if mode != sigNone {
			req.Header.Set("X-Signature-Timestamp", stamp)
			req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(sig))
		}

		handled, rest := r.h.count(), r.rest.Load()
		w := httptest.NewRecorder()
		mux.ServeHTTP(w, req)
		r.a.wg.Wait() // deferred follow-ups
		handled = r.h.count() - handled

		switch w.Code {
		case 200, 400, 401, 413:
		default:
			t.Fatalf("status %d", w.Code)
		}
		if len(body) > maxBody {
			if w.Code != 413 {
				t.Fatalf("%d-byte body got %d, want 413", len(body), w.Code)
			}
			return
		}
		if mode != sigValid || !fresh {
			if w.Code != 401 || handled != 0 || r.rest.Load() != rest {
				t.Fatalf("signature mode %d, fresh %v: status %d, %d handled, %d REST calls; want 401 and none",
					mode, fresh, w.Code, handled, r.rest.Load()-rest)
			}
			return
		}
		if handled > 1 {
			t.Fatalf("one interaction ran the handler %d times", handled)
		}
		var in discordgo.Interaction
		if !json.Valid(body) || json.Unmarshal(body, &in) != nil {
			if w.Code != 400 || handled != 0 {
				t.Fatalf("malformed interaction: status %d, %d handled; want 400 and none", w.Code, handled)
			}
			return
		}
		var want []discordgo.InteractionResponseType
		switch in.Type {
		case discordgo.InteractionPing:
			if w.Code != 200 || strings.TrimSpace(w.Body.String()) != `{"type":1}` {
				t.Fatalf("PING answered %d %q, want {\"type\":1}", w.Code, w.Body)
			}
			return
		case discordgo.InteractionApplicationCommandAutocomplete:
			want = []discordgo.InteractionResponseType{discordgo.InteractionApplicationCommandAutocompleteResult}
		case discordgo.InteractionApplicationCommand, discordgo.InteractionMessageComponent:
			want = []discordgo.InteractionResponseType{discordgo.InteractionResponseChannelMessageWithSource,
				discordgo.InteractionResponseDeferredChannelMessageWithSource}
		default:
			if w.Code != 400 || handled != 0 {
				t.Fatalf("interaction type %d: status %d, %d handled; want 400 and none", in.Type, w.Code, handled)
			}
			return
		}
		var resp discordgo.InteractionResponse
		if w.Code != 200 || json.Unmarshal(w.Body.Bytes(), &resp) != nil || !slices.Contains(want, resp.Type) {
			t.Fatalf("interaction type %d answered %d %q, want 200 with a response of type %v", in.Type, w.Code, w.Body, want)
		}
		if in.Type == discordgo.InteractionApplicationCommandAutocomplete && handled != 0 {
			t.Fatal("autocomplete ran a command")
		}
	})
}

// FuzzDiscordRequest decodes arbitrary bodies as interactions and turns
// them into bot.Requests, as both the gateway and the HTTP endpoint do.
// Properties: no panic; only /mentor commands and "mentor:" buttons are
// ours; a request is made for the interaction's user, in their guild (or
// the DM workspace) with the rights their permissions and roles give; a
// button's text is its custom id after the prefix, unchanged; a command
// of the table reads as its name and then its options, with no space at
// either end. The adapter does not bound or clean Text: Discord caps a
// custom id at 100 characters, and options are checked by the bot.
func FuzzDiscordRequest(f *testing.F) {
	r := newFuzzRig(f)
	ctx := context.Background()

	f.Fuzz(func(t *testing.T, body []byte) {
		var in discordgo.Interaction
		if json.Unmarshal(body, &in) != nil {
			return
		}
		rest := r.rest.Load()
		req, err := r.a.request(ctx, &in)
		if r.rest.Load() != rest {
			t.Fatal("turning an interaction into a request called Discord")
		}

		user := interactionUser(&in)
		var text string
		switch in.Type {
		case discordgo.InteractionApplicationCommand:
			d := in.ApplicationCommandData()
			if d.Name != CommandName {
				if !errors.Is(err, errNotOurs) {
					t.Fatalf("command %q: err %v, want errNotOurs", d.Name, err)
				}
				return
			}
		case discordgo.InteractionMessageComponent:
			var ok bool
			text, ok = strings.CutPrefix(in.MessageComponentData().CustomID, customIDPrefix)
			if !ok {
				if !errors.Is(err, errNotOurs) {
					t.Fatalf("custom id %q: err %v, want errNotOurs", in.MessageComponentData().CustomID, err)
				}
				return
			}
		default:
			if !errors.Is(err, errNotOurs) {
				t.Fatalf("interaction type %d: err %v, want errNotOurs", in.Type, err)
			}
			return
		}
		if user == nil {
			if err == nil || errors.Is(err, errNotOurs) {
				t.Fatalf("interaction without a user: err %v", err)
			}
			return
		}
		if !isSnowflake(user.ID) || (in.GuildID != "" && !isSnowflake(in.GuildID)) {
			if err == nil {
				t.Fatalf("user %q in guild %q: taken, want ids that are not snowflakes refused", user.ID, in.GuildID)
			}
			return
		}
		if err != nil {
			t.Fatalf("request: %v", err)
		}

		if req.User != user.ID || req.Free || req.Scope.Platform != Platform ||
			(in.GuildID != "" && req.Scope.Workspace != in.GuildID) || req.Scope.Workspace == "" {
			t.Fatalf("request %+v for user %q in guild %q", req, user.ID, in.GuildID)
		}
		if req.Name != displayName(in.Member, user) {
			t.Fatalf("name %q, want %q", req.Name, displayName(in.Member, user))
		}
		wantRole := bot.RoleMember
		switch {
		case in.Member == nil:
		case in.Member.Permissions&discordgo.PermissionAdministrator != 0:
			wantRole = bot.RoleAdmin
		case slices.Contains(in.Member.Roles, fuzzLeadRole):
			wantRole = bot.RoleLead
		}
		if req.Role != wantRole {
			t.Fatalf("role %v, want %v", req.Role, wantRole)
		}

		if in.Type == discordgo.InteractionMessageComponent {
			if req.Text != text {
				t.Fatalf("button text %q, want %q", req.Text, text)
			}
			return
		}
		d := in.ApplicationCommandData()
		if len(d.Options) == 0 || d.Options[0] == nil || d.Options[0].Type != discordgo.ApplicationCommandOptionSubCommand {
			if req.Text != "help" {
				t.Fatalf("bare /mentor reads %q, want help", req.Text)
			}
			return
		}
		cmd, ok := r.a.command(d.Options[0].Name)
		if !ok {
			if req.Text != d.Options[0].Name {
				t.Fatalf("unknown subcommand %q reads %q", d.Options[0].Name, req.Text)
			}
			return
		}
		if req.Text != strings.TrimSpace(req.Text) || (req.Text != cmd.Name && !strings.HasPrefix(req.Text, cmd.Name+" ")) {
			t.Fatalf("/mentor %s reads %q", cmd.Name, req.Text)
		}
		// Options pass by name, and only those the command declares.
		leaf, _, _, _ := r.a.leaf(d.Options[0])
		for name := range req.Options {
			if !slices.ContainsFunc(leaf.Args, func(a bot.Arg) bool { return a.Name == name }) {
				t.Fatalf("/mentor %s passes option %q it doesn't declare", req.Text, name)
			}
		}
	})
}
