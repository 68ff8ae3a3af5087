-- Lifecycle governance (A.6.2.2, A.6.2.4; src/lifecycle/): requirements with their acceptance
-- criteria and validation records, registers of the records platform (0008) whose AI system,
-- model and monitor live in record_links, and the runs that checked a validation log against the
-- criteria, kept as evidence.
CREATE TABLE ai_requirements (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  title_key TEXT NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  statement TEXT NOT NULL DEFAULT '',
  metric TEXT NOT NULL DEFAULT '',
  scope TEXT NOT NULL DEFAULT '',
  comparison TEXT NOT NULL DEFAULT '',
  threshold DOUBLE PRECISION,
  rationale TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL DEFAULT '',
  state_since TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL DEFAULT 1,
  frozen_version BIGINT NOT NULL DEFAULT 0,
  created_by BIGINT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);
CREATE INDEX ai_requirements_active_by_title ON ai_requirements (org_id, title_key, id) WHERE archived_at IS NULL;
CREATE INDEX ai_requirements_active_by_created ON ai_requirements (org_id, created_at, id) WHERE archived_at IS NULL;
CREATE INDEX ai_requirements_active_by_updated ON ai_requirements (org_id, updated_at, id) WHERE archived_at IS NULL;

CREATE TABLE validations (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  title_key TEXT NOT NULL,
  name TEXT NOT NULL,
  validator_id BIGINT REFERENCES users (id),
  method TEXT NOT NULL DEFAULT '',
  other_tests TEXT NOT NULL DEFAULT '',
  outcome TEXT NOT NULL DEFAULT '',
  last_run_on TEXT,
  conclusion TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL DEFAULT '',
  state_since TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL DEFAULT 1,
  frozen_version BIGINT NOT NULL DEFAULT 0,
  created_by BIGINT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);
CREATE INDEX validations_active_by_title ON validations (org_id, title_key, id) WHERE archived_at IS NULL;
CREATE INDEX validations_active_by_created ON validations (org_id, created_at, id) WHERE archived_at IS NULL;
CREATE INDEX validations_active_by_updated ON validations (org_id, updated_at, id) WHERE archived_at IS NULL;

-- criteria: each acceptance criterion checked, with its measured value and outcome; robustness:
-- the engine's paired-log report (JSON null without a perturbed log).
CREATE TABLE validation_runs (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  validation_id BIGINT NOT NULL REFERENCES validations (id),
  started_at TEXT NOT NULL,
  finished_at TEXT NOT NULL,
  log_name TEXT NOT NULL DEFAULT '',
  log_sha256 TEXT NOT NULL,
  row_count BIGINT NOT NULL DEFAULT 0,
  perturbed_name TEXT NOT NULL DEFAULT '',
  perturbed_sha256 TEXT NOT NULL DEFAULT '',
  passed INTEGER NOT NULL DEFAULT 0,
  criteria TEXT NOT NULL,
  robustness TEXT NOT NULL,
  run_by BIGINT REFERENCES users (id)
);
CREATE INDEX validation_runs_by_validation ON validation_runs (org_id, validation_id, id);
