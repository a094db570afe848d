package firstpromotertest

import (
	"encoding/json"
	"fmt"
	"maps"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter"
)

// Webhook is a webhook subscription as the API answers it.
type Webhook struct {
	ID          int64      `json:"id"`
	URL         string     `json:"url"`
	Description NullString `json:"description"`
	EventTypes  []string   `json:"event_types"`
	// CampaignIDs [1] means every campaign.
	CampaignIDs      []int64           `json:"campaign_ids"`
	Active           bool              `json:"active"`
	Timeout          int               `json:"timeout"`
	MaxRetries       int               `json:"max_retries"`
	Headers          map[string]string `json:"headers"`
	BasicAuthUser    NullString        `json:"basic_auth_user"`
	BasicAuthEnabled bool              `json:"basic_auth_enabled"`
	CreatedAt        Timestamp         `json:"created_at"`
	UpdatedAt        Timestamp         `json:"updated_at"`
	// SecretKey signs deliveries; the API sends it only when the
	// subscription is created.
	SecretKey string `json:"secret_key,omitempty"`
	// BasicAuthPassword is write-only: never sent.
	BasicAuthPassword string `json:"-"`
}

// WebhookDelivery is one delivery of an event to a subscription. The fake
// makes no outgoing requests: deliveries of events that happen in the fake
// are recorded as delivered.
type WebhookDelivery struct {
	ID int64 `json:"id"`
	// WebhookID is the subscription; it is in the delivery's path, not its
	// body.
	WebhookID  int64  `json:"-"`
	EventID    string `json:"event_id"`
	EventType  string `json:"event_type"`
	Action     string `json:"action"`
	EntityType string `json:"entity_type"`
	EntityID   *int64 `json:"entity_id"`
	// Status is pending, delivered, retrying or failed.
	Status        firstpromoter.WebhookDeliveryStatus `json:"status"`
	Attempts      int                                 `json:"attempts"`
	LastError     NullString                          `json:"last_error"`
	ResponseCode  *int                                `json:"response_code"`
	ResponseBody  NullString                          `json:"response_body"`
	ObjectChanges map[string]any                      `json:"object_changes"`
	Payload       map[string]any                      `json:"payload"`
	CreatedAt     Timestamp                           `json:"created_at"`
	DeliveredAt   Timestamp                           `json:"delivered_at"`
}

// EventTypes are the event types a subscription can listen to, sorted, as
// GET /webhooks/event_types lists them.
var EventTypes = []string{
	"commission.created", "commission.deleted", "commission.updated", "contract_document.signed",
	"payments_batch.created", "payments_batch.deleted", "payments_batch.updated",
	"payout.commissions.created", "payout.commissions.deleted", "payout.commissions.updated",
	"payout.created", "payout.deleted", "payout.updated",
	"payout_method.created", "payout_method.deleted", "payout_method.updated",
	"promoter.balance.updated", "promoter.created", "promoter.deleted", "promoter.profile.updated", "promoter.updated",
	"promoter_campaign.created", "promoter_campaign.deleted", "promoter_campaign.updated",
	"referral.created", "referral.deleted", "referral.moved", "referral.updated",
}

// webhookPerPage is the webhooks lists' default page size (25, per the
// webhooks spec; other lists default to 20).
const webhookPerPage = 25

func (s *Server) webhookRoutes() {
	s.handle("GET /company/webhooks", s.listWebhooks)
	s.handle("POST /company/webhooks", s.createWebhook)
	s.handle("GET /company/webhooks/event_types", func(*http.Request) (int, any, *apiError) {
		return http.StatusOK, map[string][]string{"data": slices.Clone(EventTypes)}, nil
	})
	s.handle("POST /company/webhooks/test", s.testWebhook)
	s.handle("GET /company/webhooks/{id}", s.getWebhook)
	s.handle("PUT /company/webhooks/{id}", s.updateWebhook)
	s.handle("DELETE /company/webhooks/{id}", s.deleteWebhook)
	s.handle("GET /company/webhooks/{webhook_id}/webhook_deliveries", s.listDeliveries)
	s.handle("GET /company/webhooks/{webhook_id}/webhook_deliveries/{id}", s.getDelivery)
	s.handle("POST /company/webhooks/{webhook_id}/webhook_deliveries/{id}/retry_delivery", s.retryDelivery)
}

// listWebhooks lists subscriptions newest first, as the spec says.
func (s *Server) listWebhooks(r *http.Request) (int, any, *apiError) {
	page, per, e := listQuery(r.URL.Query()).page(webhookPerPage)
	if e != nil {
		return 0, nil, e
	}
	all := s.webhooks.All()
	slices.Reverse(all)
	rows := paginate(all, page, per)
	out := make([]Webhook, len(rows))
	for i, w := range rows {
		out[i] = webhookView(w)
	}
	return http.StatusOK, out, nil
}

// createWebhook requires url and event_types and answers 201 with the
// subscription, including its secret_key.
func (s *Server) createWebhook(r *http.Request) (int, any, *apiError) {
	p, e := readParams(r)
	if e != nil {
		return 0, nil, e
	}
	if strings.TrimSpace(p.str("url")) == "" {
		return 0, nil, errParam("url")
	}
	if !p.has("event_types") {
		return 0, nil, errParam("event_types")
	}
	w := Webhook{Active: true, Timeout: 30, MaxRetries: 3, CampaignIDs: []int64{1}}
	if e := applyWebhookParams(&w, p); e != nil {
		return 0, nil, e
	}
	added := s.addWebhook(w)
	v := webhookView(added)
	v.SecretKey = added.SecretKey
	return http.StatusCreated, v, nil
}

func (s *Server) getWebhook(r *http.Request) (int, any, *apiError) {
	w, e := s.webhookByPath(r, "id")
	if e != nil {
		return 0, nil, e
	}
	return http.StatusOK, webhookView(w), nil
}

func (s *Server) updateWebhook(r *http.Request) (int, any, *apiError) {
	w, e := s.webhookByPath(r, "id")
	if e != nil {
		return 0, nil, e
	}
	p, e := readParams(r)
	if e != nil {
		return 0, nil, e
	}
	next := *w
	if e := applyWebhookParams(&next, p); e != nil {
		return 0, nil, e
	}
	next.UpdatedAt = At(s.now())
	*w = next
	return http.StatusOK, webhookView(w), nil
}

// deleteWebhook deletes the subscription and its deliveries; the spec
// documents a 200 with no body.
func (s *Server) deleteWebhook(r *http.Request) (int, any, *apiError) {
	w, e := s.webhookByPath(r, "id")
	if e != nil {
		return 0, nil, e
	}
	for _, d := range s.deliveries.All() {
		if d.WebhookID == w.ID {
			s.deliveries.Delete(d.ID)
		}
	}
	s.webhooks.Delete(w.ID)
	return http.StatusOK, nil, nil
}

// testWebhook validates a test delivery (url and event_type required; the
// URL must be public http or https) without sending anything. The real API
// answers with what the endpoint returned, in an undocumented shape; the
// fake answers {"response_code": 200, "response_body": "OK"}.
func (s *Server) testWebhook(r *http.Request) (int, any, *apiError) {
	p, e := readParams(r)
	if e != nil {
		return 0, nil, e
	}
	raw := strings.TrimSpace(p.str("url"))
	if raw == "" {
		return 0, nil, errParam("url")
	}
	eventType := p.str("event_type")
	if eventType == "" {
		return 0, nil, errParam("event_type")
	}
	if !slices.Contains(EventTypes, eventType) {
		return 0, nil, errParam("event_type")
	}
	if !publicURL(raw) {
		return 0, nil, &apiError{status: http.StatusBadRequest, Message: "Invalid URL: " + raw, Code: "invalid_url"}
	}
	return http.StatusOK, map[string]any{"response_code": 200, "response_body": "OK"}, nil
}

// listDeliveries lists a subscription's deliveries, most recent first.
func (s *Server) listDeliveries(r *http.Request) (int, any, *apiError) {
	w, e := s.webhookByPath(r, "webhook_id")
	if e != nil {
		return 0, nil, e
	}
	page, per, e := listQuery(r.URL.Query()).page(webhookPerPage)
	if e != nil {
		return 0, nil, e
	}
	var rows []WebhookDelivery
	for _, d := range s.deliveries.All() {
		if d.WebhookID == w.ID {
			rows = append(rows, deliveryView(d))
		}
	}
	slices.Reverse(rows)
	out := paginate(rows, page, per)
	if out == nil {
		out = []WebhookDelivery{}
	}
	return http.StatusOK, out, nil
}

func (s *Server) getDelivery(r *http.Request) (int, any, *apiError) {
	d, _, e := s.deliveryByPath(r)
	if e != nil {
		return 0, nil, e
	}
	return http.StatusOK, deliveryView(d), nil
}

// retryDelivery re-queues a delivery: status pending, attempts 0. A
// delivery whose attempts already exceed the subscription's max_retries
// answers 422.
func (s *Server) retryDelivery(r *http.Request) (int, any, *apiError) {
	d, w, e := s.deliveryByPath(r)
	if e != nil {
		return 0, nil, e
	}
	if d.Attempts > w.MaxRetries {
		return 0, nil, errOperation("Max retries already reached")
	}
	d.Status, d.Attempts = "pending", 0
	return http.StatusOK, deliveryView(d), nil
}

func (s *Server) webhookByPath(r *http.Request, name string) (*Webhook, *apiError) {
	id, ok := pathID(r, name)
	if !ok {
		return nil, errNotFound()
	}
	w, found := s.webhooks.Get(id)
	if !found {
		return nil, errNotFound()
	}
	return w, nil
}

func (s *Server) deliveryByPath(r *http.Request) (*WebhookDelivery, *Webhook, *apiError) {
	w, e := s.webhookByPath(r, "webhook_id")
	if e != nil {
		return nil, nil, e
	}
	id, ok := pathID(r, "id")
	if !ok {
		return nil, nil, errNotFound()
	}
	d, found := s.deliveries.Get(id)
	if !found || d.WebhookID != w.ID {
		return nil, nil, errNotFound()
	}
	return d, w, nil
}

// applyWebhookParams copies the present fields of a create or update body.
func applyWebhookParams(w *Webhook, p *params) *apiError {
	if p.has("url") {
		w.URL = strings.TrimSpace(p.str("url"))
		if u, err := url.Parse(w.URL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return errParam("url")
		}
	}
	var types []string
	if ok, e := p.decode("event_types", &types); e != nil {
		return e
	} else if ok || p.has("event_types") {
		if len(types) == 0 {
			return errParam("event_types")
		}
		for _, t := range types {
			if !slices.Contains(EventTypes, t) {
				return errParam("event_types")
			}
		}
		w.EventTypes = types
	}
	if p.has("campaign_ids") {
		ids, e := p.ids("campaign_ids")
		if e != nil {
			return e
		}
		w.CampaignIDs = ids
	}
	if v, ok, e := p.bool("active"); e != nil {
		return e
	} else if ok {
		w.Active = v
	}
	if v, ok, e := p.int("timeout"); e != nil {
		return e
	} else if ok {
		if v < 1 || v > 120 {
			return errParam("timeout")
		}
		w.Timeout = int(v)
	}
	if v, ok, e := p.int("max_retries"); e != nil {
		return e
	} else if ok {
		if v < 0 || v > 10 {
			return errParam("max_retries")
		}
		w.MaxRetries = int(v)
	}
	if p.has("description") {
		w.Description = NullString(p.str("description"))
	}
	if _, e := p.decode("headers", &w.Headers); e != nil {
		return e
	}
	if p.has("basic_auth_user") {
		w.BasicAuthUser = NullString(p.str("basic_auth_user"))
	}
	if p.has("basic_auth_password") {
		w.BasicAuthPassword = p.str("basic_auth_password")
	}
	if (w.BasicAuthUser == "") != (w.BasicAuthPassword == "") {
		if w.BasicAuthUser == "" {
			return errParam("basic_auth_user")
		}
		return errParam("basic_auth_password")
	}
	return nil
}

// publicURL reports whether raw is an http(s) URL whose host is not a
// loopback, private or link-local address.
func publicURL(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Hostname() == "" {
		return false
	}
	host := u.Hostname()
	if strings.EqualFold(host, "localhost") || strings.HasSuffix(strings.ToLower(host), ".local") {
		return false
	}
	if ip := net.ParseIP(host); ip != nil {
		return !(ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsUnspecified())
	}
	return true
}

// AddWebhook stores w as given, assigning an id, timestamps and a secret
// key when zero. Set Active for a subscription that records deliveries.
func (s *Server) AddWebhook(w Webhook) Webhook {
	s.mu.Lock()
	defer s.mu.Unlock()
	return webhookView(s.addWebhook(w))
}

// Webhooks returns the stored subscriptions in id order.
func (s *Server) Webhooks() []Webhook {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Webhook, 0, s.webhooks.Len())
	for _, w := range s.webhooks.All() {
		out = append(out, webhookView(w))
	}
	return out
}

// AddWebhookDelivery stores d, which must name a stored subscription in
// WebhookID, assigning an id and timestamps when zero. It panics when the
// subscription does not exist.
func (s *Server) AddWebhookDelivery(d WebhookDelivery) WebhookDelivery {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.webhooks.Get(d.WebhookID); !ok {
		panic("firstpromotertest: AddWebhookDelivery: no webhook " + idString(d.WebhookID))
	}
	return deliveryView(s.addDelivery(d))
}

// WebhookDeliveries returns the stored deliveries of every subscription in
// id order.
func (s *Server) WebhookDeliveries() []WebhookDelivery {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]WebhookDelivery, 0, s.deliveries.Len())
	for _, d := range s.deliveries.All() {
		out = append(out, deliveryView(d))
	}
	return out
}

func (s *Server) addWebhook(w Webhook) *Webhook {
	w.ID = s.webhooks.Assign(w.ID)
	if w.CreatedAt.IsZero() {
		w.CreatedAt = At(s.now())
	}
	if w.UpdatedAt.IsZero() {
		w.UpdatedAt = w.CreatedAt
	}
	if w.SecretKey == "" {
		w.SecretKey = fmt.Sprintf("whsec_%016x", uint64(w.ID)*0x9E3779B97F4A7C15)
	}
	if w.CampaignIDs == nil {
		w.CampaignIDs = []int64{1}
	}
	if w.EventTypes == nil {
		w.EventTypes = []string{}
	}
	s.webhooks.Put(&w)
	return &w
}

func (s *Server) addDelivery(d WebhookDelivery) *WebhookDelivery {
	d.ID = s.deliveries.Assign(d.ID)
	if d.CreatedAt.IsZero() {
		d.CreatedAt = At(s.now())
	}
	if d.Status == "" {
		d.Status = "pending"
	}
	if d.EventID == "" {
		d.EventID = s.nextEventID()
	}
	if d.Payload == nil {
		d.Payload = map[string]any{}
	}
	s.deliveries.Put(&d)
	return &d
}

// webhookView renders w without its write-only secrets.
func webhookView(w *Webhook) Webhook {
	v := *w
	v.SecretKey, v.BasicAuthPassword = "", ""
	v.BasicAuthEnabled = w.BasicAuthUser != "" && w.BasicAuthPassword != ""
	v.EventTypes = slices.Clone(w.EventTypes)
	v.CampaignIDs = slices.Clone(w.CampaignIDs)
	v.Headers = maps.Clone(w.Headers)
	if v.Headers == nil {
		v.Headers = map[string]string{}
	}
	return v
}

func deliveryView(d *WebhookDelivery) WebhookDelivery {
	v := *d
	v.ObjectChanges = maps.Clone(d.ObjectChanges)
	v.Payload = maps.Clone(d.Payload)
	return v
}

// nextEventID returns a new UUID-shaped event id.
func (s *Server) nextEventID() string {
	s.eventSeq++
	return fmt.Sprintf("a1b2c3d4-0000-4000-8000-%012d", s.eventSeq)
}

// emit records a delivery of an event to every active subscription that
// listens to its type. The payload has the documented webhook shape:
// event_id, event_type, action, entity_type, entity_id, changes, data,
// timestamp.
func (s *Server) emit(eventType, entityType string, id int64, changed map[string]any, data any) {
	var subs []*Webhook
	for _, w := range s.webhooks.All() {
		if w.Active && slices.Contains(w.EventTypes, eventType) {
			subs = append(subs, w)
		}
	}
	if len(subs) == 0 {
		return
	}
	var body map[string]any
	if b, err := json.Marshal(data); err == nil {
		_ = json.Unmarshal(b, &body)
	}
	if changed == nil {
		changed = map[string]any{}
	}
	now := At(s.now())
	eventID := s.nextEventID()
	action := eventType[strings.LastIndex(eventType, ".")+1:]
	for _, w := range subs {
		entityID, code := id, 200
		s.addDelivery(WebhookDelivery{
			WebhookID: w.ID, EventID: eventID, EventType: eventType, Action: action, EntityType: entityType,
			EntityID: &entityID, Status: "delivered", Attempts: 1, ResponseCode: &code, ResponseBody: "OK",
			ObjectChanges: maps.Clone(changed), CreatedAt: now, DeliveredAt: now,
			Payload: map[string]any{
				"event_id": eventID, "event_type": eventType, "action": action, "entity_type": entityType,
				"entity_id": id, "changes": maps.Clone(changed), "data": body, "timestamp": now,
			},
		})
	}
}

// changes lists the fields that differ between two renderings of a
// resource as {field: [old, new]}.
func changes(before, after any, fields ...string) map[string]any {
	var a, b map[string]any
	if raw, err := json.Marshal(before); err == nil {
		_ = json.Unmarshal(raw, &a)
	}
	if raw, err := json.Marshal(after); err == nil {
		_ = json.Unmarshal(raw, &b)
	}
	out := map[string]any{}
	for _, f := range fields {
		x, _ := json.Marshal(a[f])
		y, _ := json.Marshal(b[f])
		if string(x) != string(y) {
			out[f] = []any{a[f], b[f]}
		}
	}
	return out
}
