-- Inventory (ISO/IEC 42001 clauses 4.1 and 4.3; Annex A.4, A.6.2.2, A.7, A.9.4, A.10.3): AI
-- systems and the models, datasets and suppliers they are built from, plus the AIMS scope
-- statement. Records are archived, never deleted, so the trail always points at something.
-- Lists of short one-line texts (tags, sensitive attributes, model-card lists) are stored one per
-- line. search_text is the lower-cased text that list searches match, kept with each write.

CREATE TABLE suppliers (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  name TEXT NOT NULL,
  name_key TEXT NOT NULL,
  provides TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  clause_data_use INTEGER NOT NULL DEFAULT 0,
  clause_change_notice INTEGER NOT NULL DEFAULT 0,
  clause_incident_notice INTEGER NOT NULL DEFAULT 0,
  assessment_status TEXT NOT NULL,
  last_review TEXT,
  next_review TEXT,
  contact_name TEXT NOT NULL DEFAULT '',
  contact_email TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT,
  search_text TEXT NOT NULL DEFAULT '',
  UNIQUE (org_id, name_key)
);

CREATE TABLE datasets (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  name TEXT NOT NULL,
  name_key TEXT NOT NULL,
  source TEXT NOT NULL,
  collection_method TEXT NOT NULL DEFAULT '',
  provenance_who TEXT NOT NULL DEFAULT '',
  provenance_when TEXT,
  licence TEXT NOT NULL DEFAULT '',
  personal_data INTEGER NOT NULL DEFAULT 0,
  consent_status TEXT NOT NULL,
  sensitive_attributes TEXT NOT NULL DEFAULT '',
  demographic_coverage TEXT NOT NULL DEFAULT '',
  record_count BIGINT,
  quality_checks TEXT NOT NULL DEFAULT '',
  retention TEXT NOT NULL DEFAULT '',
  disposal_date TEXT,
  steward_id BIGINT REFERENCES users (id),
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT,
  search_text TEXT NOT NULL DEFAULT '',
  UNIQUE (org_id, name_key)
);

CREATE TABLE models (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  name TEXT NOT NULL,
  name_key TEXT NOT NULL,
  model_version TEXT NOT NULL,
  model_type TEXT NOT NULL,
  provider TEXT NOT NULL,
  supplier_id BIGINT REFERENCES suppliers (id),
  intended_use TEXT NOT NULL DEFAULT '',
  limitations TEXT NOT NULL DEFAULT '',
  evaluation_summary TEXT NOT NULL DEFAULT '',
  mc_approach_type TEXT NOT NULL DEFAULT '',
  mc_task TEXT NOT NULL DEFAULT '',
  mc_architecture_family TEXT NOT NULL DEFAULT '',
  mc_model_architecture TEXT NOT NULL DEFAULT '',
  mc_users TEXT NOT NULL DEFAULT '',
  mc_use_cases TEXT NOT NULL DEFAULT '',
  mc_technical_limitations TEXT NOT NULL DEFAULT '',
  mc_performance_tradeoffs TEXT NOT NULL DEFAULT '',
  artefact_location TEXT NOT NULL DEFAULT '',
  artefact_sha256 TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT,
  search_text TEXT NOT NULL DEFAULT '',
  UNIQUE (org_id, name_key, model_version)
);

CREATE TABLE ai_systems (
  id @PK@,
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  name TEXT NOT NULL,
  name_key TEXT NOT NULL,
  purpose TEXT NOT NULL,
  intended_use TEXT NOT NULL DEFAULT '',
  foreseeable_misuse TEXT NOT NULL DEFAULT '',
  org_role TEXT NOT NULL,
  business_unit TEXT NOT NULL DEFAULT '',
  owner_id BIGINT NOT NULL REFERENCES users (id),
  lifecycle_stage TEXT NOT NULL,
  deployment_environment TEXT NOT NULL DEFAULT '',
  decision_type TEXT NOT NULL DEFAULT '',
  automation_level TEXT NOT NULL,
  human_oversight TEXT NOT NULL DEFAULT '',
  affects_customers INTEGER NOT NULL DEFAULT 0,
  affects_employees INTEGER NOT NULL DEFAULT 0,
  affects_public INTEGER NOT NULL DEFAULT 0,
  affects_vulnerable_groups INTEGER NOT NULL DEFAULT 0,
  personal_data INTEGER NOT NULL DEFAULT 0,
  eu_ai_act_class TEXT NOT NULL,
  annex_iii_area TEXT NOT NULL DEFAULT '',
  annex_i_product TEXT NOT NULL DEFAULT '',
  eu_class_rationale TEXT NOT NULL DEFAULT '',
  risk_tier TEXT NOT NULL,
  in_scope INTEGER NOT NULL DEFAULT 1,
  scope_exclusion_reason TEXT NOT NULL DEFAULT '',
  deployed_on TEXT,
  retired_on TEXT,
  tags TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT,
  search_text TEXT NOT NULL DEFAULT '',
  UNIQUE (org_id, name_key)
);
-- Lists count and page the active records of one organisation: these keep that to an index scan.
CREATE INDEX ai_systems_by_archived ON ai_systems (org_id, archived_at);
CREATE INDEX models_by_archived ON models (org_id, archived_at);
CREATE INDEX datasets_by_archived ON datasets (org_id, archived_at);
CREATE INDEX suppliers_by_archived ON suppliers (org_id, archived_at);
CREATE INDEX ai_systems_by_stage ON ai_systems (org_id, lifecycle_stage);
CREATE INDEX ai_systems_by_class ON ai_systems (org_id, eu_ai_act_class);
CREATE INDEX ai_systems_by_owner ON ai_systems (org_id, owner_id);

-- Many-to-many links; org_id is repeated so every query stays inside one organisation.
CREATE TABLE ai_system_models (
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  system_id BIGINT NOT NULL REFERENCES ai_systems (id),
  model_id BIGINT NOT NULL REFERENCES models (id),
  PRIMARY KEY (system_id, model_id)
);
CREATE TABLE ai_system_datasets (
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  system_id BIGINT NOT NULL REFERENCES ai_systems (id),
  dataset_id BIGINT NOT NULL REFERENCES datasets (id),
  PRIMARY KEY (system_id, dataset_id)
);
CREATE TABLE ai_system_suppliers (
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  system_id BIGINT NOT NULL REFERENCES ai_systems (id),
  supplier_id BIGINT NOT NULL REFERENCES suppliers (id),
  PRIMARY KEY (system_id, supplier_id)
);
CREATE TABLE model_datasets (
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  model_id BIGINT NOT NULL REFERENCES models (id),
  dataset_id BIGINT NOT NULL REFERENCES datasets (id),
  PRIMARY KEY (model_id, dataset_id)
);
CREATE INDEX ai_system_models_by_model ON ai_system_models (model_id);
CREATE INDEX ai_system_datasets_by_dataset ON ai_system_datasets (dataset_id);
CREATE INDEX ai_system_suppliers_by_supplier ON ai_system_suppliers (supplier_id);
CREATE INDEX model_datasets_by_dataset ON model_datasets (dataset_id);

-- The organisation's AIMS scope statement (clause 4.3); one row per organisation.
CREATE TABLE aims_scope (
  org_id BIGINT PRIMARY KEY REFERENCES organisations (id),
  statement TEXT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);
