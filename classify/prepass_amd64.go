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
func prepassMasksAVX2(text *byte, full int, pad *byte, npad int, heads *byte, out *blockMask)

// prepassMasks fills out: its first full blocks of 32 bytes from text,
// which must hold 32*full+3 bytes, and the rest from pad, which must hold
// 32 bytes for each and 3 more.
func prepassMasks(text []byte, full int, pad []byte, heads *[headsLen]uint8, out []blockMask) {
	npad := len(out) - full
	if full > 0 {
		_ = text[32*full+2] // the last block's heads read three bytes on
	}
	if npad > 0 {
		_ = pad[32*npad+2]
	}
	prepassMasksAVX2(unsafe.SliceData(text), full, unsafe.SliceData(pad), npad, &heads[0], unsafe.SliceData(out))
}
