package transport

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRecordRefusesEmptyRecords(t *testing.T) {
	hasID := func(v *item) bool { return v.ID != 0 }
	for _, body := range []string{`null`, `{}`, `{"id":0}`} {
		t.Run(body, func(t *testing.T) {
			c, sc, _ := newTestClient(t, status(200, body))
			var v item
			_, err := c.Do(context.Background(), get("x"), Record(&v, "id", hasID))
			require.ErrorIs(t, err, ErrMalformedResponse)
			assert.ErrorContains(t, err, `no "id" in the record`)
			assert.NotErrorIs(t, err, ErrOutcomeUnknown)
			assert.Equal(t, DefaultMaxRetries+1, sc.count(), "a read is retried")

			c, sc, _ = newTestClient(t, status(201, body))
			_, err = c.Do(context.Background(), &Request{Method: http.MethodPost, Path: "x", Body: item{}}, Record(&v, "id", hasID))
			require.ErrorIs(t, err, ErrMalformedResponse)
			assert.ErrorIs(t, err, ErrOutcomeUnknown)
			assert.Equal(t, 1, sc.count(), "a write is sent once")
		})
	}
}

func TestRecordAcceptsARecordWithItsID(t *testing.T) {
	c, sc, _ := newTestClient(t, status(200, `null`), status(200, `{"id":7}`))
	v := item{ID: 99}
	_, err := c.Do(context.Background(), get("x"), Record(&v, "id", func(v *item) bool { return v.ID != 0 }))
	require.NoError(t, err)
	assert.Equal(t, int64(7), v.ID)
	assert.Equal(t, 2, sc.count())
}

func TestRequireSaysWhatIsMissing(t *testing.T) {
	type link struct {
		URL string `json:"url"`
	}
	c, _, _ := newTestClient(t, status(200, `{"url":""}`))
	var v link
	_, err := c.Do(context.Background(), get("x"), Require(&v, `no "url" in the answer`, func(v *link) bool { return v.URL != "" }))
	require.ErrorIs(t, err, ErrMalformedResponse)
	assert.ErrorContains(t, err, `no "url" in the answer`)
}

func TestRecordID(t *testing.T) {
	type intRec struct{ ID int64 }
	type strRec struct{ ID string }
	type noID struct{ Name string }
	assert.NoError(t, RecordID(&intRec{ID: 3}).Validate())
	assert.ErrorContains(t, RecordID(&intRec{}).Validate(), `no "id"`)
	assert.NoError(t, RecordID(&strRec{ID: "a"}).Validate())
	assert.Error(t, RecordID(&strRec{}).Validate())
	assert.Error(t, RecordID(&noID{Name: "x"}).Validate(), "a type without ID never passes")
}
