-- Resumable runs: an ingest is a run of parts (files, or ranges of an archive's records
-- or a dump's lines); each part done is recorded in the transaction that stores its
-- articles and rejections, so a run killed mid-way is resumed at the first part not
-- done, with nothing stored twice.  A finished run keeps its row and drops its parts.
CREATE TABLE runs (
  id TEXT PRIMARY KEY,
  signature TEXT NOT NULL,       -- the inputs and options: what makes a rerun the same run
  inputs TEXT NOT NULL,          -- the same, readable (JSON)
  started_at TEXT NOT NULL,
  finished_at TEXT,
  parts INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX runs_signature ON runs (signature, finished_at);

CREATE TABLE run_parts (
  run_id TEXT NOT NULL REFERENCES runs (id),
  part TEXT NOT NULL,            -- the part's key: real path, size, mtime, range
  done_at TEXT NOT NULL,
  PRIMARY KEY (run_id, part)
);
