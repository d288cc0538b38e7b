package format_test

import (
	"bytes"
	"context"
	"sync"
	"testing"

	"github.com/residuehq/residue/internal/synth"
	"github.com/residuehq/residue/sources/format"
)

// benchColumnar is a chat dataset of about 64 MiB of text, made once.
var benchColumnar = sync.OnceValue(func() map[synth.Layout][]byte {
	out := map[synth.Layout][]byte{}
	for _, l := range []synth.Layout{synth.ParquetFile, synth.ArrowStream} {
		var buf bytes.Buffer
		if _, err := synth.WriteColumnar(&buf, synth.ColumnarSpec{Shape: synth.ChatShape, Layout: l, Rows: 48000, Seed: 1}, nil); err != nil {
			panic(err)
		}
		out[l] = buf.Bytes()
	}
	return out
})

// benchReadAll reads every unit of data in one goroutine; SetBytes is the
// text the fields hold (decompressed string bytes).
func benchReadAll(b *testing.B, name string, data []byte) {
	r, err := format.Open(context.Background(), bytes.NewReader(data), int64(len(data)), name, format.Options{})
	if err != nil {
		b.Fatal(err)
	}
	var text, fields int64
	readAll := func() {
		text, fields = 0, 0
		for _, u := range r.Units() {
			_, err := r.Read(context.Background(), u.Index, format.ReadOptions{}, func(rc *format.Record) error {
				for _, f := range rc.Fields {
					text += int64(len(f.Text))
				}
				fields += int64(len(rc.Fields))
				return nil
			})
			if err != nil {
				b.Fatal(err)
			}
		}
	}
	readAll()
	b.SetBytes(text)
	b.ReportAllocs()
	cpu0 := cpuTime()
	for b.Loop() {
		readAll()
	}
	if cpu := cpuTime() - cpu0; cpu > 0 {
		b.ReportMetric(float64(text)*float64(b.N)/cpu.Seconds()/1e6, "MB/cpu-s")
	}
	b.ReportMetric(float64(fields), "fields/op")
	b.ReportMetric(float64(len(data))/(1<<20), "file-MiB")
}

func BenchmarkParquetChat(b *testing.B) {
	benchReadAll(b, "chat.parquet", benchColumnar()[synth.ParquetFile])
}

func BenchmarkArrowStreamChat(b *testing.B) {
	benchReadAll(b, "data-00000-of-00001.arrow", benchColumnar()[synth.ArrowStream])
}
