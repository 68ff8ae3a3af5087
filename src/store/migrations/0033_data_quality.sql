-- Data quality (Annex A.7.4; src/data_quality/): the requirements a dataset is held to, a register
-- of the records platform (0008) whose dataset lives in record_links, and the runs that measured a
-- dataset file against them, kept as evidence with the engine's full report.
CREATE TABLE data_quality_requirements (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  title_key TEXT NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  rationale TEXT NOT NULL DEFAULT '',
  columns TEXT NOT NULL DEFAULT '',
  label_column TEXT NOT NULL DEFAULT '',
  threshold DOUBLE PRECISION,
  minimum DOUBLE PRECISION,
  maximum DOUBLE PRECISION,
  allowed_values TEXT NOT NULL DEFAULT '',
  group_column TEXT NOT NULL DEFAULT '',
  target_shares TEXT NOT NULL DEFAULT '',
  tolerance DOUBLE PRECISION,
  check_every_days BIGINT,
  owner_id BIGINT REFERENCES users (id),
  last_run_on TEXT,
  last_outcome TEXT NOT NULL DEFAULT '',
  next_check_due TEXT,
  state TEXT NOT NULL DEFAULT '',
  state_since TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL DEFAULT 1,
  frozen_version BIGINT NOT NULL DEFAULT 0,
  created_by BIGINT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);
CREATE INDEX data_quality_requirements_active_by_title ON data_quality_requirements (org_id, title_key, id) WHERE archived_at IS NULL;
CREATE INDEX data_quality_requirements_active_by_created ON data_quality_requirements (org_id, created_at, id) WHERE archived_at IS NULL;
CREATE INDEX data_quality_requirements_active_by_updated ON data_quality_requirements (org_id, updated_at, id) WHERE archived_at IS NULL;
CREATE INDEX data_quality_requirements_by_next_check ON data_quality_requirements (org_id, next_check_due);

-- report is the engine's JSON (monitoring::to_json of a QualityReport): per requirement its
-- measured value, threshold, outcome and group shares. sha256 names the file that was measured.
CREATE TABLE data_quality_runs (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  dataset_id BIGINT NOT NULL REFERENCES datasets (id),
  started_at TEXT NOT NULL,
  finished_at TEXT NOT NULL,
  file_name TEXT NOT NULL DEFAULT '',
  sha256 TEXT NOT NULL,
  input_bytes BIGINT NOT NULL DEFAULT 0,
  row_count BIGINT NOT NULL DEFAULT 0,
  malformed_rows BIGINT NOT NULL DEFAULT 0,
  passed INTEGER NOT NULL DEFAULT 0,
  report TEXT NOT NULL,
  run_by BIGINT REFERENCES users (id)
);
CREATE INDEX data_quality_runs_by_dataset ON data_quality_runs (org_id, dataset_id, id);
