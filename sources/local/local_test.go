package local_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"

	"github.com/residuehq/residue/sources"
	"github.com/residuehq/residue/sources/local"
)

type entry struct {
	name string
	err  error
}

func list(t *testing.T, root string) []entry {
	t.Helper()
	var out []entry
	for o, err := range local.New().List(context.Background(), root) {
		name := o.URL
		if name != "" {
			p, perr := local.Path(o.URL)
			if perr != nil {
				t.Fatal(perr)
			}
			name, _ = filepath.Rel(root, p)
		}
		out = append(out, entry{name, err})
	}
	return out
}

func mustWrite(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestListWalksInOrderAndReportsProblems(t *testing.T) {
	dir := t.TempDir()
	mustWrite(t, filepath.Join(dir, "b.txt"), "b")
	mustWrite(t, filepath.Join(dir, "a", "z.jsonl"), "z")
	mustWrite(t, filepath.Join(dir, "a", "y.csv"), "y")
	mustWrite(t, filepath.Join(dir, ".git", "HEAD"), "ref")
	mustWrite(t, filepath.Join(dir, "target", "t.txt"), "t")
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.Symlink(filepath.Join(dir, "target"), filepath.Join(dir, "c-link")))
	must(os.Symlink(dir, filepath.Join(dir, "a", "loop")))
	must(os.Symlink(filepath.Join(dir, "gone"), filepath.Join(dir, "d-dangling")))
	got := list(t, dir)
	var names []string
	for _, e := range got {
		names = append(names, e.name)
	}
	want := []string{".git", "a/loop", "a/y.csv", "a/z.jsonl", "b.txt", "c-link/t.txt", "d-dangling", "target/t.txt"}
	if !slices.Equal(names, want) {
		t.Fatalf("listed %q, want %q", names, want)
	}
	for _, e := range got {
		switch e.name {
		case ".git":
			if e.err == nil {
				t.Error("version-control directory listed without a reason")
			}
		case "a/loop":
			if !errors.Is(e.err, sources.ErrLoop) {
				t.Errorf("loop: %v", e.err)
			}
		case "d-dangling":
			if !errors.Is(e.err, sources.ErrNotExist) {
				t.Errorf("dangling: %v", e.err)
			}
		default:
			if e.err != nil {
				t.Errorf("%s: %v", e.name, e.err)
			}
		}
	}
}

func TestListRoots(t *testing.T) {
	dir := t.TempDir()
	mustWrite(t, filepath.Join(dir, "one.txt"), "1")
	for _, root := range []string{filepath.Join(dir, "one.txt"), "file://" + filepath.Join(dir, "one.txt"), local.URL(dir)} {
		got := list(t, root)
		if len(got) != 1 || got[0].err != nil {
			t.Errorf("%s: %+v", root, got)
		}
	}
	got := list(t, filepath.Join(dir, "missing"))
	if len(got) != 1 || got[0].name != "" || !errors.Is(got[0].err, sources.ErrNotExist) {
		t.Errorf("missing root: %+v", got)
	}
	if _, err := local.Path("file://otherhost/x"); err == nil {
		t.Error("a remote file URL was accepted")
	}
}

func TestURLRoundTrip(t *testing.T) {
	for _, p := range []string{"/data/part-0.jsonl", "/tmp/with space/and%percent.csv", "/tmp/ünïcode.txt"} {
		u := local.URL(p)
		back, err := local.Path(u)
		if err != nil || back != p {
			t.Errorf("%q -> %q -> %q, %v", p, u, back, err)
		}
	}
	if got := local.URL("/data/part-0.jsonl"); got != "file:///data/part-0.jsonl" {
		t.Errorf("URL = %q", got)
	}
}

// TestHandleReadAt checks the io.ReaderAt contract: exact ranged reads,
// a short read past the end comes with an error, parallel reads agree.
func TestHandleReadAt(t *testing.T) {
	dir := t.TempDir()
	data := bytes.Repeat([]byte("0123456789abcdef"), 4096)
	mustWrite(t, filepath.Join(dir, "f.bin"), string(data))
	st := local.New()
	var obj sources.Object
	for o, err := range st.List(context.Background(), dir) {
		if err != nil {
			t.Fatal(err)
		}
		obj = o
	}
	if obj.Size != int64(len(data)) || obj.Version == "" {
		t.Fatalf("object %+v", obj)
	}
	h, err := st.Open(context.Background(), obj)
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	if h.Size() != int64(len(data)) {
		t.Fatalf("size %d", h.Size())
	}
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 200 {
				off := int64((w*7919 + i*104729) % len(data))
				n := min(int64(100+i), int64(len(data))-off)
				buf := make([]byte, n)
				if _, err := h.ReadAt(buf, off); err != nil && !(errors.Is(err, io.EOF) && off+n == int64(len(data))) {
					t.Errorf("ReadAt(%d, %d): %v", off, n, err)
					return
				}
				if !bytes.Equal(buf, data[off:off+n]) {
					t.Errorf("ReadAt(%d, %d) returned other bytes", off, n)
					return
				}
			}
		}()
	}
	wg.Wait()
	buf := make([]byte, 10)
	if n, err := h.ReadAt(buf, int64(len(data))-4); n != 4 || err == nil {
		t.Errorf("read past the end: n=%d err=%v, want 4 and an error", n, err)
	}
	if _, err := st.Open(context.Background(), sources.Object{URL: local.URL(filepath.Join(dir, "nope"))}); !errors.Is(err, sources.ErrNotExist) {
		t.Errorf("open missing: %v", err)
	}
}

func TestListCancel(t *testing.T) {
	dir := t.TempDir()
	for i := range 50 {
		mustWrite(t, filepath.Join(dir, "d", string(rune('a'+i%26))+string(rune('a'+i/26))+".txt"), "x")
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	n := 0
	for range local.New().List(ctx, dir) {
		n++
		if n == 5 {
			cancel()
		}
	}
	if n > 6 {
		t.Errorf("listed %d entries after cancel at 5", n)
	}
}
