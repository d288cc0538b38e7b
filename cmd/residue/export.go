package main

import (
	"context"
	"crypto/ed25519"
	"fmt"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/residuehq/residue/evidence"
	"github.com/residuehq/residue/lineage"
)

type exportOptions struct {
	out       string
	since     string
	datasets  []string
	models    []string
	key       string
	dataOwner string
}

func newExportCommand(e *env, g *globals) *cobra.Command {
	o := &exportOptions{}
	cmd := &cobra.Command{
		Use:   "export --out DIR [--since T] [--dataset URI]... [--model URI]...",
		Short: "Write a signed evidence bundle: reports, verdicts, findings, lineage, SARIF, an ML-BOM",
		Long: `Write a compliance evidence bundle into DIR (which must not exist, or be
empty): the recorded scan reports and gate verdicts (JSON), findings and
estimates (CSV), the findings as SARIF 2.1.0, a lineage snapshot (datasets,
versions, runs, models, revocations, remediations, statuses with their
paths), a CycloneDX 1.6 ML-BOM, a readable index.html, and SHA256SUMS.

The manifest, manifest.dsse.json, is an in-toto statement of every file's
SHA-256 in a DSSE envelope signed with an ed25519 key: signing.key in the
state directory (created 0600 on first use, signing.pub beside it), or
--key. Check a bundle with 'residue verify DIR --pubkey signing.pub'.

--dataset keeps those datasets and what was made from them (derived
datasets, the models trained on them); --model keeps those models (URI for
every version, URI@V for one) and what they were made from. --since keeps
the records made at or after T. The bundle holds masked previews and keyed
fingerprints, never values. See docs/evidence.md.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runExport(cmd.Context(), e, g, o)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.out, "out", "", "directory to write the bundle into (must not exist, or be empty)")
	f.StringVar(&o.since, "since", "", "only records made at or after this time (RFC 3339 or YYYY-MM-DD)")
	f.StringArrayVar(&o.datasets, "dataset", nil, "only this dataset (URI or path) and what was made from it; repeatable")
	f.StringArrayVar(&o.models, "model", nil, "only this model (URI, or URI@V for one version) and what it was made from; repeatable")
	f.StringVar(&o.key, "key", "", "ed25519 private key (PKCS #8 PEM) to sign with (default signing.key in the state directory)")
	f.StringVar(&o.dataOwner, "data-owner", "", "organization that owns the data, named in the ML-BOM's data governance")
	return cmd
}

func runExport(ctx context.Context, e *env, g *globals, o *exportOptions) error {
	if o.out == "" {
		return fmt.Errorf("--out: give the directory to write the bundle into")
	}
	var sc evidence.Scope
	if o.since != "" {
		t, err := parseWhen(o.since, time.Time{})
		if err != nil {
			return fmt.Errorf("--since: %w", err)
		}
		sc.Since = t
	}
	for _, d := range o.datasets {
		uri, err := datasetURI(d)
		if err != nil {
			return fmt.Errorf("--dataset %s: %w", d, err)
		}
		sc.Datasets = append(sc.Datasets, uri)
	}
	for _, m := range o.models {
		ref, err := parseRef(lineage.KindModel, m)
		if err != nil {
			return fmt.Errorf("--model: %w", err)
		}
		if ref.Version != "" {
			ref.URI += "@" + ref.Version
		}
		sc.Models = append(sc.Models, ref.URI)
	}
	signer, pubPath, err := g.signingKey(e, o.key)
	if err != nil {
		return err
	}
	st, err := g.openDB(ctx, e)
	if err != nil {
		return err
	}
	defer st.Close()
	res, err := evidence.Export(ctx, st, o.out, evidence.ExportOptions{Scope: sc, Signer: signer,
		Tool: evidence.Tool{Name: "residue", Version: buildVersion()}, DataOwner: o.dataOwner})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "wrote %s: %d files (%d reports, %s findings, %d verdicts, %d model versions)\n",
		res.Dir, len(res.Files), res.Reports, evidence.Count(res.Findings), res.Verdicts, res.Models)
	fmt.Fprintf(e.stdout, "signed with ed25519 key %s\n", res.KeyID)
	fmt.Fprintf(e.stdout, "public key: %s\n", pubPath)
	return nil
}

// signingKey loads the key to sign bundles with: --key, whose public half
// is FILE.pub (written when absent), else the state directory's.
func (g *globals) signingKey(e *env, keyFile string) (evidence.Signer, string, error) {
	if keyFile != "" {
		s, err := evidence.LoadSigningKey(keyFile)
		if err != nil {
			return evidence.Signer{}, "", err
		}
		pub := keyFile + ".pub"
		if err := evidence.EnsurePublicKey(pub, s.Key.Public().(ed25519.PublicKey)); err != nil {
			return evidence.Signer{}, "", err
		}
		abs, err := filepath.Abs(pub)
		if err != nil {
			return evidence.Signer{}, "", err
		}
		return s, abs, nil
	}
	dir, err := g.resolveStateDir(e)
	if err != nil {
		return evidence.Signer{}, "", err
	}
	return evidence.OpenStateKey(dir)
}
