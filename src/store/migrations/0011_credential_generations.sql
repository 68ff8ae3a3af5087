-- One counter per organisation that every change to whom a credential lets in advances, in the
-- same transaction as the change: a token revoked, a user disabled or given another role or
-- name, a password changed, a session ended. A server that remembers credentials (auth's
-- CredentialCache) reuses one only while this number is the one it read along with it, so the
-- change takes effect on the next request at every server sharing the database.
-- No row reads as generation 0; the first change inserts it.
CREATE TABLE credential_generations (
  org_id BIGINT PRIMARY KEY REFERENCES organisations (id),
  generation BIGINT NOT NULL
);
