package classify_test

import (
	"testing"

	"github.com/residuehq/residue/classify"
	"github.com/residuehq/residue/internal/synth"
)

// BenchmarkNameAddressFinds measures the person-name and street-address
// scans alone over clean prose in 4 KiB fields: the part of a scan's cost
// these AnchorAlways detectors add (compare BenchmarkScanProse).
func BenchmarkNameAddressFinds(b *testing.B) {
	recs := records(synth.Prose(16<<20, 1), 4096)
	for _, c := range []struct {
		name string
		find func(text []byte, lo, hi int, emit func(start, end int))
	}{{"names", classify.FindNamesForTest}, {"addresses", classify.FindAddressesForTest}} {
		b.Run(c.name, func(b *testing.B) {
			found := 0
			emit := func(int, int) { found++ }
			c.find(nil, 0, 0, emit) // build the lexicon
			b.SetBytes(16 << 20)
			b.ReportAllocs()
			for b.Loop() {
				for _, r := range recs {
					c.find(r, 0, len(r), emit)
				}
			}
			b.ReportMetric(float64(found)/float64(b.N), "findings/op")
		})
	}
}

// BenchmarkScanProse16: the whole engine over the same 16 MiB, for the
// ratio.
func BenchmarkScanProse16(b *testing.B) {
	benchScan(b, synth.Prose(16<<20, 1), 4096)
}
