package refersion_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/internal/secretcheck"
	"github.com/affiliatekit/affiliatekit-go/internal/testclock"
	. "github.com/affiliatekit/affiliatekit-go/refersion"
	"github.com/affiliatekit/affiliatekit-go/refersion/refersiontest"
)

// TestSecretHygiene drives a client through success, every error class,
// retries and debug logging, prints the client, its options and every
// error in every form, and finds the credentials nowhere.
func TestSecretHygiene(t *testing.T) {
	const wrongSecret = "rfsn_sec_WRONG_0b1c2d3e4f"
	const wrongToken = "rfsn_gql_WRONG_5a6b7c8d9e"
	srv := refersiontest.NewServer()
	defer srv.Close()
	srv.SeedAffiliates(3)
	var sink secretcheck.Sink
	clk := testclock.New(time.Date(2025, time.March, 3, 12, 0, 0, 0, time.UTC))
	common := []Option{WithBaseURL(srv.URL), WithLogger(sink.Logger()), WithMaxRetries(2), WithClock(clk)}
	opts := append([]Option{WithKeys(refersiontest.PublicKey, refersiontest.SecretKey),
		WithGraphQLKey(refersiontest.GraphQLToken), WithGraphQLURL(srv.GraphQLURL)}, common...)
	c, err := NewClient(opts...)
	require.NoError(t, err)
	holders, err := KeyHolders(c, opts)
	require.NoError(t, err)
	sink.Print(c, *c, opts, c.Affiliates, c.Conversions, c.RateLimit())
	sink.Print(holders...)

	ctx := context.Background()
	items, resp, err := c.Affiliates.ListPage(ctx, nil)
	require.NoError(t, err)
	sink.Print(items, resp, *resp)
	srv.SeedConversions(3)
	convs, cresp, err := c.Conversions.ListPage(ctx, nil)
	require.NoError(t, err)
	sink.Print(convs, cresp, *cresp)
	params := &AffiliateCreateParams{FirstName: "Hy", LastName: "Giene", Email: "hygiene@example.org",
		Password: "Correct-h0rse", Status: AffiliateActive}
	for _, f := range []refersiontest.Fault{
		{Status: http.StatusBadRequest}, {Status: http.StatusUnauthorized}, {Status: http.StatusForbidden},
		{Status: http.StatusNotFound}, {Status: http.StatusConflict}, {Status: http.StatusUnprocessableEntity},
		{Status: http.StatusTooManyRequests, RetryAfter: "1"}, {Status: http.StatusTooManyRequests, RetryAfter: "3600"},
		{Status: http.StatusInternalServerError}, {Status: http.StatusBadGateway, Body: "<html>bad gateway</html>"},
		{Status: http.StatusServiceUnavailable}, {Body: `{"unexpected":true}`}, {Truncate: true}, {EmptyBody: true},
		{Drop: true},
		{Body: `{"data":null,"errors":[{"message":"Invalid access token.","extensions":{"code":"UNAUTHENTICATED"}}]}`},
		{Body: `{"data":{"conversions":[]},"errors":[{"message":"Too many requests"}]}`},
	} {
		srv.Inject(1, f)
		_, _, err := c.Affiliates.ListPage(ctx, nil)
		srv.Inject(1, f)
		_, werr := c.Affiliates.Create(ctx, params)
		srv.Inject(1, f)
		_, _, gerr := c.Conversions.ListPage(ctx, nil)
		sink.Print(err, werr, gerr)
	}
	// A GraphQL answer that echoes the token.
	srv.Inject(3, refersiontest.Fault{Body: `{"data":null,"errors":[{"message":"Bad token ` + refersiontest.GraphQLToken + `"}]}`})
	_, _, err = c.Conversions.ListPage(ctx, nil)
	require.Error(t, err)
	sink.Print(err)
	srv.Inject(1, refersiontest.Fault{Hang: true})
	hctx, cancel := context.WithTimeout(ctx, 30*time.Millisecond)
	_, _, err = c.Affiliates.ListPage(hctx, nil)
	cancel()
	sink.Print(err)

	// A real 401 from the server, for a wrong secret key.
	wrong, err := NewClient(append([]Option{WithKeys(refersiontest.PublicKey, wrongSecret)}, common...)...)
	require.NoError(t, err)
	_, _, err = wrong.Affiliates.ListPage(ctx, nil)
	require.ErrorIs(t, err, ErrUnauthorized)
	sink.Print(err, wrong, *wrong)

	// The fake's answer to a wrong GraphQL token, and a GraphQL-only client.
	wrongGQL, err := NewClient(append([]Option{WithGraphQLKey(wrongToken), WithGraphQLURL(srv.GraphQLURL)}, common...)...)
	require.NoError(t, err)
	_, _, err = wrongGQL.Conversions.ListPage(ctx, nil)
	require.ErrorIs(t, err, ErrUnauthorized)
	_, _, rerr := wrongGQL.Affiliates.ListPage(ctx, nil)
	require.Error(t, rerr)
	sink.Print(err, rerr, wrongGQL, *wrongGQL)

	// Neither credential reaches the other API's requests.
	for _, r := range srv.Requests() {
		if r.Path == "/graphql/" {
			require.Empty(t, r.Header.Get("Refersion-Secret-Key"))
		} else {
			require.Empty(t, r.Header.Get("X-Refersion-Key"))
		}
	}

	sink.Check(t, refersiontest.PublicKey, refersiontest.SecretKey, wrongSecret, refersiontest.GraphQLToken, wrongToken)
}
