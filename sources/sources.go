package sources

import (
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"strings"
	"time"
)

// Object describes one stored object.
type Object struct {
	URL      string    // file:///abs/path, s3://bucket/key, gs://bucket/key
	Size     int64     //
	Version  string    // ETag, GCS generation, or mtime and size for files
	Modified time.Time //
}

// Handle is an open object: ranged reads in the io.ReaderAt contract (safe
// for parallel use, a short read always comes with an error) plus its size.
type Handle interface {
	io.ReaderAt
	io.Closer
	Size() int64
}

// Store is where bytes live. Implementations must be safe for concurrent use.
type Store interface {
	// Scheme is the URL scheme the store serves ("file", "s3", "gs").
	Scheme() string
	// List yields every object under root once, in byte-wise
	// lexicographic order of the objects' paths below root (keys, for a
	// bucket), so every store lists the same tree in the same order. Root
	// names an object, which is listed alone, or a folder: s3://b/data
	// lists data/..., never database.csv.
	//
	// A problem with one entry (unreadable, a symlink loop) is yielded as
	// that entry's Object, with only URL set, and an error; listing then
	// goes on. A problem with root itself is yielded once with an empty
	// Object, and listing stops; a root with nothing under it (a missing
	// directory, bucket or prefix) is such a problem, wrapping ErrNotExist.
	// Once ctx is done List yields no more objects: at most one error,
	// wrapping ctx.Err().
	List(ctx context.Context, root string) iter.Seq2[Object, error]
	// Open prepares ranged reads of o. A store may trust the size and
	// version of a listed o and contact nothing until the first ReadAt, so
	// a missing or unreadable object (ErrNotExist, ErrPermission) is
	// reported by Open or by the first ReadAt. Reads may be bound to ctx:
	// it must outlive the Handle.
	Open(ctx context.Context, o Object) (Handle, error)
}

// Sentinel errors every store wraps, so callers can use errors.Is whatever
// the backend.
var (
	ErrNotExist   = errors.New("object does not exist")
	ErrPermission = errors.New("permission denied")
	ErrLoop       = errors.New("symlink loop")
)

// Registry maps URL schemes to stores. A bare path means "file".
type Registry struct {
	stores map[string]Store
}

// NewRegistry builds a registry of the given stores; it panics on a
// duplicate scheme, which is a programming error.
func NewRegistry(stores ...Store) *Registry {
	r := &Registry{stores: make(map[string]Store, len(stores))}
	for _, s := range stores {
		if _, dup := r.stores[s.Scheme()]; dup {
			panic(fmt.Sprintf("sources: duplicate store for scheme %q", s.Scheme()))
		}
		r.stores[s.Scheme()] = s
	}
	return r
}

// Resolve returns the store for a root given on the command line and the
// root as that store understands it.
func (r *Registry) Resolve(root string) (Store, string, error) {
	scheme := "file"
	if i := strings.Index(root, "://"); i > 0 && isScheme(root[:i]) {
		scheme = strings.ToLower(root[:i])
	}
	s, ok := r.stores[scheme]
	if !ok {
		return nil, "", fmt.Errorf("no store for %q: scheme %q is not supported", root, scheme)
	}
	return s, root, nil
}

func isScheme(s string) bool {
	for i, c := range s {
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		default:
			return false
		}
	}
	return true
}

// Error is a failed operation on one object or root. Kind is one of the
// sentinel errors (or nil), so errors.Is(err, ErrNotExist) works whatever
// the backend; Err is the backend's own error.
type Error struct {
	Op   string // "list", "open", "read"
	Kind error
	Err  error
}

func (e *Error) Error() string {
	return e.Op + ": " + e.Err.Error()
}

// Unwrap lets errors.Is see both the sentinel and the backend error.
func (e *Error) Unwrap() []error {
	if e.Kind == nil {
		return []error{e.Err}
	}
	return []error{e.Kind, e.Err}
}

// Writer is a Store that can also write objects: where the shards of a
// sharded scan leave their reports. Put replaces the object at url whole.
type Writer interface {
	Put(ctx context.Context, url string, data []byte) error
}
