package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/residuehq/residue/policy"
)

func newPolicyCommand(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "policy",
		Short: "Write and check gate policies",
		Args:  cobra.NoArgs,
	}
	var out string
	initCmd := &cobra.Command{
		Use:   "init [--out FILE]",
		Short: "Print a commented default policy: secrets forbidden, PII rate at most 0.1 %, no revoked data",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if out == "" {
				return policy.WriteDefault(e.stdout)
			}
			f, err := os.OpenFile(out, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
			if err != nil {
				return fmt.Errorf("write policy: %w", err)
			}
			if err := policy.WriteDefault(f); err != nil {
				f.Close()
				return fmt.Errorf("write %s: %w", out, err)
			}
			if err := f.Close(); err != nil {
				return fmt.Errorf("write %s: %w", out, err)
			}
			fmt.Fprintf(e.stderr, "residue: wrote %s\n", out)
			return nil
		},
	}
	initCmd.Flags().StringVar(&out, "out", "", "write it to this file (refused if it exists) instead of stdout")
	check := &cobra.Command{
		Use:   "check FILE...",
		Short: "Validate policies against the policy schema; errors name the line",
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			for _, a := range args {
				p, err := policy.Load(a)
				if err != nil {
					return err
				}
				fmt.Fprintf(e.stdout, "%s: %d rules, %s\n", a, len(p.Rules), p.Digest)
			}
			return nil
		},
	}
	cmd.AddCommand(initCmd, check)
	return cmd
}
