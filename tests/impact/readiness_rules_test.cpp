// What impact assessments prove for ISO/IEC 42001 readiness (src/impact/readiness_rules.cpp), on
// both backends: 6.1.4 and A.5.2 (each AI system in scope has an approved assessment), 8.4 (those
// are current and none awaits re-assessment after a significant change), A.5.3 (approved
// assessments are kept), A.5.4 (they weigh the effects on individuals and groups) and A.5.5 (on
// society and the environment). Another organisation's assessments count for nothing.
//
// Every status, count and reason is worked out by hand from the records each test creates.
#include <gtest/gtest.h>

#include "impact/fixture.h"
#include "readiness/readiness.h"

namespace aims::impact::testing {
namespace {

constexpr const char* kIso42001 = "iso-iec-42001-2023";

// "met", "partial", "not_met": as text, so a failure prints the word.
std::string key_of(readiness::Status status) {
  return std::string(readiness::key(status));
}

class ImpactReadinessTest : public ImpactTest {
 protected:
  readiness::Finding finding(const std::string& requirement, int64_t org = 0) {
    const readiness::Rule* rule = readiness::rule_for(kIso42001, requirement);
    EXPECT_NE(rule, nullptr) << requirement;
    if (!rule) return {};
    auto f = rule->assess(*db_, org ? org : alpha_.org);
    EXPECT_TRUE(f.ok()) << requirement << ": " << why(f);
    return f.ok() ? *f : readiness::Finding{};
  }

  // The finding, once its status and reason are checked.
  readiness::Finding expect(const std::string& requirement, const std::string& status,
                            const std::string& reason, int64_t org = 0) {
    readiness::Finding f = finding(requirement, org);
    EXPECT_EQ(key_of(f.status), status) << requirement << ": " << f.reason;
    EXPECT_EQ(f.reason, reason) << requirement;
    return f;
  }

  static std::vector<std::string> labels(const readiness::Finding& f) {
    std::vector<std::string> out;
    for (const auto& l : f.links)
      out.push_back(l.label);
    return out;
  }
};

TEST_P(ImpactReadinessTest, EverySystemInScopeNeedsAnApprovedAssessment) {
  // 6.1.4 and A.5.2 read the same: each is checked at every step.
  auto both = [&](const std::string& status, const std::string& reason) {
    readiness::Finding f = expect("6.1.4", status, reason);
    expect("A.5.2", status, reason);
    return f;
  };
  both("not_met", "No AI system is in scope, so none has been assessed for its impact.");

  const int64_t scorer = add_system("Credit scorer");
  const int64_t chatbot = add_system("Support chatbot");
  // Outside the scope: never counted.
  const int64_t legacy = add_system(
      "Legacy rules engine",
      {{"in_scope", false}, {"scope_exclusion_reason", "Decommissioned, read-only archive"s}});
  (void)legacy;
  auto none = both("not_met", "2 of 2 AI systems in scope have no approved impact assessment.");
  EXPECT_EQ(labels(none).size(), 2u);
  EXPECT_EQ(none.fix.href, "/impact/assessments/new");

  // A draft and one in review are not approved yet.
  must_create_assessment(ready_assessment("Credit scorer draft", scorer));
  const Record in_review = must_create_assessment(ready_assessment("Chatbot in review", chatbot));
  ASSERT_TRUE(step(in_review.id, "submit", author_, "No harm found").ok());
  both("not_met", "2 of 2 AI systems in scope have no approved impact assessment.");

  // One of two: the other is the gap, linked to its page.
  approved_assessment("Credit scorer 2026", scorer);
  auto half = both("partial", "1 of 2 AI systems in scope have no approved impact assessment.");
  ASSERT_EQ(half.links.size(), 1u);
  EXPECT_EQ(half.links[0].label, "Support chatbot");
  EXPECT_EQ(half.links[0].href, "/inventory/systems/" + std::to_string(chatbot));

  ASSERT_TRUE(step(in_review.id, "approve", approver_, "Reviewed").ok());
  auto all = both("met", "Each of the 2 AI systems in scope has an approved impact assessment.");
  EXPECT_TRUE(all.links.empty());
  EXPECT_EQ(all.fix.label, "");
}

TEST_P(ImpactReadinessTest, ASignificantChangeOrAnExpiredAssessmentLeavesClause8_4Partial) {
  expect("8.4", "not_met", "No impact assessment is approved, so none is kept current.");
  const int64_t scorer = add_system("Credit scorer");
  const int64_t chatbot = add_system("Support chatbot");
  // Assessed a month ago: valid for eleven more months.
  const int64_t current =
      approved_assessment("Credit scorer 2026", scorer, {{"assessed_on", date_in(-30)}});
  expect("8.4", "met",
         "The one approved impact assessment is within its validity and no significant change "
         "awaits re-assessment.");

  ASSERT_TRUE(edit_system(scorer, {{"automation_level", "fully_automated"s}}, admin_).ok());
  auto flagged = expect(
      "8.4", "partial",
      "0 approved assessments have expired and 1 needs re-assessment after a significant change.");
  ASSERT_EQ(flagged.links.size(), 1u);
  EXPECT_EQ(flagged.links[0].label, "Credit scorer 2026");
  EXPECT_EQ(flagged.links[0].href, "/impact/assessments/" + std::to_string(current));
  EXPECT_EQ(flagged.fix.href, flagged.links[0].href);

  // Valid until five weeks ago: expired.
  approved_assessment("Support chatbot 2025", chatbot,
                      {{"assessed_on", date_in(-400)}, {"valid_until", date_in(-35)}});
  auto both = expect(
      "8.4", "partial",
      "1 approved assessment has expired and 1 needs re-assessment after a significant change.");
  EXPECT_EQ(both.links.size(), 2u);

  // Both re-done: the new approvals supersede the old ones and 8.4 is met again.
  approved_assessment("Credit scorer 2026 (automated)", scorer, {{"assessed_on", date_in(0)}});
  approved_assessment("Support chatbot 2026", chatbot, {{"assessed_on", date_in(0)}});
  expect("8.4", "met",
         "All 2 approved impact assessments are within their validity and no significant change "
         "awaits re-assessment.");
}

TEST_P(ImpactReadinessTest, AnApprovedAssessmentIsKeptAsAVersion) {
  expect("A.5.3", "not_met", "No impact assessment is approved and kept as a version yet.");
  const int64_t scorer = add_system("Credit scorer");
  const Record a = must_create_assessment(ready_assessment("Credit scorer 2026", scorer));
  ASSERT_TRUE(step(a.id, "submit", author_, "Findings").ok());
  expect("A.5.3", "not_met", "No impact assessment is approved and kept as a version yet.");
  ASSERT_TRUE(step(a.id, "approve", approver_, "Reviewed").ok());
  auto met = expect("A.5.3", "met",
                    "1 impact assessment is approved by someone other than its author and kept "
                    "as a frozen version.");
  EXPECT_EQ(labels(met), std::vector<std::string>{"Credit scorer 2026"});
}

TEST_P(ImpactReadinessTest, EffectsOnIndividualsAndGroupsAreWeighed) {
  expect("A.5.4", "not_met",
         "No impact assessment is approved, so the effects on individuals and groups are not "
         "assessed.");
  const int64_t scorer = add_system("Credit scorer");
  const int64_t chatbot = add_system("Support chatbot");
  // Silent on individuals, groups and vulnerable groups (it speaks of society, which is A.5.5).
  approved_assessment("Credit scorer 2026", scorer,
                      {{"societal_effects", "Access to credit in rural areas"s}});
  auto silent = expect("A.5.4", "partial",
                       "1 of 1 approved assessment says nothing of the effects on individuals "
                       "and groups.");
  EXPECT_EQ(labels(silent), std::vector<std::string>{"Credit scorer 2026"});
  // One of the three is enough.
  approved_assessment("Support chatbot 2026", chatbot,
                      {{"vulnerable_groups", "Customers in financial difficulty"s}});
  auto one = expect("A.5.4", "partial",
                    "1 of 2 approved assessments say nothing of the effects on individuals and "
                    "groups.");
  EXPECT_EQ(labels(one), std::vector<std::string>{"Credit scorer 2026"});
  approved_assessment("Credit scorer 2026 (revised)", scorer,
                      {{"affected_groups", "Self-employed applicants"s}});
  expect("A.5.4", "met",
         "Every approved impact assessment records the effects on individuals "
         "and groups.");
}

TEST_P(ImpactReadinessTest, EffectsOnSocietyAndTheEnvironmentAreWeighed) {
  expect("A.5.5", "not_met",
         "No impact assessment is approved, so the effects on society and the environment are "
         "not assessed.");
  const int64_t scorer = add_system("Credit scorer");
  const int64_t chatbot = add_system("Support chatbot");
  approved_assessment("Credit scorer 2026", scorer,
                      {{"affected_individuals", "Applicants for retail loans"s}});
  expect("A.5.5", "partial",
         "1 of 1 approved assessment says nothing of the effects on society and the environment.");
  approved_assessment("Support chatbot 2026", chatbot,
                      {{"environmental_effects", "Inference energy of 2 MWh a year"s}});
  auto one = expect("A.5.5", "partial",
                    "1 of 2 approved assessments say nothing of the effects on society and the "
                    "environment.");
  EXPECT_EQ(labels(one), std::vector<std::string>{"Credit scorer 2026"});
  approved_assessment("Credit scorer 2026 (revised)", scorer,
                      {{"societal_effects", "Access to credit in rural areas"s}});
  expect("A.5.5", "met",
         "Every approved impact assessment records the effects on society and the environment.");
}

TEST_P(ImpactReadinessTest, AnotherOrganisationsAssessmentsCountForNothing) {
  const int64_t scorer = add_system("Credit scorer");
  approved_assessment(
      "Credit scorer 2026", scorer,
      {{"affected_individuals", "Applicants"s}, {"societal_effects", "Access to credit"s}});
  expect("6.1.4", "met", "The one AI system in scope has an approved impact assessment.");
  // Beta has no AI system and no assessment.
  expect("6.1.4", "not_met", "No AI system is in scope, so none has been assessed for its impact.",
         beta_.org);
  expect("A.5.3", "not_met", "No impact assessment is approved and kept as a version yet.",
         beta_.org);
  expect("A.5.4", "not_met",
         "No impact assessment is approved, so the effects on individuals and groups are not "
         "assessed.",
         beta_.org);
}

INSTANTIATE_TEST_SUITE_P(Backends, ImpactReadinessTest,
                         ::testing::ValuesIn(aims::testing::all_backends()),
                         aims::testing::backend_name);

}  // namespace
}  // namespace aims::impact::testing
