package format_test

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"

	"github.com/residuehq/residue/sources/format"
)

const benchSize = 32 << 20

var benchWords = strings.Fields(`the of and to in is was for on that with as by at from it
his an were are which this be or has had not but first one their its new after who they
have her she two been other when there all during into school time may years more most
only over city some world would where later up such used many can state about national
out known university united then made model training data set record value field line`)

// sentence is n words of plain text, with the occasional quote, newline and
// accented letter so the JSON escapes and UTF-8 of real chat data appear.
func sentence(r *rand.Rand, n int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(benchWords[r.IntN(len(benchWords))])
		switch r.IntN(40) {
		case 0:
			b.WriteString(`\n`)
		case 1:
			b.WriteString(`\"quoted\"`)
		case 2:
			b.WriteString("é")
		}
	}
	return b.String()
}

var benchData = sync.OnceValue(func() map[string][]byte {
	r := rand.New(rand.NewPCG(1, 1))
	var jsonl, csv, text bytes.Buffer
	for i := 0; jsonl.Len() < benchSize; i++ {
		fmt.Fprintf(&jsonl, `{"id":%d,"messages":[{"role":"system","content":"%s"},{"role":"user","content":"%s"},{"role":"assistant","content":"%s"}],"meta":{"source":"web","lang":"en","score":0.%d}}`+"\n",
			i, sentence(r, 10), sentence(r, 20+r.IntN(40)), sentence(r, 40+r.IntN(120)), r.IntN(1000))
	}
	csv.WriteString("id,name,comment,city\n")
	for i := 0; csv.Len() < benchSize; i++ {
		fmt.Fprintf(&csv, "%d,%s,\"%s\",%s\n", i, benchWords[r.IntN(len(benchWords))],
			strings.ReplaceAll(strings.ReplaceAll(sentence(r, 10+r.IntN(30)), `\"`, `""`), `\n`, "\n"), benchWords[r.IntN(len(benchWords))])
	}
	for text.Len() < benchSize {
		text.WriteString(strings.ReplaceAll(sentence(r, 8+r.IntN(14)), `\n`, ""))
		text.WriteByte('\n')
	}
	return map[string][]byte{"x.jsonl": jsonl.Bytes(), "x.csv": csv.Bytes(), "x.txt": text.Bytes()}
})

var benchGzip = sync.OnceValue(func() []byte {
	return gz(&testing.B{}, benchData()["x.jsonl"])
})

func benchRead(b *testing.B, name string, data []byte, plainSize int) {
	r, err := format.Open(context.Background(), bytes.NewReader(data), int64(len(data)), name, format.Options{UnitBytes: 1 << 40})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(plainSize))
	b.ReportAllocs()
	var fields int
	cpu0 := cpuTime()
	for b.Loop() {
		fields = 0
		_, err := r.Read(context.Background(), 0, format.ReadOptions{}, func(rc *format.Record) error {
			fields += len(rc.Fields)
			if rc.Issue != "" {
				b.Fatalf("issue %q", rc.Issue)
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	if cpu := cpuTime() - cpu0; cpu > 0 {
		b.ReportMetric(float64(plainSize)*float64(b.N)/cpu.Seconds()/1e6, "MB/cpu-s")
	}
	b.ReportMetric(float64(fields), "fields/op")
}

func BenchmarkJSONL(b *testing.B) {
	d := benchData()["x.jsonl"]
	benchRead(b, "x.jsonl", d, len(d))
}

func BenchmarkCSV(b *testing.B) {
	d := benchData()["x.csv"]
	benchRead(b, "x.csv", d, len(d))
}

func BenchmarkText(b *testing.B) {
	d := benchData()["x.txt"]
	benchRead(b, "x.txt", d, len(d))
}

func BenchmarkJSONLGzip(b *testing.B) {
	benchRead(b, "x.jsonl.gz", benchGzip(), len(benchData()["x.jsonl"]))
}
