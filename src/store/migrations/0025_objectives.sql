-- AI objectives (clause 6.2; src/objectives/) and the measurements entered by hand for them,
-- registers of the records platform (0008): the AI policy, the AI systems, the monitor and the
-- objective a measurement belongs to live in record_links.
CREATE TABLE objectives (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  title_key TEXT NOT NULL,
  title TEXT NOT NULL,
  statement TEXT NOT NULL DEFAULT '',
  owner_id BIGINT REFERENCES users (id),
  plan TEXT NOT NULL DEFAULT '',
  measure TEXT NOT NULL,
  metric TEXT NOT NULL DEFAULT '',
  metric_scope TEXT NOT NULL DEFAULT '',
  unit TEXT NOT NULL DEFAULT '',
  baseline_value DOUBLE PRECISION,
  baseline_on TEXT,
  target_value DOUBLE PRECISION,
  direction TEXT NOT NULL,
  start_on TEXT,
  due_on TEXT,
  state TEXT NOT NULL DEFAULT '',
  state_since TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL DEFAULT 1,
  frozen_version BIGINT NOT NULL DEFAULT 0,
  created_by BIGINT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT,
  UNIQUE (org_id, title_key)
);
CREATE INDEX objectives_active_by_title ON objectives (org_id, title_key, id) WHERE archived_at IS NULL;
CREATE INDEX objectives_active_by_created ON objectives (org_id, created_at, id) WHERE archived_at IS NULL;
CREATE INDEX objectives_active_by_updated ON objectives (org_id, updated_at, id) WHERE archived_at IS NULL;
CREATE INDEX objectives_by_due ON objectives (org_id, due_on);

CREATE TABLE objective_measurements (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  title_key TEXT NOT NULL,
  title TEXT NOT NULL,
  measured_on TEXT,
  value DOUBLE PRECISION,
  note TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL DEFAULT '',
  state_since TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL DEFAULT 1,
  frozen_version BIGINT NOT NULL DEFAULT 0,
  created_by BIGINT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);
CREATE INDEX objective_measurements_active_by_title ON objective_measurements (org_id, title_key, id) WHERE archived_at IS NULL;
CREATE INDEX objective_measurements_active_by_created ON objective_measurements (org_id, created_at, id) WHERE archived_at IS NULL;
CREATE INDEX objective_measurements_active_by_updated ON objective_measurements (org_id, updated_at, id) WHERE archived_at IS NULL;
