-- Supplier due diligence (Annex A.10.3; src/suppliers/): assessments with their scored
-- questionnaire, periodic evaluations of what a supplier delivers, and exit plans, registers of
-- the records platform (0008). Their supplier, AI systems and monitors live in record_links.
-- The supplier gains a relationship owner, a criticality, an evaluation interval and the next
-- evaluation its latest one set; an incident gains the notice sent to the supplier involved.
ALTER TABLE suppliers ADD COLUMN relationship_owner_id BIGINT REFERENCES users (id);
ALTER TABLE suppliers ADD COLUMN criticality TEXT NOT NULL DEFAULT '';
ALTER TABLE suppliers ADD COLUMN evaluation_interval_months BIGINT;
ALTER TABLE suppliers ADD COLUMN next_evaluation_due TEXT;
CREATE INDEX suppliers_by_next_evaluation ON suppliers (org_id, next_evaluation_due);

ALTER TABLE incidents ADD COLUMN supplier_notified_at TEXT;
ALTER TABLE incidents ADD COLUMN supplier_reference TEXT NOT NULL DEFAULT '';
ALTER TABLE incidents ADD COLUMN supplier_notification TEXT NOT NULL DEFAULT '';
ALTER TABLE incidents ADD COLUMN supplier_notice_due_by TEXT;
CREATE INDEX incidents_by_supplier_notice_due ON incidents (org_id, supplier_notice_due_by);

CREATE TABLE supplier_assessments (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  title_key TEXT NOT NULL,
  title TEXT NOT NULL,
  assessed_on TEXT,
  assessor_id BIGINT REFERENCES users (id),
  ai_act_role TEXT NOT NULL DEFAULT '',
  q_data_use BIGINT,
  q_security BIGINT,
  q_transparency BIGINT,
  q_testing BIGINT,
  q_incident_notice BIGINT,
  q_subprocessors BIGINT,
  q_change_notice BIGINT,
  q_exit BIGINT,
  q_ai_act BIGINT,
  total_score BIGINT,
  rating TEXT NOT NULL DEFAULT '',
  findings TEXT NOT NULL DEFAULT '',
  conditions TEXT NOT NULL DEFAULT '',
  conditions_due TEXT,
  conditions_met_on TEXT,
  decided_on TEXT,
  approver_id BIGINT REFERENCES users (id),
  next_review_due TEXT,
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
CREATE INDEX supplier_assessments_active_by_title ON supplier_assessments (org_id, title_key, id) WHERE archived_at IS NULL;
CREATE INDEX supplier_assessments_active_by_created ON supplier_assessments (org_id, created_at, id) WHERE archived_at IS NULL;
CREATE INDEX supplier_assessments_active_by_updated ON supplier_assessments (org_id, updated_at, id) WHERE archived_at IS NULL;
CREATE INDEX supplier_assessments_by_conditions_due ON supplier_assessments (org_id, conditions_due);

CREATE TABLE supplier_evaluations (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  title_key TEXT NOT NULL,
  title TEXT NOT NULL,
  period_from TEXT,
  period_to TEXT,
  evaluator_id BIGINT REFERENCES users (id),
  evaluated TEXT NOT NULL DEFAULT '',
  outcome TEXT NOT NULL DEFAULT '',
  findings TEXT NOT NULL DEFAULT '',
  runs_cited TEXT NOT NULL DEFAULT '',
  next_due TEXT,
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
CREATE INDEX supplier_evaluations_active_by_title ON supplier_evaluations (org_id, title_key, id) WHERE archived_at IS NULL;
CREATE INDEX supplier_evaluations_active_by_created ON supplier_evaluations (org_id, created_at, id) WHERE archived_at IS NULL;
CREATE INDEX supplier_evaluations_active_by_updated ON supplier_evaluations (org_id, updated_at, id) WHERE archived_at IS NULL;
CREATE INDEX supplier_evaluations_by_period_to ON supplier_evaluations (org_id, period_to);

CREATE TABLE supplier_exit_plans (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  title_key TEXT NOT NULL,
  title TEXT NOT NULL,
  triggers TEXT NOT NULL DEFAULT '',
  fallback_kind TEXT NOT NULL DEFAULT '',
  fallback TEXT NOT NULL DEFAULT '',
  steps TEXT NOT NULL DEFAULT '',
  data_return TEXT NOT NULL DEFAULT '',
  switch_days BIGINT,
  last_tested_on TEXT,
  test_outcome TEXT NOT NULL DEFAULT '',
  test_notes TEXT NOT NULL DEFAULT '',
  owner_id BIGINT REFERENCES users (id),
  next_test_due TEXT,
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
CREATE INDEX supplier_exit_plans_active_by_title ON supplier_exit_plans (org_id, title_key, id) WHERE archived_at IS NULL;
CREATE INDEX supplier_exit_plans_active_by_created ON supplier_exit_plans (org_id, created_at, id) WHERE archived_at IS NULL;
CREATE INDEX supplier_exit_plans_active_by_updated ON supplier_exit_plans (org_id, updated_at, id) WHERE archived_at IS NULL;
CREATE INDEX supplier_exit_plans_by_next_test ON supplier_exit_plans (org_id, next_test_due);
