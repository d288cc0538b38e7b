package classify

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// asciiLower lower-cases ASCII letters only, as the filter does;
// bytes.ToLower would rewrite invalid UTF-8.
func asciiLower(b []byte) []byte {
	out := make([]byte, len(b))
	for i, c := range b {
		out[i] = lower(c)
	}
	return out
}

// naiveHits finds keyword occurrences the slow, obvious way.
func naiveHits(keywords []string, text []byte) []kwHit {
	lowered := asciiLower(text)
	var hits []kwHit
	for end := 1; end <= len(text); end++ {
		for k, kw := range keywords {
			if end >= len(kw) && bytes.Equal(lowered[end-len(kw):end], asciiLower([]byte(kw))) {
				hits = append(hits, kwHit{kw: int32(k), end: end})
			}
		}
	}
	return hits
}

// prepassHits runs the scanner's one pass with the filter p and returns
// its keyword hits: the pass tests eight positions at a time, find one.
func prepassHits(p *prefilter, text []byte) []kwHit {
	s := &Scanner{e: &Engine{ac: p}}
	s.prepass(text)
	return s.hits
}

// vectorHits is prepassHits with the vector code, where it runs.
func vectorHits(p *prefilter, text []byte) []kwHit {
	if !vecPrepass {
		return prepassHits(p, text)
	}
	s := &Scanner{e: &Engine{ac: p}, vec: true}
	s.prepass(text)
	return s.hits
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
	alphabet := []byte("abAB-_:/ 0.@\xc3\xa9")
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
			if !seen[string(asciiLower([]byte(w)))] {
				seen[string(asciiLower([]byte(w)))] = true
				kws = append(kws, w)
			}
		}
		a, err := newPrefilter(kws)
		if err != nil {
			t.Fatal(err)
		}
		text := []byte(word(rng.IntN(200)))
		want := naiveHits(kws, text)
		sortHits(want)
		for name, got := range map[string][]kwHit{"find": a.find(text, nil), "prepass": prepassHits(a, text), "vector": vectorHits(a, text)} {
			sortHits(got)
			if !slices.Equal(got, want) {
				t.Fatalf("round %d keywords %q text %q: %s hits = %v, want %v", round, kws, text, name, got, want)
			}
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
			l := string(asciiLower(k))
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
		want := naiveHits(kws, []byte(text))
		sortHits(want)
		for name, got := range map[string][]kwHit{"find": a.find([]byte(text), nil), "prepass": prepassHits(a, []byte(text)), "vector": vectorHits(a, []byte(text))} {
			sortHits(got)
			if !slices.Equal(got, want) {
				t.Fatalf("keywords %q text %q: %s hits = %v, want %v", kws, text, name, got, want)
			}
		}
	})
}

// TestAnchorBytes checks the eight-at-a-time anchor test against the
// table, for every byte value in every place of a word: the escapes are
// the vector pass's alone.
func TestAnchorBytes(t *testing.T) {
	for k := range 8 {
		for c := range 256 {
			for _, fill := range []byte{'a', '5', 0xFF, 0} {
				var b [8]byte
				for i := range b {
					b[i] = fill
				}
				b[k] = byte(c)
				got := anchorBytes(binary.LittleEndian.Uint64(b[:]))
				for i := range b {
					want := anchorTab[b[i]] != 0 && anchorTab[b[i]] != aEscape
					if has := got>>(8*i+7)&1 == 1; has != want {
						t.Fatalf("bytes %q: anchor at %d = %v, want %v", b, i, has, want)
					}
				}
				if got&^0x8080808080808080 != 0 {
					t.Fatalf("bytes %q: mask %#x has low bits", b, got)
				}
			}
		}
	}
}

// TestVectorPrepassMarks compares everything the prepass leaves for the
// finders, with the vector code and without, on texts of every length
// around the 32-byte blocks and of bytes near the masks' class edges.
func TestVectorPrepassMarks(t *testing.T) {
	e, vec, scalar := vectorAndGo(t)
	rng := rand.New(rand.NewPCG(5, 6))
	const edges = "09/:;@AZ[`az{-.,\xbf\xc0\xc3\xff 1aA+(xoX"
	words := []string{"password", "AKIA", "sk-proj-", "://", "+1 415 555 0100", "(415)", "(0)12@x", "1.2.3.4:80", "12:34", "ab:cd:ef:01:23:45", "Ünïcode", "4111-1111", "a@b.co", "eyJ"}
	for round := range 3000 {
		var text []byte
		for n := rng.IntN(300); len(text) < n; {
			if rng.IntN(6) == 0 {
				text = append(text, words[rng.IntN(len(words))]...)
			} else {
				text = append(text, edges[rng.IntN(len(edges))])
			}
		}
		if err := samePrepass(e, vec, scalar, text); err != "" {
			t.Fatalf("round %d: %s", round, err)
		}
	}
}

// vectorAndGo returns an engine of the built-in detectors and two scanners
// of it, the first with the vector prepass and the second with the Go one;
// it skips the test where the vector prepass does not run.
func vectorAndGo(t testing.TB) (*Engine, *Scanner, *Scanner) {
	t.Helper()
	if !vecPrepass {
		t.Skip("no vector prepass on this machine")
	}
	k, _ := NewKey([]byte("0123456789abcdef0123"), "test")
	e, err := NewEngine(k, Builtin(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	vec, scalar := e.NewScanner(), e.NewScanner()
	scalar.vec = false
	return e, vec, scalar
}

// samePrepass runs the vector and the Go prepass on text and describes the
// first difference in what they leave, or returns "".
func samePrepass(e *Engine, vec, scalar *Scanner, text []byte) string {
	for _, s := range []*Scanner{vec, scalar} {
		s.reset()
		s.hits = s.hits[:0]
		s.prepass(text)
	}
	if !slices.Equal(vec.hits, scalar.hits) || !slices.Equal(vec.marks.caps, scalar.marks.caps) {
		return fmt.Sprintf("%q: vector hits %v caps %v; go hits %v caps %v", text,
			vec.hits, vec.marks.caps, scalar.hits, scalar.marks.caps)
	}
	if want := houseStarts(text, 0, len(text)); !slices.Equal(ints(vec.marks.houses), want) || !slices.Equal(ints(scalar.marks.houses), want) {
		return fmt.Sprintf("%q: house number starts: vector %v, go %v, want %v", text, vec.marks.houses, scalar.marks.houses, want)
	}
	if !slices.Equal(vec.touched, scalar.touched) {
		return fmt.Sprintf("%q: vector windows for detectors %v, go %v", text, vec.touched, scalar.touched)
	}
	for _, i := range vec.touched {
		if !slices.Equal(vec.wins[i], scalar.wins[i]) {
			return fmt.Sprintf("%q: %s windows: vector %v, go %v", text, e.dets[i].ID, vec.wins[i], scalar.wins[i])
		}
	}
	// The encoded runs: base64 noted by the pass, and the escapes the
	// vector pass notes and the Go pass searches for.
	vec.findEscaped(text)
	scalar.findEscaped(text)
	if !slices.Equal(vec.runs, scalar.runs) {
		return fmt.Sprintf("%q: encoded runs: vector %v, go %v", text, vec.runs, scalar.runs)
	}
	return ""
}

func FuzzVectorPrepass(f *testing.F) {
	e, vec, scalar := vectorAndGo(f)
	f.Add([]byte("Call Ana at +1 415 555 0100 or password: ***, key AKIA at 12:34 on ab:cd:ef:01:23:45."))
	f.Add([]byte("0123456789012345678901234567890123456789@Z[`{\xc0\xff"))
	f.Add([]byte(`to=ann%40mail.org 100% "a\u0040b.org" \\ and %zz then %41`))
	f.Fuzz(func(t *testing.T, text []byte) {
		if err := samePrepass(e, vec, scalar, text); err != "" {
			t.Fatal(err)
		}
	})
}

// TestGateCache checks the cached gate verdicts against the gates, on
// spans of every shape the gates tell apart, each seen many times.
func TestGateCache(t *testing.T) {
	k, _ := NewKey([]byte("0123456789abcdef0123"), "test")
	e, err := NewEngine(k, Builtin(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	s := e.NewScanner()
	rng := rand.New(rand.NewPCG(7, 8))
	seps := []string{"", " ", "-", ".", "/", "(", ")", ") ", " (", "+", ". ", "--"}
	cached, distinct := 0, map[uint64]bool{}
	for round := range 20000 {
		var b []byte
		if rng.IntN(3) == 0 {
			b = append(b, "+("[rng.IntN(2)])
		}
		// Half the spans keep one separator and short groups, so that the
		// same groups come back with other separators, dots or not.
		same := round%2 == 0
		sep := seps[rng.IntN(len(seps))]
		for g := range 1 + rng.IntN(7) {
			if g > 0 {
				if !same {
					sep = seps[rng.IntN(len(seps))]
				}
				b = append(b, sep...)
			}
			if same {
				b = append(b, byte('1'+rng.IntN(2)))
				continue
			}
			for range 1 + rng.IntN(1+rng.IntN(12)) {
				b = append(b, byte('0'+rng.IntN(10)))
			}
		}
		i := bytes.IndexFunc(b, func(r rune) bool { return '0' <= r && r <= '9' })
		var sp numSpan
		numericSpan(b, i, &sp)
		want := gatesOf(e.numeric, b, &sp)
		if got := s.gatesPassed(b, &sp); got != want {
			t.Fatalf("%q (groups %v, dots %d, plus %v): cached gates %b, gates %b", b, sp.groups[:min(sp.ngroups, maxGroups)], sp.dots, sp.plus, got, want)
		}
		if key, ok := sp.key(); ok {
			cached++
			distinct[key] = true
		}
	}
	if cached < 10000 || len(distinct) < 500 {
		t.Fatalf("only %d spans cached, %d shapes: the test does not reach the cache", cached, len(distinct))
	}
}

// TestMarksAsBitSets checks gatherTops on every pattern of top bits, and
// markRange and marked.from against the byte-at-a-time definition on
// windows of random text at every alignment.
func TestMarksAsBitSets(t *testing.T) {
	for p := range 256 {
		var x uint64
		for b := range 8 {
			if p&(1<<b) != 0 {
				x |= 0x80 << (8 * b)
			}
		}
		x |= 0x7f7f7f7f7f7f7f7f & uint64(p*0x0101010101010101) // low bits do not count
		if got := gatherTops(x); got != uint64(p) {
			t.Fatalf("gatherTops(%#x) = %#x, want %#x", x, got, p)
		}
	}
	rng := rand.New(rand.NewPCG(9, 10))
	const alphabet = "aZ09 .\xc3\xa9-X7"
	for range 2000 {
		text := make([]byte, rng.IntN(400))
		for i := range text {
			text[i] = alphabet[rng.IntN(len(alphabet))]
		}
		lo := rng.IntN(len(text) + 1)
		hi := lo + rng.IntN(len(text)-lo+1)
		m := markRange(text, lo, hi)
		var want, got []int
		for i := lo; i < hi; i++ {
			if c := text[i]; 'A' <= c && c <= 'Z' || c >= 0xC0 {
				want = append(want, i)
			}
		}
		for i := lo; ; i++ {
			if i = (marked{m.caps}).from(i, hi); i >= hi {
				break
			}
			got = append(got, i)
		}
		if !slices.Equal(got, want) {
			t.Fatalf("%q [%d:%d]: capitals %v, want %v", text, lo, hi, got, want)
		}
	}
}

// TestVectorPrepassChunks compares the two passes on texts whose ends fall
// on every byte around the boundary of the vector pass's chunks of masks,
// where the padded blocks may sit on either side of it.
func TestVectorPrepassChunks(t *testing.T) {
	e, vec, scalar := vectorAndGo(t)
	rng := rand.New(rand.NewPCG(13, 14))
	const alphabet = "0a-.:Z1f @é(3)"
	long := make([]byte, 2*maskChunk*32+100)
	for i := range long {
		long[i] = alphabet[rng.IntN(len(alphabet))]
	}
	for round := range 12 {
		for n := maskChunk*32 - 40; n <= maskChunk*32+72; n++ {
			if err := samePrepass(e, vec, scalar, long[:n]); err != "" {
				t.Fatalf("%d bytes: %.300s", n, err)
			}
		}
		// New bytes about the boundary for the next round.
		for i := maskChunk*32 - 64; i < maskChunk*32+72 && round < 11; i++ {
			long[i] = alphabet[rng.IntN(len(alphabet))]
		}
	}
	if err := samePrepass(e, vec, scalar, long); err != "" {
		t.Fatalf("%d bytes: %.300s", len(long), err)
	}
	// A separator that anchors only by the hex digit before it, in the
	// chunk before: "fe80::1" with its first ':' on a chunk's first byte.
	for _, v := range []string{"fe80::1", "00:1a:2b:3c:4d:5e"} {
		for at := maskChunk*32 - len(v); at <= maskChunk*32; at++ {
			text := bytes.Repeat([]byte{' '}, 2*maskChunk*32)
			copy(text[at:], v)
			if err := samePrepass(e, vec, scalar, text); err != "" {
				t.Fatalf("%q at %d: %.300s", v, at, err)
			}
		}
	}
}

// TestShortRun checks that a run shortRun lets pass is one numericSpan
// measures as a whole span, starting at the run, with fewer digits than
// asked and no letter before it, and that it lets the usual ones pass.
func TestShortRun(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 16))
	const alphabet = "0123456789 -.()/+:,xA%$#é"
	passed := 0
	for range 50000 {
		text := make([]byte, 1+rng.IntN(16))
		for i := range text {
			text[i] = alphabet[rng.IntN(len(alphabet))]
		}
		i := bytes.IndexFunc(text, func(r rune) bool { return '0' <= r && r <= '9' })
		if i < 0 || i > 0 && isDigit(text[i-1]) {
			continue
		}
		minDigits := 1 + rng.IntN(10)
		end, ok := shortRun(text, i, minDigits)
		if !ok {
			continue
		}
		passed++
		var sp numSpan
		numericSpan(text, i, &sp)
		letters := sp.start >= 2 && isLetter(text[sp.start-1]) && isLetter(text[sp.start-2])
		if sp.start != i || sp.end != end || sp.digits >= minDigits || sp.hexSeps || letters {
			t.Fatalf("%q at %d (minDigits %d): shortRun ends it at %d; numericSpan: %+v", text, i, minDigits, end, sp)
		}
	}
	for _, c := range []struct {
		text string
		ok   bool
	}{{"in 2019 we", true}, {"at 11:33", true}, {"in 20190 we", false}, {"v6.17", false}, {"(415)", false}, {"+1 415", false}, {"12-14", false}, {"99%", true}} {
		i := strings.IndexAny(c.text, "0123456789")
		if _, ok := shortRun([]byte(c.text), i, 5); ok != c.ok {
			t.Errorf("shortRun(%q) = %v, want %v", c.text, ok, c.ok)
		}
	}
	if passed < 5000 {
		t.Fatalf("only %d runs passed: the test does not exercise shortRun", passed)
	}
}

// TestHouseStartsNoted checks the runs of digits the anchor pass notes for
// the address finder against houseStarts, their definition, with both
// passes: in the whole catalog's engine, with the pass coming back into
// the spans it measured or not, and in an engine of the address finder
// alone, where no numeric detector has the pass measure spans.
func TestHouseStartsNoted(t *testing.T) {
	k, _ := NewKey([]byte("0123456789abcdef0123"), "test")
	var addr []*Detector
	for _, d := range Builtin() {
		if d.InfoType == StreetAddress && d.Anchor == AnchorAlways {
			addr = append(addr, d)
		}
	}
	if len(addr) != 1 {
		t.Fatalf("%d address finders in the catalog, want 1", len(addr))
	}
	rng := rand.New(rand.NewPCG(21, 22))
	const alphabet = "0123456789  (-./+,:$a\n#)"
	texts := [][]byte{
		[]byte("call +1 (415) 555-2671 or 12 Main St, (20) 7946 0958 0 1 2 3 4 5 6 7 8 9 10 11"),
		[]byte("1 2 3 4 5 6 7 8 9 (1) (2) (3) (4) (5) (6)-1 2-3 4"),
		[]byte("99"),
	}
	for range 3000 {
		text := make([]byte, rng.IntN(300))
		for i := range text {
			text[i] = alphabet[rng.IntN(len(alphabet))]
		}
		texts = append(texts, text)
	}
	// A text of one-digit numbers lists half its bytes; the scanner lets
	// that room go for the next text.
	many := bytes.Repeat([]byte("1 "), maxKeptHouses+1000)
	texts = append(texts, many, []byte("12 Main St"))
	for _, dets := range [][]*Detector{Builtin(), addr} {
		e, err := NewEngine(k, dets, Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, vec := range []bool{true, false} {
			for _, revisit := range []bool{false, true} {
				s := e.NewScanner()
				s.vec, s.revisitSpans = vec && vecPrepass, revisit
				for _, text := range texts {
					s.reset()
					s.hits = s.hits[:0]
					s.prepass(text)
					if want := houseStarts(text, 0, len(text)); !slices.Equal(ints(s.marks.houses), want) {
						t.Fatalf("%d detectors, vector %v, revisiting %v: %.200q: noted %.50v, want %.50v", len(dets), vec, revisit, text, s.marks.houses, want)
					}
					if len(text) < 100 && cap(s.marks.houses) > maxKeptHouses {
						t.Fatalf("%q: room for %d places kept after a text that needed them", text, cap(s.marks.houses))
					}
				}
			}
		}
	}
}

// TestRunDigitsPassed: where no detector measures a run of digits (none
// measures numbers, or only those that need letters right before one do
// and none stand there), the anchor pass visits only the run's first digit
// and its last, and opens the same windows and notes the same house
// numbers and base64 runs as a pass that visits and measures every run:
// over random digits, letters and separators, IBANs and digits glued to
// base64 on either side, by the vector pass and the Go one.
func TestRunDigitsPassed(t *testing.T) {
	rng := rand.New(rand.NewPCG(23, 24))
	const alphabet = "0123456789aZbYcXDEfGhIjK+/=()- ,.:\n"
	var texts [][]byte
	for range 3000 {
		text := make([]byte, rng.IntN(400))
		for i := range text {
			text[i] = alphabet[rng.IntN(len(alphabet))]
		}
		texts = append(texts, text)
	}
	for _, p := range []string{"12", "x 12", "ab12", "v1.2.", "IBAN DE89 3704 0044 0532 0130 00, ", "(+49) 30 1234 ",
		"NINO QQ 12 34 56 C, ", "QQ123456C ", "x 123456 ", "AB(123456) ", "S1234567A, ", "S 1234567A ", "12 34 56 ",
		// Check letters that do not check: the windows are the gates',
		// not the validators'.
		"DNI 12345678A, ", "12345678-A ", "X1234567A ", "X-1234567-A ", "12 12345678A ", "(12345678)A ", "12345678 A ", "1234-5678A "} {
		texts = append(texts, []byte(p+"ThisIsBaseSixtyFourLettersOnlyWithMixedCaseAndNoDigitsAtAll rest"))
	}
	for _, r := range runDigitEngines(t) {
		runs, wins := 0, 0
		for _, s := range r.scanners {
			for _, text := range texts {
				got, err := r.agree(s, text)
				if err != "" {
					t.Fatal(err)
				}
				runs += len(got.runs)
				for _, w := range got.wins {
					wins += len(w)
				}
			}
		}
		t.Logf("%v: %d base64 runs, %d windows", r.ids, runs, wins)
		if runs < 100 || len(r.e.numLetters) > 0 && wins < 100 || (r.e.capital|r.e.capAfter) != 0 && wins < 20 {
			t.Errorf("%v: only %d base64 runs and %d windows noted: the test checks too little", r.ids, runs, wins)
		}
	}
}

// FuzzRunDigitsPassed is TestRunDigitsPassed on any text.
func FuzzRunDigitsPassed(f *testing.F) {
	f.Add([]byte("IBAN DE89 3704 0044 0532 0130 00, ship to 12 Main St, ab12ThisIsBaseSixtyFourLettersOnlyWithMixedCase"))
	f.Add([]byte("x (+1) 2-3.4 5/6 ab7cd 1BoatSLRHtKNngkdXEeobR76b53LETtpyT"))
	engines := runDigitEngines(f)
	f.Fuzz(func(t *testing.T, text []byte) {
		for _, r := range engines {
			for _, s := range r.scanners {
				if _, err := r.agree(s, text); err != "" {
					t.Fatal(err)
				}
			}
		}
	})
}

// runDigitEngine is an engine where no detector measures every run of
// digits, with a vector scanner and a Go one.
type runDigitEngine struct {
	ids      []string
	e        *Engine
	scanners []*Scanner
}

// runNotes is what the anchor pass notes for the finders and windows.
type runNotes struct {
	houses []int32
	runs   []encodedRun
	wins   [][]window
}

func runDigitEngines(t testing.TB) []runDigitEngine {
	t.Helper()
	k, err := NewKey([]byte("0123456789abcdef0123"), "test")
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]*Detector{}
	for _, d := range Builtin() {
		byID[d.ID] = d
	}
	var out []runDigitEngine
	for _, ids := range [][]string{{"street-address", "person-name"}, {"iban"}, {"bitcoin-address"}, {"iban", "bitcoin-address", "street-address"},
		{"uk-nino"}, {"sg-nric"}, {"uk-nino", "sg-nric", "iban", "street-address"},
		{"es-dni"}, {"es-dni", "uk-nino", "iban"}} {
		var dets []*Detector
		for _, id := range ids {
			dets = append(dets, byID[id])
		}
		e, err := NewEngine(k, dets, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(e.hex) > 0 || !e.allCapital {
			t.Fatalf("%v: the engine measures every number: the test checks nothing", ids)
		}
		r := runDigitEngine{ids: ids, e: e}
		for _, vec := range []bool{true, false} {
			s := e.NewScanner()
			s.vec = vec && vecPrepass
			r.scanners = append(r.scanners, s)
		}
		out = append(out, r)
	}
	return out
}

// agree runs s's pass over text passing runs and visiting every digit,
// and says how they differ, if they do.
func (r *runDigitEngine) agree(s *Scanner, text []byte) (runNotes, string) {
	notes := func(every bool) runNotes {
		s.everyDigit = every
		s.reset()
		s.hits = s.hits[:0]
		s.prepass(text)
		n := runNotes{houses: slices.Clone(s.marks.houses), runs: slices.Clone(s.runs)}
		for _, w := range s.wins {
			n.wins = append(n.wins, slices.Clone(w))
		}
		return n
	}
	got, want := notes(false), notes(true)
	if !reflect.DeepEqual(got, want) {
		return got, fmt.Sprintf("%v, vector %v, %q: passing the runs notes %+v, visiting them %+v", r.ids, s.vec, text, got, want)
	}
	return got, ""
}

// TestLeadsSpan checks spanLeadTab and leadsSpan against the conditions
// they replace, on every pair of bytes before a run of digits.
func TestLeadsSpan(t *testing.T) {
	plusParen := func(b byte) bool { return b == '+' || b == '(' }
	for p1 := range 256 {
		c := byte(p1)
		for p2 := -1; p2 < 256; p2++ {
			text := []byte{c, '5'}
			if p2 >= 0 {
				text = []byte{byte(p2), c, '5'}
			}
			i := len(text) - 1
			spaced := c == ' ' && p2 >= 0 && plusParen(byte(p2))
			if got, want := leadsSpan(text, i, leadAlone) != 0, plusParen(c) || isLetter(c) || spaced; got != want {
				t.Fatalf("%q: a run standing alone refused %v, want %v", text, got, want)
			}
			if got, want := leadsSpan(text, i, leadSign) != 0, plusParen(c) || spaced; got != want {
				t.Fatalf("%q: a sign taken in %v, want %v", text, got, want)
			}
		}
	}
}

// ints returns ps as ints.
func ints(ps []int32) []int {
	out := make([]int, 0, len(ps))
	for _, p := range ps {
		out = append(out, int(p))
	}
	return out
}
