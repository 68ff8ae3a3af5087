// The rules of the risk register and of treatment actions, on both backends: each refusal names the
// field to fix (Error::field, or Error::problems when there are several), and a record that keeps
// the rules is written.
#include <gtest/gtest.h>

#include "risk/fixture.h"

namespace aims::risk {
namespace {

using records::Record;
using testing::fields_of;
using testing::Values;
using namespace std::string_literals;

class RiskRulesTest : public testing::RiskTest {
 protected:
  // The fields a risk with `extra` is refused on; empty when it is written.
  std::set<std::string> refused_on(const std::string& title, const Values& extra) {
    auto created = create_risk(title, extra);
    if (created.ok()) return {};
    EXPECT_EQ(created.error().code, ErrorCode::invalid_argument) << created.error().message;
    return fields_of(created.error());
  }
  using Fields = std::set<std::string>;
};

TEST_P(RiskRulesTest, ARiskConcernsSystemsOrTheWholeOrganisation) {
  EXPECT_EQ(refused_on("Nowhere", {{"system_ids", records::Ids{}}}), Fields{"system_ids"});
  EXPECT_EQ(refused_on("Nowhere", {{"system_ids", records::Ids{}}, {"organisation_wide", false}}),
            Fields{"system_ids"});
  EXPECT_EQ(refused_on("Everywhere", {{"system_ids", records::Ids{}}, {"organisation_wide", true}}),
            Fields{});
  EXPECT_EQ(refused_on("Credit scorer's", {}), Fields{});
  // A system of another organisation is no system of this one.
  const int64_t beta_system =
      must_create(beta_.org, inventory::ai_systems(), system("Beta scorer", beta_.users[0]));
  EXPECT_EQ(refused_on("Beta's", {{"system_ids", records::Ids{beta_system}}}),
            Fields{"system_ids"});
}

TEST_P(RiskRulesTest, AnotherSourceIsNamed) {
  EXPECT_EQ(refused_on("Other source", {{"source", "other"s}}), Fields{"source_detail"});
  EXPECT_EQ(refused_on("Other source", {{"source", "other"s}, {"source_detail", "Regulator"s}}),
            Fields{});
  EXPECT_EQ(refused_on("Unknown source", {{"source", "weather"s}}), Fields{"source"});
  EXPECT_EQ(refused_on("Unknown objective", {{"objective", "profit"s}}), Fields{"objective"});
}

TEST_P(RiskRulesTest, LikelihoodAndImpactAreScoredTogether) {
  EXPECT_EQ(refused_on("Half inherent", {{"inherent_likelihood", int64_t(3)}}),
            Fields{"inherent_impact"});
  EXPECT_EQ(refused_on("Half inherent", {{"inherent_impact", int64_t(3)}}),
            Fields{"inherent_likelihood"});
  EXPECT_EQ(refused_on("Half residual", {{"residual_likelihood", int64_t(2)}}),
            Fields{"residual_impact"});
  EXPECT_EQ(refused_on("Half residual", {{"residual_impact", int64_t(2)}}),
            Fields{"residual_likelihood"});
  EXPECT_EQ(refused_on("Both halves",
                       {{"inherent_likelihood", int64_t(3)}, {"residual_impact", int64_t(2)}}),
            (Fields{"inherent_impact", "residual_likelihood"}));
  // A score is a step of the scale, 1 to 5 under the default criteria.
  EXPECT_EQ(
      refused_on("Zero", {{"inherent_likelihood", int64_t(0)}, {"inherent_impact", int64_t(2)}}),
      Fields{"inherent_likelihood"});
  // Scored together: 3 x 4 = 12 -> high.
  const Record whole =
      add_risk("Whole", {{"inherent_likelihood", int64_t(3)}, {"inherent_impact", int64_t(4)}});
  EXPECT_EQ(whole.text("inherent_level"), "high");
  EXPECT_EQ(whole.text("residual_level"), "");
  // Removing one half later is refused as well.
  auto halved = edit(whole.id, {{"inherent_impact", std::monostate{}}}, owner_);
  ASSERT_FALSE(halved.ok());
  EXPECT_EQ(fields_of(halved.error()), Fields{"inherent_impact"});
}

TEST_P(RiskRulesTest, LevelsAreWorkedOutNotEntered) {
  // A level given with the scores is replaced by the criteria's: 1 x 1 = 1 -> low.
  auto created = create_risk("Claims critical", {{"inherent_likelihood", int64_t(1)},
                                                 {"inherent_impact", int64_t(1)},
                                                 {"inherent_level", "critical"s}});
  ASSERT_TRUE(created.ok()) << created.error().field << ": " << created.error().message;
  EXPECT_EQ(created->text("inherent_level"), "low");
}

TEST_P(RiskRulesTest, ControlsAreAnnexAControls) {
  EXPECT_EQ(
      refused_on("Unknown control", {{"controls", std::vector<std::string>{"A.6.2.4", "A.99.1"}}}),
      Fields{"controls"});
  EXPECT_EQ(refused_on("Clause, not control", {{"controls", std::vector<std::string>{"6.1.2"}}}),
            Fields{"controls"});
  EXPECT_EQ(refused_on("Known controls",
                       {{"controls", std::vector<std::string>{"A.6.2.4", "A.7.4", "A.10.3"}}}),
            Fields{});
}

TEST_P(RiskRulesTest, AnActionsControlIsAnAnnexAControl) {
  const Record r = add_risk("Treated");
  auto unknown = create_action("Unknown control", r.id, "2027-04-01", {{"control", "A.42"s}});
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(fields_of(unknown.error()), Fields{"control"});
  auto known = create_action("Known control", r.id, "2027-04-01", {{"control", "A.7.4"s}});
  ASSERT_TRUE(known.ok()) << known.error().field << ": " << known.error().message;
  EXPECT_EQ(known->text("control"), "A.7.4");
  // An action treats a risk, has an owner and a due date.
  Record bare;
  bare.values = {{"title", "Bare"s}};
  auto missing = records::create(*db_, treatment_actions(), alpha_.org, bare, author_);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(fields_of(missing.error()), (Fields{"risk_id", "owner_id", "due_date"}));
}

TEST_P(RiskRulesTest, AnIndicatorIsAMonitorAndOneOfItsMetrics) {
  const int64_t monitor = add_monitor("Credit fairness");
  EXPECT_EQ(refused_on("Monitor only", {{"indicator_monitor_id", monitor}}),
            Fields{"indicator_metric"});
  EXPECT_EQ(refused_on("Metric only", {{"indicator_metric", "fairness.disparate_impact"s}}),
            Fields{"indicator_monitor_id"});
  EXPECT_EQ(refused_on("Unknown metric", {{"indicator_monitor_id", monitor},
                                          {"indicator_metric", "fairness.made_up"s}}),
            Fields{"indicator_metric"});
  EXPECT_EQ(refused_on("No such monitor", {{"indicator_monitor_id", monitor + 1000},
                                           {"indicator_metric", "performance.accuracy"s}}),
            Fields{"indicator_monitor_id"});
  EXPECT_EQ(refused_on("Indicated", {{"indicator_monitor_id", monitor},
                                     {"indicator_metric", "fairness.disparate_impact"s}}),
            Fields{});
}

TEST_P(RiskRulesTest, TitlesAreUniqueAndAnOwnerIsRequired) {
  add_risk("Once");
  auto twice = create_risk("Once");
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().code, ErrorCode::already_exists);
  EXPECT_EQ(refused_on("Unowned", {{"owner_id", std::monostate{}}}), Fields{"owner_id"});
}

INSTANTIATE_TEST_SUITE_P(Backends, RiskRulesTest,
                         ::testing::ValuesIn(aims::testing::all_backends()),
                         aims::testing::backend_name);

}  // namespace
}  // namespace aims::risk
