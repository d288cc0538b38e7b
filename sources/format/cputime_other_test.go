//go:build !unix

package format_test

import "time"

func cpuTime() time.Duration { return 0 }
