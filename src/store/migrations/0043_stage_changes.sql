-- Stage changes (8.1, A.6.1.3; src/lifecycle/): a request to move an AI system into a lifecycle
-- stage, approved only after its gate is checked; the system and model live in record_links, the
-- gate check that cleared the approval in gate_check_id.
CREATE TABLE stage_changes (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  title_key TEXT NOT NULL,
  name TEXT NOT NULL,
  to_stage TEXT NOT NULL,
  from_stage TEXT NOT NULL DEFAULT '',
  justification TEXT NOT NULL DEFAULT '',
  data_disposed INTEGER NOT NULL DEFAULT 0,
  parties_informed INTEGER NOT NULL DEFAULT 0,
  documentation_archived INTEGER NOT NULL DEFAULT 0,
  retirement_notes TEXT NOT NULL DEFAULT '',
  gate_check_id BIGINT REFERENCES gate_checks (id),
  state TEXT NOT NULL DEFAULT '',
  state_since TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL DEFAULT 1,
  frozen_version BIGINT NOT NULL DEFAULT 0,
  created_by BIGINT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);
CREATE INDEX stage_changes_active_by_title ON stage_changes (org_id, title_key, id) WHERE archived_at IS NULL;
CREATE INDEX stage_changes_active_by_created ON stage_changes (org_id, created_at, id) WHERE archived_at IS NULL;
CREATE INDEX stage_changes_active_by_updated ON stage_changes (org_id, updated_at, id) WHERE archived_at IS NULL;
