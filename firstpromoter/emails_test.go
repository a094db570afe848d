package firstpromoter_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter"
	"github.com/affiliatekit/affiliatekit-go/firstpromoter/firstpromotertest"
)

func ptrInt(n int) *int { return &n }

func TestEmailsAgainstFake(t *testing.T) {
	ctx := context.Background()
	c, srv, _ := newFakeClient(t, nil)
	srv.SeedCampaigns(2)
	camp := srv.Campaigns()[0].ID

	created, err := c.Emails.Create(ctx, &firstpromoter.EmailParams{
		Name: "Welcome", Subject: "Welcome aboard", Content: "<p>Hi</p>", AllowedCampaignIDs: []int64{camp},
		Trigger: firstpromoter.EmailTrigger{Enabled: true, TriggerOn: firstpromoter.EmailOnPromoterAccepted, Settings: &firstpromoter.EmailTriggerSettings{DelayInterval: "hour", DelayValue: 2}},
	})
	require.NoError(t, err)
	require.NotZero(t, created.ID)
	assert.Equal(t, []int64{camp}, created.AllowedCampaignIDs)
	assert.Equal(t, &firstpromoter.EmailTrigger{Enabled: true, TriggerOn: firstpromoter.EmailOnPromoterAccepted, Settings: &firstpromoter.EmailTriggerSettings{DelayInterval: "hour", DelayValue: 2}}, created.Trigger)

	weekly, err := c.Emails.Create(ctx, &firstpromoter.EmailParams{
		Name: "Digest", Subject: "Your week", Content: "stats",
		Trigger: firstpromoter.EmailTrigger{TriggerOn: firstpromoter.EmailOnRecurring, Settings: &firstpromoter.EmailTriggerSettings{Frequency: "weekly", Day: ptrInt(0), Hour: ptrInt(9), Minute: ptrInt(0)}},
	})
	require.NoError(t, err)
	require.NoError(t, c.Emails.SendNow(ctx, weekly.ID))
	require.NoError(t, c.Emails.SendNow(ctx, weekly.ID))
	require.NoError(t, c.Emails.SendTest(ctx, weekly.ID))

	ids := func(opts *firstpromoter.EmailListOptions) []int64 {
		var out []int64
		for m, err := range c.Emails.List(ctx, opts) {
			require.NoError(t, err)
			out = append(out, m.ID)
		}
		return out
	}
	one := int64(1)
	cases := []struct {
		name string
		opts *firstpromoter.EmailListOptions
		want []int64
	}{
		{"all", nil, []int64{created.ID, weekly.ID}},
		{"search subject", &firstpromoter.EmailListOptions{Q: "week"}, []int64{weekly.ID}},
		{"trigger enabled", &firstpromoter.EmailListOptions{Filters: firstpromoter.EmailFilters{TriggerEnabled: firstpromoter.Yes}}, []int64{created.ID}},
		{"trigger on", &firstpromoter.EmailListOptions{Filters: firstpromoter.EmailFilters{TriggerOn: firstpromoter.EmailOnRecurring}}, []int64{weekly.ID}},
		{"sent at least once", &firstpromoter.EmailListOptions{Filters: firstpromoter.EmailFilters{SentCount: firstpromoter.IntRange{From: &one}}}, []int64{weekly.ID}},
		{"campaign", &firstpromoter.EmailListOptions{Filters: firstpromoter.EmailFilters{CampaignID: []int64{camp}}}, []int64{created.ID}},
		{"by sent count desc", &firstpromoter.EmailListOptions{Sorting: firstpromoter.EmailSorting{SentCount: firstpromoter.Desc}}, []int64{weekly.ID, created.ID}},
		{"by subject asc", &firstpromoter.EmailListOptions{Sorting: firstpromoter.EmailSorting{Subject: firstpromoter.Asc}}, []int64{created.ID, weekly.ID}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { assert.Equal(t, tc.want, ids(tc.opts)) })
	}

	got, err := c.Emails.Get(ctx, weekly.ID)
	require.NoError(t, err)
	assert.Equal(t, int64(2), got.SentCount)
	assert.Equal(t, 0, *got.Trigger.Settings.Day, "day 0 (Sunday) is sent, not omitted")

	updated, err := c.Emails.Update(ctx, created.ID, &firstpromoter.EmailParams{
		Name: "Welcome!", Subject: "Welcome", Content: "x", Trigger: firstpromoter.EmailTrigger{TriggerOn: firstpromoter.EmailOnBroadcast},
	})
	require.NoError(t, err)
	assert.Equal(t, "Welcome!", updated.Name)
	assert.Equal(t, []int64{}, updated.AllowedCampaignIDs)

	cp, err := c.Emails.Copy(ctx, created.ID)
	require.NoError(t, err)
	assert.NotEqual(t, created.ID, cp.ID)
	assert.Equal(t, "Copy of Welcome!", cp.Name)

	require.NoError(t, c.Emails.Delete(ctx, cp.ID))
	_, err = c.Emails.Get(ctx, cp.ID)
	assert.ErrorIs(t, err, firstpromoter.ErrNotFound)

	theme, err := c.Emails.Theme(ctx)
	require.NoError(t, err)
	assert.NotEmpty(t, theme.HTML)
	require.NoError(t, c.Emails.UpdateTheme(ctx, "<html>{{content}}</html>"))
	assert.Equal(t, "<html>{{content}}</html>", srv.EmailTheme())
	require.NoError(t, c.Emails.SendThemeTest(ctx))
}

func TestEmailsWire(t *testing.T) {
	ctx := context.Background()
	c, srv, _ := newFakeClient(t, nil)
	m := srv.AddEmail(firstpromotertest.Email{Name: "A", Subject: "S", Content: "C"})
	srv.ResetRequests()
	cases := []struct {
		name, method, path, query, body string
		call                            func() error
	}{
		{"list", "GET", "/api/v2/company/emails", "filters[campaign_id][]=3&filters[sent_count][to]=5&filters[trigger_on]=not_set&page=1&per_page=100&q=a&sorting[subject]=desc", "", func() error {
			five := int64(5)
			_, _, err := c.Emails.ListPage(ctx, &firstpromoter.EmailListOptions{Q: "a", Filters: firstpromoter.EmailFilters{TriggerOn: "not_set", SentCount: firstpromoter.IntRange{To: &five}, CampaignID: []int64{3}}, Sorting: firstpromoter.EmailSorting{Subject: firstpromoter.Desc}})
			return err
		}},
		{"copy", "POST", "/api/v2/company/emails/61/copy", "", "", func() error { _, err := c.Emails.Copy(ctx, m.ID); return err }},
		{"send now", "POST", "/api/v2/company/emails/61/send_now", "", "", func() error { return c.Emails.SendNow(ctx, m.ID) }},
		{"send test", "POST", "/api/v2/company/emails/61/send_test", "", "", func() error { return c.Emails.SendTest(ctx, m.ID) }},
		{"theme", "PATCH", "/api/v2/company/emails/custom_template", "", `{"html":"<b>x</b>"}`, func() error { return c.Emails.UpdateTheme(ctx, "<b>x</b>") }},
		{"theme test", "POST", "/api/v2/company/emails/test_custom_template", "", "", func() error { return c.Emails.SendThemeTest(ctx) }},
		{"delete", "DELETE", "/api/v2/company/emails/61", "", "", func() error { return c.Emails.Delete(ctx, m.ID) }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv.ResetRequests()
			require.NoError(t, tc.call())
			reqs := srv.Requests()
			require.Len(t, reqs, 1)
			assert.Equal(t, tc.method, reqs[0].Method)
			assert.Equal(t, tc.path, reqs[0].Path)
			if tc.query != "" {
				q, err := url.QueryUnescape(reqs[0].Query)
				require.NoError(t, err)
				assert.Equal(t, tc.query, q)
			}
			if tc.body != "" {
				assert.JSONEq(t, tc.body, string(reqs[0].Body))
			}
		})
	}
}

func TestEmailsValidateAndDoNotRetrySends(t *testing.T) {
	ctx := context.Background()
	c, srv, _ := newFakeClient(t, nil, firstpromoter.WithMaxRetries(3))
	_, err := c.Emails.Create(ctx, &firstpromoter.EmailParams{Name: "A"})
	assert.ErrorContains(t, err, "Subject and Content are required")
	_, err = c.Emails.Update(ctx, 1, &firstpromoter.EmailParams{Name: "A", Subject: "s", Content: "c"})
	assert.ErrorContains(t, err, "TriggerOn is required")
	assert.Error(t, c.Emails.UpdateTheme(ctx, ""))
	assert.Zero(t, srv.RequestCount())

	m := srv.AddEmail(firstpromotertest.Email{Name: "A", Subject: "S", Content: "C"})
	srv.Inject(1, firstpromotertest.Fault{Status: http.StatusBadGateway})
	err = c.Emails.SendNow(ctx, m.ID)
	assert.ErrorIs(t, err, firstpromoter.ErrServer)
	assert.Equal(t, 1, srv.RequestCount(), "a send that may have reached the server is not repeated")
	assert.Equal(t, int64(0), srv.Emails()[0].SentCount)

	// The fake rejects a trigger without the settings it requires.
	_, err = c.Emails.Create(ctx, &firstpromoter.EmailParams{Name: "A", Subject: "S", Content: "C", Trigger: firstpromoter.EmailTrigger{TriggerOn: firstpromoter.EmailOnCountReached}})
	var apiErr *firstpromoter.Error
	require.ErrorAs(t, err, &apiErr)
	assert.Contains(t, apiErr.Error(), "count")
}
