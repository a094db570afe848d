// Command webhooks receives FirstPromoter, Refersion and PartnerStack
// webhooks and Everflow postbacks on one local server, then sends it sample
// deliveries: every event twice, to show that a redelivery is acknowledged
// but processed once, and one tampered body, to show that a delivery failing
// verification is answered 401 and reaches no callback.
//
//	go run ./examples/webhooks
//
// The webhook bodies in testdata/ are the samples the webhook packages are
// tested with; the Everflow postback is its template filled in the way
// Everflow fires it.
package main

import (
	"bytes"
	"context"
	"embed"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"time"

	efwebhook "github.com/affiliatekit/affiliatekit-go/everflow/webhook"
	"github.com/affiliatekit/affiliatekit-go/firstpromoter"
	fpwebhook "github.com/affiliatekit/affiliatekit-go/firstpromoter/webhook"
	"github.com/affiliatekit/affiliatekit-go/partnerstack"
	pswebhook "github.com/affiliatekit/affiliatekit-go/partnerstack/webhook"
	rfwebhook "github.com/affiliatekit/affiliatekit-go/refersion/webhook"
)

//go:embed testdata/*.json
var samples embed.FS

// Demo secrets. In production they come from each platform's settings:
// the subscription's secret_key, the Webhook Signing Secret, and tokens of
// your own in the registered PartnerStack URL and Everflow template.
const (
	firstPromoterSecret = "demo-firstpromoter-secret-key"
	refersionSecret     = "demo-refersion-signing-secret"
	partnerStackToken   = "demo-partnerstack-token"
	everflowToken       = "demo-everflow-token"
)

// everflowTemplate is the partner postback to register in Everflow, behind
// your host (https://example.com/postbacks/everflow?...).
const everflowTemplate = "/postbacks/everflow?tid={transaction_id}&cid={conversion_id}&oid={offer_id}" +
	"&payout={payout_amount}&s1={sub1}&ts={conversion_unix_timestamp}&token=" + everflowToken

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "webhooks:", err)
		os.Exit(1)
	}
}

// inbox records what the callbacks received since the last take.
type inbox struct {
	mu  sync.Mutex
	got []string
}

func (in *inbox) add(format string, args ...any) error {
	in.mu.Lock()
	defer in.mu.Unlock()
	in.got = append(in.got, fmt.Sprintf(format, args...))
	return nil
}

func (in *inbox) take() []string {
	in.mu.Lock()
	defer in.mu.Unlock()
	got := in.got
	in.got = nil
	return got
}

// newMux mounts the four receivers. They share one Store, which prefixes
// its keys with the platform; use a shared one (Redis, SQL) across replicas.
func newMux(in *inbox) (*http.ServeMux, error) {
	store := fpwebhook.NewMemoryStore(0)
	fp, fpErr := fpwebhook.NewHandler(fpwebhook.Callbacks{
		Commission: func(_ context.Context, _ *fpwebhook.Event, c *firstpromoter.Commission) error {
			return in.add("commission %d %s, %s %s", c.ID, c.Status, c.Amount, c.Unit)
		},
	}, fpwebhook.WithSecret(firstPromoterSecret), fpwebhook.WithStore(store))
	rf, rfErr := rfwebhook.NewHandler(rfwebhook.Callbacks{
		Affiliate: func(_ context.Context, _ *rfwebhook.Event, a *rfwebhook.Affiliate) error {
			return in.add("affiliate %s <%s> %s, offer %q", a.Code, a.Email, a.Status, a.OfferName)
		},
	}, rfwebhook.WithSecret(refersionSecret), rfwebhook.WithStore(store))
	ps, psErr := pswebhook.NewHandler(pswebhook.Callbacks{
		Partnership: func(_ context.Context, _ *pswebhook.Event, p *partnerstack.Partnership) error {
			group := ""
			if p.Group != nil {
				group = p.Group.Name
			}
			return in.add("partner %s <%s>, group %q", p.PartnerKey, p.Email, group)
		},
	}, pswebhook.WithSecretParam("token", partnerStackToken), pswebhook.WithStore(store))
	ef, efErr := efwebhook.NewHandler(everflowTemplate, efwebhook.Callbacks{
		Postback: func(_ context.Context, p *efwebhook.Postback) error {
			return in.add("transaction %s, offer %s, payout %v, sub1 %s, at %s", p.TransactionID,
				p.OfferID, p.Payout, p.Sub1, p.ConversionTime.Format(time.DateTime))
		},
	}, efwebhook.WithSecretParam("token", everflowToken), efwebhook.WithStore(store))
	if err := errors.Join(fpErr, rfErr, psErr, efErr); err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	mux.Handle("POST /webhooks/firstpromoter", fp)
	mux.Handle("POST /webhooks/refersion", rf)
	mux.Handle("POST /webhooks/partnerstack", ps)
	mux.Handle("/postbacks/everflow", ef) // GET, or POST with a form body
	return mux, nil
}

// delivery is one request a platform sends, and the status it expects.
type delivery struct {
	platform, event, note string
	method, target        string
	header                http.Header
	body                  []byte
	want                  int
}

// sample reads an embedded body; the files are part of the binary.
func sample(name string) []byte {
	b, err := samples.ReadFile("testdata/" + name)
	if err != nil {
		panic(err)
	}
	return b
}

func deliveries() []delivery {
	fp := sample("firstpromoter_commission_updated.json")
	rf := sample("refersion_affiliate_details_change.json")
	ps := sample("partnerstack_partnership_created.json")
	fpSigned := delivery{platform: "firstpromoter", event: fpwebhook.CommissionUpdated, method: http.MethodPost,
		target: "/webhooks/firstpromoter", body: fp, want: http.StatusOK,
		header: http.Header{fpwebhook.SignatureHeader: {fpwebhook.Sign(firstPromoterSecret, fp)}}}
	// The same signature over a body whose amount was raised on the way.
	tampered := fpSigned
	tampered.body = bytes.Replace(fp, []byte(`"amount": 2500`), []byte(`"amount": 250000`), 1)
	tampered.note, tampered.want = "(amount changed after signing)", http.StatusUnauthorized
	rfSigned := delivery{platform: "refersion", event: rfwebhook.TopicAffiliateDetailsChange, method: http.MethodPost,
		target: "/webhooks/refersion", body: rf, want: http.StatusOK,
		header: http.Header{rfwebhook.TopicHeader: {rfwebhook.TopicAffiliateDetailsChange},
			rfwebhook.SignatureHeader: {rfwebhook.Sign(refersionSecret, rf)}}}
	psToken := delivery{platform: "partnerstack", event: pswebhook.PartnershipCreated, method: http.MethodPost,
		target: "/webhooks/partnerstack?token=" + partnerStackToken, body: ps, want: http.StatusOK}
	// What Everflow requests when a conversion fires: the template with its
	// macros filled in (transaction, conversion and time as in Everflow's
	// postback report example).
	fired := strings.NewReplacer("{transaction_id}", "d5c6feef0d8f489fb91aa5cfb4d64f4e",
		"{conversion_id}", "a3371dd7b36849cbbfdd9c300b06fdb5", "{offer_id}", "11", "{payout_amount}", "12.50",
		"{sub1}", "spring", "{conversion_unix_timestamp}", "1707425899").Replace(everflowTemplate)
	efFired := delivery{platform: "everflow", event: "postback", method: http.MethodGet, target: fired, want: http.StatusOK}
	return []delivery{fpSigned, fpSigned, tampered, rfSigned, rfSigned, psToken, psToken, efFired, efFired}
}

// run starts the receiver on loopback, sends it every delivery and prints
// one line per delivery.
func run(w io.Writer) error {
	in := &inbox{}
	mux, err := newMux(in)
	if err != nil {
		return err
	}
	srv := httptest.NewUnstartedServer(mux)
	// Bound how long a client may take to send a request, so that a slow
	// one cannot hold a connection (the handlers cap bodies at 1 MiB).
	srv.Config.ReadHeaderTimeout = 5 * time.Second
	srv.Config.ReadTimeout = 10 * time.Second
	srv.Start()
	defer srv.Close()
	client := srv.Client()
	client.Timeout = 10 * time.Second

	for _, d := range deliveries() {
		req, err := http.NewRequest(d.method, srv.URL+d.target, bytes.NewReader(d.body))
		if err != nil {
			return err
		}
		maps.Copy(req.Header, d.header)
		resp, err := client.Do(req)
		if err != nil {
			return fmt.Errorf("%s %s: %w", d.platform, d.event, err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		got := in.take()
		outcome := "rejected"
		if resp.StatusCode/100 == 2 {
			outcome = "duplicate" // acknowledged without running the callback
			if len(got) > 0 {
				outcome = "processed"
			}
		}
		line := fmt.Sprintf("%-13s %-24s %d %-9s %s", d.platform, d.event, resp.StatusCode, outcome,
			strings.Join(append(got, d.note), " "))
		fmt.Fprintln(w, strings.TrimSpace(line))
		if resp.StatusCode != d.want {
			return fmt.Errorf("%s %s: status %d, want %d", d.platform, d.event, resp.StatusCode, d.want)
		}
	}
	return nil
}
