package main

import (
	"errors"

	"github.com/spf13/cobra"
)

func newLineageImportCommand(e *env, g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "import FILE...",
		Short: "Import OpenLineage run events",
		RunE: func(cmd *cobra.Command, args []string) error {
			return errors.New("not yet")
		},
	}
}
