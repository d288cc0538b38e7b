// Command compare measures residue against gitleaks on one generated
// corpus of secrets: wall time of each and recall of the planted secrets
// (make compare-gitleaks). gitleaks is installed for the comparison only,
// never a dependency; both write redacted reports.
//
//	go run ./internal/tools/compare -gitleaks ~/.cache/residue-tools/gitleaks-v8/gitleaks
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/residuehq/residue/classify"
	"github.com/residuehq/residue/internal/synth"
)

// secretTypes are the planted infoTypes: secrets both tools claim.
var secretTypes = []string{
	classify.AWSAccessKeyID, classify.AWSSecretAccessKey, classify.GitHubToken, classify.SlackToken,
	classify.StripeAPIKey, classify.OpenAIAPIKey, classify.AnthropicAPIKey, classify.HuggingFaceToken,
	classify.GCPAPIKey, classify.JSONWebToken, classify.PrivateKey, classify.DatabaseConnectionString,
	classify.URLWithCredentials,
}

type plant struct {
	line       int // 0-based
	start, end int // byte columns within the line
	infoType   string
}

func main() {
	gitleaks := flag.String("gitleaks", filepath.Join(os.Getenv("HOME"), ".cache/residue-tools/gitleaks-v8.30.1/gitleaks"), "gitleaks binary")
	residue := flag.String("residue", "bin/residue", "residue binary")
	mb := flag.Int("mb", 64, "corpus size in MB")
	every := flag.Int("every", 20, "one planted secret per this many lines")
	seed := flag.Uint64("seed", 1, "seed")
	flag.Parse()
	if err := run(*gitleaks, *residue, *mb, *every, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "compare:", err)
		os.Exit(2)
	}
}

func run(gitleaks, residue string, mb, every int, seed uint64) error {
	dir, err := os.MkdirTemp("", "residue-compare-")
	if err != nil {
		return err
	}
	if os.Getenv("COMPARE_KEEP") == "" {
		defer os.RemoveAll(dir)
	} else {
		fmt.Println("keeping", dir)
	}
	corpus := filepath.Join(dir, "corpus")
	if err := os.Mkdir(corpus, 0o755); err != nil {
		return err
	}
	plants, size, err := writeCorpus(filepath.Join(corpus, "app.log"), mb<<20, every, seed)
	if err != nil {
		return err
	}
	fmt.Printf("corpus: %.1f MB of log text, %d planted secrets of %d types\n\n", float64(size)/1e6, len(plants), len(secretTypes))

	state := filepath.Join(dir, "state")
	resOut := filepath.Join(dir, "residue.json")
	resTime, err := timed(residue, "scan", corpus, "--workers", "1", "-q", "--format", "json", "-o", resOut, "--state-dir", state)
	if err != nil {
		return err
	}
	resFound, err := residueFindings(resOut)
	if err != nil {
		return err
	}
	glOut := filepath.Join(dir, "gitleaks.json")
	glTime, err := timed(gitleaks, "dir", corpus, "--no-banner", "--redact", "--exit-code", "0",
		"--report-format", "json", "--report-path", glOut, "--log-level", "error")
	if err != nil {
		return err
	}
	glFound, err := gitleaksFindings(glOut)
	if err != nil {
		return err
	}

	type tally struct{ n, res, gl int }
	by := map[string]*tally{}
	var all tally
	for _, p := range plants {
		t := by[p.infoType]
		if t == nil {
			t = &tally{}
			by[p.infoType] = t
		}
		t.n++
		all.n++
		if overlaps(resFound[p.line], p) {
			t.res++
			all.res++
		}
		if overlaps(glFound[p.line], p) {
			t.gl++
			all.gl++
		}
	}
	fmt.Printf("%-28s %8s %10s %10s\n", "INFO TYPE", "PLANTED", "RESIDUE", "GITLEAKS")
	names := make([]string, 0, len(by))
	for n := range by {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		t := by[n]
		fmt.Printf("%-28s %8d %9.1f%% %9.1f%%\n", n, t.n, pct(t.res, t.n), pct(t.gl, t.n))
	}
	fmt.Printf("%-28s %8d %9.1f%% %9.1f%%\n\n", "all", all.n, pct(all.res, all.n), pct(all.gl, all.n))
	fmt.Printf("residue --workers 1: %.2fs (%.0f MB/s)\n", resTime.Seconds(), float64(size)/1e6/resTime.Seconds())
	fmt.Printf("gitleaks dir:        %.2fs (%.0f MB/s)\n", glTime.Seconds(), float64(size)/1e6/glTime.Seconds())
	fmt.Printf("residue is %.1fx the speed of gitleaks on this corpus\n", glTime.Seconds()/resTime.Seconds())
	return nil
}

func pct(a, b int) float64 { return 100 * float64(a) / float64(max(b, 1)) }

type span struct{ start, end int }

func overlaps(spans []span, p plant) bool {
	for _, s := range spans {
		if s.start < p.end && p.start < s.end {
			return true
		}
	}
	return false
}

// writeCorpus writes log lines of filler prose with a secret in one line of
// every `every`, the way secrets turn up in logs and configs.
func writeCorpus(path string, size, every int, seed uint64) ([]plant, int, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	w := bufio.NewWriterSize(f, 1<<20)
	g := synth.New(seed)
	prose := synth.Prose(size, seed)
	var plants []plant
	written, line := 0, 0
	for i := 0; written < size; i++ {
		cut := min(len(prose), 60+i%80)
		text := strings.ReplaceAll(string(prose[:cut]), "\n", " ")
		prose = prose[cut:]
		if len(prose) < 200 {
			prose = synth.Prose(size, seed+uint64(i))
		}
		out := "2024-03-15T14:05:09Z INFO " + text
		if i%every == every-1 {
			typ := secretTypes[(i/every)%len(secretTypes)]
			carrier, spans := g.Carrier(typ)
			base := len(out) + 1
			out += " " + carrier
			// A carrier may span lines (a PEM block): locate the value by
			// line and column as both tools report.
			pre := out[:base+spans[0].Offset]
			l := line + strings.Count(pre, "\n")
			col := len(pre) - (strings.LastIndex(pre, "\n") + 1)
			n := spans[0].Length
			if i := strings.IndexByte(carrier[spans[0].Offset:spans[0].Offset+n], '\n'); i >= 0 {
				n = i // a value over several lines: its first line
			}
			plants = append(plants, plant{line: l, start: col, end: col + n, infoType: typ})
		}
		line += strings.Count(out, "\n") + 1
		n, err := w.WriteString(out + "\n")
		if err != nil {
			return nil, 0, err
		}
		written += n
	}
	return plants, written, w.Flush()
}

func timed(bin string, args ...string) (time.Duration, error) {
	cmd := exec.Command(bin, args...)
	cmd.Stderr = os.Stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		return 0, fmt.Errorf("%s: %w", bin, err)
	}
	return time.Since(start), nil
}

func residueFindings(path string) (map[int][]span, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var rep struct {
		Findings []struct {
			Location struct {
				Row    int `json:"row"`
				Offset int `json:"offset"`
				Length int `json:"length"`
			} `json:"location"`
		} `json:"findings"`
	}
	if err := json.Unmarshal(b, &rep); err != nil {
		return nil, err
	}
	out := map[int][]span{}
	for _, f := range rep.Findings {
		l := f.Location
		out[l.Row] = append(out[l.Row], span{l.Offset, l.Offset + l.Length})
	}
	return out, nil
}

func gitleaksFindings(path string) (map[int][]span, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var fs []struct {
		StartLine, EndLine, StartColumn, EndColumn int
	}
	if err := json.Unmarshal(b, &fs); err != nil {
		return nil, err
	}
	out := map[int][]span{}
	for _, f := range fs {
		// gitleaks counts lines and columns from 1, and its start column
		// may include a character matched before the secret.
		end := f.EndColumn
		if f.EndLine != f.StartLine {
			end = 1 << 30
		}
		out[f.StartLine-1] = append(out[f.StartLine-1], span{max(0, f.StartColumn-2), end})
	}
	return out, nil
}
