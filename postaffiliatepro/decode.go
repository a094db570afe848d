package postaffiliatepro

import (
	"bytes"
	"encoding/json"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/tolerant"
)

// The v3 record schemas are not public (each account serves its own OpenAPI
// description), so records are decoded tolerantly:
//   - keys match whatever their case or separators ("referral_id",
//     "referralId", "ReferralID"), and every field has the legacy API's
//     names as aliases ("refid", "rstatus", "dateinserted");
//   - numbers and ids may arrive as numbers or strings;
//   - timestamps may be RFC 3339, ISO 8601 without a zone, the legacy
//     "2006-01-02 15:04:05" (in the server's time zone, see WithTimezone),
//     a bare date, or unix seconds;
//   - null and "" read as the zero value, except that an amount keeps a
//     null apart from zero;
//   - amounts are read exactly, as the text sent (see tolerant.Object).
// A value that is present but cannot be read as its type is an error
// naming the field. Every record keeps the JSON it came from in Raw.

// record is implemented by the pointer of every resource type.
type record[T any] interface {
	*T
	decode(f *tolerant.Object)
	setRaw(raw json.RawMessage)
}

// decodeRecord decodes one JSON object into a new T.
func decodeRecord[T any, PT record[T]](raw []byte, loc *time.Location) (*T, error) {
	f, err := tolerant.ParseObject(raw, loc)
	if err != nil {
		return nil, err
	}
	v := PT(new(T))
	v.decode(f)
	if f.Err() != nil {
		return nil, f.Err()
	}
	v.setRaw(bytes.Clone(raw))
	return (*T)(v), nil
}

// unmarshalRecord is the body of every record's UnmarshalJSON: tolerant
// decoding with zone-less timestamps read as UTC.
func unmarshalRecord[T any, PT record[T]](dst PT, data []byte) error {
	v, err := decodeRecord[T, PT](data, time.UTC)
	if err == nil {
		*dst = *v
	}
	return err
}

// listKeys are the keys a list body may hold its records under, before
// the resource's own name. None is documented; tolerant.Records also
// looks one level under "data".
var listKeys = []string{"data", "items", "results"}
