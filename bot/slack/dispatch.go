package slack

import (
	"context"
	"encoding/json"
	"log/slog"
	"strings"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"

	"github.com/mentorbot/mentorbot/bot"
)

// dedupTTL covers Slack's redeliveries, which come up to about five
// minutes after the first attempt.
const dedupTTL = 10 * time.Minute

// command runs a /mentor slash command. ack is called exactly once, soon
// enough for Slack's 3 s limit: with the reply when the handler finished
// within the budget, or with nil when the reply will follow on response_url.
func (a *Adapter) command(ctx context.Context, cmd slack.SlashCommand, ack func(*slack.WebhookMessage)) {
	// One deadline for every store call this request makes, from arrival.
	ctx = bot.WithStoreDeadline(ctx, time.Now().Add(bot.StoreBudget))
	if !validTeam(cmd.TeamID) || !validUser(cmd.UserID) {
		a.log.Info("slash command with ids that are not Slack's", slog.String("team", trunc(cmd.TeamID)), slog.String("user", trunc(cmd.UserID)))
		ack(reply(bot.Message{Text: "Sorry, I couldn't read that request.", Private: true}))
		return
	}
	if m, ok := a.notServed(ctx, cmd.TeamID); ok {
		ack(reply(m))
		return
	}
	// No Name: the payload's user_name is the legacy handle ("ann.smith"),
	// not the name Slack shows; enrich takes it from users.info, as for
	// every other way in, so every list names a member the same way.
	req := bot.Request{
		Scope: scope(cmd.TeamID),
		User:  cmd.UserID,
		Text:  strings.TrimSpace(unescapeText(cmd.Text)),
	}
	m, inTime := a.answer(ctx, req, func(ctx context.Context, m bot.Message) {
		a.respond(ctx, cmd.ResponseURL, m)
	})
	if !inTime {
		ack(nil)
		return
	}
	ack(reply(m))
}

// interaction runs the command behind a pressed button, as the presser.
// Slack ignores the body of the acknowledgement for block actions, so the
// reply always goes to response_url (or, from the Home tab, which has none,
// to the presser's DM, and the Home tab is refreshed).
func (a *Adapter) interaction(ctx context.Context, cb slack.InteractionCallback) {
	// One deadline for every store call this request makes, from arrival.
	ctx = bot.WithStoreDeadline(ctx, time.Now().Add(bot.StoreBudget))
	if cb.Type != slack.InteractionTypeBlockActions || !validTeam(cb.Team.ID) || !validUser(cb.User.ID) {
		return
	}
	sc := scope(cb.Team.ID)
	if m, ok := a.notServed(ctx, cb.Team.ID); ok {
		a.later(ctx, func(ctx context.Context) { a.respond(ctx, cb.ResponseURL, m) })
		return
	}
	for _, act := range cb.ActionCallback.BlockActions {
		if act == nil || !strings.HasPrefix(act.ActionID, actionPrefix) || act.Value == "" {
			continue
		}
		// cb.User.Name is the legacy handle too: the name comes from enrich.
		req := bot.Request{Scope: sc, User: cb.User.ID, Text: act.Value}
		fromHome := cb.Container.Type == "view" || cb.View.Type == slack.VTHomeTab
		a.later(ctx, func(ctx context.Context) {
			m := a.deliverFile(ctx, req, a.handle(ctx, req))
			switch {
			case cb.ResponseURL != "":
				r := reply(m)
				r.ReplaceOriginal = m.Replace
				a.respondRaw(ctx, cb.ResponseURL, r)
			default:
				to := bot.Recipient{Scope: sc, User: req.User, Name: req.Name}
				if err := retryLimited(ctx, func() error { return a.Send(ctx, to, m) }); err != nil {
					a.log.Warn("reply to button by dm", slog.String("err", err.Error()))
				}
			}
			if fromHome {
				a.publishHome(ctx, sc, req.User)
			}
		})
	}
}

// event handles an Events API callback. Redeliveries of one event_id act
// once. The work runs after the caller has acknowledged Slack.
func (a *Adapter) event(ctx context.Context, ev slackevents.EventsAPIEvent) {
	// One deadline for every store call this request makes, from arrival.
	ctx = bot.WithStoreDeadline(ctx, time.Now().Add(bot.StoreBudget))
	cb, ok := ev.Data.(*slackevents.EventsAPICallbackEvent)
	if !ok || ev.Type != slackevents.CallbackEvent || !validTeam(ev.TeamID) {
		return
	}
	sc := scope(ev.TeamID)
	if cb.EventID != "" && !a.first(ctx, sc, "slack:ev:"+cb.EventID) {
		a.log.Debug("duplicate event", slog.String("event_id", cb.EventID))
		return
	}
	switch e := ev.InnerEvent.Data.(type) {
	case *slackevents.AppUninstalledEvent:
		a.uninstalled(ctx, sc, "app_uninstalled")
		return
	case *slackevents.TokensRevokedEvent:
		if len(e.Tokens.Bot) > 0 {
			a.uninstalled(ctx, sc, "tokens_revoked")
		}
		return
	}
	if _, ok := a.notServed(ctx, ev.TeamID); ok {
		a.log.Debug("event from a workspace without a working installation", slog.String("team", ev.TeamID))
		return
	}
	botUser, botID := a.self(ctx, ev.TeamID)
	switch e := ev.InnerEvent.Data.(type) {
	case *slackevents.AppMentionEvent:
		if e.BotID != "" || e.User == "" || e.User == botUser {
			return
		}
		thread := e.ThreadTimeStamp
		if thread == "" {
			thread = e.TimeStamp
		}
		if validUser(e.User) {
			a.question(ctx, sc, e.User, e.Channel, thread, stripMention(e.Text, botUser), true)
		}
	case *slackevents.MessageEvent:
		if e.ChannelType != slackevents.ChannelTypeIM || e.SubType != "" || e.BotID != "" ||
			e.User == "" || e.User == botUser || (botID != "" && e.BotID == botID) {
			return
		}
		if validUser(e.User) {
			a.question(ctx, sc, e.User, e.Channel, e.ThreadTimeStamp, e.Text, false)
		}
	case *slackevents.AppHomeOpenedEvent:
		if (e.Tab != "" && e.Tab != "home") || !validUser(e.User) {
			return
		}
		a.later(ctx, func(ctx context.Context) { a.publishHome(ctx, sc, e.User) })
	}
}

// question answers free text from a DM or a mention in the conversation it
// came from. In a channel, a private reply is shown only to the asker.
func (a *Adapter) question(ctx context.Context, sc bot.Scope, user, channel, thread, text string, inChannel bool) {
	req := bot.Request{Scope: sc, User: user, Text: strings.TrimSpace(unescapeText(text)), Free: true}
	a.later(ctx, func(ctx context.Context) {
		m := a.deliverFile(ctx, req, a.handle(ctx, req))
		err := retryLimited(ctx, func() error {
			if !inChannel || !m.Private {
				return a.post(ctx, sc, channel, thread, m)
			}
			opts := []slack.MsgOption{
				slack.MsgOptionText(fallback(m), false),
				slack.MsgOptionBlocks(render(m, maxMessageBlocks)...),
			}
			if thread != "" {
				opts = append(opts, slack.MsgOptionTS(thread))
			}
			api, err := a.client(ctx, sc.Workspace)
			if err != nil {
				return err
			}
			_, err = api.PostEphemeralContext(ctx, channel, user, opts...)
			return err
		})
		if err != nil {
			a.log.Warn("answer question", slog.String("channel", channel), slog.String("err", err.Error()))
		}
	})
}

// publishHome draws the user's App Home tab from the handler's overview.
func (a *Adapter) publishHome(ctx context.Context, sc bot.Scope, user string) {
	req, keep := a.enrich(ctx, bot.Request{Scope: sc, User: user})
	m := a.cfg.Handler.Home(ctx, req)
	keep(ctx)
	view := slack.HomeTabViewRequest{
		Type:       slack.VTHomeTab,
		Blocks:     slack.Blocks{BlockSet: render(m, maxHomeBlocks)},
		CallbackID: "mentor_home",
	}
	err := retryLimited(ctx, func() error {
		api, err := a.client(ctx, sc.Workspace)
		if err != nil {
			return err
		}
		_, err = api.PublishViewContext(ctx, slack.PublishViewContextRequest{UserID: user, View: view})
		return err
	})
	if err != nil {
		a.log.Warn("views.publish", slog.String("user", user), slog.String("err", err.Error()))
	}
}

// respond posts m to a response_url.
func (a *Adapter) respond(ctx context.Context, url string, m bot.Message) {
	a.respondRaw(ctx, url, reply(m))
}

// respondRaw posts an encoded reply to a response_url, waiting out a 429,
// and logs a failure without the URL itself.
func (a *Adapter) respondRaw(ctx context.Context, url string, msg *slack.WebhookMessage) {
	if url == "" {
		a.log.Warn("reply lost: no response_url")
		return
	}
	err := retryLimited(ctx, func() error { return slack.PostWebhookCustomHTTPContext(ctx, url, a.http, msg) })
	if err != nil {
		a.log.Warn("post to response_url", slog.String("err", redact(err, url)))
	}
}

// first reports whether key is seen for the first time. When the cache
// fails, it errs on the side of acting: a lost answer is worse than a
// rare double one.
func (a *Adapter) first(ctx context.Context, sc bot.Scope, key string) bool {
	ok, err := a.cfg.Cache.Once(ctx, sc, key, dedupTTL)
	if err != nil {
		a.log.Warn("dedup", slog.String("err", err.Error()))
		return true
	}
	return ok
}

// stripMention removes the bot's own mention from a mention's text, so
// the rest reads as the question.
func stripMention(text, botUser string) string {
	text = strings.TrimSpace(text)
	if botUser == "" {
		// Not yet known: an app_mention starts with the bot's mention.
		if strings.HasPrefix(text, "<@") {
			if end := strings.IndexByte(text, '>'); end > 0 {
				return strings.TrimSpace(text[end+1:])
			}
		}
		return text
	}
	var b strings.Builder
	for {
		i := strings.Index(text, "<@"+botUser)
		if i < 0 {
			b.WriteString(text)
			break
		}
		end := strings.IndexByte(text[i:], '>')
		rest := text[i+2+len(botUser):]
		if end < 0 || (rest != "" && rest[0] != '>' && rest[0] != '|') {
			b.WriteString(text[:i+2])
			text = text[i+2:]
			continue
		}
		b.WriteString(text[:i])
		text = text[i+end+1:]
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// ackPayload encodes an immediate slash-command reply, or reports false
// when it is too large for a Socket Mode acknowledgement (20 KB).
func ackPayload(m *slack.WebhookMessage) (json.RawMessage, bool) {
	b, err := json.Marshal(m)
	if err != nil || len(b) > 19*1024 {
		return nil, false
	}
	return b, true
}

// validTeam and validUser accept Slack's ids: a team (T...) or, for an
// organisation-wide install, an enterprise (E...); a user (U... or W...).
// They become parts of Redis keys and stored values, so nothing else is
// taken.
func validTeam(id string) bool { return slackID(id, "TE") }
func validUser(id string) bool { return slackID(id, "UW") }

func slackID(id, prefixes string) bool {
	if len(id) < 2 || len(id) > 32 || !strings.ContainsRune(prefixes, rune(id[0])) {
		return false
	}
	for _, r := range id[1:] {
		if (r < 'A' || r > 'Z') && (r < '0' || r > '9') {
			return false
		}
	}
	return true
}

// trunc shortens an id from outside for a log line.
func trunc(s string) string {
	if len(s) > 24 {
		return s[:24] + "..."
	}
	return s
}

// slackEscapes are the three characters Slack escapes in what people type
// (its "Formatting text" docs); its own entities (<@U1>, <#C1|x>, links)
// arrive unescaped.
var slackEscapes = strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">")

// unescapeText gives back what was typed: the core sees "ci&cd", not
// "ci&amp;cd", which render would escape again into "ci&amp;amp;cd".
func unescapeText(s string) string {
	if !strings.Contains(s, "&") {
		return s
	}
	return slackEscapes.Replace(s)
}
