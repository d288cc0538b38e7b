package classify

import (
	"encoding/binary"
	"math/bits"
	"unicode"
	"unicode/utf8"
)

// Person names without a model: a run of capitalised words is a name when
// the name lists, the shape of the run and its context agree.
//
// The scan skips eight bytes at a time to the next capital letter, so prose
// costs little more than one load per word; only there does it read words,
// fold them and look them up. A run of capitalised words (with initials,
// particles such as "van" or "de", and a suffix such as "Jr.") is split at
// words that cannot be part of a name ("The", "When") and judged:
//
//   - a title before it (Mr, Dr, Frau, Mme) makes any run a name;
//   - two or more words score by the lists: a given name first, a surname
//     last, a middle initial, words that look like names from elsewhere
//     (Latin diacritics, surname endings such as -ov, -ska, -sson, -ić);
//   - one word is a name if it is a known given name or a frequent surname
//     and not a common English word, or if context says so ("Dear …",
//     "my name is …", "Patient: …", a list of other names);
//   - a run followed by a word that names an organisation or a place
//     ("… Inc", "… University", "… Street") is not a person.
//
// A text without any capital letter (lower-cased chat, normalised corpora)
// gets a second, word-by-word pass that accepts a known given name followed
// by a known surname, or a name after a cue such as "my name is".

const (
	swarOnes = 0x0101010101010101
	swarHigh = 0x8080808080808080
)

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
	x := theLexicon()
	anyUpper := false
	i := lo
	for i < hi {
		if i+16 <= hi {
			m := upperOrLead(binary.LittleEndian.Uint64(text[i:]))
			if m == 0 {
				if m = upperOrLead(binary.LittleEndian.Uint64(text[i+8:])); m == 0 {
					i += 16
					continue
				}
				i += 8
			}
			i += bits.TrailingZeros64(m) >> 3
		} else if i+8 <= hi {
			m := upperOrLead(binary.LittleEndian.Uint64(text[i:]))
			if m == 0 {
				i += 8
				continue
			}
			i += bits.TrailingZeros64(m) >> 3
		}
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
		if e, ok := quickReject(x, text, lo, hi, i); ok {
			i = e
			continue
		}
		i = max(i+1, nameRun(x, text, lo, hi, i, emit))
	}
	if !anyUpper {
		findLowerNames(x, text, lo, hi, emit)
	}
}

// sentenceWord passes, without a lookup, the first word of a sentence
// followed by a lower-case word when it is no frequent name and no speech
// verb follows ("The team …"): alone there, nothing else makes a name (a
// name with a particle, "Vincent van Gogh", is found there only when its
// given name is a frequent one).
func sentenceWord(x *lexicon, text []byte, lo, hi, i int) (int, bool) {
	e := i + 1
	for e < hi && 'a' <= text[e] && text[e] <= 'z' {
		e++
	}
	if e+2 >= hi || text[e] != ' ' || !('a' <= text[e+1] && text[e+1] <= 'z') || !sentenceStart(text, lo, i) {
		return 0, false
	}
	if x.maybeFrequent(text[i:e]) || speechVerb(text, e+1, hi) {
		return 0, false
	}
	return e, true
}

// speechVerb reports whether one of saidAfter's verbs ("said", "lives",
// "began" …) starts at k, looking at four bytes before the whole word.
func speechVerb(text []byte, k, hi int) bool {
	if k+4 > hi {
		return false
	}
	switch string(text[k : k+4]) {
	case "said", "says", "told", "wrot", "aske", "repl", "writ", "expl", "adde", "shou", "live", "work", "died",
		"marr", "smil", "laug", "flew", "grew", "bega", "spen", "thin", "want":
		return saidAfter(nil, text, k-1, hi)
	}
	return false
}

// quickReject handles the commonest capitalised word, a plain ASCII word
// followed by a lower-case one ("The team …", "Latency was …"), without
// building a run: it reports true, with the word's end, when the word is no
// name on its own.
func quickReject(x *lexicon, text []byte, lo, hi, i int) (int, bool) {
	h := uint64(fnvOffset)
	e := i
	for e < hi && isLetter(text[e]) {
		c := text[e]
		if e > i && c <= 'Z' {
			return 0, false // "McDonald", "IBM"
		}
		h = (h ^ uint64(c|0x20)) * fnvPrime
		e++
	}
	if e+2 >= hi || text[e] != ' ' || !('a' <= text[e+1] && text[e+1] <= 'z') || e-i < 2 {
		return 0, false
	}
	t := nameTok{kind: tokWord, info: x.get(h)}
	if t.breaks() {
		return e, true
	}
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
	return e, true
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
	p := text[i-1]
	switch {
	case isAlnum(p), p >= 0x80:
		return false
	}
	switch p {
	case '_', '@', '/', '\\', '=', '&', '?', '#', '$', '%', '+', '~', '`', '|', '^', '<', '{', '[':
		return false
	case '.', '-':
		// "x.Name", "a-Name" are identifiers; ". Name" was handled above
		// as a space.
		return i-2 < lo || !isAlnum(text[i-2]) && text[i-2] < 0x80
	}
	return true
}

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
var surnameEndings = []string{
	"ov", "ova", "ev", "eva", "ovich", "evich", "ovna", "evna", "ski", "ska", "sky", "cki", "cka", "wicz",
	"czyk", "ová", "ská", "ský", "ić", "vić", "enko", "chuk", "escu", "eanu", "sson", "dottir", "dóttir",
	"poulos", "akis", "idis", "oglu", "oğlu", "yan", "ian", "shvili", "dze", "moto", "mura", "yama", "kawa",
	"guchi", "ucci", "acci", "icci", "elli", "etti",
}

// surnameMorph reports whether a capitalised word has a surname ending
// after a stem of three letters or more.
func surnameMorph(w []byte) bool {
	for _, e := range surnameEndings {
		if len(w) >= len(e)+3 && string(lowerTail(w, len(e))) == e {
			return true
		}
	}
	return false
}

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
// and returns where the scan continues.
func nameRun(x *lexicon, text []byte, lo, hi, i int, emit func(start, end int)) int {
	var run [maxRun]nameTok
	n := 0
	j := i
	for {
		t, ok := readNameTok(x, text, j, hi)
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
	judgeRun(x, text, lo, hi, run[:n], emit)
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
	if t.kind != tokWord || t.info.common() == 0 {
		return false
	}
	if t.info&lexCue != 0 {
		return true // "Dear", "Thanks", "Patient": context, not name
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
func judgeRun(x *lexicon, text []byte, lo, hi int, run []nameTok, emit func(start, end int)) {
	start := 0
	for k := len(run) - 1; k > 0; k-- {
		if t := &run[k]; t.kind == tokWord && (t.info&lexNotPerson != 0 || t.info&lexStreet != 0 && t.info&lexStreetSurname == 0) {
			start = k + 1
			break
		}
	}
	for k := start; k <= len(run); k++ {
		if k < len(run) && !run[k].breaks() {
			continue
		}
		if k > start {
			// The part is followed by run[k] (a breaking word) or by
			// whatever ends the run.
			part := run[start:k]
			if k < len(run) {
				judgePart(x, text, lo, hi, part, run[k].info, false, emit)
			} else {
				judgePart(x, text, lo, hi, part, 0, true, emit)
			}
		}
		start = k + 1
	}
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
func judgePart(x *lexicon, text []byte, lo, hi int, part []nameTok, after lexInfo, lookAfter bool, emit func(start, end int)) {
	title := false
	for len(part) > 0 && part[0].info&lexTitle != 0 && (part[0].kind == tokWord || part[0].kind == tokInitial && part[0].e > part[0].s+1) {
		if len(part) == 1 {
			return // a title alone
		}
		title = true
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
	if !title && single && !singleName(x, text, lo, hi, part[first]) {
		return
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
	if title || single || multiName(x, text, lo, hi, part[first:last]) {
		emit(s, e)
	}
}

// sentenceStart reports whether a word at i starts a sentence or a line.
func sentenceStart(text []byte, lo, i int) bool {
	for i > lo {
		switch text[i-1] {
		case ' ', '\t', '"', '\'', '(', '*', '[':
			i--
			continue
		case '.', '!', '?', '\n', '\r':
			return true
		}
		return false
	}
	return true
}

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

// singleName decides a capitalised word standing alone.
func singleName(x *lexicon, text []byte, lo, hi int, t nameTok) bool {
	if t.caps || t.letters < 2 {
		return false
	}
	if t.e < hi && (isDigit(text[t.e]) || text[t.e] == '(') {
		return false // "Python3", "Anthropic(…"
	}
	if t.e+1 < hi && text[t.e] == ' ' && isDigit(text[t.e+1]) {
		return false // "Windows 11", "Jordan 23"
	}
	g, su, common := t.info.given(), t.info.surname(), t.info.common()
	named := g > 0 || su > 0
	stop := t.info&lexStop != 0
	if common > 0 || stop {
		// "Will", "May", "Grace", "Paris": only with context.
		return named && (cueBefore(x, text, lo, t.s) || saidAfter(x, text, t.e, hi) || vocative(text, lo, hi, t))
	}
	if sentenceStart(text, lo, t.s) {
		// Capitals there say nothing: only a frequent name will do.
		if g == 1 || su == 1 {
			return true
		}
	} else if g > 0 && g <= 3 || su > 0 && su <= 2 {
		return true
	}
	if !named && sentenceStart(text, lo, t.s) {
		return saidAfter(x, text, t.e, hi) // "Rubija said"
	}
	if cueBefore(x, text, lo, t.s) || saidAfter(x, text, t.e, hi) {
		return named || t.letters >= 3
	}
	return named && inNameList(x, text, lo, hi, t)
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
	case weakCueBefore(text, lo, ws[0].s):
		score += 2
	case firstW.info.given() == 0 && placeBefore(text, lo, ws[0].s):
		score -= 4 // "in Porto Alegre", "from Villafranca del Cid"
	}
	return score >= 4
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
	if e <= s {
		return false
	}
	if punct == '?' {
		return string(lowerWord(&lb, text[s:e])) == "name" // "What's your last name? Arcuri"
	}
	w := x.get(foldHash(text[s:e]))
	if w&lexCue != 0 {
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
// Ravi"): a neighbour across ", " or " and " is a known given name.
func inNameList(x *lexicon, text []byte, lo, hi int, t nameTok) bool {
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
		if n, ok := readNameTok(x, text, j, hi); ok && n.kind == tokWord && n.info.given() > 0 && n.info.given() <= 3 && n.info.common() == 0 {
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
	if p, ok := readNameTok(x, text, s, hi); ok && p.kind == tokWord && p.e == e && p.info.given() > 0 && p.info.given() <= 3 && p.info.common() == 0 {
		return isUpperLetterAt(text, s, hi)
	}
	return false
}

// findLowerNames is the pass for texts without capitals: a known given name
// followed by a known surname, neither a common word; or a known name after
// a cue ("my name is …", "dear …").
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
		info := x.get(h)
		if info.common() > 0 || info&lexStop != 0 || info.given() == 0 && info.surname() == 0 {
			i = e
			continue
		}
		if g := info.given(); g > 0 && g <= 3 && e+1 < hi && text[e] == ' ' {
			e2, h2, n2, _, _, _, _, _ := wordEnd(text, e+1, hi)
			if n2 > 1 {
				next := x.get(h2)
				if next.surname() > 0 && next.common() == 0 && next&lexStop == 0 && (e2 == hi || !isLetter(text[e2]) && text[e2] < 0x80) {
					emit(i, e2)
					i = e2
					continue
				}
			}
		}
		if n >= 3 && (info.given() > 0 && info.given() <= 3 || info.surname() > 0 && info.surname() <= 2) &&
			(e == hi || !isLetter(text[e]) && text[e] < 0x80) && cueBefore(x, text, lo, i) {
			emit(i, e)
		}
		i = e
	}
}
