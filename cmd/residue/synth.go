package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/residuehq/residue/internal/synth"
)

func newSynthCommand(e *env) *cobra.Command {
	var (
		kind, out, truthOut string
		size                string
		rows, files         int
		rowGroup            int
		layout, shape, comp string
		rate                float64
		seed                uint64
		clean               bool
	)
	cmd := &cobra.Command{
		Use:   "synth --kind KIND --out FILE",
		Short: "Generate a synthetic dataset with planted values (for tests and benchmarks)",
		Long: `Generate one synthetic dataset object with sensitive values planted at a
known rate, deterministically from --seed. Kinds: prose-jsonl, chat-jsonl,
csv, tsv, log. --truth writes where every value was planted (never the
values).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if layout != "" {
				if rows <= 0 || out == "" || out == "-" {
					return fmt.Errorf("--layout needs --rows and --out DIR")
				}
				var truths []synth.Truth
				ds := synth.ColumnarDataset{
					Shape: synth.Shape(shape), Splits: []synth.Split{{Name: "train", Rows: rows, Files: max(files, 1)}},
					PlantRate: rate, Seed: seed, Clean: clean, RowGroupRows: rowGroup, Compression: comp,
				}
				st, err := synth.WriteColumnarFiles(out, synth.Layout(layout), ds, synth.HubName, func(t synth.Truth) {
					if truthOut != "" {
						truths = append(truths, t)
					}
				})
				if err != nil {
					return err
				}
				if err := writeTruth(truthOut, truths); err != nil {
					return err
				}
				fmt.Fprintf(e.stderr, "wrote %d rows in %d files, %d bytes of text, %d planted values\n", st.Rows, max(files, 1), st.Bytes, st.Truths)
				return nil
			}
			n, err := parseSize(size)
			if err != nil {
				return fmt.Errorf("--bytes: %w", err)
			}
			if n <= 0 && rows <= 0 {
				return fmt.Errorf("give --bytes or --rows")
			}
			var w io.Writer = e.stdout
			if out != "" && out != "-" {
				f, err := os.Create(out)
				if err != nil {
					return err
				}
				defer f.Close()
				w = f
			}
			bw := bufio.NewWriterSize(w, 1<<20)
			var truths []synth.Truth
			spec := synth.Spec{Kind: synth.Kind(kind), Object: out, Rows: rows, Bytes: n, PlantRate: rate, Seed: seed, Clean: clean}
			onTruth := func(t synth.Truth) {
				if truthOut != "" {
					truths = append(truths, t)
				}
			}
			st, err := synth.Write(bw, spec, onTruth)
			if err != nil {
				return err
			}
			if err := bw.Flush(); err != nil {
				return err
			}
			if f, ok := w.(*os.File); ok && f != os.Stdout {
				if err := f.Close(); err != nil {
					return err
				}
			}
			if err := writeTruth(truthOut, truths); err != nil {
				return err
			}
			fmt.Fprintf(e.stderr, "wrote %d records, %d rows, %d bytes, %d planted values\n", st.Records, st.Rows, st.Bytes, st.Truths)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&kind, "kind", "chat-jsonl", "dataset kind: prose-jsonl, chat-jsonl, csv, tsv, log")
	f.StringVar(&out, "out", "-", "output file (- for standard output)")
	f.StringVar(&truthOut, "truth", "", "write the planted locations (never values) as JSON lines to this file")
	f.StringVar(&size, "bytes", "", "write at least this many bytes (e.g. 64M, 2G)")
	f.IntVar(&rows, "rows", 0, "write this many records")
	f.Float64Var(&rate, "plant-rate", synth.DefaultPlantRate, "share of records that carry a planted value")
	f.Uint64Var(&seed, "seed", 1, "seed: the same seed writes the same bytes")
	f.BoolVar(&clean, "clean", false, "plant nothing")
	f.StringVar(&layout, "layout", "", "write a columnar dataset into the directory --out instead: parquet, arrow or arrow-stream (hub layout data/train-0000N-of-0000M)")
	f.StringVar(&shape, "shape", "chat", "with --layout: chat, prose or tabular")
	f.IntVar(&files, "files", 1, "with --layout: files to spread the rows over")
	f.IntVar(&rowGroup, "row-group-rows", 0, "with --layout: rows per row group or record batch (default 10,000 Parquet, 1,000 Arrow)")
	f.StringVar(&comp, "compression", "", "with --layout: snappy (Parquet default), gzip, zstd, lz4, brotli, none")
	return cmd
}

// writeTruth writes planted locations (never values) when path is set.
func writeTruth(path string, truths []synth.Truth) error {
	if path == "" {
		return nil
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := synth.WriteTruth(f, truths); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// parseSize reads a byte count with an optional K, M or G suffix (powers of
// 1000, as disks and object stores count).
func parseSize(s string) (int64, error) {
	if s == "" {
		return 0, nil
	}
	mult := int64(1)
	switch strings.ToUpper(s[len(s)-1:]) {
	case "K":
		mult = 1e3
	case "M":
		mult = 1e6
	case "G":
		mult = 1e9
	}
	if mult > 1 {
		s = s[:len(s)-1]
	}
	var n int64
	if _, err := fmt.Sscan(s, &n); err != nil || n < 0 {
		return 0, fmt.Errorf("%q is not a byte count", s)
	}
	return n * mult, nil
}
