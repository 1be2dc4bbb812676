package slack

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/slack-go/slack"

	"github.com/mentorbot/mentorbot/bot"
)

// deliverFile sends m's file whole to the requester's DM with the bot,
// through Slack's upload flow (files.getUploadURLExternal, the upload,
// files.completeUploadExternal), and returns m with the file replaced by
// a line saying where it went. A slash reply cannot carry a file, and a
// message holds only a few KB of one. When the upload fails (say, an
// installation made before the app asked for files:write), m comes back
// as it was, and the reply shows what of the file fits in a message.
func (a *Adapter) deliverFile(ctx context.Context, req bot.Request, m bot.Message) bot.Message {
	f := m.File
	if f == nil || len(f.Data) == 0 {
		return m
	}
	log := a.log.With(slog.String("team", req.Scope.Workspace), slog.String("file", f.Name))
	api, err := a.client(ctx, req.Scope.Workspace)
	if err != nil {
		return m
	}
	ctx, ch, _, _, _, err := a.dmChannel(ctx, req.Scope, req.User, false, time.Time{})
	if err != nil {
		log.Warn("upload a file: open the dm", slog.String("err", err.Error()))
		return m
	}
	_, err = api.UploadFileContext(ctx, slack.UploadFileParameters{
		Reader: bytes.NewReader(f.Data), FileSize: len(f.Data), Filename: f.Name, Title: f.Name, Channel: ch,
	})
	if err != nil {
		log.Warn("upload a file; showing it in the reply instead", slog.String("err", err.Error()))
		return m
	}
	m.File = nil
	note := fmt.Sprintf("The whole file, %s (%s), is in your DM with mentorbot.", f.Name, size(len(f.Data)))
	if m.Text != "" {
		m.Text += "\n\n"
	}
	m.Text += note
	return m
}

// size says how big n bytes are, for people.
func size(n int) string {
	switch {
	case n < 1024:
		return fmt.Sprintf("%d bytes", n)
	case n < 1024*1024:
		return fmt.Sprintf("%.1f KB", float64(n)/1024)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/(1024*1024))
}
