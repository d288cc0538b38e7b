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

// TestContextOfWindow: words before and after a value count, none runs
// across the value, a field named for the detector raises the value, and a
// lowering word near it still lowers it.
func TestContextOfWindow(t *testing.T) {
	key, err := NewKey([]byte("test key, 32 bytes long........"), "test")
	if err != nil {
		t.Fatal(err)
	}
	d := &Detector{ID: "t", InfoType: "TEST_THING", Anchor: AnchorNumber, Number: NumberGate{MinDigits: 6},
		Pattern: `\d{6}`, Likelihood: Possible, Context: []string{"phone"}, LowerContext: []string{"example"}}
	e, err := NewEngine(key, []*Detector{d}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s := e.NewScanner()
	for _, tc := range []struct {
		path, before, after string
		raise, lower        bool
	}{
		{"notes", "call my pho", "ne soon", false, false},
		{"notes", "my exam", "ple phone", true, false},
		{"notes", "call my phone ", " soon", true, false},
		{"notes", "an example ", " phone", true, true},
		{"phone", "an example ", "", true, true},
		{"phone", "", " ok", true, false},
		{"notes", "see ", " is an example", false, true},
		{"notes", "", "", false, false},
	} {
		text := []byte(tc.before + "123456" + tc.after)
		s.field = s.fieldInfo(tc.path)
		raise, lower := s.contextOf(e.dets[0], text, len(tc.before), len(tc.before)+6)
		if raise != tc.raise || lower != tc.lower {
			t.Errorf("%s: %q: raise %v lower %v, want %v %v", tc.path, text, raise, lower, tc.raise, tc.lower)
		}
	}
}

// TestVerbBits holds verbBits to nextVerb's verbs, and checks it turns
// away the commonest words of prose that share a speech verb's key.
func TestVerbBits(t *testing.T) {
	for _, l := range []struct {
		words []string
		kind  int
	}{{speechVerbs, verbSpeech}, {weakVerbs, verbWeak}} {
		for _, w := range l.words {
			if nextVerb([]byte(w)) != l.kind {
				t.Errorf("nextVerb(%q) = %d, want %d", w, nextVerb([]byte(w)), l.kind)
			}
			if !maybeVerb(quickHash([]byte(w))) {
				t.Errorf("verbBits lacks %q", w)
			}
		}
	}
	for _, w := range []string{"write", "send", "start", "split", "where", "while"} {
		if quickVerb([]byte(w)) != verbSpeech {
			t.Errorf("%q no longer has a speech verb's key: pick another", w)
		}
		if maybeVerb(quickHash([]byte(w))) {
			t.Errorf("verbBits passes %q", w)
		}
	}
}

// TestCodeTail holds codeTail, which reads the commonest codes from the
// span's measures, to a reading of every byte of the span, over spans
// after letters and separators of every kind.
func TestCodeTail(t *testing.T) {
	byteWise := func(text []byte, sp *numSpan) bool {
		s := sp.start
		if s < 2 || !isDigit(text[s]) || text[s-1] != '-' && text[s-1] != '/' || !isLetter(text[s-2]) {
			return false
		}
		for i := s + 1; i < sp.end; i++ {
			if c := text[i]; c == '-' || c == '/' || c == '.' {
				if !isDigit(text[i-1]) {
					return false
				}
			} else if !isDigit(c) {
				return false
			}
		}
		return true
	}
	rng := rand.New(rand.NewPCG(11, 12))
	const alphabet = "0123456789-/.() +ORDx,"
	tails := 0
	for range 20000 {
		text := []byte("ORD-")
		for k := rng.IntN(14); k >= 0; k-- {
			text = append(text, alphabet[rng.IntN(len(alphabet))])
			if rng.IntN(2) == 0 {
				text = append(text, '0'+byte(rng.IntN(10)))
			}
		}
		for i := range text {
			if !isDigit(text[i]) || i > 0 && isDigit(text[i-1]) {
				continue
			}
			var sp numSpan
			numericSpan(text, i, &sp)
			want := byteWise(text, &sp)
			if got := codeTail(text, &sp); got != want {
				t.Fatalf("%q at %d: codeTail %v, byte by byte %v", text, i, got, want)
			}
			if want {
				tails++
			}
		}
	}
	if tails < 1000 {
		t.Errorf("%d code tails among the spans: the test reads too few", tails)
	}
}
