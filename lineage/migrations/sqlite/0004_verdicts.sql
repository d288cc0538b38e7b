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
