// Catalogs and mappings as OSCAL 1.2.1 documents (NIST's Open Security Controls Assessment
// Language), and any OSCAL catalog read back as a custom framework.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "base/result.h"
#include "controls/catalog.h"

namespace aims::controls {

// OSCAL admits extensions only as props with a namespace of their own; aims' props (kind,
// documented-information, applies-from, role, ...) carry this one.
inline constexpr std::string_view kOscalNamespace = "https://aims.example.org/ns/oscal";
inline constexpr std::string_view kOscalVersion = "1.2.1";

// What framework_from_oscal accepts at most: room for large published catalogs such as NIST
// SP 800-53 with its control enhancements, small enough that a hostile file cannot exhaust
// memory or the stack.
inline constexpr size_t kOscalMaxItems = 5000;
inline constexpr size_t kOscalMaxDepth = 20;

// The OSCAL id of every item of `f`, by item id. OSCAL ids are tokens (a letter or '_' first,
// then letters, digits, '.', '-', '_'), so each is derived from the item id alone: ASCII letters
// and digits kept in lower case, a lone '.' between them kept, every other run of characters
// one '-', and "c-" in front of a leading digit: "4.1" -> "c-4.1", "A.6.2.6" -> "a.6.2.6",
// "GOVERN 1.1" -> "govern-1.1", "Art. 26" -> "art-26", "Annex III(1)" -> "annex-iii-1". An id
// that would repeat an earlier one gets "-2", "-3", ... The ids never hold '_', which keeps the
// part ids ("c-4.1_smt") apart from them.
std::map<std::string, std::string> oscal_ids(const Framework& f);

// A UUID of version-5 form taken from the SHA-256 of `name`, so that an export made twice is the
// same document and the schema's UUID pattern (version 4 or 5 only) accepts it.
std::string oscal_uuid(std::string_view name);

// Now as OSCAL's last-modified wants it: RFC 3339 with a zone, "2026-12-06T17:32:30Z".
std::string oscal_now();

// `text` fit for a one-line OSCAL member (a title, a name, a prop value): line breaks become
// spaces and the spaces at either end go, as the schemas' patterns want. It may come out empty.
std::string oscal_one_line(std::string_view text);

// The back-matter resource that names `f`'s catalog (its title, key, revision and the uuid of its
// oscal_catalog export). Every export refers to a catalog through it, by "#" and its uuid, so the
// same catalog has the same resource uuid in every document aims writes.
nlohmann::json oscal_catalog_resource(const Framework& f);

// `f` as an OSCAL catalog, {"catalog": {...}}. `last_modified` is written as given (an RFC 3339
// timestamp with a time zone, such as "2026-11-22T09:30:00Z"). Sections become groups; a section
// among requirements or controls, which OSCAL's groups cannot hold side by side, becomes a control
// whose kind prop says "section". Every item keeps its id in the "label" prop and its kind in a
// "kind" prop of kOscalNamespace; description, guidance and note become the parts "statement",
// "guidance" and "note" (kOscalNamespace).
nlohmann::json oscal_catalog(const Framework& f, const std::string& last_modified);

// `m` as an OSCAL mapping collection, {"mapping-collection": {...}}: one mapping from `source`'s
// catalog to `target`'s (both named as back-matter resources) with one map per link, referring
// to the items by their oscal_ids. Expects a mapping that check_mapping accepted.
nlohmann::json oscal_mapping_collection(const Mapping& m, const Framework& source,
                                        const Framework& target, const std::string& last_modified);

// Any OSCAL catalog as a custom framework with the key `key`: groups become sections, controls
// and their nested controls items of kind "control" (unless an aims kind prop, as aims' own
// exports carry, says otherwise), the "label" prop (else the id) the item id, the prose of the
// "statement" part and its nested parts the description, that of the "guidance" part the guidance.
// The result passes parse_framework. Errors: malformed (not JSON, or not an object);
// invalid_argument naming the OSCAL member ("catalog.groups[2].controls[0].title") for no
// "catalog" object, no controls, more than kOscalMaxItems groups and controls, nesting deeper
// than kOscalMaxDepth, or anything parse_framework refuses (a duplicate id, a title longer than
// 500 bytes, ...).
Result<Framework> framework_from_oscal(std::string_view json_text, const std::string& key);

}  // namespace aims::controls
