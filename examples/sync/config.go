package main

import (
	"fmt"
	"io"
	"log/slog"
	"time"
)

// config is what the platform constructors need besides the environment.
type config struct {
	// getenv reads credentials (os.Getenv in the program).
	getenv func(string) string
	// fakes provides a fake server for each platform without credentials.
	fakes *fakes
	// verbose, when not nil, receives the SDK's request and retry log (-v).
	verbose slog.Handler
	// retryWaitMin and retryWaitMax override the clients' retry waits when
	// retryWaitMax is not zero; maxRetries overrides the retry count when
	// it is not negative.
	retryWaitMin, retryWaitMax time.Duration
	maxRetries                 int
	// rateRequests per rateWindow overrides the clients' throttle when
	// rateWindow is not zero (the fakes' clients have none otherwise).
	rateRequests int
	rateWindow   time.Duration
	// parallelPages is how many pages of a page-number list are in flight
	// at once (0 or 1: the next page while the current one is committed).
	// Against a distant API, round trip × requests per second + 1 keeps a
	// platform's quota busy with one stream left.
	parallelPages int
	// warn receives notices, such as a pass restarted.
	warn io.Writer
	// afterPage, when not nil, is called as each stream starts (pages 0)
	// and after each committed page, with the stream's key and the pages
	// committed so far in this run.
	afterPage func(stream string, pages int)
}

// overrideOptions returns the retry and throttle options cfg asks for,
// built with a platform package's WithRetryWait, WithMaxRetries and
// WithRateLimit. They come after the constructor's own options, which
// they override.
func overrideOptions[O any](cfg *config, wait func(minWait, maxWait time.Duration) O, retries func(int) O,
	rate func(requests int, per time.Duration) O) []O {
	var opts []O
	if cfg.rateWindow > 0 {
		opts = append(opts, rate(cfg.rateRequests, cfg.rateWindow))
	}
	if cfg.retryWaitMax > 0 {
		opts = append(opts, wait(cfg.retryWaitMin, cfg.retryWaitMax))
	}
	if cfg.maxRetries >= 0 {
		opts = append(opts, retries(cfg.maxRetries))
	}
	return opts
}

// warnf prints a notice to cfg.warn (stderr in the program).
func (cfg *config) warnf(format string, args ...any) {
	if cfg.warn != nil {
		fmt.Fprintf(cfg.warn, format+"\n", args...)
	}
}
