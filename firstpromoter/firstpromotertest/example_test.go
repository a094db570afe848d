package firstpromotertest_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter/firstpromotertest"
)

// The fake speaks the API's wire format; any HTTP client that sends both
// credentials can use it. Tests of the SDK pass Server.URL to the client's
// WithBaseURL instead.
func ExampleNewServer() {
	srv := firstpromotertest.NewServer(firstpromotertest.WithDemoData())
	defer srv.Close()

	req, _ := http.NewRequest(http.MethodGet, srv.URL+"/company/promoters?per_page=3", nil)
	req.Header.Set("Authorization", "Bearer "+firstpromotertest.APIKey)
	req.Header.Set("ACCOUNT-ID", firstpromotertest.AccountID)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer resp.Body.Close()

	var page struct {
		Data []firstpromotertest.Promoter `json:"data"`
		Meta struct {
			PendingCount int `json:"pending_count"`
		} `json:"meta"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&page); err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range page.Data {
		fmt.Printf("%d %-16s %s\n", p.ID, p.Name, p.PromoterCampaigns[0].State)
	}
	fmt.Println("pending:", page.Meta.PendingCount)
	// Output:
	// 5001 Olivia Bennett   accepted
	// 5002 Liam Carter      accepted
	// 5003 Emma Nguyen      accepted
	// pending: 3
}

// A bulk action over more than 5 ids runs in the background: poll the
// batch until it completes.
func ExampleServer_BatchProcesses() {
	srv := firstpromotertest.NewServer(firstpromotertest.WithDemoData())
	defer srv.Close()
	do := func(method, path, body string) *http.Response {
		req, _ := http.NewRequest(method, srv.URL+path, stringsReader(body))
		req.Header.Set("Authorization", "Bearer "+firstpromotertest.APIKey)
		req.Header.Set("ACCOUNT-ID", firstpromotertest.AccountID)
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			panic(err)
		}
		return resp
	}
	resp := do(http.MethodPost, "/company/commissions/approve", `{"ids":[40001,40002,40003,40004,40005,40006]}`)
	var b firstpromotertest.Batch
	_ = json.NewDecoder(resp.Body).Decode(&b)
	resp.Body.Close()
	fmt.Println(resp.StatusCode, b.Status, b.Progress)
	for b.Status != "completed" {
		resp = do(http.MethodGet, fmt.Sprintf("/company/batch_processes/%d", b.ID), "")
		_ = json.NewDecoder(resp.Body).Decode(&b)
		resp.Body.Close()
		fmt.Println(resp.StatusCode, b.Status, b.Progress)
	}
	fmt.Println(len(srv.BatchProcesses()), "batch,", b.ProcessedCount, "commissions approved")
	// Output:
	// 202 in_progress 0
	// 200 in_progress 50
	// 200 completed 100
	// 1 batch, 6 commissions approved
}

func stringsReader(s string) io.Reader {
	if s == "" {
		return nil
	}
	return strings.NewReader(s)
}
