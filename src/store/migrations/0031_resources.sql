-- Resources of the AIMS and its AI systems (clause 7.1, Annex A.4.4, A.4.5; src/resources/): tools,
-- compute resources and resource plans, registers of the records platform (0008). A tool's or a
-- compute resource's supplier and the AI systems using it, and the management review that
-- approved a plan, live in record_links.
CREATE TABLE tools (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  title_key TEXT NOT NULL,
  name TEXT NOT NULL,
  category TEXT NOT NULL DEFAULT '',
  tool_version TEXT NOT NULL DEFAULT '',
  licence TEXT NOT NULL DEFAULT '',
  owner_id BIGINT REFERENCES users (id),
  notes TEXT NOT NULL DEFAULT '',
  last_reviewed_on TEXT,
  next_review_on TEXT,
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
CREATE INDEX tools_active_by_title ON tools (org_id, title_key, id) WHERE archived_at IS NULL;
CREATE INDEX tools_active_by_created ON tools (org_id, created_at, id) WHERE archived_at IS NULL;
CREATE INDEX tools_active_by_updated ON tools (org_id, updated_at, id) WHERE archived_at IS NULL;

CREATE TABLE compute_resources (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  title_key TEXT NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL DEFAULT '',
  region TEXT NOT NULL DEFAULT '',
  accelerators TEXT NOT NULL DEFAULT '',
  capacity TEXT NOT NULL DEFAULT '',
  energy_kwh_per_month DOUBLE PRECISION,
  emissions_kg_per_month DOUBLE PRECISION,
  estimate_method TEXT NOT NULL DEFAULT '',
  owner_id BIGINT REFERENCES users (id),
  next_review_on TEXT,
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
CREATE INDEX compute_resources_active_by_title ON compute_resources (org_id, title_key, id) WHERE archived_at IS NULL;
CREATE INDEX compute_resources_active_by_created ON compute_resources (org_id, created_at, id) WHERE archived_at IS NULL;
CREATE INDEX compute_resources_active_by_updated ON compute_resources (org_id, updated_at, id) WHERE archived_at IS NULL;

CREATE TABLE resource_plans (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  title_key TEXT NOT NULL,
  title TEXT NOT NULL,
  period_start TEXT,
  period_end TEXT,
  owner_id BIGINT REFERENCES users (id),
  people TEXT NOT NULL DEFAULT '',
  tools_and_infrastructure TEXT NOT NULL DEFAULT '',
  budget DOUBLE PRECISION,
  currency TEXT NOT NULL DEFAULT '',
  audits TEXT NOT NULL DEFAULT '',
  training TEXT NOT NULL DEFAULT '',
  gaps TEXT NOT NULL DEFAULT '',
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
CREATE INDEX resource_plans_active_by_title ON resource_plans (org_id, title_key, id) WHERE archived_at IS NULL;
CREATE INDEX resource_plans_active_by_created ON resource_plans (org_id, created_at, id) WHERE archived_at IS NULL;
CREATE INDEX resource_plans_active_by_updated ON resource_plans (org_id, updated_at, id) WHERE archived_at IS NULL;

-- Event logging (Annex A.6.2.8, EU AI Act Art. 12, 19 and 26(6); src/monitoring/): what each AI
-- system logs and for how long; its AI system and the monitor receiving its logs live in
-- record_links.
CREATE TABLE logging_requirements (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  title_key TEXT NOT NULL,
  title TEXT NOT NULL,
  what_is_logged TEXT NOT NULL DEFAULT '',
  kept_where TEXT NOT NULL DEFAULT '',
  retention_months BIGINT,
  cadence_hours BIGINT,
  owner_id BIGINT REFERENCES users (id),
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
CREATE INDEX logging_requirements_active_by_title ON logging_requirements (org_id, title_key, id) WHERE archived_at IS NULL;
CREATE INDEX logging_requirements_active_by_created ON logging_requirements (org_id, created_at, id) WHERE archived_at IS NULL;
CREATE INDEX logging_requirements_active_by_updated ON logging_requirements (org_id, updated_at, id) WHERE archived_at IS NULL;
