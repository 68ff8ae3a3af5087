// Checklist generation (one item per criterion not yet on the checklist, worded from the catalog,
// idempotent) and nonconformities raised from findings (linked both ways, refused a second time),
// on both backends.
#include <gtest/gtest.h>

#include "internal_audit/fixture.h"
#include "review/review.h"

namespace aims::internal_audit {
namespace {

using records::Record;
using testing::Values;
using namespace std::string_literals;

class ChecklistTest : public testing::AuditTest {
 protected:
  void SetUp() override {
    AuditTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    audit_ = must(create_audit(add_programme().id, "Lifecycle audit", {"9.2.1", "A.6.2.6"}));
  }

  std::vector<Record> checklist() {
    records::Query q;
    q.filters = {{"audit_id", std::to_string(audit_.id)}};
    auto all = records::list_all(*db_, items(), alpha_.org, q);
    EXPECT_TRUE(all.ok());
    return all.ok() ? *all : std::vector<Record>{};
  }

  Record audited_item(const std::string& result, const std::string& notes) {
    auto added = generate_checklist(*db_, alpha_.org, audit_.id, auditor_);
    EXPECT_TRUE(added.ok() && !added->empty());
    if (!added.ok() || added->empty()) return {};
    const Record& item = added->back();  // A.6.2.6, the second criterion
    Record changes;
    changes.values = {{"result", result}, {"notes", notes}};
    return must(
        records::update(*db_, items(), alpha_.org, item.id, changes, item.version, auditor_));
  }

  Record audit_;
};

TEST_P(ChecklistTest, GeneratesOneItemPerCriterionOnceWordedFromTheCatalog) {
  auto first = generate_checklist(*db_, alpha_.org, audit_.id, auditor_);
  ASSERT_TRUE(first.ok()) << first.error().message;
  ASSERT_EQ(first->size(), 2u);
  EXPECT_EQ((*first)[0].text("criterion"), "9.2.1");
  EXPECT_EQ((*first)[0].text("title"), "Lifecycle audit, 9.2.1");
  // The catalog names 9.2.1 "General" and A.6.2.6 "AI system operation and monitoring".
  EXPECT_EQ((*first)[0].text("question").rfind("Is there evidence that 9.2.1 General is met?", 0),
            0u);
  EXPECT_EQ((*first)[1]
                .text("question")
                .rfind("Is there evidence that A.6.2.6 AI system operation and monitoring is "
                       "implemented?",
                       0),
            0u);
  EXPECT_FALSE((*first)[0].is_set("result"));  // empty until audited

  auto again = generate_checklist(*db_, alpha_.org, audit_.id, auditor_);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->empty());
  EXPECT_EQ(checklist().size(), 2u);

  // A criterion added later gets its item; the two already there are kept.
  Record more;
  more.values = {{"criteria", std::vector<std::string>{"9.2.1", "A.6.2.6", "A.7.4"}}};
  const Record current = must(records::get(*db_, audits(), alpha_.org, audit_.id));
  must(records::update(*db_, audits(), alpha_.org, audit_.id, more, current.version, auditor_));
  auto third = generate_checklist(*db_, alpha_.org, audit_.id, auditor_);
  ASSERT_TRUE(third.ok());
  ASSERT_EQ(third->size(), 1u);
  EXPECT_EQ(third->front().text("criterion"), "A.7.4");
  EXPECT_EQ(checklist().size(), 3u);
}

TEST_P(ChecklistTest, AReportedAuditsChecklistNoLongerChanges) {
  ASSERT_TRUE(move(audits(), audit_.id, "start", auditor_, {{"actual_start", "2027-03-01"s}}).ok());
  ASSERT_TRUE(move(audits(), audit_.id, "report", auditor_,
                   {{"actual_end", "2027-03-05"s}, {"summary", "Conforms."s}})
                  .ok());
  auto refused = generate_checklist(*db_, alpha_.org, audit_.id, auditor_);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::failed_precondition);
  EXPECT_EQ(refused.error().message, "the audit is reported; its checklist no longer changes");
}

// The management review's pack reads the checklist through the records registry by the result's
// value: an opportunity for improvement must reach it by name.
TEST_P(ChecklistTest, AnOpportunityForImprovementReachesTheManagementReviewsPack) {
  review::define_registers();
  audited_item("improvement", "Share the fairness dashboard with the product owners.");
  Record review;
  review.values = {{"title", "Spring review"s},
                   {"planned_on", "2027-06-01"s},
                   {"chair_id", owner_.user_id.value()}};
  const Record planned =
      must(records::create(*db_, review::management_reviews(), alpha_.org, review, author_));
  auto pack = review::compile_pack(*db_, alpha_.org, planned, "2027-05-01T00:00:00Z");
  ASSERT_TRUE(pack.ok()) << pack.error().message;
  const auto from = pack->find("## Opportunities for improvement");
  ASSERT_NE(from, std::string::npos) << *pack;
  const std::string section = pack->substr(from, pack->find("\n## ", from + 1) - from);
  EXPECT_NE(section.find("Lifecycle audit, A.6.2.6"), std::string::npos) << section;
}

TEST_P(ChecklistTest, AFindingRaisesANonconformityLinkedBothWaysOnce) {
  const Record item = audited_item(kMinorNonconformity, "Retrained without a bias review.");
  auto nc = raise_nonconformity(*db_, alpha_.org, item.id, auditor_);
  ASSERT_TRUE(nc.ok()) << nc.error().message;
  EXPECT_EQ(nc->text("title"), "Audit finding: Lifecycle audit, A.6.2.6");
  EXPECT_EQ(nc->text("description"), "Retrained without a bias review.");
  EXPECT_EQ(nc->text("grade"), "minor");
  EXPECT_EQ(nc->text("source"), "audit");

  const Record linked = must(records::get(*db_, items(), alpha_.org, item.id));
  EXPECT_EQ(linked.ids("nonconformity_id"), records::Ids{nc->id});
  auto referrers = records::referred_by(*db_, alpha_.org, improvement::nonconformities(), nc->id);
  ASSERT_TRUE(referrers.ok());
  ASSERT_EQ(referrers->size(), 1u);
  EXPECT_EQ(referrers->front().id, item.id);

  auto twice = raise_nonconformity(*db_, alpha_.org, item.id, auditor_);
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().code, ErrorCode::already_exists);
  EXPECT_EQ(twice.error().message,
            "this finding already raised the nonconformity \"Audit finding: Lifecycle audit, "
            "A.6.2.6\"");
}

TEST_P(ChecklistTest, OnlyANonconformityResultIsRaised) {
  const Record item = audited_item("improvement", "Retention could be set once.");
  auto refused = raise_nonconformity(*db_, alpha_.org, item.id, auditor_);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::failed_precondition);
  EXPECT_EQ(refused.error().field, "result");
  EXPECT_NE(refused.error().message.find("opportunity for improvement"), std::string::npos);
}

TEST_P(ChecklistTest, AMajorNonconformityIsRaisedAsMajor) {
  const Record item = audited_item(kMajorNonconformity, "No monitoring at all.");
  auto nc = raise_nonconformity(*db_, alpha_.org, item.id, auditor_);
  ASSERT_TRUE(nc.ok());
  EXPECT_EQ(nc->text("grade"), "major");
}

INSTANTIATE_TEST_SUITE_P(Backends, ChecklistTest,
                         ::testing::ValuesIn(aims::testing::all_backends()),
                         aims::testing::backend_name);

}  // namespace
}  // namespace aims::internal_audit
