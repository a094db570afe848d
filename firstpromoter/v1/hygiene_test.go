package v1_test

import (
	"testing"

	"github.com/affiliatekit/affiliatekit-go/internal/conformance"
)

// TestSecretHygiene drives a client through success, every error class,
// retries and debug logging, with reads by a promoter's auth token, which
// v1 takes in the query; it prints the client, its options and every
// error in every form, and finds neither the API key nor the token
// anywhere.
func TestSecretHygiene(t *testing.T) { conformance.SecretHygiene(t, platform) }
