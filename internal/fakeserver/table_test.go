package fakeserver

import (
	"cmp"
	"testing"

	"github.com/stretchr/testify/assert"
)

type row struct {
	ID   string
	Name string
	N    int
}

func TestTable(t *testing.T) {
	tb := NewTable(func(r *row) string { return r.ID })
	tb.Put(&row{ID: "b", N: 2})
	tb.Put(&row{ID: "a", N: 1})
	tb.Put(&row{ID: "c", N: 3})
	tb.Put(&row{ID: "b", N: 20, Name: "replaced"})
	assert.Equal(t, 3, tb.Len())
	r, ok := tb.Get("b")
	assert.True(t, ok)
	assert.Equal(t, "replaced", r.Name)
	ids := func(rs []*row) []string {
		var out []string
		for _, r := range rs {
			out = append(out, r.ID)
		}
		return out
	}
	assert.Equal(t, []string{"b", "a", "c"}, ids(tb.All()), "insertion order, a replaced record in its place")
	assert.Equal(t, []string{"b", "c"}, ids(tb.Filter(func(r *row) bool { return r.N > 1 })))
	f, ok := tb.Find(func(r *row) bool { return r.N == 3 })
	assert.True(t, ok)
	assert.Equal(t, "c", f.ID)

	assert.True(t, tb.Delete("b"))
	assert.False(t, tb.Delete("b"))
	_, ok = tb.Get("b")
	assert.False(t, ok)
	c, ok := tb.Get("c")
	assert.True(t, ok, "the index follows a deletion")
	assert.Equal(t, 3, c.N)

	tb.Put(&row{ID: "0", N: 0})
	tb.Sort(func(a, b *row) int { return cmp.Compare(a.ID, b.ID) })
	assert.Equal(t, []string{"0", "a", "c"}, ids(tb.All()))
	z, _ := tb.Get("0")
	assert.Equal(t, "0", z.ID)

	s := ""
	OrDefault(&s, "active")
	assert.Equal(t, "active", s)
	OrDefault(&s, "other")
	assert.Equal(t, "active", s)
}
