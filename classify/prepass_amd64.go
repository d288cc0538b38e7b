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
func prepassMasksAVX2(text *byte, nblocks int, heads *byte, out *blockMask)

// prepassMasks fills out[b] for the 32-byte block b of text, for every
// block of out; text must hold 32*len(out)+3 bytes.
func prepassMasks(text []byte, heads *[headsLen]uint8, out []blockMask) {
	if len(out) == 0 {
		return
	}
	_ = text[32*len(out)+2] // the last block's heads read three bytes on
	prepassMasksAVX2(unsafe.SliceData(text), len(out), &heads[0], unsafe.SliceData(out))
}
