package webhookkit

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDecodeResource(t *testing.T) {
	type resource struct {
		ID   int64  `json:"id"`
		Name string `json:"name"`
	}
	tests := []struct {
		name    string
		data    string
		want    *resource
		wantErr string
	}{
		{"object", `{"id":7,"name":"a"}`, &resource{ID: 7, Name: "a"}, ""},
		{"wrong type", `{"id":"seven"}`, nil, "webhook: malformed payload: partner.created: json: cannot unmarshal"},
		{"not JSON", `{`, nil, "webhook: malformed payload: partner.created: unexpected end of JSON input"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DecodeResource[resource]([]byte(tt.data), "partner.created")
			if tt.wantErr != "" {
				assert.ErrorIs(t, err, ErrMalformedPayload)
				assert.Contains(t, err.Error(), tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}
