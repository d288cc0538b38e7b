// Package local is the Store for files on local disk, under file:// URLs
// and bare paths.
package local

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"iter"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"

	"github.com/residuehq/residue/sources"
)

// Store reads the local file system. It follows symbolic links, reporting
// loops and dangling links as errors of their entries.
type Store struct{}

var _ sources.Store = Store{}

// New returns the local store.
func New() Store { return Store{} }

// Scheme is "file".
func (Store) Scheme() string { return "file" }

// vcsDirs are skipped with a reason: their contents are compressed object
// stores, not data.
var vcsDirs = map[string]bool{".git": true, ".hg": true, ".svn": true}

// Path turns a root as given (a path, or a file:// URL) into an absolute
// file path.
func Path(root string) (string, error) {
	p := root
	if strings.HasPrefix(strings.ToLower(root), "file:") {
		u, err := url.Parse(root)
		if err != nil {
			return "", fmt.Errorf("parse %q: %w", root, err)
		}
		if u.Host != "" && u.Host != "localhost" {
			return "", fmt.Errorf("file URL %q names host %q: only local files can be read", root, u.Host)
		}
		p = u.Path
		if p == "" {
			p = u.Opaque // file:relative/path
		}
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", fmt.Errorf("resolve %q: %w", root, err)
	}
	return abs, nil
}

// URL is the file:// URL of an absolute path.
func URL(abs string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String()
}

// List walks root depth first, in byte order of the paths below root.
func (Store) List(ctx context.Context, root string) iter.Seq2[sources.Object, error] {
	return func(yield func(sources.Object, error) bool) {
		abs, err := Path(root)
		if err != nil {
			yield(sources.Object{}, &sources.Error{Op: "list", Err: err})
			return
		}
		fi, err := os.Stat(abs)
		if err != nil {
			yield(sources.Object{}, wrap("list", err))
			return
		}
		w := walker{ctx: ctx, yield: yield}
		if fi.IsDir() {
			w.dir(abs, fi)
			return
		}
		w.file(abs, fi)
	}
}

type walker struct {
	ctx       context.Context
	yield     func(sources.Object, error) bool
	ancestors []fs.FileInfo
	stopped   bool
}

func (w *walker) emit(o sources.Object, err error) {
	if !w.stopped && !w.yield(o, err) {
		w.stopped = true
	}
}

func (w *walker) file(path string, fi fs.FileInfo) {
	if !fi.Mode().IsRegular() {
		w.emit(sources.Object{URL: URL(path)}, &sources.Error{Op: "list", Err: fmt.Errorf("not a regular file (%s)", fi.Mode().Type())})
		return
	}
	w.emit(sources.Object{
		URL:      URL(path),
		Size:     fi.Size(),
		Version:  fmt.Sprintf("%x-%x", fi.ModTime().UnixNano(), fi.Size()),
		Modified: fi.ModTime().UTC(),
	}, nil)
}

// dir lists a directory's entries in byte order of their paths below it,
// the order object stores list keys in: a directory sorts as its name and
// a "/", so "a-b" < "a/c" < "a0", where a walk in name order would list
// "a/c" first.
func (w *walker) dir(path string, fi fs.FileInfo) {
	for _, a := range w.ancestors {
		if os.SameFile(a, fi) {
			w.emit(sources.Object{URL: URL(path)}, &sources.Error{Op: "list", Kind: sources.ErrLoop, Err: errors.New("symlink loop: directory is its own ancestor")})
			return
		}
	}
	entries, err := os.ReadDir(path)
	if err != nil {
		w.emit(sources.Object{URL: URL(path)}, wrap("list", err))
		// ReadDir returns the entries it read before the error.
	}
	children := make([]child, 0, len(entries))
	for _, e := range entries {
		if w.stopped || w.ctx.Err() != nil {
			return
		}
		p := filepath.Join(path, e.Name())
		info, err := os.Stat(p) // follows symlinks
		children = append(children, child{entry: e, path: p, info: info, err: err})
	}
	slices.SortStableFunc(children, func(a, b child) int { return strings.Compare(a.key(), b.key()) })
	w.ancestors = append(w.ancestors, fi)
	defer func() { w.ancestors = w.ancestors[:len(w.ancestors)-1] }()
	for _, c := range children {
		if w.stopped || w.ctx.Err() != nil {
			return
		}
		w.child(c)
	}
}

// child is a directory entry and what os.Stat said of it.
type child struct {
	entry fs.DirEntry
	path  string
	info  fs.FileInfo
	err   error
}

// key is the entry's name as it sorts among its siblings.
func (c child) key() string {
	if c.err == nil && c.info.IsDir() {
		return c.entry.Name() + "/"
	}
	return c.entry.Name()
}

func (w *walker) child(c child) {
	p := c.path
	if c.err != nil {
		switch {
		case c.entry.Type()&fs.ModeSymlink != 0 && errors.Is(c.err, fs.ErrNotExist):
			w.emit(sources.Object{URL: URL(p)}, &sources.Error{Op: "list", Kind: sources.ErrNotExist, Err: errors.New("dangling symlink")})
		case errors.Is(c.err, syscall.ELOOP):
			w.emit(sources.Object{URL: URL(p)}, &sources.Error{Op: "list", Kind: sources.ErrLoop, Err: errors.New("symlink loop")})
		default:
			w.emit(sources.Object{URL: URL(p)}, wrap("list", c.err))
		}
		return
	}
	if c.info.IsDir() {
		if vcsDirs[c.entry.Name()] {
			w.emit(sources.Object{URL: URL(p)}, &sources.Error{Op: "list", Err: errors.New("version-control directory")})
			return
		}
		w.dir(p, c.info)
		return
	}
	w.file(p, c.info)
}

// Open opens the object's file for ranged reads.
func (Store) Open(ctx context.Context, o sources.Object) (sources.Handle, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	p, err := Path(o.URL)
	if err != nil {
		return nil, &sources.Error{Op: "open", Err: err}
	}
	f, err := os.Open(p)
	if err != nil {
		return nil, wrap("open", err)
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, wrap("open", err)
	}
	if fi.IsDir() {
		f.Close()
		return nil, &sources.Error{Op: "open", Err: errors.New("is a directory")}
	}
	return &handle{File: f, size: fi.Size()}, nil
}

type handle struct {
	*os.File
	size int64
}

func (h *handle) Size() int64 { return h.size }

// wrap classifies an os error and drops the path it repeats: the URL is
// reported beside the error.
func wrap(op string, err error) error {
	var kind error
	switch {
	case errors.Is(err, fs.ErrNotExist):
		kind = sources.ErrNotExist
	case errors.Is(err, fs.ErrPermission):
		kind = sources.ErrPermission
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return &sources.Error{Op: op, Kind: kind, Err: err}
}

var _ sources.Writer = Store{}

// Put writes the file at url whole, through a temporary file in the same
// folder renamed into place, so a reader never sees half of it.
func (Store) Put(ctx context.Context, url string, data []byte) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if strings.HasSuffix(url, "/") {
		return fmt.Errorf("write %s: name a file, not a folder", url)
	}
	p, err := Path(url)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return fmt.Errorf("write %s: %w", url, err)
	}
	f, err := os.CreateTemp(filepath.Dir(p), "."+filepath.Base(p)+".*")
	if err != nil {
		return fmt.Errorf("write %s: %w", url, err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(f.Name())
		return fmt.Errorf("write %s: %w", url, err)
	}
	if err := f.Close(); err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("write %s: %w", url, err)
	}
	if err := os.Rename(f.Name(), p); err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("write %s: %w", url, err)
	}
	return nil
}
