package classify

import (
	"os"
	"testing"
	"time"
)

func TestDbgWindows(t *testing.T) {
	k, _ := NewKey([]byte("0123456789abcdef0123"), "test")
	e, _ := NewEngine(k, Builtin(), Options{})
	s := e.NewScanner()
	for _, f := range []string{"/tmp/dbgdata/prose.txt", "/tmp/dbgdata/dense.txt"} {
		text, _ := os.ReadFile(f)
		counts := map[string]int{}
		bytesIn := map[string]int{}
		dur := map[string]time.Duration{}
		var total time.Duration
		for off := 0; off < len(text); off += 4096 {
			rec := text[off:min(off+4096, len(text))]
			st := time.Now()
			s.Scan("text", rec, func(Finding) {})
			total += time.Since(st)
			for _, i := range s.touched {
				d := e.dets[i]
				for _, w := range s.wins[i] {
					counts[d.ID]++
					bytesIn[d.ID] += w.hi - w.lo
					st := time.Now()
					s.runWindow(d, rec, w)
					dur[d.ID] += time.Since(st)
				}
			}
		}
		t.Logf("%s total %v", f, total)
		for id, n := range counts {
			t.Logf("%-28s windows %6d bytes %8d time %v", id, n, bytesIn[id], dur[id])
		}
	}
}
