package webhookkit

import (
	"encoding/hex"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestHMACSHA256KnownVector(t *testing.T) {
	// RFC 4231, test case 2.
	got := HMACSHA256("Jefe", []byte("what do ya want for nothing?"))
	assert.Equal(t, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", hex.EncodeToString(got))
}

func TestEqual(t *testing.T) {
	assert.True(t, EqualString("abc", "abc"))
	assert.False(t, EqualString("abc", "abd"))
	assert.False(t, EqualString("abc", "abcd"))
	assert.True(t, EqualString("", ""))
	assert.True(t, EqualBytes([]byte{1, 2}, []byte{1, 2}))
	assert.False(t, EqualBytes([]byte{1, 2}, []byte{1}))
}

func TestDigest(t *testing.T) {
	assert.Len(t, Digest([]byte("x")), 64)
	assert.Equal(t, Digest([]byte("a"), []byte("b")), Digest([]byte("a"), []byte("b")))
	assert.NotEqual(t, Digest([]byte("ab"), []byte("")), Digest([]byte("a"), []byte("b")), "parts are delimited")
}
