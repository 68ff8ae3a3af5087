// What is due for disposal: a rule's period counted from the record's creation, last change or
// archiving, against a date the test gives; records held, with a disposal under way, or disposed
// of are shown or left out as the Retention page needs.
#include <gtest/gtest.h>

#include "retention/fixture.h"

namespace aims::retention::testing {
namespace {

class DueTest : public RetentionTest {
 protected:
  std::vector<DueRecord> due_on(const std::string& today) {
    auto due = db_->read([&](store::Tx& tx) { return due_for_disposal(tx, alpha_.org, today); });
    EXPECT_TRUE(due.ok()) << (due.ok() ? "" : due.error().message);
    return due.ok() ? *due : std::vector<DueRecord>{};
  }
};

TEST_P(DueTest, ARecordIsDueOnceItsPeriodHasRunFromItsCreation) {
  const Record rule = add_rule("Datasets: 18 months after creation", "dataset", 18);
  const Record dataset = add_dataset("Applications 2024");
  const std::string created = dataset.created_at.substr(0, 10);
  // Worked out by hand: created on day D, 18 months later is add_months(D, 18); the day before it
  // nothing is due.
  const std::string ends = add_months(created, 18);
  EXPECT_TRUE(due_on(add_months(created, 17)).empty());
  const auto due = due_on(ends);
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].id, dataset.id);
  EXPECT_EQ(due[0].name, "Applications 2024");
  EXPECT_EQ(due[0].ends_on, ends);
  EXPECT_EQ(due[0].rule_id, rule.id);
  EXPECT_EQ(due[0].end_action, "dispose");
  EXPECT_TRUE(due[0].holds.empty());
  EXPECT_EQ(due[0].disposal_state, "");
}

TEST_P(DueTest, APeriodFromArchivingStartsOnlyOnceTheRecordIsArchived) {
  add_rule("Datasets: 6 months after retirement", "dataset", 6, kFromArchived);
  const Record dataset = add_dataset("Retired set");
  const std::string far = add_months(dataset.created_at.substr(0, 10), 120);
  EXPECT_TRUE(due_on(far).empty()) << "never archived: its period has not started";
  auto archived = records::archive(*db_, inventory::datasets(), alpha_.org, dataset.id, author_);
  ASSERT_TRUE(archived.ok());
  const std::string on = archived->archived_at->substr(0, 10);
  EXPECT_TRUE(due_on(add_months(on, 5)).empty());
  EXPECT_EQ(due_on(add_months(on, 6)).size(), 1u);
}

TEST_P(DueTest, HeldRecordsAndDisposalsUnderWayAreShownSo) {
  const Record rule = add_rule("Datasets: a month", "dataset", 1);
  // Old enough for their month to have run out, so a disposal may be requested.
  const Record held = add_dataset("Held set", "Bureau feed", 40);
  const Record asked = add_dataset("Asked set", "Bureau feed", 40);
  const Record hold = add_hold("Complaint C-2026-14");
  ASSERT_TRUE(hold_record(*db_, alpha_.org, hold.id, "dataset", held.id, owner_).ok());
  ASSERT_TRUE(request_disposal(asked.id, rule.id).ok());
  const auto due = due_on(add_months(held.created_at.substr(0, 10), 2));
  ASSERT_EQ(due.size(), 2u);
  for (const auto& d : due) {
    if (d.id == held.id) {
      EXPECT_EQ(d.holds, std::vector<std::string>{"Complaint C-2026-14"});
    } else {
      EXPECT_EQ(d.disposal_state, "requested");
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, DueTest, ::testing::ValuesIn(aims::testing::all_backends()),
                         aims::testing::backend_name);

}  // namespace
}  // namespace aims::retention::testing
