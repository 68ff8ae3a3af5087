-- Attachments and comments on records of any register (src/records/attachments.cpp,
-- comments.cpp). File contents live in the database, so one backup holds everything and every
-- server sharing a PostgreSQL database serves them.

-- One row per distinct content per organisation, found by its SHA-256: the same file attached to
-- ten records is stored once. A row is removed with the last attachment that uses it.
CREATE TABLE attachment_blobs (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  sha256 TEXT NOT NULL,
  size BIGINT NOT NULL,
  media_type TEXT NOT NULL,
  content @BLOB@ NOT NULL,
  created_at TEXT NOT NULL,
  -- Advanced by every attachment that reuses the content: on PostgreSQL the update locks the row,
  -- so a removal of its last attachment committing at the same time cannot delete it under us.
  last_attached_at TEXT NOT NULL,
  UNIQUE (org_id, sha256)
);

-- A file (blob_id) or a link (url) on one record; `name` is the file name or the link's label.
CREATE TABLE record_attachments (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  record_type TEXT NOT NULL,
  record_id BIGINT NOT NULL,
  name TEXT NOT NULL,
  blob_id BIGINT REFERENCES attachment_blobs (id),
  url TEXT,
  added_by BIGINT REFERENCES users (id),
  added_by_label TEXT NOT NULL,
  added_at TEXT NOT NULL,
  CHECK ((blob_id IS NULL) <> (url IS NULL))
);
CREATE INDEX record_attachments_by_record ON record_attachments (org_id, record_type, record_id);
CREATE INDEX record_attachments_by_blob ON record_attachments (blob_id);

-- Comments (an auditor's question, its answer), optionally replying to another of the record's.
CREATE TABLE record_comments (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  record_type TEXT NOT NULL,
  record_id BIGINT NOT NULL,
  reply_to BIGINT REFERENCES record_comments (id),
  author_id BIGINT REFERENCES users (id),
  author_label TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX record_comments_by_record ON record_comments (org_id, record_type, record_id);
