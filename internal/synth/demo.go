package synth

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zstd"
)

// TruthFile and ReadmeFile are written by WriteDemo next to the data. Both
// are free of sensitive values; a scan of the demo directory should report
// nothing in them.
const (
	TruthFile  = "truth.jsonl"
	ReadmeFile = "README.txt"
)

// demoObjects is the demo dataset: every kind, both compressions, and one
// clean object that should produce no finding at all.
var demoObjects = []Spec{
	{Object: "prose.jsonl", Kind: ProseJSONL, Rows: 2500, PlantRate: 0.08},
	{Object: "chat.jsonl", Kind: ChatJSONL, Rows: 1200, PlantRate: 0.08},
	{Object: "customers.csv", Kind: CSV, Rows: 2000, PlantRate: 0.05},
	{Object: "customers.tsv", Kind: TSV, Rows: 800, PlantRate: 0.05},
	{Object: "app.log", Kind: TextLog, Rows: 6000, PlantRate: 0.02},
	{Object: "forum.jsonl.gz", Kind: ProseJSONL, Rows: 1500, PlantRate: 0.05},
	{Object: "events.log.zst", Kind: TextLog, Rows: 6000, PlantRate: 0.01},
	{Object: "clean.jsonl", Kind: ProseJSONL, Rows: 500, Clean: true},
}

const demoReadme = `This directory was made by residue's synthetic data generator for the demo.
Every sensitive value in it is random and belongs to no one, but each one is
valid for its kind (checksums, ranges and formats), so residue treats it as
real.

  prose.jsonl      forum-style posts, {"id","text","meta"}
  chat.jsonl       chat transcripts, {"id","messages":[{"role","content"}]}
  customers.csv    a customer table with a free-text notes column
  customers.tsv    the same table, tab-separated
  app.log          service logs, with the odd key dumped over several lines
  forum.jsonl.gz   more posts, gzip-compressed
  events.log.zst   more logs, zstd-compressed
  clean.jsonl      posts with nothing sensitive in them

truth.jsonl lists where every planted value is (object, row, field, byte
offset and length, info type) and never the value itself: scan this
directory with residue and compare its findings with that list.
`

// WriteDemo writes the demo dataset into dir (created if missing), with a
// README and the truth file, and returns the truth with values, so a demo
// or an end-to-end test can compare a scan's report with what was planted.
// The same seed writes the same bytes.
func WriteDemo(dir string, seed uint64) ([]Truth, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	var truths []Truth
	for i, spec := range demoObjects {
		spec.Seed = mix(seed + uint64(i))
		if err := writeObject(filepath.Join(dir, spec.Object), spec, func(t Truth) { truths = append(truths, t) }); err != nil {
			return nil, fmt.Errorf("synth: writing %s: %w", spec.Object, err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, ReadmeFile), []byte(demoReadme), 0o644); err != nil {
		return nil, err
	}
	f, err := os.Create(filepath.Join(dir, TruthFile))
	if err != nil {
		return nil, err
	}
	if err := WriteTruth(f, truths); err != nil {
		f.Close()
		return nil, err
	}
	return truths, f.Close()
}

// writeObject writes one object, compressed as its extension says.
func writeObject(path string, spec Spec, onTruth func(Truth)) (err error) {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, f.Close()) }()
	var w io.Writer = f
	var closer io.Closer
	switch filepath.Ext(path) {
	case ".gz":
		zw := gzip.NewWriter(f) // zero header: no name or time, so output is reproducible
		w, closer = zw, zw
	case ".zst":
		zw, err := zstd.NewWriter(f, zstd.WithEncoderConcurrency(1))
		if err != nil {
			return err
		}
		w, closer = zw, zw
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	if _, err := Write(bw, spec, onTruth); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if closer != nil {
		return closer.Close()
	}
	return nil
}
