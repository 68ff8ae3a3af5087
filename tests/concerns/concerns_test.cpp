// The concerns channel and triage on both backends: a receipt code shows its own concern only,
// wrong codes are counted and slowed, a rotated link stops answering, submissions are capped per
// hour, the trail names the channel and no person, and triage makes a risk linked both ways.
#include "concerns/concerns.h"

#include <gtest/gtest.h>

#include "concerns/channel.h"
#include "concerns/triage.h"
#include "improvement/improvement.h"
#include "inventory/fixture.h"
#include "risk/risk.h"
#include "trail/trail.h"

namespace aims::concerns {
namespace {

using inventory::testing::kActor;
using records::Record;

class ConcernsTest : public inventory::testing::InventoryTest {
 protected:
  void SetUp() override {
    InventoryTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    improvement::define_registers();
    risk::define_registers();
    define_registers();
    system_ = must_create(alpha_.org, inventory::ai_systems(),
                          system("Content moderation", alpha_.users[0]));
    auto token = rotate_link(*db_, alpha_.org, kActor);
    ASSERT_TRUE(token.ok());
    token_ = *token;
    auto channel = open_channel(*db_, token_);
    ASSERT_TRUE(channel.ok());
    channel_ = *channel;
  }

  std::string must_submit(const std::string& text, bool anonymous = true) {
    auto code = submit(*db_, channel_, {std::nullopt, "the moderation bot", text, anonymous, ""});
    EXPECT_TRUE(code.ok()) << (code.ok() ? "" : code.error().message);
    return code.ok() ? *code : "";
  }

  int64_t system_ = 0;
  std::string token_;
  Channel channel_;
};

TEST_P(ConcernsTest, AReceiptCodeShowsItsOwnConcernOnly) {
  const std::string first = must_submit("My post about a protest was removed as violent.");
  const std::string second = must_submit("The bot removes posts in Welsh.");
  auto a = receipt(*db_, channel_, first);
  auto b = receipt(*db_, channel_, second);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(a->id, b->id);
  EXPECT_EQ(a->state, "received");
  EXPECT_EQ(a->state_label, "Received");
  EXPECT_EQ(a->public_answer, "");
  auto wrong = receipt(*db_, channel_, "not-a-code");
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().code, ErrorCode::not_found);
  EXPECT_EQ(wrong.error().message, "no concern with this code");
}

TEST_P(ConcernsTest, TheCodeIsStoredOnlyAsItsHash) {
  const std::string code = must_submit("Something happened.");
  auto found = db_->read([&](store::Tx& tx) {
    return tx.query_row("SELECT COUNT(*) FROM concerns WHERE receipt_hash = $1", {code});
  });
  ASSERT_TRUE(found.ok());
  EXPECT_EQ((*found)->int64(0), 0);
}

TEST_P(ConcernsTest, TheChannelIsTheActorAndNoPerson) {
  must_submit("Something happened.");
  trail::Filter f;
  f.entity_type = "concern";
  auto events = db_->read([&](store::Tx& tx) { return trail::list(tx, alpha_.org, f); });
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 1u);
  EXPECT_EQ((*events)[0].actor_label, "public concerns channel");
  EXPECT_FALSE((*events)[0].actor_id);
}

TEST_P(ConcernsTest, ARotatedLinkNoLongerAnswers) {
  auto fresh = rotate_link(*db_, alpha_.org, kActor);
  ASSERT_TRUE(fresh.ok());
  auto old = open_channel(*db_, token_);
  ASSERT_FALSE(old.ok());
  EXPECT_EQ(old.error().code, ErrorCode::not_found);
  EXPECT_TRUE(open_channel(*db_, *fresh).ok());
  ASSERT_TRUE(set_channel(*db_, alpha_.org, false, false, kActor).ok());
  EXPECT_FALSE(open_channel(*db_, *fresh).ok()) << "a closed channel answers like no channel";
}

TEST_P(ConcernsTest, AChannelTakesTwentyConcernsAnHour) {
  for (int i = 0; i < kSubmissionsPerHour; ++i)
    must_submit("Concern number " + std::to_string(i + 1));
  auto refused = submit(*db_, channel_, {std::nullopt, "", "One too many", true, ""});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::rate_limited);
  EXPECT_GT(refused.error().retry_after_seconds, 0);
}

TEST_P(ConcernsTest, WrongCodesAreSlowedAfterThirtyInAQuarterHour) {
  const std::string code = must_submit("Something happened.");
  for (int i = 0; i < kMissesPerQuarterHour; ++i)
    EXPECT_EQ(receipt(*db_, channel_, "guess" + std::to_string(i)).error().code,
              ErrorCode::not_found);
  auto slowed = receipt(*db_, channel_, code);
  ASSERT_FALSE(slowed.ok());
  EXPECT_EQ(slowed.error().code, ErrorCode::rate_limited);
}

TEST_P(ConcernsTest, AnAnonymousConcernHasNoContactAndTextIsCapped) {
  auto both = submit(*db_, channel_, {std::nullopt, "", "Text", true, "me@example.org"});
  ASSERT_FALSE(both.ok());
  EXPECT_EQ(both.error().field, "contact");
  auto long_text =
      submit(*db_, channel_, {std::nullopt, "", std::string(kMaxConcernBytes + 1, 'x'), false, ""});
  ASSERT_FALSE(long_text.ok());
  EXPECT_EQ(long_text.error().field, "what_happened");
}

TEST_P(ConcernsTest, TheReporterAddsInformationWithTheCode) {
  const std::string code = must_submit("Something happened.");
  ASSERT_TRUE(add_information(*db_, channel_, code, "It happened again today.").ok());
  auto ids = records::list_all(*db_, concerns(), alpha_.org, {});
  ASSERT_TRUE(ids.ok() && ids->size() == 1u);
  EXPECT_NE(ids->front().text("reporter_additions").find("UTC: It happened again today."),
            std::string::npos);
}

TEST_P(ConcernsTest, TriageIntoARiskLinksBothWaysAndStartsTheReview) {
  must_submit("Posts about a protest are removed as violent content.");
  auto all = records::list_all(*db_, concerns(), alpha_.org, {});
  ASSERT_TRUE(all.ok() && all->size() == 1u);
  const int64_t id = all->front().id;
  auto triaged =
      triage(*db_, alpha_.org, id,
             {"risk", "Over-removal of protest posts", alpha_.users[0], system_}, kActor);
  ASSERT_TRUE(triaged.ok()) << triaged.error().field << ": " << triaged.error().message;
  EXPECT_EQ(triaged->state, "under_review");
  EXPECT_EQ(triaged->text("triage_outcome"), "risk");
  ASSERT_EQ(triaged->ids("risk_id").size(), 1u);
  const int64_t risk_id = triaged->ids("risk_id").front();
  auto made = records::get(*db_, risk::risks(), alpha_.org, risk_id);
  ASSERT_TRUE(made.ok());
  EXPECT_EQ(made->text("title"), "Over-removal of protest posts");
  EXPECT_EQ(made->ids("system_ids"), records::Ids{system_});
  auto referrers = records::referred_by(*db_, alpha_.org, risk::risks(), risk_id);
  ASSERT_TRUE(referrers.ok());
  bool from_concern = false;
  for (const auto& r : *referrers)
    from_concern = from_concern || (r.from == &concerns() && r.id == id);
  EXPECT_TRUE(from_concern) << "the risk's page lists the concern under Referred to by";

  auto again =
      triage(*db_, alpha_.org, id, {"nonconformity", "", std::nullopt, std::nullopt}, kActor);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::failed_precondition);
}

TEST_P(ConcernsTest, TriageIntoANonconformityUsesTheConcernSource) {
  must_submit("Nobody answered my appeal.");
  auto all = records::list_all(*db_, concerns(), alpha_.org, {});
  ASSERT_TRUE(all.ok());
  auto triaged = triage(*db_, alpha_.org, all->front().id,
                        {"nonconformity", "", std::nullopt, std::nullopt}, kActor);
  ASSERT_TRUE(triaged.ok()) << triaged.error().message;
  auto nc = records::get(*db_, improvement::nonconformities(), alpha_.org,
                         triaged->ids("nonconformity_id").front());
  ASSERT_TRUE(nc.ok());
  EXPECT_EQ(nc->text("source"), "concern");
  EXPECT_EQ(nc->text("grade"), "minor");
  EXPECT_EQ(nc->text("title"), "Nobody answered my appeal.");
}

TEST_P(ConcernsTest, AnIncidentNeedsAnAISystem) {
  must_submit("Something happened.");
  auto all = records::list_all(*db_, concerns(), alpha_.org, {});
  ASSERT_TRUE(all.ok());
  auto refused = triage(*db_, alpha_.org, all->front().id,
                        {"incident", "", std::nullopt, std::nullopt}, kActor);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().field, "system_id");
}

TEST_P(ConcernsTest, AnotherOrganisationsConcernIsNotFound) {
  must_submit("Something happened.");
  auto all = records::list_all(*db_, concerns(), alpha_.org, {});
  ASSERT_TRUE(all.ok());
  auto refused =
      triage(*db_, beta_.org, all->front().id, {"risk", "", std::nullopt, std::nullopt}, kActor);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::not_found);
}

INSTANTIATE_TEST_SUITE_P(Backends, ConcernsTest, ::testing::ValuesIn(aims::testing::all_backends()),
                         aims::testing::backend_name);

}  // namespace
}  // namespace aims::concerns
