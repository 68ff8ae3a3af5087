// The inventory on both backends: references and tenancy, uniqueness, versions, archive,
// listing (filters, search, sort, pages) and the scope.
#include <set>

#include <gtest/gtest.h>

#include "inventory/fixture.h"

namespace aims::inventory {
namespace {

using records::Record;
using testing::InventoryTest;
using testing::kActor;

int64_t events_for(store::Database& db, int64_t org, const std::string& type, int64_t id) {
  trail::Filter f;
  f.entity_type = type;
  f.entity_id = id;
  f.limit = 100;
  auto events = db.read([&](store::Tx& tx) { return trail::list(tx, org, f); });
  return events.ok() ? static_cast<int64_t>(events->size()) : -1;
}

TEST_P(InventoryTest, CreatesASystemWithItsLinksAndOneAuditEvent) {
  Record supplier;
  supplier.values = {{"name", std::string("Vector Labs")}, {"provides", std::string("model_api")}};
  const int64_t s = must_create(alpha_.org, suppliers(), supplier);
  Record dataset;
  dataset.values = {{"name", std::string("Loans 2025")}, {"source", std::string("Core banking")}};
  const int64_t d = must_create(alpha_.org, datasets(), dataset);
  Record model;
  model.values = {{"name", std::string("PD")},
                  {"model_version", std::string("3.2")},
                  {"model_type", std::string("classifier")}};
  model.values["dataset_ids"] = records::Ids{d};
  const int64_t m = must_create(alpha_.org, models(), model);

  Record r = system("Credit scorer", alpha_.users[0]);
  r.values["model_ids"] = records::Ids{m};
  r.values["dataset_ids"] = records::Ids{d};
  r.values["supplier_ids"] = records::Ids{s};
  r.values["tags"] = std::vector<std::string>{"credit", "retail"};
  auto created = records::create(*db_, ai_systems(), alpha_.org, r, kActor);
  ASSERT_TRUE(created.ok()) << created.error().message;
  EXPECT_EQ(created->version, 1);
  auto read = records::get(*db_, ai_systems(), alpha_.org, created->id);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->ids("model_ids"), std::vector<int64_t>{m});
  EXPECT_EQ(read->ids("supplier_ids"), std::vector<int64_t>{s});
  EXPECT_EQ(read->list("tags"), (std::vector<std::string>{"credit", "retail"}));
  EXPECT_EQ(read->number("owner_id"), alpha_.users[0]);
  EXPECT_EQ(events_for(*db_, alpha_.org, "ai_system", created->id), 1);
  // The model's page shows the system that uses it.
  auto users = records::referred_by(*db_, alpha_.org, models(), m);
  ASSERT_TRUE(users.ok());
  ASSERT_EQ(users->size(), 1u);
  EXPECT_EQ((*users)[0].name, "Credit scorer");
  EXPECT_EQ((*users)[0].field_label, "Models");
}

TEST_P(InventoryTest, TheOwnerMustBeAnActiveUserOfTheSameOrganisation) {
  auto foreign =
      records::create(*db_, ai_systems(), alpha_.org, system("X", beta_.users[0]), kActor);
  ASSERT_FALSE(foreign.ok());
  EXPECT_EQ(foreign.error().field, "owner_id");
  auto disabled =
      records::create(*db_, ai_systems(), alpha_.org, system("Y", alpha_.users[2]), kActor);
  ASSERT_FALSE(disabled.ok());
  EXPECT_EQ(disabled.error().field, "owner_id");
  EXPECT_TRUE(
      records::create(*db_, ai_systems(), alpha_.org, system("Z", alpha_.users[1]), kActor).ok());
}

TEST_P(InventoryTest, LinksMustBeActiveRecordsOfTheSameOrganisation) {
  Record other;
  other.values = {{"name", std::string("Beta model")},
                  {"model_version", std::string("1")},
                  {"model_type", std::string("rules")}};
  const int64_t beta_model = must_create(beta_.org, models(), other);
  Record r = system("Linked", alpha_.users[0]);
  r.values["model_ids"] = records::Ids{beta_model};
  auto refused = records::create(*db_, ai_systems(), alpha_.org, r, kActor);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().field, "model_ids");
  EXPECT_EQ(records::get(*db_, models(), alpha_.org, beta_model).error().code,
            ErrorCode::not_found);
}

TEST_P(InventoryTest, NamesAreUniqueWithinAnOrganisationOnly) {
  must_create(alpha_.org, ai_systems(), system("Chatbot", alpha_.users[0]));
  auto again =
      records::create(*db_, ai_systems(), alpha_.org, system("CHATBOT", alpha_.users[0]), kActor);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::already_exists);
  EXPECT_EQ(again.error().field, "name");
  EXPECT_TRUE(
      records::create(*db_, ai_systems(), beta_.org, system("Chatbot", beta_.users[0]), kActor)
          .ok());
  Record m;
  m.values = {{"name", std::string("PD")},
              {"model_version", std::string("1")},
              {"model_type", std::string("classifier")}};
  must_create(alpha_.org, models(), m);
  m.values["model_version"] = std::string("2");
  EXPECT_TRUE(records::create(*db_, models(), alpha_.org, m, kActor).ok())
      << "a new version of a model is a new record";
  EXPECT_EQ(records::create(*db_, models(), alpha_.org, m, kActor).error().code,
            ErrorCode::already_exists);
}

TEST_P(InventoryTest, UpdatesChangeOnlyWhatIsGivenAndCheckTheVersion) {
  const int64_t id = must_create(alpha_.org, ai_systems(), system("Scorer", alpha_.users[0]));
  Record change;
  change.values["risk_tier"] = std::string("high");
  auto updated = records::update(*db_, ai_systems(), alpha_.org, id, change, 1, kActor);
  ASSERT_TRUE(updated.ok()) << updated.error().message;
  EXPECT_EQ(updated->text("risk_tier"), "high");
  EXPECT_EQ(updated->text("name"), "Scorer");
  EXPECT_EQ(updated->version, 2);
  EXPECT_EQ(records::update(*db_, ai_systems(), alpha_.org, id, change, 1, kActor).error().code,
            ErrorCode::stale_version);
  auto same = records::update(*db_, ai_systems(), alpha_.org, id, change, 2, kActor);
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(same->version, 2) << "a no-op makes no new version";
  EXPECT_EQ(events_for(*db_, alpha_.org, "ai_system", id), 2);
  Record bad;
  bad.values["eu_ai_act_class"] = std::string("high_risk");
  EXPECT_EQ(records::update(*db_, ai_systems(), alpha_.org, id, bad, 2, kActor).error().field,
            "annex_iii_area");
}

TEST_P(InventoryTest, ArchivedRecordsStayReadableButFrozen) {
  const int64_t id = must_create(alpha_.org, ai_systems(), system("Old bot", alpha_.users[0]));
  auto archived = records::archive(*db_, ai_systems(), alpha_.org, id, kActor);
  ASSERT_TRUE(archived.ok());
  EXPECT_TRUE(archived->archived_at.has_value());
  auto read = records::get(*db_, ai_systems(), alpha_.org, id);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->text("name"), "Old bot");
  EXPECT_EQ(records::archive(*db_, ai_systems(), alpha_.org, id, kActor).error().code,
            ErrorCode::failed_precondition);
  Record change;
  change.values["risk_tier"] = std::string("low");
  EXPECT_EQ(records::update(*db_, ai_systems(), alpha_.org, id, change, read->version, kActor)
                .error()
                .code,
            ErrorCode::failed_precondition);
  records::Query q;
  EXPECT_EQ(records::list(*db_, ai_systems(), alpha_.org, q)->total, 0);
  q.archived = records::Archived::include;
  EXPECT_EQ(records::list(*db_, ai_systems(), alpha_.org, q)->total, 1);
  q.archived = records::Archived::only;
  EXPECT_EQ(records::list(*db_, ai_systems(), alpha_.org, q)->total, 1);
  ASSERT_TRUE(records::restore(*db_, ai_systems(), alpha_.org, id, kActor).ok());
  EXPECT_EQ(events_for(*db_, alpha_.org, "ai_system", id), 3);  // create, archive, restore
}

TEST_P(InventoryTest, ListFiltersSearchesSortsAndPages) {
  struct Spec {
    const char* name;
    const char* stage;
    const char* tier;
    bool in_scope;
    const char* tag;
  };
  const Spec specs[] = {{"Alpha chatbot", "design", "low", true, "llm"},
                        {"Beta scorer", "operation_monitoring", "critical", true, "credit"},
                        {"Gamma triage", "verification_validation", "high", true, "health"},
                        {"Delta ranker", "operation_monitoring", "medium", false, "search"},
                        {"Epsilon fraud", "deployment", "high", true, "credit"},
                        {"Zeta helper", "development", "low", true, "llm"},
                        {"Eta vision", "operation_monitoring", "medium", true, "health"}};
  for (const auto& s : specs) {
    Record r = system(s.name, s.tag == std::string("llm") ? alpha_.users[1] : alpha_.users[0]);
    r.values["lifecycle_stage"] = std::string(s.stage);
    r.values["risk_tier"] = std::string(s.tier);
    r.values["in_scope"] = s.in_scope;
    if (!s.in_scope) r.values["scope_exclusion_reason"] = std::string("Internal search only");
    r.values["tags"] = std::vector<std::string>{s.tag};
    must_create(alpha_.org, ai_systems(), r);
  }
  auto count = [&](records::Query q) {
    return records::list(*db_, ai_systems(), alpha_.org, q)->total;
  };
  records::Query q;
  EXPECT_EQ(count(q), 7);
  q.filters = {{"lifecycle_stage", "operation_monitoring"}};
  EXPECT_EQ(count(q), 3);
  q.filters = {{"risk_tier", "high"}, {"lifecycle_stage", "deployment"}};
  EXPECT_EQ(count(q), 1);
  q.filters = {{"in_scope", "false"}};
  EXPECT_EQ(count(q), 1);
  q.filters = {{"owner_id", std::to_string(alpha_.users[1])}};
  EXPECT_EQ(count(q), 2);
  q.filters = {{"tags", "CREDIT"}};
  EXPECT_EQ(count(q), 2) << "tags match whatever their case";
  q.filters = {};
  q.search = "purpose of ga";  // matches "Purpose of Gamma triage" only
  EXPECT_EQ(count(q), 1);
  q.search = "100%_sure";
  EXPECT_EQ(count(q), 0) << "LIKE wildcards in search text are literal";
  q.search = "";
  q.filters = {{"lifecycle_stage", "someday"}};
  EXPECT_EQ(records::list(*db_, ai_systems(), alpha_.org, q).error().field, "lifecycle_stage");
  q.filters = {{"purpose", "x"}};
  EXPECT_EQ(records::list(*db_, ai_systems(), alpha_.org, q).error().field, "purpose");

  // Risk tiers sort in their meaning (low < medium < high < critical), not alphabetically; pages
  // of two walk every record once.
  records::Query sorted;
  sorted.sort = "risk_tier";
  sorted.limit = 2;
  std::vector<std::string> tiers;
  std::set<int64_t> seen;
  while (true) {
    auto page = records::list(*db_, ai_systems(), alpha_.org, sorted);
    ASSERT_TRUE(page.ok()) << page.error().message;
    EXPECT_EQ(page->total, 7);
    for (const auto& r : page->items) {
      tiers.push_back(r.text("risk_tier"));
      EXPECT_TRUE(seen.insert(r.id).second) << "record on two pages";
    }
    if (!page->next_cursor) break;
    sorted.cursor = page->next_cursor;
  }
  EXPECT_EQ(tiers, (std::vector<std::string>{"low", "low", "medium", "medium", "high", "high",
                                             "critical"}));
  records::Query by_name;
  by_name.descending = true;
  by_name.limit = 3;
  auto first = records::list(*db_, ai_systems(), alpha_.org, by_name);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->items[0].text("name"), "Zeta helper");
  by_name.sort = "purpose";
  EXPECT_EQ(records::list(*db_, ai_systems(), alpha_.org, by_name).error().field, "sort");
}

TEST_P(InventoryTest, ScopeListsInAndOutAndVersionsTheStatement) {
  must_create(alpha_.org, ai_systems(), system("Inside", alpha_.users[0]));
  Record out = system("Outside", alpha_.users[0]);
  out.values["in_scope"] = false;
  out.values["scope_exclusion_reason"] = std::string("Vendor-hosted, outside our control");
  must_create(alpha_.org, ai_systems(), out);
  auto s = scope(*db_, alpha_.org);
  ASSERT_TRUE(s.ok());
  ASSERT_EQ(s->in_scope.size(), 1u);
  ASSERT_EQ(s->excluded.size(), 1u);
  EXPECT_EQ(s->excluded[0].reason, "Vendor-hosted, outside our control");
  EXPECT_EQ(s->in_scope[0].owner, "Owner of Alpha");
  EXPECT_EQ(s->version, 0);
  auto written = set_scope_statement(*db_, alpha_.org, "All AI systems of Alpha's retail bank.", 0,
                                     testing::kTrailActor);
  ASSERT_TRUE(written.ok()) << written.error().message;
  EXPECT_EQ(written->version, 1);
  EXPECT_EQ(set_scope_statement(*db_, alpha_.org, "Other", 0, testing::kTrailActor).error().code,
            ErrorCode::stale_version);
  EXPECT_EQ(set_scope_statement(*db_, alpha_.org, "  ", 1, testing::kTrailActor).error().field,
            "statement");
  EXPECT_EQ(scope(*db_, beta_.org)->statement, "") << "each organisation has its own scope";
}

INSTANTIATE_TEST_SUITE_P(Backends, InventoryTest,
                         ::testing::ValuesIn(aims::testing::all_backends()),
                         aims::testing::backend_name);

}  // namespace
}  // namespace aims::inventory
