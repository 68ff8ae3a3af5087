-- The organisation's context, interested parties and communication (clauses 4.1, 4.2, 7.4;
-- src/context/), registers of the records platform (0008): the risks, documents and SoA entries
-- that address an issue or a requirement, a requirement's party, the parties a communication
-- reaches and the plan item it fulfils live in record_links.
CREATE TABLE context_issues (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  title_key TEXT NOT NULL,
  title TEXT NOT NULL,
  origin TEXT NOT NULL,
  category TEXT NOT NULL,
  relevance TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  effect TEXT NOT NULL,
  response TEXT NOT NULL DEFAULT '',
  owner_id BIGINT REFERENCES users (id),
  next_review TEXT,
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
CREATE INDEX context_issues_active_by_title ON context_issues (org_id, title_key, id) WHERE archived_at IS NULL;
CREATE INDEX context_issues_active_by_created ON context_issues (org_id, created_at, id) WHERE archived_at IS NULL;
CREATE INDEX context_issues_active_by_updated ON context_issues (org_id, updated_at, id) WHERE archived_at IS NULL;
CREATE INDEX context_issues_by_next_review ON context_issues (org_id, next_review);

CREATE TABLE interested_parties (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  title_key TEXT NOT NULL,
  name TEXT NOT NULL,
  origin TEXT NOT NULL,
  party_type TEXT NOT NULL,
  contact TEXT NOT NULL DEFAULT '',
  owner_id BIGINT REFERENCES users (id),
  interest TEXT NOT NULL,
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
CREATE INDEX interested_parties_active_by_title ON interested_parties (org_id, title_key, id) WHERE archived_at IS NULL;
CREATE INDEX interested_parties_active_by_created ON interested_parties (org_id, created_at, id) WHERE archived_at IS NULL;
CREATE INDEX interested_parties_active_by_updated ON interested_parties (org_id, updated_at, id) WHERE archived_at IS NULL;

CREATE TABLE interested_party_requirements (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  title_key TEXT NOT NULL,
  title TEXT NOT NULL,
  source TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT '',
  decision TEXT NOT NULL DEFAULT '',
  how_addressed TEXT NOT NULL DEFAULT '',
  not_applicable_reason TEXT NOT NULL DEFAULT '',
  owner_id BIGINT REFERENCES users (id),
  next_review TEXT,
  state TEXT NOT NULL DEFAULT '',
  state_since TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL DEFAULT 1,
  frozen_version BIGINT NOT NULL DEFAULT 0,
  created_by BIGINT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);
CREATE INDEX interested_party_requirements_active_by_title ON interested_party_requirements (org_id, title_key, id) WHERE archived_at IS NULL;
CREATE INDEX interested_party_requirements_active_by_created ON interested_party_requirements (org_id, created_at, id) WHERE archived_at IS NULL;
CREATE INDEX interested_party_requirements_active_by_updated ON interested_party_requirements (org_id, updated_at, id) WHERE archived_at IS NULL;
CREATE INDEX interested_party_requirements_by_next_review ON interested_party_requirements (org_id, next_review);

CREATE TABLE communication_plan_items (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  title_key TEXT NOT NULL,
  title TEXT NOT NULL,
  audience TEXT NOT NULL DEFAULT '',
  origin TEXT NOT NULL,
  channel TEXT NOT NULL DEFAULT '',
  frequency TEXT NOT NULL,
  communicator_id BIGINT REFERENCES users (id),
  next_due TEXT,
  active INTEGER NOT NULL DEFAULT 0,
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
CREATE INDEX communication_plan_items_active_by_title ON communication_plan_items (org_id, title_key, id) WHERE archived_at IS NULL;
CREATE INDEX communication_plan_items_active_by_created ON communication_plan_items (org_id, created_at, id) WHERE archived_at IS NULL;
CREATE INDEX communication_plan_items_active_by_updated ON communication_plan_items (org_id, updated_at, id) WHERE archived_at IS NULL;
CREATE INDEX communication_plan_items_by_next_due ON communication_plan_items (org_id, next_due);

CREATE TABLE communications (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  title_key TEXT NOT NULL,
  title TEXT NOT NULL,
  made_on TEXT NOT NULL,
  audience TEXT NOT NULL DEFAULT '',
  channel TEXT NOT NULL DEFAULT '',
  summary TEXT NOT NULL DEFAULT '',
  made_by_id BIGINT REFERENCES users (id),
  state TEXT NOT NULL DEFAULT '',
  state_since TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL DEFAULT 1,
  frozen_version BIGINT NOT NULL DEFAULT 0,
  created_by BIGINT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);
CREATE INDEX communications_active_by_title ON communications (org_id, title_key, id) WHERE archived_at IS NULL;
CREATE INDEX communications_active_by_created ON communications (org_id, created_at, id) WHERE archived_at IS NULL;
CREATE INDEX communications_active_by_updated ON communications (org_id, updated_at, id) WHERE archived_at IS NULL;
CREATE INDEX communications_by_made_on ON communications (org_id, made_on);
