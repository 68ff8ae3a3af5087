-- Personal calendar feed tokens (auth/calendar_tokens.cpp). Calendar applications cannot send an
-- Authorization header, so the token travels in the feed's URL; it lets in nothing but that one
-- person's feed. Only its SHA-256 is stored. One per person: a new token replaces the row, and
-- revoking deletes it, so the next fetch of the old URL finds nothing.
CREATE TABLE calendar_tokens (
  user_id BIGINT PRIMARY KEY REFERENCES users (id),
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
);
