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
