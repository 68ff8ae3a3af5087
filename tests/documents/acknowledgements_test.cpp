// Acknowledgements (clause 7.3): the audience when a version is published owes an acknowledgement
// of that version, each person once; a new version starts a new round; people outside it and
// versions no longer in force are refused.
#include <gtest/gtest.h>

#include "documents/fixture.h"

namespace aims::documents {
namespace {

class AcknowledgementsTest : public DocumentsTest {
 protected:
  Result<Acknowledgement> ack(int64_t id, const Caller& who, int64_t version = 0) {
    return acknowledge(*db_, alpha_.org, id, version, who);
  }
  AcknowledgementRound round(int64_t id) {
    auto r = acknowledgements(*db_, alpha_.org, id);
    EXPECT_TRUE(r.ok()) << r.error().message;
    return r.ok() ? *r : AcknowledgementRound{};
  }
};

TEST_P(AcknowledgementsTest, TheAudienceAtPublicationAcknowledgesTheVersionInForce) {
  // Audience: the contributors by role (second@; gone@ is disabled) plus the approver by email.
  const Record doc = must_create(
      policy({{"acknowledgement_roles", std::vector<std::string>{"contributor"}},
              {"acknowledgement_people", std::vector<std::string>{"APPROVER@alpha.test"}}}));
  EXPECT_EQ(round(doc.id).version, 0) << "nothing is asked before a version is published";
  publish(doc.id, "First issue");
  // Someone who joins after publication is not in this round.
  const Caller late = add_person("late@alpha.test", auth::Role::contributor);

  AcknowledgementRound first = round(doc.id);
  EXPECT_EQ(first.version, 1);
  ASSERT_EQ(first.people.size(), 2u);  // second@ and approver@, worked out by hand
  EXPECT_EQ(first.acknowledged(), 0);

  auto mine = ack(doc.id, contributor_);
  ASSERT_TRUE(mine.ok()) << mine.error().message;
  EXPECT_FALSE(mine->acknowledged_at.empty());
  // Again changes nothing: the same time comes back, and the trail has one event.
  auto again = ack(doc.id, contributor_, 1);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->acknowledged_at, mine->acknowledged_at);
  EXPECT_EQ(round(doc.id).acknowledged(), 1);
  auto events = db_->read([&](store::Tx& tx) {
    return tx.query(
        "SELECT count(*) FROM trail_events WHERE org_id = $1 AND entity_type = 'document' AND "
        "action = 'acknowledge'",
        {alpha_.org});
  });
  ASSERT_TRUE(events.ok());
  EXPECT_EQ(events->at(0).int64(0), 1);

  // Not in the audience: refused, and so is a version that is not in force.
  auto outsider = ack(doc.id, late);
  ASSERT_FALSE(outsider.ok());
  EXPECT_EQ(outsider.error().code, ErrorCode::permission_denied);
  EXPECT_EQ(outsider.error().message,
            "you are not among the people asked to acknowledge version 1 of this document");
  auto wrong_version = ack(doc.id, approver_, 2);
  ASSERT_FALSE(wrong_version.ok());
  EXPECT_EQ(wrong_version.error().code, ErrorCode::failed_precondition);

  // The approver still owes it: My work lists it for them, not for the contributor.
  auto owed = awaiting_acknowledgement(*db_, alpha_.org, *approver_.user_id);
  ASSERT_TRUE(owed.ok());
  ASSERT_EQ(owed->size(), 1u);
  EXPECT_EQ(owed->front().title, "AI policy");
  EXPECT_EQ(owed->front().version, 1);
  EXPECT_TRUE(awaiting_acknowledgement(*db_, alpha_.org, *contributor_.user_id)->empty());

  // Version 2 asks again, of the audience then (now with late@): 3 people, nobody done yet.
  ASSERT_TRUE(step(doc.id, "revise", author_, "Clarify the scope").ok());
  // While the revision is drafted, version 1 is still the one in force.
  EXPECT_EQ(round(doc.id).version, 1);
  ASSERT_TRUE(edit(doc.id, {{"body", std::string(kPolicyText) + "\n\nScope clarified."}}).ok());
  publish(doc.id, "Scope clarified");
  AcknowledgementRound second = round(doc.id);
  EXPECT_EQ(second.version, 2);
  EXPECT_EQ(second.people.size(), 3u);
  EXPECT_EQ(second.acknowledged(), 0);
  auto stale = ack(doc.id, contributor_, 1);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().message,
            "version 1 is not the version in force (2); acknowledge that one");
  EXPECT_TRUE(ack(doc.id, late).ok());
  EXPECT_EQ(round(doc.id).acknowledged(), 1);
}

TEST_P(AcknowledgementsTest, TheAudienceNamesRealRolesAndPeople) {
  auto bad_role = records::create(
      *db_, documents(), alpha_.org,
      policy({{"acknowledgement_roles", std::vector<std::string>{"everyone"}}}), author_);
  ASSERT_FALSE(bad_role.ok());
  EXPECT_EQ(bad_role.error().field, "acknowledgement_roles");
  auto stranger = records::create(
      *db_, documents(), alpha_.org,
      policy({{"acknowledgement_people", std::vector<std::string>{"nobody@alpha.test"}}}), author_);
  ASSERT_FALSE(stranger.ok());
  EXPECT_EQ(stranger.error().field, "acknowledgement_people");
  EXPECT_EQ(stranger.error().message,
            "\"nobody@alpha.test\" is not the email of an active person here");
}

TEST_P(AcknowledgementsTest, AnotherOrganisationsDocumentIsNotFound) {
  const Record doc =
      must_create(policy({{"acknowledgement_roles", std::vector<std::string>{"contributor"}}}));
  publish(doc.id, "First issue");
  EXPECT_EQ(acknowledgements(*db_, beta_.org, doc.id).error().code, ErrorCode::not_found);
  EXPECT_EQ(acknowledge(*db_, beta_.org, doc.id, 0, contributor_).error().code,
            ErrorCode::not_found);
}

INSTANTIATE_TEST_SUITE_P(Backends, AcknowledgementsTest,
                         ::testing::ValuesIn(aims::testing::all_backends()),
                         aims::testing::backend_name);

}  // namespace
}  // namespace aims::documents
