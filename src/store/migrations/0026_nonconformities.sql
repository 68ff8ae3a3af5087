-- Nonconformities and their corrective actions (clauses 10.1 and 10.2; src/improvement/),
-- registers of the records platform (0008): the AI systems, risks, incident and monitor a
-- nonconformity concerns, and the nonconformity an action corrects, live in record_links.
CREATE TABLE nonconformities (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  title_key TEXT NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  grade TEXT NOT NULL,
  source TEXT NOT NULL,
  owner_id BIGINT REFERENCES users (id),
  raised_on TEXT,
  containment TEXT NOT NULL DEFAULT '',
  root_cause TEXT NOT NULL DEFAULT '',
  why_1 TEXT NOT NULL DEFAULT '',
  why_2 TEXT NOT NULL DEFAULT '',
  why_3 TEXT NOT NULL DEFAULT '',
  why_4 TEXT NOT NULL DEFAULT '',
  why_5 TEXT NOT NULL DEFAULT '',
  similar_elsewhere TEXT NOT NULL DEFAULT '',
  similar_where TEXT NOT NULL DEFAULT '',
  effectiveness_due_on TEXT,
  effectiveness_result TEXT NOT NULL DEFAULT '',
  effectiveness_notes TEXT NOT NULL DEFAULT '',
  reopened_at TEXT,
  state TEXT NOT NULL DEFAULT '',
  state_since TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL DEFAULT 1,
  frozen_version BIGINT NOT NULL DEFAULT 0,
  created_by BIGINT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);
CREATE INDEX nonconformities_active_by_title ON nonconformities (org_id, title_key, id) WHERE archived_at IS NULL;
CREATE INDEX nonconformities_active_by_created ON nonconformities (org_id, created_at, id) WHERE archived_at IS NULL;
CREATE INDEX nonconformities_active_by_updated ON nonconformities (org_id, updated_at, id) WHERE archived_at IS NULL;
CREATE INDEX nonconformities_by_state ON nonconformities (org_id, state);
CREATE INDEX nonconformities_by_effectiveness_due ON nonconformities (org_id, effectiveness_due_on);

CREATE TABLE corrective_actions (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  title_key TEXT NOT NULL,
  title TEXT NOT NULL,
  details TEXT NOT NULL DEFAULT '',
  owner_id BIGINT REFERENCES users (id),
  due_on TEXT,
  completion_note TEXT NOT NULL DEFAULT '',
  completed_on TEXT,
  state TEXT NOT NULL DEFAULT '',
  state_since TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL DEFAULT 1,
  frozen_version BIGINT NOT NULL DEFAULT 0,
  created_by BIGINT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);
CREATE INDEX corrective_actions_active_by_title ON corrective_actions (org_id, title_key, id) WHERE archived_at IS NULL;
CREATE INDEX corrective_actions_active_by_created ON corrective_actions (org_id, created_at, id) WHERE archived_at IS NULL;
CREATE INDEX corrective_actions_active_by_updated ON corrective_actions (org_id, updated_at, id) WHERE archived_at IS NULL;
CREATE INDEX corrective_actions_by_state ON corrective_actions (org_id, state);
CREATE INDEX corrective_actions_by_due ON corrective_actions (org_id, due_on);
