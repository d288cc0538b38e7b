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

// quickHashIn must be quickHash of the same bytes, wherever the word sits.
func TestQuickHashIn(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 22))
	text := make([]byte, 64)
	for range 20000 {
		for k := range text {
			text[k] = byte(r.IntN(256))
		}
		i := r.IntN(len(text))
		e := i + r.IntN(min(12, len(text)-i)+1)
		if got, want := quickHashIn(text, i, e), quickHash(text[i:e]); got != want {
			t.Fatalf("quickHashIn(%q, %d, %d) = %x, quickHash = %x", text, i, e, got, want)
		}
	}
}
