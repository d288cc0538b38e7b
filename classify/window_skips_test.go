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

// TestTokenWindowsAgree checks that skipping the windows a token-reading
// finder would open again inside one token (findsTokens) changes no
// finding: the catalog with and without the skip, on the dense corpus and
// on text thick with addresses glued into tokens of every length around
// tokenReach.
func TestTokenWindowsAgree(t *testing.T) {
	key, err := classify.NewKey([]byte("test key, 32 bytes long........"), "test")
	if err != nil {
		t.Fatal(err)
	}
	engine := func(skip bool) *classify.Engine {
		ds, n := classify.WithTokenSkip(classify.Builtin(), skip)
		if n == 0 {
			t.Fatal("no detector reads whole tokens; the test checks nothing")
		}
		e, err := classify.NewEngine(key, ds, classify.Options{})
		if err != nil {
			t.Fatal(err)
		}
		return e
	}
	with, without := engine(true).NewScanner(), engine(false).NewScanner()

	r := rand.New(rand.NewPCG(5, 6))
	var sb strings.Builder
	const alnum = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ0123456789"
	for sb.Len() < 1<<20 {
		addr := classify.IDTestValue(r, []string{"btc", "bech32"}[r.IntN(2)])
		// Letters and digits glued before and after, up to past tokenReach.
		for range r.IntN(3) * r.IntN(40) {
			sb.WriteByte(alnum[r.IntN(len(alnum))])
		}
		sb.WriteString(addr)
		for range r.IntN(3) * r.IntN(40) {
			sb.WriteByte(alnum[r.IntN(len(alnum))])
		}
		sb.WriteString([]string{" ", ". ", "\n", "/", " ab12cd34 "}[r.IntN(5)])
	}
	found := 0
	for name, text := range map[string][]byte{"tokens": []byte(sb.String()), "dense": synth.Dense(2<<20, 9)} {
		for _, size := range []int{4096, 300} {
			var got, want []string
			for off := 0; off < len(text); off += size {
				rec := text[off:min(off+size, len(text))]
				with.Scan("text", rec, func(f classify.Finding) {
					got = append(got, fmt.Sprintf("%d %s %d+%d %s", off, f.InfoType, f.Offset, f.Length, f.Likelihood))
				})
				without.Scan("text", rec, func(f classify.Finding) {
					want = append(want, fmt.Sprintf("%d %s %d+%d %s", off, f.InfoType, f.Offset, f.Length, f.Likelihood))
				})
			}
			if !slices.Equal(got, want) {
				t.Fatalf("%s in %d-byte fields: %d findings with the skip, %d without", name, size, len(got), len(want))
			}
			for _, f := range got {
				if strings.Contains(f, classify.CryptoWalletAddress) {
					found++
				}
			}
		}
	}
	if found < 1000 {
		t.Errorf("only %d wallet findings: the test checks too little", found)
	}
}

// TestLeftEdgeSkipAgrees checks that skipping, after a rejected match, the
// starts whose left edge fails loses no finding: the catalog with and
// without the skip, on the corpora and on hex, dotted and grouped numbers
// glued to letters, digits and separators.
func TestLeftEdgeSkipAgrees(t *testing.T) {
	with, without := testEngine(t, classify.Options{}), testEngine(t, classify.Options{})
	classify.WithoutLeftEdgeSkip(without)
	ws, wos := with.NewScanner(), without.NewScanner()
	r := rand.New(rand.NewPCG(12, 13))
	const glue = "aZ9_-.:,/ @x"
	var sb strings.Builder
	for sb.Len() < 1<<20 {
		var v string
		switch r.IntN(6) {
		case 0:
			v = fmt.Sprintf("%02x:%02x:%02x:%02x:%02x:%02x", r.IntN(256), r.IntN(256), r.IntN(256), r.IntN(256), r.IntN(256), r.IntN(256))
		case 1:
			v = fmt.Sprintf("%x:%x::%x:%x", r.IntN(1<<16), r.IntN(1<<16), r.IntN(1<<16), r.IntN(1<<16))
		case 2:
			v = fmt.Sprintf("%d.%d.%d.%d", r.IntN(256), r.IntN(256), r.IntN(256), r.IntN(256))
		case 3:
			v = fmt.Sprintf("4%03d %04d %04d %04d", r.IntN(1000), r.IntN(10000), r.IntN(10000), r.IntN(10000))
		case 4:
			v = fmt.Sprintf("%03d-%02d-%04d", 1+r.IntN(665), 1+r.IntN(99), 1+r.IntN(9999))
		default:
			v = fmt.Sprintf("%d", r.Uint64())
		}
		for range r.IntN(3) {
			sb.WriteByte(glue[r.IntN(len(glue))])
		}
		sb.WriteString(v)
		for range r.IntN(3) {
			sb.WriteByte(glue[r.IntN(len(glue))])
		}
		sb.WriteString([]string{" ", ". ", "\n", " card ", " ip "}[r.IntN(5)])
	}
	found := 0
	for name, text := range map[string][]byte{"numbers": []byte(sb.String()), "dense": synth.Dense(2<<20, 11)} {
		for _, size := range []int{4096, 90} {
			got, want := scanFields(ws, text, size), scanFields(wos, text, size)
			if !slices.Equal(got, want) {
				t.Fatalf("%s in %d-byte fields: %d findings with the skip, %d without", name, size, len(got), len(want))
			}
			found += len(got)
		}
	}
	if found < 5000 {
		t.Errorf("only %d findings: the test checks too little", found)
	}
}
