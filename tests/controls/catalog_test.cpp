// The built-in catalogs against the published structure of the standards (the numbers come from
// ../shared/reference/standards-facts.md, not from the data files), the built-in mappings
// resolving on both sides, and the rules parse_framework and check_mapping enforce.
#include "controls/catalog.h"

#include <map>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "controls/iso42001_items.h"

namespace aims::controls {
namespace {

using testing::kAnnexA;
using testing::kIsoClauses;

constexpr std::string_view kNist = "nist-ai-rmf-1.0";

const Framework& framework(std::string_view key) {
  const Framework* f = built_in_framework(key);
  if (!f) throw std::logic_error("no built-in framework " + std::string(key));
  return *f;
}

std::vector<std::string> ids_of_kind(const Framework& f, std::string_view kind) {
  std::vector<std::string> out;
  for (const auto& item : f.items) {
    if (item.kind == kind) out.push_back(item.id);
  }
  return out;
}

// Section 4: the subcategories per category of each NIST AI RMF function.
std::vector<std::string> nist_subcategories() {
  const std::vector<std::pair<std::string, std::vector<int>>> functions = {
      {"GOVERN", {7, 3, 2, 3, 2, 2}},
      {"MAP", {6, 3, 5, 2, 2}},
      {"MEASURE", {3, 13, 3, 3}},
      {"MANAGE", {4, 4, 2, 3}}};
  std::vector<std::string> out;
  for (const auto& [function, categories] : functions) {
    for (size_t c = 0; c < categories.size(); ++c) {
      for (int s = 1; s <= categories[c]; ++s)
        out.push_back(function + " " + std::to_string(c + 1) + "." + std::to_string(s));
    }
  }
  return out;
}

TEST(BuiltInCatalogTest, Iso42001HasThe38AnnexAControls) {
  const Framework& iso = framework(kIso42001);
  EXPECT_EQ(ids_of_kind(iso, "control"), kAnnexA);
  const std::map<std::string, int> per_group = {{"A.2", 3}, {"A.3", 2}, {"A.4", 5},
                                                {"A.5", 4}, {"A.6", 9}, {"A.7", 5},
                                                {"A.8", 4}, {"A.9", 3}, {"A.10", 3}};
  for (const auto& [group, expected] : per_group) {
    int found = 0;
    for (const auto& id : ids_of_kind(iso, "control")) {
      if (id.rfind(group + ".", 0) == 0) ++found;
    }
    EXPECT_EQ(found, expected) << group;
  }
}

TEST(BuiltInCatalogTest, Iso42001HasThe32ClauseRequirements) {
  EXPECT_EQ(ids_of_kind(framework(kIso42001), "requirement"), kIsoClauses);
}

TEST(BuiltInCatalogTest, IdsAreUniqueInEveryCatalog) {
  for (const auto& f : built_in_frameworks()) {
    std::set<std::string> seen;
    for (const auto& item : f.items)
      EXPECT_TRUE(seen.insert(item.id).second) << f.key << " " << item.id;
  }
}

TEST(BuiltInCatalogTest, NistAiRmfHas72Subcategories) {
  const Framework& nist = framework(kNist);
  const auto requirements = ids_of_kind(nist, "requirement");
  EXPECT_EQ(requirements.size(), 72u);
  EXPECT_EQ(requirements, nist_subcategories());
  const std::map<std::string, int> per_function = {
      {"GOVERN", 19}, {"MAP", 18}, {"MEASURE", 22}, {"MANAGE", 13}};
  for (const auto& [function, expected] : per_function) {
    int found = 0;
    for (const auto& id : requirements) {
      if (id.rfind(function + " ", 0) == 0) ++found;
    }
    EXPECT_EQ(found, expected) << function;
  }
}

TEST(BuiltInMappingTest, EveryMappingResolvesOnBothSides) {
  ASSERT_FALSE(built_in_mappings().empty());
  for (const auto& m : built_in_mappings()) {
    const Framework* source = built_in_framework(m.source_framework);
    const Framework* target = built_in_framework(m.target_framework);
    ASSERT_NE(source, nullptr) << m.key;
    ASSERT_NE(target, nullptr) << m.key;
    const Status ok = check_mapping(m, *source, *target);
    EXPECT_TRUE(ok.ok()) << m.key << ": " << (ok.ok() ? "" : ok.error().message);
    EXPECT_FALSE(m.links.empty()) << m.key;
    for (const auto& l : m.links) {
      ASSERT_NE(source->item(l.source), nullptr) << m.key << " " << l.source;
      ASSERT_NE(target->item(l.target), nullptr) << m.key << " " << l.target;
      EXPECT_TRUE(source->item(l.source)->assessable()) << l.source;
      EXPECT_TRUE(target->item(l.target)->assessable()) << l.target;
    }
  }
}

TEST(BuiltInMappingTest, EveryNistSubcategoryIsMappedTo42001) {
  const Mapping* nist_to_iso = nullptr;
  for (const auto& m : built_in_mappings()) {
    if (m.source_framework == kNist && m.target_framework == kIso42001) nist_to_iso = &m;
  }
  ASSERT_NE(nist_to_iso, nullptr);
  std::set<std::string> mapped;
  for (const auto& l : nist_to_iso->links)
    mapped.insert(l.source);
  for (const auto& id : nist_subcategories())
    EXPECT_TRUE(mapped.contains(id)) << id;
}

// --- The rules of docs/catalogs.md ---------------------------------------------------------------

std::string catalog_with(const std::string& items) {
  return R"({"framework": {"key": "test", "short_name": "Test", "name": "Test framework",
             "revision": 1}, "items": [)" +
         items + "]}";
}

void expect_invalid_framework(const std::string& items, const std::string& field) {
  auto f = parse_framework(catalog_with(items));
  ASSERT_FALSE(f.ok()) << items;
  EXPECT_EQ(f.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(f.error().field, field) << f.error().message;
}

TEST(CatalogRulesTest, AcceptsAWellFormedCatalog) {
  auto f = parse_framework(catalog_with(R"(
      {"id": "1", "kind": "section", "title": "One"},
      {"id": "1.1", "parent": "1", "kind": "requirement", "title": "One one",
       "applies_from": "2026-08-02", "roles": ["provider"]})"));
  ASSERT_TRUE(f.ok()) << f.error().message;
  EXPECT_EQ(f->items.size(), 2u);
}

TEST(CatalogRulesTest, RefusesADuplicateId) {
  expect_invalid_framework(R"({"id": "1", "kind": "section", "title": "One"},
                              {"id": "2", "kind": "section", "title": "Two"},
                              {"id": "1", "kind": "section", "title": "One again"})",
                           "items[2].id");
}

TEST(CatalogRulesTest, RefusesAParentListedAfterItsChild) {
  expect_invalid_framework(R"({"id": "1.1", "parent": "1", "kind": "requirement", "title": "A"},
                              {"id": "1", "kind": "section", "title": "One"})",
                           "items[0].parent");
}

TEST(CatalogRulesTest, RefusesAnUnknownKind) {
  expect_invalid_framework(R"({"id": "1", "kind": "chapter", "title": "One"})", "items[0].kind");
}

TEST(CatalogRulesTest, RefusesADateThatIsNone) {
  expect_invalid_framework(
      R"({"id": "1", "kind": "requirement", "title": "One", "applies_from": "2026-02-30"})",
      "items[0].applies_from");
  expect_invalid_framework(
      R"({"id": "1", "kind": "requirement", "title": "One", "applies_from": "next year"})",
      "items[0].applies_from");
}

std::string mapping_with(const std::string& links) {
  return R"({"mapping": {"key": "nist-ai-rmf-1.0--iso-iec-42001-2023", "title": "T",
             "source_framework": "nist-ai-rmf-1.0", "target_framework": "iso-iec-42001-2023",
             "provenance": "aims", "revision": 1}, "links": [)" +
         links + "]}";
}

Status check(const std::string& links) {
  auto m = parse_mapping(mapping_with(links));
  if (!m) return m.error();
  return check_mapping(*m, framework(kNist), framework(kIso42001));
}

TEST(MappingRulesTest, AcceptsAWellFormedLink) {
  const Status ok =
      check(R"({"source": "GOVERN 1.1", "target": "A.2.2", "relationship": "subset-of"})");
  EXPECT_TRUE(ok.ok()) << (ok.ok() ? "" : ok.error().message);
}

TEST(MappingRulesTest, RefusesAnUnknownRelationship) {
  const Status ok =
      check(R"({"source": "GOVERN 1.1", "target": "A.2.2", "relationship": "similar-to"})");
  ASSERT_FALSE(ok.ok());
  EXPECT_EQ(ok.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(ok.error().field, "links[0].relationship");
}

TEST(MappingRulesTest, RefusesALinkToASection) {
  // "4" is the heading of clause 4 and "GOVERN 1" a category: neither is assessed.
  Status ok = check(R"({"source": "GOVERN 1.1", "target": "A.2.2", "relationship": "subset-of"},
                       {"source": "GOVERN 1.1", "target": "4", "relationship": "intersects-with"})");
  ASSERT_FALSE(ok.ok());
  EXPECT_EQ(ok.error().field, "links[1].target");
  ok = check(R"({"source": "GOVERN 1", "target": "4.1", "relationship": "intersects-with"})");
  ASSERT_FALSE(ok.ok());
  EXPECT_EQ(ok.error().field, "links[0].source");
}

TEST(MappingRulesTest, RefusesALinkToAnUnknownItem) {
  const Status ok =
      check(R"({"source": "GOVERN 1.1", "target": "A.11.2", "relationship": "subset-of"})");
  ASSERT_FALSE(ok.ok());
  EXPECT_EQ(ok.error().field, "links[0].target");
}

}  // namespace
}  // namespace aims::controls
