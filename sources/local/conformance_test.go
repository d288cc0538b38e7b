package local_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/residuehq/residue/sources"
	"github.com/residuehq/residue/sources/local"
	"github.com/residuehq/residue/sources/storetest"
)

// backend keeps the suite's fixtures as files under a temporary directory.
type backend struct{ dir string }

func (b backend) Store() sources.Store { return local.New() }

func (b backend) path(key string) string { return filepath.Join(b.dir, filepath.FromSlash(key)) }

func (b backend) URL(key string) string { return local.URL(b.path(key)) }

func (b backend) Put(t *testing.T, key string, data []byte) {
	t.Helper()
	p := b.path(key)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func (b backend) Remove(t *testing.T, key string) {
	t.Helper()
	if err := os.Remove(b.path(key)); err != nil {
		t.Fatal(err)
	}
}

// Deny takes every permission away from the file. Root reads it anyway,
// so there the test is skipped.
func (b backend) Deny(t *testing.T, key string) {
	t.Helper()
	if os.Geteuid() == 0 {
		t.Skip("running as root, which reads files whatever their mode")
	}
	p := b.path(key)
	if err := os.Chmod(p, 0); err != nil {
		t.Fatal(err)
	}
	// t.TempDir's cleanup removes the file whatever its mode: the
	// directory, not the file, must be writable.
}

// ListKeys: a directory has no pages; a few hundred files still check
// order and completeness.
func (b backend) ListKeys() int { return 300 }

func TestConformance(t *testing.T) {
	storetest.Run(t, backend{dir: t.TempDir()})
}
