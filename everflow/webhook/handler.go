package webhook

import (
	"context"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/affiliatekit/affiliatekit-go/internal/transport"
	"github.com/affiliatekit/affiliatekit-go/internal/webhookkit"
)

// Callbacks receive verified postbacks. A callback that returns an error
// makes the handler answer 500, so that Everflow records a failure and
// retries. Callbacks run on the request's goroutine and context.
type Callbacks struct {
	// Postback receives every postback of the template; when nil,
	// postbacks are acknowledged unprocessed.
	Postback func(ctx context.Context, p *Postback) error
}

// Handler is an http.Handler that receives Everflow postbacks. It is safe
// for concurrent use.
type Handler struct {
	core webhookkit.Handler
}

// NewHandler returns a Handler that reads postbacks fired from template
// (see ParseTemplate) and passes them to cb. With WithStore the template
// must carry {conversion_id}: a postback is known by its macro values, and
// without the conversion id two conversions on the same click would look
// like one delivery sent twice.
func NewHandler(template string, cb Callbacks, opts ...Option) (*Handler, error) {
	t, err := ParseTemplate(template)
	if err != nil {
		return nil, err
	}
	var s settings
	if err := transport.ApplyOptions("everflow/webhook", &s, opts); err != nil {
		return nil, err
	}
	if s.Store != nil && !slices.Contains(slices.Collect(maps.Values(t.params)), MacroConversionID) {
		return nil, fmt.Errorf("everflow/webhook: WithStore needs {%s} in the template, or two conversions on one click would be taken for one delivery", MacroConversionID)
	}
	if _, clash := t.params[s.param]; clash && s.param != "" {
		return nil, fmt.Errorf("everflow/webhook: the secret parameter %q carries a macro in the template", s.param)
	}
	h := &Handler{core: webhookkit.Handler{
		Platform: "everflow",
		Methods:  []string{http.MethodGet, http.MethodPost},
		Settings: s.Settings,
		Parse: func(r *http.Request, body []byte) (*webhookkit.Delivery, error) {
			q, err := requestValues(r, body)
			if err != nil {
				return nil, err
			}
			p, err := t.Parse(q)
			if err != nil {
				return nil, err
			}
			d := &webhookkit.Delivery{Key: p.ID, Type: "postback"}
			if cb.Postback != nil {
				d.Run = func(ctx context.Context) error { return cb.Postback(ctx, p) }
			}
			return d, nil
		},
	}}
	if len(s.secrets) > 0 {
		h.core.Verify = webhookkit.QuerySecret(s.param, s.secrets, requestValues)
	}
	return h, nil
}

// ServeHTTP implements http.Handler.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) { h.core.ServeHTTP(w, r) }

// requestValues returns the query, with the fields of a form-encoded POST
// body added; the query wins where both set a parameter.
func requestValues(r *http.Request, body []byte) (url.Values, error) {
	q := r.URL.Query()
	ct := strings.ToLower(r.Header.Get("Content-Type"))
	if r.Method != http.MethodPost || len(body) == 0 || !strings.HasPrefix(ct, "application/x-www-form-urlencoded") {
		return q, nil
	}
	form, err := url.ParseQuery(string(body))
	if err != nil {
		return nil, fmt.Errorf("%w: form body: %v", ErrMalformedPayload, err)
	}
	for k, v := range form {
		if _, ok := q[k]; !ok {
			q[k] = v
		}
	}
	return q, nil
}
