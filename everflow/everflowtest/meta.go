package everflowtest

import (
	"net/http"

	"github.com/affiliatekit/affiliatekit-go/internal/fakeserver"
)

func (s *Server) getTimezones(w http.ResponseWriter, _ *http.Request) {
	list, _ := timezones()
	fakeserver.WriteJSON(w, http.StatusOK, map[string]any{"timezones": list})
}
