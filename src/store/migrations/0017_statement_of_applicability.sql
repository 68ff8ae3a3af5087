-- The Statement of Applicability, its approved versions and evidence (src/controls/), registers of
-- the records platform (0008): references live in record_links, approvals in record_approvals,
-- frozen versions in record_versions.

-- One entry per Annex A control and organisation (the title is the control's number and title).
CREATE TABLE soa_entries (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  title_key TEXT NOT NULL,
  control TEXT NOT NULL,
  title TEXT NOT NULL,
  position BIGINT,
  applicability TEXT NOT NULL,
  justification TEXT NOT NULL DEFAULT '',
  implementation TEXT NOT NULL,
  owner_id BIGINT REFERENCES users (id),
  notes TEXT NOT NULL DEFAULT '',
  last_reviewed TEXT,
  next_review TEXT,
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
CREATE INDEX soa_entries_active_by_title ON soa_entries (org_id, title_key, id) WHERE archived_at IS NULL;
CREATE INDEX soa_entries_active_by_created ON soa_entries (org_id, created_at, id) WHERE archived_at IS NULL;
CREATE INDEX soa_entries_active_by_updated ON soa_entries (org_id, updated_at, id) WHERE archived_at IS NULL;
CREATE INDEX soa_entries_by_next_review ON soa_entries (org_id, next_review);

CREATE TABLE evidence_items (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  title_key TEXT NOT NULL,
  title TEXT NOT NULL,
  evidence_type TEXT NOT NULL,
  owner_id BIGINT REFERENCES users (id),
  description TEXT NOT NULL DEFAULT '',
  link TEXT NOT NULL DEFAULT '',
  collected_on TEXT,
  valid_until TEXT,
  state TEXT NOT NULL DEFAULT '',
  state_since TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL DEFAULT 1,
  frozen_version BIGINT NOT NULL DEFAULT 0,
  created_by BIGINT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);
CREATE INDEX evidence_items_active_by_title ON evidence_items (org_id, title_key, id) WHERE archived_at IS NULL;
CREATE INDEX evidence_items_active_by_created ON evidence_items (org_id, created_at, id) WHERE archived_at IS NULL;
CREATE INDEX evidence_items_active_by_updated ON evidence_items (org_id, updated_at, id) WHERE archived_at IS NULL;
CREATE INDEX evidence_items_by_valid_until ON evidence_items (org_id, valid_until);

CREATE TABLE soa_versions (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  title_key TEXT NOT NULL,
  title TEXT NOT NULL,
  number BIGINT,
  change_summary TEXT NOT NULL DEFAULT '',
  controls BIGINT,
  applicable BIGINT,
  implemented BIGINT,
  catalog_revision BIGINT,
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
CREATE INDEX soa_versions_active_by_title ON soa_versions (org_id, title_key, id) WHERE archived_at IS NULL;
CREATE INDEX soa_versions_active_by_created ON soa_versions (org_id, created_at, id) WHERE archived_at IS NULL;
CREATE INDEX soa_versions_active_by_updated ON soa_versions (org_id, updated_at, id) WHERE archived_at IS NULL;

-- The entries of an SoA version as they stood when it was submitted, with people and records by
-- name, so an approved version reads the same however the entries change later.
CREATE TABLE soa_version_entries (
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  version_id BIGINT NOT NULL REFERENCES soa_versions (id),
  position BIGINT NOT NULL,
  control TEXT NOT NULL,
  title TEXT NOT NULL,
  applicability TEXT NOT NULL,
  justification TEXT NOT NULL,
  implementation TEXT NOT NULL,
  owner TEXT NOT NULL,
  systems TEXT NOT NULL,
  documents TEXT NOT NULL,
  evidence TEXT NOT NULL,
  PRIMARY KEY (version_id, position)
);

-- Manual assessments: where no record can show a clause requirement yet, a person's dated finding
-- stands in, and the readiness page says it is manual. The latest per requirement counts.
CREATE TABLE readiness_assessments (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  title_key TEXT NOT NULL,
  requirement TEXT NOT NULL,
  title TEXT NOT NULL,
  status TEXT NOT NULL,
  notes TEXT NOT NULL DEFAULT '',
  assessor_id BIGINT REFERENCES users (id),
  assessed_on TEXT,
  next_review TEXT,
  state TEXT NOT NULL DEFAULT '',
  state_since TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL DEFAULT 1,
  frozen_version BIGINT NOT NULL DEFAULT 0,
  created_by BIGINT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);
CREATE INDEX readiness_assessments_active_by_title ON readiness_assessments (org_id, title_key, id) WHERE archived_at IS NULL;
CREATE INDEX readiness_assessments_active_by_created ON readiness_assessments (org_id, created_at, id) WHERE archived_at IS NULL;
CREATE INDEX readiness_assessments_active_by_updated ON readiness_assessments (org_id, updated_at, id) WHERE archived_at IS NULL;
CREATE INDEX readiness_assessments_by_requirement ON readiness_assessments (org_id, requirement, assessed_on);
