-- Concerns raised about AI systems (Annex A.3.3; src/concerns/), a register of the records
-- platform (0008): the AI system and the incident, risk or nonconformity a concern was triaged
-- into live in record_links. The EU AI Act Art. 73 reporting clock and the response of an
-- incident (Annex A.8.4; src/improvement/): its owner, harm, containment and report.
ALTER TABLE incidents ADD COLUMN owner_id BIGINT REFERENCES users (id);
ALTER TABLE incidents ADD COLUMN harm TEXT NOT NULL DEFAULT '';
ALTER TABLE incidents ADD COLUMN people_affected BIGINT;
ALTER TABLE incidents ADD COLUMN containment TEXT NOT NULL DEFAULT '';
ALTER TABLE incidents ADD COLUMN root_cause TEXT NOT NULL DEFAULT '';
ALTER TABLE incidents ADD COLUMN communication TEXT NOT NULL DEFAULT '';
ALTER TABLE incidents ADD COLUMN serious INTEGER NOT NULL DEFAULT 0;
ALTER TABLE incidents ADD COLUMN serious_kind TEXT NOT NULL DEFAULT '';
ALTER TABLE incidents ADD COLUMN became_aware_at TEXT;
ALTER TABLE incidents ADD COLUMN report_due_by TEXT;
ALTER TABLE incidents ADD COLUMN clock_warned_at TEXT;
ALTER TABLE incidents ADD COLUMN report_sent_at TEXT;
ALTER TABLE incidents ADD COLUMN authority_reference TEXT NOT NULL DEFAULT '';
CREATE INDEX incidents_by_report_due ON incidents (org_id, report_due_by);

-- No column holds the reporter's address or user agent: aims never learns them for a concern.
-- receipt_hash is the SHA-256 of the code the reporter follows the concern with.
CREATE TABLE concerns (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  title_key TEXT NOT NULL,
  title TEXT NOT NULL,
  system_named TEXT NOT NULL DEFAULT '',
  what_happened TEXT NOT NULL DEFAULT '',
  anonymous INTEGER NOT NULL DEFAULT 0,
  contact TEXT NOT NULL DEFAULT '',
  received_at TEXT,
  received_through TEXT NOT NULL DEFAULT '',
  public_answer TEXT NOT NULL DEFAULT '',
  reporter_additions TEXT NOT NULL DEFAULT '',
  triage_outcome TEXT NOT NULL DEFAULT '',
  triaged_at TEXT,
  receipt_hash TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL DEFAULT '',
  state_since TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL DEFAULT 1,
  frozen_version BIGINT NOT NULL DEFAULT 0,
  created_by BIGINT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);
CREATE INDEX concerns_active_by_title ON concerns (org_id, title_key, id) WHERE archived_at IS NULL;
CREATE INDEX concerns_active_by_created ON concerns (org_id, created_at, id) WHERE archived_at IS NULL;
CREATE INDEX concerns_active_by_updated ON concerns (org_id, updated_at, id) WHERE archived_at IS NULL;
CREATE INDEX concerns_by_receipt ON concerns (org_id, receipt_hash);

-- An organisation's public channel: the SHA-256 of its link's token (the token itself is shown
-- once, when made), whether it is open, and whether the form lists the AI systems by name.
CREATE TABLE concern_channels (
  org_id BIGINT PRIMARY KEY REFERENCES organisations (id),
  token_hash TEXT NOT NULL UNIQUE,
  enabled INTEGER NOT NULL DEFAULT 0,
  list_systems INTEGER NOT NULL DEFAULT 0,
  changed_at TEXT NOT NULL
);

-- Wrong receipt codes tried on a channel, by time only, to slow guessing.
CREATE TABLE concern_code_misses (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  at TEXT NOT NULL
);
CREATE INDEX concern_code_misses_by_time ON concern_code_misses (org_id, at);
