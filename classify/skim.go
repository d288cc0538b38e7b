package classify

import (
	"encoding/binary"
	"math/bits"
)

// Most marks the name finder visits in prose are the capitals that start
// its sentences ("The team …"), and lower-case letters of Latin-1 (é, ü),
// whose first byte the marks hold as they may start a capital. A visit
// costs more than the test that passes such a mark, so the finder first
// skims the marks (skimCapitals) and visits the rest.
//
// The skim passes only what the visit would pass: a sentence's first word
// where sentenceWord passes it, with its tests in the same order. A rule
// of sentenceWord changed must be changed in skimWord and in its vector
// version too; TestSkimSound fails on a skim that passes a word
// sentenceWord keeps, and TestSkimAgrees on versions that differ.

// skimCapitals lists in out, in order, the marks of caps from at to hi
// that the name finder must visit. It passes the commonest marks in prose
// without a visit: a lower-case letter of Latin-1 (é, ü), punctuation and
// currency signs past ASCII (“ ” — €), a capital inside a word or an
// identifier ("ORD-2023", "GitHub"), which tokenStart passes, and the
// first word of a sentence that sentenceWord would pass, in its commonest
// shapes (skimWord). It stops when out is full and returns where it
// stopped, and whether it passed a capital (the text then has one).
func skimCapitals(x *lexicon, text []byte, caps []uint64, at, lo, hi int, out []int) ([]int, int, bool) {
	if vecSkim {
		return skimVec(x, text, caps, at, lo, hi, out)
	}
	return skimGo(x, text, caps, at, lo, hi, out)
}

// skimGo is skimCapitals in Go; skimVec, where the processor has AVX2,
// gives the same list.
func skimGo(x *lexicon, text []byte, caps []uint64, at, lo, hi int, out []int) ([]int, int, bool) {
	upper := false
	w := at >> 6
	if w >= len(caps) {
		return out, hi, false
	}
	b := caps[w] &^ (1<<(at&63) - 1)
	for {
		for b != 0 {
			p := w<<6 + bits.TrailingZeros64(b)
			if p >= hi {
				return out, hi, upper
			}
			if len(out) == cap(out) {
				return out, p, upper
			}
			b &= b - 1
			if p-2 >= lo && p+32 <= hi {
				t := (*[34]byte)(text[p-2 : p+32])
				if c := t[2]; c == 0xC3 && (t[3] >= 0x9F || t[3] == 0x97) {
					continue // é, ü, ç … (U+00DF–U+00FF) and ×: not capitals
				} else if c == 0xE2 && t[3] < 0x84 {
					continue // “ ” ’ — … € (U+2000–U+20FF): no letter is a capital there
				} else if isUpperASCII(c) && (skimPrev[t[1]] == spNo || skimWord(x, t) || skimLabel(t)) {
					upper = true
					continue
				}
			}
			out = append(out, p)
		}
		w++
		if w >= len(caps) || w<<6 >= hi {
			return out, hi, upper
		}
		b = caps[w]
	}
}

// skimWord reports whether sentenceWord would pass the capitalised word
// at t[2] (t holds the two bytes before it and 32 from it). It says so
// only for the commonest shapes: a word of fifteen bytes at most after a
// sentence's end or a line's start, followed
//
//   - by a number or a lower-case word (of ASCII or Latin-1: "über"),
//   - or, after a sentence's end, by a comma, a mark, a price or a code
//     (markAt),
//
// where the word is of ASCII letters, or holds lower-case ones of
// Latin-1 and comes before a lower-case ASCII word or a number ("Déjà
// vu"). It reads them with a few loads and no call, where sentenceWord
// measures each word on its own; elsewhere it leaves the word to
// sentenceWord.
func skimWord(x *lexicon, t *[34]byte) bool {
	if s := sentenceTab[t[1]]; s != ssEnd && (s != ssSkip || sentenceTab[t[0]] != ssEnd) {
		return false
	}
	w := binary.LittleEndian.Uint64(t[2:10])
	var n int // the word's letters
	var qh uint64
	if nl := ^lowerMask(w) & (swarHigh &^ 0xFF); nl != 0 {
		n = bits.TrailingZeros64(nl) >> 3
		qh = ((w|0x2020202020202020)&(1<<(8*n)-1) ^ uint64(n)<<59) * 0x9E3779B97F4A7C15 // quickHashIn's
	} else if nl := ^lowerMask(binary.LittleEndian.Uint64(t[10:18])) & swarHigh; nl != 0 {
		n = 8 + bits.TrailingZeros64(nl)>>3
		qh = ((w | 0x2020202020202020) ^ uint64(n)<<59) * 0x9E3779B97F4A7C15 // quickHash's
	} else {
		return false
	}
	latin := false
	if t[2+n] == 0xC3 {
		// "Déjà vu", "Façade work": lower-case letters of Latin-1 in the
		// word, which the lists hold folded to ASCII (foldedQuickHash).
		// Only before a space and a lower-case ASCII letter or a digit.
		for n <= 15 && latinLowerAt(t[2+n:]) {
			n += 2
			for n <= 15 && 'a' <= t[2+n] && t[2+n] <= 'z' {
				n++
			}
		}
		if n > 15 || t[2+n] != ' ' || !('a' <= t[3+n] && t[3+n] <= 'z' || isDigit(t[3+n])) {
			return false
		}
		var ok bool
		if qh, ok = foldedQuickHash(t[2 : 2+n]); !ok {
			return false
		}
		latin = true
	}
	if t[2+n] != ' ' {
		// "However, the …", as sentenceWord passes it.
		return t[2+n] == ',' && t[3+n] == ' ' && 'a' <= t[4+n] && t[4+n] <= 'z' && t[1] == ' ' && sentenceEnd(t[0]) && !x.maybeName(qh)
	}
	if isDigit(t[3+n]) {
		return true // labelAfter
	}
	if !('a' <= t[3+n] && t[3+n] <= 'z') && !latinLowerAt(t[3+n:]) {
		// "Later \"they\" …", "Ship ORD-2023", as sentenceWord passes
		// them.
		return markAt(t[3+n:]) && t[1] == ' ' && sentenceEnd(t[0]) && !x.maybeName(qh)
	}
	// Most words are on no list, and only a word of the lists may be a
	// frequent name: the bitmap of names is asked first.
	listed := x.maybeName(qh)
	if listed && x.maybeFrequent(qh) {
		return false
	}
	// The next word, from t[3+n]: m letters.
	var m int
	if nl := ^lowerMask(binary.LittleEndian.Uint64(t[3+n:])) & swarHigh; nl != 0 {
		m = bits.TrailingZeros64(nl) >> 3
	} else if nl := ^lowerMask(binary.LittleEndian.Uint64(t[11+n:])) & swarHigh; nl != 0 {
		m = 8 + bits.TrailingZeros64(nl)>>3
	} else {
		return true // a long word: no verb, no particle
	}
	if m > 10 {
		return true
	}
	after := t[3+n+m]
	if isLetter(after) {
		return true // a capital inside the next word
	}
	v := uint8(verbNone)
	if m >= 2 {
		v = verbKeys[wordKey(t[3+n:3+n+m])]
	}
	if v == verbSpeech && !maybeVerb(quickHash(t[3+n:3+n+m])) {
		v = verbNone // "Help write …": a speech verb's key, and no verb
	}
	switch {
	case v == verbSpeech:
		return false
	case m == 3 && string(t[3+n:6+n]) == "and" && after == ' ' && (isUpperASCII(t[7+n]) || t[7+n] >= 0xC0):
		return false // "Usamov and Bowers": a list of names, a word of the lists or not
	case v == verbWeak || m <= 5 && after == ' ':
		// A weak verb, or a short word before what may be a capital or a
		// particle: only a possible name needs sentenceWord, and a word
		// with diacritics may be one whatever the lists say (multiName).
		if c := t[4+n+m]; (v == verbWeak || isUpperASCII(c) || c >= 0xC0 || 'a' <= c && c <= 'z' && m <= 3) && (listed || latin) {
			return false
		}
	}
	return true
}

// skimLabel reports whether quickReject would pass the capitalised word
// at t[2] (t as for skimWord) as a label before a number ("ORD-2023",
// "Build 2.1"): a word of two ASCII letters or more, all capitals or all
// lower-case after the first, with labelAfter's number after it, and a
// digit among the eight bytes from its capital. The benchmark's prose
// holds 3,400 per 4 MiB, each a visit. It says so only inside a sentence:
// at a sentence's start, skimWord decides.
func skimLabel(t *[34]byte) bool {
	if s := sentenceTab[t[1]]; s == ssEnd || s == ssSkip && sentenceTab[t[0]] == ssEnd {
		return false
	}
	if digitMask(binary.LittleEndian.Uint64(t[2:10])) == 0 {
		return false // most capitals inside a sentence: one test, guessed right
	}
	n := 1
	lower, upper := false, false
	for n < 31 && isLetter(t[2+n]) {
		lower = lower || t[2+n]&0x20 != 0
		upper = upper || t[2+n]&0x20 == 0
		n++
	}
	if n < 2 || n > 30 || lower && upper {
		return false
	}
	c := t[2+n]
	return isDigit(c) || c == '(' || (c == ' ' || c == '-') && isDigit(t[3+n])
}

// skimPrev sorts the byte before a capital for the vector skim in one
// load, as tokenStartTab and sentenceTab do in turn: a byte inside a word
// (spNo: the capital starts no token), one that ends a sentence (spEnd),
// one that may sit between a sentence's end and its first word (spSkip),
// or another (spOther).
var skimPrev = func() (t [256]uint8) {
	for c := range 256 {
		switch {
		case tokenStartTab[c] == tsNo:
			t[c] = spNo
		case sentenceTab[c] == ssEnd:
			t[c] = spEnd
		case sentenceTab[c] == ssSkip:
			t[c] = spSkip
		}
	}
	return t
}()

const (
	spOther = iota
	spNo
	spEnd
	spSkip
)
