-- Gate verdicts: what a policy said of a dataset version, with the
-- evidence (rows sampled, hits, intervals per rule) as JSON.
CREATE TABLE verdicts (
    id            INTEGER PRIMARY KEY,
    version_id    INTEGER NOT NULL REFERENCES dataset_versions(id),
    policy        TEXT NOT NULL,
    policy_digest TEXT NOT NULL,
    verdict       TEXT NOT NULL,
    detail        TEXT NOT NULL,
    decided_at    TEXT NOT NULL
);
CREATE INDEX verdicts_by_version ON verdicts(version_id);

-- The JSON reports of recorded scans and gates (masked previews and
-- fingerprints, never values), for evidence exports; a scan of several
-- roots is one report of several dataset versions.
CREATE TABLE reports (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    body       TEXT NOT NULL
);
CREATE TABLE report_versions (
    report_id  INTEGER NOT NULL REFERENCES reports(id),
    version_id INTEGER NOT NULL REFERENCES dataset_versions(id),
    PRIMARY KEY (report_id, version_id)
);
