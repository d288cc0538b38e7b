package classify

import (
	"math/rand/v2"
	"testing"
)

// appendLower must agree with the byte-at-a-time table on every byte value
// at every position of the eight-byte word, and leave dst's head alone.
func TestAppendLower(t *testing.T) {
	src := make([]byte, 0, 300)
	for i := range 256 {
		src = append(src, byte(i))
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 44 {
		src = append(src, byte(r.IntN(256)))
	}
	for start := range 9 {
		for end := start; end <= len(src); end += 7 {
			got := appendLower([]byte("HEAD"), src[start:end])
			if string(got[:4]) != "HEAD" {
				t.Fatalf("dst head changed: %q", got[:4])
			}
			for i, b := range src[start:end] {
				if got[4+i] != lowerTab[b] {
					t.Fatalf("appendLower(src[%d:%d]) byte %d (0x%02x) = 0x%02x, want 0x%02x", start, end, i, b, got[4+i], lowerTab[b])
				}
			}
		}
	}
}
