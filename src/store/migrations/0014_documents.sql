-- Controlled documents (clauses 5.2 and 7.5, Annex A.2): the AI policy, procedures and other
-- documented information, a register of the records platform (src/documents/). Related AI systems
-- live in record_links, approvals in record_approvals and approved texts in record_versions (0008).
CREATE TABLE documents (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  title_key TEXT NOT NULL,
  title TEXT NOT NULL,
  document_type TEXT NOT NULL,
  owner_id BIGINT REFERENCES users (id),
  classification TEXT NOT NULL,
  body TEXT NOT NULL DEFAULT '',
  effective_date TEXT,
  review_interval_months BIGINT,
  next_review TEXT,
  retention TEXT NOT NULL DEFAULT '',
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
-- As for the other registers' lists (migration 0010): active records in title and date order, so
-- a page of a list reads its own entries; documents also filter by state and fall due by next
-- review.
CREATE INDEX documents_active_by_title ON documents (org_id, title_key, id) WHERE archived_at IS NULL;
CREATE INDEX documents_active_by_created ON documents (org_id, created_at, id) WHERE archived_at IS NULL;
CREATE INDEX documents_active_by_updated ON documents (org_id, updated_at, id) WHERE archived_at IS NULL;
CREATE INDEX documents_by_state ON documents (org_id, state);
CREATE INDEX documents_by_next_review ON documents (org_id, next_review);
