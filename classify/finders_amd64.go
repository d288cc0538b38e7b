//go:build !purego

package classify

import (
	"math"
	"unsafe"

	"golang.org/x/sys/cpu"
)

// vecSkim says whether skimVec runs here: it needs AVX2, BMI1, BMI2 and
// POPCNT (x86-64 from 2013 on).
var vecSkim = cpu.X86.HasAVX2 && cpu.X86.HasBMI1 && cpu.X86.HasBMI2 && cpu.X86.HasPOPCNT

//go:noescape
func skimAVX2(text *byte, caps *uint64, wend, at, lo, hi int, x *lexicon, out *int, room int) (n, next, upper int)

// skimVec is skimGo in assembly: the same list, from marks read with the
// same tests, but the word's and the next word's letters come from two
// vector compares of the 32 bytes at the mark.
func skimVec(x *lexicon, text []byte, caps []uint64, at, lo, hi int, out []int) ([]int, int, bool) {
	if hi > len(text) || lo < 0 || at < lo {
		panic("classify: skimVec out of the text")
	}
	wend := min(len(caps), (hi+63)>>6)
	if at >= hi || at>>6 >= wend || len(out) == cap(out) || hi > math.MaxUint32 {
		// The vector skim lists places in 32 bits.
		return skimGo(x, text, caps, at, lo, hi, out)
	}
	room := out[len(out):cap(out)]
	n, next, upper := skimAVX2(unsafe.SliceData(text), unsafe.SliceData(caps), wend, at, lo, hi, x, unsafe.SliceData(room), len(room))
	return out[:len(out)+n], next, upper != 0
}

// latinFoldPairs is latinFold for the lower-case letters of Latin-1 that
// skimAVX2 folds, by the low six bits of their second byte (0x9F–0xBF):
// the fold's one or two ASCII bytes, the first in the low byte and 0
// where there is no second.
//
//lint:ignore U1000 read by skimAVX2
var latinFoldPairs = func() (t [64]uint16) {
	for c := 0x9F; c <= 0xBF; c++ {
		f := latinFold[0xC0|rune(c&0x3F)-latinFoldBase]
		if c == 0xB7 {
			continue // ÷: no letter
		}
		if len(f) == 0 || len(f) > 2 {
			panic("classify: a fold of Latin-1 the vector skim cannot write")
		}
		t[c&0x3F] = uint16(f[0])
		if len(f) == 2 {
			t[c&0x3F] |= uint16(f[1]) << 8
		}
	}
	return t
}()

// vecSieve says whether sieveVec runs here: it needs AVX2, BMI1, BMI2 and
// POPCNT.
var vecSieve = cpu.X86.HasAVX2 && cpu.X86.HasBMI1 && cpu.X86.HasBMI2 && cpu.X86.HasPOPCNT

//go:noescape
func sieveAVX2(text *byte, caps *uint64, lo, hi int, starts *int32, n int, nogate int) int

// sieveVec is sieveGo in assembly: it keeps the same runs, read with the
// same tests.
func sieveVec(text []byte, caps []uint64, lo, hi int, starts []int32, gate bool) []int32 {
	if lo < 0 || hi > len(text) || len(caps) < (hi+63)/64+1 {
		panic("classify: sieveVec out of the text or without a spare word")
	}
	nogate := 1
	if gate {
		nogate = 0
	}
	return starts[:sieveAVX2(unsafe.SliceData(text), unsafe.SliceData(caps), lo, hi, unsafe.SliceData(starts), len(starts), nogate)]
}
