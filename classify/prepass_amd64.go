//go:build !purego

package classify

import (
	"unsafe"

	"golang.org/x/sys/cpu"
)

// vecPrepass says whether prepassMasks runs here: it needs AVX2 (x86-64
// from 2013 on). Elsewhere the prepass tests eight positions at a time in
// Go, with the same results.
var vecPrepass = cpu.X86.HasAVX2

//go:noescape
func prepassWorkAVX2(text *byte, full int, pad *byte, npad int, heads *byte, caps *uint32, carry *uint32, base int, out *blockWork) int

// prepassWork runs the vector pass over len(out) blocks: its first full
// blocks of 32 bytes from text, which must hold 32*full+3 bytes, and the
// rest from pad, which must hold 32 bytes for each and 3 more. Block k is
// block first+k of the text: it sets that 32-bit word of the caps bitmap,
// and is listed in the result if it holds an anchor or a keyword head.
// carry is what the pass knows of the byte before the block first, and it
// is updated for the block after the last.
func prepassWork(text []byte, full int, pad []byte, heads *[headsLen]uint8, m *marks, first int, carry *uint32, out []blockWork) []blockWork {
	npad := len(out) - full
	if full > 0 {
		_ = text[32*full+2] // the last block's heads read three bytes on
	}
	if npad > 0 {
		_ = pad[32*npad+2]
	}
	if last := first + len(out) - 1; len(out) > 0 && last/2 >= len(m.caps) {
		panic("classify: prepassWork past the marks")
	}
	// The bitmaps' 64-bit words are two blocks' 32-bit words, low first
	// on this little-endian machine.
	caps := (*uint32)(unsafe.Add(unsafe.Pointer(unsafe.SliceData(m.caps)), 4*first))
	n := prepassWorkAVX2(unsafe.SliceData(text), full, unsafe.SliceData(pad), npad, &heads[0], caps, carry, first, unsafe.SliceData(out))
	return out[:n/int(unsafe.Sizeof(blockWork{}))]
}
