package main

import (
	"context"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/residuehq/residue/evidence"
)

type verifyOptions struct {
	pubkey string
	format string
}

func newVerifyCommand(e *env, g *globals) *cobra.Command {
	o := &verifyOptions{}
	cmd := &cobra.Command{
		Use:   "verify DIR [--pubkey FILE]",
		Short: "Check an evidence bundle's signature and every file's digest",
		Long: `Check a bundle written by 'residue export': the ed25519 signature over its
manifest (manifest.dsse.json, an in-toto statement in a DSSE envelope), then
every file against the manifest's SHA-256, naming each file changed, added
or removed.

The public key is --pubkey (the signing.pub the export printed), else
signing.pub in the state directory. Exit 0 when everything matches, 1 when
the bundle does not verify, 2 when the check could not run.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runVerify(cmd.Context(), e, g, o, args[0])
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.pubkey, "pubkey", "", "ed25519 public key (PEM) to check the signature with (default signing.pub in the state directory)")
	f.StringVar(&o.format, "format", "text", "output format: text or json")
	return cmd
}

func runVerify(ctx context.Context, e *env, g *globals, o *verifyOptions, dir string) error {
	if o.format != "text" && o.format != "json" {
		return fmt.Errorf("--format %q: want text or json", o.format)
	}
	pub, err := g.verifyKey(e, o.pubkey)
	if err != nil {
		return err
	}
	v, err := evidence.Verify(ctx, dir, pub)
	if err != nil {
		return err
	}
	if o.format == "json" {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(verifyJSON{Verification: v, OK: v.OK()}); err != nil {
			return err
		}
	} else {
		printVerification(e.stdout, v)
	}
	if !v.OK() {
		return &failure{msg: fmt.Sprintf("bundle %s does not verify: %s", dir, verdictLine(v))}
	}
	return nil
}

// verifyJSON is verify's --format json: the verification and its
// outcome.
type verifyJSON struct {
	*evidence.Verification
	OK bool `json:"ok"`
}

// verifyKey loads the public key a bundle is checked with. A missing key
// is a reason the check cannot run, not a failed bundle.
func (g *globals) verifyKey(e *env, path string) (ed25519.PublicKey, error) {
	if path == "" {
		dir, err := g.resolveStateDir(e)
		if err != nil {
			return nil, err
		}
		path = filepath.Join(dir, evidence.PublicKeyFile)
		pub, err := evidence.LoadPublicKey(path)
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("no public key at %s: give --pubkey FILE, the signing.pub 'residue export' printed", path)
		}
		return pub, err
	}
	return evidence.LoadPublicKey(path)
}

func printVerification(w io.Writer, v *evidence.Verification) {
	fmt.Fprintf(w, "bundle:    %s\n", v.Dir)
	if v.Statement != nil {
		p := v.Statement.Predicate
		unverified := ""
		if !v.SignatureOK {
			unverified = " (so the manifest says; it is not verified)"
		}
		fmt.Fprintf(w, "written:   %s by %s %s%s\n", p.Created.UTC().Format("2006-01-02T15:04:05Z"), p.Tool.Name, p.Tool.Version, unverified)
	}
	fmt.Fprintf(w, "signature: %s\n", strings.TrimPrefix(v.Signature, "signature "))
	for _, p := range v.Problems {
		fmt.Fprintf(w, "problem:   %s\n", p)
	}
	for _, n := range v.Changed {
		fmt.Fprintf(w, "changed:   %s\n", n)
	}
	for _, n := range v.Added {
		fmt.Fprintf(w, "added:     %s\n", n)
	}
	for _, n := range v.Removed {
		fmt.Fprintf(w, "removed:   %s\n", n)
	}
	if v.OK() {
		fmt.Fprintf(w, "OK: the signature is good and all %d files match\n", v.Files)
		return
	}
	fmt.Fprintf(w, "FAILED: %s\n", verdictLine(v))
}

// verdictLine says in one line why a bundle failed.
func verdictLine(v *evidence.Verification) string {
	var parts []string
	if !v.SignatureOK {
		parts = append(parts, "the signature does not verify")
	}
	for _, c := range []struct {
		n    int
		what string
	}{{len(v.Changed), "changed"}, {len(v.Added), "added"}, {len(v.Removed), "removed"}} {
		if c.n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s %s", c.n, fileWord(c.n), c.what))
		}
	}
	if len(parts) == 0 {
		parts = append(parts, strings.Join(v.Problems, "; "))
	}
	return strings.Join(parts, ", ")
}

func fileWord(n int) string {
	if n == 1 {
		return "file"
	}
	return "files"
}
