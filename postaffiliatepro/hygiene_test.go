package postaffiliatepro_test

import (
	"testing"

	"github.com/affiliatekit/affiliatekit-go/internal/conformance"
)

// TestSecretHygiene drives a client through success, every error class,
// retries and debug logging, prints the client, its options and every
// error in every form, and finds the credentials nowhere.
func TestSecretHygiene(t *testing.T) { conformance.SecretHygiene(t, platform) }
