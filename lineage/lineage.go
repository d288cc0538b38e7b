// Package lineage is residue's memory: datasets and the versions sweeps
// record of them (a manifest of objects with what was found in each, as
// counts and keyed fingerprints, never values), and the signals sweeps
// notice, objects gone or no longer readable, which later work turns into
// taint on the models trained on them. One Store seam; SQLite is the
// embedded default.
package lineage

import (
	"context"
	"encoding/json"
	"time"

	"github.com/residuehq/residue/classify"
)

// Dataset is a place data lives, named by its URI: file:///abs/path,
// s3://bucket/prefix, gs://bucket/prefix.
type Dataset struct {
	ID      int64
	URI     string
	Created time.Time
}

// Version is one recording of a dataset's objects. Finished is zero while
// the sweep recording it runs (or was killed).
type Version struct {
	ID        int64
	DatasetID int64
	Started   time.Time
	Finished  time.Time
	Digest    string
	Summary   json.RawMessage
}

// Object statuses in a version.
const (
	StatusScanned = "scanned" // read by the sweep that recorded the version
	StatusReused  = "reused"  // unchanged since an earlier version, not read again
	StatusDenied  = "denied"  // listed, but the store refused to read it
	StatusFailed  = "failed"  // listed, but it could not be read
)

// ObjectRecord is one object of a version.
type ObjectRecord struct {
	URL           string
	ObjectVersion string // ETag, GCS generation, mtime and size
	Size          int64
	Status        string
	ReusedFrom    int64 // the version whose result a reused object carries
	Reason        string
	Result        json.RawMessage // the object's entry of the scan report
	Recorded      time.Time
}

// FingerprintCount says how often a keyed fingerprint of an infoType was
// found in an object.
type FingerprintCount struct {
	InfoType    string
	Fingerprint string
	Count       int64
	// Likelihood is the highest of the findings counted.
	Likelihood classify.Likelihood
}

// Signal kinds.
const (
	SignalGone   = "gone"          // recorded before, not listed now
	SignalDenied = "access-denied" // listed, refused
)

// Signal is a change a sweep noticed that may revoke access to data.
type Signal struct {
	DatasetID     int64
	VersionID     int64
	URL           string
	Kind          string
	ObjectVersion string
	Reason        string
	At            time.Time
}

// Holding is an object of a dataset version that holds a fingerprint.
type Holding struct {
	Dataset  string    `json:"dataset"`
	Version  int64     `json:"version"`
	Finished time.Time `json:"finished,omitzero"`
	Latest   bool      `json:"latest"` // the dataset's newest finished version
	Object   string    `json:"object"`
	InfoType string    `json:"info_type"`
	Count    int64     `json:"count"`
}

// Store keeps lineage. Implementations are safe for concurrent use.
type Store interface {
	// Dataset returns the dataset of uri, creating it.
	Dataset(ctx context.Context, uri string, now time.Time) (Dataset, error)
	// LatestVersion returns the dataset's newest finished version.
	LatestVersion(ctx context.Context, datasetID int64) (Version, bool, error)
	// OpenVersion returns the dataset's unfinished version (resumed true),
	// or starts a new one.
	OpenVersion(ctx context.Context, datasetID int64, now time.Time) (v Version, resumed bool, err error)
	// OpenRun returns the version a sweep split into shards records, found
	// by the run's name: the first shard to come starts it (resumed false),
	// the others and any restarted shard find it.
	OpenRun(ctx context.Context, datasetID int64, run string, shards int, now time.Time) (v Version, resumed bool, err error)
	// ShardDone records that a shard of a run finished its part and
	// returns how many shards have.
	ShardDone(ctx context.Context, versionID int64, shard int, now time.Time) (int, error)
	// ClaimSeal makes shard the one to seal a run's version; it reports
	// false when another shard claimed it first.
	ClaimSeal(ctx context.Context, versionID int64, shard int) (bool, error)
	// Object returns an object of a version.
	Object(ctx context.Context, versionID int64, url string) (ObjectRecord, bool, error)
	// PutObject records an object of a version with its fingerprints,
	// replacing what the version held for that URL.
	PutObject(ctx context.Context, versionID int64, rec ObjectRecord, fps []FingerprintCount) error
	// ReuseObject copies an object and its fingerprints from version from
	// into version to, as reused.
	ReuseObject(ctx context.Context, from, to int64, url string, now time.Time) error
	// Missing calls fn for every object of version prev that version cur
	// does not hold, in URL order.
	Missing(ctx context.Context, prev, cur int64, fn func(ObjectRecord) error) error
	// Objects calls fn for every object of a version, in URL order.
	Objects(ctx context.Context, versionID int64, fn func(ObjectRecord) error) error
	// AddSignal records a signal.
	AddSignal(ctx context.Context, s Signal) error
	// CountObjects counts a version's objects by what a sweep did with
	// them, against the version before.
	CountObjects(ctx context.Context, cur, prev int64) (VersionCounts, error)
	// Revoke records a revocation; a sweep's (Source "sweep") is recorded
	// once however often the sweep notices it.
	Revoke(ctx context.Context, r Revocation) (int64, error)
	// Signals returns a dataset's signals, oldest first.
	Signals(ctx context.Context, datasetID int64) ([]Signal, error)
	// Holding lists the objects of every dataset version that hold one of
	// the fingerprints, newest versions first.
	Holding(ctx context.Context, fingerprints []string) ([]Holding, error)
	// InfoTypeCounts sums a version's findings per infoType, over every
	// object it holds, read or reused.
	InfoTypeCounts(ctx context.Context, versionID int64) (map[string]int64, error)
	// FinishVersion seals a version: its digest over the manifest and its
	// summary.
	FinishVersion(ctx context.Context, versionID int64, summary json.RawMessage, full bool, now time.Time) (digest string, err error)
	Close() error
}
