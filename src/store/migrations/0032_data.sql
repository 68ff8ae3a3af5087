-- Data for AI systems (Annex A.7; src/data/): dataset versions with their content hash, size,
-- rows, schema and lineage (A.7.5), preparation records (A.7.6) and data rights reviews (A.7.3),
-- registers of the records platform (0008). The dataset, the versions derived from, the
-- preparation's version and guidelines, the review's dataset and supplier, and the models'
-- trained, validated and tested on versions live in record_links.
CREATE TABLE dataset_versions (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  title_key TEXT NOT NULL,
  name TEXT NOT NULL DEFAULT '',
  version_label TEXT NOT NULL DEFAULT '',
  created_on TEXT,
  purposes TEXT NOT NULL DEFAULT '',
  origin TEXT NOT NULL DEFAULT '',
  sha256 TEXT NOT NULL DEFAULT '',
  hash_origin TEXT NOT NULL DEFAULT '',
  size_bytes BIGINT,
  row_count BIGINT,
  schema_summary TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL DEFAULT '',
  state_since TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL DEFAULT 1,
  frozen_version BIGINT NOT NULL DEFAULT 0,
  created_by BIGINT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);
CREATE INDEX dataset_versions_active_by_title ON dataset_versions (org_id, title_key, id) WHERE archived_at IS NULL;
CREATE INDEX dataset_versions_active_by_created ON dataset_versions (org_id, created_at, id) WHERE archived_at IS NULL;
CREATE INDEX dataset_versions_active_by_updated ON dataset_versions (org_id, updated_at, id) WHERE archived_at IS NULL;

CREATE TABLE data_preparations (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  title_key TEXT NOT NULL,
  title TEXT NOT NULL DEFAULT '',
  kind TEXT NOT NULL DEFAULT '',
  what_was_done TEXT NOT NULL DEFAULT '',
  performed_by_id BIGINT REFERENCES users (id),
  tool TEXT NOT NULL DEFAULT '',
  performed_on TEXT,
  labellers TEXT NOT NULL DEFAULT '',
  agreement DOUBLE PRECISION,
  agreement_measure TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL DEFAULT '',
  state_since TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL DEFAULT 1,
  frozen_version BIGINT NOT NULL DEFAULT 0,
  created_by BIGINT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);
CREATE INDEX data_preparations_active_by_title ON data_preparations (org_id, title_key, id) WHERE archived_at IS NULL;
CREATE INDEX data_preparations_active_by_created ON data_preparations (org_id, created_at, id) WHERE archived_at IS NULL;
CREATE INDEX data_preparations_active_by_updated ON data_preparations (org_id, updated_at, id) WHERE archived_at IS NULL;

CREATE TABLE data_rights_reviews (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  title_key TEXT NOT NULL,
  title TEXT NOT NULL DEFAULT '',
  personal_data INTEGER NOT NULL DEFAULT 0,
  licence TEXT NOT NULL DEFAULT '',
  legal_basis TEXT NOT NULL DEFAULT '',
  restrictions TEXT NOT NULL DEFAULT '',
  conclusion TEXT NOT NULL DEFAULT '',
  reviewer_id BIGINT REFERENCES users (id),
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
CREATE INDEX data_rights_reviews_active_by_title ON data_rights_reviews (org_id, title_key, id) WHERE archived_at IS NULL;
CREATE INDEX data_rights_reviews_active_by_created ON data_rights_reviews (org_id, created_at, id) WHERE archived_at IS NULL;
CREATE INDEX data_rights_reviews_active_by_updated ON data_rights_reviews (org_id, updated_at, id) WHERE archived_at IS NULL;
CREATE INDEX data_rights_reviews_by_next_review ON data_rights_reviews (org_id, next_review);
