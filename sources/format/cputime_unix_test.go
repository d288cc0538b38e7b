//go:build unix

package format_test

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time the process has used, all threads. Benchmarks
// report throughput per CPU second too, which stays meaningful on a
// machine shared with other work, where wall time does not.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
