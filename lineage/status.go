package lineage

import (
	"context"
	"errors"
	"time"

	"github.com/residuehq/residue/classify"
)

// Model statuses.
const (
	StatusTainted    = "TAINTED"    // an input, followed through runs, holds revoked data
	StatusRemediated = "REMEDIATED" // it did, and every such revocation is remediated for this version
	StatusSensitive  = "SENSITIVE"  // inputs hold findings, nothing revoked
	StatusClean      = "CLEAN"
)

// StatusOptions tune Statuses.
type StatusOptions struct {
	// MinLikelihood is the least likelihood of a finding that makes a
	// model SENSITIVE; zero means LIKELY.
	MinLikelihood classify.Likelihood
	// AllVersions reports every version of every model, not only the
	// latest.
	AllVersions bool
}

// ModelStatus is a model version's status with its reasons.
type ModelStatus struct {
	ModelVersion
	Status  string   `json:"status"`
	Reasons []Reason `json:"reasons"`
}

// Reason is one cause of a status, with the path that proves it: from
// the model version back through runs and dataset versions to the object
// or fingerprint, and the revocation.
type Reason struct {
	// Status is the status this reason supports.
	Status      string       `json:"status"`
	Revocation  *Revocation  `json:"revocation,omitempty"`
	Remediation *Remediation `json:"remediation,omitempty"`
	// TrainedAfter says the run that made the model version started
	// after the revocation took effect: it used data it had no right to.
	TrainedAfter bool `json:"trained_after_revocation,omitempty"`
	// InfoTypes counts, for SENSITIVE, the findings at or above the
	// least likelihood in the dataset version the path ends at.
	InfoTypes map[string]int64 `json:"info_types,omitempty"`
	Path      []Step           `json:"path"`
	Text      string           `json:"text"`
}

// Step kinds of a path.
const (
	StepModelVersion   = "model_version"
	StepRun            = "run"
	StepDatasetVersion = "dataset_version"
	StepObject         = "object"
	StepFingerprint    = "fingerprint"
	StepDataset        = "dataset"
	StepRevocation     = "revocation"
)

// Step is one node of a path.
type Step struct {
	Kind     string    `json:"kind"`
	ID       int64     `json:"id,omitempty"`
	URI      string    `json:"uri,omitempty"`
	Version  string    `json:"version,omitempty"`
	Name     string    `json:"name,omitempty"`
	InfoType string    `json:"info_type,omitempty"`
	Time     time.Time `json:"time,omitzero"`
}

// Statuses returns the status of every model's latest version (every
// version with AllVersions), by model URI and version.
func (s *DB) Statuses(ctx context.Context, o StatusOptions) ([]ModelStatus, error) {
	return nil, errors.New("not yet")
}
