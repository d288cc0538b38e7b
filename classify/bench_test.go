package classify_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/residuehq/residue/classify"
	"github.com/residuehq/residue/internal/synth"
)

const benchBytes = 64 << 20

var (
	corpusOnce         sync.Once
	cleanCorpus, dense []byte
	plainOnce          sync.Once
	plainCorpus        []byte
)

func plainProse() []byte {
	plainOnce.Do(func() { plainCorpus = synth.PlainProse(benchBytes, 1) })
	return plainCorpus
}

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

// BenchmarkScanPlainProse: 64 MiB of prose without look-alikes (words
// and punctuation only) in 4 KiB fields, one core.
func BenchmarkScanPlainProse(b *testing.B) {
	benchScan(b, plainProse(), 4096)
}

// BenchmarkScanBook: a real book in 4 KiB fields, one core: Newton's
// Opticks (1730, public domain), which Go ships for its own tests. Its
// nouns are capitalised, as in German: one word in five starts with a
// capital, and it shows what the name finder costs where they are thick.
func BenchmarkScanBook(b *testing.B) {
	benchScan(b, book(b), 4096)
}

// book returns the text of Newton's Opticks from the Go installation
// that runs the benchmark; it skips the benchmark where there is none.
func book(b *testing.B) []byte {
	b.Helper()
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		b.Skipf("no Go installation to read the book from: %v", err)
	}
	text, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(out)), "src", "testdata", "Isaac.Newton-Opticks.txt"))
	if err != nil {
		b.Skipf("no book to scan: %v", err)
	}
	return text
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

// chatField is one value of a chat record with its path, as a reader
// gives it: the paths are interned, so a path is one string per index.
type chatField struct {
	path string
	text []byte
}

var (
	chatOnce   sync.Once
	chatFields []chatField
	chatBytes  int64
)

// chatCorpus is 16 MiB of the generated chat records make bench-parquet
// scans (the same seed and plant rate), as the fields a Parquet or JSONL
// reader gives: messages[i].role and messages[i].content.
func chatCorpus(b *testing.B) ([]chatField, int64) {
	chatOnce.Do(func() {
		var buf bytes.Buffer
		if _, err := synth.Write(&buf, synth.Spec{Kind: synth.ChatJSONL, Bytes: 16 << 20, PlantRate: 0.005, Seed: 3}, nil); err != nil {
			panic(err)
		}
		var paths []string
		path := func(i int, member string) string {
			for len(paths) <= 2*i+1 {
				k := len(paths)
				paths = append(paths, fmt.Sprintf("messages[%d].%s", k/2, []string{"role", "content"}[k%2]))
			}
			if member == "role" {
				return paths[2*i]
			}
			return paths[2*i+1]
		}
		for _, line := range bytes.Split(bytes.TrimSpace(buf.Bytes()), []byte("\n")) {
			var rec struct {
				Messages []struct{ Role, Content string }
			}
			if err := json.Unmarshal(line, &rec); err != nil {
				panic(err)
			}
			for i, m := range rec.Messages {
				for _, f := range []chatField{{path(i, "role"), []byte(m.Role)}, {path(i, "content"), []byte(m.Content)}} {
					chatFields = append(chatFields, f)
					chatBytes += int64(len(f.text))
				}
			}
		}
	})
	return chatFields, chatBytes
}

// BenchmarkScanChat: chat records field by field, the engine's share of
// a Parquet chat dataset's full scan, one core.
func BenchmarkScanChat(b *testing.B) {
	fields, n := chatCorpus(b)
	s := testEngine(b, classify.Options{}).NewScanner()
	findings := 0
	found := func(classify.Finding) { findings++ } // one callback, as the runner binds one per unit
	b.SetBytes(n)
	b.ReportAllocs()
	for b.Loop() {
		for _, f := range fields {
			s.Scan(f.path, f.text, found)
		}
	}
	b.ReportMetric(float64(findings)/float64(b.N), "findings/op")
}

// foundationTypes are the infoTypes the foundation issue asked for, before
// the catalog grew; its engine targets (150 MB/s clean, 50 MB/s dense) are
// measured on an engine of their detectors.
var foundationTypes = map[string]bool{
	classify.EmailAddress: true, classify.PhoneNumber: true, classify.CreditCardNumber: true, classify.IBANCode: true,
	classify.USSocialSecurityNumber: true, classify.IPAddress: true, classify.MACAddress: true,
	classify.AWSAccessKeyID: true, classify.AWSSecretAccessKey: true, classify.GitHubToken: true,
	classify.SlackToken: true, classify.StripeAPIKey: true, classify.OpenAIAPIKey: true,
	classify.AnthropicAPIKey: true, classify.HuggingFaceToken: true, classify.GCPAPIKey: true,
	classify.JSONWebToken: true, classify.PrivateKey: true, classify.DatabaseConnectionString: true,
	classify.URLWithCredentials: true, classify.Password: true,
}

// benchScanWith builds its engine itself: scripts/bench-compare.sh runs
// this file against older revisions, whose tests have no engineOf.
func benchScanWith(b *testing.B, dets []*classify.Detector, text []byte) {
	key, err := classify.NewKey([]byte("test key, 32 bytes long........"), "test")
	if err != nil {
		b.Fatal(err)
	}
	e, err := classify.NewEngine(key, dets, classify.Options{})
	if err != nil {
		b.Fatal(err)
	}
	s := e.NewScanner()
	recs := records(text, 4096)
	findings := 0
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		for _, r := range recs {
			s.Scan("text", r, func(classify.Finding) { findings++ })
		}
	}
	b.ReportMetric(float64(findings)/float64(b.N), "findings/op")
}

func foundationDetectors() []*classify.Detector {
	var out []*classify.Detector
	for _, d := range classify.Builtin() {
		if foundationTypes[d.InfoType] {
			out = append(out, d)
		}
	}
	return out
}

// BenchmarkScanProseFoundation and BenchmarkScanDenseFoundation: the
// corpora of BenchmarkScanProse and BenchmarkScanDense through an engine
// of the foundation's infoTypes only (today's detectors for them).
func BenchmarkScanProseFoundation(b *testing.B) {
	clean, _ := corpora()
	benchScanWith(b, foundationDetectors(), clean)
}

func BenchmarkScanDenseFoundation(b *testing.B) {
	_, d := corpora()
	benchScanWith(b, foundationDetectors(), d)
}
