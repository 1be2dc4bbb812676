package discord

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/internal/bodylimit"
)

// InteractionsPath is where Discord posts interactions in HTTP mode; set it
// as the application's Interactions Endpoint URL.
const InteractionsPath = "/discord/interactions"

// Routes mounts the HTTP interactions endpoint when a public key is set.
func (a *Adapter) Routes(mux *http.ServeMux) {
	if a.key == nil {
		return
	}
	mux.Handle("POST "+InteractionsPath, http.HandlerFunc(a.serveInteractions))
}

// serveInteractions answers one signed interaction. Anything unsigned,
// mis-signed or stale gets 401 before it is even parsed.
func (a *Adapter) serveInteractions(w http.ResponseWriter, r *http.Request) {
	// One deadline for every store call this request makes, from arrival.
	r = r.WithContext(bot.WithStoreDeadline(r.Context(), time.Now().Add(bot.StoreBudget)))
	body, release, err := a.cfg.Bodies.Read(r, maxBody)
	if err != nil {
		a.log.Debug("discord: refused an interaction body", "err", err)
		bodylimit.Refuse(w, err)
		return
	}
	ok := a.verify(r, body)
	release() // verified or not, these bytes are no longer at risk
	if !ok {
		a.log.Info("discord: rejected an interaction with a bad or stale signature", "remote", r.RemoteAddr)
		http.Error(w, "invalid request signature", http.StatusUnauthorized)
		return
	}
	var i discordgo.Interaction
	if err := json.Unmarshal(body, &i); err != nil {
		http.Error(w, "malformed interaction", http.StatusBadRequest)
		return
	}
	var resp *discordgo.InteractionResponse
	var finish func()
	switch i.Type {
	case discordgo.InteractionPing:
		resp = &discordgo.InteractionResponse{Type: discordgo.InteractionResponsePong}
	case discordgo.InteractionApplicationCommandAutocomplete:
		resp = a.autocomplete(r.Context(), &i)
	case discordgo.InteractionApplicationCommand, discordgo.InteractionMessageComponent:
		// The same interaction posted again acts once, as on the gateway;
		// the mark is set in the command's first Redis round trip.
		ctx := bot.WithReplayMark(r.Context(), "discord:ix:"+i.ID, 15*time.Minute)
		resp, finish = a.answer(ctx, &i, true)
	default:
		http.Error(w, "unsupported interaction type", http.StatusBadRequest)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	var out any = resp
	if resp.Type == discordgo.InteractionApplicationCommandAutocompleteResult {
		out = suggestionsOf(resp)
	}
	if err := json.NewEncoder(w).Encode(out); err != nil {
		a.log.Warn("discord: write interaction response", "err", err)
	}
	if finish != nil {
		// The follow-up edits the deferred reply, which must reach Discord first.
		_ = http.NewResponseController(w).Flush()
		a.wg.Add(1)
		go func() {
			defer a.wg.Done()
			finish()
		}()
	}
}

// verify checks the Ed25519 signature over timestamp+body and that the
// timestamp is recent, so a captured request cannot be replayed later.
func (a *Adapter) verify(r *http.Request, body []byte) bool {
	sec, err := strconv.ParseInt(r.Header.Get("X-Signature-Timestamp"), 10, 64)
	if err != nil {
		return false
	}
	if skew := a.now().Sub(time.Unix(sec, 0)); skew > maxSkew || skew < -maxSkew {
		return false
	}
	signed := r.Clone(r.Context())
	signed.Body = io.NopCloser(bytes.NewReader(body))
	return discordgo.VerifyInteraction(signed, a.key)
}

// onInteraction handles one interaction from the gateway.
func (a *Adapter) onInteraction(ctx context.Context, i *discordgo.Interaction) {
	// One deadline for every store call this request makes, from arrival.
	ctx = bot.WithStoreDeadline(ctx, time.Now().Add(bot.StoreBudget))
	a.wg.Add(1)
	defer a.wg.Done()
	// A resumed gateway session may deliver an interaction again.
	sc := bot.Scope{Platform: Platform, Workspace: orDM(i.GuildID)}
	if first, err := a.cache.Once(ctx, sc, "discord:ix:"+i.ID, 15*time.Minute); err == nil && !first {
		return
	}
	var resp *discordgo.InteractionResponse
	var finish func()
	switch i.Type {
	case discordgo.InteractionApplicationCommandAutocomplete:
		resp = a.autocomplete(ctx, i)
	case discordgo.InteractionApplicationCommand, discordgo.InteractionMessageComponent:
		resp, finish = a.answer(ctx, i, false)
	default:
		return
	}
	rctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	respond := func() error { return a.s.InteractionRespond(i, resp, discordgo.WithContext(rctx)) }
	if resp.Type == discordgo.InteractionApplicationCommandAutocompleteResult {
		respond = func() error {
			endpoint := discordgo.EndpointInteractionResponse(i.ID, i.Token)
			_, err := a.s.RequestWithBucketID("POST", endpoint, suggestionsOf(resp), endpoint, discordgo.WithContext(rctx))
			return err
		}
	}
	if err := respond(); err != nil {
		a.log.Warn("discord: respond to interaction", "type", i.Type.String(), "err", redact(err, i.Token))
		return
	}
	if finish != nil {
		finish()
	}
}

// answer runs the interaction's command with a budget that leaves time to
// reply within Discord's 3 seconds. When the bot is slower (or a file must
// be uploaded to an HTTP reply), it answers "thinking…" and returns finish,
// which the caller runs once that answer is out: it edits in the result.
func (a *Adapter) answer(ctx context.Context, i *discordgo.Interaction, httpReply bool) (*discordgo.InteractionResponse, func()) {
	start := time.Now()
	rctx, cancel := context.WithTimeout(ctx, a.budget/2)
	req, err := a.request(rctx, i)
	cancel()
	if err != nil {
		text := "Sorry, I couldn't read that."
		if errors.Is(err, errNotOurs) {
			text = "That button or command isn't one of mine any more; try `/mentor help`."
		}
		a.log.Info("discord: unusable interaction", "type", i.Type.String(), "err", err)
		return reply(render(bot.Message{Text: text, Private: true}, httpReply)), nil
	}

	// The command outlives the HTTP request when it is deferred.
	hctx, hcancel := context.WithTimeout(context.WithoutCancel(ctx), followupLimit)
	done := make(chan bot.Message, 1)
	go func() { done <- a.h.Handle(hctx, req) }()

	timer := time.NewTimer(max(a.budget-time.Since(start), 0))
	defer timer.Stop()
	select {
	case m := <-done:
		if !(httpReply && needsUpload(m)) {
			hcancel()
			return reply(render(m, httpReply)), nil
		}
		done <- m
	case <-timer.C:
		a.log.Info("discord: deferring a slow reply", "took", time.Since(start))
	}
	deferred := &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseDeferredChannelMessageWithSource,
		// Private by default: the deferral decides who sees the reply.
		Data: &discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral},
	}
	return deferred, func() {
		defer hcancel()
		var m bot.Message
		select {
		case m = <-done:
		case <-hctx.Done():
			m = bot.Message{Text: "Sorry, that took too long. Try again shortly.", Private: true}
		}
		a.editOriginal(hctx, i, m)
	}
}

func reply(r rendered) *discordgo.InteractionResponse {
	return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource, Data: r.response()}
}

// editOriginal replaces a deferred reply with the result. A 404 can mean
// the deferral itself has not landed yet, and a 429 asks to wait, so
// either is tried once more, and only once.
func (a *Adapter) editOriginal(ctx context.Context, i *discordgo.Interaction, m bot.Message) {
	app := i.AppID
	if app == "" {
		app = a.cfg.AppID
	}
	var err error
	wait := time.Second
	for attempt := 0; attempt < 2; attempt++ {
		if attempt > 0 {
			select {
			case <-ctx.Done():
				return
			case <-time.After(wait):
			}
		}
		_, err = a.s.WebhookMessageEdit(app, i.Token, "@original", render(m, false).edit(), discordgo.WithContext(ctx))
		// A 429 is worth one wait too: otherwise the member is left
		// looking at "thinking…" until Discord gives up on the reply.
		var rl *discordgo.RateLimitError
		if errors.As(err, &rl) {
			wait = min(max(rl.RetryAfter, 100*time.Millisecond), 30*time.Second)
			continue
		}
		var re *discordgo.RESTError
		if !errors.As(err, &re) || re.Response == nil || re.Response.StatusCode != http.StatusNotFound {
			break
		}
	}
	if err != nil {
		a.log.Warn("discord: send deferred reply", "err", redact(err, i.Token))
	}
}

// redact hides an interaction token in err's text: discordgo's errors
// carry the request URL (a *url.Error, a RateLimitError), and for
// interaction callbacks and webhook edits that URL holds the token, with
// which anyone may post as the app in that channel for 15 minutes.
func redact(err error, token string) string {
	s := err.Error()
	if token == "" {
		return s
	}
	for _, t := range []string{token, url.PathEscape(token)} {
		s = strings.ReplaceAll(s, t, "<token>")
	}
	return s
}

// onMessage answers a DM sent to the bot as a question.
func (a *Adapter) onMessage(ctx context.Context, msg *discordgo.Message) {
	// One deadline for every store call this request makes, from arrival.
	ctx = bot.WithStoreDeadline(ctx, time.Now().Add(bot.StoreBudget))
	if msg.Author == nil || msg.Author.Bot || msg.Content == "" {
		return
	}
	if !isSnowflake(msg.Author.ID) || (msg.GuildID != "" && !isSnowflake(msg.GuildID)) {
		a.log.Info("discord: ignored a message with ids that are not snowflakes")
		return
	}
	if msg.GuildID != "" {
		a.onMention(ctx, msg)
		return
	}
	a.wg.Add(1)
	defer a.wg.Done()
	sc := bot.Scope{Platform: Platform, Workspace: dmWorkspace}
	if first, err := a.cache.Once(ctx, sc, "discord:msg:"+msg.ID, time.Hour); err == nil && !first {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	req := bot.Request{
		Scope: a.scope(ctx, "", msg.Author.ID),
		User:  msg.Author.ID,
		Name:  displayName(nil, msg.Author),
		Text:  msg.Content,
		Free:  true,
	}
	m := a.h.Handle(ctx, req)
	if _, err := a.s.ChannelMessageSendComplex(msg.ChannelID, render(m, false).send(), discordgo.WithContext(ctx)); err != nil {
		a.log.Warn("discord: answer DM", "err", a.sendError(msg.Author.ID, err))
	}
}

// onMention answers a guild message that mentions the bot as a question.
// Discord sends the content of such messages without the privileged
// message-content intent. An answer with personal data goes by DM, with a
// pointer to it in the channel.
func (a *Adapter) onMention(ctx context.Context, msg *discordgo.Message) {
	// One deadline for every store call this request makes, from arrival.
	ctx = bot.WithStoreDeadline(ctx, time.Now().Add(bot.StoreBudget))
	self := ""
	if a.s.State != nil && a.s.State.User != nil {
		self = a.s.State.User.ID
	}
	if self == "" || !slices.ContainsFunc(msg.Mentions, func(u *discordgo.User) bool { return u.ID == self }) {
		return
	}
	text := strings.TrimSpace(strings.NewReplacer("<@"+self+">", "", "<@!"+self+">", "").Replace(msg.Content))
	if text == "" {
		text = "help"
	}
	a.wg.Add(1)
	defer a.wg.Done()
	sc := bot.Scope{Platform: Platform, Workspace: msg.GuildID}
	if first, err := a.cache.Once(ctx, sc, "discord:msg:"+msg.ID, time.Hour); err == nil && !first {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	req := bot.Request{Scope: sc, User: msg.Author.ID, Name: displayName(msg.Member, msg.Author), Text: text, Free: true}
	m := a.h.Handle(ctx, req)
	reply := render(m, false).send()
	if m.Private {
		if err := a.Send(ctx, bot.Recipient{Scope: sc, User: msg.Author.ID}, m); err != nil {
			a.log.Warn("discord: answer a mention by DM", "err", err)
			return
		}
		reply = &discordgo.MessageSend{Content: "I've sent you my answer in a DM."}
	}
	reply.Reference = msg.Reference()
	if _, err := a.s.ChannelMessageSendComplex(msg.ChannelID, reply, discordgo.WithContext(ctx)); err != nil {
		a.log.Warn("discord: answer a mention", "err", a.sendError(msg.Author.ID, err))
	}
}

func orDM(guild string) string {
	if guild == "" {
		return dmWorkspace
	}
	return guild
}
