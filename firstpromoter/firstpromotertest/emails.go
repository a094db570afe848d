package firstpromotertest

import (
	"maps"
	"net/http"
	"slices"
	"sort"
	"strings"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter"
	"github.com/affiliatekit/affiliatekit-go/internal/money"
)

// Email is an e-mail as the fake answers it. The spec documents the
// requests of the e-mail API but not its answers; the fake answers the
// fields the requests and filters name.
type Email struct {
	ID                 int64         `json:"id"`
	Name               string        `json:"name"`
	Subject            string        `json:"subject"`
	Content            string        `json:"content"`
	AllowedCampaignIDs []int64       `json:"allowed_campaign_ids"`
	Trigger            *EmailTrigger `json:"trigger"`
	SentCount          int64         `json:"sent_count"`
}

// EmailTrigger is when an e-mail is sent.
type EmailTrigger struct {
	Enabled   bool                         `json:"enabled"`
	TriggerOn firstpromoter.EmailTriggerOn `json:"trigger_on"`
	Settings  map[string]any               `json:"settings"`
}

// defaultEmailTheme is the HTML of a new account's e-mail theme.
const defaultEmailTheme = "<html><body>{{content}}</body></html>"

var emailTriggers = []firstpromoter.EmailTriggerOn{
	"promoter_accepted", "promoter_rejected", "reward_created", "fulfilment_completed", "count_reached",
	"lead_signup", "inactivity", "broadcast", "recurring",
}

// emailTriggerSettings are the settings each trigger requires.
var emailTriggerSettings = map[firstpromoter.EmailTriggerOn][]string{
	"promoter_accepted": {"delay_interval", "delay_value"},
	"count_reached":     {"count", "metric"},
	"inactivity":        {"metric", "period_in_days"},
	"recurring":         {"frequency", "day", "hour", "minute"},
}

func (s *Server) emailRoutes() {
	s.handle("GET /company/emails", s.listEmails)
	s.handle("POST /company/emails", s.createEmail)
	s.handle("GET /company/emails/template", s.getEmailTheme)
	s.handle("PATCH /company/emails/custom_template", s.updateEmailTheme)
	s.handle("POST /company/emails/test_custom_template", s.noContent)
	s.handle("GET /company/emails/{id}", s.getEmail)
	s.handle("PUT /company/emails/{id}", s.updateEmail)
	s.handle("DELETE /company/emails/{id}", s.deleteEmail)
	s.handle("POST /company/emails/{id}/copy", s.copyEmail)
	s.handle("POST /company/emails/{id}/send_now", s.sendEmailNow)
	s.handle("POST /company/emails/{id}/send_test", s.sendTestEmail)
}

// listEmails applies q (name, subject), filters[trigger_enabled],
// filters[trigger_on] ("not_set" for none), filters[sent_count][from|to],
// filters[campaign_id] and sorting[sent_count|subject].
func (s *Server) listEmails(r *http.Request) (int, any, *apiError) {
	q := listQuery(r.URL.Query())
	page, per, e := q.page(DefaultPerPage)
	if e != nil {
		return 0, nil, e
	}
	enabled, hasEnabled, e := q.yesNo("filters[trigger_enabled]")
	if e != nil {
		return 0, nil, e
	}
	on := q.get("filters[trigger_on]")
	if on != "" && on != "not_set" && !slices.Contains(emailTriggers, firstpromoter.EmailTriggerOn(on)) {
		return 0, nil, errParam("filters[trigger_on]")
	}
	sent, e := q.numRange("filters[sent_count]")
	if e != nil {
		return 0, nil, e
	}
	campaigns, e := q.ints("filters[campaign_id]")
	if e != nil {
		return 0, nil, e
	}
	field, desc, e := q.sorting("sent_count", "subject")
	if e != nil {
		return 0, nil, e
	}
	search := q.get("q")
	rows := []Email{}
	for _, m := range s.emails.All() {
		trigger := ""
		if m.Trigger != nil {
			trigger = string(m.Trigger.TriggerOn)
		}
		switch {
		case search != "" && !containsFold(search, m.Name, m.Subject),
			hasEnabled && (m.Trigger != nil && m.Trigger.Enabled) != enabled,
			on == "not_set" && trigger != "",
			on != "" && on != "not_set" && trigger != on,
			!sent.match(m.SentCount),
			len(campaigns) > 0 && !slices.ContainsFunc(m.AllowedCampaignIDs, func(id int64) bool { return slices.Contains(campaigns, id) }):
			continue
		}
		rows = append(rows, emailView(m))
	}
	switch field {
	case "sent_count":
		sortBy(rows, desc, func(m Email) money.Amount { return num(m.SentCount) })
	case "subject":
		sort.SliceStable(rows, func(i, j int) bool {
			if desc {
				return rows[i].Subject > rows[j].Subject
			}
			return rows[i].Subject < rows[j].Subject
		})
	}
	return http.StatusOK, paginate(rows, page, per), nil
}

// createEmail requires name, subject, content, allowed_campaign_ids and
// trigger; the fake answers 200 with the e-mail.
func (s *Server) createEmail(r *http.Request) (int, any, *apiError) {
	p, e := readParams(r)
	if e != nil {
		return 0, nil, e
	}
	var m Email
	if e := s.applyEmail(p, &m); e != nil {
		return 0, nil, e
	}
	return http.StatusOK, emailView(s.addEmail(m)), nil
}

func (s *Server) getEmail(r *http.Request) (int, any, *apiError) {
	m, e := s.emailByPath(r)
	if e != nil {
		return 0, nil, e
	}
	return http.StatusOK, emailView(m), nil
}

// updateEmail replaces the e-mail; it takes the same required fields as
// createEmail.
func (s *Server) updateEmail(r *http.Request) (int, any, *apiError) {
	m, e := s.emailByPath(r)
	if e != nil {
		return 0, nil, e
	}
	p, e := readParams(r)
	if e != nil {
		return 0, nil, e
	}
	next := emailView(m)
	if e := s.applyEmail(p, &next); e != nil {
		return 0, nil, e
	}
	*m = next
	return http.StatusOK, emailView(m), nil
}

func (s *Server) deleteEmail(r *http.Request) (int, any, *apiError) {
	m, e := s.emailByPath(r)
	if e != nil {
		return 0, nil, e
	}
	s.emails.Delete(m.ID)
	return http.StatusOK, nil, nil
}

// copyEmail stores a copy named "Copy of <name>", never sent.
func (s *Server) copyEmail(r *http.Request) (int, any, *apiError) {
	m, e := s.emailByPath(r)
	if e != nil {
		return 0, nil, e
	}
	c := emailView(m)
	c.ID, c.Name, c.SentCount = 0, "Copy of "+m.Name, 0
	return http.StatusOK, emailView(s.addEmail(c)), nil
}

// sendEmailNow counts one more send of the e-mail.
func (s *Server) sendEmailNow(r *http.Request) (int, any, *apiError) {
	m, e := s.emailByPath(r)
	if e != nil {
		return 0, nil, e
	}
	m.SentCount++
	return http.StatusOK, nil, nil
}

func (s *Server) sendTestEmail(r *http.Request) (int, any, *apiError) {
	if _, e := s.emailByPath(r); e != nil {
		return 0, nil, e
	}
	return http.StatusOK, nil, nil
}

// getEmailTheme answers {"html": ...}.
func (s *Server) getEmailTheme(*http.Request) (int, any, *apiError) {
	return http.StatusOK, map[string]string{"html": s.emailTheme}, nil
}

// updateEmailTheme requires html.
func (s *Server) updateEmailTheme(r *http.Request) (int, any, *apiError) {
	p, e := readParams(r)
	if e != nil {
		return 0, nil, e
	}
	html := p.str("html")
	if strings.TrimSpace(html) == "" {
		return 0, nil, errParam("html")
	}
	s.emailTheme = html
	return http.StatusOK, nil, nil
}

// noContent answers 200 with no body.
func (s *Server) noContent(*http.Request) (int, any, *apiError) { return http.StatusOK, nil, nil }

// applyEmail reads the required fields of a create or update into m.
func (s *Server) applyEmail(p *params, m *Email) *apiError {
	for _, key := range []string{"name", "subject", "content"} {
		if strings.TrimSpace(p.str(key)) == "" {
			return errParam(key)
		}
	}
	if !p.has("allowed_campaign_ids") {
		return errParam("allowed_campaign_ids")
	}
	ids, e := p.ids("allowed_campaign_ids")
	if e != nil {
		return e
	}
	for _, id := range ids {
		if _, ok := s.campaigns.Get(id); !ok {
			return errInvalid("allowed_campaign_ids", "contains an unknown campaign")
		}
	}
	var t EmailTrigger
	if ok, e := p.decode("trigger", &t); e != nil {
		return e
	} else if !ok {
		return errParam("trigger")
	}
	if !slices.Contains(emailTriggers, t.TriggerOn) {
		return errParam("trigger[trigger_on]")
	}
	for _, key := range emailTriggerSettings[t.TriggerOn] {
		if _, ok := t.Settings[key]; !ok {
			return errParam("trigger[settings][" + key + "]")
		}
	}
	if t.Settings == nil {
		t.Settings = map[string]any{}
	}
	m.Name, m.Subject, m.Content = strings.TrimSpace(p.str("name")), p.str("subject"), p.str("content")
	m.AllowedCampaignIDs, m.Trigger = append([]int64{}, ids...), &t
	return nil
}

func (s *Server) emailByPath(r *http.Request) (*Email, *apiError) {
	id, ok := pathID(r, "id")
	if !ok {
		return nil, errNotFound()
	}
	m, found := s.emails.Get(id)
	if !found {
		return nil, errNotFound()
	}
	return m, nil
}

// AddEmail stores m, assigning an id, and returns it as the fake answers
// it.
func (s *Server) AddEmail(m Email) Email {
	s.mu.Lock()
	defer s.mu.Unlock()
	return emailView(s.addEmail(m))
}

// Emails returns the stored e-mails in id order.
func (s *Server) Emails() []Email {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Email, 0, s.emails.Len())
	for _, m := range s.emails.All() {
		out = append(out, emailView(m))
	}
	return out
}

// EmailTheme returns the HTML of the account's e-mail theme.
func (s *Server) EmailTheme() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.emailTheme
}

// addEmail stores m; the caller holds s.mu.
func (s *Server) addEmail(m Email) *Email {
	m.ID = s.emails.Assign(m.ID)
	if m.AllowedCampaignIDs == nil {
		m.AllowedCampaignIDs = []int64{}
	}
	if m.Trigger == nil {
		m.Trigger = &EmailTrigger{TriggerOn: "broadcast", Settings: map[string]any{}}
	}
	s.emails.Put(&m)
	return &m
}

// emailView is a deep copy of m.
func emailView(m *Email) Email {
	v := *m
	v.AllowedCampaignIDs = slices.Clone(m.AllowedCampaignIDs)
	if m.Trigger != nil {
		t := *m.Trigger
		t.Settings = maps.Clone(m.Trigger.Settings)
		v.Trigger = &t
	}
	return v
}
