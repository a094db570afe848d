package transport

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

// The retry policy, on go-retryablehttp's hooks. One call's state (*call)
// travels in the request's context, since the hooks see only the request
// or the response:
//   - requestHook starts each attempt: it resets the per-attempt state;
//   - checkRetry decides after each attempt whether to retry and how long
//     to wait (429 and 503 with Retry-After for every request; other 5xx,
//     transport errors and bodies that fail to read or decode only for
//     retry-safe ones), capping the wait at the maximum;
//   - prepareRetry sleeps that wait on the client's clock, then the
//     throttle, before the next attempt.

// requestHook starts an attempt.
func (c *Client) requestHook(_ retryablehttp.Logger, req *http.Request, attempt int) {
	st, _ := req.Context().Value(stateKey{}).(*call)
	if st == nil {
		return
	}
	st.attempt = attempt
	st.start = c.cfg.Clock.Now()
	st.body = nil
	st.handled = false
}

// checkRetry decides whether an attempt is retried, and how long to wait.
func (c *Client) checkRetry(ctx context.Context, hresp *http.Response, err error) (bool, error) {
	st, _ := ctx.Value(stateKey{}).(*call)
	if ctxErr := ctx.Err(); ctxErr != nil {
		return false, ctxErr
	}
	if st == nil {
		return false, err
	}
	if hresp != nil && st.req.RemapStatus != nil && err == nil && !st.handled && hresp.StatusCode >= 400 {
		// Read the start of the body for the hook, and put it back in front
		// of the rest for the handler.
		head, _ := io.ReadAll(io.LimitReader(hresp.Body, maxErrorRead))
		hresp.Body = struct {
			io.Reader
			io.Closer
		}{io.MultiReader(bytes.NewReader(head), hresp.Body), hresp.Body}
		if code := st.req.RemapStatus(hresp.StatusCode, hresp.Header, head); code != hresp.StatusCode {
			hresp.StatusCode, hresp.Status = code, fmt.Sprintf("%d %s", code, http.StatusText(code))
		}
	}
	if hresp != nil {
		if rl, ok := c.cfg.RateLimitHeaders.read(hresp.Header, c.cfg.Clock.Now()); ok {
			c.mu.Lock()
			c.rateLimit = rl
			c.mu.Unlock()
			if o, ok := c.limiter.(RateLimitObserver); ok {
				o.Observe(rl)
			}
		}
	}
	retry := false
	switch {
	case errors.Is(err, errRedirectRefused):
		retry = false
	case err != nil:
		retry = st.safe || notSent(err)
	case hresp.StatusCode == http.StatusTooManyRequests:
		retry = true
	case hresp.StatusCode == http.StatusServiceUnavailable:
		// A 503 with Retry-After is a server turning the request away
		// before acting on it (maintenance, overload). One without may come
		// from a gateway that gave up on a request the application still
		// runs (Heroku's H12, an upstream reset), so a write is not sent
		// again after it.
		retry = st.safe || hresp.Header.Get("Retry-After") != ""
	case hresp.StatusCode == http.StatusInternalServerError || hresp.StatusCode == http.StatusBadGateway ||
		hresp.StatusCode == http.StatusGatewayTimeout:
		retry = st.safe
	}
	// A response the handler has yet to read is logged after it.
	handlerNext := !retry && err == nil && !st.handled
	if !handlerNext {
		c.logAttempt(ctx, st, hresp, err)
	}
	if !retry || st.attempt >= c.cfg.MaxRetries {
		return false, nil
	}
	wait, fromServer := c.waitFor(hresp, st.attempt)
	if wait > c.cfg.RetryWaitMax {
		if fromServer {
			st.waitLong = wait
			return false, nil
		}
		wait = c.cfg.RetryWaitMax
	}
	st.wait = wait
	if err == nil {
		// go-retryablehttp drains only 4 KiB of a response it retries, and
		// a gateway's error page is often larger: drain it here, so the
		// keep-alive connection carries the retry.
		_, _ = io.Copy(io.Discard, io.LimitReader(hresp.Body, maxErrorRead))
	}
	return true, nil
}

// notSent reports a transport error that happened before the request
// could reach the server (a refused or failed dial), safe to retry for
// any method.
func notSent(err error) bool {
	var op *net.OpError
	return errors.As(err, &op) && op.Op == "dial"
}

// waitFor picks the wait before the next attempt: Retry-After, else the
// platform's reset header or documented window on a 429, else exponential
// backoff with full jitter. fromServer reports a wait the server asked for.
func (c *Client) waitFor(hresp *http.Response, attempt int) (wait time.Duration, fromServer bool) {
	now := c.cfg.Clock.Now()
	if hresp != nil {
		if d, ok := ParseRetryAfter(hresp.Header.Get("Retry-After"), now); ok {
			return d, true
		}
		if hresp.StatusCode == http.StatusTooManyRequests {
			if rl, ok := c.cfg.RateLimitHeaders.read(hresp.Header, now); ok && rl.Reset.After(now) {
				return rl.Reset.Sub(now), true
			}
			if w := c.cfg.RateLimitWindow; w > 0 {
				return w + rand.N(w/10+1), false
			}
		}
	}
	return backoff(c.cfg.RetryWaitMin, c.cfg.RetryWaitMax, attempt), false
}

// prepareRetry sleeps the chosen wait through the Clock before a retry.
func (c *Client) prepareRetry(req *http.Request) error {
	ctx := req.Context()
	st, _ := ctx.Value(stateKey{}).(*call)
	if st == nil {
		return nil
	}
	if l := c.cfg.Logger; l != nil {
		l.LogAttrs(ctx, slog.LevelInfo, "affiliatekit: retrying",
			slog.String("platform", c.cfg.Platform), slog.String("method", st.method),
			slog.String("path", st.path), slog.Int("attempt", st.attempt+2), slog.Duration("wait", st.wait))
	}
	if err := c.cfg.Clock.Sleep(ctx, st.wait); err != nil {
		return err
	}
	return c.throttleWait(ctx)
}

func (c *Client) logAttempt(ctx context.Context, st *call, hresp *http.Response, err error) {
	l := c.cfg.Logger
	if l == nil {
		return
	}
	attrs := []slog.Attr{
		slog.String("platform", c.cfg.Platform), slog.String("method", st.method), slog.String("path", st.path),
		slog.Int("attempt", st.attempt+1), slog.Duration("duration", c.cfg.Clock.Now().Sub(st.start)),
	}
	if hresp != nil {
		attrs = append(attrs, slog.Int("status", hresp.StatusCode))
	}
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		attrs = append(attrs, slog.String("error", err.Error()))
	}
	l.LogAttrs(ctx, slog.LevelDebug, "affiliatekit: request", attrs...)
}
