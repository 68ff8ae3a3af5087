-- Monitoring (clause 9.1, Annex A.6.2.6): monitors of AI systems, their runs over prediction logs,
-- the metric samples of each run (for trends), alerts on threshold breaches, and whether a system
-- must route its decisions to people.
CREATE TABLE monitors (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  system_id BIGINT NOT NULL REFERENCES ai_systems (id),
  name TEXT NOT NULL,
  name_key TEXT NOT NULL,
  config TEXT NOT NULL,
  thresholds TEXT NOT NULL,
  run_mode TEXT NOT NULL,
  schedule_hours BIGINT,
  schedule_source TEXT NOT NULL DEFAULT '',
  next_run_at TEXT,
  human_review_on_breach INTEGER NOT NULL DEFAULT 0,
  reference_profile TEXT,
  reference_sha256 TEXT NOT NULL DEFAULT '',
  reference_rows BIGINT,
  reference_at TEXT,
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT,
  UNIQUE (org_id, system_id, name_key)
);
CREATE INDEX monitors_due ON monitors (run_mode, next_run_at);

-- Runs are records of evidence: written once, never changed.
CREATE TABLE monitor_runs (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  monitor_id BIGINT NOT NULL REFERENCES monitors (id),
  system_id BIGINT NOT NULL REFERENCES ai_systems (id),
  source TEXT NOT NULL,
  status TEXT NOT NULL,
  error TEXT NOT NULL DEFAULT '',
  started_at TEXT NOT NULL,
  finished_at TEXT NOT NULL,
  input_name TEXT NOT NULL DEFAULT '',
  input_sha256 TEXT NOT NULL DEFAULT '',
  input_bytes BIGINT NOT NULL DEFAULT 0,
  row_count BIGINT NOT NULL DEFAULT 0,
  window_from TEXT,
  window_to TEXT,
  reference_sha256 TEXT NOT NULL DEFAULT '',
  result TEXT,
  breaches BIGINT NOT NULL DEFAULT 0,
  actor_label TEXT NOT NULL
);
CREATE INDEX monitor_runs_by_monitor ON monitor_runs (org_id, monitor_id, id);
CREATE INDEX monitor_runs_by_system ON monitor_runs (org_id, system_id, id);

CREATE TABLE metric_samples (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  run_id BIGINT NOT NULL REFERENCES monitor_runs (id),
  monitor_id BIGINT NOT NULL REFERENCES monitors (id),
  at TEXT NOT NULL,
  metric TEXT NOT NULL,
  scope TEXT NOT NULL,
  value DOUBLE PRECISION,
  undefined_reason TEXT NOT NULL DEFAULT '',
  sample_count BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX metric_samples_series ON metric_samples (org_id, monitor_id, metric, scope, at);
CREATE INDEX metric_samples_by_run ON metric_samples (run_id);

CREATE TABLE alerts (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  system_id BIGINT NOT NULL REFERENCES ai_systems (id),
  monitor_id BIGINT NOT NULL REFERENCES monitors (id),
  run_id BIGINT NOT NULL REFERENCES monitor_runs (id),
  incident_id BIGINT REFERENCES incidents (id),
  metric TEXT NOT NULL,
  scope TEXT NOT NULL,
  value DOUBLE PRECISION NOT NULL,
  comparison TEXT NOT NULL,
  threshold DOUBLE PRECISION NOT NULL,
  severity TEXT NOT NULL,
  status TEXT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX alerts_by_system ON alerts (org_id, system_id, status, id);

-- No row: decisions need no human review. One row per system once it was ever switched.
CREATE TABLE ai_system_oversight (
  system_id BIGINT PRIMARY KEY REFERENCES ai_systems (id),
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  human_review_required INTEGER NOT NULL,
  since TEXT NOT NULL,
  set_by TEXT NOT NULL,
  reason TEXT NOT NULL,
  source TEXT NOT NULL,
  alert_id BIGINT REFERENCES alerts (id),
  version BIGINT NOT NULL DEFAULT 1
);
