package sources_test

import (
	"context"
	"iter"
	"testing"

	"github.com/residuehq/residue/sources"
)

type fakeStore struct{ scheme string }

func (f fakeStore) Scheme() string { return f.scheme }
func (f fakeStore) List(context.Context, string) iter.Seq2[sources.Object, error] {
	return func(func(sources.Object, error) bool) {}
}
func (f fakeStore) Open(context.Context, sources.Object) (sources.Handle, error) { return nil, nil }

func TestRegistryResolve(t *testing.T) {
	r := sources.NewRegistry(fakeStore{"file"}, fakeStore{"s3"})
	tests := []struct {
		root, scheme string
		ok           bool
	}{
		{"/data/x", "file", true},
		{"relative/dir", "file", true},
		{"file:///data", "file", true},
		{"S3://bucket/key", "s3", true},
		{"gs://bucket", "", false},
		{"C:/windows/path", "file", true}, // not a scheme: one letter then ":/"
		{"weird:name", "file", true},
	}
	for _, tt := range tests {
		st, _, err := r.Resolve(tt.root)
		if (err == nil) != tt.ok {
			t.Errorf("Resolve(%q) error %v, want ok=%v", tt.root, err, tt.ok)
			continue
		}
		if err == nil && st.Scheme() != tt.scheme {
			t.Errorf("Resolve(%q) = %s, want %s", tt.root, st.Scheme(), tt.scheme)
		}
	}
}

func TestRegistryDuplicatePanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("duplicate scheme accepted")
		}
	}()
	sources.NewRegistry(fakeStore{"file"}, fakeStore{"file"})
}
