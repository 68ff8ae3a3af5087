-- AI system impact assessments (clauses 6.1.4, 8.4; Annex A.5; ISO/IEC 42005; EU AI Act Art. 27;
-- src/impact/) and the harms and benefits each one weighs, registers of the records platform
-- (0008): the AI system, datasets, risks and the assessment an impact belongs to live in
-- record_links, approvals in record_approvals and approved texts in record_versions.
CREATE TABLE impact_assessments (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  title_key TEXT NOT NULL,
  title TEXT NOT NULL,
  system_version TEXT NOT NULL DEFAULT '',
  assessor_id BIGINT REFERENCES users (id),
  scope TEXT NOT NULL DEFAULT '',
  intended_use TEXT NOT NULL DEFAULT '',
  foreseeable_misuse TEXT NOT NULL DEFAULT '',
  data_used TEXT NOT NULL DEFAULT '',
  deployment_context TEXT NOT NULL DEFAULT '',
  affected_individuals TEXT NOT NULL DEFAULT '',
  affected_groups TEXT NOT NULL DEFAULT '',
  vulnerable_groups TEXT NOT NULL DEFAULT '',
  societal_effects TEXT NOT NULL DEFAULT '',
  environmental_effects TEXT NOT NULL DEFAULT '',
  controls TEXT NOT NULL DEFAULT '',
  decision TEXT NOT NULL DEFAULT '',
  conditions TEXT NOT NULL DEFAULT '',
  assessed_on TEXT,
  valid_until TEXT,
  fria INTEGER NOT NULL DEFAULT 0,
  fria_process TEXT NOT NULL DEFAULT '',
  fria_period TEXT NOT NULL DEFAULT '',
  fria_persons TEXT NOT NULL DEFAULT '',
  fria_risks TEXT NOT NULL DEFAULT '',
  fria_oversight TEXT NOT NULL DEFAULT '',
  fria_measures TEXT NOT NULL DEFAULT '',
  needs_reassessment INTEGER NOT NULL DEFAULT 0,
  reassessment_reason TEXT NOT NULL DEFAULT '',
  reassessment_raised_on TEXT,
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
CREATE INDEX impact_assessments_active_by_title ON impact_assessments (org_id, title_key, id) WHERE archived_at IS NULL;
CREATE INDEX impact_assessments_active_by_created ON impact_assessments (org_id, created_at, id) WHERE archived_at IS NULL;
CREATE INDEX impact_assessments_active_by_updated ON impact_assessments (org_id, updated_at, id) WHERE archived_at IS NULL;
CREATE INDEX impact_assessments_by_valid_until ON impact_assessments (org_id, valid_until);

CREATE TABLE impacts (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  title_key TEXT NOT NULL,
  title TEXT NOT NULL,
  kind TEXT NOT NULL,
  dimension TEXT NOT NULL,
  affected TEXT NOT NULL DEFAULT '',
  severity TEXT NOT NULL,
  likelihood TEXT NOT NULL,
  reversibility TEXT NOT NULL,
  mitigation TEXT NOT NULL DEFAULT '',
  controls TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL DEFAULT '',
  state_since TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL DEFAULT 1,
  frozen_version BIGINT NOT NULL DEFAULT 0,
  created_by BIGINT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);
CREATE INDEX impacts_active_by_title ON impacts (org_id, title_key, id) WHERE archived_at IS NULL;
CREATE INDEX impacts_active_by_created ON impacts (org_id, created_at, id) WHERE archived_at IS NULL;
CREATE INDEX impacts_active_by_updated ON impacts (org_id, updated_at, id) WHERE archived_at IS NULL;
