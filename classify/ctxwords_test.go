package classify

import (
	"math/rand/v2"
	"testing"
)

// containsAny is what wordSet.in replaces: containsWord for every word.
func containsAny(hay []byte, words [][]byte) bool {
	for _, w := range words {
		if containsWord(hay, w) {
			return true
		}
	}
	return false
}

// TestWordSetMatchesContainsWord: for every built-in detector's context
// and lower-context words, on texts made of those words, their prefixes,
// extensions and noise, the one-pass set agrees with the word-by-word
// search.
func TestWordSetMatchesContainsWord(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	noise := []string{" ", "x", "s", "z", "Z", "Q", "1", ":", "-", "_", "é", "\n", "#", "(", "ab", "the "}
	checked, found := 0, 0
	for _, d := range Builtin() {
		c, err := compile(d, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, words := range [][][]byte{c.context, c.lowerCtx} {
			if len(words) == 0 {
				continue
			}
			ws := newWordSet(words)
			for range 60 {
				var hay []byte
				for range 1 + r.IntN(24) { // past eight bytes, in() reads eight at a time
					switch r.IntN(4) {
					case 0:
						w := words[r.IntN(len(words))]
						hay = append(hay, w[:1+r.IntN(len(w))]...) // a word or a prefix of one
					case 1:
						hay = append(hay, words[r.IntN(len(words))]...)
					default:
						hay = append(hay, noise[r.IntN(len(noise))]...)
					}
				}
				got, want := ws.in(hay), containsAny(hay, words)
				if got != want {
					t.Fatalf("%s: in(%q) = %v, containsWord says %v", d.ID, hay, got, want)
				}
				checked++
				if want {
					found++
				}
			}
		}
	}
	if found == 0 || found == checked {
		t.Fatalf("%d of %d texts held a word: the test does not tell the cases apart", found, checked)
	}
}

func FuzzWordSet(f *testing.F) {
	f.Add("phone,tel,ssn,date of birth", "my Tel: 555, phones")
	f.Add("abc,ab", "xabc ab abc")
	f.Fuzz(func(t *testing.T, list, hay string) {
		var words [][]byte
		for _, w := range splitComma(list) {
			if len(w) > 0 && len(w) < 20 {
				words = append(words, []byte(w))
			}
		}
		if len(words) == 0 || len(words) > 40 {
			return
		}
		ws := newWordSet(words)
		if got, want := ws.in([]byte(hay)), containsAny([]byte(hay), words); got != want {
			t.Fatalf("in(%q) over %q = %v, containsWord says %v", hay, words, got, want)
		}
	})
}

func splitComma(s string) []string {
	var out []string
	start := 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == ',' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return out
}
