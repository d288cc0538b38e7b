package synth

import (
	"bufio"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
)

// Split is one split of a multi-file dataset.
type Split struct {
	Name  string // "train", "test", …
	Rows  int
	Files int // at least 1
}

// ColumnarDataset describes a dataset of several columnar objects. Each
// file has its own seed, derived from Seed and its place in the dataset.
type ColumnarDataset struct {
	Shape        Shape
	Splits       []Split
	PlantRate    float64
	InfoTypes    []string
	Clean        bool
	Seed         uint64
	RowGroupRows int
	Compression  string
	PageVersion  int
}

// colFile is one object of a dataset.
type colFile struct {
	path string // relative to the dataset directory
	spec ColumnarSpec
}

func (ds *ColumnarDataset) files(layout Layout, name func(split string, k, n int) string) ([]colFile, error) {
	var out []colFile
	for _, sp := range ds.Splits {
		if sp.Name == "" || sp.Files < 1 || sp.Rows < 0 {
			return nil, fmt.Errorf("synth: split %q needs a name, a file and rows", sp.Name)
		}
		for k := range sp.Files {
			rows := sp.Rows / sp.Files
			if k < sp.Rows%sp.Files {
				rows++
			}
			p := name(sp.Name, k, sp.Files)
			out = append(out, colFile{path: p, spec: ColumnarSpec{
				Shape: ds.Shape, Layout: layout, Object: p, Rows: rows,
				PlantRate: ds.PlantRate, InfoTypes: ds.InfoTypes, Clean: ds.Clean,
				Seed: mix(ds.Seed + uint64(len(out))), RowGroupRows: ds.RowGroupRows,
				Compression: ds.Compression, PageVersion: ds.PageVersion,
			}})
		}
	}
	return out, nil
}

// WriteColumnarFiles writes the files of a dataset into dir, several at a
// time, each made on all cores with memory bounded by a few row groups,
// so a dataset of any size (twenty files and five million chat rows, 2 GB,
// take well under a minute on two cores) is written in constant memory.
// Truths go to onTruth (serialised; a file's in row order, files
// interleaved) as they are made.
func WriteColumnarFiles(dir string, layout Layout, ds ColumnarDataset, name func(split string, k, n int) string, onTruth func(Truth)) (Stats, error) {
	files, err := ds.files(layout, name)
	if err != nil {
		return Stats{}, err
	}
	var (
		mu    sync.Mutex
		total Stats
		errs  []error
		wg    sync.WaitGroup
		next  = make(chan colFile)
	)
	truth := func(t Truth) {
		if onTruth != nil {
			mu.Lock()
			onTruth(t)
			mu.Unlock()
		}
	}
	for range min(runtime.GOMAXPROCS(0), 4, len(files)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range next {
				st, err := writeColumnarFile(filepath.Join(dir, filepath.FromSlash(f.path)), f.spec, truth)
				mu.Lock()
				if err != nil {
					errs = append(errs, fmt.Errorf("synth: writing %s: %w", f.path, err))
				}
				total.Records += st.Records
				total.Rows += st.Rows
				total.Bytes += st.Bytes
				total.Truths += st.Truths
				mu.Unlock()
			}
		}()
	}
	for _, f := range files {
		next <- f
	}
	close(next)
	wg.Wait()
	return total, errors.Join(errs...)
}

func writeColumnarFile(path string, spec ColumnarSpec, onTruth func(Truth)) (st Stats, err error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return st, err
	}
	f, err := os.Create(path)
	if err != nil {
		return st, err
	}
	defer func() { err = errors.Join(err, f.Close()) }()
	bw := bufio.NewWriterSize(f, 1<<20)
	if st, err = WriteColumnar(bw, spec, onTruth); err != nil {
		return st, err
	}
	return st, bw.Flush()
}

// collect runs a dataset writer and returns its truths sorted by object,
// row, field and offset, so the result does not depend on scheduling.
func collect(write func(func(Truth)) (Stats, error)) ([]Truth, error) {
	var truths []Truth
	_, err := write(func(t Truth) { truths = append(truths, t) })
	slices.SortStableFunc(truths, func(a, b Truth) int {
		return cmp.Or(cmp.Compare(a.Object, b.Object), cmp.Compare(a.Row, b.Row),
			cmp.Compare(a.Field, b.Field), cmp.Compare(a.Offset, b.Offset))
	})
	return truths, err
}

// HubName is the Hugging Face Hub's Parquet layout:
// data/train-00000-of-00004.parquet.
func HubName(split string, k, n int) string {
	return fmt.Sprintf("data/%s-%05d-of-%05d.parquet", split, k, n)
}

// SaveToDiskName is datasets' save_to_disk layout:
// train/data-00000-of-00002.arrow.
func SaveToDiskName(split string, k, n int) string {
	return fmt.Sprintf("%s/data-%05d-of-%05d.arrow", split, k, n)
}

// WriteHubParquet writes ds into dir as a dataset repository on the Hub
// holds it in Parquet (data/<split>-0000N-of-0000M.parquet), with a truth
// file, and returns the truth with values.
func WriteHubParquet(dir string, ds ColumnarDataset) ([]Truth, error) {
	truths, err := collect(func(fn func(Truth)) (Stats, error) {
		return WriteColumnarFiles(dir, ParquetFile, ds, HubName, fn)
	})
	if err != nil {
		return nil, err
	}
	return truths, writeTruthFile(dir, truths)
}

// WriteSaveToDisk writes ds into dir as datasets' DatasetDict.save_to_disk
// does: dataset_dict.json, and for each split a folder with its Arrow IPC
// streams (data-0000N-of-0000M.arrow), dataset_info.json and state.json.
// The truth file goes next to dataset_dict.json.
func WriteSaveToDisk(dir string, ds ColumnarDataset) ([]Truth, error) {
	truths, err := collect(func(fn func(Truth)) (Stats, error) {
		return WriteColumnarFiles(dir, ArrowStream, ds, SaveToDiskName, fn)
	})
	if err != nil {
		return nil, err
	}
	var names []string
	for _, sp := range ds.Splits {
		names = append(names, sp.Name)
		var files []map[string]string
		for k := range sp.Files {
			files = append(files, map[string]string{"filename": filepath.Base(SaveToDiskName(sp.Name, k, sp.Files))})
		}
		state := map[string]any{
			"_data_files": files, "_fingerprint": fmt.Sprintf("%016x", mix(ds.Seed)^uint64(len(names))),
			"_format_columns": nil, "_format_kwargs": map[string]any{}, "_format_type": nil,
			"_output_all_columns": false, "_split": sp.Name,
		}
		info := map[string]any{
			"citation": "", "description": "synthetic data with planted sensitive values (residue)",
			"features": hfFeatures(ds.Shape), "homepage": "", "license": "",
		}
		if err := writeJSON(filepath.Join(dir, sp.Name, "state.json"), state); err != nil {
			return nil, err
		}
		if err := writeJSON(filepath.Join(dir, sp.Name, "dataset_info.json"), info); err != nil {
			return nil, err
		}
	}
	if err := writeJSON(filepath.Join(dir, "dataset_dict.json"), map[string]any{"splits": names}); err != nil {
		return nil, err
	}
	return truths, writeTruthFile(dir, truths)
}

func hfFeatures(shape Shape) map[string]any {
	value := func(t string) map[string]string { return map[string]string{"dtype": t, "_type": "Value"} }
	switch shape {
	case ChatShape:
		return map[string]any{"id": value("int64"), "messages": []any{map[string]any{"role": value("string"), "content": value("string")}}}
	case ProseShape:
		return map[string]any{"id": value("int64"), "text": value("string"),
			"meta": map[string]any{"source": value("string"), "author_email": value("string")}}
	}
	f := map[string]any{"id": value("int64")}
	for _, c := range tabularColumns {
		f[c] = value("string")
	}
	return f
}

func writeJSON(path string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, append(b, '\n'), 0o644)
}

func writeTruthFile(dir string, truths []Truth) error {
	f, err := os.Create(filepath.Join(dir, TruthFile))
	if err != nil {
		return err
	}
	return errors.Join(WriteTruth(f, truths), f.Close())
}
