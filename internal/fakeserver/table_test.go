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
	assert.Equal(t, "a", tb.At(1).ID)
	assert.Equal(t, "c", tb.Key(tb.At(2)))
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

func TestSortedTable(t *testing.T) {
	ids := func(rs []*row) []string {
		out := []string{}
		for _, r := range rs {
			out = append(out, r.ID)
		}
		return out
	}
	cases := []struct {
		name string
		put  []string
		del  []string
		want []string
	}{
		{name: "empty", want: []string{}},
		{name: "ascending", put: []string{"a", "b", "c"}, want: []string{"a", "b", "c"}},
		{name: "descending", put: []string{"c", "b", "a"}, want: []string{"a", "b", "c"}},
		{name: "middle", put: []string{"a", "d", "b", "c"}, want: []string{"a", "b", "c", "d"}},
		{name: "replace keeps place", put: []string{"b", "a", "b"}, want: []string{"a", "b"}},
		{name: "delete keeps order", put: []string{"a", "c", "e"}, del: []string{"c"}, want: []string{"a", "e"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tb := NewSortedTable(func(r *row) string { return r.ID })
			for i, k := range tc.put {
				tb.Put(&row{ID: k, N: i})
			}
			for _, k := range tc.del {
				assert.True(t, tb.Delete(k))
			}
			assert.Equal(t, tc.want, ids(tb.All()))
			assert.Equal(t, len(tc.want), tb.Len())
			for _, k := range tc.want {
				r, ok := tb.Get(k)
				assert.True(t, ok, "the index follows every move: %s", k)
				assert.Equal(t, k, r.ID)
			}
		})
	}
}

func TestTableValues(t *testing.T) {
	tb := NewTable(func(r *row) string { return r.ID })
	tb.Put(&row{ID: "a", N: 1})
	tb.Put(&row{ID: "b", N: 2})
	vs := tb.Values()
	assert.Equal(t, []row{{ID: "a", N: 1}, {ID: "b", N: 2}}, vs)
	vs[0].N = 100
	a, _ := tb.Get("a")
	assert.Equal(t, 1, a.N, "Values copies the records")
	assert.Equal(t, []row{}, NewTable(func(r *row) string { return r.ID }).Values())
}

func TestSeq(t *testing.T) {
	cases := []struct {
		name string
		in   []int64
		want []int64
	}{
		{name: "automatic", in: []int64{0, 0, 0}, want: []int64{101, 102, 103}},
		{name: "explicit above moves on", in: []int64{500, 0}, want: []int64{500, 501}},
		{name: "explicit below keeps place", in: []int64{5, 0, 0}, want: []int64{5, 101, 102}},
		{name: "explicit equal to next", in: []int64{0, 102, 0}, want: []int64{101, 102, 103}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := NewSeq(101)
			got := []int64{}
			for _, id := range tc.in {
				got = append(got, s.Assign(id))
			}
			assert.Equal(t, tc.want, got)
		})
	}
}
