package main

import (
	"fmt"
	"runtime/debug"

	"github.com/spf13/cobra"
)

func newVersionCommand(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print residue's version",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			v := "(devel)"
			if bi, ok := debug.ReadBuildInfo(); ok {
				if bi.Main.Version != "" {
					v = bi.Main.Version
				}
				for _, s := range bi.Settings {
					switch {
					case s.Key == "vcs.revision":
						v += " " + s.Value
					case s.Key == "vcs.modified" && s.Value == "true":
						v += "+dirty"
					}
				}
			}
			_, err := fmt.Fprintf(e.stdout, "residue %s\n", v)
			return err
		},
	}
}
