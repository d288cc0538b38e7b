package classify

import (
	"bytes"
	"encoding/binary"
	"math"
	"math/bits"
	"strings"
	"unicode/utf8"
)

// Street addresses without a model: every address this detector reports
// has a number in it (the house number, a PO box or a unit), so the scan
// skips eight bytes at a time to digits and looks around each number for
// the shapes addresses take:
//
//   - number first, street type last (US, UK): "1600 Pennsylvania Avenue
//     NW", "10 Downing Street", "3968 Bay St.";
//   - number first, street type first (FR): "14 rue des Lilas";
//   - street first, number last (DE and much of Europe): "Lindenstraße 12",
//     "Passauer Strasse 33", "Via Roma 5";
//   - boxes: "PO Box 123", "PSC 1234, Box 5678", "Unit 4719 Box 7394";
//
// then takes in what follows on the same line or the next few: units (Apt
// 5, Suite 200, Flat 2, Wohnung 3, #4B) and the locality (city, state or
// region, postcode, country), so that an address written over several
// lines of one field, quoted ("> ") or bulleted, with a blank line before
// its country, is one finding. A looser shape (capitalised words and a
// house number, "Parmova 109") is enough near a cue ("address", "lives
// at", "ship to", "corner of", "Anschrift") or when a unit or a locality
// with a postcode, a state or a country follows it. Text without capitals
// is read with the capitals put back (address_lower.go); a crossing ("the
// corner of … and …") is one finding.

// digitMask marks the ASCII digits among the bytes of x.
func digitMask(x uint64) uint64 {
	y := x &^ swarHigh
	a := y + swarOnes*(0x80-'0')
	b := y + swarOnes*(0x80-('9'+1))
	return a &^ b &^ x & swarHigh
}

// findAddresses is the Find of the street-address detector.
func findAddresses(text []byte, lo, hi int, emit func(start, end int)) {
	findAddressesFrom(text, lo, hi, houseStarts(text, lo, hi), 0, emit)
}

// findAddressesMarked is findAddresses over the runs of digits the
// scanner's pass noted where a house number may start. Where the
// processor has AVX2, it first sieves them in place (sieveGo): nothing
// else reads them.
func findAddressesMarked(text []byte, lo, hi int, m *marks, emit func(start, end int)) {
	if lo != 0 || hi != len(text) || len(text) > math.MaxInt32 {
		findAddresses(text, lo, hi, emit) // the pass noted the whole text's, in 32 bits
		return
	}
	lowerText := 0
	if vecSieve && len(m.houses) > 0 {
		lowerText = -1
		if noCapitalsMarked(text, lo, hi, marked{m.caps}) {
			lowerText = 1
		}
		m.houses = sieveVec(text, m.caps, lo, hi, m.houses, lowerText < 0)
	}
	findAddressesFrom(text, lo, hi, m.houses, lowerText, emit)
}

// sieveGo drops from starts, in place, the runs of digits where no
// address can start, and returns the rest; caps must hold a spare word
// after the text's (marks.size). Most numbers in prose are something
// else: a time, a decimal, a date or a version ("15:48", "67.6",
// "2026-09-16", "v7.13"), or a count with no capital near it ("compare
// 37887 all"), and addressAt's first tests turn each away at one or two
// mispredicted branches. The sieve drops a run where
//
//   - houseNumber would refuse it (houseShape): it has more than five
//     digits, or what follows it ends no number;
//   - or, where the text has capitals (a text without them is read with
//     the capitals put back, lowerAddressAt), capitalAround would find
//     none: none marked (nor a byte that may start one) right after "12 ",
//     or, after a street type in lower case, within capitalSoon's reach;
//     none in the 32 bytes from the run's end after anything else ("12a",
//     "12-14", "12, rue"); and none before it, in the 16 bytes before the
//     space that must precede it, when they hold two spaces (the two words
//     wordBeforeCapitalised reads lie within them) and no "x" comes before,
//     or when the word before is a plain lower-case one (plainBefore).
//
// Runs near the text's ends are kept. sieveVec, where the processor has
// AVX2, keeps the same runs, deciding most without a branch; in Go the
// sieve costs more than it saves, and the finder reads every run.
func sieveGo(text []byte, caps []uint64, lo, hi int, starts []int32, gate bool) []int32 {
	cm := marked{caps}
	nogate := b2u(!gate)
	n := 0
	for _, p := range starts {
		i := int(p)
		starts[n] = p
		if i-17 < lo || i+40 > hi {
			n++
			continue
		}
		t := (*[57]byte)(text[i-17 : i+40]) // t[17] is the run's first digit
		l := bits.TrailingZeros64(^digitMask(binary.LittleEndian.Uint64(t[17:25]))&swarHigh) >> 3
		j := i + l
		shape := houseShape(t[17:], l)
		pre := lowerStreetKey(t[18+l:])
		after := b2u(t[17+l] == ' ')&(b2u(cm.any(j+1, j+2))|pre&b2u(cm.any(j+2, j+26))) |
			b2u(t[17+l] != ' ')&b2u(cm.any(j, j+32))
		before := b2u(t[16] == ' ') & (b2u(t[15]|0x20 == 'x') | (b2u(spaces16(t[0:16]) < 2)|b2u(cm.any(i-17, i-1)))&^plainBefore((*[16]byte)(t[0:16])))
		n += int(shape & (after | before | nogate))
	}
	return starts[:n]
}

// plainBefore is 1 where the word that ends b (a '.' after it taken in)
// is of one to ten lower-case ASCII letters after a byte that is no
// letter and no byte past ASCII, and its key is no street, unit or box
// word's (mayBeStreetWord): wordBeforeCapitalised is then false, as it
// is for most numbers in prose that have a capital a few words before
// ("Table compare 37887"). It is 0 elsewhere.
func plainBefore(b *[16]byte) uint8 {
	e := 16 - int(b2u(b[15] == '.'))
	r := 0
	for r < 11 && r < e && 'a' <= b[e-1-r] && b[e-1-r] <= 'z' {
		r++
	}
	if r == 0 || r > 10 || r == e {
		return 0
	}
	if c := b[e-1-r]; isLetter(c) || c >= 0x80 || mayBeStreetWord(b[e-r:e]) {
		return 0
	}
	return 1
}

// lowerStreetKey is 0 where lowerStreetPre is false for the word at the
// start of w (16 bytes at least), and 1 where it may be true: the word
// starts with a lower-case letter, and its length and first and last
// letters are those of a street type, or it runs on past eight bytes or
// into a byte past ASCII.
func lowerStreetKey(w []byte) uint8 {
	m := bits.TrailingZeros64(^lowerMask(binary.LittleEndian.Uint64(w))&swarHigh) >> 3
	if m == 0 {
		return 0 // every street type starts with an ASCII letter
	}
	if m == 8 || w[m] >= 0x80 {
		return 1
	}
	return streetPreKeys[wordKey(w[:m])]
}

// streetPreKeys holds 1 at the key (length, first and last letter) of
// every street type lowerStreetPre knows of seven letters at most.
var streetPreKeys = func() (t [8 * 26 * 26]uint8) {
	for _, w := range lowerStreetTypes {
		if len(w) <= 7 && w[len(w)-1] < 0x80 {
			t[wordKey(w)] = 1
		}
	}
	return t
}()

// b2u is 1 for true, 0 for false: the compiler makes it a flag, not a
// branch.
func b2u(b bool) uint8 {
	if b {
		return 1
	}
	return 0
}

// houseAfter sorts the bytes after a run of digits as houseNumber reads
// them, and houseEnd[class][next] is 1 where houseNumber may end a number
// at a byte of that class with next the byte after it: a space or a comma
// ends it; '?', '!', ';' or ')' end it before a space or a line's end, and
// '.' before those or a comma. A letter ("12a") and '-' or '/' before a
// digit ("12-14", "12/3") take in what follows, and the byte after that
// must end the number: sieveGo reads it there. Anything else refuses it.
var houseAfter, houseEnd = func() (after [256]uint8, end [houseJoin + 1][256]uint8) {
	for _, c := range []byte(" ,\n\r\t") {
		after[c] = houseEnds
	}
	for _, c := range []byte("?!;)") {
		after[c] = houseEndsBeforeSpace
	}
	after['.'] = houseDot
	after['-'], after['/'] = houseJoin, houseJoin
	for c := range 256 {
		b := byte(c)
		if isLetter(b) {
			after[c] = houseLetter
		}
		end[houseEnds][c] = 1
		end[houseEndsBeforeSpace][c] = b2u(b == ' ' || b == '\n')
		end[houseDot][c] = b2u(b == ' ' || b == '\n' || b == ',')
	}
	return after, end
}()

// The classes of houseAfter.
const (
	houseRefuse = iota
	houseEnds
	houseEndsBeforeSpace
	houseDot
	houseLetter
	houseJoin
)

// houseShape is 1 where houseNumber may accept the run of l digits at
// t[0], and 0 where it refuses it: more than five digits, or what follows
// them ends no number (houseEnd). A letter after the run is taken in, and
// so are '-' or '/' and up to four digits: "2026-09-16" and "16/09/2026"
// are refused at their second separator. t must hold l+11 bytes.
func houseShape(t []byte, l int) uint8 {
	c := houseAfter[t[l]]
	p := l + int(b2u(c == houseLetter))
	ok := b2u(l <= 5)
	if c == houseJoin {
		l2 := bits.TrailingZeros64(^digitMask(binary.LittleEndian.Uint64(t[l+1:]))&swarHigh) >> 3
		p += 1 + l2
		ok &= b2u(1 <= l2 && l2 <= 4)
	}
	return ok & houseEnd[houseAfter[t[p]]][t[p+1]]
}

// spaces16 counts the spaces among the 16 bytes of b.
func spaces16(b []byte) int {
	return bits.OnesCount64(zeroBytes(binary.LittleEndian.Uint64(b)^0x2020202020202020)) +
		bits.OnesCount64(zeroBytes(binary.LittleEndian.Uint64(b[8:])^0x2020202020202020))
}

// zeroBytes sets the top bit of each zero byte of x, exactly: no borrow
// runs from one byte into the next.
func zeroBytes(x uint64) uint64 {
	const low = 0x7F7F7F7F7F7F7F7F
	return ^((x&low + low) | x) & swarHigh
}

// houseStarts lists the runs of digits in text[lo:hi] where a house number
// may start, as the anchor pass notes them in marks.houses for a whole
// text: at lo, or where houseStart allows, after a byte numberStarts
// allows. Anything else glued before a run (a word, a decimal point, a
// currency sign, another digit, a digit and ':') makes it something
// else.
func houseStarts(text []byte, lo, hi int) []int {
	var out []int
	for i := lo; i < hi; i++ {
		if isDigit(text[i]) && (i == lo || houseStart(text, i) != 0) {
			out = append(out, i)
		}
	}
	return out
}

// findAddressesFrom finds the addresses in text[lo:hi] around the runs of
// digits that start at starts, in order. lowerText is 1 when the text has
// no capitals (noCapitals), -1 when it has, and 0 when that is not known
// yet.
func findAddressesFrom[P int | int32](text []byte, lo, hi int, starts []P, lowerText int, emit func(start, end int)) {
	x := theLexicon()
	last := lo // addresses do not overlap
	for _, p := range starts {
		i := int(p)
		if i < last {
			continue
		}
		j := i + 1
		if i+8 <= hi {
			// The run's end among the eight bytes from i: a house number
			// has five digits at most, so a longer run need not be read.
			m := ^digitMask(binary.LittleEndian.Uint64(text[i:])) & swarHigh
			if m == 0 {
				continue
			}
			j = i + bits.TrailingZeros64(m)>>3
		} else {
			for j < hi && isDigit(text[j]) {
				j++
			}
		}
		s, e, ok := addressAt(x, text, lo, hi, i, j)
		if !ok && lowerText >= 0 {
			if lowerText == 0 {
				lowerText = -1
				if noCapitals(text, lo, hi) {
					lowerText = 1
				}
			}
			if lowerText > 0 {
				s, e, ok = lowerAddressAt(x, text, lo, hi, i, j)
			}
		}
		if ok && s >= last {
			s, e = intersection(x, text, lo, hi, s, e)
			emit(s, e)
			last = e
		}
	}
}

// numberStarts reports whether a house number may follow byte p.
func numberStarts(p byte) bool { return numberStartTab[p] != 0 }

// numberStartTab holds 1 for the bytes numberStarts allows: the anchor
// pass adds it to a count, where a branch would be guessed wrong at half
// the runs of digits in prose.
var numberStartTab = func() (t [256]uint8) {
	for _, c := range []byte(" \n\t\r,(\"':;>#") {
		t[c] = 1
	}
	return t
}()

// houseNumber checks the number text[i:j] and what is glued to it: "12",
// "12a", "12-14", "12/3", "19." before a space. It returns where it ends.
func houseNumber(text []byte, i, j, hi int) (int, bool) {
	if j-i > 5 {
		return 0, false
	}
	e := j
	if e < hi && isLetter(text[e]) && (e+1 >= hi || !isLetter(text[e+1])) {
		e++ // 12a
	} else if e+1 < hi && (text[e] == '-' || text[e] == '/') && isDigit(text[e+1]) {
		k := e + 1
		for k < hi && isDigit(text[k]) {
			k++
		}
		if k-e-1 > 4 {
			return 0, false
		}
		e = k // 12-14, 12/3
	}
	if e == hi {
		return e, true
	}
	switch text[e] {
	case ' ', ',', '\n', '\r', '\t':
		return e, true
	case '?', '!', ';', ')':
		if e+1 == hi || text[e+1] == ' ' || text[e+1] == '\n' {
			return e, true
		}
	case '.':
		if e+1 == hi || text[e+1] == ' ' || text[e+1] == '\n' || text[e+1] == ',' {
			return e, true
		}
	}
	return 0, false
}

// addrTok is one word of a street or locality.
type addrTok struct {
	s, e    int
	info    lexInfo
	upper   bool // first letter upper case
	caps    bool // all capitals, two letters or more
	letters int
	suffix  bool // a compound ending in a street type: Lindenstraße, Mellemvej
	hasDot  bool // an abbreviation's '.' follows (included in e)
}

// readAddrTok reads a word at i; a '.' after an abbreviation is taken in.
func readAddrTok(x *lexicon, text []byte, i, hi int) (addrTok, bool) {
	e, h, n, up, caps, rest, _, _ := wordEnd(text, i, hi)
	if n == 0 {
		return addrTok{}, false
	}
	t := addrTok{s: i, e: e, info: x.get(h), upper: up, caps: caps, letters: n}
	if !rest && !caps && !mixedCaseName(text[i:e]) {
		return t, false
	}
	// Hyphenated names: "Saint-Étienne", "Karl-Marx-Allee".
	for t.e+1 < hi && text[t.e] == '-' && (isLetter(text[t.e+1]) || text[t.e+1] >= 0xC0) {
		pe, ph, pn, _, _, _, _, _ := wordEnd(text, t.e+1, hi)
		if pn == 0 {
			break
		}
		if pi := x.get(ph); pi&lexStreet != 0 {
			t.suffix = true
		}
		t.e = pe
		t.letters += pn
	}
	if !t.suffix && t.info&(lexStreet|lexStreetPre) == 0 && t.info.common() == 0 {
		t.suffix = streetCompound(text[i:e])
	}
	if (t.info&lexAbbrev != 0 || t.suffix && endsWithFold(text[i:e], "str")) && t.e < hi && text[t.e] == '.' {
		t.e++ // "St.", "Ave.", "Lindenstr."
		t.hasDot = true
	}
	return t, true
}

// streetEndings are street types written as the end of one word.
var streetEndings = []string{
	"straße", "strasse", "str", "weg", "gasse", "platz", "allee", "ring", "damm", "ufer", "chaussee", "steig",
	"vej", "gade", "vænget", "gata", "gatan", "vägen", "gränd", "veien", "vegen", "veg", "vei", "katu", "tie",
	"kuja", "polku", "straat", "laan", "gracht", "plein", "kade", "dijk", "utca", "ulica", "stræde", "stien", "stigen",
}

// streetCompound reports whether w ends in a street type after a stem of
// three letters or more.
func streetCompound(w []byte) bool {
	for _, e := range streetEndings {
		if len(w) >= len(e)+3 && equalFoldASCII(w[len(w)-len(e):], e) {
			return true
		}
	}
	return false
}

// equalFoldASCII compares b with the lower-case s, folding ASCII only.
func equalFoldASCII(b []byte, s string) bool {
	if len(b) != len(s) {
		return false
	}
	for i := range b {
		if lower(b[i]) != s[i] {
			return false
		}
	}
	return true
}

// isStreetWord reports whether a token names the street type.
func (t *addrTok) isStreetWord() bool { return t.info&lexStreet != 0 || t.suffix }

// streetNameWord reports whether a token may be part of a street's name:
// capitalised (or all capitals), or a particle ("de la", "do", "am").
func (t *addrTok) streetNameWord() bool {
	return t.upper || t.info&(lexParticle|lexStreetPre) != 0 || t.isStreetWord()
}

// lazyCue answers, once, whether an address cue precedes a number.
type lazyCue struct {
	text  []byte
	lo, i int
	state int8 // 0 unknown, 1 yes, -1 no
}

func (c *lazyCue) yes() bool {
	if c.state == 0 {
		c.state = -1
		if cueAddress(c.text, c.lo, c.i) {
			c.state = 1
		}
	}
	return c.state > 0
}

// addressAt tries every shape around the number text[i:j] and returns the
// address's span.
func addressAt(x *lexicon, text []byte, lo, hi, i, j int) (int, int, bool) {
	ne, ok := houseNumber(text, i, j, hi)
	if !ok {
		return 0, 0, false
	}
	// The street after the number starts at k0: "12 Main St", and "12,
	// rue des Lilas" as French writes it.
	k0 := -1
	if ne+1 < hi && text[ne] == ' ' {
		k0 = ne + 1
	} else if ne+2 < hi && text[ne] == ',' && text[ne+1] == ' ' && streetPreAt(x, text, ne+2, hi) {
		k0 = ne + 2
	}
	// Nothing capitalised before or after the number, and no "box" before
	// it: no address ("in 2019 we", "the 3 main points").
	if !(k0 > 0 && (isUpperLetterAt(text, k0, hi) || lowerStreetPre(text, k0, hi) && capitalSoon(text, k0, hi))) &&
		!(i-2 >= lo && text[i-1] == ' ' && (text[i-2] == 'x' || text[i-2] == 'X' || wordBeforeCapitalised(x, text, lo, i-1))) {
		return 0, 0, false
	}
	// Boxes: "PO Box 12", "PSC 1234, Box 5678", "Unit 4719 Box 7394".
	if s, needBox, ok := boxBefore(text, lo, i); ok {
		e := ne
		if k, ok := boxAfter(text, ne, hi); ok {
			e = k
		} else if needBox {
			return 0, 0, false
		}
		end, _ := extendLocality(x, text, e, hi, true)
		return leadingNumber(text, lo, s), end, true
	}
	// Most numbers in prose that reach here stand between a sentence's
	// first word and a plain one ("Kitchen 272 collect", "In 2019 we"),
	// where neither street reading can end well, and reading their words
	// from the lexicon cost more than the rest of the finder.
	if !(k0 == ne+1 && plainAround(text, lo, hi, i, k0)) {
		cue := lazyCue{text: text, lo: lo, i: i}
		// Number first.
		if k0 > 0 && (isLetter(text[k0]) || text[k0] >= 0xC0) {
			if e, ok := streetAfter(x, text, k0, hi, &cue); ok {
				return leadingUnit(x, text, lo, leadingNumber(text, lo, i)), extendAfterStreet(x, text, trailingNumber(text, e, hi), hi), true
			}
		}
		// Street first.
		if s, ok := streetBefore(x, text, lo, hi, i, &cue); ok {
			return leadingNumber(text, lo, s), extendAfterStreet(x, text, ne, hi), true
		}
	}
	// A military or diplomatic post line: "APO AE 09012", after its unit
	// or ship line ("PSC 1234, Box 5678", "USNS Comfort").
	if s, ok := militaryPost(text, lo, i, j); ok {
		end, _ := extendLocality(x, text, ne, hi, true)
		return s, end, true
	}
	return 0, 0, false
}

// plainAround reports whether the house number at i, with a space after
// it and another word from k0, stands between a sentence's first word and
// a plain word: a capital and at most nine lower-case ASCII letters after
// ". " ("! ", "? "), and at most ten lower-case ASCII letters. Neither
// street reading can then take it:
//
//   - streetAfter reads a capitalised word or a street type first, and
//     the word after the number is neither: its keys are no street
//     type's (mayBeStreetWord);
//   - streetBefore reads a compound ("Lindenstraße 12"), which the word's
//     ending rules out; words before the one before the number ("Villacher
//     Strasse 89", "Via Roma 12"), which the sentence's end cuts off, but
//     for an abbreviation before its '.' ("Avda. Rio 5"), which the keys
//     rule out; or a name before a unit, and the word after the number
//     is none, or after an address cue in the same sentence, which only
//     the word before the number could begin.
//
// Words with letters past ASCII, hyphens or more letters are left to the
// readings. TestPlainAround holds both readings to this on every number
// of its texts.
func plainAround(text []byte, lo, hi, i, k0 int) bool {
	e := lowerRun(text, k0, hi)
	if n := e - k0; n == 0 || n > 10 || e < hi && (isLetter(text[e]) || text[e] >= 0x80) ||
		streetKeyHit(n, text[k0], text[k0+min(1, n-1)], text[e-1]) {
		return false
	}
	s := lowerRunBack(text, lo, i-1) - 1 // the word before: text[s:i-1]
	n := i - 1 - s
	if s-2 < lo || n > 10 || !isUpperASCII(text[s]) || text[s-1] != ' ' {
		return false
	}
	if mayBeCompound(text[s:i-1]) && streetCompound(text[s:i-1]) {
		return false
	}
	first := text[s] | 0x20
	if addressCueFirst>>(first-'a')&1 != 0 {
		for _, c := range addressCueWords {
			if c[0] == first && bytes.HasPrefix(text[s+1:i-1], c[1:]) && (len(c) >= 4 || len(c) == n) { // as containsWord matches
				return false
			}
		}
	}
	switch text[s-2] {
	case '!', '?':
		return true
	case '.':
		// The word before the '.', as streetBefore reads it back.
		e := s - 2
		q := e
		for q > lo && e-q <= 10 && (isLetter(text[q-1]) || text[q-1] >= 0x80 || text[q-1] == '-') {
			q--
		}
		if q == e {
			return true
		}
		var b [16]byte
		w := lowerWord(&b, text[q:e]) // eleven bytes at most, which mayBeStreetWord passes
		return !mayBeStreetWord(w) && !endsWithFold(w, "str")
	}
	return false
}

// lowerRunBack returns the start of the run of ASCII lower-case letters
// that ends at e, reading the eight bytes before e at once.
func lowerRunBack(text []byte, lo, e int) int {
	if e-8 >= lo {
		if m := ^lowerMask(binary.LittleEndian.Uint64(text[e-8:])) & swarHigh; m != 0 {
			return e - bits.LeadingZeros64(m)>>3
		}
		e -= 8
	}
	for e > lo && 'a' <= text[e-1] && text[e-1] <= 'z' {
		e--
	}
	return e
}

// addressCueWords are the address cues of one word, which a sentence's
// first word may begin with, and addressCueFirst their first letters.
var addressCueWords, addressCueFirst = func() (ws [][]byte, first uint32) {
	for _, c := range addressCues {
		if !strings.Contains(c, " ") {
			ws = append(ws, []byte(c))
			if c[0]-'a' < 26 {
				first |= 1 << (c[0] - 'a')
			} else {
				first = ^uint32(0) // no letter a word of ASCII could start with: ask each
			}
		}
	}
	return ws, first
}()

// mayBeCompound is false for a word of fewer than six letters, or whose
// last three are lower-case ASCII letters that end no street type of
// streetEndings (compoundTails), and true for any other: streetCompound
// reads it.
func mayBeCompound(w []byte) bool {
	n := len(w)
	if n < 6 {
		return false // a stem of three letters and an ending of three or more
	}
	a, b, c := w[n-3]-'a', w[n-2]-'a', w[n-1]-'a'
	return a >= 26 || b >= 26 || c >= 26 || compoundTails[int(b)*26+int(c)]>>a&1 != 0
}

// compoundTails holds, at the last two letters of each street type of
// streetEndings written in ASCII, a bit for the letter before them.
var compoundTails = func() (t [26 * 26]uint32) {
	for _, e := range streetEndings {
		n := len(e)
		a, b, c := e[n-3]-'a', e[n-2]-'a', e[n-1]-'a'
		if a < 26 && b < 26 && c < 26 {
			t[int(b)*26+int(c)] |= 1 << a
		}
	}
	return t
}()

// leadingNumber takes in a number (a unit or building) written just
// before an address that starts at s: "17151 2450 Crown St".
func leadingNumber(text []byte, lo, s int) int {
	if s-2 < lo || text[s-1] != ' ' || !isDigit(text[s-2]) {
		return s
	}
	k := s - 1
	for k > lo && isDigit(text[k-1]) && s-1-k < 6 {
		k--
	}
	if s-1-k > 5 || k > lo && !numberStarts(text[k-1]) {
		return s
	}
	return k
}

// leadingUnit takes in a unit written before the street: "Flat 3, 12 Baker
// Street", "Apt 5, 1200 Main St".
func leadingUnit(x *lexicon, text []byte, lo, s int) int {
	k := s
	if k-2 < lo || text[k-1] != ' ' {
		return s
	}
	k--
	if text[k-1] == ',' {
		k--
	}
	v := k
	for v > lo && isAlnum(text[v-1]) && k-v < 6 {
		v--
	}
	if v == k || v-2 < lo || text[v-1] != ' ' || !isDigit(text[v]) && text[v-1] != '#' {
		return s
	}
	ws := v - 1
	for ws > lo && isLetter(text[ws-1]) {
		ws--
	}
	if ws == v-1 || !isUpperASCII(text[ws]) || x.get(foldHash(text[ws:v-1]))&lexUnit == 0 {
		return s
	}
	if ws > lo && !numberStarts(text[ws-1]) {
		return s
	}
	return ws
}

// militaryPost recognises the ZIP at text[i:j] of a line "APO AA 34001"
// (APO, FPO or DPO and AA, AE or AP) and returns the start of the address:
// the line before when it is a unit, PSC or ship line.
func militaryPost(text []byte, lo, i, j int) (int, bool) {
	if j-i != 5 || i-7 < lo || text[i-1] != ' ' || text[i-4] != ' ' {
		return 0, false
	}
	var sb, pb [16]byte
	st, post := string(lowerWord(&sb, text[i-3:i-1])), string(lowerWord(&pb, text[i-7:i-4]))
	if st != "aa" && st != "ae" && st != "ap" || post != "apo" && post != "fpo" && post != "dpo" {
		return 0, false
	}
	start := i - 7
	if start > lo && !(text[start-1] == '\n' || text[start-1] == ' ' || text[start-1] == ',') {
		return 0, false
	}
	// The line before: "PSC 1234, Box 5678", "Unit 4719 Box 7394", "USNS Comfort".
	if start-1 > lo && text[start-1] == '\n' {
		ls := start - 1
		for ls > lo && text[ls-1] != '\n' && start-ls < 64 {
			ls--
		}
		line := text[ls : start-1]
		for _, p := range []string{"psc ", "cmr ", "unit ", "usns ", "uss ", "uscgc ", "usnv "} {
			if k := indexFoldASCII(line, p); k >= 0 && (k == 0 || line[k-1] == ' ') {
				return ls + k, true
			}
		}
	}
	return start, true
}

// indexFoldASCII returns the first index of the lower-case s in b,
// folding ASCII letters of b, or -1.
func indexFoldASCII(b []byte, s string) int {
	for i := 0; i+len(s) <= len(b); i++ {
		if equalFoldASCII(b[i:i+len(s)], s) {
			return i
		}
	}
	return -1
}

// wordBeforeCapitalised reports whether the word ending at e starts with
// a capital, or is a street word in lower case after one ("Stensås
// terrasse", "Kálmán Imre u."). Most numbers in prose that reach here
// follow a lower-case word after a sentence's first ("Table compare
// 37887"), and the street word's lookup turns them away before the
// street is looked for.
func wordBeforeCapitalised(x *lexicon, text []byte, lo, e int) bool {
	for w := 0; w < 2; w++ {
		s := e
		for s > lo && (isLetter(text[s-1]) || text[s-1] >= 0x80 || text[s-1] == '.' && s == e) {
			s--
		}
		if s == e {
			return false
		}
		if isUpperLetterAt(text, s, e) {
			return true
		}
		if s-1 <= lo || text[s-1] != ' ' {
			return false
		}
		if w == 0 {
			if !mayBeStreetWord(text[s:e]) {
				return false // most words: no probe of the lexicon's large table
			}
			_, h, n, _, _, _, _, _ := wordEnd(text, s, e)
			if n == 0 || x.get(h)&(lexStreet|lexStreetPre|lexAbbrev|lexUnit|lexBox) == 0 {
				return false
			}
		}
		e = s - 1
	}
	return false
}

// mayBeStreetWord is false for a word of lower-case ASCII letters (and a
// '.' after them) whose length, first and last letters and second letter
// are those of no street, unit or box word of the hand-made lists, as the
// lexicon folds them (streetWordKeys), and true for any other word, which
// the lexicon must be asked of.
func mayBeStreetWord(w []byte) bool {
	if len(w) > 0 && w[len(w)-1] == '.' {
		w = w[:len(w)-1]
	}
	if len(w) == 0 || len(w) > 10 {
		return true
	}
	for _, c := range w {
		if c < 'a' || c > 'z' {
			return true
		}
	}
	return streetKeyHit(len(w), w[0], w[min(1, len(w)-1)], w[len(w)-1])
}

// streetKeyHit is mayBeStreetWord for a word of n lower-case ASCII letters
// (one to ten) with these first, second and last letters.
func streetKeyHit(n int, first, second, last byte) bool {
	return streetWordKeys[(n*26+int(first-'a'))*26+int(last-'a')]>>(second-'a')&1 != 0
}

// streetWordKeys holds, at the key (wordKey) of every word of ten letters
// at most that the hand-made lists make a street type, a unit or a box,
// folded to ASCII as the lexicon folds it ("allée" as "allee", "körút"
// as "korut"), a bit for its second letter (its first, for a word of
// one): the key alone let one common word in two through ("the" has
// "tie"'s, "are" "ave"'s).
var streetWordKeys = func() (t [11 * 26 * 26]uint32) {
	for _, l := range handLists {
		if l.info&(lexStreet|lexStreetPre|lexAbbrev|lexUnit|lexBox) == 0 {
			continue
		}
		for _, w := range strings.Fields(l.words) {
			f := asciiFold(w)
			if len(f) == 0 || len(f) > 10 {
				continue
			}
			if c := f[min(1, len(f)-1)]; 'a' <= f[0] && f[0] <= 'z' && 'a' <= f[len(f)-1] && f[len(f)-1] <= 'z' && 'a' <= c && c <= 'z' {
				t[wordKey(f)] |= 1 << (c - 'a')
			}
		}
	}
	return t
}()

// asciiFold returns w folded to ASCII as foldHash folds it ("körút" as
// "korut"), or nil where a letter has no ASCII form.
func asciiFold(w string) []byte {
	var f []byte
	for _, r := range w {
		switch {
		case r < utf8.RuneSelf:
			f = append(f, byte(r))
		case r >= latinFoldBase && r < 0x250 && latinFold[r-latinFoldBase] != "":
			f = append(f, latinFold[r-latinFoldBase]...)
		default:
			return nil
		}
	}
	return f
}

// lowerStreetPre reports whether a street type written in lower case
// before the name starts at k ("rue", "avenue", "via", "ul.").
func lowerStreetPre(text []byte, k, hi int) bool {
	e := lowerRun(text, k, min(hi, k+10)) // most words are ASCII: eight bytes at a time
	for e < hi && e-k < 10 && ('a' <= text[e] && text[e] <= 'z' || text[e] >= 0x80) {
		e++
	}
	w := text[k:e]
	if len(w) == 0 || len(w) <= 7 && w[0] < 0x80 && w[len(w)-1] < 0x80 && streetPreKeys[wordKey(w)] == 0 {
		return false // most words: their key is no street type's
	}
	_, ok := lowerStreetSet[string(w)]
	return ok
}

// lowerStreetTypes are the street types lowerStreetPre knows.
var lowerStreetTypes = []string{"rue", "avenue", "av", "boulevard", "bd", "chemin", "place", "impasse", "allée", "allee",
	"quai", "cours", "route", "rte", "via", "viale", "calle", "avenida", "avda", "paseo", "plaza", "rua", "ul", "ulica", "al",
	"aleja", "plac", "strada", "piazza", "corso", "vicolo", "largo", "travessa", "estrada", "camino", "carrera",
	"passage", "square", "voie", "sentier", "piazzale", "praça", "trg"}

// lowerStreetSet holds lowerStreetTypes, for lowerStreetPre.
var lowerStreetSet = func() map[string]struct{} {
	m := make(map[string]struct{}, len(lowerStreetTypes))
	for _, w := range lowerStreetTypes {
		m[w] = struct{}{}
	}
	return m
}()

// streetPreAt reports whether a street type written before the name
// starts at k: "rue", "Rue", "via", "Avenida".
func streetPreAt(x *lexicon, text []byte, k, hi int) bool {
	if lowerStreetPre(text, k, hi) {
		return true
	}
	if !isUpperLetterAt(text, k, hi) {
		return false
	}
	_, h, n, _, _, _, _, _ := wordEnd(text, k, hi)
	return n > 0 && x.get(h)&lexStreetPre != 0
}

// capitalSoon reports whether a capitalised word follows within the next
// few words on the line ("rue de la Paix"): lower-case street types come
// before a name.
func capitalSoon(text []byte, k, hi int) bool {
	for j := k; j < hi && j-k < 24; j++ {
		switch c := text[j]; {
		case c == ' ' && j+1 < hi && isUpperLetterAt(text, j+1, hi):
			return true
		case c == '.' || c == ',' || c == '\n' || isDigit(c):
			return false
		}
	}
	return false
}

// trailingNumber takes in a house number after a street name that followed
// a number: "23680 Parijsstraat 8".
func trailingNumber(text []byte, e, hi int) int {
	if e+1 >= hi || text[e] != ' ' || !isDigit(text[e+1]) {
		return e
	}
	j := e + 1
	for j < hi && isDigit(text[j]) {
		j++
	}
	if k, ok := houseNumber(text, e+1, j, hi); ok {
		return k
	}
	return e
}

// unitFollows reports whether a unit (Apt 5, Suite 200) follows e, on the
// same line or the next: the mark of an address on a street whose type is
// not written ("20789 Allika 46\n Suite 501").
func unitFollows(x *lexicon, text []byte, e, hi int) bool {
	_, ok := unitAfter(x, text, e, hi)
	return ok
}

// streetAfter reads a street name after a house number: capitalised words
// ending in a street type ("Main Street"), a street type and its name
// ("rue de la Paix", "Avenue Teboulbi"), or a compound ("Hauptstraße").
// Near a cue, capitalised words alone will do. It returns the end.
func streetAfter(x *lexicon, text []byte, k, hi int, cue *lazyCue) (int, bool) {
	var toks [6]addrTok
	n := 0
	for n < len(toks) && k < hi {
		t, ok := readAddrTok(x, text, k, hi)
		if !ok || !t.streetNameWord() || t.info&lexUnit != 0 && n > 0 {
			break
		}
		// Lower case: a street type first ("rue"), a particle between
		// capitalised words ("rue de la Paix", "Avenue of the Americas"),
		// or words between a street type and the name ("rue des trois
		// Frères"). A street type in lower case after the name must be
		// followed by the house number ("Erzsébet tér 19.", "Trenerys gate
		// 232").
		if !t.upper && n > 0 && t.info&lexParticle == 0 && !(t.isStreetWord() && t.e+1 < hi && text[t.e] == ' ' && isDigit(text[t.e+1])) &&
			!(toks[0].info&lexStreetPre != 0 && toks[0].upper && n < 4 && t.info&lexUnit == 0) {
			break
		}
		toks[n] = t
		n++
		if t.e+1 >= hi || text[t.e] != ' ' || t.hasDot && !t.isStreetWord() {
			break
		}
		k = t.e + 1
		if !isLetter(text[k]) && text[k] < 0xC0 {
			break
		}
	}
	for n > 0 && !toks[n-1].upper && toks[n-1].info&lexStreetPre == 0 && !toks[n-1].isStreetWord() {
		n-- // a trailing particle
	}
	if n == 0 {
		return 0, false
	}
	// confirmed reports whether what follows the name ending at e (a house
	// number, then a unit or a locality with a postcode, a state or a
	// country) or a cue before it makes a weak shape an address.
	confirmed := func(e int) bool {
		te := trailingNumber(text, e, hi)
		if unitFollows(x, text, te, hi) || cue.yes() {
			return true
		}
		le, sure := extendLocality(x, text, dotAfterNumber(text, te, hi), hi, false)
		return te > e && le > te && (sure || text[te] == ',')
	}
	// A street type first: the name follows it ("rue de la Paix").
	if toks[0].info&lexStreetPre != 0 {
		end := -1
		for m := 1; m < n && toks[m].info&lexUnit == 0; m++ {
			if toks[m].upper && !toks[m].caps && !(toks[m].e < hi && text[toks[m].e] == '-') {
				end = toks[m].e
			} else if toks[m].upper {
				break
			}
		}
		if end > 0 {
			return end, true
		}
	}
	// The last street type closes the name ("Main Street", "Bay St"),
	// with a name word before it, or a compound alone ("Hauptstraße").
	for m := n - 1; m >= 0; m-- {
		t := &toks[m]
		if !t.isStreetWord() {
			continue
		}
		if (m > 0 || t.suffix) && toks[0].upper {
			e := t.e
			// A direction may follow: "Avenue NW".
			if m+1 < n && toks[m+1].info&lexDirection != 0 && toks[m+1].letters <= 2 {
				e = toks[m+1].e
			}
			// A street type that is also an everyday word, in lower case
			// ("Heathrow gate 23"), needs more.
			if !t.upper && t.info.common() > 0 && !confirmed(e) {
				return 0, false
			}
			return e, true
		}
		break
	}
	// Capitalised words followed by a unit ("Allika 46\n Suite 501"), or
	// near a cue.
	if toks[0].upper && !toks[0].caps && toks[0].info.common() == 0 && !toks[0].isStreetWord() {
		e := toks[0].e
		for m := 1; m < n && toks[m].upper && !toks[m].caps; m++ {
			e = toks[m].e
		}
		// "641 Dašická 688, Turkovice": a second number and a locality.
		if confirmed(e) {
			return e, true
		}
	}
	return 0, false
}

// streetBefore reads a street name that ends just before a house number at
// i: "Lindenstraße 12", "Villacher Strasse 89", "Rua do Arenque 1634",
// "Stensås terrasse 38". It returns the start.
func streetBefore(x *lexicon, text []byte, lo, hi, i int, cue *lazyCue) (int, bool) {
	if i-2 < lo || text[i-1] != ' ' {
		return 0, false
	}
	// toks run backwards from the number: toks[0] is the word before it.
	var toks [6]addrTok
	n := 0
	k := i - 1 // text[k] is the space after the word
	for n < len(toks) && k > lo {
		e := k
		if text[e-1] == '.' {
			e-- // "Avda."
		}
		s := e
		for s > lo && (isLetter(text[s-1]) || text[s-1] >= 0x80 || text[s-1] == '-') {
			s--
		}
		if s == e || text[s] == '-' {
			break
		}
		t, ok := readAddrTok(x, text, s, k)
		if !ok || t.e != k && t.e != e || !t.streetNameWord() || e < k && !t.hasDot && t.e != k {
			break // a '.' that ends a sentence, not an abbreviation
		}
		if !t.upper && t.info.common() > 0 && t.info&lexParticle == 0 {
			break // "close", "way", "place": words first, street types only capitalised
		}
		toks[n] = t
		n++
		if s == lo || text[s-1] != ' ' {
			break
		}
		k = s - 1
	}
	if n == 0 {
		return 0, false
	}
	// A street type first in reading order, with a name after it: "Rua do
	// Arenque", "Via Roma", "Avda. Rio Nalon".
	for m := n - 1; m >= 1; m-- {
		if toks[m].info&lexStreetPre == 0 || !toks[m].upper && !toks[m].hasDot {
			continue
		}
		for q := m - 1; q >= 0; q-- {
			if toks[q].upper {
				return toks[m].s, true
			}
		}
	}
	// A street word right before the number, with its name: "Villacher
	// Strasse", "Stensås terrasse", "Lindenstraße", "Brucker Bundesstrasse".
	t := &toks[0]
	if t.isStreetWord() {
		start := -1
		if t.suffix && t.upper {
			start = t.s
		}
		for q := 1; q < n && q <= 2; q++ {
			p := &toks[q]
			if !p.upper || p.caps || p.info.common() > 0 || p.info&(lexStreetPre|lexStreet) != 0 {
				break
			}
			if t.suffix && !endsWithFold(text[p.s:p.e], "er") {
				break // "Berliner Allee" yes, "Paris Hauptstraße" no
			}
			start = p.s
		}
		if start >= 0 {
			return start, true
		}
	}
	// A capitalised name before a number and a unit, or near a cue ("lives
	// at Pivovarská 276").
	if t.upper && !t.caps && t.info.common() == 0 && t.info&lexStop == 0 && (unitFollows(x, text, trailingNumber(text, i-1, hi), hi) || cue.yes()) {
		start := t.s
		if n > 1 && toks[1].upper && !toks[1].caps && toks[1].info.common() == 0 {
			start = toks[1].s
		}
		return start, true
	}
	return 0, false
}

func endsWithFold(w []byte, suffix string) bool {
	return len(w) >= len(suffix) && equalFoldASCII(w[len(w)-len(suffix):], suffix)
}

// boxBefore recognises the words before a box or unit number: "PO Box",
// "P.O. Box", "Postfach", "PSC", "CMR", "Unit" (of a military address).
// needBox says a ", Box N" must follow.
func boxBefore(text []byte, lo, i int) (start int, needBox, ok bool) {
	s, e, punct := prevWord(text, lo, i)
	if e <= s || punct != 0 || e != i-1 {
		return 0, false, false
	}
	var lb [16]byte
	switch string(lowerWord(&lb, text[s:e])) {
	case "psc", "cmr", "unit":
		return s, true, true
	case "postfach", "postbox", "postboks", "postbus", "apartado", "casilla":
		return s, false, true
	case "bp":
		return s, false, text[s] == 'B'
	case "box":
		switch {
		case s >= 5 && equalFoldASCII(text[s-5:s], "p.o. "):
			return s - 5, false, true
		case s >= 3 && equalFoldASCII(text[s-3:s], "po "):
			return s - 3, false, true
		case s >= 12 && equalFoldASCII(text[s-12:s], "post office "):
			return s - 12, false, true
		}
	}
	return 0, false, false
}

// boxAfter takes in ", Box 5678" or " Box 7394" after a PSC or unit number.
func boxAfter(text []byte, k, hi int) (int, bool) {
	if k < hi && text[k] == ',' {
		k++
	}
	if k >= hi || text[k] != ' ' {
		return 0, false
	}
	k++
	if k+4 > hi || !equalFoldASCII(text[k:k+3], "box") || text[k+3] != ' ' {
		return 0, false
	}
	j := k + 4
	d := j
	for d < hi && isDigit(text[d]) {
		d++
	}
	if d == j || d-j > 6 {
		return 0, false
	}
	return d, true
}

// extendAfterStreet takes in a unit and the locality after a street; a
// '.' after the house number ("Erzsébet tér 19.") is taken in when more
// follows.
func extendAfterStreet(x *lexicon, text []byte, e, hi int) int {
	d := dotAfterNumber(text, e, hi)
	u, unit := unitAfter(x, text, d, hi)
	end, _ := extendLocality(x, text, u, hi, unit)
	if end == d {
		return e
	}
	return end
}

// dotAfterNumber steps over a '.' that follows a house number at e and
// ends a word ("tér 19.\n", "rkp. 18. Apt").
func dotAfterNumber(text []byte, e, hi int) int {
	if e+1 < hi && text[e] == '.' && e > 0 && isDigit(text[e-1]) && (text[e+1] == ' ' || text[e+1] == '\n' || text[e+1] == ',' || text[e+1] == '\r') {
		return e + 1
	}
	return e
}

// unitAfter takes in "Apt 5", ", Apt. 864", " Suite 200", " #4B", " Flat 2",
// on the same line or the next.
func unitAfter(x *lexicon, text []byte, e, hi int) (int, bool) {
	found := false
	for range 2 {
		k := e
		if k < hi && text[k] == ',' {
			k++
		}
		k = skipBlanks(text, k, hi)
		if k < hi && text[k] == '\r' {
			k++
		}
		if k < hi && text[k] == '\n' {
			// a unit on its own line: "\n Suite 501", "\n> Apt. 4"
			k = skipLinePrefix(text, k+1, hi)
		}
		if k == e || k >= hi {
			return e, found
		}
		v, ok := unitAt(x, text, k, hi)
		if !ok {
			return e, found
		}
		e, found = v, true
	}
	return e, found
}

// unitAt reads a unit that starts at k: "Apt 5", "Apt. 864", "Suite 200",
// "#4B", "Flat 2", "Unit C".
func unitAt(x *lexicon, text []byte, k, hi int) (int, bool) {
	if text[k] == '#' {
		v, digits := k+1, 0
		for v < hi && isAlnum(text[v]) {
			digits += btoi(isDigit(text[v]))
			v++
		}
		if digits == 0 || v-k > 8 || v < hi && !unitEnds(text[v]) {
			return 0, false // "#4B", not "#python"
		}
		return v, true
	}
	if !isLetter(text[k]) {
		return 0, false
	}
	t, ok := readAddrTok(x, text, k, hi)
	if !ok || t.info&lexUnit == 0 || !t.upper && !t.hasDot && t.info&lexAbbrev == 0 {
		return 0, false
	}
	v := t.e
	if v < hi && text[v] == ' ' {
		v++
	}
	if v < hi && text[v] == '#' {
		v++
	}
	w := v
	for w < hi && isAlnum(text[w]) {
		w++
	}
	if w == v || w-v > 8 || !isDigit(text[v]) && !(w-v <= 2) || w < hi && !unitEnds(text[w]) {
		return 0, false
	}
	return w, true
}

// unitEnds reports whether b may follow a unit's number.
func unitEnds(b byte) bool {
	switch b {
	case ' ', ',', '\n', '\r', '\t', '.', ';', ')', '?', '!':
		return true
	}
	return false
}

// usStates are the two-letter codes of US states, territories, military
// "states" and Canadian provinces.
var usStates = setOf("AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN",
	"IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY",
	"NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY",
	"AS", "GU", "MP", "PR", "VI", "AA", "AE", "AP", "AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE",
	"QC", "SK", "YT")

// localityTok reads one word of a locality at k and returns its end and
// kind: a postcode, a state code, a country, a place name.
func localityTok(x *lexicon, text []byte, k, hi int) (int, byte, bool) {
	if k >= hi {
		return 0, 0, false
	}
	if isDigit(text[k]) {
		// US ZIP (+4), DE/FR 5 digits, 4 digits (AT, CH, DK, NL "1234 AB").
		j := k
		for j < hi && isDigit(text[j]) {
			j++
		}
		n := j - k
		if n == 5 && j+5 < hi && text[j] == '-' && isDigit(text[j+1]) {
			m := j + 1
			for m < hi && isDigit(text[m]) {
				m++
			}
			if m-j-1 == 4 {
				j = m
			}
		} else if n == 4 && j+3 <= hi && text[j] == ' ' && isUpperASCII(text[j+1]) && isUpperASCII(text[j+2]) && (j+3 == hi || !isAlnum(text[j+3])) {
			j += 3 // 1234 AB
		} else if n < 4 || n > 5 {
			return 0, 0, false
		}
		if j < hi && (isAlnum(text[j]) || text[j] == '-' || text[j] == '/' || text[j] == ':') {
			return 0, 0, false
		}
		return j, 'z', true
	}
	if e, ok := ukPostcode(text, k, hi); ok {
		return e, 'z', true
	}
	e, h, n, up, caps, rest, _, _ := wordEnd(text, k, hi)
	if n == 0 || !up || !rest && !caps {
		return 0, 0, false
	}
	if n == 2 && caps && usStates[string(text[k:e])] {
		return e, 's', true
	}
	info := x.get(h)
	if info&lexCountry != 0 {
		return e, 'c', true
	}
	if info.common() > 0 && info.given() == 0 && info.surname() == 0 && info&(lexStop|lexNotPerson) == 0 && !caps {
		return 0, 0, false // "Thanks", "Please": prose, not a place
	}
	// Hyphenated places: "Saint-Étienne", "Aix-en-Provence".
	for e+1 < hi && text[e] == '-' && (isLetter(text[e+1]) || text[e+1] >= 0xC0) {
		pe, _, pn, _, _, _, _, _ := wordEnd(text, e+1, hi)
		if pn == 0 {
			break
		}
		e = pe
	}
	return e, 'p', true
}

// ukPostcode matches a UK postcode at k: "SW1A 1AA", "M1 1AE", "EC2A 4BX".
func ukPostcode(text []byte, k, hi int) (int, bool) {
	j := k
	letters := 0
	for j < hi && isUpperASCII(text[j]) && letters < 2 {
		j++
		letters++
	}
	if letters == 0 || j >= hi || !isDigit(text[j]) {
		return 0, false
	}
	j++
	if j < hi && (isDigit(text[j]) || isUpperASCII(text[j])) {
		j++
	}
	if j < hi && text[j] == ' ' {
		j++
	}
	if j+3 > hi || !isDigit(text[j]) || !isUpperASCII(text[j+1]) || !isUpperASCII(text[j+2]) {
		return 0, false
	}
	j += 3
	if j < hi && isAlnum(text[j]) {
		return 0, false
	}
	return j, true
}

// extendLocality takes in the locality after a street (and unit) ending at
// e: up to six parts separated by commas or line breaks, each a unit (Apt
// 5, Suite 200), or a run of place words, state codes, postcodes and
// countries ("Springfield, IL 62704", "10969 Berlin", "London NW1 6XE",
// "Lyon\nFrance", "Cyprus (Greek) 13429"). A part on the same line without
// a comma is taken only if it starts with a postcode, a state code, a
// country or a name in capitals, or follows a unit (strong). Lines may
// carry a quoting or bullet prefix ("> "); after a blank line only a part
// with a country or a postcode is taken. sure reports whether a unit, a
// postcode, a state code or a country was taken: what confirms that the
// street before was an address.
func extendLocality(x *lexicon, text []byte, e, hi int, strong bool) (end int, sure bool) {
	best := e
	pos := e
	for part := 0; part < 6 && pos < hi; part++ {
		k := pos
		sep, blank := false, false
		k = skipBlanks(text, k, hi)
		if k < hi && text[k] == ',' {
			k++
			sep = true
			k = skipBlanks(text, k, hi)
		}
		for lines := 0; k < hi && (text[k] == '\n' || text[k] == '\r'); {
			if text[k] == '\n' {
				lines++
			}
			if lines > 2 {
				return best, sure
			}
			blank = blank || lines == 2
			k++
			sep = true
			k = skipLinePrefix(text, k, hi) // quoted or bulleted lines
			if k < hi && text[k] == ',' {   // "Artilleros\n, CO"
				k++
				k = skipBlanks(text, k, hi)
			}
		}
		if k == pos || k >= hi {
			break
		}
		if !sep && text[k-1] != ' ' {
			break
		}
		// A unit: "Apt. 5", "Suite 200", "#4B".
		if !blank && (sep || strong || part == 0) {
			if ue, ok := unitAt(x, text, k, hi); ok {
				best, pos, sure, strong = ue, ue, true, true
				continue
			}
		}
		// Words of this part, one space apart.
		pend := -1
		nk := 0
		hard := false // a postcode or a country in the part
		for w := k; nk < 8; {
			we, kind, ok := localityTok(x, text, w, hi)
			if !ok {
				// "Ostrov nad Ohří", "Frankfurt am Main", "Saint-Julien-en-Genevois"
				if nk > 0 && w < hi && localityParticle(text, w, hi) > 0 {
					pe := w + localityParticle(text, w, hi)
					if pe+1 < hi && text[pe] == ' ' {
						if we2, _, ok2 := localityTok(x, text, pe+1, hi); ok2 {
							we, kind, ok = we2, 'p', true
						}
					}
				}
				if !ok {
					break
				}
			}
			if nk == 0 && !sep && !strong && kind == 'p' && !(we-w > 1 && allCaps(text[w:we])) {
				break
			}
			nk++
			pend = we
			hard = hard || kind == 'c' || kind == 'z'
			sure = sure || kind != 'p'
			// "(Greek)", "(ΑΣΣΕΙΑ)": a name in brackets after a place.
			if we+2 < hi && text[we] == ' ' && text[we+1] == '(' {
				if q := bytes.IndexByte(text[we+2:min(hi, we+42)], ')'); q > 0 && bytes.IndexByte(text[we+2:we+2+q], '\n') < 0 {
					pend = we + 3 + q
					we = pend
				}
			}
			if we+1 >= hi || text[we] != ' ' {
				break
			}
			w = we + 1
		}
		if pend < 0 || blank && !hard {
			break
		}
		best, pos = pend, pend
	}
	return best, sure
}

// skipLinePrefix skips, from k at the start of a line, the blanks and
// the marks that quote or bullet the lines of a block: "> ", "| ", "- ",
// "* ", "• ", and runs of '?' (bullets a wrong encoding lost).
func skipLinePrefix(text []byte, k, hi int) int {
	k = skipBlanks(text, k, hi)
	j := k
	for j < hi && j-k < 4 {
		c := text[j]
		if c == '>' || c == '|' || c == '?' || c == '*' || c == '-' {
			j++
			continue
		}
		if c == 0xE2 && j+2 < hi && text[j+1] == 0x80 && text[j+2] == 0xA2 {
			j += 3
			continue
		}
		break
	}
	if j == k {
		return k
	}
	if j == hi || text[j] == ' ' || text[j] == '\t' || text[j-1] == '>' || text[j-1] == '|' {
		return skipBlanks(text, j, hi)
	}
	return k
}

func skipBlanks(text []byte, k, hi int) int {
	for k < hi && (text[k] == ' ' || text[k] == '\t') {
		k++
	}
	return k
}

// localityParticle returns the length of a lower-case word that joins the
// words of a place name ("nad", "am", "sur", "de", "del"), or 0.
func localityParticle(text []byte, w, hi int) int {
	e := w
	for e < hi && 'a' <= text[e] && text[e] <= 'z' {
		e++
	}
	switch string(text[w:e]) {
	case "nad", "pod", "am", "an", "der", "im", "bei", "sur", "sous", "en", "de", "del", "della", "di", "da",
		"do", "dos", "das", "du", "des", "la", "le", "les", "upon", "on", "in", "u", "op", "aan", "ob", "ved":
		return e - w
	}
	return 0
}

func allCaps(w []byte) bool {
	for _, c := range w {
		if c < utf8.RuneSelf && 'a' <= c && c <= 'z' {
			return false
		}
	}
	return true
}

// addressCues are words that announce an address; near one, a looser
// shape is enough.
var addressCues = []string{
	"address", "adress", "addr", "lives at", "live at", "lived at", "living at", "lives on", "live on", "located at",
	"ship to", "deliver to", "send to", "sent to", "mail to", "residence", "resides", "residing", "moved to", "corner of",
	"anschrift", "adresse", "wohnhaft", "domicile", "domicilio", "dirección", "direccion", "indirizzo", "endereço",
}

// cueAddress reports whether an address cue occurs in the 48 bytes before
// i, within the same sentence.
func cueAddress(text []byte, lo, i int) bool {
	s := max(lo, i-48)
	for k := i - 1; k > s; k-- {
		if c := text[k]; (c == '.' || c == '!' || c == '?') && k+1 < i && text[k+1] == ' ' {
			s = k + 1
			break
		}
	}
	var buf [48]byte
	b := buf[:0]
	for _, c := range text[s:i] {
		b = append(b, lower(c))
	}
	for _, c := range addressCues {
		if containsWord(b, []byte(c)) {
			return true
		}
	}
	return false
}
