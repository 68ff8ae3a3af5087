-- Internal audit (clause 9.2; src/internal_audit/): the audit programme, its audits and their
-- checklist items, registers of the records platform (0008). An audit's programme and
-- procedures, an item's audit, evidence and the nonconformity it raised live in record_links.
CREATE TABLE audit_programmes (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  title_key TEXT NOT NULL,
  title TEXT NOT NULL,
  period_start TEXT,
  period_end TEXT,
  objectives TEXT NOT NULL DEFAULT '',
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
CREATE INDEX audit_programmes_active_by_title ON audit_programmes (org_id, title_key, id) WHERE archived_at IS NULL;
CREATE INDEX audit_programmes_active_by_created ON audit_programmes (org_id, created_at, id) WHERE archived_at IS NULL;
CREATE INDEX audit_programmes_active_by_updated ON audit_programmes (org_id, updated_at, id) WHERE archived_at IS NULL;

CREATE TABLE internal_audits (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  title_key TEXT NOT NULL,
  title TEXT NOT NULL,
  scope TEXT NOT NULL DEFAULT '',
  criteria TEXT NOT NULL DEFAULT '',
  lead_auditor_id BIGINT REFERENCES users (id),
  team TEXT NOT NULL DEFAULT '',
  planned_start TEXT,
  planned_end TEXT,
  actual_start TEXT,
  actual_end TEXT,
  summary TEXT NOT NULL DEFAULT '',
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
CREATE INDEX internal_audits_active_by_title ON internal_audits (org_id, title_key, id) WHERE archived_at IS NULL;
CREATE INDEX internal_audits_active_by_created ON internal_audits (org_id, created_at, id) WHERE archived_at IS NULL;
CREATE INDEX internal_audits_active_by_updated ON internal_audits (org_id, updated_at, id) WHERE archived_at IS NULL;
CREATE INDEX internal_audits_by_planned_start ON internal_audits (org_id, planned_start);

CREATE TABLE audit_items (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  title_key TEXT NOT NULL,
  title TEXT NOT NULL,
  criterion TEXT NOT NULL DEFAULT '',
  question TEXT NOT NULL DEFAULT '',
  result TEXT NOT NULL DEFAULT '',
  notes TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL DEFAULT '',
  state_since TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL DEFAULT 1,
  frozen_version BIGINT NOT NULL DEFAULT 0,
  created_by BIGINT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);
CREATE INDEX audit_items_active_by_title ON audit_items (org_id, title_key, id) WHERE archived_at IS NULL;
CREATE INDEX audit_items_active_by_created ON audit_items (org_id, created_at, id) WHERE archived_at IS NULL;
CREATE INDEX audit_items_active_by_updated ON audit_items (org_id, updated_at, id) WHERE archived_at IS NULL;
