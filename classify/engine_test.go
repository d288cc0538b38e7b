package classify_test

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/residuehq/residue/classify"
	"github.com/residuehq/residue/internal/synth"
)

func testEngine(t testing.TB, opts classify.Options) *classify.Engine {
	t.Helper()
	return engineOf(t, classify.Builtin(), opts)
}

// engineOf builds an engine of dets under the tests' key.
func engineOf(t testing.TB, dets []*classify.Detector, opts classify.Options) *classify.Engine {
	t.Helper()
	key, err := classify.NewKey([]byte("test key, 32 bytes long........"), "test")
	if err != nil {
		t.Fatal(err)
	}
	e, err := classify.NewEngine(key, dets, opts)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func scanAll(s *classify.Scanner, field string, text []byte) []classify.Finding {
	var out []classify.Finding
	s.Scan(field, text, func(f classify.Finding) { out = append(out, f) })
	return out
}

// TestPlantedRecall: every value planted in a dense synthetic corpus is
// found with its exact type, offset and length, and nothing else is found.
func TestPlantedRecall(t *testing.T) {
	e := testEngine(t, classify.Options{})
	for _, seed := range []uint64{1, 2, 3} {
		text, truth := synth.DenseWithTruth(1<<20, seed)
		found := scanAll(e.NewScanner(), "text", text)
		type key struct {
			typ      string
			off, len int
		}
		got := map[key]bool{}
		for _, f := range found {
			got[key{f.InfoType, f.Offset, f.Length}] = true
		}
		want := map[key]bool{}
		missed := map[string]int{}
		for _, s := range truth {
			k := key{s.InfoType, s.Offset, s.Length}
			want[k] = true
			if !got[k] {
				missed[s.InfoType]++
				if missed[s.InfoType] <= 2 {
					t.Errorf("seed %d: missed %s at %d+%d in %q", seed, s.InfoType, s.Offset, s.Length, shape(text, s.Offset, s.Length))
				}
			}
		}
		extra := map[string]int{}
		for _, f := range found {
			if !want[key{f.InfoType, f.Offset, f.Length}] {
				extra[f.InfoType]++
				if extra[f.InfoType] <= 2 {
					t.Errorf("seed %d: unexpected %s (%s, %s) at %d+%d in %q", seed, f.InfoType, f.Detector, f.Likelihood, f.Offset, f.Length, shape(text, f.Offset, f.Length))
				}
			}
		}
		if len(missed) > 0 || len(extra) > 0 {
			t.Errorf("seed %d: %d planted, missed %v, unexpected %v", seed, len(truth), missed, extra)
		}
	}
}

// shape shows the surroundings of a span with letters and digits replaced,
// so a failing test says what the text looked like without printing a
// value.
func shape(text []byte, off, n int) string {
	lo, hi := max(0, off-20), min(len(text), off+n+20)
	b := bytes.Clone(text[lo:hi])
	for i, c := range b {
		switch {
		case lo+i >= off && lo+i < off+n && ('0' <= c && c <= '9'):
			b[i] = '9'
		case lo+i >= off && lo+i < off+n && ('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'):
			b[i] = 'x'
		}
	}
	return string(b)
}

// TestCleanProse: filler prose, full of dates, times, versions, prices and
// ids that look like numbers people worry about, gives no finding.
func TestCleanProse(t *testing.T) {
	e := testEngine(t, classify.Options{MinLikelihood: classify.VeryUnlikely})
	for _, seed := range []uint64{1, 2, 3, 4} {
		text := synth.Prose(1<<20, seed)
		for _, f := range scanAll(e.NewScanner(), "text", text) {
			t.Errorf("seed %d: %s (%s, %s) at %d+%d in %q", seed, f.InfoType, f.Detector, f.Likelihood, f.Offset, f.Length, shape(text, f.Offset, f.Length))
		}
	}
}

// TestNoValueInFindings: previews never hold a planted value, and nothing
// else in a Finding does either.
func TestNoValueInFindings(t *testing.T) {
	e := testEngine(t, classify.Options{MinLikelihood: classify.VeryUnlikely})
	text, truth := synth.DenseWithTruth(256<<10, 7)
	found := scanAll(e.NewScanner(), "text", text)
	for _, s := range truth {
		v := text[s.Offset : s.Offset+s.Length]
		for _, f := range found {
			if bytes.Contains([]byte(fmt.Sprintf("%+v", f)), v) {
				t.Errorf("a %s finding carries the planted %s value", f.InfoType, s.InfoType)
			}
		}
	}
}

func TestFingerprintsNormalize(t *testing.T) {
	e := testEngine(t, classify.Options{})
	s := e.NewScanner()
	fp := func(text string) string {
		fs := scanAll(s, "text", []byte(text))
		if len(fs) != 1 {
			t.Fatalf("%d findings in a test text, want 1: %+v", len(fs), fs)
		}
		return fs[0].Fingerprint.String()
	}
	g := synth.New(3)
	email := g.Value(classify.EmailAddress).Text
	if a, b := fp("mail "+email), fp("mail "+string(bytes.ToUpper([]byte(email)))); a != b {
		t.Errorf("email fingerprints differ by case: %s vs %s", a, b)
	}
	card := g.Value(classify.CreditCardNumber).Text
	digits := string(bytes.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, []byte(card)))
	if a, b := fp("card "+card), fp("card "+digits); a != b {
		t.Errorf("card fingerprints differ by separators")
	}
	// Another key gives other fingerprints.
	key2, _ := classify.NewKey([]byte("another key, also 32 bytes long"), "test")
	e2, err := classify.NewEngine(key2, classify.Builtin(), classify.Options{})
	if err != nil {
		t.Fatal(err)
	}
	f2 := scanAll(e2.NewScanner(), "text", []byte("mail "+email))
	if f2[0].Fingerprint.String() == fp("mail "+email) {
		t.Error("fingerprints do not depend on the key")
	}
}
