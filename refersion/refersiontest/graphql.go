package refersiontest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"unicode"

	"github.com/affiliatekit/affiliatekit-go/internal/fakeserver"
	"github.com/affiliatekit/affiliatekit-go/refersion"
)

// GraphQL API of the fake: one endpoint, Server.GraphQLURL, serving the
// conversions, affiliates and offers queries as Refersion documents them.
const (
	// GraphQLToken is the X-Refersion-Key access token the fake's GraphQL
	// endpoint accepts.
	GraphQLToken = "gql_fake0123456789abcdef"
	// DefaultGraphQLPerPage is the rows a GraphQL list returns without first:.
	DefaultGraphQLPerPage = 50
	// MaxGraphQLPerPage caps first: (larger values are served 200 rows).
	MaxGraphQLPerPage = 200
	// rfsnAccount is the account number in the fake's referral parameters.
	rfsnAccount = "123456"
)

// gqlRoot is a root field of the fake's schema: its type name, the
// arguments it takes, the fields of its rows (a nested object lists its
// own), and its rows under the server lock.
type gqlRoot struct {
	typeName string
	args     []string
	fields   map[string][]string
	rows     func(s *Server, args map[string]int64) []map[string]any
}

var gqlRoots = map[string]gqlRoot{
	"conversions": {
		typeName: "Conversion",
		args:     []string{"created_from", "created_to", "first", "offset"},
		fields: map[string][]string{"id": nil, "affiliate": {"name", "email"}, "total": nil,
			"commission_total": nil, "currency": nil, "created": nil},
		rows: (*Server).gqlConversions,
	},
	"affiliates": {
		typeName: "Affiliate",
		args:     []string{"first", "offset"},
		fields:   map[string][]string{"status": nil, "name": nil, "email": nil, "rfsn_parameter": nil},
		rows:     (*Server).gqlAffiliates,
	},
	"offers": {
		typeName: "Offer",
		args:     []string{"first", "offset"},
		fields:   map[string][]string{"commission": nil, "type": nil},
		rows:     (*Server).gqlOffers,
	},
}

// gqlErr is one entry of the errors array.
type gqlErr struct {
	Message    string            `json:"message"`
	Extensions map[string]string `json:"extensions,omitempty"`
}

func writeGQLErrors(w http.ResponseWriter, status int, code, format string, a ...any) {
	e := gqlErr{Message: fmt.Sprintf(format, a...)}
	if code != "" {
		e.Extensions = map[string]string{"code": code}
	}
	fakeserver.WriteJSON(w, status, map[string]any{"data": nil, "errors": []gqlErr{e}})
}

// graphql serves the GraphQL endpoint. A missing or wrong token is
// answered 200 with an errors entry coded UNAUTHENTICATED, and a query the
// fake cannot parse or does not know with GRAPHQL_PARSE_FAILED or
// GRAPHQL_VALIDATION_FAILED: the fake's choices, Refersion documents
// neither.
func (s *Server) graphql(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		writeGQLErrors(w, http.StatusMethodNotAllowed, "", "GraphQL only supports POST requests.")
		return
	}
	if r.Header.Get("X-Refersion-Key") != GraphQLToken {
		writeGQLErrors(w, http.StatusOK, "UNAUTHENTICATED", "Invalid access token.")
		return
	}
	raw, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	var body struct {
		Query string `json:"query"`
	}
	if err := json.Unmarshal(raw, &body); err != nil || strings.TrimSpace(body.Query) == "" {
		writeGQLErrors(w, http.StatusBadRequest, "BAD_REQUEST", "Must provide query string.")
		return
	}
	q, err := parseQuery(body.Query)
	if err != nil {
		writeGQLErrors(w, http.StatusOK, "GRAPHQL_PARSE_FAILED", "Syntax Error: %v", err)
		return
	}
	root, ok := gqlRoots[q.root]
	if !ok {
		writeGQLErrors(w, http.StatusOK, "GRAPHQL_VALIDATION_FAILED", "Cannot query field %q on type \"Query\".", q.root)
		return
	}
	for name := range q.args {
		if !contains(root.args, name) {
			writeGQLErrors(w, http.StatusOK, "GRAPHQL_VALIDATION_FAILED", "Unknown argument %q on field \"Query.%s\".", name, q.root)
			return
		}
	}
	for _, f := range q.fields {
		sub, known := root.fields[f.name]
		if !known {
			writeGQLErrors(w, http.StatusOK, "GRAPHQL_VALIDATION_FAILED", "Cannot query field %q on type %q.", f.name, root.typeName)
			return
		}
		if (sub == nil) != (f.sub == nil) {
			writeGQLErrors(w, http.StatusOK, "GRAPHQL_VALIDATION_FAILED", "Field %q has a wrong selection.", f.name)
			return
		}
		for _, g := range f.sub {
			if !contains(sub, g.name) || g.sub != nil {
				writeGQLErrors(w, http.StatusOK, "GRAPHQL_VALIDATION_FAILED", "Cannot query field %q on field %q.", g.name, f.name)
				return
			}
		}
	}
	s.mu.Lock()
	rows := root.rows(s, q.args)
	s.mu.Unlock()
	first, offset := int64(DefaultGraphQLPerPage), int64(0)
	if v, ok := q.args["first"]; ok {
		first = min(max(v, 0), MaxGraphQLPerPage)
	}
	if v, ok := q.args["offset"]; ok {
		offset = max(v, 0)
	}
	lo, hi := min(offset, int64(len(rows))), min(offset+first, int64(len(rows)))
	out := make([]map[string]any, 0, hi-lo)
	for _, row := range rows[lo:hi] {
		out = append(out, q.selectFrom(row))
	}
	fakeserver.WriteJSON(w, http.StatusOK, map[string]any{"data": map[string]any{q.root: out}})
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// gqlConversions are the conversions in id order whose creation lies in
// [created_from, created_to], both bounds included (Refersion does not say
// whether created_to is).
func (s *Server) gqlConversions(args map[string]int64) []map[string]any {
	var rows []map[string]any
	for _, c := range s.conversions {
		at := c.Created.Unix()
		if from, ok := args["created_from"]; ok && at < from {
			continue
		}
		if to, ok := args["created_to"]; ok && at > to {
			continue
		}
		aff := map[string]any{"name": nil, "email": nil}
		if a := s.affiliate(c.AffiliateID); a != nil {
			aff = map[string]any{"name": strings.TrimSpace(a.FirstName + " " + a.LastName), "email": a.Email}
		}
		rows = append(rows, map[string]any{
			"id": strconv.FormatInt(c.ID, 10), "affiliate": aff, "total": c.Total.String(),
			"commission_total": c.CommissionTotal.String(), "currency": c.Currency,
			"created": strconv.FormatInt(at, 10),
		})
	}
	return rows
}

// gqlAffiliates are the affiliates in id order.
func (s *Server) gqlAffiliates(map[string]int64) []map[string]any {
	rows := make([]map[string]any, 0, s.affiliates.Len())
	for _, a := range s.affiliates.All() {
		rows = append(rows, map[string]any{
			"status": a.Status, "name": strings.TrimSpace(a.FirstName + " " + a.LastName), "email": a.Email,
			"rfsn_parameter": "&rfsn=" + rfsnAccount + "." + a.Code,
		})
	}
	return rows
}

// gqlOffers are the offers in the order stored, each with its Commission
// as a numeric string and its CommissionType (10, PERCENT_OF_SALE when
// unset).
func (s *Server) gqlOffers(map[string]int64) []map[string]any {
	rows := make([]map[string]any, 0, s.offers.Len())
	for _, o := range s.offers.All() {
		commission, kind := o.Commission.String(), o.CommissionType
		if o.Commission.IsZero() || o.Commission.IsNull() {
			commission = "10"
		}
		if kind == "" {
			kind = refersion.CommissionPercentOfSale
		}
		rows = append(rows, map[string]any{"commission": commission, "type": kind})
	}
	return rows
}

// gqlField is a field of a selection set.
type gqlField struct {
	name string
	sub  []gqlField
}

// gqlQueryDoc is a parsed query: one root field with integer arguments.
type gqlQueryDoc struct {
	root   string
	args   map[string]int64
	fields []gqlField
}

// selectFrom keeps the selected fields of a row.
func (q *gqlQueryDoc) selectFrom(row map[string]any) map[string]any {
	out := make(map[string]any, len(q.fields))
	for _, f := range q.fields {
		v := row[f.name]
		if m, ok := v.(map[string]any); ok && f.sub != nil {
			sub := make(map[string]any, len(f.sub))
			for _, g := range f.sub {
				sub[g.name] = m[g.name]
			}
			v = sub
		}
		out[f.name] = v
	}
	return out
}

// parseQuery parses the subset of GraphQL the documented queries use:
// "{ root(name: 123, ...) { field, nested { field } } }", optionally after
// the keyword query. Commas are insignificant, as in GraphQL.
func parseQuery(src string) (*gqlQueryDoc, error) {
	p := &gqlParser{toks: tokenize(src)}
	if p.peek() == "query" {
		p.next()
	}
	if err := p.expect("{"); err != nil {
		return nil, err
	}
	q := &gqlQueryDoc{root: p.next(), args: map[string]int64{}}
	if !isName(q.root) {
		return nil, fmt.Errorf("expected a field name, got %q", q.root)
	}
	if p.peek() == "(" {
		p.next()
		for p.peek() != ")" {
			name := p.next()
			if !isName(name) {
				return nil, fmt.Errorf("expected an argument name, got %q", name)
			}
			if err := p.expect(":"); err != nil {
				return nil, err
			}
			v, err := strconv.ParseInt(p.next(), 10, 64)
			if err != nil {
				return nil, fmt.Errorf("argument %s: expected an integer", name)
			}
			q.args[name] = v
		}
		p.next()
	}
	fields, err := p.selection()
	if err != nil {
		return nil, err
	}
	q.fields = fields
	if err := p.expect("}"); err != nil {
		return nil, err
	}
	if t := p.peek(); t != "" {
		return nil, fmt.Errorf("unexpected %q after the query", t)
	}
	return q, nil
}

type gqlParser struct {
	toks []string
	i    int
}

func (p *gqlParser) peek() string {
	if p.i < len(p.toks) {
		return p.toks[p.i]
	}
	return ""
}

func (p *gqlParser) next() string {
	t := p.peek()
	if p.i < len(p.toks) {
		p.i++
	}
	return t
}

func (p *gqlParser) expect(t string) error {
	if got := p.next(); got != t {
		return fmt.Errorf("expected %q, got %q", t, got)
	}
	return nil
}

// selection parses "{ a, b { c } }".
func (p *gqlParser) selection() ([]gqlField, error) {
	if err := p.expect("{"); err != nil {
		return nil, err
	}
	var out []gqlField
	for p.peek() != "}" {
		name := p.next()
		if !isName(name) {
			return nil, fmt.Errorf("expected a field name, got %q", name)
		}
		f := gqlField{name: name}
		if p.peek() == "{" {
			sub, err := p.selection()
			if err != nil {
				return nil, err
			}
			f.sub = sub
		}
		out = append(out, f)
	}
	p.next()
	if len(out) == 0 {
		return nil, fmt.Errorf("empty selection")
	}
	return out, nil
}

func isName(t string) bool {
	if t == "" {
		return false
	}
	for i, r := range t {
		if !(r == '_' || unicode.IsLetter(r) || (i > 0 && unicode.IsDigit(r))) {
			return false
		}
	}
	return true
}

// tokenize splits a query into names, integers and punctuation, dropping
// white space and commas.
func tokenize(src string) []string {
	var toks []string
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == ',' || c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case strings.IndexByte("{}():", c) >= 0:
			toks = append(toks, string(c))
			i++
		default:
			j := i
			for j < len(src) && strings.IndexByte("{}():, \t\n\r", src[j]) < 0 {
				j++
			}
			toks = append(toks, src[i:j])
			i = j
		}
	}
	return toks
}
