package refersion_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/internal/testclock"
	. "github.com/affiliatekit/affiliatekit-go/refersion"
	"github.com/affiliatekit/affiliatekit-go/refersion/refersiontest"
)

// newGraphQLFake starts a fake and a client with both credentials on it,
// sharing a fake clock that starts at fakeStart.
func newGraphQLFake(t *testing.T, opts ...Option) (*refersiontest.Server, *Client) {
	t.Helper()
	clk := testclock.New(fakeStart)
	srv := refersiontest.NewServer(refersiontest.WithClock(clk.Now))
	t.Cleanup(srv.Close)
	c, err := NewClient(append([]Option{
		WithKeys(refersiontest.PublicKey, refersiontest.SecretKey), WithBaseURL(srv.URL),
		WithGraphQLKey(refersiontest.GraphQLToken), WithGraphQLURL(srv.GraphQLURL), WithClock(clk),
	}, opts...)...)
	require.NoError(t, err)
	return srv, c
}

// inWindow returns the ids of the fake's conversions with from ≤ created < to.
func inWindow(srv *refersiontest.Server, from, to time.Time) []string {
	var ids []string
	for _, c := range srv.Conversions() {
		if !c.Created.Before(from) && c.Created.Before(to) {
			ids = append(ids, strconv.FormatInt(c.ID, 10))
		}
	}
	return ids
}

func collect(t *testing.T, c *Client, o *ConversionListOptions) []string {
	t.Helper()
	var ids []string
	for cv, err := range c.Conversions.List(context.Background(), o) {
		require.NoError(t, err)
		ids = append(ids, cv.ID.String())
	}
	return ids
}

func TestConversionsListMonthAcrossPages(t *testing.T) {
	srv, c := newGraphQLFake(t)
	srv.SeedConversions(90) // one every 17 hours up to the clock's now
	// Last month of the clock (February 2025).
	from := time.Date(fakeStart.Year(), fakeStart.Month()-1, 1, 0, 0, 0, 0, time.UTC)
	to := from.AddDate(0, 1, 0)
	want := inWindow(srv, from, to)
	require.Greater(t, len(want), 30)
	srv.ResetRequests()

	got := collect(t, c, &ConversionListOptions{CreatedFrom: from, CreatedTo: to, PerPage: 7})
	assert.Equal(t, want, got, "every conversion of the month once, in the server's order")
	assert.Equal(t, len(want)/7+1, srv.RequestCount(), "pages of 7 until a short one")

	// The query inlines the window and the page as integers, anonymously.
	var body map[string]string
	require.NoError(t, json.Unmarshal(srv.Requests()[1].Body, &body))
	assert.Equal(t, fmt.Sprintf("{ conversions(created_from: %d, created_to: %d, first: 7, offset: 7) { "+
		"id, affiliate { name, email }, total, commission_total, currency, created } }", from.Unix(), to.Unix()), body["query"])
	h := srv.Requests()[0].Header
	assert.Equal(t, refersiontest.GraphQLToken, h.Get("X-Refersion-Key"))
	assert.Empty(t, h.Get("Refersion-Secret-Key"), "the REST keys never go to the GraphQL endpoint")
	assert.Equal(t, "/graphql/", srv.Requests()[0].Path)

	// The default page is 50 rows.
	srv.ResetRequests()
	assert.Equal(t, want, collect(t, c, &ConversionListOptions{CreatedFrom: from, CreatedTo: to}))
	assert.Contains(t, string(srv.Requests()[0].Body), "first: 50, offset: 0")

	// Rows decode exactly, with the row's currency.
	items, resp, err := c.Conversions.ListPage(context.Background(), &ConversionListOptions{CreatedFrom: from, CreatedTo: to, PerPage: 5})
	require.NoError(t, err)
	require.Len(t, items, 5)
	assert.Equal(t, 2, resp.NextPage)
	stored := srv.Conversions()
	i := slices.IndexFunc(stored, func(s refersiontest.Conversion) bool { return strconv.FormatInt(s.ID, 10) == items[0].ID.String() })
	require.GreaterOrEqual(t, i, 0)
	assert.Equal(t, stored[i].Total.String(), items[0].Total.String())
	assert.Equal(t, "USD", items[0].CommissionTotal.Currency())
	assert.Equal(t, stored[i].Created, items[0].Created)
	assert.NotEmpty(t, items[0].Affiliate.Email)
}

func TestConversionsListAdjacentWindowsNeverOverlap(t *testing.T) {
	srv, c := newGraphQLFake(t)
	convs := srv.SeedConversions(90)
	start := convs[0].Created.Truncate(24 * time.Hour)
	// Conversions on a window's edge belong to the later window only.
	edge := start.Add(7 * 24 * time.Hour)
	srv.AddConversion(refersiontest.Conversion{AffiliateID: srv.Affiliates()[0].ID, Created: edge, Total: amt("10.00")})
	srv.AddConversion(refersiontest.Conversion{AffiliateID: srv.Affiliates()[0].ID, Created: edge.Add(-time.Second), Total: amt("11.00")})
	seen := map[string]int{}
	var all []string
	for from := start; from.Before(start.AddDate(0, 3, 0)); from = from.Add(7 * 24 * time.Hour) {
		for _, id := range collect(t, c, &ConversionListOptions{CreatedFrom: from, CreatedTo: from.Add(7 * 24 * time.Hour), PerPage: 4}) {
			seen[id]++
			all = append(all, id)
		}
	}
	for id, n := range seen {
		assert.Equal(t, 1, n, "conversion %s in %d windows", id, n)
	}
	assert.ElementsMatch(t, inWindow(srv, start, start.AddDate(0, 3, 0)), all)

	// A window ending mid-second still holds a conversion of that second.
	half := edge.Add(-time.Second).Add(500 * time.Millisecond)
	items, _, err := c.Conversions.ListPage(context.Background(), &ConversionListOptions{CreatedFrom: edge.Add(-time.Hour), CreatedTo: half})
	require.NoError(t, err)
	require.Len(t, items, 1)
	assert.Equal(t, "11.00", items[0].Total.String())
	items, _, err = c.Conversions.ListPage(context.Background(), &ConversionListOptions{CreatedFrom: half, CreatedTo: edge.Add(time.Second)})
	require.NoError(t, err)
	require.Len(t, items, 1)
	assert.Equal(t, "10.00", items[0].Total.String())
}

func TestConversionsListWithoutOptionsReadsEverything(t *testing.T) {
	srv, c := newGraphQLFake(t)
	srv.SeedConversions(60)
	var n int
	for cv, err := range c.Conversions.List(context.Background()) {
		require.NoError(t, err)
		require.NotNil(t, cv)
		n++
	}
	assert.Equal(t, 60, n)
	assert.NotContains(t, string(srv.Requests()[0].Body), "created_")
}

func TestConversionsListOptionErrors(t *testing.T) {
	srv, c := newGraphQLFake(t)
	now := time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC)
	for _, o := range []*ConversionListOptions{
		{PerPage: MaxGraphQLPerPage + 1}, {PerPage: -1}, {Page: -1},
		{CreatedFrom: now, CreatedTo: now}, {CreatedFrom: now, CreatedTo: now.Add(-time.Hour)},
	} {
		_, _, err := c.Conversions.ListPage(context.Background(), o)
		require.Error(t, err)
		assert.Contains(t, err.Error(), "GraphQL conversions")
	}
	_, _, err := c.Conversions.ListPage(context.Background(), &ConversionListOptions{PerPage: MaxGraphQLPerPage})
	require.NoError(t, err)
	assert.Equal(t, 1, srv.RequestCount())
}

// gqlErrors is a GraphQL errors answer.
func gqlErrors(code, msg string, data string) string {
	ext := ""
	if code != "" {
		ext = `,"extensions":{"code":"` + code + `"}`
	}
	return `{"data":` + data + `,"errors":[{"message":"` + msg + `"` + ext + `}]}`
}

func TestGraphQLErrorsBecomeErrors(t *testing.T) {
	row := `{"conversions":[{"id":"1","affiliate":{"name":"A","email":"a@example.com"},"total":"1.00","commission_total":"0.10","currency":"USD","created":"1738368000"}]}`
	tests := []struct {
		name     string
		body     string
		want     error
		code     string
		attempts int
	}{
		{"validation", gqlErrors("GRAPHQL_VALIDATION_FAILED", `Cannot query field \"id\" on type \"Conversion\".`, "null"), ErrInvalidRequest, "GRAPHQL_VALIDATION_FAILED", 1},
		{"validation by message", gqlErrors("", `Syntax Error: Unexpected Name`, "null"), ErrInvalidRequest, "", 1},
		{"auth", gqlErrors("UNAUTHENTICATED", "Invalid access token.", "null"), ErrUnauthorized, "UNAUTHENTICATED", 1},
		{"auth by message", gqlErrors("", "Unauthorized", "null"), ErrUnauthorized, "", 1},
		{"rate limit", gqlErrors("TOO_MANY_REQUESTS", "Too many requests", "null"), ErrRateLimited, "TOO_MANY_REQUESTS", 3},
		{"other", gqlErrors("", "Something broke", "null"), ErrServer, "", 3},
		{"partial data with a server error", gqlErrors("INTERNAL_SERVER_ERROR", "resolver failed", row), ErrServer, "INTERNAL_SERVER_ERROR", 3},
		{"partial data with a validation error", gqlErrors("BAD_USER_INPUT", "offset out of range", row), ErrInvalidRequest, "BAD_USER_INPUT", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, c := newGraphQLFake(t, WithMaxRetries(2))
			srv.SeedConversions(3)
			srv.Inject(3, refersiontest.Fault{Body: tt.body})
			var got []*Conversion
			var err error
			for cv, e := range c.Conversions.List(context.Background()) {
				if e != nil {
					err = e
					break
				}
				got = append(got, cv)
			}
			assert.Empty(t, got, "no row of an answer with errors is yielded")
			require.ErrorIs(t, err, tt.want)
			var apiErr *Error
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, http.StatusOK, apiErr.StatusCode)
			assert.Equal(t, tt.code, apiErr.Code)
			assert.False(t, apiErr.Malformed())
			assert.Contains(t, err.Error(), "graphql(conversions)")
			assert.Equal(t, tt.attempts, srv.RequestCount())
			for _, other := range []error{ErrInvalidRequest, ErrUnauthorized, ErrRateLimited, ErrServer} {
				if other != tt.want {
					assert.NotErrorIs(t, err, other)
				}
			}
		})
	}
}

func TestGraphQLRateLimitRecovers(t *testing.T) {
	srv, c := newGraphQLFake(t, WithMaxRetries(2))
	srv.SeedConversions(3)
	srv.Inject(1, refersiontest.Fault{Body: gqlErrors("", "Rate limit exceeded", "null")})
	assert.Len(t, collect(t, c, nil), 3)
	assert.Equal(t, 2, srv.RequestCount())

	srv.ResetRequests()
	srv.Inject(3, refersiontest.Fault{Status: http.StatusTooManyRequests})
	_, _, err := c.Conversions.ListPage(context.Background(), nil)
	require.ErrorIs(t, err, ErrRateLimited)
	var apiErr *Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusTooManyRequests, apiErr.StatusCode)
	assert.Equal(t, 3, srv.RequestCount())
}

func TestGraphQLWrongTokenOnTheFake(t *testing.T) {
	srv, _ := newGraphQLFake(t)
	c, err := NewClient(WithGraphQLKey("gql_wrong"), WithGraphQLURL(srv.GraphQLURL))
	require.NoError(t, err)
	_, _, err = c.Conversions.ListPage(context.Background(), nil)
	require.ErrorIs(t, err, ErrUnauthorized)
	assert.Equal(t, 1, srv.RequestCount(), "an auth failure is not retried")
}

func TestGraphQLMalformedAnswers(t *testing.T) {
	for _, body := range []string{`{"unexpected":true}`, `{"data":{}}`, `{"data":{"conversions":{}}}`,
		`{"data":{"conversions":[{"id":"1","total":"1.00"}]}}`} {
		srv, c := newGraphQLFake(t, WithMaxRetries(1))
		srv.Inject(2, refersiontest.Fault{Body: body})
		_, _, err := c.Conversions.ListPage(context.Background(), nil)
		require.ErrorIs(t, err, ErrMalformedResponse, body)
		assert.Equal(t, 2, srv.RequestCount(), "a read is retried over a malformed answer")
	}
}

func TestCredentialsMissingFailBeforeSending(t *testing.T) {
	srv := refersiontest.NewServer()
	defer srv.Close()
	rest, err := NewClient(WithKeys(refersiontest.PublicKey, refersiontest.SecretKey), WithBaseURL(srv.URL))
	require.NoError(t, err)
	_, _, err = rest.Conversions.ListPage(context.Background(), nil)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "WithGraphQLKey")
	for _, err := range rest.Affiliates.ListGraphQL(context.Background()) {
		require.ErrorContains(t, err, "WithGraphQLKey")
	}

	gql, err := NewClient(WithGraphQLKey(refersiontest.GraphQLToken), WithGraphQLURL(srv.GraphQLURL), WithBaseURL(srv.URL))
	require.NoError(t, err)
	_, _, err = gql.Affiliates.ListPage(context.Background(), nil)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "WithKeys")
	assert.Equal(t, 0, srv.RequestCount())
	_, _, err = gql.Conversions.ListPage(context.Background(), nil)
	require.NoError(t, err, "a GraphQL-only client is valid")
	assert.Zero(t, gql.RateLimit())

	_, err = NewClient()
	require.ErrorContains(t, err, "WithGraphQLKey")
	_, err = NewClient(WithGraphQLKey(" "))
	require.ErrorContains(t, err, "empty")
	_, err = NewClient(WithGraphQLKey("a\nb"))
	require.ErrorContains(t, err, "line breaks")
	_, err = NewClient(WithGraphQLKey("x"), WithGraphQLURL("ftp://example.com"))
	require.ErrorContains(t, err, "GraphQL URL")
	def, err := NewClient(WithGraphQLKey("x"))
	require.NoError(t, err)
	_, gqlPath := BasePaths(def)
	assert.Equal(t, "", gqlPath)
}

func TestAffiliatesAndOffersOverGraphQL(t *testing.T) {
	srv, c := newGraphQLFake(t)
	seeded := srv.SeedAffiliates(23)
	var got []*AffiliateSummary
	for a, err := range c.Affiliates.ListGraphQL(context.Background(), &GraphQLListOptions{PerPage: 10}) {
		require.NoError(t, err)
		got = append(got, a)
	}
	require.Len(t, got, 23)
	assert.Equal(t, seeded[4].Email, got[4].Email)
	assert.Equal(t, seeded[4].FirstName+" "+seeded[4].LastName, got[4].Name)
	assert.Equal(t, "&rfsn=123456."+seeded[4].Code, got[4].RfsnParameter)
	assert.Equal(t, seeded[4].Status, got[4].Status)
	assert.Equal(t, 3, srv.RequestCount())

	srv.AddOffer(refersiontest.Offer{OfferID: "5678", Commission: amt("12.50"), CommissionType: CommissionFlatRate})
	offers, resp, err := c.Offers.ListGraphQLPage(context.Background(), nil)
	require.NoError(t, err)
	require.Len(t, offers, 2)
	assert.Equal(t, 0, resp.NextPage)
	assert.Equal(t, "10", offers[0].Commission.String())
	assert.Equal(t, "12.50", offers[1].Commission.String())
	assert.Equal(t, "FLAT_RATE", offers[1].Type)
	assert.Contains(t, string(srv.Requests()[srv.RequestCount()-1].Body), `{ offers(first: 50, offset: 0) { commission, type } }`)
	b, err := json.Marshal(offers[1])
	require.NoError(t, err)
	assert.JSONEq(t, `{"commission":"12.50","type":"FLAT_RATE"}`, string(b))
	for range c.Offers.ListGraphQL(context.Background()) {
	}
}

// TestGraphQLTokenStaysOnItsOrigin: a GraphQL answer redirecting to
// another origin reaches it without the token, and no REST key is ever
// sent to the GraphQL origin.
func TestGraphQLTokenStaysOnItsOrigin(t *testing.T) {
	var got http.Header
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r.Header.Clone()
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"data":{"conversions":[]}}`))
	}))
	defer other.Close()
	var first http.Header
	origin := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		first = r.Header.Clone()
		http.Redirect(w, r, other.URL+"/graphql/", http.StatusTemporaryRedirect)
	}))
	defer origin.Close()
	c, err := NewClient(WithKeys("pub_k", "sec_k"), WithGraphQLKey("gql_token"), WithGraphQLURL(origin.URL), WithMaxRetries(0))
	require.NoError(t, err)
	_, _, err = c.Conversions.ListPage(context.Background(), nil)
	require.NoError(t, err)
	require.NotNil(t, got)
	assert.Equal(t, "gql_token", first.Get("X-Refersion-Key"))
	assert.Empty(t, first.Get("Refersion-Secret-Key"))
	assert.Empty(t, got.Get("X-Refersion-Key"), "the token never leaves its origin")
	assert.Empty(t, got.Get("Refersion-Secret-Key"))
	assert.Empty(t, got.Get("Referer"))
}
