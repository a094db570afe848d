package v1

import (
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/affiliatekit/affiliatekit-go/internal/doccheck"
	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// TestAliasDocsListEveryMember: go doc shows an alias's comment, not the
// internal type's, so each alias lists what the type has.
func TestAliasDocsListEveryMember(t *testing.T) {
	docs := doccheck.TypeDocs(t, ".")
	doccheck.ListsMembers(t, docs, "Error", reflect.TypeFor[transport.Error]())
	doccheck.ListsMembers(t, docs, "Response", reflect.TypeFor[transport.Response]())
	doccheck.ListsMembers(t, docs, "RateLimit", reflect.TypeFor[transport.RateLimit]())
	doccheck.ListsMembers(t, docs, "Clock", reflect.TypeFor[transport.Clock]())
	assert.Contains(t, docs["Amount"], "String() string")
	assert.Equal(t, transport.Version, Version)
}
