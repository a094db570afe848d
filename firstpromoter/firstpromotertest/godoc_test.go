package firstpromotertest

import (
	"reflect"
	"testing"

	"github.com/affiliatekit/affiliatekit-go/internal/doccheck"
	"github.com/affiliatekit/affiliatekit-go/internal/fakeserver"
	"github.com/affiliatekit/affiliatekit-go/internal/testclock"
)

// TestAliasDocsListEveryMember: go doc shows an alias's comment, not the
// internal type's, so each alias lists what the type has.
func TestAliasDocsListEveryMember(t *testing.T) {
	docs := doccheck.TypeDocs(t, ".")
	doccheck.ListsMembers(t, docs, "Fault", reflect.TypeFor[fakeserver.Fault]())
	doccheck.ListsMembers(t, docs, "RecordedRequest", reflect.TypeFor[fakeserver.RecordedRequest]())
	doccheck.ListsMembers(t, docs, "Clock", reflect.TypeFor[testclock.Clock]())
}
