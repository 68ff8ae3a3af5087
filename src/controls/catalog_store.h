// Framework catalogs in the database: the built-in files loaded (and replaced when their revision
// rises), and read back for pages, the API and the Statement of Applicability.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "controls/catalog.h"
#include "store/database.h"
#include "trail/trail.h"

namespace aims::controls {

// Loads every built-in catalog and mapping whose stored revision is missing or lower. Cheap when
// all are current (one query); safe when several servers start at once on one PostgreSQL.
Status ensure_catalogs(store::Database& db);

struct FrameworkSummary {
  std::string key;
  std::string short_name;
  std::string name;
  std::string publisher;
  std::string edition;
  int64_t revision = 0;
  bool built_in = true;
  int64_t assessable = 0;  // requirements and controls
};

// The built-in frameworks and the organisation's own, built-in first, each by name.
Result<std::vector<FrameworkSummary>> list_frameworks(store::Database& db, int64_t org);
// One framework of list_frameworks. Errors: not_found (no such key visible to the organisation).
Result<FrameworkSummary> framework_summary(store::Database& db, int64_t org,
                                           const std::string& key);
// Errors: not_found (no such key visible to the organisation).
Result<Framework> stored_framework(store::Database& db, int64_t org, const std::string& key);

// One end of a mapping link as seen from an item: the other framework's item.
struct Related {
  std::string framework_key;
  std::string framework_name;  // short name
  std::string item_id;
  std::string item_title;
  std::string relationship;  // read from the item's side: "intersects-with", "subset-of"...
  std::string provenance;    // published or aims
  std::string mapping_title;
  std::string note;
};

// Every item linked to `item_id` of `framework_key` by any mapping the organisation sees, in
// either direction, ordered by framework and item.
Result<std::vector<Related>> related_items(store::Database& db, int64_t org,
                                           const std::string& framework_key,
                                           const std::string& item_id);

// Stores `f` as one of the organisation's own frameworks (an imported OSCAL catalog), with its
// audit event. Errors: already_exists ("key") when the key is a built-in catalog's or one the
// organisation already has.
Status store_own_framework(store::Database& db, int64_t org, const Framework& f,
                           const trail::Actor& actor);

// The organisation's own links from one item of one of its own frameworks (an imported catalog)
// to ISO/IEC 42001, replacing those the item had; an empty list removes them. The mapping
// ("<key>--iso-iec-42001-2023", provenance "organisation") is made on first use; the change is in
// the trail with the links before and after. Errors: not_found (no framework `key` the
// organisation sees, or no item `item_id` in it), failed_precondition (a built-in framework: its
// mappings are aims' catalogs), invalid_argument naming the link ("links[1].target") as
// check_mapping does.
Status set_own_links(store::Database& db, int64_t org, const std::string& key,
                     const std::string& item_id, std::vector<Link> links,
                     const trail::Actor& actor);

// A requirement or control of one of the organisation's own frameworks, as an SoA entry names it.
struct OwnControl {
  std::string framework_name;  // the framework's short name
  std::string title;
  int64_t position = 0;  // in the framework's order, from 1
};
// Read in `tx`; nullopt when the organisation has no such framework or it no such control.
Result<std::optional<OwnControl>> own_control(store::Tx& tx, int64_t org, const std::string& key,
                                              const std::string& item_id);

// Reads `oscal_json` (an OSCAL catalog) and stores it as the organisation's own framework `key`,
// with its audit event: what the API, the frameworks page and `aims frameworks import` all do.
// Errors: invalid_argument ("key") when `key` is empty; those of framework_from_oscal (malformed,
// invalid_argument naming the OSCAL member) and of store_own_framework (already_exists).
Result<Framework> import_own_framework(store::Database& db, int64_t org, const std::string& key,
                                       std::string_view oscal_json, const trail::Actor& actor);

struct StoredMapping {
  Mapping mapping;
  bool built_in = true;
};
Result<std::vector<StoredMapping>> list_mappings(store::Database& db, int64_t org);

}  // namespace aims::controls
