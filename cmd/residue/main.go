// Command residue finds sensitive data in the datasets that feed ML
// training. See the README for a tour.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// Exit codes mean one thing each (DESIGN.md, invariant 7).
const (
	exitOK     = 0
	exitFailed = 1 // ran, and the policy or --fail-on failed
	exitError  = 2 // could not run: usage, configuration, access
)

// errFailOn is returned when a finding reached --fail-on.
var errFailOn = errors.New("--fail-on reached")

// failure is a command that ran and whose verdict failed (exit 1): a gate
// that did not pass, a bundle that does not verify.
type failure struct{ msg string }

func (f *failure) Error() string { return f.msg }

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv)
	stop()
	os.Exit(code)
}

// run executes one command line and returns the exit code. Tests call it
// directly with their own streams and environment.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	cmd := newRootCommand(&env{stdin: stdin, stdout: stdout, stderr: stderr, getenv: getenv})
	cmd.SetArgs(args)
	cmd.SetIn(stdin)
	cmd.SetOut(stdout)
	cmd.SetErr(stderr)
	err := cmd.ExecuteContext(ctx)
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errFailOn), errors.As(err, new(*failure)):
		fmt.Fprintf(stderr, "residue: %v\n", err)
		return exitFailed
	case ctx.Err() != nil:
		fmt.Fprintln(stderr, "residue: interrupted")
		return exitError
	default:
		fmt.Fprintf(stderr, "residue: %v\n", err)
		return exitError
	}
}
