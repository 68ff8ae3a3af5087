// What risk records prove for ISO/IEC 42001 readiness, on both backends: criteria adopted and risks
// recorded (6.1.1), each AI system in scope assessed (6.1.2), assessments kept current (8.2) and
// treatment carried out (8.3). Each expected status is worked out from the records the test writes.
#include <gtest/gtest.h>

#include "readiness/readiness.h"
#include "risk/fixture.h"

namespace aims::risk {
namespace {

using records::Record;
using testing::date_in;
using testing::Values;
using namespace std::string_literals;

std::string key_of(readiness::Status s) {
  return std::string(readiness::key(s));
}

bool links_to(const readiness::Finding& f, const std::string& label) {
  for (const auto& l : f.links)
    if (l.label == label) return true;
  return false;
}

class RiskReadinessTest : public testing::RiskTest {
 protected:
  readiness::Finding finding(const std::string& requirement, int64_t org = 0) {
    const readiness::Rule* rule = readiness::rule_for("iso-iec-42001-2023", requirement);
    EXPECT_NE(rule, nullptr) << requirement;
    if (!rule) return {};
    auto f = rule->assess(*db_, org ? org : alpha_.org);
    EXPECT_TRUE(f.ok()) << (f.ok() ? "" : f.error().message);
    return f.ok() ? *f : readiness::Finding{};
  }

  static Criteria adopted_default() {
    Criteria c = default_criteria();
    c.reason = "aims' default suits us";
    return c;
  }

  // Assessed at 3 x 3 (medium) and, with `treat`, in treatment.
  Record assessed(const std::string& title, const Values& extra = {}, bool treat = false) {
    Values v = extra;
    v["inherent_likelihood"] = int64_t(3);
    v["inherent_impact"] = int64_t(3);
    const Record r = add_risk(title, v);
    must_step(r.id, "assess", owner_);
    if (treat) must_step(r.id, "treat", owner_, "", {{"treatment", "modify"s}});
    return read(r.id);
  }
};

// The requirement's status, with the rule's reason printed when it is not the one expected.
#define EXPECT_STATUS(requirement, expected)                                            \
  do {                                                                                  \
    const auto found_ = finding(requirement);                                           \
    EXPECT_EQ(key_of(found_.status), expected) << requirement << ": " << found_.reason; \
  } while (false)

TEST_P(RiskReadinessTest, CriteriaAdoptedAndRisksRecordedMeet611) {
  // aims' default criteria and no risk: nothing shows the process.
  EXPECT_STATUS("6.1.1", "not_met");
  // A risk scored with the default criteria: partly.
  add_risk("Unfair outcomes");
  EXPECT_STATUS("6.1.1", "partial");
  // The organisation adopts its criteria: met.
  ASSERT_TRUE(adopt_criteria(*db_, alpha_.org, adopted_default(), admin_).ok());
  const auto met = finding("6.1.1");
  EXPECT_EQ(key_of(met.status), "met") << met.reason;
  EXPECT_NE(met.reason.find("Risk criteria version 1"), std::string::npos) << met.reason;
  // Criteria adopted but no risk recorded (beta): partly.
  const records::Caller beta_admin{
      {"user", beta_.users[0], "owner@beta.test"}, beta_.users[0], auth::Role::admin};
  ASSERT_TRUE(adopt_criteria(*db_, beta_.org, adopted_default(), beta_admin).ok());
  EXPECT_EQ(key_of(finding("6.1.1", beta_.org).status), "partial");
}

TEST_P(RiskReadinessTest, EachSystemInScopeNeedsAnAssessedRiskFor612) {
  const int64_t chat = add_system("Chat assistant");  // two systems in scope with the scorer
  auto none = finding("6.1.2");
  EXPECT_EQ(key_of(none.status), "not_met") << none.reason;
  // The credit scorer has an assessed risk; the chat assistant none.
  assessed("Unfair outcomes");
  auto half = finding("6.1.2");
  EXPECT_EQ(key_of(half.status), "partial") << half.reason;
  EXPECT_EQ(half.reason, "1 of 2 AI systems in scope have no assessed risk.");
  EXPECT_TRUE(links_to(half, "Chat assistant"));
  EXPECT_FALSE(links_to(half, "Credit scorer"));
  // A risk of the chat assistant that is scored but still only identified does not count yet.
  const Record identified = add_risk("Made-up answers", {{"system_ids", records::Ids{chat}},
                                                         {"inherent_likelihood", int64_t(4)},
                                                         {"inherent_impact", int64_t(3)}});
  EXPECT_EQ(key_of(finding("6.1.2").status), "partial");
  must_step(identified.id, "assess", owner_);
  EXPECT_STATUS("6.1.2", "met");
}

TEST_P(RiskReadinessTest, AnOverdueReviewMakes82Partial) {
  EXPECT_STATUS("8.2", "not_met");  // no risk recorded
  add_risk("Reviewed next month", {{"next_review", date_in(30)}});
  EXPECT_STATUS("8.2", "met");
  add_risk("Review missed", {{"next_review", date_in(-1)}});
  const auto late = finding("8.2");
  EXPECT_EQ(key_of(late.status), "partial") << late.reason;
  EXPECT_TRUE(links_to(late, "Review missed"));
  EXPECT_FALSE(links_to(late, "Reviewed next month"));
  EXPECT_NE(late.reason.find("1 of 2 open risks are past their review date"), std::string::npos)
      << late.reason;
}

TEST_P(RiskReadinessTest, ARiskInTreatmentWithoutActionsMakes83Partial) {
  EXPECT_STATUS("8.3", "not_met");  // no treatment action recorded
  const Record bare = assessed("Without actions", {}, true);
  const Record planned = assessed("With an action", {}, true);
  add_action("Retrain with balanced data", planned.id, date_in(30));
  const auto partial = finding("8.3");
  EXPECT_EQ(key_of(partial.status), "partial") << partial.reason;
  EXPECT_TRUE(links_to(partial, "Without actions"));
  EXPECT_FALSE(links_to(partial, "With an action"));
  // Its own action, not yet due: met.
  add_action("Add a fairness monitor", bare.id, date_in(10));
  EXPECT_STATUS("8.3", "met");
  // An action past its due date: partly again.
  add_action("Document the data", bare.id, date_in(-2));
  EXPECT_STATUS("8.3", "partial");
}

INSTANTIATE_TEST_SUITE_P(Backends, RiskReadinessTest,
                         ::testing::ValuesIn(aims::testing::all_backends()),
                         aims::testing::backend_name);

}  // namespace
}  // namespace aims::risk
