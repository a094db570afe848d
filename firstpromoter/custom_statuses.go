package firstpromoter

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// CustomReferralStatusesService manages the account's custom referral
// statuses, labels of your own that referrals carry beside their state
// (Referral.CustomStatus). These endpoints live outside the API v2 prefix,
// at /api/admin/v1/custom_referral_statuses of the same host; the client
// resolves them against the host of its base URL.
type CustomReferralStatusesService service

// CustomReferralStatus is a custom referral status.
type CustomReferralStatus struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
	// Description may be null, which decodes as "".
	Description string `json:"description"`
	// Order is the display order, ascending; unique in the account.
	Order     int       `json:"order"`
	CompanyID int64     `json:"company_id"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// customStatusesPath is the path of the statuses from the host root.
const customStatusesPath = "api/admin/v1/custom_referral_statuses"

// All returns every custom referral status, ordered by Order; the API
// answers them in one response, unpaged.
func (s *CustomReferralStatusesService) All(ctx context.Context, opts ...RequestOption) ([]*CustomReferralStatus, error) {
	req := &transport.Request{Method: http.MethodGet, Path: customStatusesPath, FromRoot: true}
	return asList(call(ctx, s.client, req, asIs[[]*CustomReferralStatus], opts))
}

// CustomReferralStatusChange is one item of an Update: a create (ID 0), an
// update (ID set) or, with Destroy, a delete of the status ID.
type CustomReferralStatusChange struct {
	// ID is the status to update or delete; 0 creates one.
	ID int64
	// Name and Order are required for a create, and sent as given for an
	// update. Names are trimmed by the API; both must be unique.
	Name  string
	Order int
	// Description is sent when non-nil; a pointer to "" sets it empty.
	Description *string
	// Destroy deletes the status ID; only id and _destroy are sent.
	// Referrals that had it lose their custom status.
	Destroy bool
}

// MarshalJSON sends {id, _destroy} for a delete, and name, order, the
// description when set and the id when non-zero otherwise.
func (c CustomReferralStatusChange) MarshalJSON() ([]byte, error) {
	if c.Destroy {
		return json.Marshal(struct {
			ID      int64 `json:"id"`
			Destroy bool  `json:"_destroy"`
		}{c.ID, true})
	}
	return json.Marshal(struct {
		ID          int64   `json:"id,omitempty"`
		Name        string  `json:"name"`
		Description *string `json:"description,omitempty"`
		Order       int     `json:"order"`
	}{c.ID, c.Name, c.Description, c.Order})
}

// Update creates, updates and deletes custom referral statuses in one
// request and returns the resulting list ordered by Order. It is a PUT
// and is retried like one: a repeated create cannot duplicate a status,
// since names are unique, but fails with the API's validation error.
func (s *CustomReferralStatusesService) Update(ctx context.Context, changes []CustomReferralStatusChange, opts ...RequestOption) ([]*CustomReferralStatus, error) {
	if err := checkStatusChanges(changes); err != nil {
		return nil, err
	}
	req := &transport.Request{Method: http.MethodPut, Path: customStatusesPath + "/update", FromRoot: true,
		Body: customStatusesBody{changes}}
	return asList(call(ctx, s.client, req, asIs[[]*CustomReferralStatus], opts))
}

// customStatusesBody is the body of the statuses' update.
type customStatusesBody struct {
	Statuses []CustomReferralStatusChange `json:"custom_referral_statuses"`
}

// checkStatusChanges refuses an empty update, a delete without an ID and
// a create without a Name.
func checkStatusChanges(changes []CustomReferralStatusChange) error {
	if len(changes) == 0 {
		return errors.New("firstpromoter: update custom referral statuses: no changes given")
	}
	for i, c := range changes {
		if err := c.check(i); err != nil {
			return err
		}
	}
	return nil
}

// check reports what makes change i of an update unusable.
func (c CustomReferralStatusChange) check(i int) error {
	switch {
	case c.Destroy && c.ID == 0:
		return errors.New("firstpromoter: update custom referral statuses: change " + strconv.Itoa(i) + " deletes without an ID")
	case !c.Destroy && c.ID == 0 && c.Name == "":
		return errors.New("firstpromoter: update custom referral statuses: change " + strconv.Itoa(i) + " creates without a Name")
	}
	return nil
}
