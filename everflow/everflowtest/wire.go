package everflowtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"time"
)

// The records take the client's types (time.Time, the status enums,
// everflow.Amount); they render in Everflow's wire format through
// wireJSON, which writes a struct as encoding/json would, in field order,
// with these differences:
//   - a time.Time is unix seconds, 0 for the zero time;
//   - a bool tagged wire:"01" is 0 or 1, as the network click report
//     sends is_unique.
//
// Embedded structs are flattened, so a view that embeds a record (and its
// relationship) renders as one object.

// unix returns t as unix seconds, 0 for the zero time.
func unix(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.Unix()
}

// fromUnix returns unix seconds as a UTC time, the zero time for 0.
func fromUnix(sec int64) time.Time {
	if sec == 0 {
		return time.Time{}
	}
	return time.Unix(sec, 0).UTC()
}

var timeType = reflect.TypeFor[time.Time]()

// wireJSON encodes v, a struct or a pointer to one, as a JSON object in
// Everflow's wire format.
func wireJSON(v any) ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	first := true
	if err := writeMembers(&b, reflect.ValueOf(v), &first); err != nil {
		return nil, err
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

func writeMembers(b *bytes.Buffer, v reflect.Value, first *bool) error {
	for v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return nil
		}
		v = v.Elem()
	}
	t := v.Type()
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" || (!f.IsExported() && !f.Anonymous) {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		fv := v.Field(i)
		if f.Anonymous && name == "" {
			if err := writeMembers(b, fv, first); err != nil {
				return err
			}
			continue
		}
		if name == "" {
			name = f.Name
		}
		if strings.Contains(opts, "omitempty") && isEmpty(fv) {
			continue
		}
		var val any = fv.Interface()
		switch {
		case f.Type == timeType:
			val = unix(fv.Interface().(time.Time))
		case f.Type.Kind() == reflect.Bool && f.Tag.Get("wire") == "01":
			val = 0
			if fv.Bool() {
				val = 1
			}
		}
		enc, err := json.Marshal(val)
		if err != nil {
			return err
		}
		key, _ := json.Marshal(name)
		if !*first {
			b.WriteByte(',')
		}
		*first = false
		b.Write(key)
		b.WriteByte(':')
		b.Write(enc)
	}
	return nil
}

// isEmpty reports what encoding/json's omitempty leaves out.
func isEmpty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64, reflect.Interface, reflect.Pointer:
		return v.IsZero()
	}
	return false
}

// MarshalJSON renders the network in Everflow's wire format.
func (n Network) MarshalJSON() ([]byte, error) { return wireJSON(n) }

// MarshalJSON renders the affiliate in Everflow's wire format.
func (a Affiliate) MarshalJSON() ([]byte, error) { return wireJSON(a) }

// MarshalJSON renders the user in Everflow's wire format.
func (u AffiliateUser) MarshalJSON() ([]byte, error) { return wireJSON(u) }

// MarshalJSON renders the advertiser in Everflow's wire format.
func (a Advertiser) MarshalJSON() ([]byte, error) { return wireJSON(a) }

// MarshalJSON renders the offer in Everflow's wire format.
func (o Offer) MarshalJSON() ([]byte, error) { return wireJSON(o) }

// MarshalJSON renders the entry in Everflow's wire format.
func (p PayoutRevenue) MarshalJSON() ([]byte, error) { return wireJSON(p) }

// MarshalJSON renders the conversion in Everflow's wire format.
func (c Conversion) MarshalJSON() ([]byte, error) { return wireJSON(c) }

// MarshalJSON renders the click in Everflow's wire format.
func (c Click) MarshalJSON() ([]byte, error) { return wireJSON(c) }

// MarshalJSON renders the postback configuration in Everflow's wire
// format.
func (p Pixel) MarshalJSON() ([]byte, error) { return wireJSON(p) }

// MarshalJSON renders the postback row in Everflow's wire format.
func (p PostbackLog) MarshalJSON() ([]byte, error) { return wireJSON(p) }

// UnmarshalJSON reads the wire format that MarshalJSON writes, so that
// Everflow's own examples can be loaded as records.
func (n *Network) UnmarshalJSON(b []byte) error { return unwireJSON(b, n) }

// UnmarshalJSON reads the wire format, as an affiliate create body sends
// it too.
func (a *Affiliate) UnmarshalJSON(b []byte) error { return unwireJSON(b, a) }

// UnmarshalJSON reads the wire format, as an affiliate create body sends
// its users.
func (u *AffiliateUser) UnmarshalJSON(b []byte) error { return unwireJSON(b, u) }

// UnmarshalJSON reads the wire format.
func (a *Advertiser) UnmarshalJSON(b []byte) error { return unwireJSON(b, a) }

// UnmarshalJSON reads the wire format.
func (o *Offer) UnmarshalJSON(b []byte) error { return unwireJSON(b, o) }

// UnmarshalJSON reads the wire format.
func (p *PayoutRevenue) UnmarshalJSON(b []byte) error { return unwireJSON(b, p) }

// UnmarshalJSON reads the wire format.
func (c *Conversion) UnmarshalJSON(b []byte) error { return unwireJSON(b, c) }

// UnmarshalJSON reads the wire format; is_unique may be 0/1 or a boolean.
func (c *Click) UnmarshalJSON(b []byte) error { return unwireJSON(b, c) }

// UnmarshalJSON reads the wire format.
func (p *Pixel) UnmarshalJSON(b []byte) error { return unwireJSON(b, p) }

// UnmarshalJSON reads the wire format, as Everflow's postback report
// example shows it.
func (p *PostbackLog) UnmarshalJSON(b []byte) error { return unwireJSON(b, p) }

// unwireJSON decodes a JSON object in the wire format into the struct
// that ptr points to: the inverse of wireJSON. Members it does not know
// are ignored, and so are null times.
func unwireJSON(b []byte, ptr any) error {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	return readMembers(m, reflect.ValueOf(ptr).Elem())
}

func readMembers(m map[string]json.RawMessage, v reflect.Value) error {
	t := v.Type()
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" || !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		if name == "" {
			name = f.Name
		}
		raw, ok := m[name]
		if !ok || bytes.Equal(bytes.TrimSpace(raw), []byte("null")) {
			continue
		}
		fv := v.Field(i)
		switch {
		case f.Type == timeType:
			var sec int64
			if err := json.Unmarshal(raw, &sec); err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
			fv.Set(reflect.ValueOf(fromUnix(sec)))
		case f.Type.Kind() == reflect.Bool && f.Tag.Get("wire") == "01":
			var n int
			if json.Unmarshal(raw, &n) == nil {
				fv.SetBool(n != 0)
				continue
			}
			if err := json.Unmarshal(raw, fv.Addr().Interface()); err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
		default:
			if err := json.Unmarshal(raw, fv.Addr().Interface()); err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
		}
	}
	return nil
}

// The views embed a record; each renders the record's members and its
// relationship as one object.

func (v affiliateView) MarshalJSON() ([]byte, error)  { return wireJSON(v) }
func (v advertiserView) MarshalJSON() ([]byte, error) { return wireJSON(v) }
func (v pixelView) MarshalJSON() ([]byte, error)      { return wireJSON(v) }

// stamp is the fake's now to the second, the precision of the wire.
func (s *Server) stamp() time.Time { return s.now().UTC().Truncate(time.Second) }
