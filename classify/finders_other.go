//go:build !amd64 || purego

package classify

const vecSkim = false

func skimVec(x *lexicon, text []byte, caps []uint64, at, lo, hi int, out []int) ([]int, int, bool) {
	panic("classify: no vector skim on this platform")
}

const vecSieve = false

func sieveVec(text []byte, caps []uint64, lo, hi int, starts []int32, gate bool) []int32 {
	panic("classify: no vector sieve on this platform")
}
