-- Nonconformities (clause 10.2; src/improvement/), a register of the records platform (0008): the
-- AI systems, the incident and the monitor a nonconformity came from live in record_links.
CREATE TABLE nonconformities (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  title_key TEXT NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  grade TEXT NOT NULL,
  source TEXT NOT NULL,
  owner_id BIGINT REFERENCES users (id),
  raised_on TEXT,
  state TEXT NOT NULL DEFAULT '',
  state_since TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL DEFAULT 1,
  frozen_version BIGINT NOT NULL DEFAULT 0,
  created_by BIGINT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);
CREATE INDEX nonconformities_active_by_title ON nonconformities (org_id, title_key, id) WHERE archived_at IS NULL;
CREATE INDEX nonconformities_active_by_created ON nonconformities (org_id, created_at, id) WHERE archived_at IS NULL;
CREATE INDEX nonconformities_active_by_updated ON nonconformities (org_id, updated_at, id) WHERE archived_at IS NULL;
