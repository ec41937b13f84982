-- Resumable runs and the parts each has stored: SQLite's 0007_runs.sql.
CREATE TABLE runs (
  id TEXT COLLATE "C" PRIMARY KEY,
  signature TEXT COLLATE "C" NOT NULL,
  inputs TEXT COLLATE "C" NOT NULL,
  started_at TEXT COLLATE "C" NOT NULL,
  finished_at TEXT COLLATE "C",
  parts INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX runs_signature ON runs (signature, finished_at);

CREATE TABLE run_parts (
  run_id TEXT COLLATE "C" NOT NULL REFERENCES runs (id),
  part TEXT COLLATE "C" NOT NULL,
  done_at TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (run_id, part)
);
