package webhookkit

import (
	"errors"
	"fmt"
	"io"
	"net/http"
)

// DefaultMaxBodyBytes caps a delivery's body unless a handler sets its own
// limit. Webhook payloads are a few kilobytes; 1 MiB leaves ample room.
const DefaultMaxBodyBytes int64 = 1 << 20

// ReadBody reads r's body, failing with ErrPayloadTooLarge once more than
// limit bytes arrive (limit <= 0 means DefaultMaxBodyBytes). The body is
// closed. w may be nil; when set, the server is told to close the
// connection after an oversized body, as http.MaxBytesReader does.
func ReadBody(w http.ResponseWriter, r *http.Request, limit int64) ([]byte, error) {
	if limit <= 0 {
		limit = DefaultMaxBodyBytes
	}
	if r.Body == nil || r.Body == http.NoBody {
		return nil, nil
	}
	if r.ContentLength > limit {
		return nil, fmt.Errorf("%w: %d bytes, limit %d", ErrPayloadTooLarge, r.ContentLength, limit)
	}
	body := http.MaxBytesReader(w, r.Body, limit)
	defer body.Close()
	b, err := io.ReadAll(body)
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return nil, fmt.Errorf("%w: over %d bytes", ErrPayloadTooLarge, limit)
		}
		return nil, fmt.Errorf("webhook: reading body: %w", err)
	}
	return b, nil
}
