-- Email and webhooks (src/notify/): the organisation's SMTP settings, its webhooks, the outbox of
-- deliveries (written in the transaction of the change they announce, sent by a background worker
-- of aims serve), and each person's choice of a daily digest with the day the last was queued.
-- Secrets are sealed with a key derived from the server's key file, never stored in the clear.
CREATE TABLE notify_smtp (
  org_id BIGINT PRIMARY KEY REFERENCES organisations (id),
  host TEXT NOT NULL,
  port BIGINT NOT NULL,
  security TEXT NOT NULL,
  username TEXT NOT NULL DEFAULT '',
  password_sealed TEXT NOT NULL DEFAULT '',
  from_address TEXT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);

CREATE TABLE webhooks (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  url TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  event_types TEXT NOT NULL,
  secret_sealed TEXT NOT NULL,
  created_by BIGINT REFERENCES users (id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX webhooks_by_org ON webhooks (org_id, id);

CREATE TABLE notify_deliveries (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  channel TEXT NOT NULL,
  webhook_id BIGINT REFERENCES webhooks (id) ON DELETE CASCADE,
  recipient TEXT NOT NULL DEFAULT '',
  event_type TEXT NOT NULL,
  message_id TEXT NOT NULL,
  subject TEXT NOT NULL DEFAULT '',
  link TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL,
  status TEXT NOT NULL,
  attempts BIGINT NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  claimed_until TEXT,
  last_attempt_at TEXT,
  last_response_code BIGINT,
  last_error TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
);
CREATE INDEX notify_deliveries_due ON notify_deliveries (status, next_attempt_at);
CREATE INDEX notify_deliveries_by_webhook ON notify_deliveries (org_id, webhook_id, id);

CREATE TABLE notify_preferences (
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  user_id BIGINT NOT NULL REFERENCES users (id),
  digest_enabled BIGINT NOT NULL DEFAULT 1,
  last_digest_on TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (org_id, user_id)
);
