-- The records platform (src/records/): what every register shares. Each register keeps its own
-- table with the platform's columns (title_key, state, state_since, version, frozen_version,
-- created_by, created_at, updated_at, archived_at) beside its fields.

-- References from a field of one record to records of any register, one or many, in order.
CREATE TABLE record_links (
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  from_type TEXT NOT NULL,
  from_id BIGINT NOT NULL,
  field TEXT NOT NULL,
  position INTEGER NOT NULL,
  to_type TEXT NOT NULL,
  to_id BIGINT NOT NULL,
  PRIMARY KEY (org_id, from_type, from_id, field, to_id)
);
-- The other side: which records refer to this one.
CREATE INDEX record_links_to ON record_links (org_id, to_type, to_id);

-- The text search finds records by: one row per record, kept with every write.
CREATE TABLE record_search (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  record_type TEXT NOT NULL,
  record_id BIGINT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  archived INTEGER NOT NULL DEFAULT 0,
  UNIQUE (org_id, record_type, record_id)
);

-- Approvals given towards a workflow move; those given since the record entered its current
-- state count.
CREATE TABLE record_approvals (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  record_type TEXT NOT NULL,
  record_id BIGINT NOT NULL,
  transition TEXT NOT NULL,
  user_id BIGINT NOT NULL REFERENCES users (id),
  user_label TEXT NOT NULL,
  reason TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX record_approvals_by_record ON record_approvals (org_id, record_type, record_id, at);

-- Frozen versions: the record as approved, kept unchanged for good (triggers refuse changes).
CREATE TABLE record_versions (
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  record_type TEXT NOT NULL,
  record_id BIGINT NOT NULL,
  number BIGINT NOT NULL,
  state TEXT NOT NULL,
  snapshot TEXT NOT NULL,
  frozen_at TEXT NOT NULL,
  frozen_by TEXT NOT NULL,
  reason TEXT NOT NULL,
  PRIMARY KEY (org_id, record_type, record_id, number)
);
