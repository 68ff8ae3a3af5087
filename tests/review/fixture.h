// A migrated database with alpha's people (from the objectives and risk suites' fixture), an AIMS
// role marked as top management held by one of them, and helpers to plan, attend and hold
// management reviews and to record their actions (for the review store suites, on both backends).
#pragma once

#include "controls/controls.h"
#include "objectives/fixture.h"
#include "review/review.h"
#include "roles/roles.h"

namespace aims::review::testing {

using records::Record;
using risk::testing::Values;
using namespace std::string_literals;

class ReviewTest : public objectives::testing::ObjectiveTest {
 protected:
  void SetUp() override {
    ObjectiveTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    controls::define_registers();  // the pack's readiness section
    define_registers();
    executive_ = add_person("ceo@alpha.test", auth::Role::viewer, "Chief executive");
    top_role_ = must_create(alpha_.org, roles::aims_roles(),
                            values({{"name", "Executive sponsor"s}, {"top_management", true}}));
    must_create(alpha_.org, roles::role_assignments(),
                values({{"person_id", executive_.user_id.value()},
                        {"role_id", top_role_},
                        {"from_date", "2025-01-01"s}}));
  }

  static Record values(const Values& v) {
    Record r;
    r.values = v;
    return r;
  }

  // A planned review chaired by the owner, written by the author.
  Record plan_review(const std::string& title, const std::string& planned_on = "2026-06-01") {
    auto created = records::create(
        *db_, management_reviews(), alpha_.org,
        values(
            {{"title", title}, {"planned_on", planned_on}, {"chair_id", owner_.user_id.value()}}),
        author_);
    EXPECT_TRUE(created.ok()) << (created.ok() ? "" : created.error().message);
    return created.ok() ? *created : Record{};
  }

  void attend(int64_t review, const records::Caller& who) {
    must_create(alpha_.org, review_attendees(),
                values({{"review_id", review}, {"person_id", who.user_id.value()}}));
  }

  Result<records::TransitionOutcome> hold_review(int64_t review, const std::string& held_on) {
    TRY_ASSIGN(const Record r, records::get(*db_, management_reviews(), alpha_.org, review));
    return hold(
        *db_, alpha_.org, review,
        {.held_on = held_on, .minutes = "Discussed the pack.", .expected_version = r.version},
        author_);
  }

  int64_t add_action(int64_t review, const std::string& title, const std::string& due_on) {
    return must_create(alpha_.org, review_actions(),
                       values({{"review_id", review},
                               {"title", title},
                               {"decision", "Decided: " + title},
                               {"owner_id", owner_.user_id.value()},
                               {"due_on", due_on}}));
  }

  records::Caller executive_;
  int64_t top_role_ = 0;
};

}  // namespace aims::review::testing
