package conformance

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/internal/fakeserver"
	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// Answer is a call made with a request option that fills a Response, and
// the answer it gets.
type Answer struct {
	Name string
	Call func(ctx context.Context, opt transport.RequestOption) error
	// Status is the answer's status.
	Status int
	// Err is the error the call fails with; nil for none.
	Err error
	// Later says the Response holds the answer of a later request than
	// the first (a download that follows a link, a write after a read),
	// which carries no request id.
	Later bool
}

// ResponseInto makes every call with the option into (the package's
// WithResponseInto) after srv is told to add an X-Request-Id header to the
// answer: the call succeeds, or fails with its Err as an *Error that holds
// the request id, and the Response holds the answer's status, the header
// and the request id. check, when set, checks the rest of the Response.
func ResponseInto(t *testing.T, srv interface{ Inject(int, fakeserver.Fault) }, into func(*transport.Response) transport.RequestOption,
	calls []Answer, check func(t *testing.T, a Answer, resp *transport.Response)) {
	for _, a := range calls {
		t.Run(a.Name, func(t *testing.T) {
			id := "req-" + a.Name
			srv.Inject(1, fakeserver.Fault{Header: http.Header{"X-Request-Id": {id}}})
			var resp transport.Response
			err := a.Call(context.Background(), into(&resp))
			if a.Err != nil {
				require.ErrorIs(t, err, a.Err)
				var apiErr *transport.Error
				require.ErrorAs(t, err, &apiErr)
				assert.Equal(t, id, apiErr.RequestID)
			} else {
				require.NoError(t, err)
			}
			assert.Equal(t, a.Status, resp.StatusCode)
			if !a.Later {
				assert.Equal(t, id, resp.Header.Get("X-Request-Id"))
				assert.Equal(t, id, resp.RequestID)
			}
			if check != nil {
				check(t, a, &resp)
			}
		})
	}
}

// ResponseUntouched: a call refused before any request leaves the
// Response it was given as it was.
func ResponseUntouched(t *testing.T, into func(*transport.Response) transport.RequestOption, call func(ctx context.Context, opt transport.RequestOption) error) {
	resp := transport.Response{StatusCode: 299}
	require.Error(t, call(context.Background(), into(&resp)))
	assert.Equal(t, 299, resp.StatusCode)
}
