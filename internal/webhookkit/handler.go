package webhookkit

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"strings"
)

// Settings are the options every platform's handler takes.
type Settings struct {
	// Store drops redelivered events; nil processes every delivery.
	Store Store
	// MaxBodyBytes caps the body; <= 0 means DefaultMaxBodyBytes.
	MaxBodyBytes int64
	// Logger receives one line per rejected or failed delivery; nil is
	// silent. Lines never hold secrets or bodies; a rejected delivery's
	// line quotes the parse error, which may name the one value it could
	// not read.
	Logger *slog.Logger
}

// SetStore sets Store; nil is an error.
func (s *Settings) SetStore(store Store) error {
	if store == nil {
		return errors.New("store is nil")
	}
	s.Store = store
	return nil
}

// SetMaxBodyBytes sets MaxBodyBytes, which must be positive.
func (s *Settings) SetMaxBodyBytes(n int64) error {
	if n <= 0 {
		return fmt.Errorf("max body bytes must be positive, got %d", n)
	}
	s.MaxBodyBytes = n
	return nil
}

// SetLogger sets Logger; nil is silent.
func (s *Settings) SetLogger(l *slog.Logger) error {
	s.Logger = l
	return nil
}

// Delivery is a verified and parsed delivery, ready to dispatch.
type Delivery struct {
	// Key identifies the event in the Store; "" skips deduplication.
	Key string
	// Type names the event in log lines.
	Type string
	// Run processes the event; nil acknowledges it without processing.
	Run func(ctx context.Context) error
}

// Handler verifies, parses and dispatches deliveries. It answers:
//
//   - 405 for a method outside Methods;
//   - 413 for a body over the cap;
//   - 401 when Verify fails (Parse and the callbacks never run);
//   - 400 when Parse fails;
//   - 200 for an event processed now, processed before (a redelivery) or
//     acknowledged without a callback;
//   - 409 while another delivery of the same event is being processed;
//   - 500 when the callback fails, or 503 when the Store does, so that the
//     platform delivers the event again.
type Handler struct {
	// Platform prefixes Store keys and names the platform in log lines.
	Platform string
	// Methods are the accepted methods; nil means POST only.
	Methods []string
	Settings
	// Verify checks the delivery's authenticity; nil accepts everything.
	Verify func(r *http.Request, body []byte) error
	// Parse decodes a verified delivery.
	Parse func(r *http.Request, body []byte) (*Delivery, error)
}

// ServeHTTP implements http.Handler.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	methods := h.Methods
	if methods == nil {
		methods = []string{http.MethodPost}
	}
	if !slices.Contains(methods, r.Method) {
		w.Header().Set("Allow", strings.Join(methods, ", "))
		h.reject(w, r, http.StatusMethodNotAllowed, fmt.Errorf("method %s not allowed", r.Method))
		return
	}
	body, err := ReadBody(w, r, h.MaxBodyBytes)
	if err != nil {
		status := http.StatusBadRequest
		if errors.Is(err, ErrPayloadTooLarge) {
			status = http.StatusRequestEntityTooLarge
		}
		h.reject(w, r, status, err)
		return
	}
	if h.Verify != nil {
		if err := h.Verify(r, body); err != nil {
			h.reject(w, r, http.StatusUnauthorized, err)
			return
		}
	}
	d, err := h.Parse(r, body)
	if err != nil {
		h.reject(w, r, http.StatusBadRequest, err)
		return
	}
	h.dispatch(w, r, d)
}

func (h *Handler) dispatch(w http.ResponseWriter, r *http.Request, d *Delivery) {
	ctx := r.Context()
	if d.Run == nil {
		respond(w, http.StatusOK, "ok")
		return
	}
	key := ""
	if h.Store != nil && d.Key != "" {
		key = h.Platform + ":" + d.Key
		state, err := h.Store.Claim(ctx, key)
		switch {
		case err != nil:
			h.fail(r, d, "idempotency store failed", err)
			respond(w, http.StatusServiceUnavailable, "try again later")
			return
		case state == ClaimDone:
			respond(w, http.StatusOK, "already processed")
			return
		case state == ClaimBusy:
			h.reject(w, r, http.StatusConflict, ErrInProgress)
			return
		}
	}
	// The claim is settled even when the platform hangs up mid-callback or
	// the callback panics.
	settled := false
	if key != "" {
		defer func() {
			if !settled {
				_ = h.Store.Release(context.WithoutCancel(ctx), key)
			}
		}()
	}
	if err := d.Run(ctx); err != nil {
		h.fail(r, d, "callback failed", err)
		respond(w, http.StatusInternalServerError, "processing failed")
		return
	}
	if key != "" {
		settled = true
		if err := h.Store.Complete(context.WithoutCancel(ctx), key); err != nil {
			h.fail(r, d, "idempotency store failed to record the event", err)
		}
	}
	respond(w, http.StatusOK, "ok")
}

func (h *Handler) reject(w http.ResponseWriter, r *http.Request, status int, err error) {
	if h.Logger != nil {
		h.Logger.LogAttrs(r.Context(), slog.LevelWarn, "webhook rejected",
			slog.String("platform", h.Platform), slog.Int("status", status),
			slog.String("path", r.URL.Path), slog.String("error", err.Error()))
	}
	respond(w, status, http.StatusText(status))
}

func (h *Handler) fail(r *http.Request, d *Delivery, msg string, err error) {
	if h.Logger != nil {
		h.Logger.LogAttrs(r.Context(), slog.LevelError, "webhook "+msg,
			slog.String("platform", h.Platform), slog.String("type", d.Type),
			slog.String("key", d.Key), slog.String("error", err.Error()))
	}
}

func respond(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	_, _ = fmt.Fprintln(w, msg)
}
