package partnerstack

import "github.com/affiliatekit/affiliatekit-go/internal/tolerant"

// records decodes the resource types, whose UnmarshalJSON methods call
// it, with internal/tolerant: a record is read in one encoding/json pass
// when it is well formed, and field by field when that fails. What it
// accepts beyond encoding/json's struct decoding:
//
//   - PartnerStack writes timestamps as integer epoch milliseconds.
//     Fields of type time.Time and *time.Time accept epoch milliseconds
//     as a number or a numeric string (a value below 1e11, which as
//     milliseconds would fall before March 1973, is read as seconds), an
//     RFC 3339 or YYYY-MM-DD string, and null (the zero time, or nil for
//     *time.Time). RFC 3339 is what encoding/json writes for a time.Time,
//     so a resource marshalled by a program decodes back unchanged.
//   - Integer fields also accept numbers written as strings, and null
//     (zero); some peer-documented fields are not confirmed as numbers.
//     Pointers to them (the fields PartnerStack documents as nullable)
//     decode null as nil and a number like the plain fields. Money is an
//     Amount, which reads a number or a numeric string exactly and keeps
//     null; the package has no float fields.
//   - A field tagged `tolerant:"lenient"` holds a shape that no
//     PartnerStack documentation or captured response confirms; a value
//     that does not fit it is skipped instead of failing the response.
//
// Unknown keys are ignored; keys are matched exactly, then
// case-insensitively like encoding/json does. The types listed are those
// whose UnmarshalJSON is records.Unmarshal alone: nested in another
// record, they are read in the same pass. The ones that adjust what they
// decode (amounts in cents, a type from "type" or "type_") are not.
var records = tolerant.NewTwins(nil,
	Action{}, Application{}, CompanyRef{}, Customer{}, CustomerRef{}, Field{},
	FormTemplate{}, Group{}, Invoice{}, Partnership{}, Product{}, ProductBook{},
	Program{}, ReportConfiguration{}, ReportExport{}, RewardAction{},
	RewardPartnership{}, Stage{}, Team{}, TeamMember{}, Tier{}, TierCollection{},
	Webhook{},
)
