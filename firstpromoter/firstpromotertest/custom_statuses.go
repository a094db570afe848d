package firstpromotertest

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
)

// CustomReferralStatus is a status of the account's own that referrals can
// carry beside their state, as GET /api/admin/v1/custom_referral_statuses
// lists it and as nested in a referral's custom_status.
type CustomReferralStatus struct {
	ID          int64      `json:"id"`
	Name        string     `json:"name"`
	Description NullString `json:"description"`
	Order       int64      `json:"order"`
	CompanyID   int64      `json:"company_id"`
	CreatedAt   Timestamp  `json:"created_at"`
	UpdatedAt   Timestamp  `json:"updated_at"`
}

func (s *Server) customStatusRoutes() {
	s.handleRoot("GET "+AdminPathPrefix+"/custom_referral_statuses", s.listCustomStatuses)
	s.handleRoot("PUT "+AdminPathPrefix+"/custom_referral_statuses/update", s.updateCustomStatuses)
}

// listCustomStatuses answers a bare array ordered by order ascending.
func (s *Server) listCustomStatuses(*http.Request) (int, any, *apiError) {
	return http.StatusOK, s.customStatusList(), nil
}

func (s *Server) customStatusList() []CustomReferralStatus {
	out := []CustomReferralStatus{}
	for _, st := range s.customStatuses.All() {
		out = append(out, *st)
	}
	slices.SortStableFunc(out, func(a, b CustomReferralStatus) int {
		switch {
		case a.Order < b.Order:
			return -1
		case a.Order > b.Order:
			return 1
		}
		return 0
	})
	return out
}

// customStatusChange is one item of custom_referral_statuses: a create
// without id, an update with id, a delete with id and _destroy.
type customStatusChange struct {
	ID          *int64           `json:"id"`
	Name        *string          `json:"name"`
	Description *json.RawMessage `json:"description"`
	Order       *int64           `json:"order"`
	Destroy     bool             `json:"_destroy"`
}

// updateCustomStatuses applies a batch of creates, updates and deletes all
// or nothing, and answers the full list. Names (trimmed) and orders must
// be unique; deleting a status clears it from the referrals that had it.
func (s *Server) updateCustomStatuses(r *http.Request) (int, any, *apiError) {
	p, e := readParams(r)
	if e != nil {
		return 0, nil, e
	}
	var changes []customStatusChange
	if ok, e := p.decode("custom_referral_statuses", &changes); e != nil {
		return 0, nil, e
	} else if !ok {
		missing := errParam("custom_referral_statuses")
		missing.status = http.StatusBadRequest
		return 0, nil, missing
	}
	invalid := func(field, problem string) *apiError {
		e := errInvalid(field, problem)
		e.status = http.StatusUnprocessableEntity
		return e
	}
	now := At(s.now())
	next := map[int64]CustomReferralStatus{}
	for _, st := range s.customStatuses.All() {
		next[st.ID] = *st
	}
	var created []CustomReferralStatus
	var destroyed []int64
	for _, c := range changes {
		var st CustomReferralStatus
		if c.ID != nil {
			cur, ok := next[*c.ID]
			if !ok {
				return 0, nil, errNotFound()
			}
			if c.Destroy {
				delete(next, *c.ID)
				destroyed = append(destroyed, *c.ID)
				continue
			}
			st = cur
		} else if c.Destroy {
			return 0, nil, errParam("id")
		} else {
			if c.Name == nil || c.Order == nil {
				return 0, nil, invalid("name", "and order are required")
			}
			st = CustomReferralStatus{CompanyID: companyID, CreatedAt: now}
		}
		if c.Name != nil {
			st.Name = strings.TrimSpace(*c.Name)
			if st.Name == "" {
				return 0, nil, invalid("name", "can't be blank")
			}
		}
		if c.Order != nil {
			st.Order = *c.Order
		}
		if c.Description != nil {
			var d NullString
			if err := json.Unmarshal(*c.Description, &d); err != nil {
				return 0, nil, errParam("description")
			}
			st.Description = d
		}
		st.UpdatedAt = now
		if c.ID != nil {
			next[st.ID] = st
		} else {
			created = append(created, st)
		}
	}
	all := slices.Collect(func(yield func(CustomReferralStatus) bool) {
		for _, st := range next {
			if !yield(st) {
				return
			}
		}
	})
	all = append(all, created...)
	names, orders := map[string]bool{}, map[int64]bool{}
	for _, st := range all {
		if names[strings.ToLower(st.Name)] {
			return 0, nil, invalid("name", "has already been taken")
		}
		if orders[st.Order] {
			return 0, nil, invalid("order", "has already been taken")
		}
		names[strings.ToLower(st.Name)], orders[st.Order] = true, true
	}
	for _, id := range destroyed {
		s.customStatuses.Delete(id)
		for _, ref := range s.referrals.All() {
			if ref.CustomStatusID == id {
				ref.CustomStatusID = 0
			}
		}
	}
	for _, st := range next {
		v := st
		s.customStatuses.Put(&v)
	}
	for _, st := range created {
		st.ID = s.customStatuses.Assign(0)
		v := st
		s.customStatuses.Put(&v)
	}
	return http.StatusOK, s.customStatusList(), nil
}

// AddCustomReferralStatus stores st, assigning an id, the company id and
// timestamps when zero, and returns it as the API would answer it.
func (s *Server) AddCustomReferralStatus(st CustomReferralStatus) CustomReferralStatus {
	s.mu.Lock()
	defer s.mu.Unlock()
	st.ID = s.customStatuses.Assign(st.ID)
	if st.CompanyID == 0 {
		st.CompanyID = companyID
	}
	if st.CreatedAt.IsZero() {
		st.CreatedAt = At(s.now())
	}
	if st.UpdatedAt.IsZero() {
		st.UpdatedAt = st.CreatedAt
	}
	s.customStatuses.Put(&st)
	return st
}

// CustomReferralStatuses returns the stored statuses by order ascending.
func (s *Server) CustomReferralStatuses() []CustomReferralStatus {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.customStatusList()
}
