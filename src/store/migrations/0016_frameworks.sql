-- Framework catalogs and mappings (src/controls/, docs/catalogs.md). The built-in ones
-- (org_id NULL) are loaded from the data files in src/controls/catalogs/ and replaced when a file's
-- revision rises; an organisation's own frameworks (imported from OSCAL) carry its id. Records
-- refer to an item by the framework's key and the item's id ("iso-iec-42001-2023", "A.6.2.6"),
-- never by a row id, so reloading a catalog leaves them pointing at the same requirement.
CREATE TABLE frameworks (
  id @PK@,
  org_id BIGINT REFERENCES organisations (id),
  framework_key TEXT NOT NULL,
  short_name TEXT NOT NULL,
  name TEXT NOT NULL,
  publisher TEXT NOT NULL DEFAULT '',
  edition TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL DEFAULT '',
  revision BIGINT NOT NULL,
  loaded_at TEXT NOT NULL
);
CREATE UNIQUE INDEX frameworks_built_in ON frameworks (framework_key) WHERE org_id IS NULL;
CREATE UNIQUE INDEX frameworks_own ON frameworks (org_id, framework_key) WHERE org_id IS NOT NULL;

-- One clause, control, subcategory or obligation; `position` keeps the file's order.
CREATE TABLE framework_items (
  framework_id BIGINT NOT NULL REFERENCES frameworks (id),
  item_id TEXT NOT NULL,
  position BIGINT NOT NULL,
  parent_id TEXT NOT NULL DEFAULT '',
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  guidance TEXT NOT NULL DEFAULT '',
  documented_information TEXT NOT NULL DEFAULT '',
  applies_from TEXT NOT NULL DEFAULT '',
  roles TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (framework_id, item_id)
);

CREATE TABLE framework_mappings (
  id @PK@,
  org_id BIGINT REFERENCES organisations (id),
  mapping_key TEXT NOT NULL,
  title TEXT NOT NULL,
  source_framework TEXT NOT NULL,
  target_framework TEXT NOT NULL,
  provenance TEXT NOT NULL,
  source TEXT NOT NULL DEFAULT '',
  revision BIGINT NOT NULL,
  loaded_at TEXT NOT NULL
);
CREATE UNIQUE INDEX framework_mappings_built_in ON framework_mappings (mapping_key)
  WHERE org_id IS NULL;
CREATE UNIQUE INDEX framework_mappings_own ON framework_mappings (org_id, mapping_key)
  WHERE org_id IS NOT NULL;

CREATE TABLE framework_mapping_links (
  mapping_id BIGINT NOT NULL REFERENCES framework_mappings (id),
  source_item TEXT NOT NULL,
  target_item TEXT NOT NULL,
  relationship TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (mapping_id, source_item, target_item)
);
CREATE INDEX framework_mapping_links_by_target ON framework_mapping_links (mapping_id, target_item);
