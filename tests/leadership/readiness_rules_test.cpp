// What leadership records prove for ISO/IEC 42001 readiness, on both backends: a committee with a
// mandate that met in the last twelve months and recorded decisions (5.1), and an accountable
// person for each AI system in scope (A.3.2). Each expected status is worked out by hand from the
// records the test writes.
#include <gtest/gtest.h>

#include "leadership/fixture.h"
#include "readiness/readiness.h"

namespace aims::leadership {
namespace {

using records::Record;
using testing::date_in;
using namespace std::string_literals;

class LeadershipReadinessTest : public testing::LeadershipTest {
 protected:
  readiness::Finding finding(const std::string& requirement) {
    const readiness::Rule* rule = readiness::rule_for("iso-iec-42001-2023", requirement);
    EXPECT_NE(rule, nullptr) << requirement;
    if (!rule) return {};
    auto f = rule->assess(*db_, alpha_.org);
    EXPECT_TRUE(f.ok()) << (f.ok() ? "" : f.error().message);
    return f.ok() ? *f : readiness::Finding{};
  }

  std::string status(const std::string& requirement) {
    const auto f = finding(requirement);
    return std::string(readiness::key(f.status)) + ": " + f.reason;
  }

  void meeting(int64_t committee, int days_ago) {
    add(committee_meetings(), {{"committee_id", committee}, {"held_on", date_in(-days_ago)}});
  }

  void accountable(int64_t system, const std::string& activity) {
    add(raci_assignments(), {{"system_id", system},
                             {"activity", activity},
                             {"person_id", secretary_.user_id.value()},
                             {"letter", "accountable"s}});
  }
};

TEST_P(LeadershipReadinessTest, ACommitteeWithAMandateThatMetAndDecidedMeets51) {
  EXPECT_EQ(status("5.1"), "not_met: No AI governance committee is recorded.");
  // A committee without a mandate proves nothing yet.
  const int64_t unchartered = add_committee("Steering group", "");
  EXPECT_EQ(status("5.1"), "not_met: No governance committee has a written mandate.");
  const int64_t committee = add_committee("AI governance committee");
  EXPECT_EQ(status("5.1"),
            "partial: 1 governance committee has a mandate, but it has not met in the last twelve "
            "months and no decision of it is recorded.");
  // A meeting 400 days ago is outside the twelve months; so is a meeting of the unchartered group.
  meeting(committee, 400);
  meeting(unchartered, 10);
  EXPECT_EQ(finding("5.1").status, readiness::Status::partial);
  meeting(committee, 30);
  EXPECT_EQ(status("5.1"), "partial: 1 governance committee has a mandate, but it last met on " +
                               date_in(-30) + " and no decision of it is recorded.");
  add(committee_decisions(), {{"title", "Approve the credit scorer"s},
                              {"committee_id", committee},
                              {"decided_on", date_in(-30)},
                              {"kind", "approve"s}});
  EXPECT_EQ(status("5.1"), "met: 1 governance committee has a mandate; it last met on " +
                               date_in(-30) + " and 1 decision is recorded.");
}

TEST_P(LeadershipReadinessTest, EverySystemInScopeNeedsSomeoneAccountableForA32) {
  // The fixture's credit scorer starts in design (the inventory's default stage) and is in scope.
  EXPECT_EQ(status("A.3.2"),
            "not_met: 1 of 1 AI system in scope has no one accountable for the current lifecycle "
            "activity or for operation.");
  // Accountable for an activity that is not the system's current one: still not covered.
  accountable(system_, "retirement");
  EXPECT_EQ(finding("A.3.2").status, readiness::Status::not_met);
  accountable(system_, "design_requirements");
  EXPECT_EQ(status("A.3.2"),
            "met: The one AI system in scope has an accountable person for its current lifecycle "
            "activity.");
  // A second system in scope with no one accountable: partly; an out-of-scope one does not count.
  const int64_t fraud =
      must_create(alpha_.org, inventory::ai_systems(), system("Fraud detector", alpha_.users[0]));
  Record outside = system("Research prototype", alpha_.users[0]);
  outside.values["in_scope"] = false;
  outside.values["scope_exclusion_reason"] = "Synthetic data only"s;
  must_create(alpha_.org, inventory::ai_systems(), outside);
  const auto partial = finding("A.3.2");
  EXPECT_EQ(partial.status, readiness::Status::partial) << partial.reason;
  EXPECT_EQ(partial.reason,
            "1 of 2 AI systems in scope have no one accountable for the current lifecycle "
            "activity or for operation.");
  ASSERT_EQ(partial.links.size(), 1u);
  EXPECT_EQ(partial.links[0].label, "Fraud detector");
  // Someone accountable for its operation covers a system whatever its stage.
  accountable(fraud, "operation_monitoring");
  EXPECT_EQ(finding("A.3.2").status, readiness::Status::met);
}

INSTANTIATE_TEST_SUITE_P(Backends, LeadershipReadinessTest,
                         ::testing::ValuesIn(aims::testing::all_backends()),
                         aims::testing::backend_name);

}  // namespace
}  // namespace aims::leadership
