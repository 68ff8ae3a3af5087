// A.10.2 (each in-scope system's duties carried and agreed) and A.10.4 (customers informed, their
// obligations acknowledged, incidents of their systems notified), met and unmet.
#include <gtest/gtest.h>

#include "customers/fixture.h"
#include "readiness/readiness.h"

namespace aims::customers {
namespace {

using records::Record;
using testing::CustomersTest;
using namespace std::string_literals;

class CustomersReadinessTest : public CustomersTest {
 protected:
  readiness::Finding assess(const char* requirement) {
    const auto* rule = readiness::rule_for("iso-iec-42001-2023", requirement);
    EXPECT_NE(rule, nullptr);
    if (!rule) return {};
    auto found = rule->assess(*db_, alpha_.org);
    EXPECT_TRUE(found.ok()) << (found.ok() ? "" : found.error().message);
    return found.ok() ? *found : readiness::Finding{};
  }

  // A customer of `system` told what it needs, with its obligations acknowledged.
  int64_t add_informed_customer(const std::string& name, int64_t system) {
    return add(customers(), {{"name", name},
                             {"kind", "business"s},
                             {"system_ids", records::Ids{system}},
                             {"information_received", "Instructions for use, version 4"s},
                             {"obligations_acknowledged", "Human oversight of referrals"s},
                             {"acknowledged_on", "2026-09-01"s}});
  }
};

TEST_P(CustomersReadinessTest, A102IsMetOnceEveryDutyOfTheRoleIsAgreed) {
  const int64_t credit = add_system("Credit scoring", "provider", "high_risk");
  add_system("Coding assistant", "deployer", "minimal");
  add_defaults(credit);
  auto unmet = assess("A.10.2");
  EXPECT_EQ(unmet.status, readiness::Status::not_met);
  ASSERT_EQ(unmet.links.size(), 1u);
  EXPECT_EQ(unmet.links[0].label, "Credit scoring (16 gaps)");
  EXPECT_EQ(unmet.fix.href, "/inventory/systems/" + std::to_string(credit) + "/responsibilities");
  agree_all(credit);
  auto met = assess("A.10.2");
  EXPECT_EQ(met.status, readiness::Status::met);
  EXPECT_EQ(met.reason,
            "1 AI system in scope has EU AI Act duties; each duty is carried by a named party and "
            "agreed.");
}

TEST_P(CustomersReadinessTest, A102IsPartialWhenOneOfTwoSystemsHasGaps) {
  const int64_t credit = add_system("Credit scoring", "provider", "high_risk");
  const int64_t chat = add_system("Chat assistant", "provider", "transparency");
  add_defaults(credit);
  add_defaults(chat);
  agree_all(chat);
  auto partial = assess("A.10.2");
  EXPECT_EQ(partial.status, readiness::Status::partial);
  ASSERT_EQ(partial.links.size(), 1u);
  EXPECT_EQ(partial.links[0].label, "Credit scoring (16 gaps)");
}

TEST_P(CustomersReadinessTest, A104NeedsACustomerInformedAndAcknowledged) {
  const int64_t credit = add_system("Credit scoring", "provider", "high_risk");
  EXPECT_EQ(assess("A.10.4").status, readiness::Status::not_met);
  const int64_t bank = add(customers(), {{"name", "Harbour Bank"s},
                                         {"kind", "business"s},
                                         {"system_ids", records::Ids{credit}},
                                         {"information_received", "Instructions for use"s}});
  auto partial = assess("A.10.4");
  EXPECT_EQ(partial.status, readiness::Status::partial);
  ASSERT_EQ(partial.links.size(), 1u);
  EXPECT_EQ(partial.links[0].label, "Harbour Bank (obligations not acknowledged)");
  EXPECT_EQ(partial.links[0].href, "/third-parties/customers/" + std::to_string(bank));
  auto current = records::get(*db_, customers(), alpha_.org, bank);
  ASSERT_TRUE(current.ok());
  Record changes;
  changes.values = {{"obligations_acknowledged", "Human oversight of referrals"s},
                    {"acknowledged_on", "2026-09-01"s}};
  ASSERT_TRUE(records::update(*db_, customers(), alpha_.org, bank, changes, current->version,
                              inventory::testing::kActor)
                  .ok());
  auto met = assess("A.10.4");
  EXPECT_EQ(met.status, readiness::Status::met);
  EXPECT_EQ(met.reason,
            "1 customer receives AI systems in scope; each was informed and acknowledged its "
            "obligations, and every incident of those systems was notified.");
}

TEST_P(CustomersReadinessTest, A104NeedsIncidentsOfTheirSystemsNotified) {
  const int64_t credit = add_system("Credit scoring", "provider", "high_risk");
  const int64_t bank = add_informed_customer("Harbour Bank", credit);
  const int64_t incident =
      add(improvement::incidents(),
          {{"system_id", credit}, {"title", "Approval gap by age"s}, {"severity", "high"s}});
  auto unnotified = assess("A.10.4");
  EXPECT_EQ(unnotified.status, readiness::Status::partial);
  ASSERT_EQ(unnotified.links.size(), 1u);
  EXPECT_EQ(unnotified.links[0].label, "Approval gap by age");
  add(customer_notices(), {{"title", "Incident notice"s},
                           {"customer_ids", records::Ids{bank}},
                           {"kind", "incident"s},
                           {"system_id", credit},
                           {"incident_id", incident},
                           {"content", "Refer declines in the affected band"s}});
  EXPECT_EQ(assess("A.10.4").status, readiness::Status::met);
}

INSTANTIATE_TEST_SUITE_P(Backends, CustomersReadinessTest,
                         ::testing::ValuesIn(aims::testing::all_backends()),
                         aims::testing::backend_name);

}  // namespace
}  // namespace aims::customers
