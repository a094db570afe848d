package refersion

import (
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/affiliatekit/affiliatekit-go/internal/tolerant"
)

// FlexString is a string that Refersion sends either as a JSON string or as
// a JSON number; it decodes both (37567438 and "694c" alike) and null as "".
// It encodes as a JSON string.
type FlexString string

// UnmarshalJSON implements json.Unmarshaler.
func (s *FlexString) UnmarshalJSON(b []byte) error {
	if err := (*tolerant.Text)(s).UnmarshalJSON(b); err != nil {
		return fmt.Errorf("refersion: %w", err)
	}
	return nil
}

// String returns the value.
func (s FlexString) String() string { return string(s) }

// isID reports whether the value is an identifier: neither empty (null or
// absent) nor zero.
func (s FlexString) isID() bool {
	n, ok := s.Int64()
	return s != "" && (!ok || n != 0)
}

// Int64 returns the value as an integer, reporting false when it is not one
// (an affiliate code such as "694c").
func (s FlexString) Int64() (int64, bool) {
	n, err := strconv.ParseInt(string(s), 10, 64)
	return n, err == nil
}

// CustomField is an answer to one of the custom questions of the affiliate
// registration form.
type CustomField struct {
	Label string `json:"label"`
	Value string `json:"value"`
}

// ChangeResult is the answer of the batch writes affiliate/edit,
// affiliate/status_change and conversion/status_change. Always check it: ids
// the API did not change are listed in IDsNotChanged, not reported as an
// error.
type ChangeResult struct {
	IDsChanged    []int64 `json:"ids_changed"`
	IDsNotChanged []int64 `json:"ids_not_changed"`
}

// UnmarshalJSON decodes the id lists, accepting ids sent as numbers or as
// numeric strings.
func (r *ChangeResult) UnmarshalJSON(b []byte) error {
	var w struct {
		IDsChanged    []tolerant.FormattedInt `json:"ids_changed"`
		IDsNotChanged []tolerant.FormattedInt `json:"ids_not_changed"`
	}
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	r.IDsChanged, r.IDsNotChanged = tolerant.Int64s(w.IDsChanged), tolerant.Int64s(w.IDsNotChanged)
	return nil
}

// Changed reports whether id is among the changed ids.
func (r *ChangeResult) Changed(id int64) bool {
	for _, v := range r.IDsChanged {
		if v == id {
			return true
		}
	}
	return false
}
