package classify_test

import (
	"bytes"
	"sync"
	"testing"

	"github.com/residuehq/residue/classify"
	"github.com/residuehq/residue/internal/synth"
)

const benchBytes = 64 << 20

var (
	corpusOnce         sync.Once
	cleanCorpus, dense []byte
)

func corpora() ([]byte, []byte) {
	corpusOnce.Do(func() {
		cleanCorpus = synth.Prose(benchBytes, 1)
		dense = synth.Dense(benchBytes, 1)
	})
	return cleanCorpus, dense
}

// records cuts a corpus into record-sized fields at spaces, the way scans
// call the engine: one field of a JSONL record or one line at a time.
func records(text []byte, size int) [][]byte {
	var out [][]byte
	for len(text) > 0 {
		n := min(size, len(text))
		if n < len(text) {
			if i := bytes.LastIndexByte(text[:n], ' '); i > size/2 {
				n = i + 1
			}
		}
		out = append(out, text[:n])
		text = text[n:]
	}
	return out
}

func benchScan(b *testing.B, text []byte, recordSize int) {
	e := testEngine(b, classify.Options{})
	s := e.NewScanner()
	recs := records(text, recordSize)
	findings := 0
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, r := range recs {
			s.Scan("text", r, func(classify.Finding) { findings++ })
		}
	}
	b.ReportMetric(float64(findings)/float64(b.N), "findings/op")
}

// BenchmarkScanProse: 64 MiB of clean prose in 4 KiB fields, one core.
func BenchmarkScanProse(b *testing.B) {
	clean, _ := corpora()
	benchScan(b, clean, 4096)
}

// BenchmarkScanDense: 64 MiB of prose with a planted value every 2 KB.
func BenchmarkScanDense(b *testing.B) {
	_, d := corpora()
	benchScan(b, d, 4096)
}

// BenchmarkScanProseLines: the same prose in 200-byte fields, where the
// per-call cost shows.
func BenchmarkScanProseLines(b *testing.B) {
	clean, _ := corpora()
	benchScan(b, clean[:8<<20], 200)
}
