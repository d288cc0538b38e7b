package evidence_test

import (
	"context"
	"crypto/ed25519"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/residuehq/residue/evidence"
)

func verify(t *testing.T, dir string, pub ed25519.PublicKey) *evidence.Verification {
	t.Helper()
	v, err := evidence.Verify(context.Background(), dir, pub)
	if err != nil {
		t.Fatalf("verify: %v", err)
	}
	return v
}

// copyBundle copies a bundle so each tampering starts from a good one.
func copyBundle(t *testing.T, src string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "copy")
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	return dst
}

// TestVerifyRoundTrip: an export verifies, with every file checked.
func TestVerifyRoundTrip(t *testing.T) {
	f := newFixture(t)
	dir, res := f.export(t, evidence.Scope{})
	v := verify(t, dir, f.pub)
	if !v.OK() || !v.SignatureOK || v.Files != len(res.Files)-1 {
		t.Fatalf("a fresh bundle does not verify: %+v", v)
	}
	if v.Statement.Predicate.Tool.Version != "test" || v.Statement.Predicate.KeyID != f.signer.KeyID() {
		t.Errorf("predicate: %+v", v.Statement.Predicate)
	}
}

// TestVerifyFlippedByte: one byte changed anywhere, in any file, the
// manifest included, fails verification and names the file.
func TestVerifyFlippedByte(t *testing.T) {
	f := newFixture(t)
	dir, res := f.export(t, evidence.Scope{})
	c := copyBundle(t, dir)
	for _, name := range res.Files {
		size := fileSize(t, filepath.Join(c, name))
		// The manifest is checked at many places, the others at their
		// start, middle and end: a digest sees any byte the same.
		offsets := []int64{0, size / 2, size - 1}
		if name == evidence.EnvelopeFile {
			offsets = nil
			for off := int64(0); off < size; off += 13 {
				offsets = append(offsets, off)
			}
		}
		for _, off := range offsets {
			flip(t, filepath.Join(c, name), off)
			v := verify(t, c, f.pub)
			flip(t, filepath.Join(c, name), off) // and back
			if v.OK() || !slices.Contains(v.Changed, name) {
				t.Fatalf("%s with byte %d flipped: ok %v, changed %q, problems %q", name, off, v.OK(), v.Changed, v.Problems)
			}
			if name != evidence.EnvelopeFile && len(v.Changed) != 1 {
				t.Errorf("%s flipped: changed %q, want it alone", name, v.Changed)
			}
		}
	}
	if v := verify(t, c, f.pub); !v.OK() {
		t.Fatalf("every byte flipped back, the bundle does not verify: %+v", v)
	}
}

// TestVerifyAddedRemoved: a deleted file is named removed, a new one
// (at the top or in reports/) added.
func TestVerifyAddedRemoved(t *testing.T) {
	f := newFixture(t)
	dir, res := f.export(t, evidence.Scope{})
	for _, name := range res.Files {
		c := copyBundle(t, dir)
		if err := os.Remove(filepath.Join(c, name)); err != nil {
			t.Fatal(err)
		}
		v := verify(t, c, f.pub)
		if v.OK() || !slices.Equal(v.Removed, []string{name}) {
			t.Errorf("%s removed: ok %v, removed %q", name, v.OK(), v.Removed)
		}
	}
	for _, name := range []string{"extra.txt", "reports/report-99.json", "new/dir/file"} {
		c := copyBundle(t, dir)
		p := filepath.Join(c, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("{}"), 0o644); err != nil {
			t.Fatal(err)
		}
		v := verify(t, c, f.pub)
		if v.OK() || !slices.Equal(v.Added, []string{name}) || len(v.Changed)+len(v.Removed) != 0 {
			t.Errorf("%s added: ok %v, added %q, changed %q, removed %q", name, v.OK(), v.Added, v.Changed, v.Removed)
		}
	}
	// A symbolic link where a file was is not the file.
	c := copyBundle(t, dir)
	p := filepath.Join(c, "findings.csv")
	if err := os.Remove(p); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("objects.csv", p); err != nil {
		t.Fatal(err)
	}
	if v := verify(t, c, f.pub); v.OK() || !slices.Equal(v.Changed, []string{"findings.csv"}) {
		t.Errorf("findings.csv a symlink: ok %v, changed %q", v.OK(), v.Changed)
	}
}

// TestVerifyWrongKey: a bundle checked against another key fails on its
// signature, though every digest matches.
func TestVerifyWrongKey(t *testing.T) {
	f := newFixture(t)
	dir, _ := f.export(t, evidence.Scope{})
	other, _, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	v := verify(t, dir, other)
	if v.OK() || v.SignatureOK || len(v.Changed)+len(v.Added)+len(v.Removed) != 0 {
		t.Fatalf("wrong key: %+v", v)
	}
}

// TestVerifyResigned: someone who edits a file and re-signs the manifest
// with their own key is caught by the key check.
func TestVerifyResigned(t *testing.T) {
	f := newFixture(t)
	dir, _ := f.export(t, evidence.Scope{})
	_, mallory, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join(dir, evidence.EnvelopeFile))
	if err != nil {
		t.Fatal(err)
	}
	env, err := evidence.ParseEnvelope(raw)
	if err != nil {
		t.Fatal(err)
	}
	body, err := env.Verify(f.pub)
	if err != nil {
		t.Fatal(err)
	}
	forged, err := evidence.Signer{Key: mallory}.Sign(evidence.PayloadType, body).Marshal()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, evidence.EnvelopeFile), forged, 0o644); err != nil {
		t.Fatal(err)
	}
	if v := verify(t, dir, f.pub); v.OK() || v.SignatureOK {
		t.Fatalf("a manifest re-signed by another key verifies: %+v", v)
	}
}

// TestVerifyCannotRun: no such directory is an error, not a failed
// bundle.
func TestVerifyCannotRun(t *testing.T) {
	pub, _, _ := ed25519.GenerateKey(nil)
	if _, err := evidence.Verify(context.Background(), filepath.Join(t.TempDir(), "none"), pub); err == nil {
		t.Fatal("verify of a missing directory: no error")
	}
}

func fileSize(t *testing.T, path string) int64 {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Size()
}

func flip(t *testing.T, path string, off int64) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	b[off] ^= 0x01
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}
