// Nonconformities and corrective actions on both backends: the whole path from open to closed,
// the effectiveness check 90 days after the last action with a set clock, sending one back when
// not effective, a major one's closure by the AIMS manager and never by the last action's owner,
// the fields each step names, and raising one from an incident.
#include "improvement/fixture.h"

namespace aims::improvement {
namespace {

using records::Record;
using testing::date_in;
using testing::fields_of;
using testing::Values;
using namespace std::string_literals;

class NonconformityTest : public testing::ImprovementTest {};

TEST_P(NonconformityTest, OnlyTitleGradeAndSourceAreNeededAndItStartsOpen) {
  auto created = records::create(
      *db_, nonconformities(), alpha_.org,
      with({{"title", "Bias review skipped"s}, {"grade", "minor"s}, {"source", "audit"s}}),
      manager_);
  ASSERT_TRUE(created.ok()) << created.error().message;
  EXPECT_EQ(created->state, "open");
  EXPECT_EQ(created->text("raised_on"), date_in(0));

  auto bare = records::create(*db_, nonconformities(), alpha_.org, with({}), manager_);
  ASSERT_FALSE(bare.ok());
  // grade and source have defaults; only the title is missing.
  EXPECT_EQ(fields_of(bare.error()), std::set<std::string>{"title"});
}

TEST_P(NonconformityTest, TheWholePathFromOpenToClosed) {
  const Record nc = raise("Bias review skipped");

  // Analysed needs the containment and the root cause, then an action.
  auto bare = move(nonconformities(), nc.id, "analyse", manager_);
  ASSERT_FALSE(bare.ok());
  EXPECT_EQ(fields_of(bare.error()), (std::set<std::string>{"containment", "root_cause"}));
  auto no_action = move(nonconformities(), nc.id, "analyse", manager_, analysis());
  ASSERT_FALSE(no_action.ok());
  EXPECT_EQ(no_action.error().code, ErrorCode::failed_precondition);
  EXPECT_EQ(no_action.error().message,
            "add at least one corrective action before marking it analysed");
  const Record action = add_action(nc.id);
  ASSERT_TRUE(move(nonconformities(), nc.id, "analyse", manager_, analysis()).ok());

  // Actions done only once they are.
  auto early = move(nonconformities(), nc.id, "actions_done", manager_);
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.error().message, "1 corrective action is not completed yet");
  auto no_note = move(corrective_actions(), action.id, "complete", doer_);
  ASSERT_FALSE(no_note.ok());
  EXPECT_EQ(fields_of(no_note.error()), std::set<std::string>{"completion_note"});
  complete(action.id);

  // Completing the last action moved it on, with the check due 90 days after today.
  EXPECT_EQ(read(corrective_actions(), action.id)->text("completed_on"), date_in(0));
  auto done = read(nonconformities(), nc.id);
  EXPECT_EQ(done->state, "actions_done");
  EXPECT_EQ(done->text("effectiveness_due_on"), date_in(90));

  auto unchecked = move(nonconformities(), nc.id, "close", manager_);
  ASSERT_FALSE(unchecked.ok());
  EXPECT_EQ(fields_of(unchecked.error()),
            (std::set<std::string>{"effectiveness_result", "effectiveness_notes"}));
  auto closed = move(nonconformities(), nc.id, "close", manager_,
                     {{"effectiveness_result", "effective"s},
                      {"effectiveness_notes", "Three retrainings, each reviewed"s}});
  ASSERT_TRUE(closed.ok()) << closed.error().message;
  EXPECT_EQ(closed->record.state, "closed");
}

// Dates worked out by hand: 2 March 2026 + 90 days = 29 days to 31 March, 30 in April, 31 in May:
// 31 May. 20 February 2026 + 90 = 8 days to 28 February, 31 in March, 30 in April, 21 in May.
TEST_P(NonconformityTest, TheCheckFallsDue90DaysAfterTheLastActionCompletesOnTheWritesClock) {
  int64_t nc = 0, first = 0, second = 0;
  at("2026-01-05T09:00:00.000000Z", [&](const records::WriteContext& ctx) -> Status {
    TRY_ASSIGN(const Record r, records::create_in(ctx, nonconformities(),
                                                  with({{"title", "Drift unnoticed"s},
                                                        {"grade", "minor"s},
                                                        {"source", "monitoring"s},
                                                        {"containment", "Rolled back"s},
                                                        {"root_cause", "No drift monitor"s}})));
    nc = r.id;
    for (auto [id, title] :
         {std::pair{&first, "Add a drift monitor"}, {&second, "Alert on drift"}}) {
      TRY_ASSIGN(const Record a, records::create_in(ctx, corrective_actions(),
                                                    with({{"title", std::string(title)},
                                                          {"nonconformity_id", nc},
                                                          {"owner_id", doer_.user_id.value()},
                                                          {"due_on", "2026-03-31"s}})));
      *id = a.id;
    }
    TRY(records::move_in(ctx, nonconformities(), nc, "analyse", ""));
    return {};
  });
  auto complete_on = [&](const std::string& now, int64_t action) {
    at(now, [&](const records::WriteContext& ctx) -> Status {
      TRY(records::update_in(ctx, corrective_actions(), action,
                             with({{"completion_note", "Done"s}}), std::nullopt));
      TRY(records::move_in(ctx, corrective_actions(), action, "complete", ""));
      return {};
    });
  };
  complete_on("2026-01-10T16:00:00.000000Z", first);
  EXPECT_EQ(read(corrective_actions(), first)->text("completed_on"), "2026-01-10");
  auto waiting = read(nonconformities(), nc);
  EXPECT_EQ(waiting->state, "analysed");  // the second action is still open
  EXPECT_FALSE(waiting->is_set("effectiveness_due_on"));

  complete_on("2026-02-20T11:30:00.000000Z", second);
  auto done = read(nonconformities(), nc);
  EXPECT_EQ(done->state, "actions_done");
  EXPECT_EQ(done->text("effectiveness_due_on"), "2026-05-21");

  // A single action completed on 2 March.
  int64_t other = 0, action = 0;
  at("2026-03-01T08:00:00.000000Z", [&](const records::WriteContext& ctx) -> Status {
    TRY_ASSIGN(const Record r, records::create_in(ctx, nonconformities(),
                                                  with({{"title", "Labels stale"s},
                                                        {"grade", "minor"s},
                                                        {"source", "manual"s},
                                                        {"containment", "Relabelled"s},
                                                        {"root_cause", "No refresh"s}})));
    other = r.id;
    TRY_ASSIGN(const Record a, records::create_in(ctx, corrective_actions(),
                                                  with({{"title", "Refresh labels monthly"s},
                                                        {"nonconformity_id", other},
                                                        {"owner_id", doer_.user_id.value()},
                                                        {"due_on", "2026-03-31"s}})));
    action = a.id;
    TRY(records::move_in(ctx, nonconformities(), other, "analyse", ""));
    return {};
  });
  complete_on("2026-03-02T10:00:00.000000Z", action);
  EXPECT_EQ(read(nonconformities(), other)->text("effectiveness_due_on"), "2026-05-31");
}

TEST_P(NonconformityTest, NotEffectiveSendsItBackUntilANewActionIsCompleted) {
  const Record nc = raise("Bias review skipped");
  const Record first = add_action(nc.id, "Add a checklist step");
  ASSERT_TRUE(move(nonconformities(), nc.id, "analyse", manager_, analysis()).ok());
  complete(first.id);

  auto no_reason = move(nonconformities(), nc.id, "reopen", manager_,
                        {{"effectiveness_result", "not_effective"s},
                         {"effectiveness_notes", "Skipped again in May"s}});
  ASSERT_FALSE(no_reason.ok());
  EXPECT_EQ(no_reason.error().field, "reason");
  auto effective =
      move(nonconformities(), nc.id, "reopen", manager_,
           {{"effectiveness_result", "effective"s}, {"effectiveness_notes", "Fine"s}}, "because");
  ASSERT_FALSE(effective.ok());
  EXPECT_EQ(effective.error().field, "effectiveness_result");
  auto back = move(nonconformities(), nc.id, "reopen", manager_,
                   {{"effectiveness_result", "not_effective"s},
                    {"effectiveness_notes", "Skipped again in May"s}},
                   "The checklist step is skipped by the scheduled retraining");
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(back->record.state, "analysed");
  EXPECT_TRUE(back->record.is_set("reopened_at"));
  EXPECT_FALSE(back->record.is_set("effectiveness_due_on"));
  EXPECT_EQ(back->record.text("effectiveness_result"), "not_effective");  // readable till next

  // The old action alone no longer counts.
  auto old = move(nonconformities(), nc.id, "actions_done", manager_);
  ASSERT_FALSE(old.ok());
  EXPECT_EQ(old.error().message,
            "the effectiveness check sent it back: a new corrective action must be completed");

  const Record second = add_action(nc.id, "Automate the bias check");
  complete(second.id);
  auto again = read(nonconformities(), nc.id);
  EXPECT_EQ(again->state, "actions_done");
  EXPECT_EQ(again->text("effectiveness_due_on"), date_in(90));
  EXPECT_FALSE(again->is_set("effectiveness_result"));  // a new check starts
  EXPECT_FALSE(again->is_set("effectiveness_notes"));
}

TEST_P(NonconformityTest, AMajorOneClosesOnlyWithTheAimsManagersApprovalNotTheLastActionOwners) {
  const Record nc = raise("Releases without review", "major");
  add_action(nc.id, "First fix");
  ASSERT_TRUE(move(nonconformities(), nc.id, "analyse", manager_, analysis()).ok());
  const auto actions = records::list_all(*db_, corrective_actions(), alpha_.org);
  ASSERT_TRUE(actions.ok());
  complete(actions->front().id);
  const Values check = {{"effectiveness_result", "effective"s},
                        {"effectiveness_notes", "Sampled ten releases"s}};

  auto plain = move(nonconformities(), nc.id, "close", approver_, check);
  ASSERT_FALSE(plain.ok());
  EXPECT_EQ(plain.error().message,
            "a major nonconformity closes only with the AIMS manager's approval (Approve "
            "closure)");
  auto by_admin =
      move(nonconformities(), nc.id, "approve_close", inventory::testing::kActor, check);
  ASSERT_FALSE(by_admin.ok());
  EXPECT_EQ(by_admin.error().code, ErrorCode::permission_denied);
  EXPECT_EQ(by_admin.error().message, "your role does not approve nonconformities");

  // The doer owns the last action: the page shows why, and the move is refused with it.
  const std::string why =
      "you own the last corrective action, \"First fix\", so someone else must close this major "
      "nonconformity";
  auto view = records::workflow_view(*db_, nonconformities(), alpha_.org,
                                     *read(nonconformities(), nc.id), doer_);
  ASSERT_TRUE(view.ok());
  bool shown = false;
  for (const auto& [t, reason] : view->closed)
    shown |= std::string(t->name) == "approve_close" && reason == why;
  EXPECT_TRUE(shown);
  auto by_doer = move(nonconformities(), nc.id, "approve_close", doer_, check);
  ASSERT_FALSE(by_doer.ok());
  EXPECT_EQ(by_doer.error().message, why);
  EXPECT_EQ(read(nonconformities(), nc.id)->state, "actions_done");

  auto approved = move(nonconformities(), nc.id, "approve_close", approver_, check, "Checked");
  ASSERT_TRUE(approved.ok()) << approved.error().message;
  EXPECT_TRUE(approved->moved);
  EXPECT_EQ(approved->approvals_given, 1);
  EXPECT_EQ(approved->record.state, "closed");
}

TEST_P(NonconformityTest, TheFieldsEachRuleNeedsAreNamed) {
  auto action = records::create(*db_, corrective_actions(), alpha_.org,
                                with({{"title", "Something"s}}), manager_);
  ASSERT_FALSE(action.ok());
  EXPECT_EQ(fields_of(action.error()),
            (std::set<std::string>{"nonconformity_id", "owner_id", "due_on"}));

  auto gap = records::create(*db_, nonconformities(), alpha_.org,
                             with({{"title", "Gap"s},
                                   {"grade", "minor"s},
                                   {"source", "manual"s},
                                   {"why_2", "Because"s},
                                   {"similar_elsewhere", "yes"s}}),
                             manager_);
  ASSERT_FALSE(gap.ok());
  EXPECT_EQ(fields_of(gap.error()), (std::set<std::string>{"why_1", "similar_where"}));

  auto grade = records::create(*db_, nonconformities(), alpha_.org,
                               with({{"title", "Grade"s}, {"grade", "huge"s}}), manager_);
  ASSERT_FALSE(grade.ok());
  EXPECT_EQ(fields_of(grade.error()), std::set<std::string>{"grade"});
}

TEST_P(NonconformityTest, NoActionIsAddedToAClosedNonconformity) {
  const Record nc = raise("Closed one");
  complete(add_action(nc.id).id);
  ASSERT_TRUE(move(nonconformities(), nc.id, "analyse", manager_, analysis()).ok());
  ASSERT_TRUE(move(nonconformities(), nc.id, "actions_done", manager_).ok());
  ASSERT_TRUE(move(nonconformities(), nc.id, "close", manager_,
                   {{"effectiveness_result", "effective"s}, {"effectiveness_notes", "Held"s}})
                  .ok());
  auto late = records::create(*db_, corrective_actions(), alpha_.org,
                              with({{"title", "Late"s},
                                    {"nonconformity_id", nc.id},
                                    {"owner_id", doer_.user_id.value()},
                                    {"due_on", date_in(5)}}),
                              manager_);
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().field, "nonconformity_id");
  EXPECT_EQ(late.error().message,
            "\"Closed one\" is closed: send it back for a new action before adding one");
}

TEST_P(NonconformityTest, RaisedFromAnIncidentOnceAndLinkedBothWays) {
  auto incident = records::create(*db_, incidents(), alpha_.org,
                                  with({{"system_id", system_},
                                        {"title", "Approvals of women fell"s},
                                        {"description", "Disparate impact 0.70"s},
                                        {"severity", "high"s}}),
                                  manager_);
  ASSERT_TRUE(incident.ok()) << incident.error().message;
  auto nc = raise_from_incident(*db_, alpha_.org, incident->id, {}, manager_);
  ASSERT_TRUE(nc.ok()) << nc.error().message;
  EXPECT_EQ(nc->text("title"), "Approvals of women fell");
  EXPECT_EQ(nc->text("description"), "Disparate impact 0.70");
  EXPECT_EQ(nc->text("grade"), "major");  // a high incident
  EXPECT_EQ(nc->text("source"), "incident");
  EXPECT_EQ(nc->ids("incident_id"), records::Ids{incident->id});
  EXPECT_EQ(nc->ids("system_ids"), records::Ids{system_});
  EXPECT_EQ(nc->state, "open");

  // The incident's page lists it under "Referred to by".
  auto referrers = records::referred_by(*db_, alpha_.org, incidents(), incident->id);
  ASSERT_TRUE(referrers.ok());
  ASSERT_EQ(referrers->size(), 1u);
  EXPECT_EQ(referrers->front().id, nc->id);
  EXPECT_EQ(std::string(referrers->front().from->type), "nonconformity");

  auto again =
      raise_from_incident(*db_, alpha_.org, incident->id, {"Other", "", "minor"}, manager_);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::already_exists);
  EXPECT_EQ(again.error().message,
            "nonconformity \"Approvals of women fell\" was already raised from this incident");

  auto elsewhere = raise_from_incident(*db_, beta_.org, incident->id, {}, manager_);
  ASSERT_FALSE(elsewhere.ok());
  EXPECT_EQ(elsewhere.error().code, ErrorCode::not_found);
}

INSTANTIATE_TEST_SUITE_P(Backends, NonconformityTest,
                         ::testing::ValuesIn(aims::testing::all_backends()),
                         aims::testing::backend_name);

}  // namespace
}  // namespace aims::improvement
