-- Datasets, the versions sweeps and scans record of them, the objects
-- each version holds with what was found in them (counts and keyed
-- fingerprints, never values), and the signals a sweep notices: objects
-- gone or no longer readable. Later migrations add models, runs and
-- revocations on top of these tables.

CREATE TABLE datasets (
    id         INTEGER PRIMARY KEY,
    uri        TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
);

CREATE TABLE dataset_versions (
    id          INTEGER PRIMARY KEY,
    dataset_id  INTEGER NOT NULL REFERENCES datasets(id),
    started_at  TEXT NOT NULL,
    -- NULL while the sweep recording it runs; a sweep killed midway leaves
    -- it so, and the next sweep of the dataset resumes it.
    finished_at TEXT,
    -- sha256 of the manifest: every object's URL, version and size.
    digest      TEXT,
    -- the scan summary, JSON.
    summary     TEXT
);
CREATE INDEX dataset_versions_by_dataset ON dataset_versions(dataset_id, id);

CREATE TABLE version_objects (
    version_id     INTEGER NOT NULL REFERENCES dataset_versions(id),
    url            TEXT NOT NULL,
    object_version TEXT NOT NULL,
    size           INTEGER NOT NULL,
    -- scanned: read by this sweep; reused: unchanged since the version
    -- named in reused_from; denied, failed: listed but not read.
    status         TEXT NOT NULL,
    reused_from    INTEGER,
    reason         TEXT,
    -- the object's entry of the scan report, JSON.
    result         TEXT,
    recorded_at    TEXT NOT NULL,
    PRIMARY KEY (version_id, url)
);

CREATE TABLE version_fingerprints (
    version_id  INTEGER NOT NULL REFERENCES dataset_versions(id),
    url         TEXT NOT NULL,
    info_type   TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    count       INTEGER NOT NULL,
    PRIMARY KEY (version_id, url, info_type, fingerprint)
);
CREATE INDEX version_fingerprints_by_fingerprint ON version_fingerprints(fingerprint);

CREATE TABLE signals (
    id             INTEGER PRIMARY KEY,
    dataset_id     INTEGER NOT NULL REFERENCES datasets(id),
    version_id     INTEGER NOT NULL REFERENCES dataset_versions(id),
    url            TEXT NOT NULL,
    -- gone: recorded before, not listed now; access-denied: listed, but
    -- the store refuses to read it.
    kind           TEXT NOT NULL,
    object_version TEXT,
    reason         TEXT,
    at             TEXT NOT NULL
);
CREATE INDEX signals_by_dataset ON signals(dataset_id, at);
