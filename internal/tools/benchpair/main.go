// Command benchpair compares two builds of a package's benchmarks on a
// machine whose speed drifts by tens of percent over minutes, as this
// project's VM does: it runs the two test binaries back to back, in
// alternating order, and prints for each benchmark the median and
// quartiles of the per-pair time ratios (new/base). A pair sees the same
// machine; the fastest run of each side, taken minutes apart, need not.
// scripts/bench-compare.sh builds the binaries:
//
//	go run ./internal/tools/benchpair -base base.test -new new.test -dir classify -bench 'ScanProse$' -rounds 10
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
)

func main() {
	base := flag.String("base", "", "test binary of the base build")
	next := flag.String("new", "", "test binary of the new build")
	dir := flag.String("dir", ".", "directory the binaries run in (the package's, for its testdata)")
	bench := flag.String("bench", ".", "benchmarks to run (-test.bench)")
	benchtime := flag.String("benchtime", "1x", "-test.benchtime of each run")
	rounds := flag.Int("rounds", 10, "pairs of runs")
	flag.Parse()
	if *base == "" || *next == "" || *rounds < 1 {
		flag.Usage()
		os.Exit(2)
	}
	ratios := map[string][]float64{}
	best := map[string][2]float64{}
	var names []string
	for r := range *rounds {
		bins := [2]string{*base, *next}
		order := [2]int{0, 1}
		if r%2 == 1 {
			order = [2]int{1, 0}
		}
		var got [2]map[string]float64
		for _, k := range order {
			m, err := run(bins[k], *dir, *bench, *benchtime)
			if err != nil {
				fmt.Fprintf(os.Stderr, "benchpair: round %d: %v\n", r+1, err)
				os.Exit(1)
			}
			got[k] = m
		}
		for name, b := range got[0] {
			n, ok := got[1][name]
			if !ok {
				continue
			}
			if _, seen := ratios[name]; !seen {
				names = append(names, name)
				best[name] = [2]float64{b, n}
			}
			ratios[name] = append(ratios[name], n/b)
			best[name] = [2]float64{min(best[name][0], b), min(best[name][1], n)}
		}
	}
	if len(names) == 0 {
		fmt.Fprintln(os.Stderr, "benchpair: no benchmark ran in both builds")
		os.Exit(1)
	}
	slices.Sort(names)
	for _, name := range names {
		rs := ratios[name]
		slices.Sort(rs)
		q := func(f float64) float64 { return rs[int(f*float64(len(rs)-1)+0.5)] }
		fmt.Printf("%-40s new/base median %.3f (quartiles %.3f–%.3f, %d pairs); fastest base %.1f ms, new %.1f ms\n",
			name, q(0.5), q(0.25), q(0.75), len(rs), best[name][0]/1e6, best[name][1]/1e6)
	}
}

// run runs one test binary's benchmarks and returns ns/op by benchmark.
func run(bin, dir, bench, benchtime string) (map[string]float64, error) {
	cmd := exec.Command(bin, "-test.run", "^$", "-test.bench", bench, "-test.benchtime", benchtime)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("run %s: %w: %s", bin, err, stderr.Bytes())
	}
	m := map[string]float64{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") || f[3] != "ns/op" {
			continue
		}
		ns, err := strconv.ParseFloat(f[2], 64)
		if err != nil {
			return nil, fmt.Errorf("run %s: %q: %w", bin, sc.Text(), err)
		}
		m[f[0]] = ns
	}
	return m, sc.Err()
}
