// What roles and competence records prove for ISO/IEC 42001 readiness, on both backends: the
// standard roles defined and filled (5.3), every role staffed (7.1), its holders competent (7.2),
// and the data, model and system roles filled by competent people (A.4.6). Each expected status is
// worked out from the records the test writes; dates follow today, as the rules read it.
#include <gtest/gtest.h>

#include "readiness/readiness.h"
#include "roles/fixture.h"

namespace aims::roles {
namespace {

using namespace std::string_literals;
using testing::date_in;

bool links_to(const readiness::Finding& f, const std::string& label) {
  for (const auto& l : f.links)
    if (l.label == label) return true;
  return false;
}

class RolesReadinessTest : public testing::RolesTest {
 protected:
  void SetUp() override {
    RolesTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    person_ =
        add_person("holder@alpha.test", auth::Role::contributor, "Hana Holder").user_id.value();
  }

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

  // 7.1's staffing half, which the resources module's 7.1 rule joins with the resource plan.
  readiness::Finding staffing() {
    auto f = staffing_finding(*db_, alpha_.org);
    EXPECT_TRUE(f.ok()) << (f.ok() ? "" : f.error().message);
    return f.ok() ? *f : readiness::Finding{};
  }

  std::string staffing_status() {
    const auto f = staffing();
    return std::string(readiness::key(f.status)) + ": " + f.reason;
  }

  // The organisation's role named `name`.
  int64_t role_id(const std::string& name) {
    auto all = records::all_names(*db_, aims_roles(), alpha_.org);
    EXPECT_TRUE(all.ok());
    for (const auto& n : all.ok() ? *all : std::vector<records::Named>{})
      if (n.name == name) return n.id;
    ADD_FAILURE() << "no role " << name;
    return 0;
  }

  void add_and_fill_standard_roles() {
    ASSERT_TRUE(add_standard_roles(*db_, alpha_.org, admin_).ok());
    for (const auto& s : standard_roles())
      appoint(person_, role_id(s.name), date_in(-30));
  }

  int64_t person_ = 0;
};

#define EXPECT_STARTS(requirement, expected) \
  EXPECT_TRUE(status(requirement).starts_with(expected)) << status(requirement)

TEST_P(RolesReadinessTest, StandardRolesDefinedAndFilledMeet53And71) {
  EXPECT_STARTS("5.3", "not_met: None of the 5 standard AIMS roles is defined.");
  EXPECT_TRUE(staffing_status().starts_with("not_met: No AIMS role is defined"))
      << staffing_status();
  // Defined with responsibilities and authorities, but nobody holds them.
  ASSERT_TRUE(add_standard_roles(*db_, alpha_.org, admin_).ok());
  EXPECT_STARTS("5.3",
                "partial: Of the 5 standard AIMS roles, 5 lack their minimum number of holders.");
  EXPECT_TRUE(staffing_status().starts_with(
      "not_met: 5 of 5 AIMS roles lack their minimum number of holders"))
      << staffing_status();
  for (const auto& s : standard_roles())
    appoint(person_, role_id(s.name), date_in(-30));
  EXPECT_STARTS("5.3", "met");
  EXPECT_TRUE(staffing_status().starts_with("met: Every one of the 5 AIMS roles"))
      << staffing_status();
  // An own role that needs two holders has one: 7.1 names it; 5.3 is about the standard roles.
  const int64_t clinical =
      add(aims_roles(), {{"name", "Clinical safety officer"s}, {"min_holders", int64_t(2)}});
  appoint(person_, clinical, date_in(-1));
  const auto short_of = staffing();
  EXPECT_EQ(short_of.reason,
            "1 of 6 AIMS roles lacks its minimum number of holders: Clinical safety officer.");
  EXPECT_EQ(readiness::key(short_of.status), "partial");
  EXPECT_TRUE(links_to(short_of, "Clinical safety officer"));
  EXPECT_STARTS("5.3", "met");
  // The AIMS manager's authorities removed: 5.3 is partly met and points at the role.
  ASSERT_TRUE(edit(aims_roles(), role_id("AIMS manager"), {{"authorities", ""s}}).ok());
  const auto vague = finding("5.3");
  EXPECT_EQ(readiness::key(vague.status), "partial");
  EXPECT_TRUE(links_to(vague, "AIMS manager"));
  EXPECT_EQ(vague.links.size(), 1u);
}

TEST_P(RolesReadinessTest, GapsAndExpiredCompetencesMake72Partial) {
  EXPECT_STARTS("7.2", "not_met: No one holds an AIMS role");
  const int64_t validator = role("Validator");
  appoint(person_, validator, date_in(-10));
  EXPECT_STARTS("7.2", "not_met: No AIMS role states the competences it requires.");
  const int64_t skill = competence("Validation");
  ASSERT_TRUE(edit(aims_roles(), validator, {{"competence_ids", records::Ids{skill}}}).ok());
  EXPECT_STARTS("7.2",
                "partial: The competence matrix of 1 role holder shows 1 gap and 0 expired "
                "competences");
  const int64_t lasting = course("Validation course", {skill});
  train(person_, lasting, date_in(-5));
  EXPECT_STARTS("7.2", "met: The one role holder holds every competence");
  // A second requirement whose only pass expired yesterday.
  const int64_t privacy = competence("Privacy");
  ASSERT_TRUE(
      edit(aims_roles(), validator, {{"competence_ids", records::Ids{skill, privacy}}}).ok());
  train(person_, course("Privacy course", {privacy}, 12), date_in(-400), "passed",
        {{"expires_on", date_in(-1)}});
  EXPECT_STARTS("7.2",
                "partial: The competence matrix of 1 role holder shows 0 gaps and 1 "
                "expired competence");
}

TEST_P(RolesReadinessTest, DataModelAndSystemRolesFilledAndCompetentMeetA46) {
  EXPECT_STARTS("A.4.6",
                "not_met: Data steward is not defined; Model validator is not defined; "
                "AI system owner is not defined.");
  add_and_fill_standard_roles();
  EXPECT_STARTS("A.4.6", "met");
  // The model validator must now show validation skills, which its holder has not.
  const int64_t skill = competence("Validation");
  ASSERT_TRUE(
      edit(aims_roles(), role_id("Model validator"), {{"competence_ids", records::Ids{skill}}})
          .ok());
  const auto unskilled = finding("A.4.6");
  EXPECT_EQ(readiness::key(unskilled.status), "partial");
  EXPECT_EQ(unskilled.reason, "Model validator has a holder without a competence it requires.");
  EXPECT_TRUE(links_to(unskilled, "Model validator"));
  train(person_, course("Validation course", {skill}), date_in(-3));
  EXPECT_STARTS("A.4.6", "met");
}

INSTANTIATE_TEST_SUITE_P(Backends, RolesReadinessTest,
                         ::testing::ValuesIn(aims::testing::all_backends()),
                         aims::testing::backend_name);

}  // namespace
}  // namespace aims::roles
