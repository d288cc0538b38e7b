package classify

import (
	"bytes"
	"encoding/binary"
	"math/bits"
	"slices"
	"unicode"
	"unicode/utf8"
)

// Person names without a model: a run of capitalised words is a name when
// the name lists, the shape of the run and its context agree.
//
// The scan skips 32 bytes at a time to the next capital letter, so prose
// costs little more than one load per word; only there does it read words,
// fold them and look them up. A sentence's first word followed by a
// lower-case one, the commonest capital, is passed with two bitmaps and a
// table of verbs, without a lookup. A run of capitalised words (with
// initials, particles such as "van" or "de", and a suffix such as "Jr.") is
// split at words that cannot be part of a name ("The", "When") and judged:
//
//   - a title before it (Mr, Dr, Frau, Mme) makes any run a name;
//   - two or more words score by the lists: a given name first, a surname
//     last, a middle initial, words that look like names from elsewhere
//     (Latin diacritics, surname endings such as -ov, -ska, -sson, -ić),
//     and a line of their own (a signature, an address block);
//   - one word is a name if it is a known given name or a frequent surname
//     and not a common English word, or if context says so ("Dear …",
//     "my name is …", "… said", "…'s wife", a speaker's "Anna:" in a
//     dialogue, a list of other names); a known name of any list also with
//     a verb after it ("Aniela is …") or opening a line ("Leif, …"); a
//     word no list knows with a strong surname ending ("… early Bulgakov");
//   - a run followed by a word that names an organisation or a place
//     ("… Inc", "… University", "… Street") is not a person;
//   - a word once part of a name is a name again in the same text
//     ("Jindřich Holinka … starring Holinka").
//
// A text without any capital letter (lower-cased chat, normalised corpora)
// gets a second, word-by-word pass: a known given name and a surname (known
// or with a surname ending), with or without an initial between them; any
// uncommon word after a cue or a title; a known name with a verb, a
// possessive of kin, a speaker's colon or a list of given names around it.

const (
	swarOnes = 0x0101010101010101
	swarHigh = 0x8080808080808080
)

// lowerMask marks the ASCII lower-case letters among the bytes of x.
func lowerMask(x uint64) uint64 {
	y := x &^ swarHigh
	a := y + swarOnes*(0x80-'a')
	b := y + swarOnes*(0x80-('z'+1))
	return a &^ b &^ x & swarHigh
}

// lowerRun returns the end of the run of ASCII lower-case letters at k,
// eight bytes at a time.
func lowerRun(text []byte, k, hi int) int {
	for k+8 <= hi {
		m := ^lowerMask(binary.LittleEndian.Uint64(text[k:])) & swarHigh
		if m != 0 {
			return k + bits.TrailingZeros64(m)>>3
		}
		k += 8
	}
	for k < hi && 'a' <= text[k] && text[k] <= 'z' {
		k++
	}
	return k
}

// upperOrLead marks, in each byte of x, ASCII capitals and bytes that may
// start a multi-byte character (0xC0 and up).
func upperOrLead(x uint64) uint64 {
	y := x &^ swarHigh
	a := y + swarOnes*(0x80-'A')     // high bit: y >= 'A'
	b := y + swarOnes*(0x80-('Z'+1)) // high bit: y > 'Z'
	ascii := a &^ b &^ x & swarHigh  // 'A' <= x <= 'Z'
	return ascii | x&(x<<1)&swarHigh // x >= 0xC0
}

// nameTok is one token of a run of capitalised words.
type nameTok struct {
	s, e      int
	h         uint64 // hash of the (first part of the) word, folded
	info      lexInfo
	kind      uint8
	caps      bool // every letter upper case (two letters or more)
	diacritic bool // a Latin letter with a diacritic
	latin     bool // every letter is a Latin letter
	letters   int
	morph     bool // ends like a surname from elsewhere (-ov, -ska, -sson …); set by multiName
}

const (
	tokWord = iota
	tokInitial
	tokParticle
)

// maxRun bounds the tokens a run holds; longer runs of capitalised words are
// headlines or lists of titles, not names.
const maxRun = 8

// findNames is the Find of the person-name detector.
func findNames(text []byte, lo, hi int, emit func(start, end int)) {
	findNamesFrom(text, lo, hi, marked{markRange(text, lo, hi).caps}, &nameSink{}, emit)
}

// findNamesMarked is findNames over the capitals the scanner's pass
// marked.
func findNamesMarked(text []byte, lo, hi int, m *marks, emit func(start, end int)) {
	findNamesFrom(text, lo, hi, marked{m.caps}, &m.names, emit)
}

// findNamesFrom finds the names in text[lo:hi] from the capitals marked
// in caps, visiting those skimCapitals lists. sink is scratch space it
// resets: a field's scan would otherwise clear a few hundred bytes for
// one.
func findNamesFrom(text []byte, lo, hi int, caps marked, sink *nameSink, emit func(start, end int)) {
	x := theLexicon()
	sink.emit, sink.nknown, sink.npending, sink.nalone, sink.nruns, sink.capNouns, sink.lang = emit, 0, 0, 0, 0, 0, langUnknown
	if cap(sink.visit) == 0 {
		sink.visit = make([]int, 0, 256)
	}
	anyUpper := false
	i := lo
	for at := lo; at < hi; {
		vs, next, skipped := skimCapitals(x, text, caps.set, at, lo, hi, sink.visit[:0])
		anyUpper = anyUpper || skipped
		for _, p := range vs {
			if p < i {
				continue
			}
			i = p
			c := text[i]
			if c < 0xC0 && !('A' <= c && c <= 'Z') {
				i++
				continue
			}
			if c >= 0xC0 {
				if c == 0xC3 && i+1 < hi && (text[i+1] >= 0x9F || text[i+1] == 0x97) {
					i += 2 // é, ü, ç … (U+00DF–U+00FF) and ×: not capitals
					continue
				}
				r, n := utf8.DecodeRune(text[i:hi])
				if !unicode.IsUpper(r) {
					i += max(n, 1)
					continue
				}
			}
			anyUpper = true
			if !tokenStart(text, lo, i) {
				i++
				continue
			}
			if e, ok := sentenceWord(x, text, lo, hi, i); ok {
				i = e
				continue
			}
			var first nameTok
			if e, ok := quickReject(x, text, lo, hi, i, &first, &sink.capNouns); ok {
				i = e
				continue
			}
			i = max(i+1, nameRun(x, text, lo, hi, i, &first, sink))
		}
		at = max(next, i)
	}
	if !anyUpper {
		findLowerNames(x, text, lo, hi, emit)
		return
	}
	sink.flush(x, text, lo, hi)
}

// nameSink reports the names found and remembers their words: a word once
// part of a name is a name again elsewhere in the same text ("Jindřich
// Holinka … starring Holinka"), and a word that stood alone without enough
// evidence before the name came waits until the text's end for it. A word
// standing alone that the lists make a name waits there too, until the
// text shows whether it capitalises its nouns (flush).
type nameSink struct {
	emit     func(start, end int)
	visit    []int      // the capitals skimCapitals lists
	known    [16]uint64 // hashes of the words of the names reported
	nknown   int
	pending  [8]pendingName
	npending int
	// alone holds the words standing alone that the lists make names, and
	// their repeats, until the text's end says whether its capitals mean
	// anything.
	alone  [16]nameTok
	byName [16]bool // a name only as a word of another name held
	nalone int
	// runs holds the names of two words or more that no title makes, for
	// the same reason.
	runs     [8]heldRun
	nruns    int
	capNouns int  // common English words capitalised inside a sentence
	lang     int8 // langGerman once a German text, langOther once not
}

// heldRun is a name of two words or more held until the text's end.
type heldRun struct {
	s, e int
	ws   [maxRun]nameTok
	n    int
}

const (
	langUnknown = iota
	langGerman
	langOther
)

// german reports whether the text around at is German, where every noun
// is capitalised and a capital says nothing of a person: three or more
// German function words, an eighth of the words or more, within 100
// bytes either side. The first asking decides for the whole field, and
// the finder asks only of a name it would report: a text without one
// pays nothing.
func (k *nameSink) german(text []byte, lo, hi, at int) bool {
	if k.lang == langUnknown {
		k.lang = langOther
		words, hits := 0, 0
		for j, end := max(lo, at-100), min(hi, at+100); j < end; {
			if !isLetter(text[j]) && text[j] < utf8.RuneSelf {
				j++
				continue
			}
			e := j + 1
			for e < hi && (isLetter(text[e]) || text[e] >= utf8.RuneSelf) {
				e++
			}
			words++
			if germanWord(text[j:e]) {
				hits++
			}
			j = e
		}
		if hits >= 3 && hits*8 >= words {
			k.lang = langGerman
		}
	}
	return k.lang == langGerman
}

// germanKey keys a word of up to eight bytes by its length and its first
// and last byte, case-folded: germanKeys marks the keys of germanWord's
// words, so that most words need no comparison.
func germanKey(first, last byte, n int) int {
	return (n*32+int((first|0x20)&31))*32 + int((last|0x20)&31)
}

var germanKeys = func() (t [9 * 32 * 32]bool) {
	for _, w := range germanWords {
		t[germanKey(w[0], w[len(w)-1], len(w))] = true
	}
	return t
}()

// germanWords are germanWord's words, in lower case.
var germanWords = []string{"der", "die", "das", "dem", "den", "des", "ein", "eine", "einen", "einem", "einer", "eines", "und",
	"oder", "aber", "nicht", "doch", "ist", "sind", "wird", "wurde", "hatte", "haben", "sich", "auch", "noch", "schon",
	"sehr", "mit", "auf", "für", "über", "nach", "bei", "aus", "zum", "zur", "vom", "beim", "im", "ins", "unter", "durch",
	"gegen", "ohne", "zwischen", "neben", "hinter", "als", "wenn", "weil", "dass", "ich", "wir", "sie", "ihr", "ihre",
	"ihren", "ihrem", "sein", "seine", "seinen", "seinem", "mein", "meine", "meinen", "meinem", "unser", "unsere", "kein",
	"keine", "keinen", "jeden", "jede", "jeder", "jedes", "dieser", "diese", "dieses", "diesem", "diesen", "wie", "wo",
	"dort", "hier", "dann", "jetzt", "heute", "gestern", "immer"}

// germanWord reports a German article, pronoun, preposition or
// conjunction, the words that come before German nouns and between them.
// Few are English words ("die") or names ("Das"), and three together
// are German.
func germanWord(w []byte) bool {
	if len(w) < 2 || len(w) > 8 || !germanKeys[germanKey(w[0], w[len(w)-1], len(w))] {
		return false
	}
	var lb [16]byte
	return slices.Contains(germanWords, string(lowerWord(&lb, w)))
}

type pendingName struct {
	s, e int
	h    uint64
}

// name reports text[s:e], the name made of ws.
func (k *nameSink) name(ws []nameTok, s, e int) {
	k.emit(s, e)
	for i := range ws {
		if t := &ws[i]; remembered(t) && k.nknown < len(k.known) && !k.reported(t.h) {
			k.known[k.nknown] = t.h
			k.nknown++
		}
	}
}

// remembered says which words of a name make the same word a name again.
func remembered(t *nameTok) bool {
	return t.kind == tokWord && t.letters >= 3 && t.info&(lexTitle|lexSuffix|lexParticle) == 0
}

// knows reports whether the word hashed h is a word of a name reported,
// or of one held that flush may report (a word standing alone, a run).
func (k *nameSink) knows(h uint64) bool {
	if k.reported(h) {
		return true
	}
	for i := range k.alone[:k.nalone] {
		if t := &k.alone[i]; t.h == h && !k.byName[i] && remembered(t) {
			return true
		}
	}
	for i := range k.runs[:k.nruns] {
		if k.runs[i].holds(h) {
			return true
		}
	}
	return false
}

// holds reports whether a word of the run that makes the same word a name
// again is hashed h.
func (r *heldRun) holds(h uint64) bool {
	for i := range r.ws[:r.n] {
		if t := &r.ws[i]; t.h == h && remembered(t) {
			return true
		}
	}
	return false
}

// holdRun keeps a name of two words or more for flush to report; when more
// wait than it keeps, it reports the name now.
func (k *nameSink) holdRun(ws []nameTok, s, e int) {
	if k.nruns == len(k.runs) {
		k.name(ws, s, e)
		return
	}
	r := &k.runs[k.nruns]
	r.s, r.e, r.n = s, e, copy(r.ws[:], ws)
	k.nruns++
}

// plainRun reports whether a name of two words or more stands where
// capitals say nothing: it has no initial, no cue before it and no verb
// of speech after it, and its first word is no given name of the lists
// ("Island Crystal", "Geschichte des Landes", not "Anna Schmidt").
func plainRun(x *lexicon, text []byte, lo, hi int, r *heldRun) bool {
	firstWord := true
	for i := range r.ws[:r.n] {
		switch t := &r.ws[i]; t.kind {
		case tokInitial:
			return false
		case tokWord:
			if firstWord && t.info.given() > 0 && t.info.common() == 0 {
				return false
			}
			firstWord = false
		}
	}
	return !cueBefore(x, text, lo, r.s) && !saidAfter(x, text, r.e, hi)
}

// reported reports whether the word hashed h is a word of a name reported.
func (k *nameSink) reported(h uint64) bool {
	for _, v := range k.known[:k.nknown] {
		if v == h {
			return true
		}
	}
	return false
}

// standsOut keeps a word standing alone that the lists make a name, or
// that a name held makes one (byName), for flush to report; when more
// wait than it keeps, it reports the word now.
func (k *nameSink) standsOut(t *nameTok, byName bool) {
	if k.nalone == len(k.alone) {
		ws := [1]nameTok{*t}
		k.name(ws[:], t.s, t.e)
		return
	}
	k.alone[k.nalone], k.byName[k.nalone] = *t, byName
	k.nalone++
}

// wait keeps a word standing alone that a name found later may confirm:
// a word of three letters or more that no list knows as a common word, a
// place or an organisation.
func (k *nameSink) wait(t *nameTok) {
	if k.canWait(t) {
		k.pending[k.npending] = pendingName{t.s, t.e, t.h}
		k.npending++
	}
}

func (k *nameSink) canWait(t *nameTok) bool {
	return k.npending < len(k.pending) && t.kind == tokWord && t.letters >= 3 && !t.caps && t.info.common() == 0 &&
		t.info&(lexStop|lexNotPerson|lexStreet|lexStreetPre|lexTitle|lexCue|lexUnit) == 0
}

// flush reports the words standing alone that remain names, and the
// waiting words that turned out to be names. Where the text capitalises
// its nouns, in German or in English of Newton's day ("the Sines of
// Incidence"), a capital says nothing, and a word standing alone is a
// name only by its context. Such English shows as common words
// capitalised inside sentences: eight or more, one in 250 bytes or more.
func (k *nameSink) flush(x *lexicon, text []byte, lo, hi int) {
	if k.nalone+k.nruns > 0 {
		at := k.runs[0].s
		if k.nalone > 0 {
			at = k.alone[0].s
		}
		strict := k.capNouns >= 8 && k.capNouns*250 >= hi-lo || k.german(text, lo, hi, at)
		var keepRun [len(k.runs)]bool
		for i := range k.runs[:k.nruns] {
			keepRun[i] = !strict || !plainRun(x, text, lo, hi, &k.runs[i])
		}
		var keep [len(k.alone)]bool
		for i := range k.alone[:k.nalone] {
			keep[i] = !k.byName[i] && (!strict || byContext(x, text, lo, hi, k.alone[i]))
		}
		for i := range k.alone[:k.nalone] {
			if !k.byName[i] {
				continue
			}
			h := k.alone[i].h
			keep[i] = !strict || k.reported(h)
			for j := range k.alone[:k.nalone] {
				keep[i] = keep[i] || keep[j] && !k.byName[j] && k.alone[j].h == h && remembered(&k.alone[j])
			}
			for j := range k.runs[:k.nruns] {
				keep[i] = keep[i] || keepRun[j] && k.runs[j].holds(h)
			}
		}
		for i := range k.runs[:k.nruns] {
			if r := &k.runs[i]; keepRun[i] {
				k.name(r.ws[:r.n], r.s, r.e)
			}
		}
		for i := range k.alone[:k.nalone] {
			if t := &k.alone[i]; keep[i] {
				k.name(k.alone[i:i+1], t.s, t.e)
			}
		}
	}
	for _, p := range k.pending[:k.npending] {
		if k.reported(p.h) {
			k.emit(p.s, p.e)
		}
	}
}

// sentenceWord passes, without a lookup, the first word of a sentence
// followed by a number (labelAfter), by a comma or a mark where no list
// knows the word and a sentence's end comes before it ("However, the …",
// "Later \"they\" …"), or by a lower-case word ("The team …"), unless it
// may be a frequent name, a speech verb follows ("Rubija said"), or it may
// be a name of any list and a verb or a capitalised word after a short one
// follows ("Aniela is …", "Abramovich and Wilson"): alone there, nothing
// else makes a name (a name with a particle, "Vincent van Gogh", is found
// there only when its given name is on the lists, or has diacritics). Two
// bitmaps and the next word, read once, decide; a word with letters of
// Latin-1 ("Déjà", "José") is asked of them folded to ASCII. skimWord
// passes most of these words before any visit, with the same tests
// (skim.go), but for those with letters past ASCII.
func sentenceWord(x *lexicon, text []byte, lo, hi, i int) (int, bool) {
	if !sentenceStart(text, lo, i) {
		return 0, false // most words the skim leaves: ask first
	}
	e := lowerRun(text, i+1, hi)
	latin := false // a lower-case letter of Latin-1 in the word: "Déjà", "José"
	for e+2 < hi && latinLowerAt(text[e:hi]) {
		e, latin = lowerRun(text, e+2, hi), true
	}
	if e+2 >= hi || text[e] != ' ' && text[e] != ',' {
		return 0, false
	}
	if text[e] == ' ' && isDigit(text[e+1]) {
		return e, true // labelAfter: "Start 8.3.11", "Jordan 23"
	}
	comma := text[e] == ','
	k := e + btoi(comma)
	if k+1 >= hi || text[k] != ' ' {
		return 0, false
	}
	// A word that starts with a lower-case letter of Latin-1 ("über") is
	// a lower-case word too: no verb or particle sentenceWord asks about
	// starts so.
	lowerNext := 'a' <= text[k+1] && text[k+1] <= 'z' || latinLowerAt(text[k+1:hi])
	if !lowerNext && (comma || !markAt(text[k+1:hi])) {
		return 0, false
	}
	var qh uint64
	if latin {
		// The lists hold names folded to ASCII ("jose"), as the lexicon
		// looks them up: the bitmaps are asked of the folded word.
		var ok bool
		if qh, ok = foldedQuickHash(text[i:e]); !ok {
			return 0, false
		}
	} else {
		qh = quickHashIn(text, i, e)
	}
	if comma || !lowerNext {
		// "However, the …", "Later \"they\" …", "Meanwhile #opensource",
		// "Refund €12", "Ship ORD-2023-41": a word no list knows, after a
		// sentence's end, before a comma and a lower-case word, or before
		// a mark, a price or a code, is no name alone (no vocative, no
		// list of names, no verb after it). Not after a line's start,
		// where a label on the line before may name whoever follows
		// ("Name:\nHolinka, Jan").
		if i-2 < lo || text[i-1] != ' ' || !sentenceEnd(text[i-2]) || x.maybeName(qh) {
			return 0, false
		}
		return e, true
	}
	// A frequent name is a name of the lists: the names' bitmap, which
	// turns most words away, is asked first.
	if x.maybeName(qh) && x.maybeFrequent(qh) {
		return 0, false
	}
	k++ // the next word
	we := lowerRun(text, k, hi)
	if we-k > 10 || we < hi && isLetter(text[we]) {
		return e, true // a long word or a capital inside one: no verb, no particle
	}
	// The bitmap of names is large: it is read last, and only when a
	// verb or a particle follows.
	switch quickVerb(text[k:we]) {
	case verbNone:
		// A capital after a short word ("Abramovich and Wilson", "Vincent
		// van Gogh"), or after two ("Maria de la Cruz").
		if we-k <= 5 && we+1 < hi && text[we] == ' ' {
			c := text[we+1]
			// Diacritics make a run of two words a name (multiName), a
			// word of the lists or not, and so does a name after "and"
			// (inNameList: "Usamov and Bowers").
			if (isUpperASCII(c) || c >= 0xC0 || 'a' <= c && c <= 'z' && particleWord(text[k:we])) && particleAhead(text, k, hi) && (latin || x.maybeName(qh)) ||
				string(text[k:we]) == "and" && (isUpperASCII(c) || c >= 0xC0) {
				return 0, false
			}
		}
	case verbSpeech:
		if v := nextVerb(text[k:we]); v == verbSpeech || v == verbWeak && x.maybeName(qh) {
			return 0, false
		}
	default:
		if nextVerb(text[k:we]) == verbWeak && x.maybeName(qh) {
			return 0, false
		}
	}
	return e, true
}

// asciiMark reports a printable ASCII byte that is no letter or digit:
// '"', '#', '@', '$', '(' …
func asciiMark(c byte) bool { return c > ' ' && c < 0x7F && !isAlnum(c) }

// markAt reports whether w starts with what sentenceWord takes for a
// mark after a sentence's first word: a printable ASCII byte that is no
// letter or digit, a currency sign past ASCII (€, £, ¥), or a code of
// two to eight capitals before a digit or a '-' and a digit ("ORD-2023",
// "GPT-4", "SKU12"), which no name holds.
func markAt(w []byte) bool {
	if len(w) == 0 {
		return false
	}
	switch c := w[0]; {
	case asciiMark(c):
		return true
	case c == 0xE2:
		return len(w) >= 3 && w[1] == 0x82 && w[2] == 0xAC // €
	case c == 0xC2:
		return len(w) >= 2 && (w[1] == 0xA3 || w[1] == 0xA5) // £, ¥
	}
	n := 0
	for n < len(w) && n <= 8 && isUpperASCII(w[n]) {
		n++
	}
	if n < 2 || n > 8 || n >= len(w) {
		return false
	}
	return isDigit(w[n]) || w[n] == '-' && n+1 < len(w) && isDigit(w[n+1])
}

// latinLowerAt reports whether w starts with a lower-case letter of
// Latin-1 (U+00DF–U+00FF but ÷), as sentenceWord reads one inside a
// word.
func latinLowerAt(w []byte) bool {
	return len(w) >= 2 && w[0] == 0xC3 && w[1] >= 0x9F && w[1] != 0xB7
}

// sentenceEnd reports a byte that ends a sentence: '.', '!' or '?'.
func sentenceEnd(c byte) bool { return c == '.' || c == '!' || c == '?' }

// foldedQuickHash is quickHash of w (ASCII letters and letters of Latin-1)
// folded to ASCII as the lexicon folds it: "Déjà" as "deja". It reports
// false for a word that folds to more than 16 bytes.
func foldedQuickHash(w []byte) (uint64, bool) {
	var buf [16]byte
	n := 0
	for k := 0; k < len(w); k++ {
		if n == len(buf) {
			return 0, false
		}
		if w[k] != 0xC3 || k+1 == len(w) {
			buf[n] = w[k]
			n++
			continue
		}
		f := latinFold[0xC0|rune(w[k+1]&0x3F)-latinFoldBase]
		if n+len(f) > len(buf) {
			return 0, false
		}
		n += copy(buf[n:], f)
		k++
	}
	return quickHash(buf[:n]), true
}

// verbKeys classifies lower-case words by length, first and last letter:
// what kind of verb of nextVerb's a word with that key may be (the kind,
// or verbNone when no verb has the key). quickVerb's answer is then
// confirmed by nextVerb only for the few words it lets through.
var verbKeys = func() (t [11 * 26 * 26]uint8) {
	for _, w := range speechVerbs {
		t[wordKey(w)] = verbSpeech
	}
	for _, w := range weakVerbs {
		if t[wordKey(w)] == verbNone {
			t[wordKey(w)] = verbWeak
		}
	}
	return t
}()

// speechVerbs and weakVerbs are nextVerb's verbs of each kind.
var (
	speechVerbs = []string{"said", "says", "wrote", "writes", "asked", "replied", "told", "shouted", "explained",
		"added", "lives", "lived", "works", "worked", "died", "married", "smiled", "laughed", "flew", "grew", "began",
		"spent", "thinks", "thought", "wants", "wanted"}
	weakVerbs = []string{"is", "was", "has", "had", "will", "would", "can", "could", "did", "does", "should",
		"must", "might", "loves", "loved", "likes", "liked", "knows", "knew", "went", "goes", "came", "comes",
		"joined", "left", "became", "made", "gave", "got", "took", "met", "sent", "called", "helped", "decided",
		"agreed", "felt"}
)

// verbBits marks, by the top twelve bits of quickHash, every verb of
// nextVerb's: a word with a verb of speech's key ("write", "send" and
// "start" have those of "wrote", "said" and "shout") whose bit is clear
// is no verb, and the skim passes its sentence's first word as it would
// pass one before any other word. One word in 65 gets through by chance.
var verbBits = func() (t [1 << 12 / 64]uint64) {
	for _, w := range append(slices.Clone(speechVerbs), weakVerbs...) {
		h := quickHash([]byte(w)) >> 52
		t[h>>6] |= 1 << (h & 63)
	}
	return t
}()

// maybeVerb reports whether the lower-case word whose quickHash is qh may
// be one of nextVerb's (verbBits).
func maybeVerb(qh uint64) bool {
	h := qh >> 52
	return verbBits[h>>6]&(1<<(h&63)) != 0
}

// wordKey keys a lower-case word of two to ten letters by its length and
// its first and last letter: verbKeys, and the street types' keys of the
// address finder, are tables by it.
func wordKey[S ~string | ~[]byte](w S) int {
	return (len(w)*26+int(w[0]-'a'))*26 + int(w[len(w)-1]-'a')
}

// quickVerb is verbKeys' answer for the lower-case word w.
func quickVerb(w []byte) uint8 {
	if len(w) < 2 || len(w) > 10 {
		return verbNone
	}
	return verbKeys[wordKey(w)]
}

// Verbs after a capitalised word: saidAfter's, which make any word a
// person ("Rubija said"), and verbAfter's, which make a known name one.
const (
	verbNone = iota
	verbSpeech
	verbWeak
)

// nextVerb classifies the lower-case word w.
func nextVerb(w []byte) int {
	switch string(w) {
	case "said", "says", "wrote", "writes", "asked", "replied", "told", "shouted", "explained", "added",
		"lives", "lived", "works", "worked", "died", "married", "smiled", "laughed", "flew", "grew", "began",
		"spent", "thinks", "thought", "wants", "wanted":
		return verbSpeech
	case "is", "was", "has", "had", "will", "would", "can", "could", "did", "does", "should", "must", "might",
		"loves", "loved", "likes", "liked", "knows", "knew", "went", "goes", "came", "comes", "joined", "left",
		"became", "made", "gave", "got", "took", "met", "sent", "called", "helped", "decided", "agreed", "felt":
		return verbWeak
	}
	return verbNone
}

// quickReject handles the commonest capitalised word, a plain ASCII word
// followed by a lower-case one ("The team …", "Latency was …"), without
// building a run: it reports true, with the word's end, when the word is no
// name on its own. When it leaves such a word to nameRun, it sets first to
// the token readNameTok would read there, so that nameRun reads it once.
// It counts in nouns the common words it passes inside a sentence ("the
// Rays of Light"), which flush asks about. A word of any capitals before
// a number ("ORD-2023", "Start 8.3.11") it passes as labelAfter does.
func quickReject(x *lexicon, text []byte, lo, hi, i int, first *nameTok, nouns *int) (int, bool) {
	if !isUpperASCII(text[i]) {
		return 0, false // "Émile": nameRun reads it
	}
	h := (fnvOffset ^ uint64(text[i]|0x20)) * fnvPrime
	e := i + 1
	// The case bit (0x20) of the letters after the first: clear in all of
	// them for a capital among them ("McDonald", "IBM": nameRun reads
	// those), set in any for a lower-case one.
	all, any := byte(0x20), byte(0)
	for e < hi && isLetter(text[e]) {
		c := text[e]
		all &= c
		any |= c
		h = (h ^ uint64(c|0x20)) * fnvPrime
		e++
	}
	if all&0x20 == 0 {
		if any&0x20 == 0 && labelAfter(text, e, hi) {
			return e, true // "ORD-2023"
		}
		return 0, false
	}
	if e-i < 2 {
		return 0, false
	}
	if e+2 >= hi || text[e] != ' ' || !('a' <= text[e+1] && text[e+1] <= 'z') {
		if labelAfter(text, e, hi) {
			return e, true // "Start 8.3.11"
		}
		// A word nothing joins into a run ("Still, …", "Document 56905",
		// "Train \"leave\"") is judged alone by nameRun, and a word that
		// breaks a run is nothing alone: say so without building one.
		if !standsAlone(text, e, hi) {
			return 0, false
		}
		if t := (nameTok{kind: tokWord, info: x.get(h)}); t.breaks() {
			return e, noun(text, lo, i, nouns)
		}
		return 0, false
	}
	t := nameTok{s: i, e: e, h: h, kind: tokWord, info: x.get(h), letters: e - i, latin: true}
	if t.breaks() {
		return e, noun(text, lo, i, nouns)
	}
	*first = t
	if t.info&(lexTitle|lexCue) != 0 || !sentenceStart(text, lo, i) {
		return 0, false
	}
	// At a sentence's start, a word alone is a name only if it is a
	// frequent one and no common word, or "… said" follows.
	if g, su := t.info.given(), t.info.surname(); t.info.common() == 0 && t.info&lexStop == 0 && (g == 1 || su == 1) {
		return 0, false
	}
	if saidAfter(x, text, e, hi) || particleAhead(text, e+1, hi) {
		return 0, false
	}
	if (t.info.given() > 0 || t.info.surname() > 0) && t.info.common() == 0 && t.info&lexStop == 0 && verbAfter(text, e, hi) {
		return 0, false // "Aniela is …"
	}
	return e, true
}

// noun counts in nouns a common word capitalised at i inside a sentence,
// and reports true.
func noun(text []byte, lo, i int, nouns *int) bool {
	if !sentenceStart(text, lo, i) {
		*nouns++
	}
	return true
}

// standsAlone reports whether nothing joins the ASCII word that ends at e
// to what follows: no hyphen, apostrophe or letter past ASCII continues
// it, no '@', '_' or dot inside a token makes it part of an address or an
// identifier (which nameRun steps into), and no letter after a space
// starts a run.
func standsAlone(text []byte, e, hi int) bool {
	if e >= hi {
		return true
	}
	switch c := text[e]; {
	case c >= utf8.RuneSelf, c == '-', c == '\'', c == '@', c == '_':
		return false
	case c == '.':
		return e+1 >= hi || !isAlnum(text[e+1])
	case c == ' ':
		return e+1 >= hi || !isLetter(text[e+1]) && text[e+1] < utf8.RuneSelf
	}
	return true
}

// particleWord reports whether w is a particle that a second one may follow
// in a name: "de la", "van der".
func particleWord(w []byte) bool {
	switch string(w) {
	case "van", "von", "de", "da", "di", "del", "der", "den", "dos", "das", "du", "la", "le", "ter", "ten", "al", "el", "bin", "ibn":
		return true
	}
	return false
}

// particleAhead reports whether the lower-case word at k is short and
// followed by a capitalised word, directly or after a second short word.
func particleAhead(text []byte, k, hi int) bool {
	for w := 0; w < 2; w++ {
		q := k
		for q < hi && 'a' <= text[q] && text[q] <= 'z' && q-k < 6 {
			q++
		}
		if q-k > 5 || q+1 >= hi || text[q] != ' ' {
			return false
		}
		if isUpperLetterAt(text, q+1, hi) {
			return true
		}
		k = q + 1
	}
	return false
}

// tokenStart reports whether a word may start at i: not inside a word, an
// identifier, an address, a path or a URL.
func tokenStart(text []byte, lo, i int) bool {
	if i == lo {
		return true
	}
	switch tokenStartTab[text[i-1]] {
	case tsNo:
		return false
	case tsJoin:
		// "x.Name", "a-Name" are identifiers; ". Name" was handled above
		// as a space.
		return i-2 < lo || !isAlnum(text[i-2]) && text[i-2] < 0x80
	}
	return true
}

// tokenStartTab says what a byte before a capital makes of it: every
// capital in text comes to tokenStart.
var tokenStartTab = func() (t [256]uint8) {
	glue := byteSet("_@/\\=&?#$%+~`|^<{[")
	for c := range 256 {
		b := byte(c)
		switch {
		case isAlnum(b), b >= 0x80, glue[b]:
			t[c] = tsNo
		case b == '.', b == '-':
			t[c] = tsJoin
		default:
			t[c] = tsYes
		}
	}
	return t
}()

const (
	tsYes  = iota // a token starts after it
	tsNo          // a token goes on through it
	tsJoin        // '.' and '-': it depends on the byte before
)

// wordEnd reads letters from i and returns the end of the word, its folded
// hash and its shape. It stops at anything but a letter.
func wordEnd(text []byte, i, hi int) (end int, h uint64, letters int, firstUpper, allUpper, restLower, diacritic, latin bool) {
	h = fnvOffset
	allUpper, restLower, latin = true, true, true
	for j := i; j < hi; {
		c := text[j]
		if c < utf8.RuneSelf {
			if !isLetter(c) {
				return j, h, letters, firstUpper, allUpper && letters > 1, restLower, diacritic, latin
			}
			up := c <= 'Z'
			if letters == 0 {
				firstUpper = up
			} else if up {
				restLower = false
			}
			allUpper = allUpper && up
			h = (h ^ uint64(c|0x20)) * fnvPrime
			letters++
			j++
			continue
		}
		r, n := utf8.DecodeRune(text[j:hi])
		if !unicode.IsLetter(r) {
			return j, h, letters, firstUpper, allUpper && letters > 1, restLower, diacritic, latin
		}
		up := unicode.IsUpper(r)
		if letters == 0 {
			firstUpper = up
		} else if up {
			restLower = false
		}
		allUpper = allUpper && up
		if r >= latinFoldBase && r < 0x250 && latinFold[r-latinFoldBase] != "" {
			diacritic = true
		} else {
			latin = false
		}
		h = foldRune(h, r)
		letters++
		j += n
	}
	return hi, h, letters, firstUpper, allUpper && letters > 1, restLower, diacritic, latin
}

// readNameTok reads the token at i (a capital or, for particles, a lower
// case letter): a word with parts joined by '-' or an apostrophe before a
// capital (Jean-Pierre, O'Brien), or initials ("J.", "J.R.R."). ok is false
// when the token cannot be part of a name.
func readNameTok(x *lexicon, text []byte, i, hi int) (t nameTok, ok bool) {
	t.s = i
	end, h, n, up, caps, rest, dia, latin := wordEnd(text, i, hi)
	if n == 0 {
		return t, false
	}
	t.h = h
	if up && n == 1 {
		// An initial, or a run of them: "J.", "J.R.R.", "J" between words.
		t.kind, t.e, t.letters = tokInitial, end, 1
		for t.e+1 < hi && text[t.e] == '.' {
			t.e++
			if t.e+1 < hi && isUpperASCII(text[t.e]) && (t.e+1 >= hi || !isLetter(text[t.e+1])) {
				t.e++
				continue
			}
			break
		}
		if end+1 < hi && (text[end] == '\'' || text[end] == '-') && isUpperASCII(text[end+1]) {
			// "O'Brien", "D'Angelo", "A-Rahman": a one-letter part
			t.kind = tokWord
		} else {
			// The lexicon knows single letters only as titles ("M.").
			t.info = x.get(h)
			return t, true
		}
	}
	t.info = x.get(h)
	t.caps, t.diacritic, t.latin, t.letters = caps, dia, latin, n
	t.e = end
	if t.info&lexTitle != 0 && up && end < hi && text[end] == '.' {
		t.e++ // "Mr.", "Dr."
		return t, true
	}
	if !up {
		if t.info&lexParticle != 0 {
			t.kind = tokParticle
			return t, true
		}
		return t, false
	}
	if !rest && !caps && !mixedCaseName(text[i:end]) {
		return t, false // "OpenAI", "iPhone", "McKinsey" is fine
	}
	// Parts joined by a hyphen or an apostrophe before a capital.
	for t.e+1 < hi && (text[t.e] == '-' || text[t.e] == '\'') && isUpperLetterAt(text, t.e+1, hi) {
		pe, ph, pn, _, pcaps, prest, pdia, platin := wordEnd(text, t.e+1, hi)
		if pn < 2 || !prest && !pcaps {
			break
		}
		pi := x.get(ph)
		t.info = mergeParts(t.info, pi)
		t.caps = t.caps && pcaps
		t.diacritic = t.diacritic || pdia
		t.latin = t.latin && platin
		t.letters += pn
		t.e = pe
	}
	// Part of an address, an identifier or a file name: "Chloe.brown@…",
	// "Main_loop", "Report.pdf".
	if t.e < hi && (text[t.e] == '@' || text[t.e] == '_' || text[t.e] == '.' && t.e+1 < hi && isAlnum(text[t.e+1])) {
		return t, false
	}
	return t, true
}

func isUpperASCII(b byte) bool { return 'A' <= b && b <= 'Z' }

func isUpperLetterAt(text []byte, i, hi int) bool {
	if i >= hi {
		return false
	}
	if text[i] < utf8.RuneSelf {
		return isUpperASCII(text[i])
	}
	r, _ := utf8.DecodeRune(text[i:hi])
	return unicode.IsUpper(r)
}

// mixedCaseName accepts the capitals inside names: McDonald, MacArthur,
// DeVries, LaToya, DiCaprio.
func mixedCaseName(w []byte) bool {
	upper := 0
	for i, c := range w {
		if i > 0 && isUpperASCII(c) {
			upper++
			if upper > 1 || i > 3 || !isLetter(w[i-1]) {
				return false
			}
			switch string(w[:i]) {
			case "Mc", "Mac", "De", "Di", "La", "Le", "Da", "Du", "Van", "Von", "St":
			default:
				return false
			}
		}
	}
	return true
}

// mergeParts combines the lexicon entries of a hyphenated name's parts: a
// known name part makes the whole a name; it is a common word only if every
// part is one.
func mergeParts(a, b lexInfo) lexInfo {
	g := minTier(a.given(), b.given())
	s := minTier(a.surname(), b.surname())
	w := 0
	if a.common() > 0 && b.common() > 0 {
		w = max(a.common(), b.common())
	}
	return lexInfo(g) | lexInfo(s)<<lexSurShift | lexInfo(w)<<lexWordShift | (a|b)&lexStop
}

func minTier(a, b int) int {
	switch {
	case a == 0:
		return b
	case b == 0:
		return a
	}
	return min(a, b)
}

// surnameEndings are endings common among surnames of languages the
// English-speaking lists know little of.
// The first surnameEndingsAlone of them make a single word a name.
var surnameEndings = []string{
	"ov", "ova", "ev", "eva", "ovich", "evich", "ovna", "evna", "ski", "ska", "sky", "cki", "cka", "wicz",
	"czyk", "ová", "ská", "ský", "ić", "vić", "enko", "chuk", "escu", "eanu", "sson", "dottir", "dóttir",
	"poulos", "akis", "idis", "oglu", "oğlu", "shvili",
	"dze", "yan", "ian", "moto", "mura", "yama", "kawa", "guchi", "ucci", "acci", "icci", "elli", "etti",
}

const surnameEndingsAlone = 33

// surnameMorph reports whether a capitalised word has a surname ending
// after a stem of three letters or more.
func surnameMorph(w []byte) bool {
	return surnameEnding(w, ^uint64(0))
}

// surnameEnding reports whether w ends in one of the surnameEndings that
// set picks, after a stem of three letters or more. Most words end in a
// byte no ending ends in, and one table lookup says so: every capitalised
// word standing alone comes here.
func surnameEnding(w []byte, set uint64) bool {
	if len(w) < 4 {
		return false
	}
	for b := surnameEndingsBy[lower(w[len(w)-1])] & set; b != 0; b &= b - 1 {
		e := surnameEndings[bits.TrailingZeros64(b)]
		if len(w) >= len(e)+3 && string(lowerTail(w, len(e))) == e {
			return true
		}
	}
	return false
}

// surnameEndingsBy holds, for each last byte, the surnameEndings that end
// in it, as bits by their place in the list.
var surnameEndingsBy = func() (t [256]uint64) {
	if len(surnameEndings) > 64 {
		panic("classify: more surname endings than bits in a word")
	}
	for k, e := range surnameEndings {
		t[e[len(e)-1]] |= 1 << k
	}
	return t
}()

// lowerTail returns the last n bytes of w with ASCII letters lower-cased,
// in a fixed buffer (endings are short).
func lowerTail(w []byte, n int) []byte {
	var buf [16]byte
	t := buf[:0]
	for _, c := range w[len(w)-n:] {
		t = append(t, lower(c))
	}
	return t
}

// nameRun reads the run of capitalised words at i, emits the names in it
// and returns where the scan continues. first, unless it is the zero
// token, is the token at i, read already.
func nameRun(x *lexicon, text []byte, lo, hi, i int, first *nameTok, sink *nameSink) int {
	var run [maxRun]nameTok
	n := 0
	j := i
	for {
		t, ok := *first, true
		if n > 0 || t.e == 0 {
			t, ok = readNameTok(x, text, j, hi)
		}
		if !ok {
			break
		}
		if t.kind == tokParticle && n == 0 {
			break
		}
		run[n] = t
		n++
		j = t.e
		if n == maxRun {
			// A headline or a list of titles: skip past it whole.
			return skipCaps(x, text, j, hi)
		}
		// The next token follows one space (or, after an initial's dot,
		// one space); a particle must be followed by a capitalised word.
		if j+1 >= hi || text[j] != ' ' {
			break
		}
		k := j + 1
		if !isLetter(text[k]) && text[k] < 0xC0 {
			break
		}
		if !isUpperLetterAt(text, k, hi) {
			// Only a short word followed by a capital can be a particle
			// ("van", "de la"): look it up only then.
			pe := k
			for pe < hi && pe-k < 6 && isLetter(text[pe]) {
				pe++
			}
			if pe-k > 5 || pe+1 >= hi || text[pe] != ' ' {
				break
			}
			if !isUpperLetterAt(text, pe+1, hi) {
				// two particles: "van der", "de la"
				q := pe + 1
				for q < hi && q-pe < 5 && 'a' <= text[q] && text[q] <= 'z' {
					q++
				}
				if q-pe-1 > 3 || q+1 >= hi || text[q] != ' ' || !isUpperLetterAt(text, q+1, hi) {
					break
				}
			}
			pt, ok := readNameTok(x, text, k, hi)
			if !ok || pt.kind != tokParticle || pt.e+1 >= hi || text[pt.e] != ' ' || !isUpperLetterAt(text, pt.e+1, hi) {
				break
			}
		}
		j = k
	}
	if n == 0 {
		return i + 1
	}
	end := run[n-1].e
	judgeRun(x, text, lo, hi, run[:n], sink)
	return end
}

// skipCaps returns the end of a run of capitalised words.
func skipCaps(x *lexicon, text []byte, j, hi int) int {
	for j+1 < hi && text[j] == ' ' && isUpperLetterAt(text, j+1, hi) {
		t, ok := readNameTok(x, text, j+1, hi)
		if !ok {
			break
		}
		j = t.e
	}
	return j
}

// breaks reports whether a capitalised token cannot be part of a name and
// splits the run there: a common English word that no list knows as a name
// ("The", "When"), or a cue ("Dear", "Thanks").
func (t *nameTok) breaks() bool {
	if t.kind != tokWord {
		return false
	}
	if t.info&lexCue != 0 {
		return true // "Dear", "Thanks", "Patient", "Liebe": context, not name
	}
	if t.info.common() == 0 {
		return false
	}
	if t.info&(lexTitle|lexSuffix|lexNotPerson|lexStreet) != 0 {
		return false
	}
	g, su := t.info.given(), t.info.surname()
	if t.info.common() == 1 && (g == 0 || g >= 3) && (su == 0 || su >= 3) {
		return true // "My", "You": rare as names, everyday as words
	}
	return g == 0 && su == 0
}

// judgeRun splits a run at breaking words and judges each part. A word
// that names an organisation or a street makes the parts before it its
// name: "The Johnson Controls Inc office".
func judgeRun(x *lexicon, text []byte, lo, hi int, run []nameTok, sink *nameSink) {
	start := 0
	for k := len(run) - 1; k > 0; k-- {
		if t := &run[k]; t.kind == tokWord && (t.info&lexNotPerson != 0 || t.info&lexStreet != 0 && t.info&lexStreetSurname == 0) {
			start = k + 1
			break
		}
	}
	for k := start; k <= len(run); k++ {
		if k < len(run) && (!run[k].breaks() || afterInitial(run, k)) {
			continue
		}
		if k > start {
			// The part is followed by run[k] (a breaking word) or by
			// whatever ends the run.
			part := run[start:k]
			if k < len(run) {
				judgePart(x, text, lo, hi, part, run[k].info, false, sink)
			} else {
				judgePart(x, text, lo, hi, part, 0, true, sink)
			}
		}
		start = k + 1
	}
}

// afterInitial reports whether run[k], a common word, follows a middle
// initial and is a surname or a rarer word: "Brad L Key", "Jildau S Bouts".
func afterInitial(run []nameTok, k int) bool {
	t := &run[k]
	return k >= 2 && run[k-1].kind == tokInitial && run[k-1].e == run[k-1].s+1 && run[k-2].kind == tokWord &&
		run[k-2].info.common() == 0 && (t.info.surname() > 0 || t.info.common() == 2)
}

// nextWordInfo looks up the word after a run, if one follows on the same
// line after a space: "… Inc", "… Street", "… said".
func nextWordInfo(x *lexicon, text []byte, e, hi int) lexInfo {
	if e+1 >= hi || text[e] != ' ' {
		if e < hi && text[e] == ',' && e+2 < hi && text[e+1] == ' ' {
			// "Acme, Inc."
			we, h, n, _, _, _, _, _ := wordEnd(text, e+2, hi)
			if n > 0 && we > e+2 {
				return x.get(h) & lexNotPerson
			}
		}
		return 0
	}
	we, h, n, _, _, _, _, _ := wordEnd(text, e+1, hi)
	if n == 0 || we == e+1 {
		return 0
	}
	return x.get(h)
}

// judgePart decides one part of a run and emits the name in it, if any.
// after is the lexicon entry of the word that follows the part; with
// lookAfter, that word is looked up only when it matters.
func judgePart(x *lexicon, text []byte, lo, hi int, part []nameTok, after lexInfo, lookAfter bool, sink *nameSink) {
	title := false
	for len(part) > 0 && part[0].info&lexTitle != 0 && (part[0].kind == tokWord || part[0].kind == tokInitial && part[0].e > part[0].s+1) {
		if len(part) == 1 {
			return // a title alone
		}
		title = true
		part = part[1:]
	}
	// In German an article or a preposition starts a run of nouns ("Der
	// Kunde", "Im Sommer", "Jeden Abend"): it is no part of a name.
	for len(part) > 1 && sink.lang != langOther && part[0].kind == tokWord && germanWord(text[part[0].s:part[0].e]) && sink.german(text, lo, hi, part[0].s) {
		part = part[1:]
	}
	// Suffixes close a name of two words or more: "Rodrigues MD", "Jr.".
	last := len(part)
	for last > 0 && part[last-1].kind == tokWord && part[last-1].info&lexSuffix != 0 && (part[last-1].caps || part[last-1].letters <= 3) {
		last--
	}
	// Trailing initials are not part of the name ("… Smith A").
	for last > 0 && part[last-1].kind != tokWord {
		last--
	}
	if last == 0 {
		return
	}
	first := 0
	for first < last && part[first].kind == tokParticle {
		first++
	}
	words, initials := 0, 0
	for _, t := range part[first:last] {
		switch t.kind {
		case tokWord:
			words++
		case tokInitial:
			initials++
		}
	}
	if words == 0 || words > 4 {
		return
	}
	endTok := last
	if words+initials >= 2 {
		for endTok < len(part) && part[endTok].kind == tokWord && part[endTok].info&lexSuffix != 0 {
			endTok++
		}
	}
	s := part[first].s
	e := part[endTok-1].e
	if part[endTok-1].kind == tokInitial || part[endTok-1].info&lexSuffix != 0 && e < hi && text[e] == '.' {
		if e < hi && text[e] == '.' && part[endTok-1].kind == tokWord {
			e++ // "Jr."
		}
	}
	single := words == 1 && initials == 0
	wait, listed, byName := false, false, false
	if !title && single {
		// A word already seen in a name of this text is one again (a
		// common word only inside a sentence: "Brad L Key … starring Key").
		t := &part[first]
		if labelAfter(text, t.e, hi) {
			return
		}
		if sink.knows(t.h) && (t.info.common() == 0 || !sentenceStart(text, lo, t.s)) {
			byName = !sink.reported(t.h) // by a word standing alone that flush may drop
		} else if listed = singleName(x, text, lo, hi, *t); !listed {
			if !sink.canWait(t) {
				return
			}
			wait = true
		}
	}
	// A following organisation, place or street word makes the whole part
	// something else ("Johnson Controls Inc", "Marina Fort Street"), and so
	// does one inside it; a street type that is also a frequent surname
	// ("Hill", "Park") only next to a house number.
	if lookAfter {
		after = nextWordInfo(x, text, part[len(part)-1].e, hi)
	}
	if after&lexNotPerson != 0 || after&lexStreet != 0 && (after&lexStreetSurname == 0 || numberNear(text, lo, hi, part)) {
		return
	}
	for k, t := range part {
		if t.kind != tokWord || k == 0 && (t.info.given() > 0 || t.info.surname() > 0) {
			continue
		}
		if t.info&lexNotPerson != 0 || t.info&lexStreet != 0 && (t.info&lexStreetSurname == 0 || numberNear(text, lo, hi, part)) {
			return
		}
	}
	if wait {
		sink.wait(&part[first])
		return
	}
	if listed || byName {
		sink.standsOut(&part[first], byName)
		return
	}
	if title || single {
		sink.name(part[first:endTok], s, e)
	} else if multiName(x, text, lo, hi, part[first:last]) {
		sink.holdRun(part[first:endTok], s, e)
	}
}

// sentenceStart reports whether a word at i starts a sentence or a line.
func sentenceStart(text []byte, lo, i int) bool {
	for i > lo {
		switch sentenceTab[text[i-1]] {
		case ssSkip:
			i--
			continue
		case ssEnd:
			return true
		}
		return false
	}
	return true
}

// sentenceTab sorts the bytes sentenceStart looks back over: what may sit
// between a sentence's end and its first word, and what ends one.
var sentenceTab = func() (t [256]uint8) {
	for _, c := range []byte(" \t\"'(*[") {
		t[c] = ssSkip
	}
	for _, c := range []byte(".!?\n\r") {
		t[c] = ssEnd
	}
	return t
}()

const (
	ssOther = iota
	ssSkip
	ssEnd
)

// numberNear reports whether a house number sits right before or after a
// part: "12 Fletcher Hill", "Fletcher Hill 12".
func numberNear(text []byte, lo, hi int, part []nameTok) bool {
	s, e := part[0].s, part[len(part)-1].e
	if s-2 >= lo && text[s-1] == ' ' && isDigit(text[s-2]) {
		return true
	}
	return e+1 < hi && text[e] == ' ' && isDigit(text[e+1])
}

// vocative reports a name addressed in a sentence: ", Mark!", ", Maria?".
func vocative(text []byte, lo, hi int, t nameTok) bool {
	return t.s-2 >= lo && text[t.s-1] == ' ' && text[t.s-2] == ',' && t.e < hi && (text[t.e] == '!' || text[t.e] == '?')
}

// labelAfter reports a number or a parenthesis right after a word, or a
// number after a space or a hyphen: a word alone there is a product, a
// model or a label ("Windows 11", "Python3", "Anthropic(…", "ORD-2023",
// "Start 8.3.11"), even one a name of the same text holds ("Jordan 23").
func labelAfter(text []byte, e, hi int) bool {
	if e < hi && (isDigit(text[e]) || text[e] == '(') {
		return true
	}
	return e+1 < hi && (text[e] == ' ' || text[e] == '-') && isDigit(text[e+1])
}

// singleName decides a capitalised word standing alone.
func singleName(x *lexicon, text []byte, lo, hi int, t nameTok) bool {
	if t.caps || t.letters < 2 {
		return false
	}
	g, su, common := t.info.given(), t.info.surname(), t.info.common()
	named := g > 0 || su > 0
	stop := t.info&lexStop != 0
	if common > 0 || stop {
		// "Will", "May", "Grace", "Paris": only with context.
		return named && (cueBefore(x, text, lo, t.s) || saidAfter(x, text, t.e, hi) || vocative(text, lo, hi, t) || relationAfter(text, t.e, hi))
	}
	start := sentenceStart(text, lo, t.s)
	if start {
		// Capitals there say nothing: only a frequent name will do.
		if g == 1 || su == 1 {
			return true
		}
	} else if g > 0 && g <= 3 || su > 0 && su <= 2 {
		return true
	}
	// Context that makes a person of a word: "my name is …", "… said",
	// "…'s wife", a speaker's label in a dialogue.
	if cueBefore(x, text, lo, t.s) || saidAfter(x, text, t.e, hi) || relationAfter(text, t.e, hi) {
		return named || t.letters >= 3
	}
	if speaker(text, lo, hi, t) {
		return named || t.letters >= 3 && dialogue(x, text, lo, hi)
	}
	if named {
		// A known name of any tier that a verb follows ("Aniela is …",
		// "… and Matej had …") or that opens a line addressing someone
		// ("Leif, can I …"); not after an article ("the Jordan was").
		if t.letters >= 3 && (verbAfter(text, t.e, hi) || possessive(text, t.e, hi) || start && vocativeStart(text, lo, hi, t)) &&
			!articleBefore(text, lo, t.s) && !placeBefore(text, lo, t.s) {
			return true
		}
	} else if !start && t.latin && t.letters >= 6 && surnameMorphAlone(text[t.s:t.e]) && !placeBefore(text, lo, t.s) {
		return true // "… early Bulgakov", "the Petersson novel"; not "in Pelhrimov"
	}
	return inNameList(x, text, lo, hi, t, named)
}

// byContext reports whether the words around a capitalised word standing
// alone make a person of it, which is all that does where nouns are
// capitalised too: "Dear …", ", Mark!", "…'s wife", a speaker's label,
// or, with no article before it, a verb of speech or of a person after it
// ("… said", "… grew", which nouns take too: "this Angle added to", "the
// Glass grew warm"), or a verb after a known name that no preposition of
// place comes before either ("Grimaldo has inform'd us", not "the Sines
// had").
func byContext(x *lexicon, text []byte, lo, hi int, t nameTok) bool {
	if cueBefore(x, text, lo, t.s) || vocative(text, lo, hi, t) || relationAfter(text, t.e, hi) || speaker(text, lo, hi, t) {
		return true
	}
	if articleBefore(text, lo, t.s) {
		return false // "this Angle added to …", "the Glass grew warm"
	}
	named := t.info.given() > 0 || t.info.surname() > 0
	return saidAfter(x, text, t.e, hi) || named && t.letters >= 3 && verbAfter(text, t.e, hi) && !placeBefore(text, lo, t.s)
}

// verbAfter reports whether a verb that mostly follows a person or a thing
// named by its subject follows e: "… is", "… was", "… had".
func verbAfter(text []byte, e, hi int) bool {
	if e+2 >= hi || text[e] != ' ' {
		return false
	}
	k := e + 1
	we := k
	for we < hi && we-k < 8 && 'a' <= text[we] && text[we] <= 'z' {
		we++
	}
	if we == k || we < hi && isLetter(text[we]) {
		return false
	}
	return nextVerb(text[k:we]) == verbWeak
}

// relationAfter reports a possessive naming a person's kin, home or
// contact: "…'s wife", "…'s address", "…’s phone".
func relationAfter(text []byte, e, hi int) bool {
	var lb [16]byte
	k := e
	switch {
	case k+2 < hi && text[k] == '\'' && text[k+1] == 's' && text[k+2] == ' ':
		k += 3
	case k+4 < hi && text[k] == 0xE2 && text[k+1] == 0x80 && text[k+2] == 0x99 && text[k+3] == 's' && text[k+4] == ' ':
		k += 5
	default:
		return false
	}
	we := k
	for we < hi && we-k < 12 && 'a' <= text[we] && text[we] <= 'z' {
		we++
	}
	switch string(lowerWord(&lb, text[k:we])) {
	case "wife", "husband", "son", "daughter", "kid", "kids", "child", "children", "mother", "father", "mom", "mum",
		"dad", "brother", "sister", "parents", "family", "friend", "boyfriend", "girlfriend", "partner", "fiance",
		"fiancee", "uncle", "aunt", "cousin", "grandmother", "grandfather", "widow", "boss", "colleague",
		"address", "email", "phone", "birthday", "funeral", "wedding", "killers", "murder", "death", "lawyer",
		"doctor", "account", "passport":
		return true
	}
	return false
}

// possessive reports "'s" or "’s" after e, then a space.
func possessive(text []byte, e, hi int) bool {
	return e+2 < hi && text[e] == '\'' && text[e+1] == 's' && text[e+2] == ' ' ||
		e+4 < hi && text[e] == 0xE2 && text[e+1] == 0x80 && text[e+2] == 0x99 && text[e+3] == 's' && text[e+4] == ' '
}

// speaker reports a word that labels a line of a dialogue or a chat:
// "Anna: …", "> Anna: …", at the start of a line and followed by ':'.
func speaker(text []byte, lo, hi int, t nameTok) bool {
	if t.e+1 >= hi || text[t.e] != ':' || !(text[t.e+1] == ' ' || text[t.e+1] == '"' || text[t.e+1] == '\t') {
		return false
	}
	// A field's label, not a speaker's: "Fax: 555 0100", "Web: https://…".
	k := skipBlanks(text, t.e+1, hi)
	if k < hi && (isDigit(text[k]) || text[k] == '+' || text[k] == '(') || k+4 < hi && string(text[k:k+4]) == "http" {
		return false
	}
	i := t.s
	for i > lo && (text[i-1] == ' ' || text[i-1] == '\t' || text[i-1] == '>') {
		i--
	}
	return i == lo || text[i-1] == '\n'
}

// dialogue reports whether text has two lines or more labelled by a
// speaker ("Name: …") one of whom is a known name: a word of no list
// labelling a line ("Args:", "Output:") is a speaker only there.
func dialogue(x *lexicon, text []byte, lo, hi int) bool {
	labels, known := 0, false
	for i := lo; i < hi; {
		k := i
		for k < hi && (text[k] == ' ' || text[k] == '\t' || text[k] == '>') {
			k++
		}
		if k < hi && isUpperLetterAt(text, k, hi) {
			if t, ok := readNameTok(x, text, k, hi); ok && t.kind == tokWord && speaker(text, lo, hi, t) {
				labels++
				known = known || t.info.given() > 0 && t.info.common() == 0
			}
		}
		j := bytes.IndexByte(text[i:hi], '\n')
		if j < 0 {
			break
		}
		i += j + 1
	}
	return labels >= 2 && known
}

// vocativeStart reports a name that opens a text or a line and is followed
// by a comma: "Leif, can I …".
func vocativeStart(text []byte, lo, hi int, t nameTok) bool {
	if t.e+1 >= hi || text[t.e] != ',' || text[t.e+1] != ' ' {
		return false
	}
	// A place and its state or postcode: "Columbus, OH 43285".
	if k := t.e + 2; k+1 < hi && (isDigit(text[k]) || isUpperASCII(text[k]) && isUpperASCII(text[k+1])) {
		return false
	}
	i := t.s
	for i > lo && (text[i-1] == ' ' || text[i-1] == '\t' || text[i-1] == '"') {
		i--
	}
	return i == lo || text[i-1] == '\n'
}

// articleBefore reports an article or a determiner just before i: "the
// Jordan", "a Mercedes", "this Sierra".
func articleBefore(text []byte, lo, i int) bool {
	var lb [16]byte
	s, e, punct := prevWord(text, lo, i)
	if e <= s || punct != 0 {
		return false
	}
	switch string(lowerWord(&lb, text[s:e])) {
	case "the", "a", "an", "this", "that", "these", "those", "our", "their", "its", "every", "each", "no", "my", "your":
		return true
	}
	return false
}

// surnameMorphAlone reports a surname ending strong enough to make a
// single unknown word a name: not "-ian" or "-yan" (Gaussian, Bayesian),
// nor the Italian and Japanese endings that ordinary words share.
func surnameMorphAlone(w []byte) bool {
	return surnameEnding(w, 1<<surnameEndingsAlone-1)
}

// multiName decides two to four name words, with initials and particles.
func multiName(x *lexicon, text []byte, lo, hi int, ws []nameTok) bool {
	score := 0 // in halves
	var firstW, lastW *nameTok
	words := 0
	stops := 0
	for k := range ws {
		t := &ws[k]
		switch t.kind {
		case tokInitial:
			if k > 0 {
				score += 2 // a middle initial
			} else {
				score++
			}
			continue
		case tokParticle:
			continue
		}
		if t.caps && (t.info.given() == 0 && t.info.surname() == 0 || !allCapsRun(ws)) {
			return false // an acronym: "IBM Research", "My IBAN"
		}
		if t.info&lexStop != 0 {
			stops++
		}
		if firstW == nil {
			firstW = t
		}
		lastW = t
		words++
	}
	if stops > 1 || stops == words {
		return false
	}
	lastW.morph = surnameMorph(text[lastW.s:lastW.e])
	for k := range ws {
		t := &ws[k]
		if t.kind != tokWord {
			continue
		}
		g, su, common := t.info.given(), t.info.surname(), t.info.common()
		if t.info&lexStop != 0 {
			continue
		}
		switch {
		case t == firstW:
			switch {
			case g > 0 && common == 0:
				score += 4
			case g > 0:
				score += 2
			case su > 0 && common == 0:
				score += 2
			case common > 0:
				score -= 2
			default:
				score += 1 + btoi(t.diacritic)
			}
		case t == lastW:
			switch {
			case su > 0 && su <= 3 && common == 0:
				score += 4
			case su > 0 && common == 0, g > 0 && common == 0:
				score += 3
			case su > 0 || g > 0:
				score += 2
			case common > 0:
				score -= 2
			case t.morph:
				score += 3
			default:
				score += 1 + btoi(t.diacritic)
			}
		default:
			switch {
			case common > 0 && g == 0 && su == 0:
				score -= 2
			case g > 0 || su > 0:
				score += 2
			default:
				score++
			}
		}
	}
	switch {
	case cueBefore(x, text, lo, ws[0].s) || saidAfter(x, text, ws[len(ws)-1].e, hi):
		score += 4
	case weakCueBefore(text, lo, ws[0].s), stops == 0 && lineAlone(text, lo, hi, ws[0].s, ws[len(ws)-1].e):
		// "by …", "with …"; a line of its own, as a name heads a
		// signature, a letter or an address block.
		score += 2
	case firstW.info.given() == 0 && placeBefore(text, lo, ws[0].s):
		score -= 4 // "in Porto Alegre", "from Villafranca del Cid"
	}
	return score >= 4
}

// lineAlone reports whether text[s:e] is a line of its own, but for a
// quoting or bullet prefix ("> ").
func lineAlone(text []byte, lo, hi, s, e int) bool {
	k := e
	for k < hi && (text[k] == ' ' || text[k] == '\t' || text[k] == '\r') {
		k++
	}
	if k < hi && text[k] != '\n' {
		return false
	}
	i := s
	for i > lo && s-i < 8 {
		switch text[i-1] {
		case ' ', '\t', '>', '|', '*', '-', '?':
			i--
			continue
		}
		break
	}
	return i == lo || text[i-1] == '\n'
}

// allCapsRun reports whether every word of a run is in capitals ("JOHN
// SMITH" on a form).
func allCapsRun(ws []nameTok) bool {
	for _, t := range ws {
		if t.kind == tokWord && !t.caps {
			return false
		}
	}
	return true
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// prevWord returns the span of the word before i on the same line (or on
// the line before, when that line ends with ',' or ':'), skipping spaces
// and one ',' or ':'; and the punctuation skipped.
func prevWord(text []byte, lo, i int) (s, e int, punct byte) {
	j := i
	newlines := 0
	for j > lo {
		c := text[j-1]
		switch {
		case c == ' ' || c == '\t' || c == '"' || c == '\'' || c == '(' || c == '*' || c == '>':
			j--
			continue
		case c == '\n' || c == '\r':
			if newlines > 0 && c == '\n' {
				return 0, 0, 0
			}
			if c == '\n' {
				newlines++
			}
			j--
			continue
		case (c == ',' || c == ':' || c == '-' || c == '?') && punct == 0:
			punct = c
			j--
			continue
		}
		break
	}
	if newlines > 0 && punct == 0 {
		return 0, 0, 0 // a new line starts a new thought
	}
	e = j
	for j > lo && (isLetter(text[j-1]) || text[j-1] >= 0x80) {
		j--
	}
	return j, e, punct
}

// cueBefore reports whether words before i introduce a person: "Dear",
// "Hi", "Patient:", "my name is", "call me", "I'm", "regards,", "says".
func cueBefore(x *lexicon, text []byte, lo, i int) bool {
	var lb [16]byte
	s, e, punct := prevWord(text, lo, i)
	if e <= s || s > lo && text[s-1] == '-' {
		return false // not "so-called …"
	}
	if punct == '?' {
		return string(lowerWord(&lb, text[s:e])) == "name" // "What's your last name? Arcuri"
	}
	if h := foldHash(text[s:e]); x.maybeCue(h) && x.get(h)&lexCue != 0 {
		return true
	}
	if punct != 0 {
		return false
	}
	switch string(lowerWord(&lb, text[s:e])) {
	case "is", "was", "ist", "est", "es":
		s2, e2, _ := prevWord(text, lo, s)
		if e2 > s2 {
			switch string(lowerWord(&lb, text[s2:e2])) {
			case "name", "names", "called", "nom", "heiße", "heisst", "llamo":
				return true
			}
		}
	case "me", "him", "her", "them", "it":
		s2, e2, _ := prevWord(text, lo, s)
		if e2 > s2 {
			switch string(lowerWord(&lb, text[s2:e2])) {
			case "call", "calls", "called", "name", "named", "names":
				return true
			}
		}
	case "m", "am":
		s2, e2, _ := prevWord(text, lo, s)
		return e2 > s2 && string(lowerWord(&lb, text[s2:e2])) == "i"
	case "heiße", "heisse", "appelle", "llamo", "named", "called", "says", "said", "asked", "told", "kid",
		"child", "baby", "wrote", "writes", "replied":
		return true
	}
	return false
}

// weakCueBefore reports a word before i that often, not always, comes
// before a name: "by" (a song by, directed by), "with", "to", "and".
func weakCueBefore(text []byte, lo, i int) bool {
	var lb [16]byte
	s, e, punct := prevWord(text, lo, i)
	if e <= s || punct != 0 {
		return false
	}
	switch string(lowerWord(&lb, text[s:e])) {
	case "by", "with", "starring", "featuring", "ask", "contact", "von", "par", "por":
		return true
	}
	return false
}

// placeBefore reports a preposition of place before i: "in", "at",
// "from", "near".
func placeBefore(text []byte, lo, i int) bool {
	var lb [16]byte
	s, e, punct := prevWord(text, lo, i)
	if e <= s || punct != 0 {
		return false
	}
	switch string(lowerWord(&lb, text[s:e])) {
	case "in", "at", "from", "near", "into", "across", "visit", "visited", "city", "town":
		return true
	}
	return false
}

// lowerWord lower-cases the ASCII letters of a short word for comparison;
// longer words come back empty.
// It writes into buf, so callers compare without allocating.
func lowerWord(buf *[16]byte, w []byte) []byte {
	if len(w) > len(buf) {
		return nil
	}
	for i, c := range w {
		buf[i] = lower(c)
	}
	return buf[:len(w)]
}

// saidAfter reports whether a verb of speech follows: "… said", "… says".
func saidAfter(x *lexicon, text []byte, e, hi int) bool {
	var lb [16]byte
	if e+1 >= hi || text[e] != ' ' {
		return false
	}
	we, _, n, _, _, _, _, _ := wordEnd(text, e+1, hi)
	if n == 0 {
		return false
	}
	switch string(lowerWord(&lb, text[e+1:we])) {
	case "said", "says", "wrote", "writes", "asked", "replied", "told", "shouted", "explained", "added",
		"lives", "lived", "works", "worked", "died", "married", "smiled", "laughed", "flew", "grew", "began",
		"spent", "thinks", "thought", "wants", "wanted":
		return true
	}
	return false
}

// inNameList reports whether t stands in a list of names ("Anna, Tom and
// Ravi", "Kadiev and Adams"): a neighbour across ", " or " and " is a
// known name that is no common word (a frequent given name, a frequent
// surname, or a word with a surname ending). A word no list knows (named
// false) needs a neighbour that is a frequent name and a letter count of
// three or more.
func inNameList(x *lexicon, text []byte, lo, hi int, t nameTok, named bool) bool {
	if !named && (t.letters < 3 || !t.latin || t.info&(lexNotPerson|lexStreet|lexStreetPre|lexUnit) != 0) {
		return false
	}
	strong := func(n nameTok) bool {
		if n.kind != tokWord || n.info.common() > 0 || n.info&(lexStop|lexNotPerson) != 0 || n.caps {
			return false
		}
		g, su := n.info.given(), n.info.surname()
		return g > 0 && g <= 3 || su > 0 && su <= 2 || named && (g > 0 || su > 0 || surnameMorphAlone(text[n.s:n.e]))
	}
	var lb [16]byte
	// After.
	j := t.e
	if j+2 < hi && text[j] == ',' && text[j+1] == ' ' {
		j += 2
	} else if j+5 < hi && string(text[j:j+5]) == " and " {
		j += 5
	} else {
		j = -1
	}
	if j > 0 && isUpperLetterAt(text, j, hi) {
		if n, ok := readNameTok(x, text, j, hi); ok && strong(n) {
			return true
		}
	}
	// Before.
	s, e, punct := prevWord(text, lo, t.s)
	if e <= s {
		return false
	}
	if punct != ',' {
		if string(lowerWord(&lb, text[s:e])) != "and" {
			return false
		}
		if s, e, punct = prevWord(text, lo, s); e <= s || punct != 0 {
			return false
		}
	}
	if !isUpperLetterAt(text, s, hi) {
		return false
	}
	p, ok := readNameTok(x, text, s, hi)
	return ok && p.e == e && strong(p)
}

// findLowerNames is the pass for texts without capitals. It accepts a known
// name that context or a second name word makes a person:
//
//   - a given name and a surname, neither a common word ("patricia
//     desrosiers"), or a given name, an initial and a second name
//     ("benjamin a seiler", "eric g. samoylova");
//   - any uncommon word after a cue or a title ("my name is borna", "mr.
//     elliott"), with the uncommon word after it;
//   - a known name that a verb, a possessive of kin or a speaker's colon
//     follows ("selma is …", "roberto's daughter", "tracy: …"), or that
//     stands in a list beside a frequent given name ("silvana, adam and
//     caleb").
func findLowerNames(x *lexicon, text []byte, lo, hi int, emit func(start, end int)) {
	for i := lo; i < hi; {
		c := text[i]
		if !isLetter(c) && c < 0xC0 {
			i++
			continue
		}
		e, h, n, _, _, _, _, _ := wordEnd(text, i, hi)
		if n == 0 || !tokenStart(text, lo, i) {
			i = max(e, i+1)
			for i < hi && text[i] >= 0x80 {
				i++
			}
			continue
		}
		if end := lowerName(x, text, lo, hi, i, e, n, x.get(h)); end > 0 {
			emit(i, end)
			i = end
			continue
		}
		i = e
	}
}

// lowerPlain reports whether a lower-case word may be part of a name: no
// common word, place, organisation, street or cue word, and not glued to
// an address, an identifier or a path.
func lowerPlain(text []byte, e, hi, n int, info lexInfo) bool {
	return n >= 2 && info.common() == 0 && info&(lexStop|lexNotPerson|lexStreet|lexStreetPre|lexUnit|lexParticle|lexTitle|lexCue) == 0 &&
		(e == hi || !isAlnum(text[e]) && text[e] < 0x80 && text[e] != '@' && text[e] != '_' && !(text[e] == '.' && e+1 < hi && isAlnum(text[e+1])))
}

// lowerName decides the lower-case word text[i:e] (n letters) and returns
// the end of the name that starts there, or 0.
func lowerName(x *lexicon, text []byte, lo, hi, i, e, n int, info lexInfo) int {
	if !lowerPlain(text, e, hi, n, info) {
		return 0
	}
	g, su := info.given(), info.surname()
	named := g > 0 || su > 0
	// An initial, then a second word: "a seiler", "g. samoylova".
	k := e
	initial := false
	if k+3 < hi && text[k] == ' ' && isLetter(text[k+1]) && !isLetter(text[k+2]) {
		j := k + 2
		if text[j] == '.' {
			j++
		}
		if j+1 < hi && text[j] == ' ' {
			initial, k = true, j
		}
	}
	e2, sur, second := 0, false, false
	if k+2 < hi && text[k] == ' ' && (isLetter(text[k+1]) || text[k+1] >= 0xC0) {
		we, h2, n2, _, _, _, _, _ := wordEnd(text, k+1, hi)
		if i2 := x.get(h2); lowerPlain(text, we, hi, n2, i2) {
			e2, second = we, true
			morph := n2 >= 5 && surnameMorph(text[k+1:we])
			sur = i2.surname() > 0 || i2.given() > 0 || morph
			if g > 0 && g <= 3 && (i2.surname() > 0 || morph) {
				return we // "patricia desrosiers", "olga krylova"
			}
		}
	}
	if initial && second && (g > 0 || sur) {
		return e2 // "benjamin a seiler", "hyuuma t. maida"
	}
	if second && g > 0 && g <= 3 && saidAfter(x, text, e2, hi) && !articleBefore(text, lo, i) {
		return e2 // "bogdan lindqvist said …"
	}
	// Any uncommon word after a title or a cue that names ("my name is",
	// "call me"); a frequent name after any cue ("dear", "thanks").
	frequent := g > 0 && g <= 3 || su > 0 && su <= 2
	if titleBefore(x, text, lo, i) || namingCueBefore(text, lo, i) || frequent && cueBefore(x, text, lo, i) {
		if second && !initial && (named || sur) {
			return e2 // "my name is borna jerković"
		}
		if n >= 3 {
			return e // "call me višeslav", "mr. elliott"
		}
		return 0
	}
	// Alone, without capitals, only a frequent name will do.
	if !frequent {
		return 0
	}
	t := nameTok{s: i, e: e, kind: tokWord, info: info, letters: n}
	if saidAfter(x, text, e, hi) || n >= 3 && verbAfter(text, e, hi) && !articleBefore(text, lo, i) || relationAfter(text, e, hi) || speaker(text, lo, hi, t) {
		return e // "selma is from …", "roberto's daughter", "tracy: …"
	}
	if lowerListed(x, text, lo, hi, i, e) {
		return e
	}
	return 0
}

// namingCueBefore reports words before i that name whoever follows: "my
// name is", "call me", "named", "called".
func namingCueBefore(text []byte, lo, i int) bool {
	var lb [16]byte
	s, e, punct := prevWord(text, lo, i)
	if e <= s || punct != 0 && punct != ':' || s > lo && text[s-1] == '-' {
		return false // not "so-called …"
	}
	switch string(lowerWord(&lb, text[s:e])) {
	case "named", "called", "name", "nom", "heiße", "heisse", "llamo", "appelle":
		return true
	case "is", "me":
		s2, e2, _ := prevWord(text, lo, s)
		if e2 > s2 {
			switch string(lowerWord(&lb, text[s2:e2])) {
			case "name", "call", "calls", "called":
				return true
			}
		}
	}
	return false
}

// titleBefore reports a title just before i: "mr. ", "dr ", "Mrs. ".
func titleBefore(x *lexicon, text []byte, lo, i int) bool {
	j := i
	if j-1 <= lo || text[j-1] != ' ' {
		return false
	}
	j--
	if text[j-1] == '.' {
		j--
	}
	s := j
	for s > lo && isLetter(text[s-1]) && j-s < 12 {
		s--
	}
	if s == j || s > lo && (isLetter(text[s-1]) || text[s-1] >= 0x80) {
		return false
	}
	return x.get(foldHash(text[s:j]))&lexTitle != 0
}

// lowerListed reports whether the lower-case word text[i:e] stands in a
// list beside a frequent given name that is no common word: "silvana,
// adam, christopher and caleb".
func lowerListed(x *lexicon, text []byte, lo, hi, i, e int) bool {
	frequent := func(s int) bool {
		we, h, n, _, _, _, _, _ := wordEnd(text, s, hi)
		info := x.get(h)
		return lowerPlain(text, we, hi, n, info) && info.given() > 0 && info.given() <= 3
	}
	switch {
	case e+2 < hi && text[e] == ',' && text[e+1] == ' ' && isLetter(text[e+2]):
		if frequent(e + 2) {
			return true
		}
	case e+5 < hi && string(text[e:e+5]) == " and " && isLetter(text[e+5]):
		if frequent(e + 5) {
			return true
		}
	}
	var lb [16]byte
	s, pe, punct := prevWord(text, lo, i)
	if pe <= s {
		return false
	}
	if punct != ',' {
		if string(lowerWord(&lb, text[s:pe])) != "and" {
			return false
		}
		if s, pe, punct = prevWord(text, lo, s); pe <= s || punct != 0 && punct != ',' {
			return false
		}
	}
	return frequent(s)
}
