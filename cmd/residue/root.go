package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/residuehq/residue/classify"
)

// env is what the commands get from the process: streams and environment.
// Only this package reads the environment.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
}

// globals are the flags every command accepts, before or after its
// arguments.
type globals struct {
	stateDir   string
	configPath string
	db         string
}

func newRootCommand(e *env) *cobra.Command {
	g := &globals{}
	root := &cobra.Command{
		Use:   "residue",
		Short: "Find sensitive data in training datasets and the models that learned it",
		Long: `residue finds sensitive data (PII, secrets, credentials) in the datasets and
buckets that feed ML training, with exact locations, masked previews and keyed
fingerprints; never the values themselves.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.PersistentFlags().StringVar(&g.stateDir, "state-dir", "",
		"directory for residue's state: the fingerprint key (default $RESIDUE_STATE_DIR, else $XDG_STATE_HOME/residue, else ~/.local/state/residue)")
	root.PersistentFlags().StringVar(&g.db, "db", "",
		"state database: a SQLite file or a postgres:// URL (default $RESIDUE_DB, else residue.db in the state directory)")
	root.PersistentFlags().StringVar(&g.configPath, "config", "",
		"configuration file: custom detectors, allow lists, detection settings (default $RESIDUE_CONFIG)")
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return fmt.Errorf("%w (see '%s --help')", err, c.CommandPath())
	})
	root.AddCommand(
		newScanCommand(e, g),
		newSweepCommand(e, g),
		newMergeCommand(e),
		newTraceCommand(e, g),
		newLineageCommand(e, g),
		newRevokeCommand(e, g),
		newModelsCommand(e, g),
		newGateCommand(e, g),
		newPolicyCommand(e),
		newExportCommand(e, g),
		newVerifyCommand(e, g),
		newServeCommand(e, g),
		newDetectorsCommand(e, g),
		newDemoCommand(e, g),
		newSynthCommand(e),
		newVersionCommand(e),
	)
	return root
}

// stateDir resolves the state directory from the flag and the environment.
func (g *globals) resolveStateDir(e *env) (string, error) {
	if g.stateDir != "" {
		return filepath.Abs(g.stateDir)
	}
	if d := e.getenv("RESIDUE_STATE_DIR"); d != "" {
		return filepath.Abs(d)
	}
	if d := e.getenv("XDG_STATE_HOME"); d != "" {
		return filepath.Join(d, "residue"), nil
	}
	home := e.getenv("HOME")
	if home == "" {
		h, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("find the state directory: set --state-dir or XDG_STATE_HOME: %w", err)
		}
		home = h
	}
	return filepath.Join(home, ".local", "state", "residue"), nil
}

// key loads the fingerprint key: RESIDUE_FINGERPRINT_KEY_FILE when set,
// else the state directory's key, created on first use.
func (g *globals) key(e *env) (classify.Key, error) {
	if f := e.getenv("RESIDUE_FINGERPRINT_KEY_FILE"); f != "" {
		return classify.LoadKeyFile(f)
	}
	dir, err := g.resolveStateDir(e)
	if err != nil {
		return classify.Key{}, err
	}
	return classify.OpenStateKey(dir)
}
