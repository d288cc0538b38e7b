-- Models and their versions, the runs that join dataset and model versions
-- (training, fine-tuning, distillation, derived datasets: all edges alike),
-- revocations of data, and remediations of the model versions that held it.

-- OpenLineage names a dataset by namespace and name; kept when it came so.
ALTER TABLE datasets ADD COLUMN namespace TEXT;
ALTER TABLE datasets ADD COLUMN name TEXT;

-- A version named by its producer (OpenLineage's version facet, URI@V on
-- the command line) rather than recorded by a scan.
ALTER TABLE dataset_versions ADD COLUMN label TEXT;
CREATE UNIQUE INDEX dataset_versions_by_label ON dataset_versions(dataset_id, label);
-- 1 when every object was read in full: the version's own fingerprint
-- index then says what it holds, whatever its inputs held.
ALTER TABLE dataset_versions ADD COLUMN complete INTEGER NOT NULL DEFAULT 0;

-- The highest likelihood of the findings counted (classify.Likelihood).
ALTER TABLE version_fingerprints ADD COLUMN likelihood INTEGER;
CREATE INDEX version_objects_by_url ON version_objects(url);

-- Findings per infoType and likelihood of a finished version, summed when
-- it is sealed: what SENSITIVE is decided from without reading every
-- fingerprint.
CREATE TABLE version_infotypes (
    version_id INTEGER NOT NULL REFERENCES dataset_versions(id),
    info_type  TEXT NOT NULL,
    likelihood INTEGER NOT NULL,
    count      INTEGER NOT NULL,
    PRIMARY KEY (version_id, info_type, likelihood)
);

CREATE TABLE models (
    id         INTEGER PRIMARY KEY,
    uri        TEXT NOT NULL UNIQUE,
    namespace  TEXT,
    name       TEXT,
    created_at TEXT NOT NULL
);

CREATE TABLE model_versions (
    id         INTEGER PRIMARY KEY,
    model_id   INTEGER NOT NULL REFERENCES models(id),
    -- a digest or a label
    label      TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (model_id, label)
);

CREATE TABLE runs (
    id          INTEGER PRIMARY KEY,
    -- OpenLineage's runId, or the name and time of a recorded run
    run_key     TEXT NOT NULL UNIQUE,
    namespace   TEXT NOT NULL DEFAULT '',
    name        TEXT NOT NULL,
    state       TEXT,
    started_at  TEXT NOT NULL,
    ended_at    TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE INDEX runs_by_job ON runs(namespace, name);

-- direction: in or out; kind: dataset (node_id a dataset version) or
-- model (node_id a model version).
CREATE TABLE run_edges (
    run_id    INTEGER NOT NULL REFERENCES runs(id),
    direction TEXT NOT NULL,
    kind      TEXT NOT NULL,
    node_id   INTEGER NOT NULL,
    PRIMARY KEY (run_id, direction, kind, node_id)
);
CREATE INDEX run_edges_by_node ON run_edges(kind, node_id);

-- kind: subject (fingerprints in revocation_fingerprints), object (target
-- an object URL), prefix (target a URL prefix), dataset (target a dataset
-- URI). Never a value.
CREATE TABLE revocations (
    id             INTEGER PRIMARY KEY,
    kind           TEXT NOT NULL,
    info_type      TEXT,
    target         TEXT,
    object_version TEXT,
    reason         TEXT NOT NULL,
    note           TEXT,
    source         TEXT NOT NULL,
    effective_at   TEXT NOT NULL,
    recorded_at    TEXT NOT NULL
);

CREATE TABLE revocation_fingerprints (
    revocation_id INTEGER NOT NULL REFERENCES revocations(id),
    fingerprint   TEXT NOT NULL,
    PRIMARY KEY (revocation_id, fingerprint)
);

CREATE TABLE remediations (
    id               INTEGER PRIMARY KEY,
    model_version_id INTEGER NOT NULL REFERENCES model_versions(id),
    revocation_id    INTEGER NOT NULL REFERENCES revocations(id),
    method           TEXT NOT NULL,
    evidence         TEXT NOT NULL,
    recorded_at      TEXT NOT NULL
);
CREATE INDEX remediations_by_version ON remediations(model_version_id);
