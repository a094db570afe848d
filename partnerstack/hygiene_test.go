package partnerstack_test

import (
	"testing"

	"github.com/affiliatekit/affiliatekit-go/internal/conformance"
)

// TestSecretHygiene drives both clients through success, every error
// class, retries and debug logging, prints the clients, their options and
// every error in every form, and finds the credentials nowhere (nor the
// base64 of the basic credential pair).
func TestSecretHygiene(t *testing.T) { conformance.SecretHygiene(t, platform) }
