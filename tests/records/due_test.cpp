// My work, the calendar feed's items and the overdue counts on both backends, with the clock
// fixed by passing `today`. Every boundary is worked out by hand below from today = 2026-12-09:
//   2026-11-30 is 9 days before (overdue by 9), 2026-12-08 is 1 day before (overdue by 1),
//   2026-12-09 is today (this week, 0 days left), 2026-12-15 is today + 6 (the last day of this
//   week), 2026-12-16 is today + 7 (later), 2027-01-08 is today + 30 (22 days to 31 December,
//   then 8 more: the last day My work shows), 2027-01-09 is today + 31 (not shown).
#include "records/due.h"

#include <gtest/gtest.h>

#include "auth/auth.h"
#include "records/sample_register.h"
#include "support/backends.h"

namespace aims::records {
namespace {

using auth::Role;
using testing::samples;

constexpr const char* kToday = "2026-12-09";

class DueTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    ASSERT_TRUE(testing::install_sample_registers(*db_).ok());
    org_ = organisation("Acme");
    author_ = person(org_, "author", "aims-manager");
    owner_ = person(org_, "owner", "contributor");
    approver_ = person(org_, "approver", "aims-manager");
    third_ = person(org_, "third", "aims-manager");
    contributor_ = person(org_, "helper", "contributor");
    other_org_ = organisation("Other");
    stranger_ = person(other_org_, "stranger", "aims-manager");
  }

  int64_t organisation(const std::string& name) {
    auto created = auth::create_organisation(
        *db_, name, {"admin@" + name + ".test", "Admin", "admin", testing_password()}, cli());
    EXPECT_TRUE(created.ok());
    if (!created.ok()) return 0;
    const auth::User& u = created->second.user;
    admins_[created->first.id] = {{"user", u.id, u.email}, u.id, u.role};
    return created->first.id;
  }

  Caller person(int64_t org, const std::string& name, const std::string& role) {
    auto user = auth::add_user(
        *db_, org, {name + "@" + std::to_string(org) + ".test", name, role, testing_password()},
        cli());
    EXPECT_TRUE(user.ok());
    if (!user.ok()) return {};
    return {{"user", user->user.id, user->user.email}, user->user.id, user->user.role};
  }

  static std::string testing_password() { return "a long test passphrase"; }
  static trail::Actor cli() { return {"cli", std::nullopt, "cli:test"}; }

  // A sample written by `by`, due on `due` ("" for none), owned by `owner` when given.
  Record sample(int64_t org, const Caller& by, const std::string& name, const std::string& due,
                std::optional<int64_t> owner = std::nullopt) {
    Record r;
    r.values["name"] = name;
    if (!due.empty()) r.values["due_on"] = due;
    if (owner) r.values["owner_id"] = *owner;
    auto created = create(*db_, samples(), org, r, by);
    EXPECT_TRUE(created.ok()) << (created.ok() ? "" : created.error().message);
    return created.ok() ? *created : Record();
  }

  Record move(int64_t org, const Record& r, const std::string& step, const Caller& by) {
    auto current = get(*db_, samples(), org, r.id);
    EXPECT_TRUE(current.ok());
    auto moved =
        transition(*db_, samples(), org, r.id, {step, "because", {}, current->version}, by);
    EXPECT_TRUE(moved.ok()) << (moved.ok() ? "" : moved.error().message);
    return moved.ok() ? moved->record : Record();
  }

  MyWork work_of(const Caller& who, int64_t org = 0) {
    auto work = my_work(*db_, org ? org : org_, who, kToday);
    EXPECT_TRUE(work.ok()) << (work.ok() ? "" : work.error().message);
    return work.ok() ? *work : MyWork();
  }

  static std::vector<std::string> names(const std::vector<DueItem>& items) {
    std::vector<std::string> out;
    for (const auto& i : items)
      out.push_back(i.name);
    return out;
  }

  static std::vector<std::string> names(const std::vector<AwaitingApproval>& items) {
    std::vector<std::string> out;
    for (const auto& i : items)
      out.push_back(i.name);
    return out;
  }

  std::map<int64_t, Caller> admins_;
  int64_t org_ = 0, other_org_ = 0;
  Caller author_, owner_, approver_, third_, contributor_, stranger_;
};

TEST_P(DueTest, GroupsDueDatesAroundTodayWorkedOutByHand) {
  sample(org_, author_, "nine over", "2026-11-30");
  sample(org_, author_, "one over", "2026-12-08");
  sample(org_, author_, "due today", "2026-12-09");
  sample(org_, author_, "last day of the week", "2026-12-15");
  sample(org_, author_, "first day after the week", "2026-12-16");
  sample(org_, author_, "last day shown", "2027-01-08");
  sample(org_, author_, "one day too far", "2027-01-09");
  sample(org_, author_, "no due date", "");

  const MyWork work = work_of(author_);
  EXPECT_EQ(names(work.overdue), (std::vector<std::string>{"nine over", "one over"}));
  ASSERT_EQ(work.overdue.size(), 2u);
  EXPECT_EQ(work.overdue[0].days_left, -9);
  EXPECT_EQ(work.overdue[1].days_left, -1);
  EXPECT_EQ(work.overdue[0].field->key, std::string("due_on"));
  EXPECT_EQ(work.overdue[0].register_, &samples());
  EXPECT_EQ(names(work.this_week), (std::vector<std::string>{"due today", "last day of the week"}));
  ASSERT_EQ(work.this_week.size(), 2u);
  EXPECT_EQ(work.this_week[0].days_left, 0);
  EXPECT_EQ(work.this_week[1].days_left, 6);
  EXPECT_EQ(names(work.later),
            (std::vector<std::string>{"first day after the week", "last day shown"}));
  ASSERT_EQ(work.later.size(), 2u);
  EXPECT_EQ(work.later[0].days_left, 7);
  EXPECT_EQ(work.later[1].days_left, 30);

  // The feed looks further ahead, overdue dates included.
  auto feed = due_for(*db_, org_, *author_.user_id, kToday, 366);
  ASSERT_TRUE(feed.ok());
  EXPECT_EQ(feed->size(), 7u);
  EXPECT_EQ(feed->back().name, "one day too far");
}

TEST_P(DueTest, TheResponsiblePersonOwnsTheWorkAndTheAuthorOnlyWhenNobodyIs) {
  sample(org_, author_, "owned", "2026-12-10", owner_.user_id);
  sample(org_, author_, "unowned", "2026-12-10");
  EXPECT_EQ(names(work_of(owner_).this_week), (std::vector<std::string>{"owned"}));
  EXPECT_EQ(names(work_of(author_).this_week), (std::vector<std::string>{"unowned"}));
  EXPECT_TRUE(work_of(contributor_).this_week.empty());
}

TEST_P(DueTest, ArchivedAndDoneRecordsAreNotWork) {
  const Record archived = sample(org_, author_, "archived", "2026-12-01");
  ASSERT_TRUE(archive(*db_, samples(), org_, archived.id, author_).ok());
  const Record withdrawn = sample(org_, author_, "withdrawn", "2026-12-01");
  move(org_, withdrawn, "withdraw", author_);
  sample(org_, author_, "still open", "2026-12-01");
  EXPECT_EQ(names(work_of(author_).overdue), (std::vector<std::string>{"still open"}));
  // "withdrawn" is done although "reinstate" leaves it; "approved" is not, as "revise" does.
  EXPECT_TRUE(samples().is_done("withdrawn"));
  EXPECT_FALSE(samples().is_done("approved"));
  EXPECT_FALSE(samples().is_done("no such state"));
}

TEST_P(DueTest, AnotherOrganisationsRecordsNeverAppear) {
  sample(other_org_, stranger_, "theirs", "2026-12-01");
  sample(org_, author_, "ours", "2026-12-01");
  EXPECT_EQ(names(work_of(author_).overdue), (std::vector<std::string>{"ours"}));
  EXPECT_EQ(names(work_of(stranger_, other_org_).overdue), (std::vector<std::string>{"theirs"}));
  // A person asked about in the wrong organisation has nothing there.
  EXPECT_TRUE(work_of(stranger_, org_).overdue.empty());
  auto counts = overdue_counts(*db_, org_, kToday);
  ASSERT_TRUE(counts.ok());
  ASSERT_EQ(counts->size(), 1u);
  EXPECT_EQ((*counts)[0].records, 1);
}

TEST_P(DueTest, OverdueCountsCountRecordsOncePerRegisterAndPerPerson) {
  sample(org_, author_, "a", "2026-12-01");
  sample(org_, author_, "b", "2026-12-08", owner_.user_id);
  sample(org_, author_, "due today is not overdue", "2026-12-09");
  auto all = overdue_counts(*db_, org_, kToday);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ((*all)[0].register_, &samples());
  EXPECT_EQ((*all)[0].records, 2);
  auto owners = overdue_counts(*db_, org_, kToday, owner_.user_id);
  ASSERT_TRUE(owners.ok());
  ASSERT_EQ(owners->size(), 1u);
  EXPECT_EQ((*owners)[0].records, 1);
  EXPECT_EQ(overdue_counts(*db_, org_, "9 December").error().field, "today");
}

TEST_P(DueTest, AwaitingApprovalFollowsTheWorkflowsSeparationOfDuties) {
  // Written by one manager, owned by another person, submitted: two approvals needed from
  // admins or managers, neither the author nor the owner.
  const Record r = sample(org_, author_, "policy", "", approver_.user_id);
  move(org_, r, "submit", author_);
  EXPECT_TRUE(work_of(author_).awaiting.empty()) << "the author cannot approve";
  EXPECT_TRUE(work_of(approver_).awaiting.empty()) << "the owner cannot approve";
  EXPECT_TRUE(work_of(contributor_).awaiting.empty()) << "a contributor's role does not approve";
  MyWork third = work_of(third_);
  ASSERT_EQ(names(third.awaiting), (std::vector<std::string>{"policy"}));
  EXPECT_EQ(third.awaiting[0].transition->name, std::string("approve"));
  EXPECT_EQ(third.awaiting[0].given, 0);
  EXPECT_EQ(third.awaiting[0].state->value, std::string("in_review"));
  EXPECT_TRUE(work_of(stranger_, other_org_).awaiting.empty());

  // Once the third manager approves, they are not asked again; the organisation's admin is.
  EXPECT_EQ(names(work_of(admins_[org_]).awaiting), (std::vector<std::string>{"policy"}));
  move(org_, r, "approve", third_);
  EXPECT_TRUE(work_of(third_).awaiting.empty());
  const MyWork admin = work_of(admins_[org_]);
  ASSERT_EQ(admin.awaiting.size(), 1u);
  EXPECT_EQ(admin.awaiting[0].given, 1);

  // The second approval moves it on: approved is no one's approval work.
  move(org_, r, "approve", admins_[org_]);
  EXPECT_TRUE(work_of(admins_[org_]).awaiting.empty());
  EXPECT_TRUE(work_of(third_).awaiting.empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, DueTest, ::testing::ValuesIn(testing::all_backends()),
                         testing::backend_name);

}  // namespace
}  // namespace aims::records
