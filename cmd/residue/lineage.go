package main

import (
	"github.com/spf13/cobra"
)

func newLineageCommand(e *env, g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "lineage",
		Short: "Record which models were trained on which data",
		Args:  cobra.NoArgs,
	}
	cmd.AddCommand(newLineageImportCommand(e, g))
	return cmd
}
