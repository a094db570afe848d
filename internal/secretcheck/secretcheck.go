// Package secretcheck collects everything a client can print or log and
// checks that no credential appears in it: the secret hygiene tests of the
// platform packages.
package secretcheck

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
)

// Sink gathers printed and logged text. It is safe for concurrent use.
type Sink struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

// Write implements io.Writer.
func (s *Sink) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.Write(p)
}

// String returns everything gathered.
func (s *Sink) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.String()
}

// Logger returns a debug-level logger writing both slog's text and JSON
// forms of every record into the sink.
func (s *Sink) Logger() *slog.Logger {
	opts := &slog.HandlerOptions{Level: slog.LevelDebug}
	return slog.New(fanout{slog.NewTextHandler(s, opts), slog.NewJSONHandler(s, opts)})
}

// Print adds every printed form of each value: fmt's %v, %+v, %#v, %s and
// %q, its JSON encoding, and slog's text and JSON rendering of it.
func (s *Sink) Print(values ...any) {
	l := s.Logger()
	for _, v := range values {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q"} {
			fmt.Fprintf(s, verb+"\n", v)
		}
		if b, err := json.Marshal(v); err == nil {
			_, _ = s.Write(append(b, '\n'))
		}
		l.Info("value", "v", v)
		if err, ok := v.(error); ok {
			fmt.Fprintln(s, err.Error())
		}
	}
}

// Check fails t if any secret appears in the sink, as is or in the encodings
// a header carries it in (base64 of HTTP basic credentials).
func (s *Sink) Check(t testing.TB, secrets ...string) {
	t.Helper()
	text := s.String()
	if len(text) == 0 {
		t.Fatal("nothing was printed or logged")
	}
	for _, secret := range secrets {
		for _, form := range forms(secret, secrets) {
			if i := strings.Index(text, form); i >= 0 {
				lo, hi := max(0, i-120), min(len(text), i+len(form)+40)
				t.Errorf("credential %q appears in the output: ...%s...", secret, text[lo:hi])
			}
		}
	}
}

// forms are the ways a secret may show: itself, and base64 of the basic
// credential pairs it can be part of.
func forms(secret string, all []string) []string {
	out := []string{secret}
	for _, other := range all {
		if other != secret {
			out = append(out, base64.StdEncoding.EncodeToString([]byte(secret+":"+other)))
		}
	}
	return out
}

// fanout sends every record to several handlers.
type fanout []slog.Handler

func (f fanout) Enabled(context.Context, slog.Level) bool { return true }

func (f fanout) Handle(ctx context.Context, r slog.Record) error {
	for _, h := range f {
		if err := h.Handle(ctx, r.Clone()); err != nil {
			return err
		}
	}
	return nil
}

func (f fanout) WithAttrs(attrs []slog.Attr) slog.Handler {
	out := make(fanout, len(f))
	for i, h := range f {
		out[i] = h.WithAttrs(attrs)
	}
	return out
}

func (f fanout) WithGroup(name string) slog.Handler {
	out := make(fanout, len(f))
	for i, h := range f {
		out[i] = h.WithGroup(name)
	}
	return out
}
