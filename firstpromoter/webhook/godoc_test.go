package webhook

import (
	"reflect"
	"testing"

	"github.com/affiliatekit/affiliatekit-go/internal/doccheck"
	"github.com/affiliatekit/affiliatekit-go/internal/webhookkit"
)

// TestAliasDocsListEveryMember: go doc shows an alias's comment, not the
// internal type's, so each alias lists what the type has.
func TestAliasDocsListEveryMember(t *testing.T) {
	docs := doccheck.TypeDocs(t, ".")
	doccheck.ListsMembers(t, docs, "Store", reflect.TypeFor[webhookkit.Store]())
	doccheck.ListsMembers(t, docs, "MemoryStore", reflect.TypeFor[*webhookkit.MemoryStore]())
	doccheck.ListsMembers(t, docs, "ClaimState", reflect.TypeFor[webhookkit.ClaimState]())
}
