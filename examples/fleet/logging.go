package main

import (
	"context"
	"log/slog"
)

type loggerKey struct{}

// withLogger returns ctx carrying l, the job's logger (account, platform,
// stream and job id attached).
func withLogger(ctx context.Context, l *slog.Logger) context.Context {
	return context.WithValue(ctx, loggerKey{}, l)
}

// logFrom returns the logger ctx carries, or slog's default.
func logFrom(ctx context.Context) *slog.Logger {
	if l, ok := ctx.Value(loggerKey{}).(*slog.Logger); ok {
		return l
	}
	return slog.Default()
}
