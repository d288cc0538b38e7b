package lineage

import (
	"time"
)

// Node kinds: what a run reads or writes.
const (
	KindDataset = "dataset" // a dataset version
	KindModel   = "model"   // a model version
)

// Ref names a dataset or model version as runs name them: a URI and a
// version, a label or (for datasets) the ID a recording gave it.
//
// An input without a version means the latest one recorded. An output
// without one means, for a dataset, its latest recorded version (record
// the derived data with scan --record before the run, and the run points
// at what was scanned), and for a model a new version named by the run's
// start time. A version that does not exist is created as a placeholder:
// it holds no manifest, only lineage.
type Ref struct {
	Kind    string `json:"kind"`
	URI     string `json:"uri"`
	Version string `json:"version,omitempty"`
	// Namespace and Name are OpenLineage's names of the node, when it came
	// from an event.
	Namespace string `json:"namespace,omitempty"`
	Name      string `json:"name,omitempty"`
}

// RunRecord is a run to record: a training job, a fine-tune, a
// distillation, a job deriving a dataset.
type RunRecord struct {
	// Key identifies the run: records with the same key are one run
	// (OpenLineage's START and COMPLETE of a runId), whose inputs and
	// outputs are the union of theirs.
	Key string
	// Namespace and Name name the job (OpenLineage's job namespace and
	// name; the --run name, namespace empty, on the command line).
	Namespace string
	Name      string
	// State is the event type (START, RUNNING, COMPLETE, FAIL, ABORT,
	// OTHER); empty means COMPLETE.
	State   string
	Time    time.Time
	Inputs  []Ref
	Outputs []Ref
	// Strict makes an input naming a version that was never recorded an
	// error rather than a placeholder (the command line; OpenLineage
	// producers name versions residue has not seen).
	Strict bool
}

// Run is a recorded run with its resolved inputs and outputs.
type Run struct {
	ID        int64     `json:"id"`
	Key       string    `json:"key"`
	Namespace string    `json:"namespace,omitempty"`
	Name      string    `json:"name"`
	State     string    `json:"state"`
	Started   time.Time `json:"started"`
	Ended     time.Time `json:"ended"`
	Inputs    []NodeRef `json:"inputs"`
	Outputs   []NodeRef `json:"outputs"`
}

// NodeRef is a resolved dataset or model version.
type NodeRef struct {
	Kind string `json:"kind"`
	// ID is the dataset version's or model version's ID.
	ID        int64  `json:"id"`
	URI       string `json:"uri"`
	Version   string `json:"version"` // the label, else the ID
	Namespace string `json:"namespace,omitempty"`
	Name      string `json:"name,omitempty"`
}

// ModelVersion is a version of a model.
type ModelVersion struct {
	ID      int64     `json:"id"`
	Model   string    `json:"model"`
	Version string    `json:"version"`
	Created time.Time `json:"created"`
	Latest  bool      `json:"latest"`
}

// Revocation kinds.
const (
	RevokeSubject = "subject" // a person or key, by fingerprint
	RevokeObject  = "object"  // an object URL
	RevokePrefix  = "prefix"  // every URL starting with a prefix
	RevokeDataset = "dataset" // every version of a dataset
)

// Reasons a revocation gives.
var Reasons = []string{"erasure-request", "consent-withdrawn", "access-removed", "license-expired", "object-deleted", "other"}

// Revocation withdraws the right to use data. A subject is held as the
// fingerprints of its value, never the value.
type Revocation struct {
	ID            int64     `json:"id"`
	Kind          string    `json:"kind"`
	InfoType      string    `json:"info_type,omitempty"`
	Fingerprints  []string  `json:"fingerprints,omitempty"`
	Target        string    `json:"target,omitempty"`
	ObjectVersion string    `json:"object_version,omitempty"`
	Reason        string    `json:"reason"`
	Note          string    `json:"note,omitempty"`
	Source        string    `json:"source"` // "cli", "sweep"
	Effective     time.Time `json:"effective"`
	Recorded      time.Time `json:"recorded"`
}

// Remediation records that a model version no longer embodies what a
// revocation withdrew.
type Remediation struct {
	ID           int64     `json:"id"`
	Model        string    `json:"model"`
	Version      string    `json:"version"`
	RevocationID int64     `json:"revocation"`
	Method       string    `json:"method"` // retrain, unlearning
	Evidence     string    `json:"evidence"`
	Recorded     time.Time `json:"recorded"`
}
