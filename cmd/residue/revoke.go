package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/residuehq/residue/classify"
	"github.com/residuehq/residue/lineage"
)

// subject names a person or key by infoType and value, on the command
// line or standard input.
type subject struct {
	infoType   string
	value      string
	valueStdin bool
}

func (s *subject) flags(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringVar(&s.infoType, "type", "", "the subject's infoType (EMAIL_ADDRESS, PHONE_NUMBER, …)")
	f.StringVar(&s.value, "value", "", "the subject's value (prefer --value-stdin: it stays out of the shell's history)")
	f.BoolVar(&s.valueStdin, "value-stdin", false, "read the value from standard input")
}

// fingerprints normalises and fingerprints the value as the detectors of
// its infoType do, under the installation key. The value goes no further.
func (s *subject) fingerprints(e *env, g *globals) ([]string, error) {
	if s.infoType == "" {
		return nil, errors.New("--type is required")
	}
	value := []byte(s.value)
	switch {
	case s.valueStdin && s.value != "":
		return nil, errors.New("--value and --value-stdin exclude each other")
	case s.valueStdin:
		b, err := io.ReadAll(io.LimitReader(e.stdin, 1<<20))
		if err != nil {
			return nil, fmt.Errorf("read the value: %w", err)
		}
		value = bytes.TrimSpace(b)
	}
	if len(value) == 0 {
		return nil, errors.New("give the value with --value or --value-stdin")
	}
	set, _, err := g.detectors(e)
	if err != nil {
		return nil, err
	}
	key, err := g.key(e)
	if err != nil {
		return nil, err
	}
	eng, err := classify.NewEngine(key, set.detectors, set.opts)
	if err != nil {
		return nil, fmt.Errorf("load detectors: %w", err)
	}
	fps := eng.Fingerprints(s.infoType, value)
	if len(fps) == 0 {
		return nil, fmt.Errorf("--type %s: no detector finds that infoType (residue detectors lists them)", s.infoType)
	}
	names := make([]string, len(fps))
	for i, f := range fps {
		names[i] = f.String()
	}
	return names, nil
}

type revokeOptions struct {
	reason    string
	effective string
	note      string
	version   string
}

func newRevokeCommand(e *env, g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "revoke",
		Short: "Withdraw the right to use data: a subject, an object, a prefix, a dataset",
		Long: `Record a revocation. residue models then reports as TAINTED every model
version trained, directly or through derived datasets and fine-tunes, on a
dataset version holding what was revoked. Sweeps record revocations of their
own when an object they recorded is gone or now refuses to be read.`,
		Args: cobra.NoArgs,
	}
	kinds := []struct{ kind, use, short string }{
		{lineage.RevokeObject, "object URI", "Revoke one object (s3://bucket/key, gs://…, a local path)"},
		{lineage.RevokePrefix, "prefix URI", "Revoke every object whose URL starts with a prefix"},
		{lineage.RevokeDataset, "dataset URI", "Revoke every version of a dataset"},
	}
	sub := &subject{}
	so := &revokeOptions{}
	subj := &cobra.Command{
		Use:   "subject --type INFOTYPE (--value V | --value-stdin)",
		Short: "Revoke a subject (an email address, a customer, a key) wherever it was found",
		Long: `Revoke a subject: the value is normalised and fingerprinted as the detectors
do, under the installation key; only the fingerprints are stored. Every
dataset version whose fingerprint index holds it is then revoked data.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			fps, err := sub.fingerprints(e, g)
			if err != nil {
				return err
			}
			return revoke(cmd, e, g, so, lineage.Revocation{Kind: lineage.RevokeSubject, InfoType: sub.infoType, Fingerprints: fps})
		},
	}
	sub.flags(subj)
	revokeFlags(subj, so)
	cmd.AddCommand(subj)
	for _, k := range kinds {
		o := &revokeOptions{}
		c := &cobra.Command{
			Use:   k.use,
			Short: k.short,
			Args:  cobra.ExactArgs(1),
			RunE: func(cmd *cobra.Command, args []string) error {
				target := args[0]
				if !strings.Contains(target, "://") || strings.HasPrefix(target, "file://") {
					// A local path, named as scans name it.
					u, err := datasetURI(target)
					if err != nil {
						return err
					}
					if k.kind == lineage.RevokePrefix && strings.HasSuffix(target, "/") {
						u += "/"
					}
					target = u
				}
				if k.kind == lineage.RevokeDataset {
					target = strings.TrimRight(target, "/")
				}
				return revoke(cmd, e, g, o, lineage.Revocation{Kind: k.kind, Target: target, ObjectVersion: o.version})
			},
		}
		revokeFlags(c, o)
		if k.kind == lineage.RevokeObject {
			c.Flags().StringVar(&o.version, "object-version", "", "only this version of the object (ETag, generation)")
		}
		cmd.AddCommand(c)
	}
	cmd.AddCommand(newRevokeListCommand(e, g))
	return cmd
}

func revokeFlags(c *cobra.Command, o *revokeOptions) {
	f := c.Flags()
	f.StringVar(&o.reason, "reason", "", "why: "+strings.Join(lineage.Reasons, ", "))
	f.StringVar(&o.effective, "effective", "", "when the revocation took effect (RFC 3339 or YYYY-MM-DD; default now)")
	f.StringVar(&o.note, "note", "", "a note for people: a ticket, a request number (never the value)")
}

func revoke(cmd *cobra.Command, e *env, g *globals, o *revokeOptions, r lineage.Revocation) error {
	if o.reason == "" {
		return fmt.Errorf("--reason is required: one of %s", strings.Join(lineage.Reasons, ", "))
	}
	if !slices.Contains(lineage.Reasons, o.reason) {
		return fmt.Errorf("--reason %q: want one of %s", o.reason, strings.Join(lineage.Reasons, ", "))
	}
	now := time.Now()
	eff, err := parseWhen(o.effective, now)
	if err != nil {
		return fmt.Errorf("--effective: %w", err)
	}
	r.Reason, r.Effective, r.Recorded, r.Note, r.Source = o.reason, eff, now, o.note, "cli"
	st, err := g.openDB(cmd.Context(), e)
	if err != nil {
		return err
	}
	defer st.Close()
	id, err := st.Revoke(cmd.Context(), r)
	if err != nil {
		return err
	}
	what := r.Target
	if r.Kind == lineage.RevokeSubject {
		what = r.InfoType
	}
	fmt.Fprintf(e.stdout, "recorded revocation %d: %s %s (%s), effective %s\n", id, r.Kind, what, r.Reason, eff.UTC().Format(time.RFC3339))
	return nil
}

func newRevokeListCommand(e *env, g *globals) *cobra.Command {
	format := "text"
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the revocations",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "text" && format != "json" {
				return fmt.Errorf("--format %q: want text or json", format)
			}
			st, err := g.openDB(cmd.Context(), e)
			if err != nil {
				return err
			}
			defer st.Close()
			revs, err := st.Revocations(cmd.Context())
			if err != nil {
				return err
			}
			if format == "json" {
				if revs == nil {
					revs = []lineage.Revocation{}
				}
				enc := json.NewEncoder(e.stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(revs)
			}
			tw := tabwriter.NewWriter(e.stdout, 2, 8, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tKIND\tWHAT\tREASON\tEFFECTIVE\tSOURCE")
			for _, r := range revs {
				what := r.Target
				if r.Kind == lineage.RevokeSubject {
					what = r.InfoType
				}
				fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\n", r.ID, r.Kind, what, r.Reason, r.Effective.UTC().Format(time.RFC3339), r.Source)
			}
			return tw.Flush()
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "output format: text or json")
	return cmd
}
