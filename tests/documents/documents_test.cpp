// Controlled documents on both backends: separation of duties when approving, frozen versions the
// database keeps unchanged across a revision, the next review worked out from the effective date,
// and the rule that an AI policy states its review interval.
#include <gtest/gtest.h>

#include "base/text.h"
#include "documents/fixture.h"

namespace aims::documents {
namespace {

using records::Record;

TEST_P(DocumentsTest, TheAuthorAndTheOwnerCannotApproveASecondPersonCan) {
  const Record doc = must_create(policy());
  EXPECT_EQ(doc.state, "draft");
  // Submitting needs a change summary.
  auto unexplained = step(doc.id, "submit", author_, "", {{"approver_id", *approver_.user_id}});
  ASSERT_FALSE(unexplained.ok());
  EXPECT_EQ(unexplained.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(unexplained.error().field, "reason");
  EXPECT_EQ(unexplained.error().message, "a change summary is needed to submit for review");
  ASSERT_TRUE(submit(doc.id, "First issue of the policy", approver_).ok());
  EXPECT_EQ(read(doc.id)->state, "in_review");

  // The author (an AIMS manager, whose role approves) and the owner (an admin) are both refused
  // for separation of duties; a contributor's role does not approve at all.
  for (const Caller* who : {&author_, &admin_}) {
    auto own = step(doc.id, "approve", *who, "looks fine");
    ASSERT_FALSE(own.ok());
    EXPECT_EQ(own.error().code, ErrorCode::permission_denied);
    EXPECT_EQ(own.error().message,
              "separation of duties: you wrote or own this document, so someone else must "
              "approve it");
  }
  auto contributor = step(doc.id, "approve", contributor_);
  EXPECT_EQ(contributor.error().code, ErrorCode::permission_denied);
  EXPECT_EQ(contributor.error().message, "your role may not approve and publish");
  // The refusals recorded nothing: no approval, no version.
  EXPECT_EQ(read(doc.id)->frozen, 0);

  auto approved = step(doc.id, "approve", approver_, "Matches A.2.2");
  ASSERT_TRUE(approved.ok()) << approved.error().message;
  EXPECT_TRUE(approved->moved);
  EXPECT_EQ(approved->approvals_given, 1);
  EXPECT_EQ(approved->record.state, "published");
  EXPECT_EQ(approved->record.frozen, 1);
  auto all = records::versions(*db_, documents(), alpha_.org, doc.id);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ(all->front().frozen_by, "approver@alpha.test");
  EXPECT_EQ(all->front().reason, "Matches A.2.2");
}

TEST_P(DocumentsTest, PublishingNeedsAnEffectiveDate) {
  const Record doc = must_create(policy({{"effective_date", records::FieldValue()}}));
  ASSERT_TRUE(submit(doc.id, "First issue", approver_).ok());
  auto undated = step(doc.id, "approve", approver_, "ok");
  ASSERT_FALSE(undated.ok());
  EXPECT_EQ(undated.error().field, "effective_date");
  // The approver may give it with the approval; the next review follows from it.
  auto dated =
      step(doc.id, "approve", approver_, "ok", {{"effective_date", std::string("2026-03-01")}});
  ASSERT_TRUE(dated.ok()) << dated.error().message;
  EXPECT_EQ(dated->record.text("effective_date"), "2026-03-01");
  EXPECT_EQ(dated->record.text("next_review"), "2027-03-01");
}

TEST_P(DocumentsTest, VersionOneStaysAsApprovedThroughARevisionThatBecomesVersionTwo) {
  const Record doc = must_create(policy());
  publish(doc.id, "First issue");
  // A published document is not changed in place.
  auto in_place = edit(doc.id, {{"body", std::string("quietly changed")}});
  ASSERT_FALSE(in_place.ok());
  EXPECT_EQ(in_place.error().code, ErrorCode::failed_precondition);

  // The database itself refuses to change or remove the frozen version.
  for (const char* sql : {"UPDATE record_versions SET snapshot = '{}' WHERE record_type = "
                          "'document'",
                          "DELETE FROM record_versions WHERE record_type = 'document'"}) {
    auto tampered = db_->write([&](store::Tx& tx) { return tx.exec(sql); });
    EXPECT_FALSE(tampered.ok()) << sql << " must be refused by the database";
  }

  // A revision needs a reason, goes back to draft, and through review again.
  EXPECT_EQ(step(doc.id, "revise", author_).error().code, ErrorCode::invalid_argument);
  ASSERT_TRUE(step(doc.id, "revise", author_, "Add the supplier commitment").ok());
  EXPECT_EQ(read(doc.id)->state, "draft");
  const std::string revised = std::string(kPolicyText) + "\n\nSuppliers meet the same rules.";
  ASSERT_TRUE(edit(doc.id, {{"body", revised}}).ok());
  publish(doc.id, "Supplier commitment added");
  EXPECT_EQ(read(doc.id)->frozen, 2);

  auto all = records::versions(*db_, documents(), alpha_.org, doc.id);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ(all->at(0).snapshot.text("body"), kPolicyText);
  EXPECT_EQ(all->at(0).snapshot.state, "published");
  EXPECT_EQ(all->at(1).snapshot.text("body"), revised);
  auto first = records::version(*db_, documents(), alpha_.org, doc.id, 1);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->snapshot.text("body"), kPolicyText);
  EXPECT_EQ(first->snapshot.text("title"), "AI policy");

  auto changes = records::compare(*db_, documents(), alpha_.org, doc.id, 1, 2);
  ASSERT_TRUE(changes.ok());
  ASSERT_EQ(changes->size(), 1u);
  EXPECT_EQ(changes->at(0).key, "body");
  // Worked by hand: every line of the first text is kept, then a blank line and the new sentence
  // are added at the end.
  std::string diff, expected;
  for (const auto& line : changes->at(0).lines)
    diff += std::string(1, line.kind) + line.text + "|";
  for (auto line : split(kPolicyText, '\n'))
    expected += " " + std::string(line) + "|";
  EXPECT_EQ(diff, expected + "+|+Suppliers meet the same rules.|");
}

TEST_P(DocumentsTest, NextReviewIsTheEffectiveDatePlusTheIntervalWhenNotSet) {
  // Worked by hand: months are added to the month and the day kept, or clamped to the month's
  // last day.
  EXPECT_EQ(add_months("2026-03-15", 12), "2027-03-15");
  EXPECT_EQ(add_months("2026-01-31", 1), "2026-02-28");
  EXPECT_EQ(add_months("2028-01-31", 1), "2028-02-29");  // 2028 is a leap year
  EXPECT_EQ(add_months("2026-11-30", 3), "2027-02-28");
  EXPECT_EQ(add_months("2026-08-31", 18), "2028-02-29");
  EXPECT_EQ(add_months("2026-02-30", 1), std::nullopt);
  EXPECT_EQ(add_months("not a date", 1), std::nullopt);

  // 2026-01-15 + 12 months.
  const Record doc = must_create(policy());
  EXPECT_EQ(doc.text("next_review"), "2027-01-15");
  // A new effective date moves a worked-out next review: 2026-04-30 + 12 months.
  auto moved = edit(doc.id, {{"effective_date", std::string("2026-04-30")}});
  ASSERT_TRUE(moved.ok()) << moved.error().message;
  EXPECT_EQ(moved->text("next_review"), "2027-04-30");
  // A shorter interval too: 2026-04-30 + 6 months.
  auto shorter = edit(doc.id, {{"review_interval_months", int64_t(6)}});
  ASSERT_TRUE(shorter.ok());
  EXPECT_EQ(shorter->text("next_review"), "2026-10-30");
  // One set by hand is kept, even when the dates change afterwards.
  auto by_hand = edit(doc.id, {{"next_review", std::string("2026-09-01")}});
  ASSERT_TRUE(by_hand.ok());
  EXPECT_EQ(by_hand->text("next_review"), "2026-09-01");
  auto later = edit(doc.id, {{"effective_date", std::string("2026-05-01")}});
  ASSERT_TRUE(later.ok());
  EXPECT_EQ(later->text("next_review"), "2026-09-01");
  // Without an effective date nothing is worked out.
  auto undated = records::prepare(documents(), policy({{"title", std::string("Undated")},
                                                       {"effective_date", records::FieldValue()}}));
  ASSERT_TRUE(undated.ok());
  EXPECT_FALSE(undated->is_set("next_review"));
}

TEST_P(DocumentsTest, AnAiPolicyMustStateItsReviewInterval) {
  auto silent =
      records::prepare(documents(), policy({{"review_interval_months", records::FieldValue()}}));
  ASSERT_FALSE(silent.ok());
  EXPECT_EQ(silent.error().code, ErrorCode::invalid_argument);
  EXPECT_TRUE(silent.error().problems.empty()) << "one problem only";
  EXPECT_EQ(silent.error().field, "review_interval_months");
  EXPECT_EQ(silent.error().message, "an AI policy must state how often it is reviewed");
  // A procedure need not; an interval outside 1 to 60 months is refused.
  EXPECT_TRUE(
      records::prepare(documents(), policy({{"document_type", std::string("procedure")},
                                            {"review_interval_months", records::FieldValue()}}))
          .ok());
  auto too_long = records::prepare(documents(), policy({{"review_interval_months", int64_t(61)}}));
  ASSERT_FALSE(too_long.ok());
  EXPECT_EQ(too_long.error().field, "review_interval_months");
}

TEST_P(DocumentsTest, RelatedAiSystemsAreOfTheOrganisationAndSeeTheDocument) {
  const int64_t scorer = InventoryTest::must_create(alpha_.org, inventory::ai_systems(),
                                                    this->system("Scorer", alpha_.users[0]));
  const int64_t foreign = InventoryTest::must_create(beta_.org, inventory::ai_systems(),
                                                     this->system("Theirs", beta_.users[0]));
  auto elsewhere = records::create(*db_, documents(), alpha_.org,
                                   policy({{"system_ids", records::Ids{foreign}}}), author_);
  ASSERT_FALSE(elsewhere.ok());
  EXPECT_EQ(elsewhere.error().field, "system_ids");
  const Record doc = must_create(policy({{"system_ids", records::Ids{scorer}}}));
  EXPECT_EQ(doc.ids("system_ids"), records::Ids{scorer});
  auto referrers = records::referred_by(*db_, alpha_.org, inventory::ai_systems(), scorer);
  ASSERT_TRUE(referrers.ok());
  ASSERT_EQ(referrers->size(), 1u);
  EXPECT_EQ(referrers->front().name, "AI policy");
  EXPECT_EQ(referrers->front().field_label, "Related AI systems");
}

INSTANTIATE_TEST_SUITE_P(Backends, DocumentsTest,
                         ::testing::ValuesIn(aims::testing::all_backends()),
                         aims::testing::backend_name);

}  // namespace
}  // namespace aims::documents
