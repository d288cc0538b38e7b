package classify_test

import (
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
// pass of both, alternately, and the fastest pass of each counts, so the
// machine's noise cancels as far as it can. The "%budget" metric is the
// difference as a share of proseBudget; run it with
//
//	go test ./classify -run '^$' -bench DetectorCost -benchtime 5x
//
// and sort by the metric to see which detectors to make cheaper.
func BenchmarkDetectorCost(b *testing.B) {
	clean, _ := corpora()
	text := clean[:4<<20]
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
	for _, d := range classify.Builtin() {
		b.Run(d.ID, func(b *testing.B) {
			none, one := scanner(b, nil), scanner(b, []*classify.Detector{d})
			best := [2]time.Duration{time.Hour, time.Hour}
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				best[0] = min(best[0], pass(none))
				best[1] = min(best[1], pass(one))
			}
			cost := float64(best[1]-best[0]) / float64(len(text))
			b.ReportMetric(100*cost/proseBudget, "%budget")
		})
	}
}
