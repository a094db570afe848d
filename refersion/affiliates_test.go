package refersion_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	. "github.com/affiliatekit/affiliatekit-go/refersion"
	"github.com/affiliatekit/affiliatekit-go/refersion/refersiontest"
)

func TestAffiliatesListIteratesEveryPage(t *testing.T) {
	srv, c, _ := newFake(t, nil)
	seeded := srv.SeedAffiliates(250)

	var got []*Affiliate
	for a, err := range c.Affiliates.List(context.Background()) {
		require.NoError(t, err)
		got = append(got, a)
	}
	require.Len(t, got, 250)
	for i, a := range got {
		assert.Equal(t, seeded[i].Code, string(a.ID), "list results carry the code in id")
		assert.Equal(t, seeded[i].Code, a.Code)
		assert.Equal(t, seeded[i].Email, a.Email)
	}
	reqs := srv.Requests()
	require.Len(t, reqs, 3, "250 affiliates at 100 per page")
	for i, r := range reqs {
		assert.JSONEq(t, `{"limit":"100","page":"`+strconv.Itoa(i+1)+`"}`, string(r.Body))
	}
}

// Without prefetching, a break makes no request beyond the caller's page.
func TestAffiliatesListBreakMakesOneRequest(t *testing.T) {
	srv, c, _ := newFake(t, nil, WithPrefetch(0))
	srv.SeedAffiliates(250)
	n := 0
	for a, err := range c.Affiliates.List(context.Background()) {
		require.NoError(t, err)
		require.NotNil(t, a)
		n++
		break
	}
	assert.Equal(t, 1, n)
	assert.Equal(t, 1, srv.RequestCount())
}

func TestAffiliatesListStopsOnTotal(t *testing.T) {
	srv, c, _ := newFake(t, nil)
	srv.SeedAffiliates(200) // exactly two full pages: no third request
	n := 0
	for _, err := range c.Affiliates.List(context.Background()) {
		require.NoError(t, err)
		n++
	}
	assert.Equal(t, 200, n)
	assert.Equal(t, 2, srv.RequestCount())
}

func TestAffiliatesListCanBeRangedTwice(t *testing.T) {
	srv, c, _ := newFake(t, nil)
	srv.SeedAffiliates(30)
	seq := c.Affiliates.List(context.Background(), &AffiliateListOptions{PerPage: 20})
	for range 2 {
		n := 0
		for _, err := range seq {
			require.NoError(t, err)
			n++
		}
		assert.Equal(t, 30, n)
	}
	assert.Equal(t, 4, srv.RequestCount())
}

func TestAffiliatesListPageResume(t *testing.T) {
	srv, c, _ := newFake(t, nil)
	seeded := srv.SeedAffiliates(45)
	ctx := context.Background()

	page1, resp, err := c.Affiliates.ListPage(ctx, &AffiliateListOptions{PerPage: 20})
	require.NoError(t, err)
	require.Len(t, page1, 20)
	require.NotNil(t, resp.Total)
	assert.Equal(t, 45, *resp.Total)
	assert.Equal(t, 2, resp.NextPage)
	assert.True(t, resp.HasMore)
	assert.Equal(t, 200, resp.StatusCode)

	// A job stores resp.NextPage and resumes later from it.
	stored := resp.NextPage
	var rest []*Affiliate
	for a, err := range c.Affiliates.List(ctx, &AffiliateListOptions{PerPage: 20, Page: stored}) {
		require.NoError(t, err)
		rest = append(rest, a)
	}
	require.Len(t, rest, 25)
	assert.Equal(t, seeded[20].Code, rest[0].Code)
	assert.Equal(t, seeded[44].Code, rest[24].Code)

	last, resp, err := c.Affiliates.ListPage(ctx, &AffiliateListOptions{PerPage: 20, Page: 3})
	require.NoError(t, err)
	assert.Len(t, last, 5)
	assert.Zero(t, resp.NextPage)
	assert.False(t, resp.HasMore)
}

func TestAffiliatesListOptionsValidated(t *testing.T) {
	srv, c, _ := newFake(t, nil)
	ctx := context.Background()
	for _, o := range []*AffiliateListOptions{{PerPage: 101}, {PerPage: -1}, {Page: -2}} {
		_, _, err := c.Affiliates.ListPage(ctx, o)
		assert.Error(t, err, "%+v", o)
	}
	for _, err := range c.Affiliates.List(ctx, &AffiliateListOptions{}, &AffiliateListOptions{}) {
		assert.ErrorContains(t, err, "at most one options value")
	}
	assert.Zero(t, srv.RequestCount())
}

func TestAffiliatesSearch(t *testing.T) {
	srv, c, _ := newFake(t, nil)
	srv.SeedAffiliates(400) // 20 first names x 20 last names, one "smith" each
	ctx := context.Background()

	var got []*Affiliate
	for a, err := range c.Affiliates.Search(ctx, "example.com") {
		require.NoError(t, err)
		got = append(got, a)
	}
	assert.Len(t, got, 400)
	assert.Equal(t, 40, srv.RequestCount(), "search pages hold %d", refersiontest.SearchPerPage)
	body := lastBody(t, srv)
	assert.Equal(t, map[string]any{"keyword": "example.com", "page": "40"}, body)

	srv.ResetRequests()
	var smiths []*Affiliate
	for a, err := range c.Affiliates.Search(ctx, "smith", &AffiliateSearchOptions{FirstName: "Joe"}) {
		require.NoError(t, err)
		smiths = append(smiths, a)
	}
	require.Len(t, smiths, 1)
	assert.Equal(t, "Joe", smiths[0].FirstName)
	assert.Equal(t, map[string]any{"keyword": "smith", "first_name": "Joe", "page": "1"}, lastBody(t, srv))
}

func TestAffiliatesSearchShortLastPage(t *testing.T) {
	srv, c, _ := newFake(t, nil)
	srv.SeedAffiliates(25)
	n := 0
	for _, err := range c.Affiliates.Search(context.Background(), "example") {
		require.NoError(t, err)
		n++
	}
	assert.Equal(t, 25, n)
	assert.Equal(t, 3, srv.RequestCount())
}

func TestAffiliatesSearchNothingFound(t *testing.T) {
	srv, c, _ := newFake(t, []refersiontest.ServerOption{refersiontest.WithDemoData()})
	n := 0
	for _, err := range c.Affiliates.Search(context.Background(), "nobody@nowhere.test") {
		require.NoError(t, err)
		n++
	}
	assert.Zero(t, n)
	assert.Equal(t, 1, srv.RequestCount())

	items, resp, err := c.Affiliates.SearchPage(context.Background(), "nobody@nowhere.test", nil)
	require.NoError(t, err)
	assert.Empty(t, items)
	assert.Equal(t, 0, *resp.Total)
	assert.Zero(t, resp.NextPage)

	_, _, err = c.Affiliates.SearchPage(context.Background(), "  ", nil)
	assert.ErrorContains(t, err, "keyword is required")
}

func TestAffiliatesGet(t *testing.T) {
	srv, c, _ := newFake(t, nil)
	a := srv.AddAffiliate(refersiontest.Affiliate{
		FirstName: "Bill", LastName: "Smith", Email: "bill@example.com", CompanyName: "Company",
		CustomFields: []CustomField{{Label: "What is your name?", Value: "Billy"}},
	})
	ctx := context.Background()

	byID, err := c.Affiliates.Get(ctx, a.ID)
	require.NoError(t, err)
	id, ok := byID.ID.Int64()
	require.True(t, ok, "affiliate/get answers the numeric id")
	assert.Equal(t, a.ID, id)
	assert.Equal(t, a.Code, byID.Code, "the code comes from the link")
	assert.Equal(t, "Company", byID.CompanyName)
	assert.Equal(t, a.Link, byID.Link)
	assert.Equal(t, AffiliateActive, byID.Status)
	assert.Equal(t, []CustomField{{Label: "What is your name?", Value: "Billy"}}, byID.CustomFields)
	assert.Equal(t, map[string]any{"id": float64(a.ID)}, lastBody(t, srv))

	byCode, err := c.Affiliates.GetByCode(ctx, a.Code)
	require.NoError(t, err)
	assert.Equal(t, byID, byCode)
	assert.Equal(t, map[string]any{"affiliate_code": a.Code}, lastBody(t, srv))
}

func TestAffiliatesGetNotFound(t *testing.T) {
	_, c, _ := newFake(t, nil)
	_, err := c.Affiliates.Get(context.Background(), 99)
	require.Error(t, err)
	assert.ErrorIs(t, err, ErrNotFound)
	assert.NotErrorIs(t, err, ErrInvalidRequest, "one status kind")
	assert.NotContains(t, err.Error(), ".: not found", "the message does not repeat the kind")
	var apiErr *Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 422, apiErr.StatusCode)
	assert.Equal(t, "Affiliate not found.", apiErr.Message)

	_, err = c.Affiliates.GetByCode(context.Background(), "zzzz")
	assert.ErrorIs(t, err, ErrNotFound)
}

func TestAffiliatesCreate(t *testing.T) {
	srv, c, _ := newFake(t, nil)
	params := &AffiliateCreateParams{
		FirstName: "Jane", LastName: "Doe", Email: "jane@example.com", Password: "Str0ng!Pass",
		Status: AffiliatePending, Country: "US", SendWelcome: true, ConversionTriggerCoupon: "jane10",
	}
	r, err := c.Affiliates.Create(context.Background(), params)
	require.NoError(t, err)

	stored := srv.Affiliates()
	require.Len(t, stored, 1)
	assert.Equal(t, stored[0].Code, r.Code)
	assert.Equal(t, stored[0].ID, r.ID, "the numeric id is read from the message")
	assert.Equal(t, stored[0].Link, r.Link)
	assert.Contains(t, r.Message, "has been created with the status of PENDING")
	assert.Equal(t, AffiliatePending, stored[0].Status)
	assert.True(t, stored[0].SendWelcome)

	body := lastBody(t, srv)
	assert.Equal(t, "TRUE", body["send_welcome"])
	assert.NotContains(t, body, "company", "empty optional fields are not sent")

	triggers := srv.Triggers()
	require.Len(t, triggers, 1)
	assert.Equal(t, "JANE10", triggers[0].Trigger)
}

func TestAffiliatesCreateErrors(t *testing.T) {
	srv, c, _ := newFake(t, nil)
	srv.AddAffiliate(refersiontest.Affiliate{FirstName: "A", LastName: "B", Email: "taken@example.com"})
	ctx := context.Background()

	_, err := c.Affiliates.Create(ctx, &AffiliateCreateParams{FirstName: "Jane", LastName: "Doe", Email: "x@example.com", Status: AffiliateActive})
	assert.ErrorContains(t, err, "Password is required")
	assert.Equal(t, 0, srv.RequestCount())

	_, err = c.Affiliates.Create(ctx, &AffiliateCreateParams{
		FirstName: "Jane", LastName: "Doe", Email: "taken@example.com", Password: "short", Status: AffiliateActive,
	})
	require.Error(t, err)
	assert.ErrorIs(t, err, ErrInvalidRequest)
	var apiErr *Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 422, apiErr.StatusCode)
	assert.Contains(t, apiErr.Message, "The email you have entered is taken by another Affiliate.")
	assert.Contains(t, apiErr.Message, "at least 9 characters long")
	assert.Equal(t, 1, srv.RequestCount(), "a 422 is not retried")
}

func TestAffiliatesUpdate(t *testing.T) {
	srv, c, _ := newFake(t, []refersiontest.ServerOption{refersiontest.WithDemoData()})
	a := srv.Affiliates()[0]
	ctx := context.Background()

	r, err := c.Affiliates.Update(ctx, a.ID, &AffiliateUpdateParams{
		Offer: 5678, Phone: "555-555-5555",
		CustomFields: map[string]string{"22222": "Barb", "1234": "https://barb.example"},
	})
	require.NoError(t, err)
	assert.Equal(t, []int64{a.ID}, r.IDsChanged)
	assert.Empty(t, r.IDsNotChanged)
	assert.True(t, r.Changed(a.ID))

	assert.JSONEq(t, `{"affiliates":[{"id":`+strconv.FormatInt(a.ID, 10)+`,"offer":5678,"phone":"555-555-5555",
		"custom_fields":[{"1234":"https://barb.example"},{"22222":"Barb"}]}]}`, string(srv.Requests()[0].Body))

	after := srv.Affiliates()[0]
	assert.Equal(t, FlexString("5678"), after.OfferID)
	assert.Equal(t, "555-555-5555", after.Phone)
	assert.Contains(t, after.CustomFields, CustomField{Label: "What is your name?", Value: "Barb"})

	r, err = c.Affiliates.Update(ctx, 12345, &AffiliateUpdateParams{City: "Paradise"})
	require.NoError(t, err)
	assert.Equal(t, []int64{12345}, r.IDsNotChanged)
	assert.False(t, r.Changed(12345))

	_, err = c.Affiliates.Update(ctx, a.ID, &AffiliateUpdateParams{})
	assert.ErrorContains(t, err, "at least one field")
	_, err = c.Affiliates.Update(ctx, a.ID, nil)
	assert.Error(t, err)
	assert.Equal(t, 2, srv.RequestCount())
}

func TestAffiliatesChangeStatus(t *testing.T) {
	srv, c, _ := newFake(t, nil)
	affs := srv.SeedAffiliates(3)
	ctx := context.Background()

	r, err := c.Affiliates.ChangeStatus(ctx, AffiliateDisabled, []int64{affs[0].ID, affs[1].ID, 42})
	require.NoError(t, err)
	assert.Equal(t, []int64{affs[0].ID, affs[1].ID}, r.IDsChanged)
	assert.Equal(t, []int64{42}, r.IDsNotChanged)
	assert.Equal(t, AffiliateDisabled, srv.Affiliates()[0].Status)
	assert.Equal(t, map[string]any{"ids": []any{float64(affs[0].ID), float64(affs[1].ID), float64(42)}, "status": "DISABLED"}, lastBody(t, srv))

	ids := make([]int64, MaxBatch+1)
	for i := range ids {
		ids[i] = int64(i + 1)
	}
	_, err = c.Affiliates.ChangeStatus(ctx, AffiliateActive, ids)
	assert.ErrorContains(t, err, "more than the 50")
	_, err = c.Affiliates.ChangeStatus(ctx, AffiliateActive, nil)
	assert.ErrorContains(t, err, "no ids")
	assert.Equal(t, 1, srv.RequestCount(), "batch errors send nothing")

	_, err = c.Affiliates.ChangeStatus(ctx, "ARCHIVED", []int64{affs[2].ID})
	var apiErr *Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "ARCHIVED is not a allowed value for field status", apiErr.Message)
}

func TestErrorsAsMatchesOnlyAPIErrors(t *testing.T) {
	_, c, _ := newFake(t, nil)
	_, err := c.Affiliates.Get(context.Background(), 0)
	require.Error(t, err)
	var apiErr *Error
	assert.False(t, errors.As(err, &apiErr), "argument errors are not API errors")
}

// TestReadsRetryAnswersWithoutTheirKey: affiliate/get and reporting/link
// answered with JSON that lacks the id or the link are retried like any
// malformed read, and fail with ErrMalformedResponse once retries run out.
func TestReadsRetryAnswersWithoutTheirKey(t *testing.T) {
	srv, c, _ := newFake(t, []refersiontest.ServerOption{refersiontest.WithDemoData()})
	a := srv.AddAffiliate(refersiontest.Affiliate{FirstName: "Bill", LastName: "Smith", Email: "bill@example.com"})
	ctx := context.Background()
	calls := []struct {
		name string
		call func() error
	}{
		{"affiliate/get", func() error { _, err := c.Affiliates.Get(ctx, a.ID); return err }},
		{"reporting/link", func() error { _, err := c.Reports.Link(ctx, refersiontest.ConversionsReportID); return err }},
	}
	for _, tt := range calls {
		t.Run(tt.name, func(t *testing.T) {
			srv.ResetRequests()
			srv.Inject(1, refersiontest.Fault{Body: `{"message":"ok"}`})
			require.NoError(t, tt.call())
			assert.Equal(t, 2, srv.RequestCount())

			srv.Inject(100, refersiontest.Fault{Body: `{}`})
			err := tt.call()
			srv.ClearFaults()
			require.ErrorIs(t, err, ErrMalformedResponse)
			assert.ErrorContains(t, err, "in the")
		})
	}
}

// TestAffiliateCreateParamsHidePassword: the password prints redacted in
// every fmt verb and slog form, and is still sent.
func TestAffiliateCreateParamsHidePassword(t *testing.T) {
	const pw = "Hunter2!Secret"
	p := &AffiliateCreateParams{FirstName: "Ada", LastName: "L", Email: "ada@example.com", Password: pw, Status: AffiliateActive}
	var logs bytes.Buffer
	slog.New(slog.NewJSONHandler(&logs, nil)).Info("create", "params", p, "value", *p)
	for _, s := range []string{fmt.Sprint(p), fmt.Sprintf("%v %+v %#v %s", *p, *p, *p, p), logs.String()} {
		assert.NotContains(t, s, pw)
	}
	assert.Contains(t, fmt.Sprintf("%+v", *p), "Password:[REDACTED]")
	assert.Contains(t, fmt.Sprintf("%#v", *p), "refersion.AffiliateCreateParams{")
	b, err := json.Marshal(p)
	require.NoError(t, err)
	assert.Contains(t, string(b), pw)
}
