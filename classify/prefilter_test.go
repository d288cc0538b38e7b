package classify

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"testing"
)

// naiveHits finds keyword occurrences the slow, obvious way.
func naiveHits(keywords []string, text []byte) []kwHit {
	lowered := bytes.ToLower(text)
	var hits []kwHit
	for end := 1; end <= len(text); end++ {
		for k, kw := range keywords {
			if end >= len(kw) && bytes.Equal(lowered[end-len(kw):end], bytes.ToLower([]byte(kw))) {
				hits = append(hits, kwHit{kw: int32(k), end: end})
			}
		}
	}
	return hits
}

func sortHits(h []kwHit) {
	slices.SortFunc(h, func(a, b kwHit) int {
		if a.end != b.end {
			return a.end - b.end
		}
		return int(a.kw - b.kw)
	})
}

func TestPrefilterMatchesNaive(t *testing.T) {
	tests := []struct {
		name     string
		keywords []string
		text     string
	}{
		{"overlapping", []string{"hers", "she", "his", "usher"}, "ushers and his sHe HERS"},
		{"prefix of another", []string{"sk-", "sk-ant-", "sk-proj-"}, "key sk-ant-api03 and SK-PROJ-x and desk-top"},
		{"suffix chain", []string{"aaa", "aaaa", "aaaaa"}, "aaaaaa"},
		{"punctuation", []string{"://", "-----begin", "xoxb-"}, "postgres://u:p@h -----BEGIN KEY xoxb-1"},
		{"no match", []string{"akia"}, "nothing here at all"},
		{"empty text", []string{"xyz"}, ""},
		{"at the end", []string{"end"}, "the END"},
		{"short text", []string{"abc"}, "ab"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := newPrefilter(tt.keywords)
			if err != nil {
				t.Fatal(err)
			}
			got := a.find([]byte(tt.text), nil)
			want := naiveHits(tt.keywords, []byte(tt.text))
			sortHits(got)
			sortHits(want)
			if !slices.Equal(got, want) {
				t.Errorf("hits = %v, want %v", got, want)
			}
		})
	}
}

func TestPrefilterRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []byte("abAB-_:/")
	word := func(n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		return string(b)
	}
	for round := 0; round < 300; round++ {
		var kws []string
		seen := map[string]bool{}
		for len(kws) < 1+rng.IntN(12) {
			w := word(3 + rng.IntN(4))
			if !seen[string(bytes.ToLower([]byte(w)))] {
				seen[string(bytes.ToLower([]byte(w)))] = true
				kws = append(kws, w)
			}
		}
		a, err := newPrefilter(kws)
		if err != nil {
			t.Fatal(err)
		}
		text := []byte(word(rng.IntN(200)))
		got := a.find(text, nil)
		want := naiveHits(kws, text)
		sortHits(got)
		sortHits(want)
		if !slices.Equal(got, want) {
			t.Fatalf("round %d keywords %q text %q: hits = %v, want %v", round, kws, text, got, want)
		}
	}
}

func TestPrefilterRejectsShortKeyword(t *testing.T) {
	if _, err := newPrefilter([]string{"okay", "ok"}); err == nil {
		t.Fatal("two-byte keyword accepted")
	}
}

func FuzzPrefilter(f *testing.F) {
	f.Add("hers,she,his", "ushers")
	f.Add("://,-----begin", "a://b -----BEGIN")
	f.Fuzz(func(t *testing.T, kwList, text string) {
		var kws []string
		seen := map[string]bool{}
		for _, k := range bytes.Split([]byte(kwList), []byte(",")) {
			l := string(bytes.ToLower(k))
			if len(k) < 3 || len(k) > 16 || seen[l] {
				continue
			}
			seen[l] = true
			kws = append(kws, string(k))
		}
		if len(kws) == 0 || len(kws) > 32 {
			return
		}
		a, err := newPrefilter(kws)
		if err != nil {
			t.Fatal(err)
		}
		got := a.find([]byte(text), nil)
		want := naiveHits(kws, []byte(text))
		sortHits(got)
		sortHits(want)
		if !slices.Equal(got, want) {
			t.Fatalf("keywords %q text %q: hits = %v, want %v", kws, text, got, want)
		}
	})
}
