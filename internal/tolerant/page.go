package tolerant

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync"
)

// Page is one page of a list as an API sends it: an object holding the
// records under Key beside other members, among them the page data under
// MetaKey, or a bare JSON array of the records. Set Key (and MetaKey, if
// any) and decode a body into it.
//
// The object is decoded in one encoding/json pass into a struct type made
// for the two keys, so the records are decoded where they stand; member
// names match as encoding/json matches them, case-insensitively, and a
// repeated member replaces the earlier one.
type Page[T, M any] struct {
	Key     string
	MetaKey string

	// Items are the records as sent, null entries included.
	Items []*T
	// Meta is the member under MetaKey, nil when absent or null.
	Meta *M
	// Found reports whether the body held the list: under Key (null
	// counts, as an empty list) or as a bare array.
	Found bool
}

// UnmarshalJSON decodes a page. It starts afresh, so a retried attempt
// keeps nothing of a failed one.
func (p *Page[T, M]) UnmarshalJSON(b []byte) error {
	p.Items, p.Meta, p.Found = nil, nil, false
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '[' {
		p.Found = true
		return json.Unmarshal(b, &p.Items)
	}
	v := reflect.New(pageType[T, M](p.Key, p.MetaKey))
	if err := json.Unmarshal(b, v.Interface()); err != nil {
		return err
	}
	p.Items = v.Elem().Field(0).Interface().([]*T)
	if p.MetaKey != "" {
		p.Meta = v.Elem().Field(1).Interface().(*M)
	}
	// Only a list that did not arrive costs a second look: null, or
	// missing.
	p.Found = p.Items != nil || hasMember(b, p.Key)
	return nil
}

// DecodeBody is UnmarshalJSON, for a caller that hands over a whole
// response body.
func (p *Page[T, M]) DecodeBody(b []byte) error { return p.UnmarshalJSON(b) }

// Validate reports a body that did not hold the list.
func (p *Page[T, M]) Validate() error {
	if !p.Found {
		return fmt.Errorf("the response has no %q list", p.Key)
	}
	return nil
}

type pageKey struct {
	items, meta  reflect.Type
	key, metaKey string
}

var pageTypes sync.Map // pageKey → reflect.Type

// pageType returns struct{ Items []*T `json:"<key>"`; Meta *M `json:"<metaKey>"` }
// (without Meta when metaKey is "").
func pageType[T, M any](key, metaKey string) reflect.Type {
	k := pageKey{reflect.TypeFor[[]*T](), reflect.TypeFor[*M](), key, metaKey}
	if t, ok := pageTypes.Load(k); ok {
		return t.(reflect.Type)
	}
	fields := []reflect.StructField{{Name: "Items", Type: k.items, Tag: reflect.StructTag("json:" + strconv.Quote(key))}}
	if metaKey != "" {
		fields = append(fields, reflect.StructField{Name: "Meta", Type: k.meta, Tag: reflect.StructTag("json:" + strconv.Quote(metaKey))})
	}
	t := reflect.StructOf(fields)
	pageTypes.Store(k, t)
	return t
}

// hasMember reports whether the JSON object b has a member named key,
// matched as encoding/json matches it.
func hasMember(b []byte, key string) bool {
	var m map[string]json.RawMessage
	if json.Unmarshal(b, &m) != nil {
		return false
	}
	for k := range m {
		if strings.EqualFold(k, key) {
			return true
		}
	}
	return false
}
