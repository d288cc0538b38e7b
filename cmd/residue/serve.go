package main

import (
	"errors"

	"github.com/spf13/cobra"
)

func newServeCommand(e *env, g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "serve",
		Short: "Accept OpenLineage events over HTTP and answer lineage queries",
		RunE: func(cmd *cobra.Command, args []string) error {
			return errors.New("not yet")
		},
	}
}
