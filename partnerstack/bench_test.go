package partnerstack_test

// Benchmarks of the list path. A local server answers with pre-rendered
// pages (recorded once from the fake, so they are the real wire format),
// and the same 10,000 partnerships are read once through the SDK's iterator
// and once through the loop a user would write with net/http and
// encoding/json. The README's "Performance" section has the commands and
// the measured numbers.

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/benchkit"
	"github.com/affiliatekit/affiliatekit-go/partnerstack"

	"github.com/affiliatekit/affiliatekit-go/partnerstack/partnerstacktest"
)

// benchRecords is how many partnerships one benchmark operation reads.
const benchRecords = 10_000

// benchPageKey names the page a request asks for: its cursor.
func benchPageKey(r *http.Request) string { return r.URL.Query().Get("starting_after") }

// listPartnershipsByHand is the baseline: what a user writes without the
// SDK. It sends the requests the SDK sends (same path, query and headers)
// and decodes each page's envelope in one pass into the SDK's own
// Partnership struct, following the cursor while has_more is true.
func listPartnershipsByHand(ctx context.Context, hc *http.Client, baseURL string, each func(*partnerstack.Partnership)) error {
	cursor := ""
	for {
		u := baseURL + "/partnerships?limit=" + strconv.Itoa(partnerstack.MaxPerPage)
		if cursor != "" {
			u += "&starting_after=" + url.QueryEscape(cursor)
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
		if err != nil {
			return err
		}
		req.Header.Set("Accept", "application/json")
		req.SetBasicAuth(partnerstacktest.PublicKey, partnerstacktest.SecretKey)
		resp, err := hc.Do(req)
		if err != nil {
			return err
		}
		var page struct {
			Data struct {
				HasMore bool                        `json:"has_more"`
				Items   []*partnerstack.Partnership `json:"items"`
			} `json:"data"`
		}
		err = json.NewDecoder(resp.Body).Decode(&page)
		_ = resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("GET %s: %s", u, resp.Status)
		}
		if err != nil {
			return err
		}
		for _, it := range page.Data.Items {
			each(it)
		}
		if !page.Data.HasMore || len(page.Data.Items) == 0 {
			return nil
		}
		cursor = page.Data.Items[len(page.Data.Items)-1].Key
	}
}

// listBench drives the list benchmarks below through internal/benchkit.
var listBench = benchkit.For(platform)

// BenchmarkListOverhead reads benchRecords records per operation through
// the hand-written loop (impl=nethttp) and through the SDK's iterator
// (impl=sdk). "benchstat -col /impl" puts the two side by side.
func BenchmarkListOverhead(b *testing.B) { listBench.Overhead(b) }

// BenchmarkListOverheadRatio runs the SDK and the hand-written loop in
// every operation, alternately, and reports the SDK's time and allocations
// as ratios of the loop's.
func BenchmarkListOverheadRatio(b *testing.B) { listBench.Ratio(b) }

// BenchmarkListParallel fetches one page per operation through a single
// shared client from 1 to 8 goroutines, with and without 1ms of simulated
// latency.
func BenchmarkListParallel(b *testing.B) { listBench.Parallel(b) }

// BenchmarkListVsPlainDecode measures the target for PartnerStack's list:
// its cost per record at most 1.2 times that of decoding the same bytes
// into plain structs with encoding/json. Each operation reads the same
// recorded pages three ways, taking turns at going first: through the
// SDK's Partnerships.List over a server replaying them (the whole list:
// requests, checks and decoding into Partnership); with json.Unmarshal of
// the page bodies, already in memory, into plainPartnership; and with a
// plain GET of each page from the same server, io.ReadAll and
// json.Unmarshal into plainPartnership. It reports the times per record
// and the SDK's ratios to the two plain reads: x-plain, the stricter
// reading (the SDK pays its loopback round trips and the in-process
// server's work, the plain side none), and x-plain-http (both sides
// fetch the bytes). The heap is collected, untimed, before each read, so
// that each side pays for its own garbage.
func BenchmarkListVsPlainDecode(b *testing.B) {
	pages, err := benchkit.Record(b, platform)
	if err != nil {
		b.Fatal(err)
	}
	srv := benchkit.NewServer(b, pages, benchPageKey, 0)
	c := platform.UserClient(b, srv.URL)
	sdk := func() int { return benchkit.Count(b, c.Partnerships.List(context.Background()), platform.Bench.Valid) }
	plain := func() int {
		n := 0
		for _, body := range pages {
			var page plainPage
			if err := json.Unmarshal(body, &page); err != nil {
				b.Fatal(err)
			}
			for _, p := range page.Data.Items {
				if p.Key != "" {
					n++
				}
			}
		}
		return n
	}
	hc := benchkit.BaselineClient()
	plainHTTP := func() int {
		n := 0
		for cursor := range pages {
			u := srv.URL + "/partnerships?limit=" + strconv.Itoa(partnerstack.MaxPerPage) + "&starting_after=" + url.QueryEscape(cursor)
			resp, err := hc.Get(u)
			if err != nil {
				b.Fatal(err)
			}
			body, err := io.ReadAll(resp.Body)
			_ = resp.Body.Close()
			if err != nil || resp.StatusCode != http.StatusOK {
				b.Fatalf("GET %s: %d, %v", u, resp.StatusCode, err)
			}
			var page plainPage
			if err := json.Unmarshal(body, &page); err != nil {
				b.Fatal(err)
			}
			for _, p := range page.Data.Items {
				if p.Key != "" {
					n++
				}
			}
		}
		return n
	}
	ops := [3]func() int{sdk, plain, plainHTTP}
	var took [3]time.Duration
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		for j := range 3 {
			k := (i + j) % 3
			runtime.GC() // each side starts from the same heap and pays for its own garbage
			start := time.Now()
			if n := ops[k](); n != benchRecords {
				b.Fatalf("read %d records, want %d", n, benchRecords)
			}
			took[k] += time.Since(start)
		}
	}
	records := float64(b.N * benchRecords)
	b.ReportMetric(float64(took[0].Nanoseconds())/records, "sdk-ns/record")
	b.ReportMetric(float64(took[1].Nanoseconds())/records, "plain-ns/record")
	b.ReportMetric(float64(took[2].Nanoseconds())/records, "plain-http-ns/record")
	b.ReportMetric(float64(took[0])/float64(took[1]), "x-plain")
	b.ReportMetric(float64(took[0])/float64(took[2]), "x-plain-http")
}

// plainPage is a list body as encoding/json reads it into plain structs.
type plainPage struct {
	Data struct {
		HasMore bool                `json:"has_more"`
		Items   []*plainPartnership `json:"items"`
		Total   *int                `json:"total"`
	} `json:"data"`
	Message string `json:"message"`
}

// plainPartnership has the JSON fields of partnerstack.Partnership in the
// types encoding/json decodes the wire format into unaided: timestamps as
// the epoch milliseconds sent, amounts as json.Number (exact, like the
// SDK's Amount), nested objects as plain structs of their own fields.
type plainPartnership struct {
	Key        string                 `json:"key"`
	PartnerKey string                 `json:"partner_key"`
	Email      string                 `json:"email"`
	FirstName  string                 `json:"first_name"`
	LastName   string                 `json:"last_name"`
	Group      *plainGroup            `json:"group"`
	JoinedAt   *int64                 `json:"joined_at"`
	Manager    map[string]any         `json:"manager"`
	MData      map[string]any         `json:"m_data"`
	Stats      map[string]json.Number `json:"stats"`
	Tags       []string               `json:"tags"`
	Team       *plainTeam             `json:"team"`
	Tier       *struct {
		Key  string `json:"key"`
		Name string `json:"name"`
	} `json:"tier"`
	Address *struct {
		Country string `json:"country"`
	} `json:"address"`
	Fields  []*plainField `json:"fields"`
	Claimed bool          `json:"claimed"`
	Company *struct {
		ID   int64  `json:"id"`
		Key  string `json:"key"`
		Name string `json:"name"`
	} `json:"company"`
	HasSubID   bool `json:"has_sub_id"`
	IsArchived bool `json:"is_archived"`
	Offers     []*struct {
		BaseRate    json.Number `json:"base_rate"`
		Currency    string      `json:"currency"`
		Description string      `json:"description"`
		Type        string      `json:"type"`
	} `json:"offers"`
	Status    string `json:"status"`
	Link      any    `json:"link"`
	CreatedAt int64  `json:"created_at"`
	UpdatedAt int64  `json:"updated_at"`
}

// plainGroup has the JSON fields of partnerstack.Group.
type plainGroup struct {
	Key      string `json:"key"`
	Name     string `json:"name"`
	Slug     string `json:"slug"`
	Archived bool   `json:"archived"`
	Default  bool   `json:"default"`
	Features struct {
		ApplicationEnabled bool `json:"application_enabled"`
		DealsEnabled       bool `json:"deals_enabled"`
		DisableLinkCreate  bool `json:"disable_link_create"`
		LeadsEnabled       bool `json:"leads_enabled"`
	} `json:"features"`
	CreatedAt int64 `json:"created_at"`
	UpdatedAt int64 `json:"updated_at"`
}

// plainTeam has the JSON fields of partnerstack.Team and its members.
type plainTeam struct {
	Key     string `json:"key"`
	Name    string `json:"name"`
	Members []*struct {
		Key       string `json:"key"`
		Email     string `json:"email"`
		FirstName string `json:"first_name"`
		LastName  string `json:"last_name"`
		CreatedAt int64  `json:"created_at"`
		UpdatedAt int64  `json:"updated_at"`
	} `json:"members"`
	CreatedAt int64 `json:"created_at"`
	UpdatedAt int64 `json:"updated_at"`
}

// plainField has the JSON fields of partnerstack.Field.
type plainField struct {
	APIName         string            `json:"api_name"`
	ExternalType    string            `json:"external_type"`
	FieldKey        string            `json:"field_key"`
	HelpText        string            `json:"help_text"`
	Hidden          bool              `json:"hidden"`
	InternalName    string            `json:"internal_name"`
	Name            string            `json:"name"`
	PlaceholderText string            `json:"placeholder_text"`
	Position        int               `json:"position"`
	Required        bool              `json:"required"`
	Type            string            `json:"type"`
	Value           any               `json:"value"`
	Options         map[string]string `json:"options"`
	DefaultValue    string            `json:"default_value"`
	MapsTo          any               `json:"maps_to"`
	Protected       bool              `json:"protected"`
}
