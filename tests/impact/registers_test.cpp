// Impact assessments and their harms and benefits on both backends (src/impact/registers.cpp):
// what a new assessment copies from the inventory, its validity worked out from the day it was
// made, the rules on conditions, validity, controls and mitigations, what submitting needs
// (including the six EU AI Act Art. 27 items), approval by someone who neither wrote nor leads
// it, a newer approval superseding the older one of the same system, harms and benefits locked
// once the assessment leaves draft, and another organisation kept out.
//
// Every expected value is worked out by hand from the records each test creates.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "impact/fixture.h"

namespace aims::impact::testing {
namespace {

using ::testing::HasSubstr;

class AssessmentsTest : public ImpactTest {};

// ---- prefill ------------------------------------------------------------------------------------

TEST_P(AssessmentsTest, ANewAssessmentStartsFromWhatTheInventorySaysOfTheSystem) {
  const int64_t loans = add_dataset("Loan book 2025");
  const int64_t bureau = add_dataset("Bureau data");
  const int64_t scorer =
      add_system("Credit scorer", {{"intended_use", "Loan officers rank retail applications"s},
                                   {"foreseeable_misuse", "Ranking staff for bonuses"s},
                                   {"dataset_ids", records::Ids{loans, bureau}}});

  // Left empty: the three are the system's.
  const Record copied = must_create_assessment(assessment("Credit scorer 2026", scorer));
  EXPECT_EQ(copied.state, "draft");
  EXPECT_EQ(copied.text("intended_use"), "Loan officers rank retail applications");
  EXPECT_EQ(copied.text("foreseeable_misuse"), "Ranking staff for bonuses");
  EXPECT_EQ(copied.ids("dataset_ids"), (records::Ids{loans, bureau}));
  // As stored, not only as returned.
  auto stored = read(copied.id);
  ASSERT_TRUE(stored.ok()) << why(stored);
  EXPECT_EQ(stored->text("intended_use"), "Loan officers rank retail applications");
  EXPECT_EQ(stored->text("foreseeable_misuse"), "Ranking staff for bonuses");
  EXPECT_EQ(stored->ids("dataset_ids"), (records::Ids{loans, bureau}));

  // Given: kept as given, each on its own.
  const Record given =
      must_create_assessment(assessment("Credit scorer pre-screening", scorer,
                                        {{"intended_use", "Pre-screening only"s},
                                         {"foreseeable_misuse", "Automatic refusals"s},
                                         {"dataset_ids", records::Ids{bureau}}}));
  EXPECT_EQ(given.text("intended_use"), "Pre-screening only");
  EXPECT_EQ(given.text("foreseeable_misuse"), "Automatic refusals");
  EXPECT_EQ(given.ids("dataset_ids"), records::Ids{bureau});
  const Record partly = must_create_assessment(
      assessment("Credit scorer misuse only", scorer, {{"foreseeable_misuse", "Scraping"s}}));
  EXPECT_EQ(partly.text("intended_use"), "Loan officers rank retail applications");
  EXPECT_EQ(partly.text("foreseeable_misuse"), "Scraping");
  EXPECT_EQ(partly.ids("dataset_ids"), (records::Ids{loans, bureau}));

  // The copy is made when the assessment is created: a later change of the system leaves the
  // draft as it was written.
  ASSERT_TRUE(
      edit_system(scorer, {{"intended_use", "Underwriters rank applications"s}}, admin_).ok());
  EXPECT_EQ(read(copied.id)->text("intended_use"), "Loan officers rank retail applications");
}

TEST_P(AssessmentsTest, ADatasetArchivedSinceTheSystemNamedItIsNotCopied) {
  // The system still names the dataset (a reference it had may stay), but a new assessment may not
  // refer to an archived one: it takes the system's other datasets instead of refusing a field the
  // person left empty.
  const int64_t old_data = add_dataset("Loan book 2019");
  const int64_t loans = add_dataset("Loan book 2025");
  const int64_t scorer =
      add_system("Credit scorer", {{"dataset_ids", records::Ids{old_data, loans}}});
  ASSERT_TRUE(records::archive(*db_, inventory::datasets(), alpha_.org, old_data, admin_).ok());

  auto created = create_assessment(assessment("Credit scorer 2026", scorer));
  ASSERT_TRUE(created.ok()) << why(created);
  EXPECT_EQ(created->ids("dataset_ids"), records::Ids{loans});
}

TEST_P(AssessmentsTest, ValidUntilIsAYearAfterTheAssessmentUnlessGiven) {
  const int64_t scorer = add_system("Credit scorer");
  // 2026-01-31 + 12 months = 2027-01-31.
  const Record plain =
      must_create_assessment(assessment("Plain", scorer, {{"assessed_on", "2026-01-31"s}}));
  EXPECT_EQ(plain.text("valid_until"), "2027-01-31");
  EXPECT_EQ(read(plain.id)->text("valid_until"), "2027-01-31");
  // 2028-02-29 + 12 months: 2029 has no 29 February, so the month's last day, 2029-02-28.
  const Record leap =
      must_create_assessment(assessment("Leap", scorer, {{"assessed_on", "2028-02-29"s}}));
  EXPECT_EQ(leap.text("valid_until"), "2029-02-28");
  // Given: kept.
  const Record given = must_create_assessment(assessment(
      "Given", scorer, {{"assessed_on", "2026-01-31"s}, {"valid_until", "2026-07-31"s}}));
  EXPECT_EQ(given.text("valid_until"), "2026-07-31");
  // Not assessed yet: no validity.
  const Record undated = must_create_assessment(assessment("Undated", scorer));
  EXPECT_FALSE(undated.is_set("valid_until"));
  // Dated later: 2026-03-15 + 12 months.
  auto dated = edit_assessment(undated.id, {{"assessed_on", "2026-03-15"s}});
  ASSERT_TRUE(dated.ok()) << why(dated);
  EXPECT_EQ(dated->text("valid_until"), "2027-03-15");
  // Re-dated: a worked-out validity follows the new day, 2027-04-30 + 12 months, rather than
  // being left behind it and refused as ending before the assessment.
  auto redated = edit_assessment(undated.id, {{"assessed_on", "2027-04-30"s}});
  ASSERT_TRUE(redated.ok()) << why(redated);
  EXPECT_EQ(redated->text("valid_until"), "2028-04-30");
  // One given by hand stays when the day changes.
  auto moved = edit_assessment(given.id, {{"assessed_on", "2026-02-15"s}});
  ASSERT_TRUE(moved.ok()) << why(moved);
  EXPECT_EQ(moved->text("valid_until"), "2026-07-31");
}

// ---- validation ---------------------------------------------------------------------------------

TEST_P(AssessmentsTest, ConditionsValidityAndControlsAreChecked) {
  const int64_t scorer = add_system("Credit scorer");

  // Proceeding with conditions names them.
  auto unconditional = create_assessment(
      assessment("Conditional", scorer, {{"decision", "proceed_with_conditions"s}}));
  ASSERT_FALSE(unconditional.ok());
  EXPECT_EQ(unconditional.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(unconditional.error().field, "conditions");
  EXPECT_EQ(unconditional.error().message, "say which conditions the system proceeds under");
  EXPECT_TRUE(unconditional.error().problems.empty()) << "one problem only";
  EXPECT_TRUE(create_assessment(assessment("Conditional", scorer,
                                           {{"decision", "proceed_with_conditions"s},
                                            {"conditions", "A person reviews every refusal"s}}))
                  .ok());

  // Valid after the day it was made: the same day or earlier is refused.
  for (const char* until : {"2026-01-31", "2026-01-30"}) {
    auto same_day = create_assessment(
        assessment("Short-lived", scorer,
                   {{"assessed_on", "2026-01-31"s}, {"valid_until", std::string(until)}}));
    ASSERT_FALSE(same_day.ok()) << until;
    EXPECT_EQ(same_day.error().field, "valid_until") << until;
    EXPECT_EQ(same_day.error().message, "the assessment must stay valid after the day it was made");
  }
  EXPECT_TRUE(create_assessment(
                  assessment("Short-lived", scorer,
                             {{"assessed_on", "2026-01-31"s}, {"valid_until", "2026-02-01"s}}))
                  .ok());

  // Annex A controls by their number.
  auto unknown = create_assessment(
      assessment("Controlled", scorer, {{"controls", std::vector<std::string>{"A.5.4", "A.99"}}}));
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().field, "controls");
  EXPECT_EQ(unknown.error().message,
            "\"A.99\" is no Annex A control: give its number, such as A.5.4");
  auto known = create_assessment(assessment(
      "Controlled", scorer, {{"controls", std::vector<std::string>{"A.5.4", "A.6.2.6"}}}));
  ASSERT_TRUE(known.ok()) << why(known);
  EXPECT_EQ(known->list("controls"), (std::vector<std::string>{"A.5.4", "A.6.2.6"}));

  // All three at once: each named beside its field.
  auto all = create_assessment(assessment("Everything wrong", scorer,
                                          {{"decision", "proceed_with_conditions"s},
                                           {"assessed_on", "2026-01-31"s},
                                           {"valid_until", "2025-12-31"s},
                                           {"controls", std::vector<std::string>{"B.1"}}}));
  ASSERT_FALSE(all.ok());
  std::vector<std::string> fields;
  for (const auto& p : all.error().problems)
    fields.push_back(p.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"conditions", "valid_until", "controls"}));
}

TEST_P(AssessmentsTest, AHarmNeedsAMitigationABenefitDoesNot) {
  const int64_t scorer = add_system("Credit scorer");
  const Record a = must_create_assessment(assessment("Credit scorer 2026", scorer));

  auto unmitigated = create_impact(
      harm("Refusals skewed by postcode", a.id, {{"mitigation", records::FieldValue()}}));
  ASSERT_FALSE(unmitigated.ok());
  EXPECT_EQ(unmitigated.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(unmitigated.error().field, "mitigation");
  EXPECT_EQ(unmitigated.error().message, "say how the harm is prevented or reduced");

  auto benefit = create_impact(harm(
      "Faster answers", a.id,
      {{"kind", "benefit"s}, {"dimension", "economic"s}, {"mitigation", records::FieldValue()}}));
  ASSERT_TRUE(benefit.ok()) << why(benefit);

  auto mitigated = create_impact(harm("Refusals skewed by postcode", a.id));
  ASSERT_TRUE(mitigated.ok()) << why(mitigated);
  // Turning the benefit into a harm asks for its mitigation too.
  auto turned = edit_impact(benefit->id, {{"kind", "harm"s}});
  ASSERT_FALSE(turned.ok());
  EXPECT_EQ(turned.error().field, "mitigation");

  // Its controls are Annex A controls.
  auto unknown = create_impact(harm(
      "Opaque refusals", a.id,
      {{"dimension", "transparency"s}, {"controls", std::vector<std::string>{"A.8.2", "A.42"}}}));
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().field, "controls");
  EXPECT_EQ(unknown.error().message,
            "\"A.42\" is no Annex A control: give its number, such as A.5.4");
}

TEST_P(AssessmentsTest, SubmittingNeedsScopeDecisionDateAndASummary) {
  const int64_t scorer = add_system("Credit scorer");
  const Record a = must_create_assessment(assessment("Credit scorer 2026", scorer));

  auto bare = step(a.id, "submit", author_, "Findings");
  ASSERT_FALSE(bare.ok());
  EXPECT_EQ(bare.error().code, ErrorCode::invalid_argument);
  // In the order the step lists them: decision, assessed_on, scope.
  ASSERT_EQ(bare.error().problems.size(), 3u);
  EXPECT_EQ(bare.error().problems[0].field, "decision");
  EXPECT_EQ(bare.error().problems[0].message, "Decision is needed to submit for review");
  EXPECT_EQ(bare.error().problems[1].field, "assessed_on");
  EXPECT_EQ(bare.error().problems[1].message, "Assessed on is needed to submit for review");
  EXPECT_EQ(bare.error().problems[2].field, "scope");
  EXPECT_EQ(bare.error().problems[2].message, "Scope is needed to submit for review");

  // Each alone is named.
  const Values ready = {{"scope", "Retail lending in the EU"s},
                        {"decision", "proceed"s},
                        {"assessed_on", "2026-01-31"s}};
  for (const auto& entry : ready) {
    const std::string& missing = entry.first;
    Values others = ready;
    others.erase(missing);
    const Record r = must_create_assessment(assessment("Without " + missing, scorer, others));
    auto refused = step(r.id, "submit", author_, "Findings");
    ASSERT_FALSE(refused.ok()) << missing;
    EXPECT_EQ(refused.error().field, missing);
    EXPECT_TRUE(refused.error().problems.empty()) << missing;
    EXPECT_EQ(read(r.id)->state, "draft");
  }

  // The summary of the findings is the step's reason.
  auto silent = step(a.id, "submit", author_, "", ready);
  ASSERT_FALSE(silent.ok());
  EXPECT_EQ(silent.error().field, "reason");
  EXPECT_EQ(silent.error().message, "a summary of the findings is needed to submit for review");
  EXPECT_EQ(read(a.id)->state, "draft");

  // The submitter may give what is missing with the step; the validity follows from the date:
  // 2026-01-31 + 12 months.
  auto submitted = step(a.id, "submit", author_, "One harm, mitigated", ready);
  ASSERT_TRUE(submitted.ok()) << why(submitted);
  EXPECT_EQ(submitted->record.state, "in_review");
  EXPECT_EQ(submitted->record.text("scope"), "Retail lending in the EU");
  EXPECT_EQ(submitted->record.text("valid_until"), "2027-01-31");
}

TEST_P(AssessmentsTest, TheFundamentalRightsItemsAreAllNeededToSubmit) {
  const int64_t scorer = add_system("Credit scorer");
  const std::vector<std::string> items = {"fria_process", "fria_period",    "fria_persons",
                                          "fria_risks",   "fria_oversight", "fria_measures"};
  const std::string message =
      "the fundamental-rights assessment (EU AI Act Art. 27) needs every item";
  const Record a =
      must_create_assessment(ready_assessment("Credit scorer FRIA", scorer, {{"fria", true}}));

  // None given: all six named, each beside its field.
  auto none = step(a.id, "submit", author_, "Findings");
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(none.error().field, "fria_process");
  ASSERT_EQ(none.error().problems.size(), items.size());
  for (size_t i = 0; i < items.size(); ++i) {
    EXPECT_EQ(none.error().problems[i].field, items[i]);
    EXPECT_EQ(none.error().problems[i].message, message);
  }
  EXPECT_EQ(read(a.id)->state, "draft");

  // Five of six: the sixth is named, alone.
  for (size_t i = 0; i + 1 < items.size(); ++i)
    ASSERT_TRUE(edit_assessment(a.id, {{items[i], "Stated for " + items[i]}}).ok()) << items[i];
  auto five = step(a.id, "submit", author_, "Findings");
  ASSERT_FALSE(five.ok());
  EXPECT_EQ(five.error().field, "fria_measures");
  EXPECT_EQ(five.error().message, message);
  EXPECT_TRUE(five.error().problems.empty());
  EXPECT_EQ(read(a.id)->state, "draft");

  ASSERT_TRUE(
      edit_assessment(a.id, {{"fria_measures", "Complaints desk; suspend the model"s}}).ok());
  auto six = step(a.id, "submit", author_, "Findings");
  ASSERT_TRUE(six.ok()) << why(six);
  EXPECT_EQ(six->record.state, "in_review");

  // Without the Art. 27 assessment none of them is asked for.
  const Record plain = must_create_assessment(ready_assessment("Credit scorer plain", scorer));
  auto submitted = step(plain.id, "submit", author_, "Findings");
  ASSERT_TRUE(submitted.ok()) << why(submitted);
}

// ---- separation of duties -----------------------------------------------------------------------

TEST_P(AssessmentsTest, OnlyAnApproverWhoNeitherWroteNorLeadsItApproves) {
  const int64_t scorer = add_system("Credit scorer");
  const Record a = must_create_assessment(ready_assessment("Credit scorer 2026", scorer));
  ASSERT_TRUE(step(a.id, "submit", author_, "Two harms, both mitigated").ok());

  // The author and the assessor are both AIMS managers, whose role approves; separation of duties
  // refuses them. A contributor's role does not approve at all.
  for (const Caller* who : {&author_, &assessor_}) {
    auto own = step(a.id, "approve", *who, "Looks right");
    ASSERT_FALSE(own.ok()) << who->actor.label;
    EXPECT_EQ(own.error().code, ErrorCode::permission_denied);
    EXPECT_EQ(own.error().message,
              "separation of duties: you wrote or own this impact assessment, so someone else must "
              "approve it");
  }
  auto contributor = step(a.id, "approve", contributor_, "Looks right");
  ASSERT_FALSE(contributor.ok());
  EXPECT_EQ(contributor.error().code, ErrorCode::permission_denied);
  EXPECT_EQ(contributor.error().message, "your role may not approve");
  // The refusals left it in review, with no version.
  EXPECT_EQ(read(a.id)->state, "in_review");
  EXPECT_EQ(read(a.id)->frozen, 0);
  auto none = records::versions(*db_, assessments(), alpha_.org, a.id);
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());

  auto approved = step(a.id, "approve", approver_, "Mitigations are adequate");
  ASSERT_TRUE(approved.ok()) << why(approved);
  EXPECT_TRUE(approved->moved);
  EXPECT_EQ(approved->approvals_given, 1);
  EXPECT_EQ(approved->record.state, "approved");
  EXPECT_EQ(approved->record.frozen, 1);

  auto versions = records::versions(*db_, assessments(), alpha_.org, a.id);
  ASSERT_TRUE(versions.ok());
  ASSERT_EQ(versions->size(), 1u);
  EXPECT_EQ(versions->front().number, 1);
  EXPECT_EQ(versions->front().frozen_by, "approver@alpha.test");
  EXPECT_EQ(versions->front().reason, "Mitigations are adequate");
  EXPECT_EQ(versions->front().snapshot.state, "approved");
  EXPECT_EQ(versions->front().snapshot.text("scope"), "Retail lending in the EU");

  // The approval is in the trail, by the approver, naming the step and the move.
  const auto events = events_of("impact_assessment", a.id);
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.front().action, "transition");
  EXPECT_EQ(events.front().actor_label, "approver@alpha.test");
  EXPECT_THAT(events.front().changes, HasSubstr("\"transition\":{\"after\":\"approve\""));
  EXPECT_THAT(events.front().changes,
              HasSubstr("\"state\":{\"after\":\"approved\",\"before\":\"in_review\"}"));
  EXPECT_THAT(events.front().changes, HasSubstr("\"approvals\":{\"after\":\"1 of 1\""));

  // People no longer change an approved assessment.
  auto edited = edit_assessment(a.id, {{"scope", "All of the EU"s}});
  ASSERT_FALSE(edited.ok());
  EXPECT_EQ(edited.error().code, ErrorCode::failed_precondition);
}

// ---- supersede ----------------------------------------------------------------------------------

TEST_P(AssessmentsTest, ApprovingANewerAssessmentSupersedesTheOlderOfTheSameSystemOnly) {
  const int64_t scorer = add_system("Credit scorer");
  const int64_t chatbot = add_system("Support chatbot");
  const int64_t first = approved_assessment("Credit scorer 2026", scorer);
  const int64_t other = approved_assessment("Support chatbot 2026", chatbot);
  const Record other_before = *read(other);
  // A draft of the same system is no approved assessment to replace.
  const Record draft = must_create_assessment(ready_assessment("Credit scorer draft", scorer));

  const Record second = must_create_assessment(
      ready_assessment("Credit scorer 2027", scorer, {{"assessed_on", "2027-01-15"s}}));
  ASSERT_TRUE(step(second.id, "submit", author_, "Retrained model").ok());
  EXPECT_EQ(read(first)->state, "approved") << "submitting replaces nothing";
  ASSERT_TRUE(step(second.id, "approve", approver_, "Reviewed").ok());

  const Record now_first = *read(first);
  const Record now_second = *read(second.id);
  EXPECT_EQ(now_second.state, "approved");
  EXPECT_EQ(now_first.state, "superseded");
  // In the approval's own transaction: both moved at the instant that transaction took.
  EXPECT_EQ(now_first.state_since, now_second.state_since);
  // Its approved version stays.
  auto kept = records::versions(*db_, assessments(), alpha_.org, first);
  ASSERT_TRUE(kept.ok());
  ASSERT_EQ(kept->size(), 1u);
  EXPECT_EQ(kept->front().snapshot.state, "approved");

  // The trail names the move, who made it happen and why.
  const auto events = events_of("impact_assessment", first);
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.front().action, "transition");
  EXPECT_EQ(events.front().actor_label, "approver@alpha.test");
  EXPECT_THAT(events.front().changes, HasSubstr("\"transition\":{\"after\":\"supersede\""));
  EXPECT_THAT(events.front().changes,
              HasSubstr("\"state\":{\"after\":\"superseded\",\"before\":\"approved\"}"));
  EXPECT_THAT(events.front().changes, HasSubstr("replaced by \\\"Credit scorer 2027\\\""));

  // Another system's approved assessment and the draft are untouched.
  const Record now_other = *read(other);
  EXPECT_EQ(now_other.state, "approved");
  EXPECT_EQ(now_other.version, other_before.version);
  EXPECT_EQ(read(draft.id)->state, "draft");
}

// ---- harms and benefits locked ------------------------------------------------------------------

TEST_P(AssessmentsTest, HarmsAndBenefitsChangeOnlyWhileTheAssessmentIsADraft) {
  const int64_t scorer = add_system("Credit scorer");
  const Record a = must_create_assessment(ready_assessment("Credit scorer 2026", scorer));
  auto h = create_impact(harm("Refusals skewed by postcode", a.id));
  ASSERT_TRUE(h.ok()) << why(h);
  ASSERT_TRUE(edit_impact(h->id, {{"severity", "very_high"s}}).ok());

  auto refused = [&](const std::string& state_label) {
    auto added = create_impact(harm("Opaque refusals", a.id));
    ASSERT_FALSE(added.ok()) << state_label;
    EXPECT_EQ(added.error().code, ErrorCode::failed_precondition);
    EXPECT_EQ(added.error().message,
              "the impact assessment \"Credit scorer 2026\" is " + state_label +
                  ": its harms and benefits change only while it is a draft");
    auto changed = edit_impact(h->id, {{"severity", "low"s}});
    ASSERT_FALSE(changed.ok()) << state_label;
    EXPECT_EQ(changed.error().code, ErrorCode::failed_precondition);
    EXPECT_THAT(changed.error().message, HasSubstr("\"Credit scorer 2026\""));
  };

  ASSERT_TRUE(step(a.id, "submit", author_, "One harm").ok());
  refused("in review");
  // Sent back, it is a draft again.
  ASSERT_TRUE(step(a.id, "send_back", approver_, "Weigh opaque refusals too").ok());
  auto added = create_impact(harm("Opaque refusals", a.id, {{"dimension", "transparency"s}}));
  ASSERT_TRUE(added.ok()) << why(added);
  approve(a.id);
  refused("approved");
  EXPECT_EQ(records::get(*db_, impacts(), alpha_.org, h->id)->text("severity"), "very_high");

  // Nor may a harm leave the approved assessment for a draft, or join it from one.
  const Record draft = must_create_assessment(assessment("Credit scorer 2027", scorer));
  auto moved_out = edit_impact(h->id, {{"assessment_id", draft.id}});
  ASSERT_FALSE(moved_out.ok());
  EXPECT_EQ(moved_out.error().code, ErrorCode::failed_precondition);
  EXPECT_THAT(moved_out.error().message, HasSubstr("\"Credit scorer 2026\""));
  EXPECT_EQ(records::get(*db_, impacts(), alpha_.org, h->id)->ids("assessment_id"),
            records::Ids{a.id});
  auto d = create_impact(harm("Drift", draft.id));
  ASSERT_TRUE(d.ok()) << why(d);
  auto moved_in = edit_impact(d->id, {{"assessment_id", a.id}});
  ASSERT_FALSE(moved_in.ok());
  EXPECT_EQ(moved_in.error().code, ErrorCode::failed_precondition);
}

// ---- tenancy ------------------------------------------------------------------------------------

TEST_P(AssessmentsTest, AnotherOrganisationCannotReadOrChangeAnAssessment) {
  const int64_t scorer = add_system("Credit scorer");
  const Record a = must_create_assessment(ready_assessment("Credit scorer 2026", scorer));
  auto h = create_impact(harm("Refusals skewed by postcode", a.id));
  ASSERT_TRUE(h.ok());
  const Caller stranger{
      {"user", beta_.users[0], "owner@beta.test"}, beta_.users[0], auth::Role::admin};
  Record change;
  change.values = {{"scope", "Taken over"s}};

  EXPECT_EQ(records::get(*db_, assessments(), beta_.org, a.id).error().code, ErrorCode::not_found);
  EXPECT_EQ(records::update(*db_, assessments(), beta_.org, a.id, change, a.version, stranger)
                .error()
                .code,
            ErrorCode::not_found);
  EXPECT_EQ(records::transition(*db_, assessments(), beta_.org, a.id,
                                {"submit", "Findings", {}, a.version}, stranger)
                .error()
                .code,
            ErrorCode::not_found);
  EXPECT_EQ(records::archive(*db_, assessments(), beta_.org, a.id, stranger).error().code,
            ErrorCode::not_found);
  EXPECT_EQ(records::versions(*db_, assessments(), beta_.org, a.id).error().code,
            ErrorCode::not_found);
  EXPECT_EQ(records::get(*db_, impacts(), beta_.org, h->id).error().code, ErrorCode::not_found);
  auto listed = records::list_all(*db_, assessments(), beta_.org);
  ASSERT_TRUE(listed.ok());
  EXPECT_TRUE(listed->empty());

  // Nor refer to alpha's assessment or system from its own records.
  Record theirs = harm("Borrowed harm", a.id);
  auto borrowed = records::create(*db_, impacts(), beta_.org, theirs, stranger);
  ASSERT_FALSE(borrowed.ok());
  EXPECT_EQ(borrowed.error().field, "assessment_id");
  Record of_alpha =
      assessment("Their view of our scorer", scorer, {{"assessor_id", beta_.users[0]}});
  auto assessed = records::create(*db_, assessments(), beta_.org, of_alpha, stranger);
  ASSERT_FALSE(assessed.ok());
  EXPECT_EQ(assessed.error().field, "system_id");

  // Alpha's assessment is as it was.
  const Record after = *read(a.id);
  EXPECT_EQ(after.version, a.version);
  EXPECT_EQ(after.text("scope"), "Retail lending in the EU");
  EXPECT_EQ(after.state, "draft");
}

INSTANTIATE_TEST_SUITE_P(Backends, AssessmentsTest,
                         ::testing::ValuesIn(aims::testing::all_backends()),
                         aims::testing::backend_name);

}  // namespace
}  // namespace aims::impact::testing
