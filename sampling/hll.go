package sampling

import (
	"encoding/binary"
	"math"
	"math/bits"
)

// hll is a HyperLogLog sketch for the distinct values of a column: 4 KiB
// whatever the column's size, about 1.6 % standard error, and mergeable,
// so units read in parallel combine exactly as one read would.
type hll struct {
	reg [1 << hllP]uint8
}

const hllP = 12

// addHash adds a 64-bit hash of a value.
func (h *hll) addHash(x uint64) {
	i := x >> (64 - hllP)
	rank := uint8(bits.LeadingZeros64(x<<hllP|1<<(hllP-1)) + 1)
	if rank > h.reg[i] {
		h.reg[i] = rank
	}
}

// add hashes a value. Only its first 256 bytes and its length are hashed:
// free-text columns would otherwise cost a hash over every byte, and two
// long texts that share 256 bytes and a length are nearly always copies.
func (h *hll) add(v []byte) {
	h.addHash(hashPrefix(v))
}

// hashPrefix hashes the first 256 bytes of v and its length: fast, and the
// same on every run and platform, which a sketch in a reproducible report
// needs (hash/maphash seeds at random). A column of chat messages hashes
// every value, so each 16 bytes cost one 64×64→128-bit multiplication,
// folded to 64 bits by xoring its halves, in two lanes that do not wait on
// each other; the result is finished by mix64, whose top bits and leading
// zeros the sketch reads.
func hashPrefix(v []byte) uint64 {
	n := uint64(len(v))
	p := v[:min(len(v), 256)]
	a, b := n^0x9E3779B97F4A7C15, n+0xC2B2AE3D27D4EB4F
	for len(p) >= 32 {
		a = foldMul(binary.LittleEndian.Uint64(p)^0xA0761D6478BD642F, binary.LittleEndian.Uint64(p[8:])^a)
		b = foldMul(binary.LittleEndian.Uint64(p[16:])^0xE7037ED1A0B428DB, binary.LittleEndian.Uint64(p[24:])^b)
		p = p[32:]
	}
	if len(p) >= 16 {
		a = foldMul(binary.LittleEndian.Uint64(p)^0x8EBC6AF09C88C6E3, binary.LittleEndian.Uint64(p[8:])^a)
		p = p[16:]
	}
	if len(p) >= 8 {
		b = foldMul(binary.LittleEndian.Uint64(p)^0x589965CC75374CC3, b^0x1D8E4E27C47D124F)
		p = p[8:]
	}
	var tail uint64
	for i, x := range p {
		tail |= uint64(x) << (8 * i)
	}
	a = foldMul(tail^0xA0761D6478BD642F, a^uint64(len(p))<<56^0xE7037ED1A0B428DB)
	return mix64(a ^ bits.RotateLeft64(b, 29))
}

// foldMul multiplies x by y to 128 bits and xors the halves together.
func foldMul(x, y uint64) uint64 {
	hi, lo := bits.Mul64(x, y)
	return hi ^ lo
}

func (h *hll) merge(o *hll) {
	for i, r := range o.reg {
		if r > h.reg[i] {
			h.reg[i] = r
		}
	}
}

// estimate returns the approximate number of distinct values added.
func (h *hll) estimate() int64 {
	const m = float64(1 << hllP)
	sum, zeros := 0.0, 0
	for _, r := range h.reg {
		sum += math.Ldexp(1, -int(r))
		if r == 0 {
			zeros++
		}
	}
	alpha := 0.7213 / (1 + 1.079/m)
	e := alpha * m * m / sum
	if e <= 2.5*m && zeros > 0 {
		e = m * math.Log(m/float64(zeros)) // linear counting for small sets
	}
	return int64(math.Round(e))
}
