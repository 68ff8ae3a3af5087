// Framework catalogs and the mappings between them as data: parsing and checking the JSON files
// of docs/catalogs.md, the built-in files compiled into aims, and storing catalogs in the database.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "store/database.h"

namespace aims::controls {

// One clause, control, subcategory, obligation or heading of a framework.
struct Item {
  std::string id;      // "4.1", "A.6.2.6", "GOVERN 1.1", "Art. 26"
  std::string parent;  // the enclosing item's id; empty at the top
  std::string kind;    // section, requirement, control, objective, risk_source
  std::string title;
  std::string description;
  std::string guidance;
  std::string documented_information;  // maintain, retain or empty
  std::string applies_from;            // YYYY-MM-DD or empty
  std::vector<std::string> roles;      // provider, deployer
  std::string note;

  // Whether an organisation is assessed against it (sections and informative lists are not).
  bool assessable() const { return kind == "requirement" || kind == "control"; }
};

struct Framework {
  std::string key;  // "iso-iec-42001-2023"
  std::string short_name;
  std::string name;
  std::string publisher;
  std::string edition;
  std::string source;
  int64_t revision = 0;
  std::vector<Item> items;  // parents before their children, in the file's order

  const Item* item(std::string_view id) const;
};

struct Link {
  std::string source;  // an item id of the source framework
  std::string target;  // an item id of the target framework
  std::string relationship;
  std::string note;
};

struct Mapping {
  std::string key;
  std::string title;
  std::string source_framework;
  std::string target_framework;
  std::string provenance;  // published or aims
  std::string source;
  int64_t revision = 0;
  std::vector<Link> links;
};

// Errors: invalid_argument naming the member ("items[12].parent") for anything docs/catalogs.md
// does not allow: a missing title, a duplicate id, a parent that does not come first, an unknown
// kind, a date that is not one.
Result<Framework> parse_framework(std::string_view json_text);
Result<Mapping> parse_mapping(std::string_view json_text);
// Every link names an assessable item of each side, with a known relationship, once. Errors:
// invalid_argument naming the link ("links[3].target").
Status check_mapping(const Mapping& mapping, const Framework& source, const Framework& target);

// The frameworks and mappings compiled into aims (src/controls/catalogs/), checked once; a broken
// file is a bug and throws.
const std::vector<Framework>& built_in_frameworks();
const std::vector<Mapping>& built_in_mappings();
const Framework* built_in_framework(std::string_view key);

// The key of the ISO/IEC 42001 catalog, whose Annex A controls the Statement of Applicability
// lists.
inline constexpr std::string_view kIso42001 = "iso-iec-42001-2023";

}  // namespace aims::controls
