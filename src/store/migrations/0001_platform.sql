-- Platform tables: organisations (tenants), accounts, sessions, API tokens, login throttling and
-- the hash-chained audit trail. Portable SQL; @PK@ becomes each backend's 64-bit identity key.
-- Times are fixed-width UTC text (base/time.h), so text order is time order on both backends.

CREATE TABLE organisations (
  id @PK@,
  name TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
);

CREATE TABLE users (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  email TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  status TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  last_login_at TEXT,
  version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX users_by_org ON users (org_id, email);

CREATE TABLE sessions (
  id @PK@,
  token_hash TEXT NOT NULL UNIQUE,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  user_id BIGINT NOT NULL REFERENCES users (id),
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  remote_addr TEXT NOT NULL,
  user_agent TEXT NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_id);

CREATE TABLE api_tokens (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  user_id BIGINT NOT NULL REFERENCES users (id),
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  prefix TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT,
  revoked_at TEXT,
  last_used_at TEXT,
  version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX api_tokens_by_org ON api_tokens (org_id, id);

-- One row per throttled key ("account:<email>" or "address:<ip>").
CREATE TABLE login_throttle (
  throttle_key TEXT PRIMARY KEY,
  failures BIGINT NOT NULL,
  window_start TEXT NOT NULL,
  locked_until TEXT
);

-- The latest link of each organisation's chain. Appending updates this row first, which locks
-- it, so concurrent writers of one organisation append one after another on both backends.
CREATE TABLE trail_heads (
  org_id BIGINT PRIMARY KEY REFERENCES organisations (id),
  seq BIGINT NOT NULL,
  head_hash TEXT NOT NULL
);

CREATE TABLE trail_events (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  seq BIGINT NOT NULL,
  at TEXT NOT NULL,
  actor_type TEXT NOT NULL,
  actor_id BIGINT,
  actor_label TEXT NOT NULL,
  entity_type TEXT NOT NULL,
  entity_id BIGINT NOT NULL,
  action TEXT NOT NULL,
  changes TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL,
  UNIQUE (org_id, seq)
);
CREATE INDEX trail_events_by_entity ON trail_events (org_id, entity_type, entity_id, seq);
CREATE INDEX trail_events_by_time ON trail_events (org_id, at);
CREATE INDEX trail_events_by_actor ON trail_events (org_id, actor_label, seq);
