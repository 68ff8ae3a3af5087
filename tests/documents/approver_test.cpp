// The approver named on submission: only they approve; the author and the owner never do, and an
// approver who could not approve is refused when the document is submitted.
#include <gtest/gtest.h>

#include "documents/fixture.h"

namespace aims::documents {
namespace {

class ApproverTest : public DocumentsTest {};

TEST_P(ApproverTest, SubmittingNamesTheApproverWhoAloneMayApprove) {
  const Record doc = must_create(policy());
  // Submitting without an approver names the field.
  auto unnamed = step(doc.id, "submit", author_, "First issue");
  ASSERT_FALSE(unnamed.ok());
  EXPECT_EQ(unnamed.error().field, "approver_id");
  EXPECT_EQ(unnamed.error().message, "Approver is needed to submit for review");

  const Caller other = add_person("other@alpha.test", auth::Role::aims_manager);
  ASSERT_TRUE(submit(doc.id, "First issue", approver_).ok());
  EXPECT_EQ(read(doc.id)->number("approver_id"), approver_.user_id);

  // The author may not approve (separation of duties), nor may another approver who was not named.
  auto by_author = step(doc.id, "approve", author_, "fine");
  ASSERT_FALSE(by_author.ok());
  EXPECT_EQ(by_author.error().code, ErrorCode::permission_denied);
  EXPECT_EQ(by_author.error().message,
            "separation of duties: you wrote or own this document, so someone else must approve "
            "it");
  auto by_other = step(doc.id, "approve", other, "fine");
  ASSERT_FALSE(by_other.ok());
  EXPECT_EQ(by_other.error().code, ErrorCode::permission_denied);
  EXPECT_EQ(by_other.error().message, "only the approver named when it was submitted approves it");
  EXPECT_EQ(read(doc.id)->state, "in_review");
  EXPECT_EQ(read(doc.id)->frozen, 0) << "refusals leave no approval and no version";

  // The record page offers the approval to the named approver only, and tells the other why.
  auto seen_by_other = records::workflow_view(*db_, documents(), alpha_.org, *read(doc.id), other);
  ASSERT_TRUE(seen_by_other.ok());
  // Sending back stays open to them; approving is closed with the reason.
  ASSERT_EQ(seen_by_other->closed.size(), 1u);
  EXPECT_STREQ(seen_by_other->closed[0].first->name, "approve");
  EXPECT_EQ(seen_by_other->closed[0].second,
            "only the approver named when it was submitted approves it");

  auto approved = step(doc.id, "approve", approver_, "Matches our commitments");
  ASSERT_TRUE(approved.ok()) << approved.error().message;
  EXPECT_EQ(approved->record.state, "published");
  EXPECT_EQ(approved->record.frozen, 1);
}

TEST_P(ApproverTest, TheNamedApproverMustBeAnotherPersonWhoseRoleApproves) {
  const Record doc = must_create(policy());
  // The author, the owner (the admin) and a contributor are each refused at submission.
  for (const Caller* named : {&author_, &admin_, &contributor_}) {
    auto refused = submit(doc.id, "First issue", *named);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().field, "approver_id");
  }
  EXPECT_EQ(submit(doc.id, "First issue", author_).error().message,
            "the approver must be someone other than the author and the owner");
  EXPECT_EQ(submit(doc.id, "First issue", contributor_).error().message,
            "the approver must be an admin or an AIMS manager");
  EXPECT_EQ(read(doc.id)->state, "draft");
}

INSTANTIATE_TEST_SUITE_P(Backends, ApproverTest, ::testing::ValuesIn(aims::testing::all_backends()),
                         aims::testing::backend_name);

}  // namespace
}  // namespace aims::documents
