package partnerstack

import (
	"encoding/json"
	"maps"
	"time"
)

// Ptr returns a pointer to v, for the optional fields of params and the
// tri-state filters of list options: Ptr(true), Ptr("cus_123").
func Ptr[T any](v T) *T { return &v }

// Extra holds request body fields the package does not model, for the
// endpoints whose body PartnerStack documents only partly. They are merged
// into the JSON body and win over modeled fields of the same name.
type Extra map[string]any

// withExtra marshals v (a type without its own MarshalJSON) and merges
// extra into the resulting object.
func withExtra(v any, extra Extra) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil || len(extra) == 0 {
		return b, err
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, err
	}
	if m == nil {
		m = map[string]any{}
	}
	maps.Copy(m, extra)
	return json.Marshal(m)
}

// CompanyRef is the vendor (program owner) nested in Partner API objects.
type CompanyRef struct {
	// ID is the company's numeric id; only rewards carry it.
	ID   int64  `json:"id,omitempty"`
	Key  string `json:"key"`
	Name string `json:"name"`
}

// UnmarshalJSON implements json.Unmarshaler.
func (c *CompanyRef) UnmarshalJSON(b []byte) error { return records.Unmarshal(b, c) }

// CustomerRef is the customer nested in actions, transactions and rewards.
// Which fields are filled depends on the object and the API: the Partner
// API sends key, shared_id and sub_ids (plus email, name and timestamps in
// rewards); vendor rewards add external_key. The ids are nil when
// PartnerStack sends null or leaves them out; Email and Name are free text
// and read null as "".
type CustomerRef struct {
	// Key is the customer key (cus_…); PartnerStack documents it as
	// nullable in rewards.
	Key   *string `json:"key"`
	Email string  `json:"email,omitempty"`
	Name  string  `json:"name,omitempty"`
	// ExternalKey is the vendor's own customer id (Vendor API rewards and
	// transactions).
	ExternalKey *string `json:"external_key,omitempty"`
	// SharedID is the partner's shared id.
	SharedID *string  `json:"shared_id"`
	SubIDs   []string `json:"sub_ids"`
	// CreatedAt and UpdatedAt are sent (and may be null) in rewards only.
	CreatedAt *time.Time `json:"created_at,omitempty"`
	UpdatedAt *time.Time `json:"updated_at,omitempty"`
}

// UnmarshalJSON implements json.Unmarshaler.
func (c *CustomerRef) UnmarshalJSON(b []byte) error { return records.Unmarshal(b, c) }

// Field is a custom form field with the value submitted for it, as in the
// fields of partnerships, customers, deals and leads. In request bodies
// only the set attributes are sent; a value is usually addressed by its
// APIName or FieldKey.
type Field struct {
	// APIName is the field's name on create, update and serialization.
	APIName      string `json:"api_name,omitempty"`
	ExternalType string `json:"external_type,omitempty"`
	FieldKey     string `json:"field_key,omitempty"`
	HelpText     string `json:"help_text,omitempty"`
	Hidden       bool   `json:"hidden,omitempty"`
	// InternalName is set by PartnerStack when the field is created.
	InternalName    string `json:"internal_name,omitempty"`
	Name            string `json:"name,omitempty"`
	PlaceholderText string `json:"placeholder_text,omitempty"`
	// Position is the field's place on its form, from 0.
	Position int  `json:"position,omitempty"`
	Required bool `json:"required,omitempty"`
	// Type is input, picklist, number, ...
	Type string `json:"type,omitempty"`
	// Value is the submitted value, usually a string.
	Value any `json:"value,omitempty"`
	// Options are the choices of a picklist or checkbox field.
	Options map[string]string `json:"options,omitempty" tolerant:"lenient"`
	// DefaultValue, MapsTo and Protected are sent in form templates.
	DefaultValue string `json:"default_value,omitempty" tolerant:"lenient"`
	MapsTo       any    `json:"maps_to,omitempty"`
	Protected    bool   `json:"protected,omitempty"`
}

// UnmarshalJSON implements json.Unmarshaler.
func (f *Field) UnmarshalJSON(b []byte) error { return records.Unmarshal(b, f) }

// Team is a partner team (stack), nested in partnerships and deals and
// returned by PartnershipsService.GetTeam.
type Team struct {
	Key  string `json:"key"`
	Name string `json:"name"`
	// Members is filled by PartnershipsService.GetTeam; its shape is not
	// documented beyond team members.
	Members   []*TeamMember `json:"members,omitempty" tolerant:"lenient"`
	CreatedAt time.Time     `json:"created_at"`
	UpdatedAt time.Time     `json:"updated_at"`
}

func (t *Team) itemKey() string { return t.Key }

// UnmarshalJSON implements json.Unmarshaler.
func (t *Team) UnmarshalJSON(b []byte) error { return records.Unmarshal(b, t) }

// TeamMember is a member of a partner team.
type TeamMember struct {
	Key       string    `json:"key"`
	Email     string    `json:"email"`
	FirstName string    `json:"first_name"`
	LastName  string    `json:"last_name"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// UnmarshalJSON implements json.Unmarshaler.
func (m *TeamMember) UnmarshalJSON(b []byte) error { return records.Unmarshal(b, m) }

// TierRef is the tier nested in a partnership.
type TierRef struct {
	Key  string `json:"key"`
	Name string `json:"name"`
}

// Address is a partner's address; only the country is documented.
type Address struct {
	Country string `json:"country"`
}

// Offer is a commission offer of a program or partnership (Partner API).
// Its fields come from peer documentation whose examples write base_rate
// both as a number and as a string, and the type both as "type" and
// "type_"; both forms decode.
type Offer struct {
	// BaseRate is the offer's rate, a percentage or an amount by Type,
	// kept exactly as sent (a number or a numeric string, "10.5" stays
	// "10.5"). Its unit is undocumented: it is not converted from cents,
	// and it carries no currency, since a percentage has none (Currency
	// applies when Type makes it an amount).
	BaseRate    Amount `json:"base_rate"`
	Currency    string `json:"currency"`
	Description string `json:"description"`
	Type        string `json:"type"`
}

// UnmarshalJSON implements json.Unmarshaler.
func (o *Offer) UnmarshalJSON(b []byte) error {
	var alt struct {
		Type string `json:"type_"`
	}
	if err := records.Unmarshal(b, o); err != nil {
		return err
	}
	if o.Type == "" && json.Unmarshal(b, &alt) == nil {
		o.Type = alt.Type
	}
	return nil
}
