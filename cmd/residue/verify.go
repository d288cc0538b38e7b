package main

import (
	"errors"

	"github.com/spf13/cobra"
)

func newVerifyCommand(e *env, g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "verify",
		Short: "(in progress)",
		RunE: func(cmd *cobra.Command, args []string) error {
			return errors.New("not yet")
		},
	}
}
