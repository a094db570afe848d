package transport

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// borrowingPage decodes {"n": ...} and keeps a copy of "name", as a
// BorrowedBody must.
type borrowingPage struct {
	N    int    `json:"n"`
	Name string `json:"name"`
}

func (p *borrowingPage) DecodeBody(b []byte) error {
	type plain borrowingPage
	return json.Unmarshal(b, (*plain)(p))
}

func (p *borrowingPage) BorrowsBody() {}

func TestBorrowedBodies(t *testing.T) {
	long := strings.Repeat("x", 3000)
	c, _, _ := newTestClient(t,
		status(http.StatusOK, `{"n":1,"name":"`+long+`"}`),
		status(http.StatusOK, `{"n":2,"name":"short"}`),
		status(http.StatusOK, `{"n":"three"}`),
		status(http.StatusOK, `{"n":4,"name":"`+strings.Repeat("y", 5000)+`"}`),
		status(http.StatusOK, `{"n":5}`),
	)
	ctx := context.Background()
	var pages []*borrowingPage
	var failed *Error
	for range 5 {
		// A POST is not retried, so the malformed body stays the third's.
		p := new(borrowingPage)
		_, err := c.Do(ctx, &Request{Method: http.MethodPost, Path: "pages"}, p)
		if err != nil {
			require.True(t, errors.As(err, &failed), "%v", err)
			continue
		}
		pages = append(pages, p)
	}
	require.Len(t, pages, 4)
	assert.Equal(t, &borrowingPage{N: 1, Name: long}, pages[0], "a decoded page keeps nothing of the body's memory")
	assert.Equal(t, &borrowingPage{N: 2, Name: "short"}, pages[1])
	assert.Equal(t, &borrowingPage{N: 4, Name: strings.Repeat("y", 5000)}, pages[2])
	assert.Equal(t, &borrowingPage{N: 5}, pages[3])
	require.NotNil(t, failed)
	assert.Equal(t, `{"n":"three"}`, string(failed.Body), "a body that fails to decode stays with its error")
}

func TestReadCappedUsesTheBufferGiven(t *testing.T) {
	tests := []struct {
		name          string
		buf           int
		hint          int64
		body          string
		limit         int64
		wantSame      bool
		wantErr       error
		wantBodyBytes string
	}{
		{"fits", 1024, 5, "hello", 100, true, nil, "hello"},
		{"unknown length", 1024, -1, "hello", 100, true, nil, "hello"},
		{"too small", 1024, 2000, strings.Repeat("z", 2000), 4000, false, nil, strings.Repeat("z", 2000)},
		{"none", 0, 5, "hello", 100, false, nil, "hello"},
		{"over the limit", 1024, -1, "hello", 3, true, errTooLarge, "hel"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			buf := make([]byte, tt.buf)
			got, err := readCapped(buf, strings.NewReader(tt.body), tt.limit, tt.hint)
			assert.ErrorIs(t, err, tt.wantErr)
			assert.Equal(t, tt.wantBodyBytes, string(got))
			assert.Equal(t, tt.wantSame, tt.buf > 0 && &buf[:1][0] == &got[:1][0])
		})
	}
}
