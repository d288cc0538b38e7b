package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"cloud.google.com/go/storage"
	"github.com/aws/aws-sdk-go-v2/aws"
	awss3 "github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/residuehq/residue/internal/synth"
)

// requireServers skips without the test servers, unless make test asked
// for them (RESIDUE_REQUIRE_SERVERS=1), where their absence fails.
func requireServers(t *testing.T) {
	t.Helper()
	if os.Getenv("RESIDUE_TEST_S3_ENDPOINT") != "" && os.Getenv("STORAGE_EMULATOR_HOST") != "" {
		return
	}
	if os.Getenv("RESIDUE_REQUIRE_SERVERS") == "1" {
		t.Fatal("the S3 server and the GCS emulator are not running: scripts/testservers.sh start DIR")
	}
	t.Skip("no S3 server or GCS emulator: run scripts/testservers.sh start DIR and source DIR/env (make test does)")
}

// TestScanBuckets scans one generated dataset from disk, from an
// S3-compatible server and from the GCS emulator, through the CLI, and
// wants the same findings from all three: only the URLs differ.
func TestScanBuckets(t *testing.T) {
	requireServers(t)
	ctx := context.Background()
	dir := t.TempDir()
	data := filepath.Join(dir, "corpus")
	files := map[string][]byte{}
	for i, kind := range []synth.Kind{synth.ChatJSONL, synth.CSV, synth.TextLog} {
		var b bytes.Buffer
		name := fmt.Sprintf("part-%d.%s", i, map[synth.Kind]string{synth.ChatJSONL: "jsonl", synth.CSV: "csv", synth.TextLog: "log"}[kind])
		if _, err := synth.Write(&b, synth.Spec{Kind: kind, Object: name, Rows: 600, Seed: uint64(i + 3), PlantRate: 0.1}, nil); err != nil {
			t.Fatal(err)
		}
		files[name] = b.Bytes()
		writeFile(t, filepath.Join(data, name), b.String())
	}
	var pq bytes.Buffer
	if _, err := synth.WriteColumnar(&pq, synth.ColumnarSpec{Shape: synth.ChatShape, Layout: synth.ParquetFile, Object: "chat.parquet",
		Rows: 3000, PlantRate: 0.05, Seed: 9, RowGroupRows: 500}, nil); err != nil {
		t.Fatal(err)
	}
	files["data/train-00000-of-00001.parquet"] = pq.Bytes()
	writeFile(t, filepath.Join(data, "data", "train-00000-of-00001.parquet"), pq.String())

	sc, gc, bucket, ep := buckets(t, "cli-scan")
	for name, b := range files {
		if _, err := sc.PutObject(ctx, &awss3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String("corpus/" + name), Body: bytes.NewReader(b)}); err != nil {
			t.Fatal(err)
		}
		w := gc.Bucket(bucket).Object("corpus/" + name).NewWriter(ctx)
		w.Write(b)
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
	}

	c := newCLI(t)
	findings := func(root string, extra ...string) []string {
		t.Helper()
		r := c.run(append([]string{"scan", "-q", "--format", "json", root}, extra...)...)
		if r.code != 0 {
			t.Fatalf("scan %s: exit %d: %s", root, r.code, r.stderr)
		}
		rep := decodeReport(t, r.stdout)
		if len(rep.Skipped) > 0 || len(rep.Objects) != len(files) {
			t.Fatalf("scan %s: %d objects, skipped %+v", root, len(rep.Objects), rep.Skipped)
		}
		var out []string
		for _, f := range rep.Findings {
			rel := f.Location.Object[strings.Index(f.Location.Object, "/corpus/")+len("/corpus/"):]
			out = append(out, fmt.Sprintf("%s %d %s %d %s %s", rel, f.Location.Row, f.Location.Field, f.Location.Offset, f.InfoType, f.Fingerprint))
		}
		sort.Strings(out)
		return out
	}
	want := findings(data)
	if len(want) < 100 {
		t.Fatalf("only %d findings on disk", len(want))
	}
	for _, got := range [][]string{
		findings("s3://"+bucket+"/corpus", "--s3-endpoint", ep),
		findings("gs://" + bucket + "/corpus"),
	} {
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%d findings from a bucket, %d from disk, or they differ", len(got), len(want))
		}
	}

	// The gate draws the same sample wherever the data lies, so it gives
	// the same verdict on the same evidence.
	c.env["RESIDUE_DB"] = filepath.Join(dir, "state.db")
	pol := filepath.Join(dir, "policy.yaml")
	writeFile(t, pol, "version: 1\nrules:\n  - name: pii\n    max_rate: 0.02\n    categories: [pii]\n")
	evidence := func(root string, extra ...string) string {
		t.Helper()
		r := c.run(append([]string{"gate", "-q", "--format", "json", root, "--policy", pol}, extra...)...)
		res := gateResults(t, r.stdout)
		if r.code != 1 || len(res) != 1 || res[0].Verdict != "fail" {
			t.Fatalf("gate %s: exit %d %s %s", root, r.code, r.stdout, r.stderr)
		}
		rr := res[0].Rules[0]
		return fmt.Sprintf("%d of %d rows, %d with hits, [%.6f, %.6f]", rr.RowsSampled, rr.RowsTotal, rr.RowsWithHits, rr.Lower, rr.Upper)
	}
	onDisk := evidence(data)
	for _, root := range [][]string{{"s3://" + bucket + "/corpus", "--s3-endpoint", ep}, {"gs://" + bucket + "/corpus"}} {
		if got := evidence(root[0], root[1:]...); got != onDisk {
			t.Errorf("gate on %s: %s; on disk: %s", root[0], got, onDisk)
		}
	}
}

// TestShardsThroughBuckets: shards leave their parts in an S3 prefix,
// residue merge reads them from there and writes the merged report to
// GCS, and it equals one process's report.
func TestShardsThroughBuckets(t *testing.T) {
	requireServers(t)
	ctx := context.Background()
	dir := t.TempDir()
	data := filepath.Join(dir, "corpus")
	for i := range 6 {
		var b bytes.Buffer
		if _, err := synth.Write(&b, synth.Spec{Kind: synth.ProseJSONL, Object: "x.jsonl", Rows: 200, Seed: uint64(i + 1), PlantRate: 0.1}, nil); err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(data, fmt.Sprintf("part-%d.jsonl", i)), b.String())
	}
	_, gc, bucket, ep := buckets(t, "cli-shards")

	c := newCLI(t)
	run := func(args ...string) {
		t.Helper()
		if r := c.run(args...); r.code != 0 {
			t.Fatalf("%v: exit %d: %s", args, r.code, r.stderr)
		}
	}
	one := filepath.Join(dir, "one.json")
	run("scan", "-q", "--format", "json", "-o", one, data)
	for i := range 3 {
		run("scan", "-q", "--format", "json", "--s3-endpoint", ep, "--shard", fmt.Sprintf("%d/3", i),
			"-o", fmt.Sprintf("s3://%s/reports/part-%d.json", bucket, i), data)
	}
	run("merge", "--format", "json", "--s3-endpoint", ep, "-o", "gs://"+bucket+"/merged.json", "s3://"+bucket+"/reports")
	rd, err := gc.Bucket(bucket).Object("merged.json").NewReader(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var merged bytes.Buffer
	merged.ReadFrom(rd)
	rd.Close()
	got, want := decodeReport(t, merged.String()), loadReport(t, one)
	if len(got.Objects) != 6 || got.Totals.Findings != want.Totals.Findings || len(got.Findings) != len(want.Findings) {
		t.Fatalf("merged from a bucket: %d objects, %d findings; one process: %d, %d",
			len(got.Objects), got.Totals.Findings, len(want.Objects), want.Totals.Findings)
	}
}

// buckets makes a bucket of the same name on the S3 server and in the GCS
// emulator, and sets the credentials the CLI's S3 store reads. S3 objects
// must be PUT through the API: versitygw gives files written behind its
// back no ETag.
func buckets(t *testing.T, prefix string) (*awss3.Client, *storage.Client, string, string) {
	t.Helper()
	ctx := context.Background()
	t.Setenv("AWS_ACCESS_KEY_ID", os.Getenv("RESIDUE_TEST_S3_ACCESS_KEY"))
	t.Setenv("AWS_SECRET_ACCESS_KEY", os.Getenv("RESIDUE_TEST_S3_SECRET_KEY"))
	t.Setenv("AWS_REGION", "us-east-1")
	t.Setenv("AWS_CONFIG_FILE", os.DevNull)
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", os.DevNull)
	ep := os.Getenv("RESIDUE_TEST_S3_ENDPOINT")
	sc := awss3.New(awss3.Options{Region: "us-east-1", BaseEndpoint: aws.String(ep), UsePathStyle: true,
		Credentials: aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
			return aws.Credentials{AccessKeyID: os.Getenv("AWS_ACCESS_KEY_ID"), SecretAccessKey: os.Getenv("AWS_SECRET_ACCESS_KEY")}, nil
		})})
	bucket := fmt.Sprintf("%s-%d", prefix, os.Getpid())
	if _, err := sc.CreateBucket(ctx, &awss3.CreateBucketInput{Bucket: aws.String(bucket)}); err != nil {
		t.Fatal(err)
	}
	gc, err := storage.NewClient(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { gc.Close() })
	if err := gc.Bucket(bucket).Create(ctx, "test-project", nil); err != nil {
		t.Fatal(err)
	}
	return sc, gc, bucket, ep
}
