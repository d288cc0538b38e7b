package format_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/residuehq/residue/sources/format"
)

func TestEstimateRows(t *testing.T) {
	var b strings.Builder
	for i := range 200000 {
		b.WriteString(strings.Repeat("x", i%50))
		b.WriteString(" line\n")
	}
	plain := []byte(b.String())
	small := []byte("one\ntwo\nthree")
	for _, tc := range []struct {
		name  string
		data  []byte
		exact bool
		want  int64
	}{
		{"big.txt", plain, false, 200000},
		{"big.txt.gz", gz(t, plain), false, 200000},
		{"big.jsonl.zst", zst(t, bytes.ReplaceAll(plain, []byte(" line"), []byte(`{"a":1}`))), false, 200000},
		{"small.txt", small, true, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := openBytes(tc.data, tc.name, format.Options{})
			if err != nil {
				t.Fatal(err)
			}
			est, ok := r.(format.RowEstimator)
			if !ok {
				t.Fatal("line reader does not estimate rows")
			}
			n, exact, err := est.EstimateRows(context.Background())
			if err != nil || exact != tc.exact {
				t.Fatalf("rows %d exact %v err %v", n, exact, err)
			}
			if d := float64(n-tc.want) / float64(tc.want); d > 0.1 || d < -0.1 {
				t.Errorf("estimated %d rows, want about %d", n, tc.want)
			}
		})
	}
}
