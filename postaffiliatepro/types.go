package postaffiliatepro

import (
	"strings"

	"github.com/affiliatekit/affiliatekit-go/internal/tolerant"
)

// Status is the approval state of an affiliate or a transaction, as the
// one-letter code the Post Affiliate Pro data model documents (A, P, D).
// Whether v3 sends the letters or words is unverified: words ("approved",
// "pending", "declined") are read into the same codes, and Label gives the
// word for display. Writes send the letter.
type Status string

// Statuses.
const (
	StatusApproved Status = "A"
	StatusPending  Status = "P"
	StatusDeclined Status = "D"
)

var statusWords = map[string]Status{
	"approved": StatusApproved, "active": StatusApproved,
	"pending":  StatusPending,
	"declined": StatusDeclined, "denied": StatusDeclined, "rejected": StatusDeclined,
}

// parseStatus maps a letter or a word to its Status; other values are kept.
func parseStatus(s string) Status {
	s = strings.TrimSpace(s)
	if len(s) == 1 {
		return Status(strings.ToUpper(s))
	}
	if st, ok := statusWords[strings.ToLower(s)]; ok {
		return st
	}
	return Status(s)
}

// Label returns the status as a word: approved, pending or declined (the
// raw value for any other).
func (s Status) Label() string {
	switch s {
	case StatusApproved:
		return "approved"
	case StatusPending:
		return "pending"
	case StatusDeclined:
		return "declined"
	}
	return string(s)
}

// TransactionType is the kind of a transaction, as the one-letter code of
// the Post Affiliate Pro data model. Words are read into the same codes
// (unverified which form v3 sends); Label gives the word.
type TransactionType string

// Transaction types. POST /transactions creates sales, actions and the
// three bonus kinds.
const (
	TypeSale          TransactionType = "S"
	TypeAction        TransactionType = "A"
	TypeLead          TransactionType = "L"
	TypeClick         TransactionType = "C"
	TypeCPM           TransactionType = "I"
	TypeRecurring     TransactionType = "U"
	TypeSignupBonus   TransactionType = "B"
	TypeReferralBonus TransactionType = "F"
	TypeExtraBonus    TransactionType = "E"
	TypeRefund        TransactionType = "R"
	TypeChargeback    TransactionType = "H"
)

var typeLabels = map[TransactionType]string{
	TypeSale: "sale", TypeAction: "action", TypeLead: "lead", TypeClick: "click", TypeCPM: "cpm",
	TypeRecurring: "recurring", TypeSignupBonus: "signup bonus", TypeReferralBonus: "referral bonus",
	TypeExtraBonus: "extra bonus", TypeRefund: "refund", TypeChargeback: "chargeback",
}

var typeWords = func() map[string]TransactionType {
	m := map[string]TransactionType{"signup": TypeSignupBonus, "referral": TypeReferralBonus, "extrabonus": TypeExtraBonus}
	for t, label := range typeLabels {
		m[strings.ReplaceAll(label, " ", "")] = t
	}
	return m
}()

// parseType maps a letter or a word ("sale", "signup_bonus") to its type.
func parseType(s string) TransactionType {
	s = strings.TrimSpace(s)
	if len(s) == 1 {
		return TransactionType(strings.ToUpper(s))
	}
	if t, ok := typeWords[tolerant.NormKey(s)]; ok {
		return t
	}
	return TransactionType(s)
}

// Label returns the type as words ("sale", "signup bonus"), or the raw
// value for an unknown type.
func (t TransactionType) Label() string {
	if l, ok := typeLabels[t]; ok {
		return l
	}
	return string(t)
}

// PayoutStatus says whether a transaction's commission has been paid, as
// the data model's letter: P paid, U unpaid. Words are read into the same
// codes.
type PayoutStatus string

// Payout statuses.
const (
	PayoutPaid   PayoutStatus = "P"
	PayoutUnpaid PayoutStatus = "U"
)

func parsePayoutStatus(s string) PayoutStatus {
	s = strings.TrimSpace(s)
	switch strings.ToLower(s) {
	case "paid", "p":
		return PayoutPaid
	case "unpaid", "u":
		return PayoutUnpaid
	}
	return PayoutStatus(s)
}

// Label returns "paid" or "unpaid" (the raw value for any other).
func (p PayoutStatus) Label() string {
	switch p {
	case PayoutPaid:
		return "paid"
	case PayoutUnpaid:
		return "unpaid"
	}
	return string(p)
}
