package classify_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/residuehq/residue/classify"
	"github.com/residuehq/residue/internal/synth"
)

// scanFields scans text in fields of size bytes and lists the findings.
func scanFields(s *classify.Scanner, text []byte, size int) []string {
	var out []string
	for off, r := range records(text, size) {
		s.Scan("text", r, func(f classify.Finding) {
			out = append(out, fmt.Sprintf("%d %s %d+%d %s %s %s", off, f.InfoType, f.Offset, f.Length, f.Likelihood, f.Encoding, f.Fingerprint))
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
	// Percent-encoded and JSON-escaped values, which the vector pass finds
	// among its anchors and the Go pass with a search of its own, beside
	// numbers, percentages and stray escape bytes.
	var esc strings.Builder
	for esc.Len() < 1<<20 {
		user := fmt.Sprintf("user%d", rng.IntN(1000))
		switch rng.IntN(6) {
		case 0:
			esc.WriteString("see https://x.io/?to=" + user + "%40mail.org&n=" + fmt.Sprint(rng.IntN(99)) + "% off ")
		case 1:
			esc.WriteString(`{"msg": "mail ` + user + `\u0040mail.org \"now\"", "n": ` + fmt.Sprint(rng.IntN(9999)) + "} ")
		case 2:
			esc.WriteString("up 12.5% in 2024-03-15, 100%% sure \\ path\\to ")
		case 3:
			esc.WriteString("pw%3D" + user + "%20and%20card%20" + fmt.Sprint(4000_0000_0000_0000+rng.IntN(1e9)) + " ")
		case 4:
			esc.WriteString(`a\nb\tc\/` + user + `\u0040x.org%`)
		default:
			esc.WriteString("plain words between the escapes, and more of them. ")
		}
	}
	for name, text := range map[string][]byte{
		"prose":   synth.Prose(4<<20, 7),
		"plain":   synth.PlainProse(2<<20, 7),
		"dense":   synth.Dense(4<<20, 7),
		"random":  random,
		"escapes": []byte(esc.String()),
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
			if name == "escapes" && size == 4096 {
				decoded := 0
				for _, f := range want {
					if strings.Contains(f, " url ") || strings.Contains(f, " json-escape ") {
						decoded++
					}
				}
				if decoded < 5000 {
					t.Fatalf("escapes corpus: only %d findings in escaped text", decoded)
				}
			}
		}
	}
}
