package classify_test

import (
	"slices"
	"testing"
	"time"

	"github.com/residuehq/residue/classify"
)

// proseBudget is the engine's target on clean prose (issue 3: 300 MB/s on
// one core) as nanoseconds per byte; no detector may cost more than 5 % of
// it.
const proseBudget = 1e9 / 300e6

// BenchmarkDetectorCost measures what each built-in detector adds to a scan
// of clean prose: an engine holding that detector alone, less an engine
// holding none (the per-byte pass every scan pays). Each iteration times one
// pass of both, back to back, and the median of the differences counts: on
// a machine whose speed drifts, a pair sees the same speed, where the
// fastest pass of each would be taken at different times. The "%budget"
// metric is the difference as a share of proseBudget; run it with
//
//	go test ./classify -run '^$' -bench DetectorCost -benchtime 20x
//
// and sort by the metric to see which detectors to make cheaper.
func BenchmarkDetectorCost(b *testing.B) {
	clean, _ := corpora()
	detectorCost(b, clean[:4<<20], false)
}

// BenchmarkDetectorMarginal measures what each built-in detector adds to
// the full catalog: the catalog, less the catalog without it. Work the
// detectors share (measuring digit spans for a hundred number-anchored
// ones) is charged to none of them here, where BenchmarkDetectorCost
// charges it to each; a detector's cost in a real scan lies between.
// Each pass scans with the whole catalog, whose own time drifts by more
// than a cheap detector costs: at 10 pairs a detector can read 5-12 % by
// chance, and 40 pairs bring that under 1 %. Run it on a few detectors:
//
//	go test ./classify -run '^$' -bench 'DetectorMarginal/(person-name|iban)$' -benchtime 40x
func BenchmarkDetectorMarginal(b *testing.B) {
	clean, _ := corpora()
	detectorCost(b, clean[:4<<20], true)
}

// BenchmarkDetectorCostBook measures the same on a real book, Newton's
// Opticks (BenchmarkScanBook), against the same budget: real prose where
// capitals are thick.
func BenchmarkDetectorCostBook(b *testing.B) {
	detectorCost(b, book(b), false)
}

// detectorCost times, for each built-in detector, scans of text by an
// engine with it and one without: alone against none, or (marginal) the
// whole catalog against the catalog less it.
func detectorCost(b *testing.B, text []byte, marginal bool) {
	recs := records(text, 4096)
	key, err := classify.NewKey([]byte("test key, 32 bytes long........"), "test")
	if err != nil {
		b.Fatal(err)
	}
	scanner := func(b *testing.B, dets []*classify.Detector) *classify.Scanner {
		e, err := classify.NewEngine(key, dets, classify.Options{})
		if err != nil {
			b.Fatal(err)
		}
		return e.NewScanner()
	}
	pass := func(s *classify.Scanner) time.Duration {
		start := time.Now()
		for _, r := range recs {
			s.Scan("text", r, func(classify.Finding) {})
		}
		return time.Since(start)
	}
	all := classify.Builtin()
	for _, d := range all {
		b.Run(d.ID, func(b *testing.B) {
			none, one := scanner(b, nil), scanner(b, []*classify.Detector{d})
			if marginal {
				rest := slices.DeleteFunc(slices.Clone(all), func(o *classify.Detector) bool { return o == d })
				none, one = scanner(b, rest), scanner(b, all)
			}
			var diffs []time.Duration
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				if len(diffs)%2 == 0 {
					base := pass(none)
					diffs = append(diffs, pass(one)-base)
				} else {
					with := pass(one)
					diffs = append(diffs, with-pass(none))
				}
			}
			slices.Sort(diffs)
			cost := float64(diffs[len(diffs)/2]) / float64(len(text))
			b.ReportMetric(100*cost/proseBudget, "%budget")
		})
	}
}
