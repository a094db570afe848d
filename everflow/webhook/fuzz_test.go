package webhook

import (
	"net/url"
	"testing"
)

// FuzzParseTemplate feeds arbitrary templates to ParseTemplate: an error
// or a template with at least one macro parameter, never a panic.
func FuzzParseTemplate(f *testing.F) {
	f.Add(docsTemplate)
	f.Add(fullTemplate)
	f.Add("tid={transaction_id}&x=T{sub1}")
	f.Add("/p/{sub1}?a=%zz")
	f.Fuzz(func(t *testing.T, tmpl string) {
		tp, err := ParseTemplate(tmpl)
		if err != nil {
			return
		}
		if len(tp.Params()) == 0 {
			t.Fatalf("template %q parsed with no macro parameters", tmpl)
		}
	})
}

// FuzzTemplateParse feeds arbitrary query strings to a full template.
func FuzzTemplateParse(f *testing.F) {
	tmpl, err := ParseTemplate(fullTemplate)
	if err != nil {
		f.Fatal(err)
	}
	f.Add("tid=d5c6feef0d8f489fb91aa5cfb4d64f4e")
	f.Add("tid=t&po=1,234.5&ts=1707425899000&cts=2024-02-08%2020:58:19&sale=%7Bsale_amount%7D")
	f.Add("po=1e400&ts=-1")
	f.Fuzz(func(t *testing.T, rawQuery string) {
		q, err := url.ParseQuery(rawQuery)
		if err != nil {
			return
		}
		p, err := tmpl.Parse(q)
		if err != nil {
			return
		}
		if p.ID == "" || p.Values == nil {
			t.Fatalf("postback without id or values for %q", rawQuery)
		}
	})
}
