package classify

import (
	"bytes"
	"encoding/binary"
	"math/bits"
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
// then takes in what follows on the same line or the next few: a unit (Apt
// 5, Suite 200, Flat 2, Wohnung 3, #4B) and the locality (city, state or
// region, postcode, country), so that an address written over several
// lines of one field is one finding. Near a cue ("address", "lives at",
// "ship to", "Anschrift") a looser shape is enough: a capitalised street
// name next to a house number.

// digitMask marks the ASCII digits among the bytes of x.
func digitMask(x uint64) uint64 {
	y := x &^ swarHigh
	a := y + swarOnes*(0x80-'0')
	b := y + swarOnes*(0x80-('9'+1))
	return a &^ b &^ x & swarHigh
}

// findAddresses is the Find of the street-address detector.
func findAddresses(text []byte, lo, hi int, emit func(start, end int)) {
	x := theLexicon()
	last := lo // addresses do not overlap
	i := lo
	for i < hi {
		if i+16 <= hi {
			m := digitMask(binary.LittleEndian.Uint64(text[i:]))
			if m == 0 {
				if m = digitMask(binary.LittleEndian.Uint64(text[i+8:])); m == 0 {
					i += 16
					continue
				}
				i += 8
			}
			i += bits.TrailingZeros64(m) >> 3
		} else if i+8 <= hi {
			m := digitMask(binary.LittleEndian.Uint64(text[i:]))
			if m == 0 {
				i += 8
				continue
			}
			i += bits.TrailingZeros64(m) >> 3
		}
		if !isDigit(text[i]) {
			i++
			continue
		}
		// The whole run of digits; anything glued before it (a word, a
		// decimal point, a currency sign) makes it something else.
		j := i
		for j < hi && isDigit(text[j]) {
			j++
		}
		if i < last || i > lo && !numberStarts(text[i-1]) {
			i = j
			continue
		}
		if s, e, ok := addressAt(x, text, lo, hi, i, j); ok && s >= last {
			emit(s, e)
			last = e
			i = max(j, e)
			continue
		}
		i = j
	}
}

// numberStarts reports whether a house number may follow byte p.
func numberStarts(p byte) bool {
	switch {
	case isAlnum(p), p >= 0x80:
		return false
	}
	switch p {
	case ' ', '\n', '\t', '\r', ',', '(', '"', '\'', ':', ';', '>', '#':
		return true
	}
	return false
}

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
	// Boxes: "PO Box 12", "PSC 1234, Box 5678", "Unit 4719 Box 7394".
	prevCap := i-2 >= lo && text[i-1] == ' ' && wordBeforeCapitalised(text, lo, i-1)
	if !prevCap && !(i-2 >= lo && text[i-1] == ' ' && (text[i-2] == 'x' || text[i-2] == 'X')) {
		// Nothing capitalised before the number: only "12 Main St", "12
		// rue …", "box 12" remain.
		if !(ne+1 < hi && text[ne] == ' ' && (isUpperLetterAt(text, ne+1, hi) || lowerStreetPre(text, ne+1, hi) && capitalSoon(text, ne+1, hi))) {
			return 0, 0, false
		}
	}
	if s, needBox, ok := boxBefore(text, lo, i); ok {
		e := ne
		if k, ok := boxAfter(text, ne, hi); ok {
			e = k
		} else if needBox {
			return 0, 0, false
		}
		return s, extendLocality(x, text, e, hi, true), true
	}
	cue := lazyCue{text: text, lo: lo, i: i}
	// Number first.
	if ne+1 < hi && text[ne] == ' ' && (isLetter(text[ne+1]) || text[ne+1] >= 0xC0) {
		if e, ok := streetAfter(x, text, ne+1, hi, &cue); ok {
			return leadingUnit(x, text, lo, leadingNumber(text, lo, i)), extendAfterStreet(x, text, trailingNumber(text, e, hi), hi), true
		}
	}
	// Street first.
	if s, ok := streetBefore(x, text, lo, hi, i, &cue); ok {
		return leadingNumber(text, lo, s), extendAfterStreet(x, text, ne, hi), true
	}
	// A military or diplomatic post line: "APO AE 09012", after its unit
	// or ship line ("PSC 1234, Box 5678", "USNS Comfort").
	if s, ok := militaryPost(text, lo, i, j); ok {
		return s, extendLocality(x, text, ne, hi, true), true
	}
	return 0, 0, false
}

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
	st, post := string(text[i-3:i-1]), string(text[i-7:i-4])
	if st != "AA" && st != "AE" && st != "AP" || post != "APO" && post != "FPO" && post != "DPO" {
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
		for _, p := range []string{"PSC ", "CMR ", "Unit ", "USNS ", "USS ", "USCGC ", "USNV "} {
			if k := bytes.Index(line, []byte(p)); k >= 0 && (k == 0 || line[k-1] == ' ') {
				return ls + k, true
			}
		}
	}
	return start, true
}

// wordBeforeCapitalised reports whether the word ending at e (or the one
// before it, for "Stensås terrasse") starts with a capital.
func wordBeforeCapitalised(text []byte, lo, e int) bool {
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
		e = s - 1
	}
	return false
}

// lowerStreetPre reports whether a street type written in lower case
// before the name starts at k ("rue", "avenue", "via", "ul.").
func lowerStreetPre(text []byte, k, hi int) bool {
	e := k
	for e < hi && e-k < 10 && ('a' <= text[e] && text[e] <= 'z' || text[e] >= 0x80) {
		e++
	}
	switch string(text[k:e]) {
	case "rue", "avenue", "av", "boulevard", "bd", "chemin", "place", "impasse", "allée", "allee", "quai", "cours",
		"route", "rte", "via", "viale", "calle", "avenida", "avda", "paseo", "plaza", "rua", "ul", "ulica", "al",
		"aleja", "plac", "strada", "piazza", "corso", "vicolo", "largo", "travessa", "estrada", "camino", "carrera",
		"passage", "square", "voie", "sentier", "piazzale", "praça":
		return true
	}
	return false
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
		// Lower case: a street type first ("rue"), or a particle between
		// capitalised words ("rue de la Paix", "Avenue of the Americas").
		// A street type in lower case after the name must be followed by
		// the house number ("Erzsébet tér 19.", "Trenerys gate 232").
		if !t.upper && n > 0 && t.info&lexParticle == 0 && !(t.isStreetWord() && t.info.common() == 0 && t.e+1 < hi && text[t.e] == ' ' && isDigit(text[t.e+1])) {
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
			return e, true
		}
		break
	}
	// Capitalised words followed by a unit ("Allika 46\n Suite 501"), or
	// near a cue.
	if toks[0].upper && !toks[0].caps && toks[0].info.common() == 0 {
		e := toks[0].e
		for m := 1; m < n && toks[m].upper && !toks[m].caps; m++ {
			e = toks[m].e
		}
		te := trailingNumber(text, e, hi)
		if unitFollows(x, text, te, hi) || cue.yes() {
			return e, true
		}
		// "641 Dašická 688, Turkovice": a second number and a locality.
		if te > e && te+2 < hi && text[te] == ',' && extendLocality(x, text, te, hi, false) > te {
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
	switch string(text[s:e]) {
	case "PSC", "CMR", "Unit":
		return s, true, true
	case "Postfach", "BP":
		return s, false, true
	case "Box", "BOX", "box":
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

// extendAfterStreet takes in a unit and the locality after a street.
func extendAfterStreet(x *lexicon, text []byte, e, hi int) int {
	e, unit := unitAfter(x, text, e, hi)
	return extendLocality(x, text, e, hi, unit)
}

// unitAfter takes in "Apt 5", ", Apt. 864", " Suite 200", " #4B", " Flat 2".
func unitAfter(x *lexicon, text []byte, e, hi int) (int, bool) {
	found := false
	for range 2 {
		k := e
		if k < hi && text[k] == ',' {
			k++
		}
		for k < hi && (text[k] == ' ' || text[k] == '\t') {
			k++
		}
		if k < hi && (text[k] == '\n' || text[k] == '\r') {
			// a unit on its own line: "\n Suite 501"
			k++
			for k < hi && (text[k] == ' ' || text[k] == '\t') {
				k++
			}
		}
		if k == e || k >= hi {
			return e, found
		}
		if text[k] == '#' {
			v := k + 1
			for v < hi && isAlnum(text[v]) {
				v++
			}
			if v == k+1 || v-k > 8 {
				return e, found
			}
			e, found = v, true
			continue
		}
		t, ok := readAddrTok(x, text, k, hi)
		if !ok || t.info&lexUnit == 0 || !t.upper && !t.hasDot && t.info&lexAbbrev == 0 {
			return e, found
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
		if w == v || w-v > 8 || !isDigit(text[v]) && !(w-v <= 2) {
			return e, found
		}
		e, found = w, true
	}
	return e, found
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
// e: up to five parts separated by commas or line breaks, each a run of
// place words, state codes, postcodes and countries ("Springfield, IL
// 62704", "10969 Berlin", "London NW1 6XE", "Lyon\nFrance"). A part on the
// same line without a comma is taken only if it starts with a postcode, a
// state code, a country or a name in capitals. Lines may carry a quoting
// prefix ("> "); after a blank line only a country or a postcode is taken.
func extendLocality(x *lexicon, text []byte, e, hi int, strong bool) int {
	best := e
	pos := e
	for part := 0; part < 5 && pos < hi; part++ {
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
				return best
			}
			blank = blank || lines == 2
			k++
			sep = true
			k = skipBlanks(text, k, hi)
			for k < hi && (text[k] == '>' || text[k] == '|') {
				k++ // quoted lines
			}
			k = skipBlanks(text, k, hi)
			if k < hi && text[k] == ',' { // "Artilleros\n, CO"
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
		// Words of this part, one space apart.
		end := -1
		nk := 0
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
			if nk == 0 && (!sep && !strong && kind == 'p' && !(we-w > 1 && allCaps(text[w:we])) || blank && kind != 'c' && kind != 'z') {
				break
			}
			nk++
			end = we
			if we+1 >= hi || text[we] != ' ' {
				break
			}
			w = we + 1
		}
		if end < 0 {
			break
		}
		best, pos = end, end
	}
	return best
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
	"ship to", "deliver to", "send to", "sent to", "mail to", "residence", "resides", "residing", "moved to",
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
