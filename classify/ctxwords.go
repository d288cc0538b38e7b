package classify

import "bytes"

// wordSet answers contextOf's question, whether any of a detector's
// context words starts a word of a lower-cased window, in one pass over
// the window: a word start's first three bytes go through a 256-bit filter
// of the words' heads, and only the few that pass are compared. It agrees
// with calling containsWord for every word (ctxwords_test.go), which costs
// a bytes.Index per word and per window.
type wordSet struct {
	long   [][]byte // words of three bytes or more
	heads  []uint32 // their first three bytes, earliest lowest
	filter [4]uint64
	short  [][]byte // words under three bytes, searched with containsWord
}

func newWordSet(words [][]byte) wordSet {
	var ws wordSet
	for _, w := range words {
		if len(w) < 3 {
			ws.short = append(ws.short, w)
			continue
		}
		h := head3(w, 0)
		ws.long = append(ws.long, w)
		ws.heads = append(ws.heads, h)
		b := headBucket(h)
		ws.filter[b>>6] |= 1 << (b & 63)
	}
	return ws
}

func head3(b []byte, i int) uint32 {
	return uint32(b[i]) | uint32(b[i+1])<<8 | uint32(b[i+2])<<16
}

func headBucket(h uint32) uint32 { return (h * 0x9E3779B1) >> 24 }

// in reports whether one of the words occurs in hay at a word start (no
// letter before it); a word under four bytes must also end one.
func (ws *wordSet) in(hay []byte) bool {
	for _, w := range ws.short {
		if containsWord(hay, w) {
			return true
		}
	}
	if len(ws.long) == 0 {
		return false
	}
	n := len(hay)
	for i := 0; i+3 <= n; i++ {
		if i > 0 && isLetter(hay[i-1]) {
			continue
		}
		h := head3(hay, i)
		if b := headBucket(h); ws.filter[b>>6]&(1<<(b&63)) == 0 {
			continue
		}
		for k, head := range ws.heads {
			if head != h {
				continue
			}
			w := ws.long[k]
			end := i + len(w)
			if end <= n && bytes.Equal(hay[i+3:end], w[3:]) && (len(w) >= 4 || end == n || !isLetter(hay[end])) {
				return true
			}
		}
	}
	return false
}
