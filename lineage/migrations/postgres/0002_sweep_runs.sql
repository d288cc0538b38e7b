-- A sweep split across shards records one version: its shards find it by
-- the run's name, each records its part, and the last to finish seals it.
ALTER TABLE dataset_versions ADD COLUMN run TEXT;
ALTER TABLE dataset_versions ADD COLUMN shards BIGINT;
-- The shard that seals the version, claimed once.
ALTER TABLE dataset_versions ADD COLUMN sealed_by BIGINT;
CREATE UNIQUE INDEX dataset_versions_by_run ON dataset_versions(dataset_id, run);

CREATE TABLE version_shards (
    version_id  BIGINT NOT NULL REFERENCES dataset_versions(id),
    shard       INTEGER NOT NULL,
    finished_at TEXT NOT NULL,
    PRIMARY KEY (version_id, shard)
);
