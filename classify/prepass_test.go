package classify_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/residuehq/residue/classify"
	"github.com/residuehq/residue/internal/synth"
)

// scanFields scans text in fields of size bytes and lists the findings.
func scanFields(s *classify.Scanner, text []byte, size int) []string {
	var out []string
	for off, r := range records(text, size) {
		s.Scan("text", r, func(f classify.Finding) {
			out = append(out, fmt.Sprintf("%d %s %d+%d %s %s", off, f.InfoType, f.Offset, f.Length, f.Likelihood, f.Fingerprint))
		})
	}
	return out
}

// TestVectorPrepassAgrees scans the benchmark corpora and random bytes with
// the vector prepass and without it: the findings must be the same.
func TestVectorPrepassAgrees(t *testing.T) {
	if !classify.VectorPrepass {
		t.Skip("no vector prepass on this machine")
	}
	e := testEngine(t, classify.Options{})
	vec, scalar := e.NewScanner(), e.NewScanner()
	classify.SetVectorPrepassForTest(scalar, false)
	rng := rand.New(rand.NewPCG(3, 4))
	random := make([]byte, 1<<20)
	for i := range random {
		// Bytes around the class edges of the masks, and plenty of text.
		const edges = "09/:;@AZ[`az{-.,\xbf\xc0\xc3\xff 1aA"
		random[i] = edges[rng.IntN(len(edges))]
		if rng.IntN(3) == 0 {
			random[i] = byte(rng.IntN(256))
		}
	}
	for name, text := range map[string][]byte{
		"prose":  synth.Prose(4<<20, 7),
		"plain":  synth.PlainProse(2<<20, 7),
		"dense":  synth.Dense(4<<20, 7),
		"random": random,
	} {
		for _, size := range []int{4096, 200, 37} {
			want := scanFields(scalar, text, size)
			got := scanFields(vec, text, size)
			if !slices.Equal(got, want) {
				for i := range min(len(got), len(want)) {
					if got[i] != want[i] {
						t.Fatalf("%s in %d-byte fields: finding %d: vector %s, scalar %s", name, size, i, got[i], want[i])
					}
				}
				t.Fatalf("%s in %d-byte fields: %d findings with the vector prepass, %d without", name, size, len(got), len(want))
			}
			if name == "dense" && size == 4096 && len(want) < 1000 {
				t.Fatalf("dense corpus: only %d findings", len(want))
			}
		}
	}
}
