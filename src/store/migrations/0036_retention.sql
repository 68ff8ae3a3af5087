-- Retention and disposal (clause 7.5.3; EU AI Act Art. 18, 19, 26(6); src/retention/ and the
-- platform's records::dispose and trail::dispose). See docs/audit-trail.md, "Disposal".

-- Audit events from this migration on are hashed in canonical form 2: the chain hash covers the
-- SHA-256 of the event's changes instead of the changes themselves, so a disposal can remove a
-- record's content from its events while every hash, link and signed checkpoint still holds.
-- Events written before keep form 1 (their hash covers the changes text).
ALTER TABLE trail_events ADD COLUMN form INTEGER NOT NULL DEFAULT 1;
ALTER TABLE trail_events ADD COLUMN changes_sha256 TEXT NOT NULL DEFAULT '';

-- Retention rules: how long records of one register are kept, from when, and what happens then.
CREATE TABLE retention_rules (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  title_key TEXT NOT NULL,
  title TEXT NOT NULL,
  record_type TEXT NOT NULL DEFAULT '',
  ai_act_role TEXT NOT NULL DEFAULT '',
  period_years BIGINT,
  period_months BIGINT,
  starts_from TEXT NOT NULL DEFAULT '',
  basis TEXT NOT NULL DEFAULT '',
  end_action TEXT NOT NULL DEFAULT '',
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
CREATE INDEX retention_rules_active_by_title ON retention_rules (org_id, title_key, id) WHERE archived_at IS NULL;
CREATE INDEX retention_rules_active_by_created ON retention_rules (org_id, created_at, id) WHERE archived_at IS NULL;
CREATE INDEX retention_rules_active_by_updated ON retention_rules (org_id, updated_at, id) WHERE archived_at IS NULL;

-- Legal holds: while one is active, the records it holds cannot be disposed of.
CREATE TABLE legal_holds (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  title_key TEXT NOT NULL,
  title TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  placed_by_id BIGINT REFERENCES users (id),
  placed_on TEXT,
  released_on TEXT,
  state TEXT NOT NULL DEFAULT '',
  state_since TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL DEFAULT 1,
  frozen_version BIGINT NOT NULL DEFAULT 0,
  created_by BIGINT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);
CREATE INDEX legal_holds_active_by_title ON legal_holds (org_id, title_key, id) WHERE archived_at IS NULL;
CREATE INDEX legal_holds_active_by_created ON legal_holds (org_id, created_at, id) WHERE archived_at IS NULL;
CREATE INDEX legal_holds_active_by_updated ON legal_holds (org_id, updated_at, id) WHERE archived_at IS NULL;

-- The records a legal hold covers, of any register (a record_ref field names one register; a hold
-- spans several: an incident with its risks, evidence and documents).
CREATE TABLE legal_hold_records (
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  hold_id BIGINT NOT NULL REFERENCES legal_holds (id),
  record_type TEXT NOT NULL,
  record_id BIGINT NOT NULL,
  added_by_label TEXT NOT NULL,
  added_at TEXT NOT NULL,
  PRIMARY KEY (org_id, hold_id, record_type, record_id)
);
CREATE INDEX legal_hold_records_by_record ON legal_hold_records (org_id, record_type, record_id);

-- Disposals: a request to remove one record's content, approved by someone other than the
-- requester, then executed (records::dispose). The rule applied lives in record_links.
CREATE TABLE disposals (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  title_key TEXT NOT NULL,
  title TEXT NOT NULL,
  record_type TEXT NOT NULL DEFAULT '',
  record_id BIGINT,
  reason TEXT NOT NULL DEFAULT '',
  requested_by_id BIGINT REFERENCES users (id),
  approved_by_id BIGINT REFERENCES users (id),
  executed_at TEXT,
  content_sha256 TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL DEFAULT '',
  state_since TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL DEFAULT 1,
  frozen_version BIGINT NOT NULL DEFAULT 0,
  created_by BIGINT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);
CREATE INDEX disposals_active_by_title ON disposals (org_id, title_key, id) WHERE archived_at IS NULL;
CREATE INDEX disposals_active_by_created ON disposals (org_id, created_at, id) WHERE archived_at IS NULL;
CREATE INDEX disposals_active_by_updated ON disposals (org_id, updated_at, id) WHERE archived_at IS NULL;
CREATE INDEX disposals_by_record ON disposals (org_id, record_type, record_id);
