package classify

import (
	"fmt"
	"slices"
)

// prefilter finds every occurrence of a set of keywords, ASCII
// case-insensitively, in one pass over the text.
//
// It slides a window over the last three lower-cased bytes and tests a hash
// of it against a 64-kbit set of the keywords' first three bytes; only where
// the set answers yes are the keywords with that exact prefix compared. The
// loop carries nothing but the window from one byte to the next, so it runs
// at a cycle or two per byte, where a table-driven automaton waits on a
// dependent load for every byte. Keywords are at least three bytes long.
type prefilter struct {
	bits   [1 << 16 / 64]uint64
	byHead map[uint32][]int32 // first three lower-cased bytes -> keywords
	kw     [][]byte           // lower-cased
	kwLen  []int
}

// kwHit is one keyword occurrence: text[end-len(keyword):end].
type kwHit struct {
	kw  int32
	end int
}

const minKeyword = 3

var lowerTab = func() (t [256]byte) {
	for i := range t {
		t[i] = lower(byte(i))
	}
	return t
}()

func trigramHash(w uint32) uint32 { return (w * 0x9E3779B1) >> 16 }

func newPrefilter(keywords []string) (*prefilter, error) {
	p := &prefilter{byHead: map[uint32][]int32{}}
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
		head := uint32(l[0])<<16 | uint32(l[1])<<8 | uint32(l[2])
		p.byHead[head] = append(p.byHead[head], int32(i))
		h := trigramHash(head)
		p.bits[h>>6] |= 1 << (h & 63)
	}
	for _, ids := range p.byHead {
		slices.Sort(ids)
	}
	return p, nil
}

// find appends every keyword occurrence in text to hits, in order of start.
// Scans use Scanner.prepass, which does the same inside its one loop.
func (p *prefilter) find(text []byte, hits []kwHit) []kwHit {
	if len(text) < minKeyword {
		return hits
	}
	bits := &p.bits
	w := uint32(lowerTab[text[0]])<<8 | uint32(lowerTab[text[1]])
	for i := 2; i < len(text); i++ {
		w = (w<<8 | uint32(lowerTab[text[i]])) & 0xFFFFFF
		h := trigramHash(w)
		if bits[(h>>6)&uint32(len(bits)-1)]&(1<<(h&63)) == 0 {
			continue
		}
		hits = p.verify(text, i-2, w, hits)
	}
	return hits
}

// verify compares the keywords whose first three bytes are head with the
// text at start, and appends those that match.
func (p *prefilter) verify(text []byte, start int, head uint32, hits []kwHit) []kwHit {
	if start < 0 {
		return hits
	}
	for _, k := range p.byHead[head] {
		kw := p.kw[k]
		end := start + len(kw)
		if end <= len(text) && equalLower(text[start+minKeyword:end], kw[minKeyword:]) {
			hits = append(hits, kwHit{kw: k, end: end})
		}
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
