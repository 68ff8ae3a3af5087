// Re-assessment after a significant change of the AI system (clause 8.4,
// src/impact/significant_change.cpp), on both backends: a change to what the system is for, what
// it is built from, whom it affects, how far it decides alone or how the EU AI Act classes it
// marks its approved assessment as needing re-assessment, dated today and naming the change in
// people's words; other changes and assessments not yet approved are left alone.
//
// Every expected text below is written out by hand from the labels of the AI system's fields and
// choices (src/inventory/registers.cpp) and the models' display names ("name version").
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "impact/fixture.h"

namespace aims::impact::testing {
namespace {

using ::testing::HasSubstr;

constexpr const char* kArrow = " \u2192 ";

class ReassessmentTest : public ImpactTest {
 protected:
  // The reason aims writes for a change made today by alpha's admin (label owner@alpha.test).
  static std::string reason(const std::string& lines) {
    return "Changed on " + date_in(0) + " by owner@alpha.test:\n" + lines;
  }
};

TEST_P(ReassessmentTest, ANewModelFlagsTheApprovedAssessmentNamingTheChange) {
  const int64_t v31 = add_model("PD model", "3.1");
  const int64_t v32 = add_model("PD model", "3.2");
  const int64_t scorer = add_system("Credit scorer", {{"model_ids", records::Ids{v31}}});
  const int64_t id = approved_assessment("Credit scorer 2026", scorer);
  const Record approved = *read(id);
  EXPECT_FALSE(approved.flag("needs_reassessment"));
  EXPECT_FALSE(approved.is_set("reassessment_raised_on"));

  auto changed = edit_system(scorer, {{"model_ids", records::Ids{v32}}}, admin_);
  ASSERT_TRUE(changed.ok()) << why(changed);

  const Record flagged = *read(id);
  EXPECT_TRUE(flagged.flag("needs_reassessment"));
  EXPECT_EQ(flagged.text("reassessment_raised_on"), date_in(0));
  // The models by their names, "PD model" version 3.1 replaced by version 3.2.
  EXPECT_EQ(flagged.text("reassessment_reason"),
            reason("Models: PD model 3.1" + std::string(kArrow) + "PD model 3.2"));
  // Still approved, its frozen version as approved: aims wrote the flag although people may not
  // edit an approved assessment.
  EXPECT_EQ(flagged.state, "approved");
  EXPECT_EQ(flagged.frozen, 1);
  auto by_people = edit_assessment(id, {{"scope", "Wider"s}});
  ASSERT_FALSE(by_people.ok());
  EXPECT_EQ(by_people.error().code, ErrorCode::failed_precondition);
  auto versions = records::versions(*db_, assessments(), alpha_.org, id);
  ASSERT_TRUE(versions.ok());
  ASSERT_EQ(versions->size(), 1u);
  EXPECT_FALSE(versions->front().snapshot.flag("needs_reassessment"));

  // The trail says who changed the system that raised it.
  const auto events = events_of("impact_assessment", id);
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.front().action, "update");
  EXPECT_EQ(events.front().actor_label, "owner@alpha.test");
  EXPECT_THAT(events.front().changes,
              HasSubstr("\"needs_reassessment\":{\"after\":true,\"before\":false}"));

  // Re-assessed: the new approval supersedes the flagged one and starts unflagged.
  const int64_t redone = approved_assessment("Credit scorer 2026 (PD model 3.2)", scorer);
  EXPECT_EQ(read(id)->state, "superseded");
  EXPECT_FALSE(read(redone)->flag("needs_reassessment"));
}

TEST_P(ReassessmentTest, EachSignificantFieldIsNamedWithItsBeforeAndAfterInWords) {
  const int64_t loans = add_dataset("Loan book 2025");
  const std::string arrow = kArrow;
  struct Case {
    std::string system;
    Values change;
    std::string lines;  // worked out from the labels
  };
  const std::vector<Case> cases = {
      {"Purpose changes",
       {{"purpose", "Ranks retail credit applications"s}},
       "Purpose: Purpose of Purpose changes" + arrow + "Ranks retail credit applications"},
      {"Datasets change",
       {{"dataset_ids", records::Ids{loans}}},
       "Datasets: none" + arrow + "Loan book 2025"},
      {"Customers", {{"affects_customers", true}}, "Affects customers: no" + arrow + "yes"},
      {"Employees", {{"affects_employees", true}}, "Affects employees: no" + arrow + "yes"},
      {"Public", {{"affects_public", true}}, "Affects the public: no" + arrow + "yes"},
      {"Vulnerable",
       {{"affects_vulnerable_groups", true}},
       "Affects vulnerable groups: no" + arrow + "yes"},
      {"Automation",
       {{"automation_level", "fully_automated"s}},
       "Automation level: Human in the loop (a person decides)" + arrow + "Fully automated"},
      {"Classification",
       {{"eu_ai_act_class", "transparency"s}},
       "EU AI Act classification: Minimal risk" + arrow + "Transparency obligations (Art. 50)"},
      // Two at once: one line each, in the order of the significant fields.
      {"Two at once",
       {{"automation_level", "advisory"s}, {"affects_public", true}},
       "Affects the public: no" + arrow + "yes\nAutomation level: Human in the loop (a person " +
           "decides)" + arrow + "Advisory only"},
  };
  for (const auto& c : cases) {
    const int64_t system = add_system(c.system);
    const int64_t id = approved_assessment(c.system + " assessment", system);
    auto changed = edit_system(system, c.change, admin_);
    ASSERT_TRUE(changed.ok()) << c.system << ": " << why(changed);
    const Record a = *read(id);
    EXPECT_TRUE(a.flag("needs_reassessment")) << c.system;
    EXPECT_EQ(a.text("reassessment_raised_on"), date_in(0)) << c.system;
    EXPECT_EQ(a.text("reassessment_reason"), reason(c.lines)) << c.system;
  }
}

TEST_P(ReassessmentTest, AChangeOfNoSignificanceFlagsNothing) {
  const int64_t v1 = add_model("PD model", "3.1");
  const int64_t v2 = add_model("LGD model", "1.0");
  const int64_t scorer = add_system("Credit scorer", {{"model_ids", records::Ids{v1, v2}}});
  const int64_t id = approved_assessment("Credit scorer 2026", scorer);
  const Record approved = *read(id);

  const std::vector<Values> changes = {
      {{"business_unit", "Retail"s}},
      {{"tags", std::vector<std::string>{"credit", "retail"}}},
      {{"deployment_environment", "EU production"s}},
      {{"risk_tier", "high"s}},
      {{"lifecycle_stage", "operation_monitoring"s}},
      {{"human_oversight", "Loan officers may overrule any score"s}},
      // The same models in another order: the system is built from what it was built from.
      {{"model_ids", records::Ids{v2, v1}}},
  };
  for (const auto& change : changes) {
    auto done = edit_system(scorer, change, admin_);
    ASSERT_TRUE(done.ok()) << change.begin()->first << ": " << why(done);
    const Record a = *read(id);
    EXPECT_FALSE(a.flag("needs_reassessment")) << change.begin()->first;
    EXPECT_EQ(a.text("reassessment_reason"), "") << change.begin()->first;
    EXPECT_EQ(a.version, approved.version) << change.begin()->first << ": nothing written";
  }
}

TEST_P(ReassessmentTest, OnlyTheApprovedAssessmentIsFlagged) {
  const int64_t scorer = add_system("Credit scorer");
  const int64_t old = approved_assessment("Credit scorer 2025", scorer);
  const int64_t current = approved_assessment("Credit scorer 2026", scorer);
  ASSERT_EQ(read(old)->state, "superseded");
  const Record draft = must_create_assessment(ready_assessment("Credit scorer 2027", scorer));
  const int64_t other_system = add_system("Support chatbot");
  const int64_t other = approved_assessment("Support chatbot 2026", other_system);

  ASSERT_TRUE(edit_system(scorer, {{"automation_level", "fully_automated"s}}, admin_).ok());
  EXPECT_TRUE(read(current)->flag("needs_reassessment"));
  // A draft is still being written with the system as it is now; a superseded one is history.
  for (int64_t id : {draft.id, old, other}) {
    const Record a = *read(id);
    EXPECT_FALSE(a.flag("needs_reassessment")) << a.text("title");
    EXPECT_EQ(a.text("reassessment_reason"), "") << a.text("title");
    EXPECT_FALSE(a.is_set("reassessment_raised_on")) << a.text("title");
  }
}

TEST_P(ReassessmentTest, ALaterChangeKeepsTheDayTheReassessmentWasFirstRaised) {
  const int64_t scorer = add_system("Credit scorer");
  const int64_t id = approved_assessment("Credit scorer 2026", scorer);
  ASSERT_TRUE(edit_system(scorer, {{"affects_public", true}}, admin_).ok());
  // As if that change had been made a month ago.
  auto backdated = db_->write([&](store::Tx& tx) -> Result<Record> {
    const records::WriteContext ctx{tx, alpha_.org, admin_, now_timestamp()};
    Record changes;
    changes.values = {{"reassessment_raised_on", "2026-11-02"s}};
    return records::update_kept_in(ctx, assessments(), id, changes);
  });
  ASSERT_TRUE(backdated.ok()) << why(backdated);

  ASSERT_TRUE(edit_system(scorer, {{"automation_level", "fully_automated"s}}, admin_).ok());
  const Record a = *read(id);
  EXPECT_TRUE(a.flag("needs_reassessment"));
  EXPECT_EQ(a.text("reassessment_raised_on"), "2026-11-02");
  EXPECT_THAT(a.text("reassessment_reason"),
              HasSubstr("Automation level: Human in the loop (a person decides)" +
                        std::string(kArrow) + "Fully automated"));
}

INSTANTIATE_TEST_SUITE_P(Backends, ReassessmentTest,
                         ::testing::ValuesIn(aims::testing::all_backends()),
                         aims::testing::backend_name);

}  // namespace
}  // namespace aims::impact::testing
