// The roles registers' rules on both backends: a training record's expiry worked out from its
// course's validity, an appointment that cannot end before it begins and ends through its
// workflow, a role that cannot report to itself, and the standard roles added once.
#include <gtest/gtest.h>

#include "roles/fixture.h"

namespace aims::roles {
namespace {

using namespace std::string_literals;
using records::Record;
using testing::fields_of;

class RolesRegistersTest : public testing::RolesTest {
 protected:
  void SetUp() override {
    RolesTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    person_ = add_person("tom@alpha.test", auth::Role::contributor, "Tom Trainee").user_id.value();
    skill_ = competence("Model validation");
  }

  int64_t person_ = 0, skill_ = 0;
};

TEST_P(RolesRegistersTest, ExpiryFollowsTheCoursesValidity) {
  const int64_t yearly = course("Yearly course", {skill_}, 12);
  const int64_t monthly = course("Monthly refresher", {skill_}, 1);
  const int64_t lasting = course("Lasting course", {skill_});
  // 2026-01-31 + 12 months = 2027-01-31.
  const Record passed = read(training_records(), train(person_, yearly, "2026-01-31"));
  EXPECT_EQ(passed.text("expires_on"), "2027-01-31");
  EXPECT_EQ(passed.text("title"), "Tom Trainee: Yearly course (2026-01-31)");
  // 2026-01-31 + 1 month: February has no 31st, so its last day.
  EXPECT_EQ(read(training_records(), train(person_, monthly, "2026-01-31")).text("expires_on"),
            "2026-02-28");
  // A course without validity does not expire; a failed course gives nothing to expire.
  EXPECT_FALSE(
      read(training_records(), train(person_, lasting, "2026-01-31")).is_set("expires_on"));
  EXPECT_FALSE(read(training_records(), train(person_, yearly, "2026-01-31", "failed"))
                   .is_set("expires_on"));
  // An expiry given is kept.
  const int64_t given =
      train(person_, yearly, "2026-01-31", "passed", {{"expires_on", "2026-12-31"s}});
  EXPECT_EQ(read(training_records(), given).text("expires_on"), "2026-12-31");
  // A later completion date moves the worked-out expiry with it: 2026-03-15 + 12 months.
  ASSERT_TRUE(edit(training_records(), passed.id, {{"completed_on", "2026-03-15"s}}).ok());
  EXPECT_EQ(read(training_records(), passed.id).text("expires_on"), "2027-03-15");
  // ...but not an expiry someone gave.
  ASSERT_TRUE(edit(training_records(), given, {{"completed_on", "2026-03-15"s}}).ok());
  EXPECT_EQ(read(training_records(), given).text("expires_on"), "2026-12-31");
}

TEST_P(RolesRegistersTest, TrainingCannotExpireBeforeItIsCompleted) {
  const int64_t c = course("Some course", {skill_}, 12);
  auto bad = create(training_records(), {{"person_id", person_},
                                         {"course_id", c},
                                         {"completed_on", "2026-05-01"s},
                                         {"result", "passed"s},
                                         {"expires_on", "2026-04-30"s}});
  ASSERT_FALSE(bad.ok());
  EXPECT_TRUE(fields_of(bad.error()).count("expires_on"));
}

TEST_P(RolesRegistersTest, AnAppointmentEndsNoEarlierThanItBegins) {
  const int64_t validator = role("Model validator");
  auto backwards = create(role_assignments(), {{"person_id", person_},
                                               {"role_id", validator},
                                               {"from_date", "2026-05-01"s},
                                               {"until_date", "2026-04-30"s}});
  ASSERT_FALSE(backwards.ok());
  EXPECT_EQ(fields_of(backwards.error()), std::set<std::string>{"until_date"});
  // The same day is a one-day appointment.
  const int64_t id = appoint(person_, validator, "2026-05-01", {{"until_date", "2026-05-01"s}});
  const Record one_day = read(role_assignments(), id);
  EXPECT_EQ(one_day.text("title"), "Tom Trainee as Model validator");
  EXPECT_EQ(one_day.state, "active");
  EXPECT_TRUE(holds_on(one_day, "2026-05-01"));
  EXPECT_FALSE(holds_on(one_day, "2026-04-30"));
  EXPECT_FALSE(holds_on(one_day, "2026-05-02"));
}

TEST_P(RolesRegistersTest, EndingAnAppointmentNeedsAReasonAndAnEndDate) {
  const int64_t id = appoint(person_, role("Data steward"), "2026-01-01");
  Record current = read(role_assignments(), id);
  auto no_date =
      records::transition(*db_, role_assignments(), alpha_.org, id,
                          {"end", "Moved to another team", Record{}, current.version}, admin_);
  ASSERT_FALSE(no_date.ok());
  EXPECT_TRUE(fields_of(no_date.error()).count("until_date"));
  Record until;
  until.values = {{"until_date", "2026-06-30"s}};
  auto ended =
      records::transition(*db_, role_assignments(), alpha_.org, id,
                          {"end", "Moved to another team", until, current.version}, admin_);
  ASSERT_TRUE(ended.ok()) << ended.error().field << ": " << ended.error().message;
  current = read(role_assignments(), id);
  EXPECT_EQ(current.state, "ended");
  // Ended: no longer a holder, even on a day within its dates.
  EXPECT_FALSE(holds_on(current, "2026-03-01"));
}

TEST_P(RolesRegistersTest, ARoleCannotReportToItself) {
  const int64_t id = role("AI ethics lead");
  auto loop = edit(aims_roles(), id, {{"reports_to_id", id}});
  ASSERT_FALSE(loop.ok());
  EXPECT_TRUE(fields_of(loop.error()).count("reports_to_id"));
  // Named like a standard role, it is one; any other name is the organisation's own.
  EXPECT_EQ(read(aims_roles(), id).text("kind"), "standard");
  EXPECT_EQ(read(aims_roles(), id).text("standard_key"), "ai-ethics-lead");
  EXPECT_EQ(read(aims_roles(), role("Clinical safety officer")).text("kind"), "own");
}

TEST_P(RolesRegistersTest, StandardRolesAreAddedOnce) {
  ASSERT_EQ(standard_roles().size(), 5u);
  // The organisation wrote its own data steward already: four are missing.
  role("Data steward");
  auto first = add_standard_roles(*db_, alpha_.org, admin_);
  ASSERT_TRUE(first.ok()) << first.error().message;
  ASSERT_EQ(first->size(), 4u);
  for (const auto& r : *first) {
    EXPECT_EQ(r.text("kind"), "standard");
    EXPECT_TRUE(r.is_set("responsibilities")) << r.text("name");
    EXPECT_TRUE(r.is_set("authorities")) << r.text("name");
  }
  auto again = add_standard_roles(*db_, alpha_.org, admin_);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->empty());
  // A standard role archived on purpose is not brought back.
  ASSERT_TRUE(records::archive(*db_, aims_roles(), alpha_.org, first->front().id, admin_).ok());
  auto after_archive = add_standard_roles(*db_, alpha_.org, admin_);
  ASSERT_TRUE(after_archive.ok());
  EXPECT_TRUE(after_archive->empty());
  auto all = records::list_all(*db_, aims_roles(), alpha_.org);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 4u);  // five, one archived
  // Beta has none of alpha's roles and gets all five.
  const records::Caller beta_admin{
      {"user", beta_.users[0], "owner@beta.test"}, beta_.users[0], auth::Role::admin};
  auto beta = add_standard_roles(*db_, beta_.org, beta_admin);
  ASSERT_TRUE(beta.ok());
  EXPECT_EQ(beta->size(), 5u);
}

INSTANTIATE_TEST_SUITE_P(Backends, RolesRegistersTest,
                         ::testing::ValuesIn(aims::testing::all_backends()),
                         aims::testing::backend_name);

}  // namespace
}  // namespace aims::roles
