package v1test

import v1 "github.com/affiliatekit/affiliatekit-go/firstpromoter/v1"

// Client returns a client of the fake, like httptest.Server.Client: its
// base URL is the server's URL and it sends the key the fake accepts
// ([APIKey]); opts are applied after those. Pass v1.WithClock with a
// [Clock] so that retry and throttle waits take no real time.
func (s *Server) Client(opts ...v1.Option) (*v1.Client, error) {
	all := append([]v1.Option{v1.WithBaseURL(s.URL), v1.WithAPIKey(APIKey)}, opts...)
	return v1.NewClient(all...)
}
