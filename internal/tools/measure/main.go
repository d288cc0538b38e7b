// Command measure runs a command and reports its wall time and peak
// resident memory, for the end-to-end benchmark (scripts/bench-e2e.sh):
//
//	go run ./internal/tools/measure -- bin/residue scan big.jsonl
package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"syscall"
	"time"
)

func main() {
	args := os.Args[1:]
	if len(args) > 0 && args[0] == "--" {
		args = args[1:]
	}
	if len(args) == 0 {
		fmt.Fprintln(os.Stderr, "usage: measure -- COMMAND [ARG...]")
		os.Exit(2)
	}
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		fmt.Fprintf(os.Stderr, "measure: %v\n", err)
		os.Exit(2)
	}
	ru, _ := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	var rss int64
	if ru != nil {
		rss = ru.Maxrss // KiB on Linux
	}
	fmt.Fprintf(os.Stderr, "wall %.2fs  user %.2fs  sys %.2fs  peak RSS %.1f MiB  exit %d\n",
		wall.Seconds(), cmd.ProcessState.UserTime().Seconds(), cmd.ProcessState.SystemTime().Seconds(),
		float64(rss)/1024, cmd.ProcessState.ExitCode())
	os.Exit(cmd.ProcessState.ExitCode())
}
