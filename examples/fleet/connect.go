package main

import (
	"fmt"
	"net/http"
	"time"
)

// platformNames lists the supported platforms.
var platformNames = []string{"everflow", "firstpromoter", "partnerstack", "postaffiliatepro", "refersion"}

// conn is what a platform's stream builder needs for one account: the
// account, its credentials (nil: run on the in-process demo fake), the
// account's shared limiter and the HTTP client that counts the traffic.
type conn struct {
	acct    *account
	creds   *credentials
	limiter *pgLimiter
	http    *http.Client
	demo    *demoFakes
}

// streamBuilders build each platform's streams for an account.
var streamBuilders = map[string]func(*conn) ([]*stream, error){
	"everflow":         everflowStreams,
	"firstpromoter":    firstPromoterStreams,
	"partnerstack":     partnerStackStreams,
	"postaffiliatepro": postAffiliateProStreams,
	"refersion":        refersionStreams,
}

// streamsOf returns the account's streams.
func streamsOf(c *conn) ([]*stream, error) {
	b, ok := streamBuilders[c.acct.Platform]
	if !ok {
		return nil, fmt.Errorf("unknown platform %q", c.acct.Platform)
	}
	return b(c)
}

// streamNames lists a platform's streams, for schedule and status.
var streamNames = map[string][]string{
	"everflow":         {"affiliates", "conversions", "postbacks"},
	"firstpromoter":    {"promoters", "referrals", "commissions"},
	"partnerstack":     {"partnerships", "customers", "transactions"},
	"postaffiliatepro": {"affiliates", "transactions"},
	"refersion":        {"affiliates", "conversions"},
}

// startOr returns the account's configured start for window streams, or
// def.
func (c *conn) startOr(def time.Time) time.Time {
	if !c.acct.Start.IsZero() {
		return c.acct.Start
	}
	return def
}
