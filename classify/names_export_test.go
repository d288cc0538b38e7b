package classify

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Hooks for the external tests of the name, address and date-of-birth
// detectors.
var (
	FindNamesForTest     = findNames
	FindAddressesForTest = findAddresses
)

// FindMarkedForTest runs the person-name and street-address finders the
// way a scan does: on the capitals the scanner's pass marked and the runs
// of digits it noted.
func FindMarkedForTest(text []byte, names, addresses func(start, end int)) {
	k, err := NewKey([]byte("0123456789abcdef0123"), "test")
	if err != nil {
		panic(err)
	}
	e, err := NewEngine(k, nil, Options{})
	if err != nil {
		panic(err)
	}
	e.houses = true // as an engine with the address finder
	s := e.NewScanner()
	s.prepass(text)
	findNamesMarked(text, 0, len(text), &s.marks, names)
	findAddressesMarked(text, 0, len(text), &s.marks, addresses)
}

// VectorPrepass says whether the vector prepass runs on this machine.
var VectorPrepass = vecPrepass

// SetVectorPrepassForTest turns s's vector prepass on or off.
func SetVectorPrepassForTest(s *Scanner, on bool) { s.vec = on && vecPrepass }

// WithTokenSkip returns ds with the detectors that read whole tokens
// copied and their window skip set to on, and how many there are.
func WithTokenSkip(ds []*Detector, on bool) ([]*Detector, int) {
	n := 0
	for i, d := range ds {
		if d.findsTokens {
			c := *d
			c.findsTokens = on
			ds[i] = &c
			n++
		}
	}
	return ds, n
}

// WithoutLeftEdgeSkip makes e try every start after a rejected match, as
// before runWindow skipped the starts a left edge rules out.
func WithoutLeftEdgeSkip(e *Engine) {
	for _, c := range e.dets {
		c.leftEdgeDecides = false
	}
}

// WithoutTokenNeeds makes e open every keyword window, as before Scan
// left out those whose token lacks a byte the detector needs.
func WithoutTokenNeeds(e *Engine) {
	for _, c := range e.dets {
		c.tokenNeeds = 0
	}
}

// WithoutKeywordAssigns makes e open a window at every keyword of its
// password detectors, as before Scan asked for an assignment after it.
func WithoutKeywordAssigns(e *Engine) {
	for _, c := range e.dets {
		c.keywordAssigns = false
	}
}

// SetQuietCacheForTest turns s's cache of short values that gave nothing
// on or off.
func SetQuietCacheForTest(s *Scanner, on bool) { s.noQuiet = !on }

// QuickRejectsForTest checks quickReject at every capital of text that
// starts a token and is not followed by a space and a lower-case word:
// where it rejects the word, nameRun, given a fresh sink, must come to the
// same end and report, remember and hold back nothing. (Before a
// lower-case word it also passes over words nameRun would hold back, in
// case the text names them later: a rule of its own.) Where it leaves a
// word to nameRun with its first token read, that token must be the one
// readNameTok reads. It returns how many rejections and tokens it checked
// and the first disagreement.
func QuickRejectsForTest(text []byte) (rejected, handed int, err error) {
	x := theLexicon()
	for i := range text {
		if !isUpperASCII(text[i]) || !tokenStart(text, 0, i) {
			continue
		}
		var first nameTok
		e, ok := quickReject(x, text, 0, len(text), i, &first, new(int))
		if !ok && first.e > 0 {
			handed++
			if t, ok := readNameTok(x, text, i, len(text)); !ok || t != first {
				return rejected, handed, fmt.Errorf("at %d (%q): quickReject hands on %+v, readNameTok reads %+v (%v)", i, text[i:min(len(text), i+40)], first, t, ok)
			}
		}
		if !ok || e+2 < len(text) && text[e] == ' ' && 'a' <= text[e+1] && text[e+1] <= 'z' {
			continue
		}
		rejected++
		var emitted [][2]int
		sink := nameSink{emit: func(s, e int) { emitted = append(emitted, [2]int{s, e}) }}
		end := nameRun(x, text, 0, len(text), i, new(nameTok), &sink)
		sink.flush(x, text, 0, len(text))
		if end != e || len(emitted) > 0 || sink.nknown > 0 || sink.npending > 0 {
			return rejected, handed, fmt.Errorf("at %d (%q): quickReject ends at %d, nameRun at %d with %v", i, text[i:min(len(text), i+40)], e, end, emitted)
		}
	}
	return rejected, handed, nil
}

// SurnameEndingsForTest are the endings surnameMorph knows.
var (
	SurnameEndingsForTest = surnameEndings
	SurnameMorphForTest   = surnameMorph
)

// SurnameEndingAgreesForTest checks surnameMorph and surnameMorphAlone on
// w against a test of every ending in turn.
func SurnameEndingAgreesForTest(w []byte) error {
	each := func(endings []string) bool {
		for _, e := range endings {
			if len(w) >= len(e)+3 && string(lowerTail(w, len(e))) == e {
				return true
			}
		}
		return false
	}
	if got, want := surnameMorph(w), each(surnameEndings); got != want {
		return fmt.Errorf("surnameMorph(%q) = %v, want %v", w, got, want)
	}
	if got, want := surnameMorphAlone(w), each(surnameEndings[:surnameEndingsAlone]); got != want {
		return fmt.Errorf("surnameMorphAlone(%q) = %v, want %v", w, got, want)
	}
	return nil
}

// WithAllShortRunsMeasured sets e to measure every run of digits with as
// few digits as some gate of e.numeric needs, lone or not: how it was
// before lone runs were held to the gates that may pass a lone group.
func WithAllShortRunsMeasured(e *Engine) {
	if len(e.numeric) > 0 {
		e.minDigits = max(1, e.numeric[0].Number.MinDigits)
	}
}

// SetRevisitSpansForTest has s's anchor pass come back to every byte of a
// numeric span whose separators may join hex groups, as it did before it
// took those separators at the span's first digit.
func SetRevisitSpansForTest(s *Scanner, on bool) { s.revisitSpans = on }

// VectorSkim says whether skimVec runs on this machine.
var VectorSkim = vecSkim

// SkimForTest runs skimCapitals' Go version, and its vector version where
// the machine has one, over the capitals of text[lo:hi] from at, with room
// for room places, each called again from where it stopped until it
// reaches hi, and reports where the lists they give, or what they say of
// capitals, differ. A call stops where its room runs out, the vector one
// at a mark before out is full too.
func SkimForTest(text []byte, at, lo, hi, room int) error {
	x := theLexicon()
	caps := markRange(text, lo, min(len(text), hi+64)).caps // marks past hi too, as a scan's pass makes
	whole := func(skim func(*lexicon, []byte, []uint64, int, int, int, []int) ([]int, int, bool)) ([]int, bool, error) {
		var list []int
		upper := false
		for a := at; a < hi; {
			vs, next, up := skim(x, text, caps, a, lo, hi, make([]int, 0, room))
			if next < a || next == a && len(vs) == 0 || next > hi || len(vs) > 0 && next <= vs[len(vs)-1] {
				return nil, false, fmt.Errorf("skim from %d of [%d, %d), room %d, lists %v and stops at %d", a, lo, hi, room, vs, next)
			}
			list, upper, a = append(list, vs...), upper || up, next
		}
		return list, upper, nil
	}
	g, gup, err := whole(skimGo)
	if err != nil || !vecSkim {
		return err
	}
	v, vup, err := whole(skimVec)
	if err != nil {
		return err
	}
	if fmt.Sprint(g, gup) != fmt.Sprint(v, vup) {
		for i := range min(len(g), len(v)) {
			if g[i] != v[i] {
				return fmt.Errorf("skim from %d of [%d, %d), room %d: visit %d: Go %d, vector %d", at, lo, hi, room, i, g[i], v[i])
			}
		}
		return fmt.Errorf("skim from %d of [%d, %d), room %d: Go lists %d, passed a capital %v; vector %d, %v",
			at, lo, hi, room, len(g), gup, len(v), vup)
	}
	return nil
}

// SkimSoundForTest checks every mark of text[lo:hi] that skimGo passes:
// the name finder would pass it too, and the text has a capital where
// skimGo says so. A pass is sound where the mark is a lower-case letter of
// Latin-1 (which the finder steps over), or a capital that starts no token
// (which it steps past), or a capital where sentenceWord passes the word,
// ending with no mark inside it. It returns how many marks it passed.
func SkimSoundForTest(text []byte, lo, hi int) (int, error) {
	x := theLexicon()
	m := markRange(text, lo, hi)
	caps := marked{m.caps}
	kept, next, upper := skimGo(x, text, m.caps, lo, lo, hi, make([]int, 0, hi-lo+64))
	if next != hi {
		return 0, fmt.Errorf("skim of [%d, %d) stopped at %d with room left", lo, hi, next)
	}
	passed, uppers := 0, false
	for p, k := caps.from(lo, hi), 0; p < hi; p = caps.from(p+1, hi) {
		if k < len(kept) && kept[k] == p {
			k++
			continue
		}
		passed++
		c := text[p]
		if r, _ := utf8.DecodeRune(text[p:hi]); c >= utf8.RuneSelf && !unicode.IsUpper(r) {
			continue
		}
		if !isUpperASCII(c) {
			return passed, fmt.Errorf("skim of [%d, %d) passes the mark at %d, no capital", lo, hi, p)
		}
		uppers = true
		if !tokenStart(text, lo, p) {
			continue
		}
		e, ok := sentenceWord(x, text, lo, hi, p)
		if !ok {
			// A label inside a sentence, which quickReject passes without
			// counting a noun: the marks inside it start no token.
			var first nameTok
			nouns := 0
			if _, ok := quickReject(x, text, lo, hi, p, &first, &nouns); !ok || nouns != 0 {
				return passed, fmt.Errorf("skim of [%d, %d) passes the word at %d, sentenceWord and quickReject do not", lo, hi, p)
			}
			continue
		}
		// A mark inside the word must be one the skim passes alone: a
		// lower-case letter of Latin-1 ("Déjà").
		for q := caps.from(p+1, hi); q < e; q = caps.from(q+1, hi) {
			if !latinLowerAt(text[q:hi]) {
				return passed, fmt.Errorf("skim of [%d, %d) passes the word at %d, which ends at %d after a mark", lo, hi, p, e)
			}
		}
	}
	if upper != uppers {
		return passed, fmt.Errorf("skim of [%d, %d) says it passed a capital: %v, want %v", lo, hi, upper, uppers)
	}
	return passed, nil
}

// SentenceWordsForTest checks every word at a sentence's start in text
// that sentenceWord passes: nameRun, given a fresh sink, reports no name
// there, now or at the text's end. It returns how many it passed, how
// many of them hold a letter of Latin-1, and the first disagreement.
func SentenceWordsForTest(text []byte) (passed, latin int, err error) {
	x := theLexicon()
	for i := range text {
		if !isUpperASCII(text[i]) || !tokenStart(text, 0, i) {
			continue
		}
		e, ok := sentenceWord(x, text, 0, len(text), i)
		if !ok {
			continue
		}
		passed++
		if bytes.IndexByte(text[i:e], 0xC3) >= 0 {
			latin++
		}
		var emitted [][2]int
		sink := nameSink{emit: func(s, e int) { emitted = append(emitted, [2]int{s, e}) }}
		nameRun(x, text, 0, len(text), i, new(nameTok), &sink)
		sink.flush(x, text, 0, len(text))
		if len(emitted) > 0 {
			return passed, latin, fmt.Errorf("at %d (%q): sentenceWord passes a word nameRun reports: %v", i, text[i:min(len(text), i+40)], emitted)
		}
	}
	return passed, latin, nil
}

// StreetWordsForTest checks mayBeStreetWord against the lexicon: every
// word of the lists (in lower case, capitalised, in capitals, with a '.'
// after it) that the lexicon makes a street, unit or box word, it must
// let through. It returns how many such words it checked, and how many
// of the lists' other words it turned away.
func StreetWordsForTest() (street, turned int, err error) {
	x := theLexicon()
	check := func(w []byte) error {
		if len(w) == 0 {
			return nil
		}
		if x.get(foldHash(w))&(lexStreet|lexStreetPre|lexAbbrev|lexUnit|lexBox) == 0 {
			turned += btoi(!mayBeStreetWord(w))
			return nil
		}
		street++
		title := append([]byte(nil), w...)
		title[0] = idUpper(title[0])
		for _, v := range [][]byte{w, title, bytes.ToUpper(w), append(append([]byte(nil), w...), '.')} {
			if !mayBeStreetWord(v) {
				return fmt.Errorf("%q is a street word the keys turn away", v)
			}
		}
		return nil
	}
	for _, l := range handLists {
		for _, w := range strings.Fields(l.words) {
			if err := check([]byte(w)); err != nil {
				return street, turned, err
			}
			if err := check(asciiFold(w)); err != nil { // "korut" for "körút"
				return street, turned, err
			}
		}
	}
	for _, f := range []string{"namedata/given.txt.gz", "namedata/surnames.txt.gz", "namedata/words.txt.gz"} {
		if _, err = readWordList(f, func(w []byte, _ int) {
			if err == nil {
				err = check(w)
			}
		}); err != nil {
			return street, turned, err
		}
	}
	return street, turned, nil
}

// MayBeStreetWordForTest is mayBeStreetWord.
var MayBeStreetWordForTest = mayBeStreetWord

// RareNamesForTest returns the words of ws that the lists know as names
// but not as frequent ones: the words sentenceWord passes at a sentence's
// start unless a verb or a particle follows.
func RareNamesForTest(ws []string) []string {
	x := theLexicon()
	var out []string
	for _, w := range ws {
		if qh := quickHash([]byte(w)); x.maybeName(qh) && !x.maybeFrequent(qh) {
			out = append(out, w)
		}
	}
	return out
}

// SieveSoundForTest checks every run of digits in text that sieveGo
// drops: addressAt finds no address there, nor, in a text without
// capitals, lowerAddressAt. It returns how many runs it dropped of how
// many.
func SieveSoundForTest(text []byte) (dropped, runs int, err error) {
	x := theLexicon()
	starts := houseStarts(text, 0, len(text))
	var list []int32
	for _, i := range starts {
		list = append(list, int32(i))
	}
	lower := noCapitals(text, 0, len(text))
	m := markRange(text, 0, len(text))
	m.caps = append(m.caps, 0) // the spare word marks keep
	if marked := noCapitalsMarked(text, 0, len(text), marked{m.caps}); marked != lower {
		return 0, 0, fmt.Errorf("noCapitalsMarked says %v, noCapitals %v", marked, lower)
	}
	kept := sieveGo(text, m.caps, 0, len(text), list, !lower)
	k := 0
	for _, i := range starts {
		if k < len(kept) && int(kept[k]) == i {
			k++
			continue
		}
		dropped++
		j := i
		for j < len(text) && isDigit(text[j]) {
			j++
		}
		if _, _, ok := addressAt(x, text, 0, len(text), i, j); ok {
			return dropped, len(starts), fmt.Errorf("the sieve drops the number at %d, where addressAt finds an address", i)
		}
		if lower {
			if _, _, ok := lowerAddressAt(x, text, 0, len(text), i, j); ok {
				return dropped, len(starts), fmt.Errorf("the sieve drops the number at %d, where lowerAddressAt finds an address", i)
			}
		}
	}
	return dropped, len(starts), nil
}

// VectorSieve says whether sieveVec runs on this machine.
var VectorSieve = vecSieve

// PlainBeforeForTest checks plainBefore at every space of text with 16
// bytes before it: where it says the word before is plain,
// wordBeforeCapitalised must be false. It returns how many it said so of.
func PlainBeforeForTest(text []byte) (int, error) {
	x := theLexicon()
	n := 0
	for e := 16; e < len(text); e++ {
		if text[e] != ' ' || plainBefore((*[16]byte)(text[e-16:e])) == 0 {
			continue
		}
		n++
		if wordBeforeCapitalised(x, text, 0, e) {
			return n, fmt.Errorf("plainBefore passes the word before %d (%q), which wordBeforeCapitalised reads as capitalised", e, text[e-16:e])
		}
	}
	return n, nil
}

// SieveAgreesForTest runs sieveGo and, where the machine has it, sieveVec
// over the runs of digits in text[lo:hi], and reports where they differ.
func SieveAgreesForTest(text []byte, lo, hi int) error {
	if !vecSieve {
		return nil
	}
	m := markRange(text, lo, hi)
	m.caps = append(m.caps, 0)
	var a, b []int32
	for _, i := range houseStarts(text, lo, hi) {
		a, b = append(a, int32(i)), append(b, int32(i))
	}
	for _, gate := range []bool{true, false} {
		g := sieveGo(text, m.caps, lo, hi, slices.Clone(a), gate)
		v := sieveVec(text, m.caps, lo, hi, slices.Clone(b), gate)
		if !slices.Equal(g, v) {
			return fmt.Errorf("sieve of [%d, %d), gate %v: Go keeps %v, vector %v", lo, hi, gate, g, v)
		}
	}
	return nil
}

// LowerStreetTypesForTest lists the street types lowerStreetPre knows.
func LowerStreetTypesForTest() []string { return lowerStreetTypes }

// LowerStreetPreForTest is lowerStreetPre at the start of text.
func LowerStreetPreForTest(text []byte) bool { return lowerStreetPre(text, 0, len(text)) }

// PlainAroundForTest checks every run of digits in text where plainAround
// spares addressAt its street readings: streetAfter and streetBefore must
// then both fail. It returns how many runs plainAround passed.
func PlainAroundForTest(text []byte) (int, error) {
	x := theLexicon()
	n := 0
	for _, i := range houseStarts(text, 0, len(text)) {
		j := i
		for j < len(text) && isDigit(text[j]) {
			j++
		}
		ne, ok := houseNumber(text, i, j, len(text))
		if !ok || ne+1 >= len(text) || text[ne] != ' ' || !plainAround(text, 0, len(text), i, ne+1) {
			continue
		}
		n++
		cue := lazyCue{text: text, i: i}
		if _, ok := streetAfter(x, text, ne+1, len(text), &cue); ok {
			return n, fmt.Errorf("plainAround passes the number at %d (%q), after which streetAfter reads a street", i, text[max(i-24, 0):min(j+24, len(text))])
		}
		if _, ok := streetBefore(x, text, 0, len(text), i, &cue); ok {
			return n, fmt.Errorf("plainAround passes the number at %d (%q), before which streetBefore reads a street", i, text[max(i-24, 0):min(j+24, len(text))])
		}
	}
	return n, nil
}

// HandWordsForTest lists the words of the hand-made lists, the address
// cues and the endings of street compounds.
func HandWordsForTest() []string {
	var ws []string
	for _, l := range handLists {
		ws = append(ws, strings.Fields(l.words)...)
	}
	ws = append(ws, addressCues...)
	return append(ws, streetEndings...)
}
