package classify

import (
	"encoding/binary"
	"fmt"
	"slices"
)

// prefilter finds every occurrence of a set of keywords, ASCII
// case-insensitively, in one pass over the text.
//
// At every position it hashes the next three bytes, case-folded by setting
// bit 5 of each, and looks the 15-bit hash up in a byte table of the
// keywords' folded first three bytes; only where the table answers yes are
// the keywords with that exact (lower-cased) prefix compared. The three
// bytes are a shift of an unaligned load, so no position waits on the one
// before: the scan tests eight positions and the anchor bytes among them
// at once, and moves on when none of them can start anything, as in most
// of any prose. Keywords are at least three bytes long.
//
// A byte per entry, not a bit, saves a shift and a mask a lookup. Its
// 32 KiB take most of the first-level cache and tripled the engine's cache
// misses (cachegrind), yet a 4 KiB bit set of the same hash ran 6-12 %
// slower in paired runs, so the table stays.
type prefilter struct {
	heads [headsLen]uint8 // 1 where a folded head hashes
	slots []headSlot      // open addressing on the lower-cased head's hash
	kw    [][]byte        // lower-cased
	kwLen []int
}

// headSlot lists the keywords that begin with head (lower-cased).
type headSlot struct {
	head uint32
	kws  []int32
}

// kwHit is one keyword occurrence: text[end-len(keyword):end].
type kwHit struct {
	kw  int32
	end int
}

const minKeyword = 3

// headsLen is the keyword-head table's size: one byte for each of the 2^15
// hashes, and three more because the vector prepass reads four bytes at a
// hash.
const headsLen = 1<<15 + 3

var lowerTab = func() (t [256]byte) {
	for i := range t {
		t[i] = lower(byte(i))
	}
	return t
}()

func trigramHash(w uint32) uint32 { return (w * 0x9E3779B1) >> 16 }

func newPrefilter(keywords []string) (*prefilter, error) {
	p := &prefilter{}
	byHead := map[uint32][]int32{}
	for i, k := range keywords {
		if len(k) < minKeyword {
			return nil, fmt.Errorf("keyword %q: shorter than %d bytes", k, minKeyword)
		}
		l := make([]byte, len(k))
		for j := range l {
			l[j] = lowerTab[k[j]]
		}
		p.kw = append(p.kw, l)
		p.kwLen = append(p.kwLen, len(l))
		head := uint32(l[0]) | uint32(l[1])<<8 | uint32(l[2])<<16
		byHead[head] = append(byHead[head], int32(i))
		p.heads[headHash(head)] = 1
	}
	size := 8
	for size < 4*len(byHead) {
		size *= 2
	}
	p.slots = make([]headSlot, size)
	for head, kws := range byHead {
		slices.Sort(kws)
		j := trigramHash(head) & uint32(size-1)
		for p.slots[j].kws != nil {
			j = (j + 1) & uint32(size-1)
		}
		p.slots[j] = headSlot{head: head, kws: kws}
	}
	return p, nil
}

// test reports (as 0 or 1) whether the three low bytes of w may begin a
// keyword. Setting bit 5 of each byte folds the cases of a letter together
// (and a few pairs of other bytes, which verify tells apart).
func (p *prefilter) test(w uint32) uint64 { return uint64(p.heads[headHash(w)]) }

// headHash hashes the three low bytes of w, case-folded, to 15 bits.
// Multiplying by the constant shifted left a byte discards w's top byte,
// which is not part of the trigram, without masking it.
func headHash(w uint32) uint32 { return ((w | 0x202020) * (0x9E3779B1 << 8 & 0xFFFFFFFF)) >> 17 }

// find appends every keyword occurrence in text to hits, in order of start.
// Scans use Scanner.prepass, which does the same inside its one loop.
func (p *prefilter) find(text []byte, hits []kwHit) []kwHit {
	for i := 0; i+minKeyword <= len(text); i++ {
		if p.test(load3(text, i)) != 0 {
			hits = p.verify(text, i, hits)
		}
	}
	return hits
}

// load3 returns text[i:i+3] as the low bytes of a word, little-endian.
func load3(text []byte, i int) uint32 {
	if i+4 <= len(text) {
		return binary.LittleEndian.Uint32(text[i:])
	}
	return uint32(text[i]) | uint32(text[i+1])<<8 | uint32(text[i+2])<<16
}

// verify compares the keywords that begin with the three bytes at start
// with the text there, and appends those that match.
func (p *prefilter) verify(text []byte, start int, hits []kwHit) []kwHit {
	if len(p.slots) == 0 {
		return hits
	}
	head := uint32(lowerTab[text[start]]) | uint32(lowerTab[text[start+1]])<<8 | uint32(lowerTab[text[start+2]])<<16
	mask := uint32(len(p.slots) - 1)
	for j := trigramHash(head) & mask; p.slots[j].kws != nil; j = (j + 1) & mask {
		if p.slots[j].head != head {
			continue
		}
		for _, k := range p.slots[j].kws {
			kw := p.kw[k]
			end := start + len(kw)
			if end <= len(text) && equalLower(text[start+minKeyword:end], kw[minKeyword:]) {
				hits = append(hits, kwHit{kw: k, end: end})
			}
		}
		break
	}
	return hits
}

// equalLower reports whether s lower-cased equals the lower-case l.
func equalLower(s, l []byte) bool {
	if len(s) != len(l) {
		return false
	}
	for i, c := range s {
		if lowerTab[c] != l[i] {
			return false
		}
	}
	return true
}

func lower(b byte) byte {
	if 'A' <= b && b <= 'Z' {
		return b + 'a' - 'A'
	}
	return b
}
