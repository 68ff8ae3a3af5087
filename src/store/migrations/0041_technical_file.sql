-- The technical file (A.6.2.3, A.6.2.7; EU AI Act Annex IV; src/technical_file/): a register of
-- the records platform (0008) whose AI system and model live in record_links. The content is the
-- file assembled from the system's records, written when it is approved so the frozen version
-- keeps what was approved whatever changes later.
CREATE TABLE technical_files (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  title_key TEXT NOT NULL,
  name TEXT NOT NULL,
  design_choices TEXT NOT NULL DEFAULT '',
  monitoring_plan TEXT NOT NULL DEFAULT '',
  content TEXT NOT NULL DEFAULT '',
  incomplete_sections TEXT NOT NULL DEFAULT '',
  assembled_at TEXT,
  state TEXT NOT NULL DEFAULT '',
  state_since TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL DEFAULT 1,
  frozen_version BIGINT NOT NULL DEFAULT 0,
  created_by BIGINT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);
CREATE INDEX technical_files_active_by_title ON technical_files (org_id, title_key, id) WHERE archived_at IS NULL;
CREATE INDEX technical_files_active_by_created ON technical_files (org_id, created_at, id) WHERE archived_at IS NULL;
CREATE INDEX technical_files_active_by_updated ON technical_files (org_id, updated_at, id) WHERE archived_at IS NULL;
