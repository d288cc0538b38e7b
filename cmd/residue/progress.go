package main

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"golang.org/x/term"

	"github.com/residuehq/residue/evidence"
	"github.com/residuehq/residue/sampling"
)

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// startProgress redraws one status line on w until stop is called: objects
// done, bytes read, throughput and, once listing has finished, the time
// left.
func startProgress(w io.Writer, p *sampling.Progress, now func() time.Time) (stop func()) {
	start := now()
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(200 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				fmt.Fprint(w, "\r\033[K")
				return
			case <-t.C:
				fmt.Fprint(w, "\r\033[K"+progressLine(p, now().Sub(start)))
			}
		}
	}()
	return func() {
		close(done)
		wg.Wait()
	}
}

func progressLine(p *sampling.Progress, elapsed time.Duration) string {
	read, listed := p.BytesRead.Load(), p.BytesListed.Load()
	rate := float64(read) / max(elapsed.Seconds(), 0.001)
	objs := fmt.Sprintf("%d/%d objects", p.ObjectsDone.Load(), p.ObjectsListed.Load())
	eta := "listing…"
	if p.ListingDone.Load() {
		eta = "ETA ?"
		if rate > 0 && listed >= read {
			eta = "ETA " + time.Duration(float64(listed-read)/rate*float64(time.Second)).Round(time.Second).String()
		}
	}
	bar := ""
	if listed > 0 && p.ListingDone.Load() {
		const width = 24
		n := int(float64(width) * min(1, float64(read)/float64(listed)))
		bar = "[" + repeat('=', n) + repeat(' ', width-n) + "] "
	}
	return fmt.Sprintf("%sscanning %s  %s / %s  %s/s  %s  findings %d",
		bar, objs, evidence.Bytes(read), evidence.Bytes(listed), evidence.Bytes(int64(rate)), eta, p.Findings.Load())
}

func repeat(c byte, n int) string {
	b := make([]byte, max(n, 0))
	for i := range b {
		b[i] = c
	}
	return string(b)
}
