// What resource records prove for ISO/IEC 42001 readiness, on both backends: 7.1's approved plan
// for today, A.4.2's resources documented per system, A.4.4's tools (version, review) and A.4.5's
// compute. Every expected status and reason is worked out by hand from the records each test
// writes; "today" is fixed where the rule takes it.
#include <gmock/gmock.h>

#include "resources/fixture.h"

namespace aims::resources::testing {
namespace {

using ::testing::HasSubstr;

class ResourceReadinessTest : public ResourcesTest {
 protected:
  void SetUp() override {
    ResourcesTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    // The fixture's Credit scorer starts in design, which Annex A.4 does not ask about yet.
    Record changes;
    changes.values = {{"lifecycle_stage", "development"s}};
    auto current = records::get(*db_, inventory::ai_systems(), alpha_.org, system_);
    ASSERT_TRUE(current.ok());
    ASSERT_TRUE(records::update(*db_, inventory::ai_systems(), alpha_.org, system_, changes,
                                current->version, admin_)
                    .ok());
  }

  static std::string status(const Result<readiness::Finding>& f) {
    if (!f.ok()) return "error: " + f.error().message;
    return std::string(readiness::key(f->status)) + ": " + f->reason;
  }
};

TEST_P(ResourceReadinessTest, APlanCoversTodayOnlyOnceApprovedByTopManagement) {
  EXPECT_EQ(status(plan_finding(*db_, alpha_.org, "2027-06-01")),
            "not_met: No approved resource plan's period includes today (2027-06-01).");
  const Record plan = add_plan("AIMS resources 2027", "2027-01-01", "2027-12-31");
  EXPECT_EQ(status(plan_finding(*db_, alpha_.org, "2027-06-01")),
            "partial: The resource plan \"AIMS resources 2027\" for today is not yet approved by "
            "top management.");
  const records::Caller sponsor = add_person("sponsor@alpha.test", auth::Role::viewer);
  make_top_management(sponsor.user_id.value(), "Executive sponsor");
  ASSERT_TRUE(move(plan.id, "submit", author_).ok());
  ASSERT_TRUE(move(plan.id, "approve", sponsor).ok());
  EXPECT_EQ(status(plan_finding(*db_, alpha_.org, "2027-06-01")),
            "met: The resource plan \"AIMS resources 2027\" (2027-01-01 to 2027-12-31) is "
            "approved by top management.");
  // The last day is still covered; the next year is not.
  EXPECT_THAT(status(plan_finding(*db_, alpha_.org, "2027-12-31")), HasSubstr("met: "));
  EXPECT_THAT(status(plan_finding(*db_, alpha_.org, "2028-01-01")), HasSubstr("not_met: "));
}

TEST_P(ResourceReadinessTest, ASystemsResourcesAreDocumentedWithModelsDataToolsAndCompute) {
  EXPECT_EQ(status(documented_finding(*db_, alpha_.org)),
            "not_met: 1 AI system of 1 in scope past design falls short: Credit scorer names no "
            "models, datasets, tools or compute.");
  add_tool("XGBoost", {system_}, {{"tool_version", "2.1.1"s}});
  add_compute("EU cloud cluster", {system_});
  EXPECT_EQ(status(documented_finding(*db_, alpha_.org)),
            "not_met: 1 AI system of 1 in scope past design falls short: Credit scorer names no "
            "models or datasets.");
  Record model;
  model.values = {
      {"name", "PD model"s}, {"model_version", "3.2.0"s}, {"model_type", "classifier"s}};
  Record dataset;
  dataset.values = {{"name", "Loan book"s}, {"source", "Core banking"s}};
  const int64_t model_id = must_create(alpha_.org, inventory::models(), model);
  const int64_t dataset_id = must_create(alpha_.org, inventory::datasets(), dataset);
  Record links;
  links.values = {{"model_ids", records::Ids{model_id}}, {"dataset_ids", records::Ids{dataset_id}}};
  auto current = records::get(*db_, inventory::ai_systems(), alpha_.org, system_);
  ASSERT_TRUE(current.ok());
  ASSERT_TRUE(records::update(*db_, inventory::ai_systems(), alpha_.org, system_, links,
                              current->version, admin_)
                  .ok());
  EXPECT_EQ(status(documented_finding(*db_, alpha_.org)),
            "met: Each of the 1 AI system in scope past design names its models, datasets, "
            "tools, compute and accountable owner.");
}

TEST_P(ResourceReadinessTest, ToolsNeedAVersionAndAReviewNotYetPassed) {
  const std::string today = "2027-03-01";
  EXPECT_EQ(status(tools_finding(*db_, alpha_.org, today)),
            "not_met: 1 AI system of 1 in scope past design falls short: Credit scorer uses no "
            "tool on record.");
  const Record tool = add_tool("XGBoost", {system_}, {{"next_review_on", "2027-02-28"s}});
  EXPECT_EQ(status(tools_finding(*db_, alpha_.org, today)),
            "not_met: 1 AI system of 1 in scope past design falls short: Credit scorer uses tools "
            "where XGBoost states no version and XGBoost is past its review (2027-02-28).");
  Record fixed;
  fixed.values = {{"tool_version", "2.1.1"s}, {"next_review_on", "2027-03-01"s}};
  ASSERT_TRUE(
      records::update(*db_, tools(), alpha_.org, tool.id, fixed, tool.version, author_).ok());
  // A review due today is not yet past.
  EXPECT_EQ(status(tools_finding(*db_, alpha_.org, today)),
            "met: Each of the 1 AI system in scope past design uses tools on record (1), each "
            "with its version and within its review date.");
  // A second system without tools: partly met, naming it.
  add_system("Fraud screen");
  auto second = records::list_all(*db_, inventory::ai_systems(), alpha_.org);
  ASSERT_TRUE(second.ok());
  for (const auto& s : *second) {
    if (s.text("name") != "Fraud screen") continue;
    Record stage;
    stage.values = {{"lifecycle_stage", "operation_monitoring"s}};
    ASSERT_TRUE(
        records::update(*db_, inventory::ai_systems(), alpha_.org, s.id, stage, s.version, admin_)
            .ok());
  }
  EXPECT_EQ(status(tools_finding(*db_, alpha_.org, today)),
            "partial: 1 AI system of 2 in scope past design falls short: Fraud screen uses no "
            "tool on record.");
}

TEST_P(ResourceReadinessTest, EverySystemPastDesignRunsOnComputeOnRecord) {
  EXPECT_EQ(status(compute_finding(*db_, alpha_.org)),
            "not_met: 1 AI system of 1 in scope past design falls short: Credit scorer runs on no "
            "compute resource on record.");
  add_compute("EU cloud cluster", {system_});
  EXPECT_EQ(status(compute_finding(*db_, alpha_.org)),
            "met: Each of the 1 AI system in scope past design runs on a compute resource on "
            "record.");
}

TEST_P(ResourceReadinessTest, TheRegisteredRulesAnswerForTheirRequirements) {
  for (const char* requirement : {"7.1", "A.4.2", "A.4.4", "A.4.5"}) {
    const readiness::Rule* rule = readiness::rule_for("iso-iec-42001-2023", requirement);
    ASSERT_NE(rule, nullptr) << requirement;
    auto f = rule->assess(*db_, alpha_.org);
    ASSERT_TRUE(f.ok()) << requirement;
    // Nothing is on record yet, so none is met.
    EXPECT_NE(f->status, readiness::Status::met) << requirement << ": " << f->reason;
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, ResourceReadinessTest,
                         ::testing::ValuesIn(aims::testing::all_backends()),
                         aims::testing::backend_name);

}  // namespace
}  // namespace aims::resources::testing
