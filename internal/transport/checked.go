package transport

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
)

// Checked pairs a response value with a check of what the endpoint
// promises (an id, a link). Do runs the check inside its retry loop, as it
// runs a Validator's, so a read answered with JSON that decodes but lacks
// it is retried like any other malformed body; for a write the check
// turns the answer into ErrMalformedResponse without a retry.
type Checked[T any] struct {
	// V receives the decoded body.
	V *T
	// Check returns an error saying what is missing, or nil.
	Check func(*T) error
}

// UnmarshalJSON decodes into a zeroed V, so nothing of an earlier attempt
// is left over.
func (c *Checked[T]) UnmarshalJSON(b []byte) error {
	var zero T
	*c.V = zero
	return json.Unmarshal(b, c.V)
}

// Validate implements Validator.
func (c *Checked[T]) Validate() error { return c.Check(c.V) }

// Require returns a Checked decoding into v whose check fails with missing
// when ok reports that v lacks what the endpoint promises.
func Require[T any](v *T, missing string, ok func(*T) bool) *Checked[T] {
	return &Checked[T]{V: v, Check: func(v *T) error {
		if !ok(v) {
			return errors.New(missing)
		}
		return nil
	}}
}

// Record returns the Checked of a call that answers one record, decoding
// into v. hasID reports whether the decoded record carries its identifier
// (named field on the wire); when it does not, the answer is malformed.
// A body of null or {} decodes to a zero record, so one test of the
// identifier refuses them as it refuses a record whose identifier is zero.
func Record[T any](v *T, field string, hasID func(*T) bool) *Checked[T] {
	return Require(v, fmt.Sprintf("no %q in the record", field), hasID)
}

// RecordID is Record for the common case: the record's identifier is its
// exported ID field (an integer or a string), sent as "id"; zero or ""
// means the answer carried no record.
func RecordID[T any](v *T) *Checked[T] {
	return Record(v, "id", func(v *T) bool {
		f := reflect.ValueOf(v).Elem().FieldByName("ID")
		switch {
		case !f.IsValid():
			return false
		case f.CanInt():
			return f.Int() != 0
		case f.Kind() == reflect.String:
			return f.String() != ""
		}
		return false
	})
}
