package main

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestKubernetesManifests checks deploy/kubernetes: every file parses, the
// scan is an Indexed Job whose completions, parallelism and --shards
// agree, shards get the fingerprint key, the merge reads the folder the
// shards write, and every residue flag used exists.
func TestKubernetesManifests(t *testing.T) {
	files, err := filepath.Glob("../../deploy/kubernetes/*.yaml")
	if err != nil || len(files) < 4 {
		t.Fatalf("manifests: %v %v", files, err)
	}
	docs := map[string]map[string]any{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		dec := yaml.NewDecoder(bytes.NewReader(b))
		for {
			var d map[string]any
			if err := dec.Decode(&d); errors.Is(err, io.EOF) {
				break
			} else if err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			meta, _ := d["metadata"].(map[string]any)
			docs[d["kind"].(string)+"/"+meta["name"].(string)] = d
		}
	}
	get := func(v any, path ...string) any {
		for _, p := range path {
			if i, err := strconv.Atoi(p); err == nil {
				v = v.([]any)[i]
			} else {
				v = v.(map[string]any)[p]
			}
		}
		return v
	}
	scan, merge := docs["CronJob/residue-scan"], docs["CronJob/residue-merge"]
	if scan == nil || merge == nil || docs["Secret/residue-bucket"] == nil || docs["PersistentVolumeClaim/residue-reports"] == nil {
		t.Fatalf("missing manifests; have %v", keys(docs))
	}
	job := get(scan, "spec", "jobTemplate", "spec")
	if get(job, "completionMode") != "Indexed" {
		t.Error("the scan is not an Indexed Job")
	}
	scanArgs := get(job, "template", "spec", "containers", "0", "args", "0").(string)
	m := regexp.MustCompile(`--shards (\d+)`).FindStringSubmatch(scanArgs)
	if m == nil {
		t.Fatalf("the scan passes no --shards: %s", scanArgs)
	}
	n, _ := strconv.Atoi(m[1])
	if get(job, "completions") != n || get(job, "parallelism") != n {
		t.Errorf("completions %v and parallelism %v must equal --shards %d", get(job, "completions"), get(job, "parallelism"), n)
	}
	env := get(job, "template", "spec", "containers", "0", "env", "0")
	if get(env, "name") != "RESIDUE_FINGERPRINT_KEY_FILE" {
		t.Error("the shards are not given the shared fingerprint key")
	}
	mergeArgs := get(merge, "spec", "jobTemplate", "spec", "template", "spec", "containers", "0", "args", "0").(string)
	if !strings.Contains(scanArgs, "/reports/$(date -u +%F)/part-") || !strings.HasSuffix(strings.TrimSpace(mergeArgs), "/reports/$(date -u +%F)") {
		t.Errorf("the merge does not read the folder the shards write:\n scan: %s\nmerge: %s", scanArgs, mergeArgs)
	}
	// Every flag the manifests give residue exists.
	for _, line := range []string{scanArgs, mergeArgs} {
		cmd := regexp.MustCompile(`residue (scan|merge)`).FindStringSubmatch(line)[1]
		for _, f := range regexp.MustCompile(`\s(--?[a-z][a-z-]*)`).FindAllStringSubmatch(line, -1) {
			if f[1] == "-p" || f[1] == "-c" || f[1] == "-u" {
				continue // mkdir, sh and date
			}
			c := newCLI(t)
			if r := c.run(cmd, "--help"); !strings.Contains(r.stdout, " "+f[1]+" ") && !strings.Contains(r.stdout, " "+f[1]+",") {
				t.Errorf("residue %s has no flag %s", cmd, f[1])
			}
		}
	}
}

func keys(m map[string]map[string]any) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
