-- Signed checkpoints of the audit trail (docs/audit-trail.md): an organisation's chain head at
-- `seq` signed with the organisation's Ed25519 key, as a C2SP checkpoint (`note`). The key is
-- derived from a key file outside the database, so nothing here can sign. Rows are appended,
-- never changed; verifiers read only `note`, the other columns serve lists and lookups.
CREATE TABLE trail_checkpoints (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  seq BIGINT NOT NULL,
  head_hash TEXT NOT NULL,
  signed_at TEXT NOT NULL,
  key_id TEXT NOT NULL,
  note TEXT NOT NULL
);
CREATE INDEX trail_checkpoints_by_seq ON trail_checkpoints (org_id, seq, id);
CREATE INDEX trail_checkpoints_by_id ON trail_checkpoints (org_id, id);
