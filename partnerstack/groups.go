package partnerstack

import (
	"context"
	"iter"
	"time"
)

// GroupsService lists partner groups: /v2/groups.
type GroupsService service

// Group is a group of partners sharing offers and features.
type Group struct {
	// Key is the group key (grup_…).
	Key  string `json:"key"`
	Name string `json:"name"`
	// Slug is the group's name as used in routes and filters.
	Slug     string `json:"slug"`
	Archived bool   `json:"archived"`
	// Default reports the group new partners join.
	Default   bool          `json:"default"`
	Features  GroupFeatures `json:"features" tolerant:"lenient"`
	CreatedAt time.Time     `json:"created_at"`
	UpdatedAt time.Time     `json:"updated_at"`
}

// UnmarshalJSON implements json.Unmarshaler.
func (g *Group) UnmarshalJSON(b []byte) error { return records.Unmarshal(b, g) }

func (g *Group) itemKey() string { return g.Key }

// GroupFeatures are the features partners of a group can use.
type GroupFeatures struct {
	ApplicationEnabled bool `json:"application_enabled"`
	DealsEnabled       bool `json:"deals_enabled"`
	DisableLinkCreate  bool `json:"disable_link_create"`
	LeadsEnabled       bool `json:"leads_enabled"`
}

// GroupListOptions page through GET /v2/groups.
type GroupListOptions struct {
	ListParams
}

// List iterates over the groups.
func (s *GroupsService) List(ctx context.Context, opts ...*GroupListOptions) iter.Seq2[*Group, error] {
	return list(ctx, opts, s.ListPage)
}

// ListPage fetches one page of groups.
func (s *GroupsService) ListPage(ctx context.Context, opts *GroupListOptions) ([]*Group, *Response, error) {
	return listPage[Group](ctx, s.api, "groups", opts)
}
