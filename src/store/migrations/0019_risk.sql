-- AI risk management (clauses 6.1, 8.2, 8.3; src/risk/): the organisation's risk criteria, each
-- adopted version kept whole, and the risk register and its treatment actions, registers of the
-- records platform (0008): AI systems concerned, the indicator monitor and the risk an action
-- treats live in record_links, approvals of acceptance in record_approvals.

-- body: the criteria as JSON (scales with definitions, the matrix, the acceptance threshold).
CREATE TABLE risk_criteria (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  version BIGINT NOT NULL,
  body TEXT NOT NULL,
  reason TEXT NOT NULL,
  changed_by BIGINT REFERENCES users (id),
  changed_by_label TEXT NOT NULL,
  changed_at TEXT NOT NULL,
  UNIQUE (org_id, version)
);

CREATE TABLE risks (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  title_key TEXT NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  organisation_wide INTEGER NOT NULL DEFAULT 0,
  source TEXT NOT NULL,
  source_detail TEXT NOT NULL DEFAULT '',
  objective TEXT NOT NULL,
  cause TEXT NOT NULL DEFAULT '',
  consequence TEXT NOT NULL DEFAULT '',
  inherent_likelihood BIGINT,
  inherent_impact BIGINT,
  inherent_level TEXT NOT NULL DEFAULT '',
  existing_controls TEXT NOT NULL DEFAULT '',
  treatment TEXT NOT NULL DEFAULT '',
  controls TEXT NOT NULL DEFAULT '',
  residual_likelihood BIGINT,
  residual_impact BIGINT,
  residual_level TEXT NOT NULL DEFAULT '',
  owner_id BIGINT REFERENCES users (id),
  review_interval_months BIGINT,
  next_review TEXT,
  indicator_metric TEXT NOT NULL DEFAULT '',
  indicator_breach TEXT NOT NULL DEFAULT '',
  indicator_breached_at TEXT,
  review_raised_on TEXT,
  acceptance_requested_by BIGINT REFERENCES users (id),
  library_key TEXT NOT NULL DEFAULT '',
  criteria_version BIGINT,
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
CREATE INDEX risks_active_by_title ON risks (org_id, title_key, id) WHERE archived_at IS NULL;
CREATE INDEX risks_active_by_created ON risks (org_id, created_at, id) WHERE archived_at IS NULL;
CREATE INDEX risks_active_by_updated ON risks (org_id, updated_at, id) WHERE archived_at IS NULL;
CREATE INDEX risks_by_state ON risks (org_id, state);
CREATE INDEX risks_by_next_review ON risks (org_id, next_review);

CREATE TABLE risk_actions (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  title_key TEXT NOT NULL,
  title TEXT NOT NULL,
  control TEXT NOT NULL DEFAULT '',
  owner_id BIGINT REFERENCES users (id),
  due_date TEXT,
  notes TEXT NOT NULL DEFAULT '',
  effectiveness TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL DEFAULT '',
  state_since TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL DEFAULT 1,
  frozen_version BIGINT NOT NULL DEFAULT 0,
  created_by BIGINT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);
CREATE INDEX risk_actions_active_by_title ON risk_actions (org_id, title_key, id) WHERE archived_at IS NULL;
CREATE INDEX risk_actions_active_by_created ON risk_actions (org_id, created_at, id) WHERE archived_at IS NULL;
CREATE INDEX risk_actions_active_by_updated ON risk_actions (org_id, updated_at, id) WHERE archived_at IS NULL;
CREATE INDEX risk_actions_by_due ON risk_actions (org_id, due_date);
