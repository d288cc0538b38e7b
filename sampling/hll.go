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
// needs (hash/maphash seeds at random). Four lanes take 32 bytes a step, so
// the multiplications of one lane do not wait on another's; a column of
// chat messages hashes every value.
func hashPrefix(v []byte) uint64 {
	n := uint64(len(v))
	a, b, c, d := n*0x9E3779B97F4A7C15, n^0xC2B2AE3D27D4EB4F, n+0x165667B19E3779F9, ^n
	p := v[:min(len(v), 256)]
	for len(p) >= 32 {
		a = mix64(a ^ binary.LittleEndian.Uint64(p))
		b = mix64(b ^ binary.LittleEndian.Uint64(p[8:]))
		c = mix64(c ^ binary.LittleEndian.Uint64(p[16:]))
		d = mix64(d ^ binary.LittleEndian.Uint64(p[24:]))
		p = p[32:]
	}
	for len(p) >= 8 {
		a = mix64(a ^ binary.LittleEndian.Uint64(p))
		a, b, c, d = b, c, d, a
		p = p[8:]
	}
	var tail uint64
	for i, x := range p {
		tail |= uint64(x) << (8 * i)
	}
	return mix64(a ^ mix64(b^tail^uint64(len(p))<<56) ^ mix64(c+0x9E3779B97F4A7C15) ^ bits.RotateLeft64(d, 29))
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
