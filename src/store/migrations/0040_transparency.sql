-- Information for users (A.8.2, A.8.5; src/transparency/): instructions for use of an AI system as
-- a register of the records platform (0008) whose AI system lives in record_links, with the
-- accuracy by group frozen at approval, and the public transparency page of each system: its link
-- is a token kept only as SHA-256, so a rotated or unpublished link answers nothing.
CREATE TABLE instructions_for_use (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  title_key TEXT NOT NULL,
  name TEXT NOT NULL,
  version_label TEXT NOT NULL DEFAULT '',
  does TEXT NOT NULL DEFAULT '',
  does_not TEXT NOT NULL DEFAULT '',
  limitations TEXT NOT NULL DEFAULT '',
  human_role TEXT NOT NULL DEFAULT '',
  contest TEXT NOT NULL DEFAULT '',
  accuracy_by_group TEXT NOT NULL DEFAULT '',
  accuracy_source TEXT NOT NULL DEFAULT '',
  concerns_link TEXT NOT NULL DEFAULT '',
  publish_does INTEGER NOT NULL DEFAULT 1,
  publish_does_not INTEGER NOT NULL DEFAULT 1,
  publish_limitations INTEGER NOT NULL DEFAULT 1,
  publish_accuracy INTEGER NOT NULL DEFAULT 0,
  publish_human_role INTEGER NOT NULL DEFAULT 1,
  publish_contest INTEGER NOT NULL DEFAULT 1,
  state TEXT NOT NULL DEFAULT '',
  state_since TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL DEFAULT 1,
  frozen_version BIGINT NOT NULL DEFAULT 0,
  created_by BIGINT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);
CREATE INDEX instructions_for_use_active_by_title ON instructions_for_use (org_id, title_key, id) WHERE archived_at IS NULL;
CREATE INDEX instructions_for_use_active_by_created ON instructions_for_use (org_id, created_at, id) WHERE archived_at IS NULL;
CREATE INDEX instructions_for_use_active_by_updated ON instructions_for_use (org_id, updated_at, id) WHERE archived_at IS NULL;

-- One public page per AI system; token_hash is the SHA-256 of the link's secret.
CREATE TABLE transparency_pages (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  system_id BIGINT NOT NULL REFERENCES ai_systems (id),
  token_hash TEXT NOT NULL UNIQUE,
  published INTEGER NOT NULL DEFAULT 0,
  changed_at TEXT NOT NULL,
  UNIQUE (org_id, system_id)
);
