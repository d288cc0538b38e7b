package evidence

import (
	"bufio"
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// The files of a bundle. Reports are reports/report-<id>.json.
const (
	FileReports   = "reports.json"
	FileVerdicts  = "verdicts.json"
	FileFindings  = "findings.csv"
	FileEstimates = "estimates.csv"
	FileObjects   = "objects.csv"
	FileSARIF     = "findings.sarif"
	FileLineage   = "lineage.json"
	FileBOM       = "bom.cdx.json"
	FileIndex     = "index.html"
	FileSums      = "SHA256SUMS"
	EnvelopeFile  = "manifest.dsse.json"
	reportsDir    = "reports"
)

// maxEnvelope caps what verify reads of an envelope: enough for the
// manifest of some hundred thousand files, and a bound on a hostile one.
const maxEnvelope = 64 << 20

// seal lists and digests every file of dir, writes SHA256SUMS, and signs
// the manifest: an in-toto Statement whose subjects are the files (the
// sums file included) in a DSSE envelope. It returns every file's name,
// the envelope's included.
func seal(ctx context.Context, dir string, s Signer, p Predicate) ([]string, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("seal the bundle: %w", err)
	}
	defer root.Close()
	var names []string
	err = fs.WalkDir(root.FS(), ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		if !d.Type().IsRegular() {
			return fmt.Errorf("%s is not a regular file", name)
		}
		names = append(names, name)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("seal the bundle: %w", err)
	}
	slices.Sort(names)
	var subjects []Subject
	var sums bytes.Buffer
	for _, name := range names {
		d, err := digest(ctx, root, name)
		if err != nil {
			return nil, fmt.Errorf("seal the bundle: %w", err)
		}
		subjects = append(subjects, Subject{Name: name, Digest: map[string]string{"sha256": d}})
		fmt.Fprintf(&sums, "%s  %s\n", d, name)
	}
	if err := writeFile(dir, FileSums, func(w io.Writer) error { _, err := w.Write(sums.Bytes()); return err }); err != nil {
		return nil, err
	}
	sum := sha256.Sum256(sums.Bytes())
	subjects = append(subjects, Subject{Name: FileSums, Digest: map[string]string{"sha256": hex.EncodeToString(sum[:])}})
	slices.SortFunc(subjects, func(a, b Subject) int { return strings.Compare(a.Name, b.Name) })
	st := Statement{Type: StatementType, Subject: subjects, PredicateType: PredicateType, Predicate: p}
	body, err := json.MarshalIndent(st, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("write %s: %w", EnvelopeFile, err)
	}
	env, err := s.Sign(PayloadType, append(body, '\n')).Marshal()
	if err != nil {
		return nil, fmt.Errorf("write %s: %w", EnvelopeFile, err)
	}
	if err := writeFile(dir, EnvelopeFile, func(w io.Writer) error { _, err := w.Write(env); return err }); err != nil {
		return nil, err
	}
	names = append(names, FileSums, EnvelopeFile)
	slices.Sort(names)
	return names, nil
}

// digest is the hex SHA-256 of a file of root.
func digest(ctx context.Context, root *os.Root, name string) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", err
	}
	f, err := root.Open(name)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("read %s: %w", name, err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// Verification is what verify found of a bundle.
type Verification struct {
	Dir   string `json:"dir"`
	KeyID string `json:"key_id"` // of the public key checked against
	// SignatureOK says a signature over the manifest verified under the
	// key; Signature says so in words, or why not.
	SignatureOK bool   `json:"signature_ok"`
	Signature   string `json:"signature"`
	// Statement is the manifest as read (checked only if SignatureOK).
	Statement *Statement `json:"statement,omitempty"`
	// Files counts the files the manifest lists.
	Files   int      `json:"files"`
	Changed []string `json:"changed"`
	Added   []string `json:"added"`
	Removed []string `json:"removed"`
	// Problems are what made the manifest itself unusable or suspect.
	Problems []string `json:"problems"`
}

// OK reports whether the bundle is exactly what was signed.
func (v *Verification) OK() bool {
	return v.SignatureOK && len(v.Changed) == 0 && len(v.Added) == 0 && len(v.Removed) == 0 && len(v.Problems) == 0
}

// Verify checks a bundle against a public key: the manifest's signature,
// then every file against its digest, naming each file changed, added or
// removed. The envelope itself must be byte for byte as written: its
// signed payload is covered by the signature, and the rest may not move.
// An error means the check could not run (no such directory, a file that
// cannot be read); a bundle that fails is a Verification that is not OK.
func Verify(ctx context.Context, dir string, pub ed25519.PublicKey) (*Verification, error) {
	v := &Verification{Dir: dir, KeyID: KeyID(pub), Changed: []string{}, Added: []string{}, Removed: []string{}, Problems: []string{}}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("open bundle: %w", err)
	}
	defer root.Close()
	fi, err := root.Lstat(EnvelopeFile)
	if errors.Is(err, fs.ErrNotExist) {
		v.Removed = append(v.Removed, EnvelopeFile)
		v.Signature = "no manifest: " + EnvelopeFile + " is missing"
		v.Problems = append(v.Problems, v.Signature)
		return v, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", EnvelopeFile, err)
	}
	if !fi.Mode().IsRegular() || fi.Size() > maxEnvelope {
		v.Changed = append(v.Changed, EnvelopeFile)
		v.Signature = "no signature could be read"
		v.Problems = append(v.Problems, EnvelopeFile+": not a regular file of at most 64 MiB")
		return v, nil
	}
	raw, err := root.ReadFile(EnvelopeFile)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", EnvelopeFile, err)
	}
	env, err := ParseEnvelope(raw)
	if err != nil {
		v.Changed = append(v.Changed, EnvelopeFile)
		v.Signature = "no signature could be read"
		v.Problems = append(v.Problems, EnvelopeFile+": "+err.Error())
		return v, nil
	}
	if canon, err := env.Marshal(); err != nil || !bytes.Equal(canon, raw) {
		v.Changed = append(v.Changed, EnvelopeFile)
		v.Problems = append(v.Problems, EnvelopeFile+": altered outside its signed payload")
	}
	if env.PayloadType != PayloadType {
		v.Problems = append(v.Problems, fmt.Sprintf("%s: payload type %q, want %q", EnvelopeFile, env.PayloadType, PayloadType))
	}
	body, err := env.Verify(pub)
	if err == nil {
		v.SignatureOK = true
		v.Signature = "good (ed25519, key " + v.KeyID + ")"
	} else {
		v.Signature = err.Error()
		// A signature that claims this key and fails, or one that
		// verifies under it but names another key, means the manifest is
		// not as written. A signature by another key only may be a wrong
		// --pubkey as much as a forgery, and names no file.
		payload, _ := decode64(env.Payload)
		altered := env.claims(v.KeyID) || env.verifies(pub, payload, "")
		if altered && !slices.Contains(v.Changed, EnvelopeFile) {
			v.Changed = append(v.Changed, EnvelopeFile)
		}
		// Compare against the manifest as it stands all the same: naming
		// the files that differ from it helps whoever looks next.
		if body, err = decode64(env.Payload); err != nil {
			v.Problems = append(v.Problems, EnvelopeFile+": payload is not base64")
			return v, nil
		}
	}
	st, err := ParseStatement(body)
	if err != nil {
		v.SignatureOK = false
		v.Problems = append(v.Problems, EnvelopeFile+": "+err.Error())
		return v, nil
	}
	v.Statement = &st
	v.Files = len(st.Subject)
	want := make(map[string]string, len(st.Subject))
	for _, s := range st.Subject {
		want[s.Name] = s.Digest["sha256"]
	}
	seen := map[string]bool{}
	err = fs.WalkDir(root.FS(), ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || name == EnvelopeFile {
			return nil
		}
		sum, listed := want[name]
		if !listed {
			v.Added = append(v.Added, name)
			return nil
		}
		seen[name] = true
		if !d.Type().IsRegular() {
			v.Changed = append(v.Changed, name)
			return nil
		}
		got, err := digest(ctx, root, name)
		if err != nil {
			return err
		}
		if got != sum {
			v.Changed = append(v.Changed, name)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("verify bundle: %w", err)
	}
	for _, s := range st.Subject {
		if !seen[s.Name] {
			v.Removed = append(v.Removed, s.Name)
		}
	}
	slices.Sort(v.Changed)
	slices.Sort(v.Added)
	slices.Sort(v.Removed)
	return v, nil
}

// writeFile creates dir/name (and its directory) and fills it through a
// buffer; the error names the file.
func writeFile(dir, name string, fill func(w io.Writer) error) error {
	path := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	bw := bufio.NewWriter(f)
	if err := fill(bw); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	return nil
}
