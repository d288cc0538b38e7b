package sampling

import (
	"math"
	"strconv"
	"testing"
)

func TestHLL(t *testing.T) {
	for _, n := range []int{0, 1, 10, 1000, 50000, 500000} {
		var a, b hll
		for i := range n {
			v := []byte("value-" + strconv.Itoa(i))
			if i%2 == 0 {
				a.add(v)
			} else {
				b.add(v)
			}
			a.add([]byte("value-" + strconv.Itoa(i/3))) // duplicates do not count
		}
		a.merge(&b)
		got := a.estimate()
		if tol := math.Max(2, 0.05*float64(n)); math.Abs(float64(got-int64(n))) > tol {
			t.Errorf("%d distinct values: estimate %d", n, got)
		}
	}
}

// TestHLLLongValues: values that differ in one byte anywhere in the hashed
// prefix, or only in length, count as distinct.
func TestHLLLongValues(t *testing.T) {
	base := make([]byte, 300)
	for i := range base {
		base[i] = 'a' + byte(i%26)
	}
	var h hll
	n := 0
	for pos := range 256 {
		for _, c := range []byte("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ") {
			v := append([]byte(nil), base...)
			v[pos] = c
			h.add(v)
			n++
		}
	}
	for l := range 300 {
		h.add(base[:l]) // every length is another value
		n++
	}
	if got := h.estimate(); math.Abs(float64(got-int64(n))) > 0.05*float64(n) {
		t.Errorf("%d distinct values: estimate %d", n, got)
	}
}

func BenchmarkHashPrefix(b *testing.B) {
	v := make([]byte, 300)
	for i := range v {
		v[i] = byte(i)
	}
	b.SetBytes(256)
	b.ReportAllocs()
	var x uint64
	for b.Loop() {
		x += hashPrefix(v)
	}
	_ = x
}
