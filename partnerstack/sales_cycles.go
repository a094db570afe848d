package partnerstack

import (
	"context"
	"net/http"

	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// SalesCyclesService reads the sales cycle stages of deals and leads:
// /v2/sales-cycles.
type SalesCyclesService service

// Stage is a configured sales cycle stage. Its schema is not documented
// beyond its existence; the modeled fields decode leniently.
type Stage struct {
	Key      string `json:"key"`
	Name     string `json:"name,omitempty" tolerant:"lenient"`
	Position int    `json:"position,omitempty" tolerant:"lenient"`
}

// UnmarshalJSON implements json.Unmarshaler.
func (s *Stage) UnmarshalJSON(b []byte) error { return records.Unmarshal(b, s) }

// StageOptions filter the stages.
type StageOptions struct {
	// GroupKey returns a group's stages instead of the company's.
	GroupKey string `url:"group_key,omitempty"`
}

// Stages returns the sales cycle stages of an object type, such as "deal"
// or "lead".
func (s *SalesCyclesService) Stages(ctx context.Context, objectType string, filter *StageOptions, opts ...RequestOption) ([]*Stage, error) {
	if err := requireKey("sales cycle stages", objectType); err != nil {
		return nil, err
	}
	var data oneOrMany[Stage]
	r := request{method: http.MethodGet, path: transport.Join("sales-cycles/%s/stages", objectType), query: copyOpts(filter)}
	if _, err := s.api.do(ctx, r, &data, opts...); err != nil {
		return nil, err
	}
	return data.Items, nil
}
