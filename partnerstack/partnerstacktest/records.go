package partnerstacktest

import (
	"time"

	"github.com/affiliatekit/affiliatekit-go/partnerstack"
)

// Records, with PartnerStack's JSON field names in their tags. The stored
// records hold the union of what the Vendor API and the Partner API send;
// each API renders its own view of them (views.go). They hold times as
// time.Time and money as [partnerstack.Amount], the client's types; the
// fake sends times as epoch milliseconds (the zero time as 0) and money as
// integer cents, as PartnerStack does (wire.go). An amount finer than a
// cent cannot be sent: the endpoint that would send it answers 500.

// Company is the vendor nested in Partner API objects.
type Company struct {
	ID   int64  `json:"id,omitempty"`
	Key  string `json:"key"`
	Name string `json:"name"`
}

// GroupRef is the group nested in a partnership.
type GroupRef struct {
	Key  string `json:"key"`
	Name string `json:"name"`
	Slug string `json:"slug"`
}

// Address is a partner's address.
type Address struct {
	Country string `json:"country"`
}

// Team is a partner team (stack).
type Team struct {
	Key       string       `json:"key"`
	Name      string       `json:"name"`
	Members   []TeamMember `json:"members,omitempty"`
	CreatedAt time.Time    `json:"created_at"`
	UpdatedAt time.Time    `json:"updated_at"`
}

// TeamMember is a member of a partner team.
type TeamMember struct {
	Key       string    `json:"key"`
	Email     string    `json:"email"`
	FirstName string    `json:"first_name"`
	LastName  string    `json:"last_name"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Offer is a commission offer of a partnership or program.
type Offer struct {
	// BaseRate is the rate, a percentage or an amount by Type, sent as
	// the number it holds (it is not in cents).
	BaseRate    partnerstack.Amount `json:"base_rate"`
	Currency    string              `json:"currency"`
	Description string              `json:"description"`
	Type        string              `json:"type"`
}

// Partnership is a partner's membership in the program. JoinedAt
// defaults to CreatedAt; Stats are sent as they hold, and the fake adds one
// to their [partnerstack.StatCustomerCount] for each customer of the
// partnership created through the API or by [Server.SeedCustomers] (not
// by [Server.AddCustomer]).
type Partnership struct {
	Key        string             `json:"key"`
	PartnerKey string             `json:"partner_key"`
	Email      string             `json:"email"`
	FirstName  string             `json:"first_name"`
	LastName   string             `json:"last_name"`
	Group      *GroupRef          `json:"group"`
	JoinedAt   time.Time          `json:"joined_at"`
	Manager    map[string]any     `json:"manager"`
	MData      map[string]any     `json:"m_data"`
	Stats      partnerstack.Stats `json:"stats"`
	Tags       []string           `json:"tags"`
	Team       *Team              `json:"team"`
	Tier       map[string]any     `json:"tier"`
	Address    *Address           `json:"address"`
	Fields     []map[string]any   `json:"fields"`
	// Claimed, ApprovedStatus, Archived and HasSubID are state the views
	// read.
	Claimed        bool      `json:"claimed"`
	ApprovedStatus string    `json:"approved_status"`
	Archived       bool      `json:"archived"`
	HasSubID       bool      `json:"has_sub_id"`
	CreatedAt      time.Time `json:"created_at"`
	UpdatedAt      time.Time `json:"updated_at"`
}

// Customer is a referred customer.
type Customer struct {
	Key            string            `json:"key"`
	CustomerKey    *string           `json:"customer_key"`
	Email          *string           `json:"email"`
	Name           *string           `json:"name"`
	PartnerKey     string            `json:"partner_key"`
	PartnershipKey string            `json:"partnership_key"`
	ProviderKey    *string           `json:"provider_key"`
	SourceKey      string            `json:"source_key"`
	SourceType     string            `json:"source_type"`
	Test           bool              `json:"test"`
	Meta           map[string]string `json:"meta"`
	Fields         []map[string]any  `json:"fields"`
	Archived       bool              `json:"archived"`
	CountryISO     *string           `json:"country_iso"`
	HasPaid        bool              `json:"has_paid"`
	SharedID       *string           `json:"shared_id"`
	SubIDs         []string          `json:"sub_ids"`
	CreatedAt      time.Time         `json:"created_at"`
	UpdatedAt      time.Time         `json:"updated_at"`
}

// Transaction is a customer payment.
type Transaction struct {
	Key            string              `json:"key"`
	Amount         partnerstack.Amount `json:"amount"`
	AmountUSD      partnerstack.Amount `json:"amount_usd"`
	Currency       string              `json:"currency"`
	Archived       bool                `json:"archived"`
	Approved       bool                `json:"approved"`
	CategoryKey    *string             `json:"category_key"`
	ProductKey     *string             `json:"product_key"`
	CustomerKey    string              `json:"customer_key"`
	PartnershipKey string              `json:"partnership_key"`
	Metadata       map[string]string   `json:"metadata"`
	Test           bool                `json:"test"`
	CreatedAt      time.Time           `json:"created_at"`
	UpdatedAt      time.Time           `json:"updated_at"`
}

// RewardSource is what earned a reward. An empty Type is sent as null.
type RewardSource struct {
	Key  string `json:"key"`
	Type string `json:"type"`
}

// Reward is a partner's reward. Nil pointers, and an empty
// PartnershipKey, are sent as null.
type Reward struct {
	Key            string               `json:"key"`
	Amount         *partnerstack.Amount `json:"amount"`
	Currency       *string              `json:"currency"`
	CreatedBy      *string              `json:"created_by"`
	CreatedByName  *string              `json:"created_by_name"`
	CreationSource *string              `json:"creation_source"`
	CustomerKey    string               `json:"customer_key"`
	DeclineReason  *string              `json:"decline_reason"`
	Description    *string              `json:"description"`
	PartnershipKey string               `json:"partnership_key"`
	PaymentDate    *time.Time           `json:"payment_date"`
	PaymentStatus  *string              `json:"payment_status"`
	PayoutID       *int64               `json:"payout_id"`
	RewardStatus   *string              `json:"reward_status"`
	Source         *RewardSource        `json:"source"`
	TransactionKey string               `json:"transaction_key"`
	Withdrawn      bool                 `json:"withdrawn"`
	Archived       bool                 `json:"archived"`
	CreatedAt      time.Time            `json:"created_at"`
	UpdatedAt      time.Time            `json:"updated_at"`
}

// Action is an action a partner or customer took.
type Action struct {
	Key            string    `json:"key"`
	Type           string    `json:"type"`
	Value          int64     `json:"value"`
	Archived       bool      `json:"archived"`
	CustomerKey    *string   `json:"customer_key"`
	PartnershipKey string    `json:"partnership_key"`
	ExternalKey    *string   `json:"external_key"`
	CreatedAt      time.Time `json:"created_at"`
	UpdatedAt      time.Time `json:"updated_at"`
}

// Deal is a partner-registered deal.
type Deal struct {
	Key              string              `json:"key"`
	AccountName      *string             `json:"account_name"`
	Amount           partnerstack.Amount `json:"amount"`
	CloseDate        *string             `json:"close_date"`
	ContactFirstName *string             `json:"contact_first_name"`
	ContactLastName  *string             `json:"contact_last_name"`
	ExternalKey      *string             `json:"external_key"`
	Fields           []map[string]any    `json:"fields"`
	GroupKey         *string             `json:"group_key"`
	LostReason       *string             `json:"lost_reason"`
	MoldKey          *string             `json:"mold_key"`
	PartnerKey       *string             `json:"partner_key"`
	Source           string              `json:"source"`
	Stage            *string             `json:"stage"`
	// CustomerKey is the customer the deal was converted to.
	CustomerKey *string   `json:"customer_key,omitempty"`
	Archived    bool      `json:"-"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
}

// Lead is a partner-submitted lead.
type Lead struct {
	Key         string              `json:"key"`
	Amount      partnerstack.Amount `json:"amount"`
	Approved    bool                `json:"approved"`
	ExternalKey *string             `json:"external_key"`
	Fields      []map[string]any    `json:"fields"`
	GroupKey    *string             `json:"group_key"`
	Meta        map[string]string   `json:"meta"`
	MoldKey     *string             `json:"mold_key"`
	PartnerKey  string              `json:"partner_key"`
	Status      string              `json:"status"`
	Archived    bool                `json:"-"`
	CreatedAt   time.Time           `json:"created_at"`
	UpdatedAt   time.Time           `json:"updated_at"`
}

// GroupFeatures are the features of a group.
type GroupFeatures struct {
	ApplicationEnabled bool `json:"application_enabled"`
	DealsEnabled       bool `json:"deals_enabled"`
	DisableLinkCreate  bool `json:"disable_link_create"`
	LeadsEnabled       bool `json:"leads_enabled"`
}

// Group is a partner group.
type Group struct {
	Key       string        `json:"key"`
	Name      string        `json:"name"`
	Slug      string        `json:"slug"`
	Archived  bool          `json:"archived"`
	Default   bool          `json:"default"`
	Features  GroupFeatures `json:"features"`
	CreatedAt time.Time     `json:"created_at"`
	UpdatedAt time.Time     `json:"updated_at"`
}

// Link is a partner's referral link.
type Link struct {
	Key            string    `json:"key"`
	Dest           string    `json:"dest"`
	URL            string    `json:"url"`
	PartnershipKey string    `json:"-"`
	CreatedAt      time.Time `json:"-"`
}

// Webhook is a webhook subscription.
type Webhook struct {
	Key       string    `json:"key"`
	Target    string    `json:"target"`
	Events    []string  `json:"events"`
	Archived  bool      `json:"archived"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Payout is a partner's withdrawal (Partner API). A nil SentAt or
// WithdrawalDate is sent as null.
type Payout struct {
	Key            string              `json:"key"`
	Amount         partnerstack.Amount `json:"amount"`
	Currency       string              `json:"currency"`
	Provider       map[string]any      `json:"provider"`
	SentAt         *time.Time          `json:"sent_at"`
	Status         string              `json:"status"`
	WithdrawalDate *time.Time          `json:"withdrawal_date"`
	CreatedAt      time.Time           `json:"created_at"`
	UpdatedAt      time.Time           `json:"updated_at"`
}

// Promotion is a marketplace program's promotion.
type Promotion struct {
	Availability string `json:"availability"`
	Key          string `json:"key"`
	Type         string `json:"type"`
	Value        string `json:"value"`
}

// Program is a marketplace program (Partner API).
type Program struct {
	ID          int64       `json:"id"`
	Key         string      `json:"key"`
	Name        string      `json:"name"`
	Description string      `json:"description"`
	Category    []string    `json:"category"`
	Country     string      `json:"country"`
	HasSubID    bool        `json:"has_sub_id"`
	Logo        string      `json:"logo"`
	Website     string      `json:"website"`
	Offers      []Offer     `json:"offers"`
	Promotions  []Promotion `json:"promotions"`
	CreatedAt   time.Time   `json:"created_at"`
}

// Object is a record of a resource whose schema PartnerStack does not
// document (applications, tiers, tier collections, products, product
// books, form templates, custom report configurations and exports): its
// JSON fields as sent, plus key, created_at and updated_at.
type Object map[string]any

// Key returns the object's key.
func (o Object) Key() string { s, _ := o["key"].(string); return s }
