-- Human oversight in operation (A.9.2 to A.9.4; src/oversight/): oversight plans, a register of the
-- records platform (0008) whose AI system lives in record_links, and the review queue of the
-- decisions production systems submit (hand-written: machines write it at the volume of their
-- decisions). route: held (waits for a person), sampled (reviewed after release) or released;
-- state: pending, confirmed, overridden or released; group_values: a JSON object of the decision's
-- group attributes; context: JSON shown to the reviewer.
CREATE TABLE oversight_plans (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  title_key TEXT NOT NULL,
  name TEXT NOT NULL,
  acceptable_use TEXT NOT NULL DEFAULT '',
  mode TEXT NOT NULL DEFAULT '',
  confidence_threshold DOUBLE PRECISION,
  sampling_rate DOUBLE PRECISION,
  reviewer_role TEXT NOT NULL DEFAULT '',
  target_hours BIGINT,
  max_override_rate DOUBLE PRECISION,
  state TEXT NOT NULL DEFAULT '',
  state_since TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL DEFAULT 1,
  frozen_version BIGINT NOT NULL DEFAULT 0,
  created_by BIGINT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);
CREATE INDEX oversight_plans_active_by_title ON oversight_plans (org_id, title_key, id) WHERE archived_at IS NULL;
CREATE INDEX oversight_plans_active_by_created ON oversight_plans (org_id, created_at, id) WHERE archived_at IS NULL;
CREATE INDEX oversight_plans_active_by_updated ON oversight_plans (org_id, updated_at, id) WHERE archived_at IS NULL;

CREATE TABLE oversight_decisions (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  system_id BIGINT NOT NULL REFERENCES ai_systems (id),
  plan_id BIGINT REFERENCES oversight_plans (id),
  external_id TEXT NOT NULL,
  outcome TEXT NOT NULL,
  score DOUBLE PRECISION,
  group_values TEXT NOT NULL DEFAULT '{}',
  summary TEXT NOT NULL DEFAULT '',
  context TEXT NOT NULL DEFAULT 'null',
  route TEXT NOT NULL,
  state TEXT NOT NULL,
  final_outcome TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  submitted_at TEXT NOT NULL,
  submitted_by BIGINT REFERENCES users (id),
  reviewed_at TEXT,
  reviewed_by BIGINT REFERENCES users (id)
);
CREATE UNIQUE INDEX oversight_decisions_by_external_id ON oversight_decisions (org_id, system_id, external_id);
CREATE INDEX oversight_decisions_by_state ON oversight_decisions (org_id, state, id);
CREATE INDEX oversight_decisions_by_system ON oversight_decisions (org_id, system_id, submitted_at);
