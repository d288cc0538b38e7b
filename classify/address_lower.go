package classify

// Addresses in text without capitals (lower-cased chat, normalised
// corpora): the shapes of address.go lean on capitals to tell a street's
// name from prose, so a window around the number is copied with the
// capitals put back where a writer would have put them (names, places,
// street types, units), and the same shapes run on the copy.

// lowerBefore and lowerAfter bound the copy: the bytes before the number
// that cues and leading units are looked for in, and the lines after it.
const (
	lowerBefore = 96
	lowerAfter  = 320
)

// noCapitals reports whether text[lo:hi] has no ASCII capital letter but
// the pronoun "I".
func noCapitals(text []byte, lo, hi int) bool {
	for i := lo; i < hi; i++ {
		if capitalCounts(text, lo, hi, i) {
			return false
		}
	}
	return true
}

// capitalCounts reports whether text[i] is an ASCII capital other than
// the pronoun "I".
func capitalCounts(text []byte, lo, hi, i int) bool {
	c := text[i]
	if c < 'A' || c > 'Z' {
		return false
	}
	return c != 'I' || i > lo && isLetter(text[i-1]) || i+1 < hi && isLetter(text[i+1])
}

// noCapitalsMarked is noCapitals over the capitals marked in caps: in
// prose the first is a few bytes in, where noCapitals read every byte
// before it.
func noCapitalsMarked(text []byte, lo, hi int, caps marked) bool {
	for i := caps.from(lo, hi); i < hi; i = caps.from(i+1, hi) {
		if capitalCounts(text, lo, hi, i) {
			return false
		}
	}
	return true
}

// lowerAddressAt is addressAt for the number text[i:j] of a text without
// capitals.
func lowerAddressAt(x *lexicon, text []byte, lo, hi, i, j int) (int, int, bool) {
	if j-i > 5 {
		return 0, 0, false
	}
	ws, we := max(lo, i-lowerBefore), min(hi, j+lowerAfter)
	var buf [lowerBefore + lowerAfter + 8]byte
	w := buf[:copy(buf[:], text[ws:we])]
	titleCase(x, w)
	s, e, ok := addressAt(x, w, 0, len(w), i-ws, j-ws)
	if !ok || !lowerEvidence(x, w, s, e) {
		return 0, 0, false
	}
	return ws + s, ws + e, true
}

// lowerEvidence reports whether an address read in a copy with capitals
// put back has more than the shape: a word of its name that is no common
// word ("hersnapvej", "tawastintie"), a unit, a locality after a comma or a
// line break, or a cue before it. Without capitals "1996 see road" has the
// shape of an address too.
func lowerEvidence(x *lexicon, w []byte, s, e int) bool {
	if cueAddress(w, 0, s) {
		return true
	}
	// A street type written first that is an everyday word too: "12 place
	// update", "route 9 something".
	k := s
	for k < e && (isDigit(w[k]) || w[k] == ' ') {
		k++
	}
	if we, h, n, _, _, _, _, _ := wordEnd(w, k, e); n > 0 {
		if info := x.get(h); info&lexStreetPre != 0 && info.common() > 0 && !strongStreet(w[k:we]) {
			return false
		}
	}
	for i := s; i < e; {
		c := w[i]
		if c == ',' || c == '\n' || c == '#' {
			return true
		}
		if !isLetter(c) && c < 0xC0 {
			i++
			continue
		}
		we, h, n, _, _, _, _, _ := wordEnd(w, i, e)
		if n == 0 {
			i++
			continue
		}
		info := x.get(h)
		if info&lexUnit != 0 || n >= 3 && info.common() == 0 && info&(lexStreet|lexStreetPre|lexDirection|lexParticle|lexStop) == 0 {
			return true
		}
		i = we
	}
	return false
}

// titleCase capitalises, in place, the first letter of each word of w that
// a writer would capitalise in an address: words that are no common English
// word (names, places), street types, units, countries and directions, and
// a common word just before a street type that is one only ("main street",
// "fourth avenue"). Particles stay in lower case ("rue de la paix").
func titleCase(x *lexicon, w []byte) {
	afterPre := false
	for i := 0; i < len(w); {
		c := w[i]
		if !isLetter(c) && c < 0xC0 {
			i++
			continue
		}
		if i > 0 && (isAlnum(w[i-1]) || w[i-1] >= 0x80) {
			i++
			continue
		}
		e, h, n, _, _, _, _, _ := wordEnd(w, i, len(w))
		if n == 0 {
			i++
			continue
		}
		info := x.get(h)
		up := false
		switch {
		case info&lexParticle != 0:
			i = e
			continue // "rue de la paix": the name is still to come
		case info.common() == 0, afterPre, info&(lexUnit|lexCountry|lexDirection|lexBox) != 0:
			up = true
		case info&(lexStreet|lexStreetPre) != 0:
			// A street type that is an everyday word too ("place", "run",
			// "way", "close") only where it is one for certain.
			up = strongStreet(w[i:e])
		default:
			up = strongStreetAfter(x, w, e)
		}
		if up {
			capitaliseAt(w, i)
		}
		// The word after a street type written first is a name: "rue du
		// centre", "via roma".
		afterPre = info&lexStreetPre != 0 && !afterPre
		i = e
	}
}

// strongStreetAfter reports whether a street type that is nothing else
// follows e after one space: "street", "road", "avenue", not "walk" or
// "drive" ("a 5 minute walk").
func strongStreetAfter(x *lexicon, w []byte, e int) bool {
	if e+1 >= len(w) || w[e] != ' ' {
		return false
	}
	we, h, n, _, _, _, _, _ := wordEnd(w, e+1, len(w))
	if n == 0 || we == e+1 {
		return false
	}
	return strongStreet(w[e+1:we]) && x.get(h)&lexStreet != 0
}

// strongStreet reports whether w is a street type and nothing else:
// "street", "road", "avenue", not "walk", "drive" or "place".
func strongStreet(w []byte) bool {
	var lb [16]byte
	switch string(lowerWord(&lb, w)) {
	case "street", "st", "road", "rd", "avenue", "ave", "boulevard", "blvd", "lane", "ln", "terrace", "crescent",
		"parkway", "pkwy", "highway", "hwy", "strasse", "straße", "rue", "via", "calle", "avenida", "rua":
		return true
	}
	return false
}

// capitaliseAt upper-cases the letter at i: ASCII, or a Latin-1 letter
// (the same number of bytes either way).
func capitaliseAt(w []byte, i int) {
	switch c := w[i]; {
	case 'a' <= c && c <= 'z':
		w[i] = c - 32
	case c == 0xC3 && i+1 < len(w) && w[i+1] >= 0xA0 && w[i+1] <= 0xBE && w[i+1] != 0xB7:
		w[i+1] -= 0x20
	}
}

// intersection widens an address at text[s:e] to the crossing it names:
// "the corner of 5th Avenue and 42nd Street", "corner of Main St & Elm St".
func intersection(x *lexicon, text []byte, lo, hi, s, e int) (int, int) {
	const corner = "corner of "
	if s-len(corner) < lo || !equalFoldASCII(text[s-len(corner):s], corner) {
		return s, e
	}
	s -= len(corner)
	if s-4 >= lo && equalFoldASCII(text[s-4:s], "the ") {
		s -= 4
	}
	k := e
	switch {
	case k+5 < hi && equalFoldASCII(text[k:k+5], " and "):
		k += 5
	case k+3 < hi && string(text[k:k+3]) == " & ":
		k += 3
	default:
		return s, e
	}
	// The other street: capitalised words, a number, a street type.
	end := -1
	for n := 0; n < 5 && k < hi; n++ {
		if isDigit(text[k]) {
			d := k
			for d < hi && isDigit(text[d]) {
				d++
			}
			if d-k > 5 {
				break
			}
			end = d
		} else {
			t, ok := readAddrTok(x, text, k, hi)
			if !ok || !t.upper && !(end > 0 && t.isStreetWord()) {
				break
			}
			end = t.e
		}
		if end+1 >= hi || text[end] != ' ' {
			break
		}
		k = end + 1
	}
	if end < 0 {
		return s, e
	}
	return s, end
}
