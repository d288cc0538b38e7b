package classify

import (
	"encoding/binary"
	"math/bits"
	"slices"
)

// Byte shapes that anchor detectors without keywords.
const (
	aDigit = 1 + iota
	aAt
	aColon
	aDash
	aDot
	aEscape // '%' and '\\', anchors of the vector pass only (escapes)
)

var anchorTab = func() (t [256]uint8) {
	for c := '0'; c <= '9'; c++ {
		t[c] = aDigit
	}
	t['@'] = aAt
	t[':'] = aColon
	t['-'] = aDash
	t['.'] = aDot
	t['%'] = aEscape
	t['\\'] = aEscape
	return t
}()

// spanLeadTab sorts the bytes before a run of digits for shortRun and
// numericSpan: leadAlone for those that keep a run from standing alone
// (letters, '+', '('), leadSign for '+' and '(', which a span takes in,
// leadSpace for the space between them and a span.
var spanLeadTab = func() (t [256]uint8) {
	for c := range 256 {
		if isLetter(byte(c)) {
			t[c] = leadAlone
		}
	}
	t['+'], t['('], t[' '] = leadAlone|leadSign, leadAlone|leadSign, leadSpace
	return t
}()

const (
	leadAlone = 1 << iota
	leadSign
	leadSpace
)

// leadsSpan reports (as 0 or not) whether the byte before i is of the
// kind lead (leadAlone or leadSign), or is a space after a '+' or '('.
func leadsSpan(text []byte, i int, lead uint8) uint8 {
	t := spanLeadTab[text[i-1]]
	r := t & lead
	if i > 1 {
		r |= (t & leadSpace) & (spanLeadTab[text[i-2]] & leadSign << 1)
	}
	return r
}

// numSpan is a run of digits joined by the separators people write numbers
// with: "+1 (415) 555-2671", "4111 1111 1111 1111", "192.168.0.1".
type numSpan struct {
	start, end int
	digits     int
	dots       int
	plus       bool
	hexSeps    bool // a '-' or '.' joins digits: a MAC of digits only may hide here
	// seps holds where those '-' and '.' are, for hexAnchorsIn; nseps may
	// exceed len(seps), and then it reads the span again.
	seps  [4]int
	nseps int
	// inner holds where the groups after the first that follow a space or
	// a '(' start: a house number may start there (marks.addInner). Its
	// last slot takes the writes that count for nothing; past four, the
	// span is read again.
	inner  [5]int
	ninner int
	// groups holds the lengths of the span's digit groups; ngroups may
	// exceed len(groups), and then shape gates let the span through.
	groups  [maxGroups]uint8
	ngroups int
}

const maxGroups = 48

func isNumSep(b byte) bool { return numSepTab[b] }

// numSepTab holds the bytes that may join groups of digits: numbers in
// prose reach it at every group's end.
var numSepTab = byteSet(" -.()/+")

// byteSet is a table of the bytes in chars, for tests on a hot path that
// a switch would answer with several comparisons.
func byteSet(chars string) (t [256]bool) {
	for i := range len(chars) {
		t[chars[i]] = true
	}
	return t
}

// marks are what the prepass notes for the finders that would otherwise
// pass over the whole text again. The capitals are a bit set, bit k%64 of
// word k/64 for the byte at k: the vector pass computes its words whole,
// without a branch for each place. The runs of digits are a list: the
// anchor pass visits each run already.
type marks struct {
	caps  []uint64 // ASCII capitals and bytes that may start a multi-byte character
	names nameSink // the name finder's scratch space
	// houses lists, in order, the runs of digits where a house number may
	// start (houseStarts), in an engine with the address finder. A text of
	// runs of one digit and a space lists as many places as half its bytes,
	// four bytes each; a text past 2 GiB lists them wrapped, and the
	// address finder looks for them itself.
	houses []int32
	// noted is the room the pass notes houses in, nh places of it in use.
	// noted[0] holds -1, so that the place before a new one is there to
	// compare with, without a test; houses is noted[1:nh] once the pass
	// is done (notedHouses).
	noted []int32
	nh    int
}

// maxKeptHouses is the most places of houses a scanner keeps room for
// once the text that needed them is done.
const maxKeptHouses = 1 << 20

// resetHouses empties houses, and lets go of the room a text full of
// numbers took.
func (m *marks) resetHouses() {
	if len(m.noted) > maxKeptHouses+1 {
		m.noted = nil
	}
	m.nh = 1
	m.houses = nil
}

// notedHouses sets houses to the places the pass noted.
func (m *marks) notedHouses() {
	if m.nh > 1 {
		m.houses = m.noted[1:m.nh]
	}
}

// clear sizes m for a text of n bytes, every bit clear.
func (m *marks) clear(n int) {
	m.caps = grow(m.caps, (n+63)/64+1) // and a spare word, as size keeps
	clear(m.caps)
	m.resetHouses()
}

// size sizes m for a text of n bytes whose every 32-bit word (a block's)
// the vector pass will write: only the high half of the last word, past
// the text's last block, is cleared.
func (m *marks) size(n int) {
	w := (n + 63) / 64
	m.caps = grow(m.caps, w+1)
	if w > 0 {
		m.caps[w-1] = 0
	}
	m.caps[w] = 0 // spare: the sieve reads the word after a place's
	m.resetHouses()
}

// addHouse notes the digit at i, which the anchor pass visits, if keep
// (houseStart's answer) is 1: a run where a house number may start begins
// there. Half the runs of digits in prose follow a byte that rules one
// out, so keep moves the count on rather than deciding a branch. The
// anchor pass calls it at every run of digits, and the compiler inlines
// it: its caller makes the room (roomForHouse), as a call inside would
// cost more than the rest.
func (m *marks) addHouse(i, keep int) {
	n, h := m.nh, m.noted
	if int(h[n-1]) >= i {
		keep = 0 // a run noted already, which the pass came back to
	}
	h[n] = int32(i)
	m.nh = n + keep
}

// houseStart is 1 where a house number may start at the digit i, by
// the bytes before it, and 0 elsewhere: after a byte numberStartTab
// allows, but for a ':' right after a digit, which joins the groups of a
// time ("08:05:11"). A quarter of the runs of digits that prose noted
// were those, and two in three of them passed the sieve's first test.
func houseStart(text []byte, i int) int {
	if i == 0 {
		return 1
	}
	k := numberStartTab[text[i-1]]
	if i >= 2 {
		k &^= b2u(text[i-1] == ':') & b2u(text[i-2]-'0' < 10)
	}
	return int(k)
}

// roomForHouse makes room for one more place in houses.
func (m *marks) roomForHouse() {
	if m.nh >= len(m.noted) {
		m.growHouses()
	}
}

// growHouses is kept out of line: roomForHouse, inlined at every run of
// digits, rarely needs it.
//
//go:noinline
func (m *marks) growHouses() {
	if len(m.noted) == 0 {
		m.noted = append(m.noted, -1)
	}
	m.noted = slices.Grow(m.noted, 64)
	m.noted = m.noted[:cap(m.noted)]
}

// addInner notes the runs inside the numeric span sp, after its first at
// i, where a house number may start: the anchor pass skips the rest of a
// span.
func (m *marks) addInner(text []byte, i int, sp *numSpan) {
	if sp.ninner <= len(sp.inner)-1 {
		for _, k := range sp.inner[:sp.ninner] {
			m.roomForHouse()
			m.addHouse(k, houseStart(text, k))
		}
		return
	}
	for k := i + 1; k < sp.end; k++ {
		if isDigit(text[k]) && houseStart(text, k) != 0 {
			m.roomForHouse()
			m.addHouse(k, 1)
		}
	}
}

func grow(set []uint64, n int) []uint64 {
	if cap(set) < n {
		return make([]uint64, n, n+n/4)
	}
	return set[:n]
}

// gatherTops packs the top bits of the eight bytes of x into a byte, the
// first byte's in bit 0: each byte's bit lands in the top byte of the
// product once, and no two land on the same bit.
func gatherTops(x uint64) uint64 {
	return (x >> 7 & 0x0101010101010101) * 0x0102040810204080 >> 56
}

// addEight marks the capitals among the eight bytes at i (a multiple of
// 8), given as cm (upperOrLead).
func (m *marks) addEight(cm uint64, i int) {
	m.caps[i>>6] |= gatherTops(cm) << (i & 63)
}

// addByte marks text[i] alone, where fewer than eight bytes are left.
func (m *marks) addByte(text []byte, i int) {
	if c := text[i]; 'A' <= c && c <= 'Z' || c >= 0xC0 {
		m.caps[i>>6] |= 1 << (i & 63)
	}
}

// markRange marks text[lo:hi] as the prepass marks a whole text, for a
// finder called on its own.
func markRange(text []byte, lo, hi int) *marks {
	m := &marks{}
	m.clear(len(text))
	i := lo
	for ; i < hi && i&7 != 0; i++ {
		m.addByte(text, i)
	}
	for ; i+8 <= hi; i += 8 {
		m.addEight(upperOrLead(binary.LittleEndian.Uint64(text[i:])), i)
	}
	for ; i < hi; i++ {
		m.addByte(text, i)
	}
	return m
}

// marked yields, in order, the places a finder looks at.
type marked struct {
	set []uint64
}

// from returns the first marked place from i, or hi if there is none
// before it.
func (m marked) from(i, hi int) int {
	w := i >> 6
	if w >= len(m.set) {
		return hi
	}
	b := m.set[w] &^ (1<<(i&63) - 1)
	for b == 0 {
		w++
		if w >= len(m.set) || w<<6 >= hi {
			return hi
		}
		b = m.set[w]
	}
	return min(w<<6+bits.TrailingZeros64(b), hi)
}

// any reports whether a place in [a, b), which spans 64 at most, is
// marked.
func (m marked) any(a, b int) bool {
	w := a >> 6
	x := m.set[w] >> (a & 63)
	if w+1 < len(m.set) {
		x |= m.set[w+1] << (64 - a&63) // a shift of 64 leaves nothing
	}
	return x&(1<<(b-a)-1) != 0 // b-a of 64 keeps every bit
}

// anchorState carries what one pass over a text has learnt about runs it
// already handled.
type anchorState struct {
	spanEnd, hexEnd, b64End int
}

// prepass runs the keyword filter and the anchor finder in one loop over
// text, and marks the capitals for the name finder (the anchor finder
// notes the runs of digits for the address finder): the keyword heads must be tested at every
// position, the anchors only at the few bytes that can start a shape, and
// one loop costs less than several. Eight positions are tested together;
// where none of them can start a keyword or an anchor, as in most of any
// prose, the loop moves on.
//
// Where the processor has AVX2, vector code first computes, for each 32
// bytes, the keyword-head test at every position (eight table lookups in
// one gather) and the anchor and capital bytes as bit masks, and
// the loop works from the masks (prepassBlocks): the test is the same
// hash of the same table, so the hits are too. In Go the pass costs about
// 22 instructions a byte of prose; with the masks, about 4.
func (s *Scanner) prepass(text []byte) {
	var st anchorState
	s.escapesNoted = false
	if s.vec && len(text) >= vecMinLen {
		s.marks.size(len(text))
		s.prepassBlocks(text, &st)
	} else {
		s.marks.clear(len(text))
		s.prepassGo(text, &st)
	}
	s.marks.notedHouses()
}

// prepassGo is prepass in Go, eight positions at a time.
func (s *Scanner) prepassGo(text []byte, st *anchorState) {
	p := s.e.ac
	next := 0 // anchors before next were handled as part of a span
	n := len(text)
	i := 0
	for ; i+11 <= n; i += 8 {
		// Bytes i..i+7 and i+3..i+10: the three bytes at each of the
		// eight positions are a shift of one of the two words.
		x := binary.LittleEndian.Uint64(text[i:])
		y := binary.LittleEndian.Uint64(text[i+3:])
		km := p.test(uint32(x)) |
			p.test(uint32(x>>8))<<1 |
			p.test(uint32(x>>16))<<2 |
			p.test(uint32(x>>24))<<3 |
			p.test(uint32(x>>32))<<4 |
			p.test(uint32(x>>40))<<5 |
			p.test(uint32(y>>24))<<6 |
			p.test(uint32(y>>32))<<7
		am := anchorBytes(x)
		s.marks.addEight(upperOrLead(x), i)
		if am|km == 0 {
			continue
		}
		for ; am != 0; am &= am - 1 {
			if k := i + bits.TrailingZeros64(am)>>3; k >= next {
				next = s.anchor(text, k, st)
			}
		}
		for ; km != 0; km &= km - 1 {
			s.hits = p.verify(text, i+bits.TrailingZeros64(km), s.hits)
		}
	}
	for ; i < n; i++ {
		s.marks.addByte(text, i)
		if a := anchorTab[text[i]]; a != 0 && a != aEscape && i >= next {
			next = s.anchor(text, i, st)
		}
		if i+minKeyword <= n && p.test(load3(text, i)) != 0 {
			s.hits = p.verify(text, i, s.hits)
		}
	}
}

// vecMinLen is the shortest text the vector pass is worth its setup for
// (the constants it loads, the padded copy of a text's last bytes): the
// roles and short answers of chat records take the Go pass, which gives
// the same results. Paired runs of whole scans, Go pass against vector
// pass: 0.72 of the time at 4 bytes, 0.91 at 16, 1.02 at 24, 1.12 at 31.
const vecMinLen = 20

// blockWork is a block of 32 bytes in which the vector pass found an
// anchor or a keyword head: bit k of each mask stands for byte k.
type blockWork struct {
	block uint32 // the block's number: it starts at byte 32*block
	kw    uint32 // the keyword-head table holds the three bytes from k
	am    uint32 // a digit, '@', '%', '\\', or '-', '.', ':' between hex digits
}

// prepassBlocks is prepass over what the vector code finds, a chunk of
// blocks at a time. Blocks whose keyword heads lie inside text are read
// in place; the last bytes (fewer than 35) are copied, zero-padded, to a
// scratch buffer. Zero is in no class, and keyword heads that run past the
// text's end are cut off here.
func (s *Scanner) prepassBlocks(text []byte, st *anchorState) {
	p := s.e.ac
	n := len(text)
	full := max(n-3, 0) / 32
	nb := (n + 31) / 32
	if s.blocks == nil {
		s.blocks = make([]blockWork, maskChunk)
	}
	var pad [2*32 + 3]byte
	copy(pad[:], text[full*32:])
	var carry uint32 // whether the byte before a chunk is a hex digit
	s.escapes, s.escapesNoted = s.escapes[:0], true
	next := 0 // anchors before next were handled as part of a span
	for c := 0; c < nb; c += maskChunk {
		nc := min(maskChunk, nb-c)
		inPlace := max(0, min(full-c, nc))
		padAt := max(0, c+inPlace-full) * 32 // the chunk's first padded block
		ws := prepassWork(text[c*32:], inPlace, pad[padAt:], &p.heads, &s.marks, c, &carry, s.blocks[:nc])
		if c+nc == nb {
			for j := len(ws) - 1; j >= 0 && int(ws[j].block)*32+32 > n-2; j-- {
				ws[j].kw &= lowBits(n - int(ws[j].block)*32 - 2) // a head needs three bytes
			}
		}
		for _, w := range ws {
			i := int(w.block) * 32
			// Shifts of 32 and more clear every bit: those before next
			// were part of a span already handled.
			am := w.am & (^uint32(0) << uint(max(next-i, 0)))
			for am != 0 {
				next = s.anchor(text, i+bits.TrailingZeros32(am), st)
				am &= ^uint32(0) << uint(next-i)
			}
			for km := w.kw; km != 0; km &= km - 1 {
				s.hits = p.verify(text, i+bits.TrailingZeros32(km), s.hits)
			}
		}
	}
}

// maskChunk is how many blocks' masks the vector pass holds at once.
const maskChunk = 1024

// lowBits returns a mask of the k low bits of 32, all of them from 32 on.
func lowBits(k int) uint32 {
	if k >= 32 {
		return ^uint32(0)
	}
	return uint32(1)<<max(k, 0) - 1
}

// anchorBytes returns x (eight bytes of text, little-endian) with the top
// bit set in each byte that is an anchor ('-', '.', a digit, ':', '@') and
// every other bit clear. A byte's low seven bits plus 0x80-c carry into its
// top bit exactly when the byte is at least c, and never into the next
// byte; bytes with the top bit set are not ASCII and anchor nothing.
func anchorBytes(x uint64) uint64 {
	const ones, high = 0x0101010101010101, 0x8080808080808080
	l := x &^ high
	m := (l+(0x80-'-')*ones)&^(l+(0x80-'.'-1)*ones) |
		(l+(0x80-'0')*ones)&^(l+(0x80-':'-1)*ones) |
		(l+(0x80-'@')*ones)&^(l+(0x80-'@'-1)*ones)
	return m & high &^ x
}

// anchor handles the anchor byte at i and returns where anchors are next
// worth looking at.
func (s *Scanner) anchor(text []byte, i int, st *anchorState) int {
	e := s.e
	n := len(text)
	switch anchorTab[text[i]] {
	case aDigit:
		if e.houses {
			// A digit before is no house's start (houseStart), and adds
			// nothing: asking first would cost as much as noting it.
			s.marks.roomForHouse()
			s.marks.addHouse(i, houseStart(text, i))
		}
		// Base64 runs hold digits among letters: a number standing alone
		// in prose is not one.
		if i >= st.b64End && (i > 0 && isLetter(text[i-1]) || i+1 < len(text) && isLetter(text[i+1])) {
			st.b64End = s.noteBase64(text, i)
		}
		// No detector measures this run: none measures numbers at all (the
		// address finder alone, say), or only those that need letters
		// right before a number's span do (IBAN, bitcoin: lettersBefore;
		// NINO, NRIC: capitalBefore), and the run has none (a '+' or '('
		// that the span would take in leaves none either), or a capital
		// right after it (a DNI: capitalAfter) where the run ends its span
		// and has none. The run's other digits start no house and no
		// base64, but for its last one before a letter, so they are passed
		// over here rather than visited one by one or measured.
		if !s.everyDigit && (len(e.numeric)+len(e.numLetters) == 0 ||
			len(e.hex) == 0 && e.allCapital && !e.lettersMayPass(text, i)) {
			j := i + 1
			for j < n && isDigit(text[j]) {
				j++
			}
			if last := j - 1; last > i && last >= st.b64End && j < n && isLetter(text[j]) {
				st.b64End = s.noteBase64(text, last)
			}
			return j
		}
		if len(e.numeric)+len(e.numLetters) == 0 {
			return i + 1 // everyDigit, for tests: the pass before the skip
		}
		if i < st.spanEnd {
			// Inside a span already measured, where separators kept the
			// span's bytes open to the hex anchors: the rest of this run of
			// digits would come back here for nothing.
			j := i + 1
			for j < st.spanEnd && isDigit(text[j]) {
				j++
			}
			return resumeAt(text, i, j)
		}
		if end, ok := shortRun(text, i, e.minDigits); ok {
			st.spanEnd = end
			return resumeAt(text, i, end)
		}
		sp := &s.span
		numericSpan(text, i, sp)
		st.spanEnd = sp.end
		if sp.ninner > 0 && e.houses {
			s.marks.addInner(text, i, sp)
		}
		// The rest of the span is passed over, its separators that may
		// join hex groups (a MAC of digits only) taken here.
		next := resumeAt(text, i, sp.end)
		if sp.hexSeps && s.revisitSpans {
			next = i + 1
		} else if sp.hexSeps && len(e.hex) > 0 {
			s.hexAnchorsIn(text, i, sp, st)
		}
		pass := s.gatesPassed(text, sp)
		if pass&e.notCode != 0 && codeTail(text, sp) {
			pass &^= e.notCode
		}
		if pass&e.capital != 0 && !capitalBefore(text, i) {
			pass &^= e.capital
		}
		if pass&e.capAfter != 0 && !capitalAfter(text, sp.digitsEnd(text)) {
			pass &^= e.capAfter
		}
		for ; pass != 0; pass &= pass - 1 {
			d := e.numeric[bits.TrailingZeros64(pass)]
			s.addWindow(d, d.around(sp.start, sp.end, n))
		}
		if len(e.numeric) > 64 { // more than a mask holds
			for _, d := range e.numeric[64:] {
				if gateOK(d, text, sp) && !(d.Number.NotCode && codeTail(text, sp)) &&
					(!d.Number.Capital || capitalBefore(text, i)) && (!d.Number.CapitalAfter || capitalAfter(text, sp.digitsEnd(text))) {
					s.addWindow(d, d.around(sp.start, sp.end, n))
				}
			}
		}
		if len(e.numLetters) > 0 && lettersBefore(text, sp.start) {
			for _, d := range e.numLetters {
				if w := d.around(sp.start, sp.end, n); numberGateOK(d, sp) && !(d.findsTokens && s.inLastToken(d, text, w)) {
					s.addWindow(d, w)
				}
			}
		}
		return next
	case aAt:
		if len(e.at) == 0 {
			return i + 1
		}
		// The window is the address-shaped run around the '@', so the
		// pattern runs on the candidate alone; "@alice" has none.
		lo := i
		for lo > 0 && i-lo < 64 && isLocalChar(text[lo-1]) {
			lo--
		}
		hi := i + 1
		for hi < n && hi-i < 256 && isDomainChar(text[hi]) {
			hi++
		}
		if lo < i && hi > i+1 {
			for _, d := range e.at {
				s.addWindow(d, window{lo, hi})
			}
		}
	case aEscape:
		s.escapes = append(s.escapes, i)
	default: // ':', '-', '.'
		if len(e.hex) > 0 && i >= st.hexEnd {
			s.hexAnchor(text, i, st)
		}
	}
	return i + 1
}

// hexAnchor handles the separator at i, ':', '-' or '.', after the hex
// runs already measured: where it may join hex groups, it measures their
// run and opens the hex detectors' windows on a MAC or IPv6 shape.
func (s *Scanner) hexAnchor(text []byte, i int, st *anchorState) {
	if !hexSeparator(text, i) {
		return
	}
	lo, hi, ok := hexRun(text, i)
	st.hexEnd = hi
	if ok {
		for _, d := range s.e.hex {
			s.addWindow(d, d.around(lo, hi, len(text)))
		}
	}
}

// hexAnchorsIn handles the hex anchors among the separators of the numeric
// span sp after its digit at i ('-' and '.': ':' joins no numeric groups).
// numericSpan noted where they are: reading the span's bytes again, a
// branch on each, cost more than the anchors.
func (s *Scanner) hexAnchorsIn(text []byte, i int, sp *numSpan, st *anchorState) {
	if sp.nseps > len(sp.seps) {
		for k := max(i+1, st.hexEnd); k < sp.end; k++ {
			if c := text[k]; (c == '-' || c == '.') && k >= st.hexEnd {
				s.hexAnchor(text, k, st)
			}
		}
		return
	}
	for _, k := range sp.seps[:sp.nseps] {
		if k > i && k >= st.hexEnd {
			s.hexAnchor(text, k, st)
		}
	}
}

// resumeAt returns where the anchors after the digit at i are next worth
// looking at, when those before end need nothing more: end, but for a
// last digit that a letter follows, where base64 glued to a number may
// start ("12:00AgaGk…"), and base64 is looked for only around digits.
func resumeAt(text []byte, i, end int) int {
	if end < len(text) && isLetter(text[end]) && end-1 > i {
		return end - 1
	}
	return max(end, i+1)
}

// inLastToken reports whether window w lies in the run of letters and
// digits that d's last window ends in, within tokenReach of its end: a
// base58 or base64 token holds many digit runs, and d reads the whole
// token from the first.
func (s *Scanner) inLastToken(d *compiled, text []byte, w window) bool {
	ws := s.wins[d.idx]
	if len(ws) == 0 {
		return false
	}
	end := ws[len(ws)-1].hi
	if end > w.lo || w.hi-end > tokenReach || end == 0 || !isAlnum(text[end-1]) {
		return false // overlapping windows merge anyway
	}
	// The run after the window was read up to alnumTo for the last span.
	from := end
	if t := &s.tokenRun; t.det == d.idx && t.end == end && t.text == &text[0] {
		from = max(from, t.alnumTo)
	}
	for _, c := range text[from:w.hi] {
		if !isAlnum(c) {
			return false
		}
	}
	s.tokenRun = tokenRun{det: d.idx, end: end, alnumTo: max(from, w.hi), text: &text[0]}
	return true
}

// tokenRun remembers what inLastToken read: text[end:alnumTo] holds only
// letters and digits, after the last window of detector det. Scan clears
// it; text tells a decoded text scanned inside one Scan from the outer.
type tokenRun struct {
	det, end, alnumTo int
	text              *byte
}

// gateCache remembers, for recent span shapes, which number-anchored
// detectors' gates pass: text is full of the same few shapes (years,
// dates, times, prices), and a shape decides every gate but the ones
// that look at the letters before a span (numLetters, not cached).
type gateCache struct {
	key  [256]uint64 // numSpan.key; 0 for none
	pass [256]uint64
}

// gatesPassed returns the detectors among the first 64 of e.numeric (bit k
// for the k-th) whose gates pass for sp.
func (s *Scanner) gatesPassed(text []byte, sp *numSpan) uint64 {
	numeric := s.e.numeric[:min(len(s.e.numeric), 64)]
	key, ok := sp.key()
	if !ok {
		return gatesOf(numeric, text, sp)
	}
	c := &s.gates
	h := key * 0x9E3779B97F4A7C15 >> 56
	if c.key[h] != key {
		c.key[h], c.pass[h] = key, gatesOf(numeric, text, sp)
	}
	return c.pass[h]
}

// gatesOf returns the detectors of numeric (at most 64, sorted by
// MinDigits) whose gates pass for sp, bit k for the k-th.
func gatesOf(numeric []*compiled, text []byte, sp *numSpan) uint64 {
	var pass uint64
	for k, d := range numeric {
		if d.Number.MinDigits > sp.digits {
			break // sorted: the rest need more digits still
		}
		if gateOK(d, text, sp) {
			pass |= 1 << k
		}
	}
	return pass
}

// key packs what the gates of e.numeric look at (the digit groups, the
// dots, the plus) into a word that is never 0, for spans of up to five
// groups of fewer than 255 digits; ok is false for others.
func (sp *numSpan) key() (key uint64, ok bool) {
	if sp.ngroups > 5 || sp.dots > 255 {
		return 0, false
	}
	key = uint64(sp.ngroups) | uint64(sp.dots)<<3
	if sp.plus {
		key |= 1 << 11
	}
	for g, n := range sp.groups[:sp.ngroups] {
		if n == 255 {
			return 0, false // a longer group, capped
		}
		key |= uint64(n) << (12 + 8*g)
	}
	return key, true
}

func isLocalChar(b byte) bool {
	return isAlnum(b) || b == '.' || b == '_' || b == '%' || b == '+' || b == '-'
}

func isDomainChar(b byte) bool { return isAlnum(b) || b == '.' || b == '-' }

// shortRun reports, with its end, a run of digits at i that is a whole
// span of fewer than minDigits digits with no letter before it: "in 2019",
// "at 11:33". No gate passes for it (those of numeric that a lone group
// may pass need minDigits digits or more, numLetters' two letters before),
// so it need not be measured; text is full of them. The conditions are
// numericSpan's: nothing before i that it would take in ('+', '(', a space
// after either), and after the run no separators that join another group
// or a ')' that it would keep.
//
// It reads a byte at a time. A reading of eight bytes at once, every
// condition a flag and one branch deciding, took fewer instructions and,
// in cachegrind's model, fewer mispredictions, but ran slower on this
// project's machine: a detector of numbers alone cost 0.7-1.4 points more
// of the clean-prose budget with it (phone-context 4.5-5.2 % against
// 3.8-4.3 %, in 8 alternating rounds).
func shortRun(text []byte, i, minDigits int) (int, bool) {
	if i > 0 && leadsSpan(text, i, leadAlone) != 0 {
		return 0, false
	}
	n := len(text)
	j := i + 1
	for j < n && j-i < minDigits && isDigit(text[j]) {
		j++
	}
	if j-i >= minDigits || j < n && isDigit(text[j]) {
		return 0, false
	}
	k := numSeps(text, j)
	if k > j && (k < n && isDigit(text[k]) || text[j] == ')') {
		return 0, false // more groups, or a closing parenthesis kept
	}
	return j, true
}

// numSeps returns the end of the separators (two at most) at j that may
// join groups of digits.
func numSeps(text []byte, j int) int {
	if j >= len(text) || !isNumSep(text[j]) {
		return j
	}
	if j+1 < len(text) && isNumSep(text[j+1]) {
		return j + 2
	}
	return j + 1
}

// numericSpan measures the span that starts with the digit at i, taking in
// a '+' or '(' just before it.
func numericSpan(text []byte, i int, sp *numSpan) {
	sp.start, sp.end, sp.digits, sp.dots, sp.plus, sp.hexSeps, sp.ngroups, sp.nseps, sp.ninner = i, 0, 0, 0, false, false, 0, 0, 0
	for k := 0; k < 2 && sp.start > 0; k++ {
		// '+' or '(' just before, or with a space between.
		if leadsSpan(text, sp.start, leadSign) == 0 {
			break
		}
		sp.start--
	}
	if text[sp.start] == ' ' {
		sp.start++
	}
	sp.plus = text[sp.start] == '+' || sp.start+1 < len(text) && text[sp.start] == '(' && text[sp.start+1] == '+'
	j := i
	n := len(text)
	for {
		// A group of digits at j, its length read eight bytes at a time:
		// a branch on each digit would be guessed wrong at each group's
		// end.
		r := 0
		if j+8 <= n {
			if m := ^digitMask(binary.LittleEndian.Uint64(text[j:])) & swarHigh; m != 0 {
				r = bits.TrailingZeros64(m) >> 3
			}
		}
		if r == 0 {
			for j+r < n && isDigit(text[j+r]) {
				r++
			}
		}
		sp.digits += r
		sp.addGroup(r)
		j += r
		if j >= n {
			break
		}
		// Up to two separators ("), " is not one, ") " is) may join
		// digits; anything else ends the span.
		k := numSeps(text, j)
		if k == j || k >= n || !isDigit(text[k]) {
			if k > j && text[j] == ')' {
				j++ // keep a closing parenthesis: "(415)" ends with it
			}
			break
		}
		for x, b := range text[j:k] {
			switch b {
			case '.':
				sp.dots++
				sp.addSep(j + x)
			case '-':
				sp.addSep(j + x)
			}
		}
		sp.inner[min(sp.ninner, len(sp.inner)-1)] = k
		sp.ninner += int(numberStartTab[text[k-1]])
		j = k
	}
	sp.end = j
}

func (sp *numSpan) addSep(k int) {
	if sp.nseps < len(sp.seps) {
		sp.seps[sp.nseps] = k
	}
	sp.nseps++
	sp.hexSeps = true
}

func (sp *numSpan) addGroup(n int) {
	if n == 0 {
		return
	}
	if sp.ngroups < maxGroups {
		sp.groups[sp.ngroups] = uint8(min(n, 255))
	}
	sp.ngroups++
}

// hasShape reports whether the span's digit groups contain one of shapes as
// consecutive groups.
func (sp *numSpan) hasShape(shapes [][]groupRange) bool {
	if sp.ngroups > maxGroups {
		return true
	}
	for _, shape := range shapes {
		for i := 0; i+len(shape) <= sp.ngroups; i++ {
			ok := true
			for k, r := range shape {
				if g := int(sp.groups[i+k]); g < r.lo || g > r.hi {
					ok = false
					break
				}
			}
			if ok {
				return true
			}
		}
	}
	return false
}

// codeTail reports whether sp is the number part of a code such as
// ORD-2024-001234 or INV/2024/17: glued by '-' or '/' to a letter, and
// joined inside only by single '-', '/' and '.'. A value of an EdgeNumber
// detector that refineNotCode refines cannot start in it: at the span's
// start refineNotCode rejects it, after a digit or after '.' or '-' after
// a digit the left edge does, and after '/' after a digit refineNotCode
// again; and the pattern cannot start on the code's letter or its '-' or
// '/'.
func codeTail(text []byte, sp *numSpan) bool {
	s := sp.start
	if s < 2 || !isDigit(text[s]) || text[s-1] != '-' && text[s-1] != '/' || !isLetter(text[s-2]) {
		return false
	}
	if g := sp.ngroups - 1; sp.end-s == sp.digits+g && sp.nseps == g {
		// Every gap between groups is one byte, a '-' or a '.' (the span
		// counts those): the commonest code, "ORD-2024-001234", is read
		// from the measures, where the loop below took a branch a byte.
		return true
	}
	for i := s + 1; i < sp.end; i++ {
		switch c := text[i]; c {
		case '-', '/', '.': // a span holds no ',' (numSepTab)
			if !isDigit(text[i-1]) {
				return false
			}
		default:
			if !isDigit(c) {
				return false
			}
		}
	}
	return true
}

// loneGroupGate reports whether d's gate may pass a span of one group of
// digits with nothing before it ('+', '(' or letters) that a gate reads:
// no dots or plus required, and a shape of one group if any. IPv4, which
// needs four groups, is why a lone "2019" need not be measured.
func loneGroupGate(d *compiled) bool {
	g := &d.Number
	if g.MinDots > 0 || g.Plus || g.Letters {
		return false
	}
	if len(d.groups) == 0 {
		return true
	}
	for _, shape := range d.groups {
		if len(shape) == 1 {
			return true
		}
	}
	return false
}

func gateOK(d *compiled, text []byte, sp *numSpan) bool {
	return numberGateOK(d, sp) && (!d.Number.Letters || lettersBefore(text, sp.start))
}

// numberGateOK is gateOK less the letters before the span.
func numberGateOK(d *compiled, sp *numSpan) bool {
	g := &d.Number
	if sp.digits < g.MinDigits || sp.dots < g.MinDots || g.Plus && !sp.plus {
		return false
	}
	return len(d.groups) == 0 || sp.hasShape(d.groups)
}

// lettersMayPass reports, for an engine whose every number-anchored
// detector asks for letters around a number (allCapital: Capital or
// CapitalAfter, or Letters for those of numLetters), whether a gate may
// pass a span whose first digit is at i: by the letters before it, or,
// for CapitalAfter, where the run goes on into a span or has a capital
// after it.
func (e *Engine) lettersMayPass(text []byte, i int) bool {
	if e.capital != 0 && capitalBefore(text, i) ||
		len(e.numLetters) > 0 && i >= 2 && isLetter(text[i-1]) && isLetter(text[i-2]) {
		return true
	}
	if e.capAfter == 0 {
		return false
	}
	j := i + 1
	for j < len(text) && isDigit(text[j]) {
		j++
	}
	k := numSeps(text, j)
	return k > j && k < len(text) && isDigit(text[k]) || capitalAfter(text, j)
}

// capitalAfter is the CapitalAfter gate for a span whose last digit ends
// at j: an ASCII capital there, or after a '-' there.
func capitalAfter(text []byte, j int) bool {
	if j < len(text) && text[j] == '-' {
		j++
	}
	return j < len(text) && isUpperASCII(text[j])
}

// digitsEnd returns the end of the span's last digit: its end, but for a
// closing parenthesis it keeps.
func (sp *numSpan) digitsEnd(text []byte) int {
	if sp.end > sp.start && text[sp.end-1] == ')' {
		return sp.end - 1
	}
	return sp.end
}

// capitalBefore is the Capital gate for a span whose first digit is at
// i: an ASCII capital right before it, or before one space before it.
func capitalBefore(text []byte, i int) bool {
	return i >= 1 && isUpperASCII(text[i-1]) || i >= 2 && text[i-1] == ' ' && isUpperASCII(text[i-2])
}

// lettersBefore is the Letters gate for a span starting at s: two letters
// before it, and, as an IBAN runs on for at least 13 letters and digits
// after its country code (the shortest is 15 long), that many from s,
// grouped or not.
func lettersBefore(text []byte, s int) bool {
	if s < 2 || !isLetter(text[s-1]) || !isLetter(text[s-2]) {
		return false
	}
	alnum := 0
	for k := s; k < len(text) && alnum < 13; k++ {
		switch c := text[k]; {
		case isAlnum(c):
			alnum++
		case (c == ' ' || c == '-') && k+1 < len(text) && isAlnum(text[k+1]):
		default:
			return false
		}
	}
	return alnum >= 13
}

// hexSeparator is the cheap test that the separator at i sits between hex
// groups as in a MAC or IPv6 address, before hexRun measures the run: ':'
// with hex before and hex or ':' after; '-' between two pairs of hex digits
// with another '-' two places on; '.' between two groups of four.
func hexSeparator(text []byte, i int) bool {
	n := len(text)
	if i == 0 || i+1 >= n || !isHex(text[i-1]) {
		return false
	}
	switch text[i] {
	case ':':
		return isHex(text[i+1]) || text[i+1] == ':'
	case '-':
		return i >= 2 && i+3 < n && isHex(text[i-2]) && isHex(text[i+1]) && isHex(text[i+2]) && text[i+3] == '-'
	default: // '.'
		return i >= 4 && i+4 < n && isHex(text[i-4]) && isHex(text[i-3]) && isHex(text[i-2]) &&
			isHex(text[i+1]) && isHex(text[i+2]) && isHex(text[i+3]) && isHex(text[i+4])
	}
}

// hexRun measures the run of hex digits and one kind of separator around
// the separator at i and reports whether it has the shape of a MAC or IPv6
// address: five or more colons or a "::", five dashes, or two dots between
// groups of four.
func hexRun(text []byte, i int) (lo, hi int, ok bool) {
	sep := text[i]
	lo = i
	for lo > 0 && (isHex(text[lo-1]) || text[lo-1] == sep) {
		lo--
	}
	hi = i
	seps, double := 0, false
	for hi < len(text) && (isHex(text[hi]) || text[hi] == sep) {
		if text[hi] == sep {
			seps++
			if hi > lo && text[hi-1] == sep {
				double = true
			}
		}
		hi++
	}
	for k := lo; k < i; k++ {
		if text[k] == sep {
			seps++
			if k > lo && text[k-1] == sep {
				double = true
			}
		}
	}
	switch sep {
	case ':':
		ok = seps >= 5 || double && seps >= 2
	case '-':
		ok = seps == 5
	case '.':
		ok = seps == 2 && hi-lo == 14
	}
	return lo, hi, ok
}
