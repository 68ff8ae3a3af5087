-- The inventory's four registers and the incidents move onto the records platform (0008):
-- each table gains the platform's columns, references move into record_links, and the search
-- index is filled from what the lists searched before.

ALTER TABLE ai_systems RENAME COLUMN name_key TO title_key;
ALTER TABLE models RENAME COLUMN name_key TO title_key;
ALTER TABLE datasets RENAME COLUMN name_key TO title_key;
ALTER TABLE suppliers RENAME COLUMN name_key TO title_key;
ALTER TABLE incidents ADD COLUMN title_key TEXT NOT NULL DEFAULT '';
-- A model is known by its name and version ("PD model 3.2"): titles clash and sort by both.
UPDATE models SET title_key = lower(name || ' ' || model_version);
UPDATE incidents SET title_key = lower(title);

ALTER TABLE ai_systems ADD COLUMN state TEXT NOT NULL DEFAULT '';
ALTER TABLE ai_systems ADD COLUMN state_since TEXT NOT NULL DEFAULT '';
ALTER TABLE ai_systems ADD COLUMN frozen_version BIGINT NOT NULL DEFAULT 0;
ALTER TABLE ai_systems ADD COLUMN created_by BIGINT;
ALTER TABLE models ADD COLUMN state TEXT NOT NULL DEFAULT '';
ALTER TABLE models ADD COLUMN state_since TEXT NOT NULL DEFAULT '';
ALTER TABLE models ADD COLUMN frozen_version BIGINT NOT NULL DEFAULT 0;
ALTER TABLE models ADD COLUMN created_by BIGINT;
ALTER TABLE datasets ADD COLUMN state TEXT NOT NULL DEFAULT '';
ALTER TABLE datasets ADD COLUMN state_since TEXT NOT NULL DEFAULT '';
ALTER TABLE datasets ADD COLUMN frozen_version BIGINT NOT NULL DEFAULT 0;
ALTER TABLE datasets ADD COLUMN created_by BIGINT;
ALTER TABLE suppliers ADD COLUMN state TEXT NOT NULL DEFAULT '';
ALTER TABLE suppliers ADD COLUMN state_since TEXT NOT NULL DEFAULT '';
ALTER TABLE suppliers ADD COLUMN frozen_version BIGINT NOT NULL DEFAULT 0;
ALTER TABLE suppliers ADD COLUMN created_by BIGINT;
ALTER TABLE incidents ADD COLUMN state TEXT NOT NULL DEFAULT '';
ALTER TABLE incidents ADD COLUMN state_since TEXT NOT NULL DEFAULT '';
ALTER TABLE incidents ADD COLUMN frozen_version BIGINT NOT NULL DEFAULT 0;
ALTER TABLE incidents ADD COLUMN created_by BIGINT;
ALTER TABLE incidents ADD COLUMN archived_at TEXT;

-- References, in the order the old link tables listed them (by the referred record's id).
INSERT INTO record_links (org_id, from_type, from_id, field, position, to_type, to_id)
  SELECT org_id, 'ai_system', system_id, 'model_ids',
         ROW_NUMBER() OVER (PARTITION BY system_id ORDER BY model_id) - 1, 'model', model_id
  FROM ai_system_models;
INSERT INTO record_links (org_id, from_type, from_id, field, position, to_type, to_id)
  SELECT org_id, 'ai_system', system_id, 'dataset_ids',
         ROW_NUMBER() OVER (PARTITION BY system_id ORDER BY dataset_id) - 1, 'dataset', dataset_id
  FROM ai_system_datasets;
INSERT INTO record_links (org_id, from_type, from_id, field, position, to_type, to_id)
  SELECT org_id, 'ai_system', system_id, 'supplier_ids',
         ROW_NUMBER() OVER (PARTITION BY system_id ORDER BY supplier_id) - 1, 'supplier',
         supplier_id
  FROM ai_system_suppliers;
INSERT INTO record_links (org_id, from_type, from_id, field, position, to_type, to_id)
  SELECT org_id, 'model', model_id, 'dataset_ids',
         ROW_NUMBER() OVER (PARTITION BY model_id ORDER BY dataset_id) - 1, 'dataset', dataset_id
  FROM model_datasets;
INSERT INTO record_links (org_id, from_type, from_id, field, position, to_type, to_id)
  SELECT org_id, 'model', id, 'supplier_id', 0, 'supplier', supplier_id
  FROM models WHERE supplier_id IS NOT NULL;
INSERT INTO record_links (org_id, from_type, from_id, field, position, to_type, to_id)
  SELECT org_id, 'incident', id, 'system_id', 0, 'ai_system', system_id FROM incidents;

DROP TABLE ai_system_models;
DROP TABLE ai_system_datasets;
DROP TABLE ai_system_suppliers;
DROP TABLE model_datasets;
ALTER TABLE models DROP COLUMN supplier_id;
DROP INDEX incidents_by_system;
ALTER TABLE incidents DROP COLUMN system_id;

-- What lists searched before (search_text) is what full-text search finds from now on.
INSERT INTO record_search (org_id, record_type, record_id, title, body, archived)
  SELECT org_id, 'ai_system', id, name, search_text,
         CASE WHEN archived_at IS NULL THEN 0 ELSE 1 END FROM ai_systems;
INSERT INTO record_search (org_id, record_type, record_id, title, body, archived)
  SELECT org_id, 'model', id, name || ' ' || model_version, search_text,
         CASE WHEN archived_at IS NULL THEN 0 ELSE 1 END FROM models;
INSERT INTO record_search (org_id, record_type, record_id, title, body, archived)
  SELECT org_id, 'dataset', id, name, search_text,
         CASE WHEN archived_at IS NULL THEN 0 ELSE 1 END FROM datasets;
INSERT INTO record_search (org_id, record_type, record_id, title, body, archived)
  SELECT org_id, 'supplier', id, name, search_text,
         CASE WHEN archived_at IS NULL THEN 0 ELSE 1 END FROM suppliers;
INSERT INTO record_search (org_id, record_type, record_id, title, body, archived)
  SELECT org_id, 'incident', id, title, description || ' ' || resolution, 0 FROM incidents;
ALTER TABLE ai_systems DROP COLUMN search_text;
ALTER TABLE models DROP COLUMN search_text;
ALTER TABLE datasets DROP COLUMN search_text;
ALTER TABLE suppliers DROP COLUMN search_text;
