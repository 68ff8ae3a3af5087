// The readiness of 9.2.1 (a programme for today covering every clause requirement and applicable
// control, approved) and 9.2.2 (audits reported by their planned end), with today fixed; on both
// backends.
#include <gtest/gtest.h>

#include "internal_audit/fixture.h"

namespace aims::internal_audit {
namespace {

using readiness::Status;
using records::Record;
using namespace std::string_literals;

constexpr const char* kToday = "2027-06-01";

class AuditReadinessTest : public testing::AuditTest {
 protected:
  readiness::Finding programme_status(const std::string& today = kToday) {
    auto f = programme_finding(*db_, alpha_.org, today);
    EXPECT_TRUE(f.ok()) << (f.ok() ? "" : f.error().message);
    return f.ok() ? *f : readiness::Finding{};
  }
  readiness::Finding audits_status(const std::string& today = kToday) {
    auto f = audits_finding(*db_, alpha_.org, today);
    EXPECT_TRUE(f.ok()) << (f.ok() ? "" : f.error().message);
    return f.ok() ? *f : readiness::Finding{};
  }
  std::vector<std::string> every_clause_requirement() {
    std::vector<std::string> out;
    for (const auto& r : required_of({}))
      out.push_back(r.id);
    return out;
  }
  void sign_off(int64_t audit) {
    ASSERT_TRUE(move(audits(), audit, "start", auditor_, {{"actual_start", "2027-03-01"s}}).ok());
    ASSERT_TRUE(move(audits(), audit, "report", auditor_,
                     {{"actual_end", "2027-03-05"s}, {"summary", "Conforms."s}})
                    .ok());
  }
};

TEST_P(AuditReadinessTest, ProgrammeNotMetWithoutOneForToday) {
  add_programme();
  // The programme runs through 2027; on 2028-01-02 none is current.
  const auto f = programme_status("2028-01-02");
  EXPECT_EQ(f.status, Status::not_met);
  EXPECT_EQ(f.reason, "No audit programme's period includes today (2028-01-02).");
}

TEST_P(AuditReadinessTest, ProgrammePartlyMetListsWhatNoAuditCovers) {
  add_soa_entry("A.6.2.6", owner_.user_id.value());
  const Record programme = add_programme();
  auto clauses = every_clause_requirement();
  clauses.erase(clauses.begin());  // all but 4.1
  must(create_audit(programme.id, "Clauses", clauses));
  // Worked by hand: 32 requirements + 1 applicable control = 33; 4.1 and A.6.2.6 uncovered.
  const auto f = programme_status();
  EXPECT_EQ(f.status, Status::partial);
  EXPECT_EQ(f.reason,
            "The audit programme \"Audit programme 2027\" (2027-01-01 to 2027-12-31) is not "
            "approved yet; 2 of 33 clause requirements and applicable controls are not covered by "
            "any of its audits: 4.1, A.6.2.6.");
  ASSERT_EQ(f.links.size(), 1u);
  EXPECT_EQ(f.links[0].href, "/evaluation/audit-programmes/" + std::to_string(programme.id));
}

TEST_P(AuditReadinessTest, ProgrammeMetWhenApprovedAndEverythingIsCovered) {
  add_soa_entry("A.6.2.6", owner_.user_id.value());
  const Record programme = add_programme();
  must(create_audit(programme.id, "Clauses", every_clause_requirement()));
  const Record controls = must(create_audit(programme.id, "Controls", {"A.6.2.6"}));
  ASSERT_TRUE(move(programmes(), programme.id, "approve", approver_).ok());
  EXPECT_EQ(programme_status().status, Status::met);
  // A cancelled audit covers nothing.
  ASSERT_TRUE(move(audits(), controls.id, "cancel", auditor_, {}, "Merged into the next").ok());
  const auto f = programme_status();
  EXPECT_EQ(f.status, Status::partial);
  EXPECT_NE(f.reason.find("1 of 33"), std::string::npos);
}

TEST_P(AuditReadinessTest, AuditsNotMetWithoutAnyPlanned) {
  EXPECT_EQ(audits_status().status, Status::not_met);
}

TEST_P(AuditReadinessTest, AuditsPastTheirPlannedEndWithoutAReportAreNamed) {
  const Record programme = add_programme();
  // Planned to end 2027-03-05; on 2027-06-01 it is late.
  must(create_audit(programme.id, "Late audit", {"9.1"}));
  auto f = audits_status();
  EXPECT_EQ(f.status, Status::not_met);
  EXPECT_EQ(f.reason,
            "1 audit is past the planned end without a report: Late audit (planned to end "
            "2027-03-05).");
  // With another one reported, the late one leaves it partly met.
  sign_off(must(create_audit(programme.id, "Done audit", {"9.1"})).id);
  EXPECT_EQ(audits_status().status, Status::partial);
}

TEST_P(AuditReadinessTest, AuditsMetWhenNoneIsLate) {
  const Record programme = add_programme();
  sign_off(must(create_audit(programme.id, "Done audit", {"9.1"})).id);
  must(create_audit(programme.id, "Autumn audit", {"9.3.1"},
                    {{"planned_start", "2027-10-04"s}, {"planned_end", "2027-10-08"s}}));
  const auto f = audits_status();
  EXPECT_EQ(f.status, Status::met);
  EXPECT_EQ(f.reason,
            "1 audit is reported and 1 more planned; none is past its planned end without a "
            "report.");
}

TEST_P(AuditReadinessTest, AuditsPartlyMetWhilePlannedButNoneReported) {
  const Record programme = add_programme();
  must(create_audit(programme.id, "Spring audit", {"9.1"}));
  // On 2027-02-01 the audit (planned to end 2027-03-05) is not late, but nothing is reported.
  const auto f = audits_status("2027-02-01");
  EXPECT_EQ(f.status, Status::partial);
  EXPECT_EQ(f.reason, "1 audit is planned and none is late, but none is reported yet.");
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditReadinessTest,
                         ::testing::ValuesIn(aims::testing::all_backends()),
                         aims::testing::backend_name);

}  // namespace
}  // namespace aims::internal_audit
