package firstpromotertest

import "github.com/affiliatekit/affiliatekit-go/firstpromoter"

// Client returns a client of the fake, like httptest.Server.Client: its
// base URL is the server's URL and it sends the credentials the fake
// accepts ([APIKey], [AccountID]); opts are applied after those. Pass
// [firstpromoter.WithClock] with a [Clock] so that retry and throttle
// waits take no real time.
func (s *Server) Client(opts ...firstpromoter.Option) (*firstpromoter.Client, error) {
	all := append([]firstpromoter.Option{
		firstpromoter.WithBaseURL(s.URL),
		firstpromoter.WithAPIKey(APIKey),
		firstpromoter.WithAccountID(AccountID),
	}, opts...)
	return firstpromoter.NewClient(all...)
}
