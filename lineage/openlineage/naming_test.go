package openlineage_test

import (
	"testing"

	"github.com/residuehq/residue/lineage/openlineage"
)

func TestURI(t *testing.T) {
	for _, c := range []struct {
		name, namespace, dataset, want string
	}{
		{"s3", "s3://bucket", "dir/part-0.parquet", "s3://bucket/dir/part-0.parquet"},
		{"s3 leading slash", "s3://bucket", "/dir/part-0.parquet", "s3://bucket/dir/part-0.parquet"},
		{"s3 trailing slashes", "s3://bucket/", "dir/", "s3://bucket/dir"},
		{"s3a is s3", "s3a://bucket", "dir", "s3://bucket/dir"},
		{"scheme case", "GS://bucket", "x", "gs://bucket/x"},
		{"bucket root", "s3://bucket", "/", "s3://bucket"},
		{"namespace without bucket", "s3://", "bucket/key", "s3://bucket/key"},
		{"postgres", "postgres://db.example.com:5432", "shop.public.orders", "postgres://db.example.com:5432/shop.public.orders"},
		{"hdfs", "hdfs://namenode:8020", "/warehouse/t", "hdfs://namenode:8020/warehouse/t"},
		{"file", "file", "/data/train/", "file:///data/train"},
		{"file cleaned", "file", "/data/./a/../train", "file:///data/train"},
		{"file scheme", "file://", "/data/train", "file:///data/train"},
		{"file with host", "file://host", "/data/train", "file://host/data/train"},
		{"file relative", "file", "data/train", "openlineage://file/data/train"},
		{"opaque", "food_delivery", "public.orders", "openlineage://food_delivery/public.orders"},
		{"opaque slash", "a/b", "c", "openlineage://a%2Fb/c"},
		{"opaque name slash", "a", "b/c", "openlineage://a/b/c"},
		{"unicode name", "my-ns", "myjob.buggy_task🕷", "openlineage://my-ns/myjob.buggy_task🕷"},
		{"not a scheme", "1x://y", "z", "openlineage://1x:%2F%2Fy/z"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := openlineage.URI(c.namespace, c.dataset); got != c.want {
				t.Errorf("URI(%q, %q) = %q, want %q", c.namespace, c.dataset, got, c.want)
			}
		})
	}
}

func TestNames(t *testing.T) {
	for _, c := range []struct{ uri, namespace, name string }{
		{"s3://bucket/dir/part-0.parquet", "s3://bucket", "dir/part-0.parquet"},
		{"s3://bucket", "s3://bucket", "/"},
		{"file:///data/train", "file", "/data/train"},
		{"hf://acme/base", "hf://acme", "base"},
		{"openlineage://food_delivery/public.orders", "food_delivery", "public.orders"},
		{"openlineage://a%2Fb/c", "a/b", "c"},
		{"openlineage://a/b/c", "a", "b/c"},
	} {
		ns, n := openlineage.Names(c.uri)
		if ns != c.namespace || n != c.name {
			t.Errorf("Names(%q) = %q, %q; want %q, %q", c.uri, ns, n, c.namespace, c.name)
		}
		if back := openlineage.URI(ns, n); back != c.uri {
			t.Errorf("URI(Names(%q)) = %q", c.uri, back)
		}
	}
}
