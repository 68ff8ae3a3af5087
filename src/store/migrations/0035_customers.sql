-- Customers, the notices sent to them and the split of responsibilities (Annex A.10.2, A.10.4;
-- src/customers/), registers of the records platform (0008): the AI systems a customer receives,
-- its documents, a notice's customers, system and incident, and a responsibility's system,
-- supplier, customer, evidence and documents live in record_links.
CREATE TABLE customers (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  title_key TEXT NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  contact TEXT NOT NULL DEFAULT '',
  contract_reference TEXT NOT NULL DEFAULT '',
  owner_id BIGINT REFERENCES users (id),
  information_received TEXT NOT NULL DEFAULT '',
  obligations_acknowledged TEXT NOT NULL DEFAULT '',
  acknowledged_on TEXT,
  acknowledged_by TEXT NOT NULL DEFAULT '',
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
CREATE INDEX customers_active_by_title ON customers (org_id, title_key, id) WHERE archived_at IS NULL;
CREATE INDEX customers_active_by_created ON customers (org_id, created_at, id) WHERE archived_at IS NULL;
CREATE INDEX customers_active_by_updated ON customers (org_id, updated_at, id) WHERE archived_at IS NULL;
CREATE INDEX customers_by_next_review ON customers (org_id, next_review);

CREATE TABLE customer_notices (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  title_key TEXT NOT NULL,
  title TEXT NOT NULL,
  kind TEXT NOT NULL,
  content TEXT NOT NULL DEFAULT '',
  sent_at TEXT,
  sent_by_id BIGINT REFERENCES users (id),
  channel TEXT NOT NULL DEFAULT '',
  acknowledged_on TEXT,
  state TEXT NOT NULL DEFAULT '',
  state_since TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL DEFAULT 1,
  frozen_version BIGINT NOT NULL DEFAULT 0,
  created_by BIGINT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);
CREATE INDEX customer_notices_active_by_title ON customer_notices (org_id, title_key, id) WHERE archived_at IS NULL;
CREATE INDEX customer_notices_active_by_created ON customer_notices (org_id, created_at, id) WHERE archived_at IS NULL;
CREATE INDEX customer_notices_active_by_updated ON customer_notices (org_id, updated_at, id) WHERE archived_at IS NULL;

CREATE TABLE responsibilities (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  title_key TEXT NOT NULL,
  title TEXT NOT NULL,
  duty TEXT NOT NULL,
  duty_text TEXT NOT NULL DEFAULT '',
  party TEXT NOT NULL DEFAULT '',
  accountable_id BIGINT REFERENCES users (id),
  status TEXT NOT NULL,
  how_met TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL DEFAULT '',
  state_since TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL DEFAULT 1,
  frozen_version BIGINT NOT NULL DEFAULT 0,
  created_by BIGINT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);
CREATE INDEX responsibilities_active_by_title ON responsibilities (org_id, title_key, id) WHERE archived_at IS NULL;
CREATE INDEX responsibilities_active_by_created ON responsibilities (org_id, created_at, id) WHERE archived_at IS NULL;
CREATE INDEX responsibilities_active_by_updated ON responsibilities (org_id, updated_at, id) WHERE archived_at IS NULL;
