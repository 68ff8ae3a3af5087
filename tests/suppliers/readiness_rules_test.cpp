// A.10.3: the credit scorer relies on a supplier, which is met only once it is assessed and
// approved, its outputs evaluated within its interval and, being critical, its exit plan tested
// within 12 months; on both backends.
#include <gtest/gtest.h>

#include "suppliers/fixture.h"

namespace aims::suppliers {
namespace {

using readiness::Status;
using records::Record;
using testing::date_in;
using namespace std::string_literals;

class SupplierReadinessTest : public testing::SupplierTest {
 protected:
  void rely_on_supplier() {
    const Record system = get(inventory::ai_systems(), system_);
    Record changes;
    changes.values["supplier_ids"] = records::Ids{supplier_};
    ASSERT_TRUE(records::update(*db_, inventory::ai_systems(), alpha_.org, system_, changes,
                                system.version, author_)
                    .ok());
  }

  readiness::Finding finding() {
    auto f = due_diligence_finding(*db_, alpha_.org, date_in(0));
    EXPECT_TRUE(f.ok());
    return f.ok() ? *f : readiness::Finding{};
  }
};

TEST_P(SupplierReadinessTest, NoSupplierInScopeIsMet) {
  const auto f = finding();
  EXPECT_EQ(f.status, Status::met);
  EXPECT_EQ(f.reason, "No AI system in scope names a supplier or runs a supplier's model.");
}

TEST_P(SupplierReadinessTest, AnUnassessedCriticalModelSupplierIsNotMet) {
  rely_on_supplier();
  const auto f = finding();
  EXPECT_EQ(f.status, Status::not_met);
  EXPECT_EQ(f.reason,
            "Of the 1 supplier the AI systems in scope rely on, 1 falls short: Vendor: no approved "
            "assessment, no evaluation of what it delivers, no exit plan although critical.");
  ASSERT_EQ(f.links.size(), 1u);
  EXPECT_EQ(f.links[0].href, "/inventory/suppliers/" + std::to_string(supplier_));
}

TEST_P(SupplierReadinessTest, AssessedEvaluatedAndATestedExitPlanIsMet) {
  rely_on_supplier();
  const Record a = submitted_assessment(3);
  ASSERT_TRUE(move(assessments(), a.id, "approve", approver_).ok());
  must(create(evaluations(),
              {{"title", "Vendor outputs, last month"s},
               {"supplier_id", supplier_},
               {"period_from", date_in(-35)},
               {"period_to", date_in(-5)},
               {"evaluator_id", assessor_.user_id.value()},
               {"evaluated", "Accuracy and bias"s},
               {"outcome", "meets"s}},
              author_));
  must(create(exit_plans(),
              {{"title", "Leaving Vendor"s},
               {"supplier_id", supplier_},
               {"owner_id", assessor_.user_id.value()},
               {"triggers", "Vendor fails"s},
               {"fallback_kind", "manual_process"s},
               {"fallback", "Manual review"s},
               {"last_tested_on", date_in(-400)},
               {"test_outcome", "passed"s}},
              author_));
  // The plan was last tested more than 12 months ago: the one gap left.
  auto f = finding();
  EXPECT_EQ(f.status, Status::not_met);
  EXPECT_EQ(f.reason,
            "Of the 1 supplier the AI systems in scope rely on, 1 falls short: Vendor: exit plan "
            "not tested within 12 months.");
  must(create(exit_plans(),
              {{"title", "Leaving Vendor, retested"s},
               {"supplier_id", supplier_},
               {"owner_id", assessor_.user_id.value()},
               {"triggers", "Vendor fails"s},
               {"fallback_kind", "manual_process"s},
               {"fallback", "Manual review"s},
               {"last_tested_on", date_in(-30)},
               {"test_outcome", "passed"s}},
              author_));
  f = finding();
  EXPECT_EQ(f.status, Status::met);
  EXPECT_EQ(f.reason,
            "Each supplier the AI systems in scope rely on (1) has an approved assessment within "
            "its review date, its conditions kept, its deliveries evaluated on time and, "
            "when critical, an exit plan tested within 12 months.");
}

INSTANTIATE_TEST_SUITE_P(Backends, SupplierReadinessTest,
                         ::testing::ValuesIn(aims::testing::all_backends()),
                         aims::testing::backend_name);

}  // namespace
}  // namespace aims::suppliers
