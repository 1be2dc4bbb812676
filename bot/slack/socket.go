package slack

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
	"github.com/slack-go/slack/socketmode"
)

// runSocket serves Slack over a Socket Mode websocket until ctx is done.
// slack-go's client reconnects by itself; it returns only when the app
// token is rejected.
func (a *Adapter) runSocket(ctx context.Context) error {
	client := socketmode.New(a.api, socketmode.OptionLog(logWriter{a.log}))
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	errc := make(chan error, 1)
	go func() { errc <- client.RunContext(ctx) }()
	defer a.socketUp.Store(false)
	for {
		select {
		case <-ctx.Done():
			return nil
		case err := <-errc:
			if ctx.Err() != nil || errors.Is(err, context.Canceled) {
				return nil
			}
			return fmt.Errorf("slack socket mode: %w", err)
		case evt := <-client.Events:
			a.socketEvent(ctx, client, evt)
		}
	}
}

// socketEvent handles one event of the Socket Mode client. Every envelope
// is acknowledged at once (with the reply, for a quick slash command);
// the work runs beside the read loop.
func (a *Adapter) socketEvent(ctx context.Context, client *socketmode.Client, evt socketmode.Event) {
	switch evt.Type {
	case socketmode.EventTypeConnected:
		a.socketUp.Store(true)
		a.log.Info("slack socket mode connected")
		return
	case socketmode.EventTypeConnecting, socketmode.EventTypeDisconnect:
		a.socketUp.Store(false)
		return
	case socketmode.EventTypeConnectionError, socketmode.EventTypeInvalidAuth:
		a.socketUp.Store(false)
		a.log.Warn("slack socket mode connection failed", slog.Any("event", evt.Data))
		return
	}
	req := evt.Request
	if req == nil || req.EnvelopeID == "" {
		return
	}
	switch evt.Type {
	case socketmode.EventTypeSlashCommand:
		cmd, ok := evt.Data.(slack.SlashCommand)
		if !ok {
			a.ack(client, req, nil)
			return
		}
		// The read loop must go on while the handler runs. The work is
		// counted here, in the loop, so that Run's final Wait cannot race
		// an Add made later in the goroutine.
		a.work.Add(1)
		go func() {
			defer a.work.Done()
			a.command(ctx, cmd, func(m *slack.WebhookMessage) {
				if m == nil {
					a.ack(client, req, nil)
					return
				}
				if payload, ok := ackPayload(m); ok {
					a.ack(client, req, payload)
					return
				}
				a.ack(client, req, nil)
				a.later(ctx, func(ctx context.Context) { a.respondRaw(ctx, cmd.ResponseURL, m) })
			})
		}()
	case socketmode.EventTypeInteractive:
		a.ack(client, req, nil)
		if cb, ok := evt.Data.(slack.InteractionCallback); ok {
			a.interaction(ctx, cb)
		}
	case socketmode.EventTypeEventsAPI:
		a.ack(client, req, nil)
		if ev, ok := evt.Data.(slackevents.EventsAPIEvent); ok {
			// Deduplication costs Redis round trips; done in the loop, a
			// slow Redis would hold back the acknowledgement of every
			// envelope behind this one past Slack's 3 s.
			env := req.EnvelopeID
			wctx := context.WithoutCancel(ctx)
			a.work.Add(1)
			go func() {
				defer a.work.Done()
				if a.first(wctx, scope(ev.TeamID), "slack:env:"+env) {
					a.event(wctx, ev)
				}
			}()
		}
	default:
		a.ack(client, req, nil)
	}
}

func (a *Adapter) ack(client *socketmode.Client, req *socketmode.Request, payload any) {
	if err := client.Ack(*req, payload); err != nil {
		a.log.Warn("socket mode ack", slog.String("envelope", req.EnvelopeID), slog.String("err", err.Error()))
	}
}

// logWriter sends slack-go's internal log lines to slog at debug level.
type logWriter struct{ log *slog.Logger }

func (l logWriter) Output(_ int, s string) error {
	l.log.Debug(strings.TrimSpace(s))
	return nil
}
