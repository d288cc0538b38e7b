package sampling

import (
	"hash/fnv"
	"math"
	"strings"
)

// keeper decides which records a sample keeps. The decision is a hash of
// the seed, the object's name within its dataset (sampleKey) and the
// record's stable key (its byte offset), so it is the same whatever the
// worker count, unit layout or order of reading, and wherever the dataset
// folder lies: the same input and seed give the same sample on a laptop
// and in CI.
type keeper struct {
	base      uint64
	lo        uint64 // records below lo were kept by an earlier round
	threshold uint64
}

func newKeeper(seed uint64, objectKey string, rate float64) keeper {
	h := fnv.New64a()
	h.Write([]byte(objectKey))
	k := keeper{base: mix64(seed ^ mix64(h.Sum64()))}
	switch {
	case rate >= 1:
		k.threshold = math.MaxUint64
	case rate > 0:
		k.threshold = uint64(rate * (1 << 64))
	}
	return k
}

func (k keeper) keep(key int64) bool {
	h := mix64(k.base ^ uint64(key))
	return h >= k.lo && h < k.threshold
}

// mix64 is the SplitMix64 finaliser: a cheap bijection whose output bits
// each depend on every input bit.
func mix64(z uint64) uint64 {
	z += 0x9e3779b97f4a7c15
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// sampleKey names an object by its path below the root it was listed from
// (the root's last path element onwards), so moving or copying a dataset
// folder keeps its sample. A root whose name cannot anchor the object's URL
// (".", a bare bucket) falls back to the whole URL.
func sampleKey(root, objectURL string) string {
	name := datasetName(root)
	switch name {
	case "", ".", "..":
		return objectURL
	}
	if strings.HasSuffix(objectURL, "/"+name) {
		return name
	}
	if i := strings.LastIndex(objectURL, "/"+name+"/"); i >= 0 {
		return objectURL[i+1:]
	}
	return objectURL
}
