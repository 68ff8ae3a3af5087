// The programme's coverage as a pure function of what must be covered and the audits' criteria,
// and what must be covered from the catalog; no database.
#include <gtest/gtest.h>

#include "internal_audit/internal_audit.h"

namespace aims::internal_audit {
namespace {

std::vector<std::string> ids_of(const std::vector<CoverageLine>& lines) {
  std::vector<std::string> out;
  for (const auto& l : lines)
    out.push_back(l.requirement.id);
  return out;
}

std::vector<int64_t> audits_of(const CoverageLine& line) {
  std::vector<int64_t> out;
  for (const auto& a : line.audits)
    out.push_back(a.id);
  return out;
}

TEST(Coverage, UncoveredFirstThenCoveredEachInTheOrderGiven) {
  const std::vector<Requirement> required = {{"4.1", "Context"},
                                             {"9.2.1", "General"},
                                             {"A.6.2.6", "Operation and monitoring"},
                                             {"A.7.4", "Quality of data"}};
  // Audit 1 covers 4.1 and A.6.2.6; audit 2 covers A.6.2.6 and 10.2, which is not required here.
  const std::vector<AuditScope> audits = {{1, "Context audit", {"4.1", "A.6.2.6"}},
                                          {2, "Monitoring audit", {"A.6.2.6", "10.2"}}};
  const auto lines = coverage(required, audits);
  // Worked by hand: 9.2.1 and A.7.4 are in no audit's criteria, so they lead, in the order
  // given; then 4.1 (audit 1) and A.6.2.6 (audits 1 and 2).
  EXPECT_EQ(ids_of(lines), (std::vector<std::string>{"9.2.1", "A.7.4", "4.1", "A.6.2.6"}));
  EXPECT_FALSE(lines[0].covered());
  EXPECT_FALSE(lines[1].covered());
  EXPECT_EQ(audits_of(lines[2]), (std::vector<int64_t>{1}));
  EXPECT_EQ(audits_of(lines[3]), (std::vector<int64_t>{1, 2}));
  EXPECT_EQ(lines[3].audits[1].name, "Monitoring audit");
}

TEST(Coverage, WithoutAuditsNothingIsCovered) {
  const auto lines = coverage({{"4.1", "Context"}, {"4.2", "Parties"}}, {});
  EXPECT_EQ(ids_of(lines), (std::vector<std::string>{"4.1", "4.2"}));
  EXPECT_FALSE(lines[0].covered());
}

TEST(Coverage, RequiredAreEveryClauseRequirementThenTheApplicableControls) {
  // The catalog holds 32 requirements in clauses 4 to 10 (4.1 first, 10.2 last); of the controls
  // only those given count, in Annex A's order whatever the order given, and an unknown id none.
  const auto required = required_of({"A.7.4", "A.6.2.6", "A.99"});
  ASSERT_EQ(required.size(), 34u);
  EXPECT_EQ(required.front().id, "4.1");
  EXPECT_EQ(required[31].id, "10.2");
  EXPECT_EQ(required[32].id, "A.6.2.6");
  EXPECT_EQ(required[32].title, "AI system operation and monitoring");
  EXPECT_EQ(required[33].id, "A.7.4");
}

TEST(Criteria, RequirementsAndControlsOfTheCatalogOnly) {
  EXPECT_TRUE(is_criterion("9.2.2"));
  EXPECT_TRUE(is_criterion("A.6.2.6"));
  EXPECT_FALSE(is_criterion("9.2"));  // a heading
  EXPECT_FALSE(is_criterion("A.6"));
  EXPECT_FALSE(is_criterion("11.1"));
  EXPECT_FALSE(is_criterion(""));
}

}  // namespace
}  // namespace aims::internal_audit
