package classify

import (
	"math/rand/v2"
	"strconv"
	"testing"
)

// Internal micro-benchmarks of the two passes every byte goes through. The
// package's own tests cannot import internal/synth (it imports classify), so
// the text is a simple word salad with numbers, dates and URLs.

func benchText(b *testing.B) []byte {
	words := []string{"the", "data", "was", "passed", "to", "our", "model", "after", "review", "and", "laws",
		"secret", "garden", "basis", "asia", "keys", "they", "said", "again", "night", "work", "v1.2.3", "2024-03-15",
		"14:05:09", "$1,299.99", "https://docs.python.org/3/", "e.g.", "ORD-2024-001234", "@alice", "42", "3.5%"}
	rng := rand.New(rand.NewPCG(1, 1))
	var text []byte
	for len(text) < 1<<20 {
		text = append(text, words[rng.IntN(len(words))]...)
		if rng.IntN(12) == 0 {
			text = append(text, ". "...)
			text = strconv.AppendInt(text, int64(rng.IntN(100000)), 10)
		}
		text = append(text, ' ')
	}
	return text
}

func BenchmarkPrefilter(b *testing.B) {
	k, _ := NewKey([]byte("0123456789abcdef0123"), "test")
	e, _ := NewEngine(k, Builtin(), Options{})
	text := benchText(b)

	b.SetBytes(int64(len(text)))
	var hits []kwHit
	for b.Loop() {
		hits = e.ac.find(text, hits[:0])
	}
}

// BenchmarkPrepass measures the one loop every byte goes through: keyword
// trigrams and anchor shapes, with the vector code where it runs and in Go.
func BenchmarkPrepass(b *testing.B) {
	k, _ := NewKey([]byte("0123456789abcdef0123"), "test")
	e, _ := NewEngine(k, Builtin(), Options{})
	text := benchText(b)
	for _, vec := range []bool{true, false} {
		if vec && !vecPrepass {
			continue
		}
		s := e.NewScanner()
		s.vec = vec
		b.Run(map[bool]string{true: "vector", false: "go"}[vec], func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			for b.Loop() {
				for off := 0; off < len(text); off += 4096 {
					s.reset()
					s.hits = s.hits[:0]
					s.prepass(text[off:min(off+4096, len(text))])
				}
			}
		})
	}
}
