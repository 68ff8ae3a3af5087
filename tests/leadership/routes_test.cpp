// An AI system's holds and RACI over HTTP: the JSON a lifecycle gate or a script reads, the banner
// on the system's page, and 404 for another organisation's system (never its holds).
#include <gtest/gtest.h>

#include "inventory/inventory.h"
#include "leadership/leadership.h"
#include "support/test_server.h"

namespace aims::leadership {
namespace {

using auth::Role;
using Values = std::map<std::string, records::FieldValue>;
using namespace std::string_literals;

class LeadershipRoutesTest : public aims::testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    server_ = std::make_unique<aims::testing::TestServer>(url_);
    a_ = server_->seed_org("Alpha Bank");
    b_ = server_->seed_org("Beta Insurance");
    const int64_t admin = a_.users[Role::admin].id;
    system_ = add(inventory::ai_systems(), {{"name", "alpha scorer"s},
                                            {"purpose", "scoring"s},
                                            {"org_role", "deployer"s},
                                            {"owner_id", admin}});
    const int64_t committee =
        add(committees(),
            {{"name", "alpha committee"s}, {"chair_id", admin}, {"may_halt_releases", true}});
    hold_ = add(committee_decisions(), {{"title", "Hold the alpha scorer"s},
                                        {"committee_id", committee},
                                        {"decided_on", "2026-11-02"s},
                                        {"kind", "place_hold"s},
                                        {"system_ids", records::Ids{system_}},
                                        {"rationale", "Unfair to older applicants"s}});
    add(raci_assignments(), {{"system_id", system_},
                             {"activity", "operation_monitoring"s},
                             {"person_id", admin},
                             {"letter", "accountable"s}});
  }

  int64_t add(const records::Description& d, Values values) {
    records::Record r;
    r.values = std::move(values);
    const records::Caller caller{{"cli", std::nullopt, "cli:test"}, std::nullopt, std::nullopt};
    auto created = records::create(server_->db(), d, a_.org.id, r, caller);
    EXPECT_TRUE(created.ok()) << created.error().field << ": " << created.error().message;
    return created.ok() ? created->id : 0;
  }

  std::string system_path(const std::string& suffix) const {
    return "/api/v1/ai-systems/" + std::to_string(system_) + suffix;
  }

  std::unique_ptr<aims::testing::TestServer> server_;
  aims::testing::SeededOrg a_, b_;
  int64_t system_ = 0, hold_ = 0;
};

TEST_P(LeadershipRoutesTest, TheHoldsOfASystemAreItsDecisionsInForce) {
  auto viewer = server_->signed_in(a_, Role::viewer);
  const auto holds = viewer.get(system_path("/holds"));
  ASSERT_EQ(holds.status, 200) << holds.body;
  const auto items = holds.json()["items"];
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0]["decision_id"], hold_);
  EXPECT_EQ(items[0]["committee"], "alpha committee");
  EXPECT_EQ(items[0]["decided_on"], "2026-11-02");
  EXPECT_EQ(items[0]["rationale"], "Unfair to older applicants");

  const auto raci = viewer.get(system_path("/raci")).json();
  ASSERT_EQ(raci["people"].size(), 1u);
  EXPECT_EQ(raci["people"][0]["person"], "Admin");
  EXPECT_EQ(raci["people"][0]["cells"][5]["letters"], "A");
  EXPECT_EQ(raci["activities"][5]["accountable"], "Admin");
}

TEST_P(LeadershipRoutesTest, TheSystemPageShowsTheHoldAndTheRaci) {
  auto viewer = server_->signed_in(a_, Role::viewer);
  const auto page = viewer.get("/inventory/systems/" + std::to_string(system_));
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("On hold"), std::string::npos);
  EXPECT_NE(page.body.find("Hold the alpha scorer"), std::string::npos);
  EXPECT_NE(page.body.find("Responsibilities (RACI)"), std::string::npos);
  // A viewer gets no form to assign people.
  EXPECT_EQ(page.body.find("action=\"/leadership/raci-assignments\""), std::string::npos);
  const auto grid = viewer.get("/leadership/raci?system=" + std::to_string(system_));
  ASSERT_EQ(grid.status, 200);
  EXPECT_NE(grid.body.find("Hold the alpha scorer"), std::string::npos);
  EXPECT_EQ(viewer.get("/leadership/raci?system=x").status, 422);
}

TEST_P(LeadershipRoutesTest, AnotherOrganisationsSystemIsNotFound) {
  auto beta = server_->signed_in(b_, Role::admin);
  for (const char* suffix : {"/holds", "/raci"}) {
    const auto answer = beta.get(system_path(suffix));
    EXPECT_EQ(answer.status, 404) << suffix;
    EXPECT_EQ(answer.body.find("alpha"), std::string::npos) << answer.body;
  }
  EXPECT_EQ(beta.get("/leadership/raci?system=" + std::to_string(system_)).status, 404);
}

INSTANTIATE_TEST_SUITE_P(Backends, LeadershipRoutesTest,
                         ::testing::ValuesIn(aims::testing::all_backends()),
                         aims::testing::backend_name);

}  // namespace
}  // namespace aims::leadership
