package fieldcopy

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

type inner struct{ N []int }

type src struct {
	A    string
	B    []string
	C    *inner
	M    map[string][]byte
	Diff int
	only bool
}

type dst struct {
	A    string
	B    []string
	C    *inner
	M    map[string][]byte
	Diff string
	only bool
}

func TestCopy(t *testing.T) {
	s := &src{A: "a", B: []string{"x"}, C: &inner{N: []int{1}}, M: map[string][]byte{"k": []byte("v")}, Diff: 3, only: true}
	d := &dst{Diff: "kept"}
	Copy(d, s)
	assert.Equal(t, &dst{A: "a", B: []string{"x"}, C: &inner{N: []int{1}}, M: map[string][]byte{"k": []byte("v")}, Diff: "kept"}, d)
	assert.False(t, d.only, "unexported fields are not copied")
	s.B[0], s.C.N[0], s.M["k"][0] = "changed", 9, 'w'
	assert.Equal(t, "x", d.B[0], "slices are copied")
	assert.Equal(t, 1, d.C.N[0], "pointers are copied, and what they hold")
	assert.Equal(t, "v", string(d.M["k"]), "maps are copied")

	Copy(nil, s)
	Copy(d, 3)
	assert.Nil(t, Clone[inner](nil))
	c := Clone(s.C)
	assert.Equal(t, s.C, c)
	assert.NotSame(t, s.C, c)
}
