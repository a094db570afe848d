package partnerstacktest

import "github.com/affiliatekit/affiliatekit-go/partnerstack"

// Views render stored records the way each API sends them, with keys in
// the alphabetical order of PartnerStack's captured responses, times in
// epoch milliseconds and amounts in cents (wire.go).

func (s *Server) company(withID bool) Company {
	c := Company{Key: CompanyKey, Name: CompanyName}
	if withID {
		c.ID = CompanyID
	}
	return c
}

// partnerCustomerRef is the customer nested in Partner API actions and
// transactions.
type partnerCustomerRef struct {
	Key      string   `json:"key"`
	SharedID *string  `json:"shared_id"`
	SubIDs   []string `json:"sub_ids"`
}

func (s *Server) customerRef(key string) *partnerCustomerRef {
	c, ok := s.customers.Get(key)
	if !ok {
		return nil
	}
	return &partnerCustomerRef{Key: c.Key, SharedID: c.SharedID, SubIDs: c.SubIDs}
}

type vendorPartnershipView struct {
	Address    *Address           `json:"address"`
	Claimed    bool               `json:"claimed"`
	CreatedAt  msTime             `json:"created_at"`
	Email      string             `json:"email"`
	Fields     []map[string]any   `json:"fields"`
	FirstName  string             `json:"first_name"`
	Group      *GroupRef          `json:"group"`
	JoinedAt   msTime             `json:"joined_at"`
	Key        string             `json:"key"`
	LastName   string             `json:"last_name"`
	MData      map[string]any     `json:"m_data"`
	Manager    map[string]any     `json:"manager"`
	PartnerKey string             `json:"partner_key"`
	Stats      partnerstack.Stats `json:"stats"`
	Tags       []string           `json:"tags"`
	Team       *teamWire          `json:"team"`
	Tier       map[string]any     `json:"tier"`
	UpdatedAt  msTime             `json:"updated_at"`
}

type partnerPartnershipView struct {
	Claimed    bool    `json:"claimed"`
	Company    Company `json:"company"`
	CreatedAt  msTime  `json:"created_at"`
	HasSubID   bool    `json:"has_sub_id"`
	IsArchived bool    `json:"is_archived"`
	Key        string  `json:"key"`
	Offers     []Offer `json:"offers,omitempty"`
	Status     string  `json:"status"`
	UpdatedAt  msTime  `json:"updated_at"`
}

func (s *Server) partnershipView(p *Partnership, who role, offers bool) any {
	if who == partner {
		v := partnerPartnershipView{
			Claimed: p.Claimed, Company: s.company(true), CreatedAt: msTime(p.CreatedAt), HasSubID: p.HasSubID,
			IsArchived: p.Archived, Key: p.Key, Status: p.ApprovedStatus, UpdatedAt: msTime(p.UpdatedAt),
		}
		if offers {
			v.Offers = []Offer{{BaseRate: whole(20), Currency: "USD", Description: "20% of every payment for 12 months", Type: "percent"}}
		}
		return v
	}
	return vendorPartnershipView{
		Address: p.Address, Claimed: p.Claimed, CreatedAt: msTime(p.CreatedAt), Email: p.Email, Fields: p.Fields,
		FirstName: p.FirstName, Group: p.Group, JoinedAt: msTime(p.JoinedAt), Key: p.Key, LastName: p.LastName,
		MData: p.MData, Manager: p.Manager, PartnerKey: p.PartnerKey, Stats: p.Stats, Tags: p.Tags,
		Team: (*teamWire)(p.Team), Tier: p.Tier, UpdatedAt: msTime(p.UpdatedAt),
	}
}

type vendorCustomerView struct {
	CreatedAt      msTime            `json:"created_at"`
	CustomerKey    *string           `json:"customer_key"`
	Email          *string           `json:"email"`
	Fields         []map[string]any  `json:"fields"`
	Key            string            `json:"key"`
	Meta           map[string]string `json:"meta"`
	Name           *string           `json:"name"`
	PartnerKey     string            `json:"partner_key"`
	PartnershipKey string            `json:"partnership_key"`
	ProviderKey    *string           `json:"provider_key"`
	SourceKey      string            `json:"source_key"`
	SourceType     string            `json:"source_type"`
	Test           bool              `json:"test"`
	UpdatedAt      msTime            `json:"updated_at"`
}

type partnerCustomerView struct {
	Archived       bool     `json:"archived"`
	Company        Company  `json:"company"`
	CountryISO     *string  `json:"country_iso"`
	CreatedAt      msTime   `json:"created_at"`
	CustomerKey    *string  `json:"customer_key"`
	HasPaid        bool     `json:"has_paid"`
	Key            string   `json:"key"`
	PartnershipKey string   `json:"partnership_key"`
	SharedID       *string  `json:"shared_id"`
	SubIDs         []string `json:"sub_ids"`
	UpdatedAt      msTime   `json:"updated_at"`
}

func (s *Server) customerView(c *Customer, who role) any {
	if who == partner {
		return partnerCustomerView{
			Archived: c.Archived, Company: s.company(false), CountryISO: c.CountryISO, CreatedAt: msTime(c.CreatedAt),
			CustomerKey: c.CustomerKey, HasPaid: c.HasPaid, Key: c.Key, PartnershipKey: c.PartnershipKey,
			SharedID: c.SharedID, SubIDs: c.SubIDs, UpdatedAt: msTime(c.UpdatedAt),
		}
	}
	fields := c.Fields
	if fields == nil {
		fields = []map[string]any{}
	}
	return vendorCustomerView{
		CreatedAt: msTime(c.CreatedAt), CustomerKey: c.CustomerKey, Email: c.Email, Fields: fields, Key: c.Key,
		Meta: c.Meta, Name: c.Name, PartnerKey: c.PartnerKey, PartnershipKey: c.PartnershipKey,
		ProviderKey: c.ProviderKey, SourceKey: c.SourceKey, SourceType: c.SourceType, Test: c.Test,
		UpdatedAt: msTime(c.UpdatedAt),
	}
}

type vendorCustomerRef struct {
	Email       *string `json:"email"`
	ExternalKey *string `json:"external_key"`
	Key         string  `json:"key"`
}

type transactionView struct {
	Amount         cents             `json:"amount"`
	AmountUSD      cents             `json:"amount_usd"`
	Approved       *bool             `json:"approved,omitempty"`
	Archived       bool              `json:"archived"`
	CategoryKey    *string           `json:"category_key"`
	Company        *Company          `json:"company,omitempty"`
	CreatedAt      msTime            `json:"created_at"`
	Currency       string            `json:"currency"`
	Customer       any               `json:"customer"`
	CustomerKey    *string           `json:"customer_key,omitempty"`
	Key            string            `json:"key"`
	Metadata       map[string]string `json:"metadata,omitempty"`
	PartnershipKey string            `json:"partnership_key"`
	ProductKey     *string           `json:"product_key"`
	Test           *bool             `json:"test,omitempty"`
	UpdatedAt      msTime            `json:"updated_at"`
}

func (s *Server) transactionView(t *Transaction, who role) any {
	v := transactionView{
		Amount: cents(t.Amount), AmountUSD: cents(t.AmountUSD), Archived: t.Archived, CategoryKey: t.CategoryKey,
		CreatedAt: msTime(t.CreatedAt), Currency: t.Currency, Key: t.Key, PartnershipKey: t.PartnershipKey,
		ProductKey: t.ProductKey, UpdatedAt: msTime(t.UpdatedAt),
	}
	if who == partner {
		c := s.company(false)
		v.Company = &c
		if ref := s.customerRef(t.CustomerKey); ref != nil {
			v.Customer = ref
		}
		return v
	}
	v.Approved, v.Test, v.CustomerKey = ptr(t.Approved), ptr(t.Test), ptr(t.CustomerKey)
	v.Metadata = t.Metadata
	if v.Metadata == nil {
		v.Metadata = map[string]string{}
	}
	if c, ok := s.customers.Get(t.CustomerKey); ok {
		v.Customer = vendorCustomerRef{Email: c.Email, ExternalKey: c.CustomerKey, Key: c.Key}
	}
	return v
}

type actionView struct {
	Archived       bool                `json:"archived"`
	Company        Company             `json:"company"`
	CreatedAt      msTime              `json:"created_at"`
	Customer       *partnerCustomerRef `json:"customer"`
	ExternalKey    *string             `json:"external_key,omitempty"`
	Key            string              `json:"key"`
	PartnershipKey string              `json:"partnership_key"`
	Type           string              `json:"type"`
	UpdatedAt      msTime              `json:"updated_at"`
	Value          int64               `json:"value"`
}

func (s *Server) actionView(a *Action, who role) any {
	v := actionView{
		Archived: a.Archived, Company: s.company(false), CreatedAt: msTime(a.CreatedAt), Key: a.Key,
		PartnershipKey: a.PartnershipKey, Type: a.Type, UpdatedAt: msTime(a.UpdatedAt), Value: a.Value,
	}
	if a.CustomerKey != nil {
		v.Customer = s.customerRef(*a.CustomerKey)
	}
	if who == vendor {
		v.ExternalKey = a.ExternalKey
	}
	return v
}

type rewardCustomerView struct {
	CreatedAt   *msTime  `json:"created_at"`
	Email       *string  `json:"email"`
	ExternalKey *string  `json:"external_key,omitempty"`
	Key         *string  `json:"key"`
	Name        *string  `json:"name"`
	SharedID    *string  `json:"shared_id"`
	SubIDs      []string `json:"sub_ids"`
	UpdatedAt   *msTime  `json:"updated_at"`
}

type rewardTransactionView struct {
	Amount      cents   `json:"amount"`
	AmountUSD   cents   `json:"amount_usd"`
	Archived    bool    `json:"archived"`
	CategoryKey *string `json:"category_key"`
	CreatedAt   msTime  `json:"created_at"`
	Currency    string  `json:"currency"`
	Key         *string `json:"key,omitempty"`
	ProductKey  *string `json:"product_key"`
	UpdatedAt   msTime  `json:"updated_at"`
}

type rewardPartnershipView struct {
	Email string    `json:"email"`
	Group *GroupRef `json:"group"`
	Key   string    `json:"key"`
	Name  string    `json:"name"`
}

// rewardSourceView sends an empty type as null.
type rewardSourceView struct {
	Key  string  `json:"key"`
	Type *string `json:"type"`
}

// nullIfEmpty returns nil (null on the wire) for "", else a pointer to s.
func nullIfEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

type rewardView struct {
	Amount         *cents                 `json:"amount"`
	Company        Company                `json:"company"`
	CreatedAt      msTime                 `json:"created_at"`
	CreatedBy      *string                `json:"created_by"`
	CreatedByName  *string                `json:"created_by_name"`
	CreationSource *string                `json:"creation_source"`
	Currency       *string                `json:"currency"`
	Customer       *rewardCustomerView    `json:"customer"`
	DeclineReason  *string                `json:"decline_reason"`
	Description    *string                `json:"description"`
	Key            string                 `json:"key"`
	Partnership    *rewardPartnershipView `json:"partnership,omitempty"`
	PartnershipKey *string                `json:"partnership_key"`
	PaymentDate    *msTime                `json:"payment_date"`
	PaymentStatus  *string                `json:"payment_status"`
	PayoutID       *int64                 `json:"payout_id"`
	RewardStatus   *string                `json:"reward_status"`
	Source         *rewardSourceView      `json:"source"`
	Transaction    *rewardTransactionView `json:"transaction"`
	UpdatedAt      msTime                 `json:"updated_at"`
	Withdrawn      bool                   `json:"withdrawn"`
}

func (s *Server) rewardView(r *Reward, who role) any {
	v := rewardView{
		Amount: centsPtr(r.Amount), Company: s.company(true), CreatedAt: msTime(r.CreatedAt), CreatedBy: r.CreatedBy,
		CreatedByName: r.CreatedByName, CreationSource: r.CreationSource, Currency: r.Currency,
		DeclineReason: r.DeclineReason, Description: r.Description, Key: r.Key,
		PartnershipKey: nullIfEmpty(r.PartnershipKey), PaymentDate: msPtr(r.PaymentDate), PaymentStatus: r.PaymentStatus,
		PayoutID: r.PayoutID, RewardStatus: r.RewardStatus, UpdatedAt: msTime(r.UpdatedAt), Withdrawn: r.Withdrawn,
	}
	if r.Source != nil {
		v.Source = &rewardSourceView{Key: r.Source.Key, Type: nullIfEmpty(r.Source.Type)}
	}
	if c, ok := s.customers.Get(r.CustomerKey); ok {
		v.Customer = &rewardCustomerView{
			CreatedAt: msPtr(&c.CreatedAt), Email: c.Email, Key: nullIfEmpty(c.Key), Name: c.Name, SharedID: c.SharedID,
			SubIDs: c.SubIDs, UpdatedAt: msPtr(&c.UpdatedAt),
		}
		if who == vendor {
			v.Customer.ExternalKey = c.CustomerKey
		}
	}
	if t, ok := s.transactions.Get(r.TransactionKey); ok {
		v.Transaction = &rewardTransactionView{
			Amount: cents(t.Amount), AmountUSD: cents(t.AmountUSD), Archived: t.Archived, CategoryKey: t.CategoryKey,
			CreatedAt: msTime(t.CreatedAt), Currency: t.Currency, ProductKey: t.ProductKey, UpdatedAt: msTime(t.UpdatedAt),
		}
		if who == vendor {
			v.Transaction.Key = &t.Key
		}
	}
	if who == vendor {
		if p, ok := s.partnerships.Get(r.PartnershipKey); ok {
			v.Partnership = &rewardPartnershipView{Email: p.Email, Group: p.Group, Key: p.Key, Name: p.FirstName + " " + p.LastName}
		}
	}
	return v
}
