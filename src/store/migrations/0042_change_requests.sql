-- Change management (6.3, A.6.2.2; src/lifecycle/changes.cpp): change requests of an AI system, a
-- register of the records platform (0008) whose system, model, dataset and supplier live in
-- record_links; the answers to the significance questions, the significance aims derives from them
-- (or the requester's own call with its reason), and what an approval re-opened.
CREATE TABLE change_requests (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  title_key TEXT NOT NULL,
  title TEXT NOT NULL,
  kind TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  requested_by BIGINT REFERENCES users (id),
  changes_purpose INTEGER NOT NULL DEFAULT 0,
  changes_outputs INTEGER NOT NULL DEFAULT 0,
  changes_data INTEGER NOT NULL DEFAULT 0,
  changes_supplier INTEGER NOT NULL DEFAULT 0,
  changes_risk_tier INTEGER NOT NULL DEFAULT 0,
  reduces_oversight INTEGER NOT NULL DEFAULT 0,
  derived_significance TEXT NOT NULL DEFAULT '',
  significance_override TEXT NOT NULL DEFAULT '',
  override_reason TEXT NOT NULL DEFAULT '',
  significance TEXT NOT NULL DEFAULT '',
  significance_basis TEXT NOT NULL DEFAULT '',
  reopens TEXT NOT NULL DEFAULT '',
  approved_at TEXT,
  implemented_on TEXT,
  state TEXT NOT NULL DEFAULT '',
  state_since TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL DEFAULT 1,
  frozen_version BIGINT NOT NULL DEFAULT 0,
  created_by BIGINT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);
CREATE INDEX change_requests_active_by_title ON change_requests (org_id, title_key, id) WHERE archived_at IS NULL;
CREATE INDEX change_requests_active_by_created ON change_requests (org_id, created_at, id) WHERE archived_at IS NULL;
CREATE INDEX change_requests_active_by_updated ON change_requests (org_id, updated_at, id) WHERE archived_at IS NULL;

-- A model linked to an AI system while it was in deployment or operation, as the write that linked
-- it saw it: no register keeps when a reference was made, and the flag "linked without an approved
-- change" needs exactly that. Written by the observer of AI system writes in the same transaction.
CREATE TABLE model_links_in_service (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  system_id BIGINT NOT NULL REFERENCES ai_systems (id),
  model_id BIGINT NOT NULL REFERENCES models (id),
  stage TEXT NOT NULL,
  linked_at TEXT NOT NULL,
  linked_by BIGINT REFERENCES users (id)
);
CREATE INDEX model_links_in_service_by_system ON model_links_in_service (org_id, system_id, model_id);
