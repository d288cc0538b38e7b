package classify

import (
	"bytes"
	"encoding/binary"
	"math/bits"
)

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
// letter before it); a word under four bytes must also end one. Eight
// bytes at a time, it finds the places with no letter before them (about
// a third of prose) and tests only those.
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
	i := 0
	var prev uint64 // 0x80 if the byte before these eight is a letter
	for ; i+8 <= n; i += 8 {
		l := letterBytes(binary.LittleEndian.Uint64(hay[i:]))
		for at := ^(l<<8 | prev) & swarHigh; at != 0; at &= at - 1 {
			k := i + bits.TrailingZeros64(at)/8
			if k+3 > n {
				break
			}
			h := head3(hay, k)
			if b := headBucket(h); ws.filter[b>>6]&(1<<(b&63)) != 0 && ws.at(hay, k, h) {
				return true
			}
		}
		prev = l >> 56
	}
	for ; i+3 <= n; i++ {
		if i > 0 && isLetter(hay[i-1]) {
			continue
		}
		h := head3(hay, i)
		if b := headBucket(h); ws.filter[b>>6]&(1<<(b&63)) != 0 && ws.at(hay, i, h) {
			return true
		}
	}
	return false
}

// at reports whether one of the long words, whose first three bytes are
// h, is at hay[i:].
func (ws *wordSet) at(hay []byte, i int, h uint32) bool {
	n := len(hay)
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
	return false
}

// letterBytes returns x (eight bytes, little-endian) with the top bit set
// in each byte that is an ASCII letter and every other bit clear: with the
// case bit set, the letters are the bytes from 'a' to 'z'.
func letterBytes(x uint64) uint64 {
	const ones = 0x0101010101010101
	l := (x | 0x20*ones) &^ swarHigh
	return (l + (0x80-'a')*ones) &^ (l + (0x80-'z'-1)*ones) & swarHigh &^ x
}
