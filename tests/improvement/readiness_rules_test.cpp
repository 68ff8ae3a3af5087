// The readiness rules of 10.1 and 10.2 on both backends: not met without records; 10.1 partly met
// while an action is past due or a check overdue (naming them), met once actions are completed in
// time; 10.2 not met while a major nonconformity waits over 30 days for an action, partly met when
// one past open lacks its root cause or action, met when each is handled.
#include "improvement/fixture.h"
#include "readiness/readiness.h"

namespace aims::improvement {
namespace {

using readiness::Status;
using records::Record;
using testing::date_in;
using testing::Values;
using namespace std::string_literals;

class ImprovementReadinessTest : public testing::ImprovementTest {
 protected:
  readiness::Finding assess(const char* requirement) {
    const readiness::Rule* rule = readiness::rule_for("iso-iec-42001-2023", requirement);
    EXPECT_NE(rule, nullptr);
    if (!rule) return {};
    auto f = rule->assess(*db_, alpha_.org);
    EXPECT_TRUE(f.ok()) << f.error().message;
    return f.ok() ? *f : readiness::Finding{};
  }

  void change(const records::Description& d, int64_t id, Values values) {
    auto current = read(d, id);
    ASSERT_TRUE(current.ok());
    ASSERT_TRUE(records::update(*db_, d, alpha_.org, id, with(std::move(values)), current->version,
                                manager_)
                    .ok());
  }

  std::string href(const records::Description& d, int64_t id) const {
    return std::string(d.page_path) + "/" + std::to_string(id);
  }
};

TEST_P(ImprovementReadinessTest, NotMetWithoutNonconformities) {
  const auto improvement = assess("10.1");
  EXPECT_EQ(improvement.status, Status::not_met);
  EXPECT_EQ(improvement.reason,
            "No nonconformity or corrective action is recorded, so nothing shows the AIMS being "
            "improved.");
  const auto handling = assess("10.2");
  EXPECT_EQ(handling.status, Status::not_met);
  EXPECT_EQ(handling.fix.href, "/improvement/nonconformities");
}

TEST_P(ImprovementReadinessTest, AnActionPastDueAndAnOverdueCheckAreNamed) {
  const Record late_nc = raise("Bias review skipped");
  const Record late = add_action(late_nc.id, "Automate the bias check");
  change(corrective_actions(), late.id, {{"due_on", date_in(-1)}});
  const Record checked_nc = raise("Labels stale");
  complete(add_action(checked_nc.id, "Refresh labels").id);
  ASSERT_TRUE(move(nonconformities(), checked_nc.id, "analyse", manager_, analysis()).ok());
  ASSERT_TRUE(move(nonconformities(), checked_nc.id, "actions_done", manager_).ok());
  change(nonconformities(), checked_nc.id, {{"effectiveness_due_on", date_in(-2)}});

  const auto f = assess("10.1");
  EXPECT_EQ(f.status, Status::partial);
  EXPECT_EQ(f.reason,
            "2 corrective actions (1 completed), 0 nonconformities closed with the effect "
            "confirmed; 1 corrective action is past due: \"Automate the bias check\"; 1 "
            "effectiveness check is overdue: \"Labels stale\".");
  ASSERT_EQ(f.links.size(), 2u);
  EXPECT_EQ(f.links[0].href, href(corrective_actions(), late.id));
  EXPECT_EQ(f.links[1].href, href(nonconformities(), checked_nc.id));
  EXPECT_EQ(f.fix.href, f.links[0].href);
}

TEST_P(ImprovementReadinessTest, MetOnceActionsAreCompletedInTime) {
  const Record nc = raise("Bias review skipped");
  add_action(nc.id, "Planned for later");
  EXPECT_EQ(assess("10.1").status, Status::partial);  // nothing completed yet
  complete(add_action(nc.id, "Automate the bias check").id);
  const auto f = assess("10.1");
  EXPECT_EQ(f.status, Status::met);
  EXPECT_EQ(f.reason,
            "2 corrective actions (1 completed), 0 nonconformities closed with the effect "
            "confirmed; none is past due and no effectiveness check is overdue.");
}

TEST_P(ImprovementReadinessTest, AMajorOneWithoutActionForAMonthIsNotMet) {
  const Record major = raise("Releases without review", "major");
  change(nonconformities(), major.id, {{"raised_on", date_in(-31)}});
  const Record recent = raise("Recent major", "major");  // 30 days are not past yet
  change(nonconformities(), recent.id, {{"raised_on", date_in(-30)}});
  const auto f = assess("10.2");
  EXPECT_EQ(f.status, Status::not_met);
  EXPECT_EQ(f.reason,
            "2 nonconformities (0 closed); 1 major nonconformity has been open for more than 30 "
            "days without a corrective action: \"Releases without review\".");
  ASSERT_EQ(f.links.size(), 1u);
  EXPECT_EQ(f.links[0].href, href(nonconformities(), major.id));
}

TEST_P(ImprovementReadinessTest, OnePastOpenWithoutItsActionIsPartlyMetThenMet) {
  const Record nc = raise("Bias review skipped");
  const Record action = add_action(nc.id);
  ASSERT_TRUE(move(nonconformities(), nc.id, "analyse", manager_, analysis()).ok());
  EXPECT_EQ(assess("10.2").status, Status::met);
  ASSERT_TRUE(move(corrective_actions(), action.id, "cancel", doer_, {}, "Superseded").ok());

  const auto f = assess("10.2");
  EXPECT_EQ(f.status, Status::partial);
  EXPECT_EQ(f.reason,
            "1 nonconformity (0 closed); \"Bias review skipped\" lacks a root cause or a "
            "corrective action.");

  complete(add_action(nc.id, "Automate the bias check").id);
  ASSERT_TRUE(move(nonconformities(), nc.id, "close", manager_,
                   {{"effectiveness_result", "effective"s}, {"effectiveness_notes", "Held"s}})
                  .ok());
  const auto met = assess("10.2");
  EXPECT_EQ(met.status, Status::met);
  EXPECT_EQ(met.reason,
            "1 nonconformity (1 closed); every one past open has its root cause and a corrective "
            "action, and every closed one was found effective.");
}

INSTANTIATE_TEST_SUITE_P(Backends, ImprovementReadinessTest,
                         ::testing::ValuesIn(aims::testing::all_backends()),
                         aims::testing::backend_name);

}  // namespace
}  // namespace aims::improvement
