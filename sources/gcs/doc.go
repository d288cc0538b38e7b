// Package gcs is the Store for Google Cloud Storage, under gs://bucket/name
// URLs.
//
// It authenticates with application default credentials. When
// STORAGE_EMULATOR_HOST is set (host:port of an emulator such as
// fake-gcs-server) the client library talks to that host over plain HTTP
// without credentials; nothing here reads the variable.
//
// Listing streams the JSON API's pages (1,000 objects each), asking only for
// the fields an Object needs. Reads are ranged GETs through the library's
// XML API reader, one per ReadAt, pinned to the listed generation and never
// decompressed, so they return exactly the stored bytes of the object that
// was listed. Transient failures (429, 5xx, reset connections, a body cut
// short) are retried with a bounded exponential backoff; the library
// resumes a broken body from the byte it had reached.
//
// Each ReadAt is one request; the scan wraps handles of every remote store
// in sources.NewReadAhead, which gathers readers' small and sequential
// reads and takes a Parquet row group's prefetch hint.
//
// A read whose bytes stop arriving for Options.StallTimeout (a connection
// that stays open while its body stalls) is abandoned with an error, which
// a sweep's last pass retries.
//
// Not done yet: a billing project for requester-pays buckets.
package gcs
