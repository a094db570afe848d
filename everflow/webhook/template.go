package webhook

import (
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
)

// Template is a postback URL template: which query parameter carries which
// macro.
type Template struct {
	// params maps a query parameter to the macro its value holds.
	params map[string]string
}

var (
	macroRE   = regexp.MustCompile(`^\{([A-Za-z0-9_]+)\}$`)
	anyMacro  = regexp.MustCompile(`\{[^{}]*\}`)
	errNoMacs = errors.New("the template has no query parameter holding a macro such as {transaction_id}")
)

// ParseTemplate reads a postback URL template: an absolute URL, a path with
// a query, or just the query ("tid={transaction_id}&p={payout_amount}").
// Every query parameter whose value is exactly one macro is mapped;
// parameters with literal values are ignored. A parameter that mixes a
// macro with text, or a macro in the path, is an error: its value could
// not be read back.
func ParseTemplate(tmpl string) (*Template, error) {
	tmpl = strings.TrimSpace(tmpl)
	var path, rawQuery string
	if i := strings.IndexByte(tmpl, '?'); i >= 0 {
		path, rawQuery = tmpl[:i], tmpl[i+1:]
	} else if strings.Contains(tmpl, "=") {
		rawQuery = tmpl
	} else {
		path = tmpl
	}
	if i := strings.IndexByte(rawQuery, '#'); i >= 0 {
		rawQuery = rawQuery[:i]
	}
	if anyMacro.MatchString(path) {
		// The template is not quoted: it may carry a shared secret.
		return nil, errors.New("everflow/webhook: template: macros in the path are not supported; pass them as query parameters")
	}
	q, err := url.ParseQuery(rawQuery)
	if err != nil {
		return nil, fmt.Errorf("everflow/webhook: template query: %w", err)
	}
	t := &Template{params: make(map[string]string)}
	for name, values := range q {
		for _, v := range values {
			m := macroRE.FindStringSubmatch(v)
			switch {
			case m != nil:
				macro := strings.ToLower(m[1])
				if prev, ok := t.params[name]; ok && prev != macro {
					return nil, fmt.Errorf("everflow/webhook: template parameter %q holds two macros", name)
				}
				t.params[name] = macro
			case anyMacro.MatchString(v):
				return nil, fmt.Errorf("everflow/webhook: template parameter %q mixes a macro with text; give each macro its own parameter", name)
			}
		}
	}
	if len(t.params) == 0 {
		return nil, fmt.Errorf("everflow/webhook: %w", errNoMacs)
	}
	return t, nil
}

// Params returns the template's macro parameters, sorted.
func (t *Template) Params() []string {
	names := make([]string, 0, len(t.params))
	for n := range t.params {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// Macro returns the macro the query parameter name carries.
func (t *Template) Macro(name string) (string, bool) {
	m, ok := t.params[name]
	return m, ok
}

// Parse reads a postback's query values (for a request r,
// r.URL.Query()). The error wraps ErrMalformedPayload when none of the
// template's parameters is present, or when a typed field's value does not
// parse.
func (t *Template) Parse(q url.Values) (*Postback, error) {
	values := make(map[string]string, len(t.params))
	present := false
	for name, macro := range t.params {
		vs, ok := q[name]
		if !ok {
			continue
		}
		present = true
		v := ""
		if len(vs) > 0 {
			v = strings.TrimSpace(vs[0])
		}
		if strings.EqualFold(v, "{"+macro+"}") {
			v = "" // not substituted: Everflow had no value
		}
		values[macro] = v
	}
	if !present {
		return nil, fmt.Errorf("%w: none of the template's parameters (%s) is in the request",
			ErrMalformedPayload, strings.Join(t.Params(), ", "))
	}
	return newPostback(values)
}
