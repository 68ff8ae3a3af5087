// Context issues, interested parties and their requirements on both backends
// (src/context/issues.cpp, parties.cpp): what each needs, the rule that a requirement said to be
// addressed shows how and one that does not apply says why, a requirement listed on its party's
// page, an issue's workflow, every field read back as written, and another organisation kept out.
//
// Every expected value is worked out by hand from the records each test creates.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "context/fixture.h"

namespace aims::context::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

class ContextRegistersTest : public ContextTest {};

// ---- issues -------------------------------------------------------------------------------------

TEST_P(ContextRegistersTest, AnIssueNeedsItsEffectOnTheAims) {
  auto missing = create(issues(), {{"title", "Talent shortage"s}, {"origin", "internal"s}});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(fields_of(missing.error()), (std::set<std::string>{"effect"}));

  auto bad = create(
      issues(),
      {{"title", "Talent shortage"s}, {"origin", "both"s}, {"effect", "Slower validation"s}});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(fields_of(bad.error()), (std::set<std::string>{"origin"}));
}

TEST_P(ContextRegistersTest, AnIssueIsReadBackAsWrittenWithTheRecordsThatAddressIt) {
  const int64_t policy = add_document("AI policy");
  const int64_t validators = add_risk("Too few validators");
  const Record written = issue("EU AI Act obligations for high-risk credit scoring", "external",
                               {{"category", "legal_regulatory"s},
                                {"relevance", "high"s},
                                {"description", "Annex III 5(b): creditworthiness"s},
                                {"response", "Conformity plan for August 2026"s},
                                {"risk_ids", records::Ids{validators}},
                                {"document_ids", records::Ids{policy}},
                                {"next_review", "2027-03-31"s}});
  auto stored = read(issues(), written.id);
  ASSERT_TRUE(stored.ok()) << why(stored);
  EXPECT_EQ(stored->state, "open");
  EXPECT_EQ(stored->text("origin"), "external");
  EXPECT_EQ(stored->text("category"), "legal_regulatory");
  EXPECT_EQ(stored->text("relevance"), "high");
  EXPECT_EQ(stored->text("description"), "Annex III 5(b): creditworthiness");
  EXPECT_EQ(stored->text("effect"), "Shapes what the AIMS must prove");
  EXPECT_EQ(stored->text("response"), "Conformity plan for August 2026");
  EXPECT_EQ(stored->ids("risk_ids"), records::Ids{validators});
  EXPECT_EQ(stored->ids("document_ids"), records::Ids{policy});
  EXPECT_EQ(stored->number("owner_id"), manager_id());
  EXPECT_EQ(stored->text("next_review"), "2027-03-31");
}

TEST_P(ContextRegistersTest, AClosedIssueSaysWhyAndCanBeReopened) {
  const Record talent = issue("Talent shortage", "internal");
  // Closing without a reason is refused; with one, the issue is closed and cannot be edited.
  auto silent = step(issues(), talent.id, "close", "");
  ASSERT_FALSE(silent.ok());
  EXPECT_EQ(silent.error().field, "reason");
  auto closed = step(issues(), talent.id, "close", "Two validators hired in 2026");
  ASSERT_TRUE(closed.ok()) << why(closed);
  EXPECT_EQ(closed->record.state, "closed");
  EXPECT_TRUE(issues().is_done("closed"));
  EXPECT_FALSE(edit(issues(), talent.id, {{"relevance", "low"s}}).ok());
  auto reopened = step(issues(), talent.id, "reopen", "One validator left");
  ASSERT_TRUE(reopened.ok()) << why(reopened);
  EXPECT_EQ(reopened->record.state, "open");
}

// ---- interested parties and their requirements --------------------------------------------------

TEST_P(ContextRegistersTest, AnAddressedRequirementShowsHow) {
  const int64_t regulator = party("Financial conduct supervisor").id;
  const int64_t policy = add_document("AI policy");

  // Addressed, partly: a link or a note is needed. Undecided and not yet need neither.
  for (const char* decision : {"addressed", "partly"}) {
    auto bare = create(requirements(),
                       requirement("Explain credit refusals", regulator, {{"decision", decision}}));
    ASSERT_FALSE(bare.ok()) << decision;
    EXPECT_EQ(fields_of(bare.error()), (std::set<std::string>{"how_addressed"})) << decision;
    EXPECT_THAT(bare.error().message, HasSubstr("link the documents, risks or SoA entries"));
  }
  EXPECT_TRUE(create(requirements(), requirement("Explain credit refusals", regulator)).ok());
  EXPECT_TRUE(create(requirements(),
                     requirement("Report serious incidents", regulator, {{"decision", "not_yet"s}}))
                  .ok());

  // Any one of a note or a link is enough.
  EXPECT_TRUE(create(requirements(), requirement("Keep logs six months", regulator,
                                                 {{"decision", "addressed"s},
                                                  {"how_addressed", "Logging standard"s}}))
                  .ok());
  EXPECT_TRUE(create(requirements(),
                     requirement("Have an AI policy", regulator,
                                 {{"decision", "partly"s}, {"document_ids", records::Ids{policy}}}))
                  .ok());
}

TEST_P(ContextRegistersTest, ARequirementThatDoesNotApplySaysWhyAndKeepsTheReasonOnlyThen) {
  const int64_t regulator = party("Financial conduct supervisor").id;
  auto bare = create(requirements(), requirement("Register in the EU database", regulator,
                                                 {{"decision", "not_applicable"s}}));
  ASSERT_FALSE(bare.ok());
  EXPECT_EQ(fields_of(bare.error()), (std::set<std::string>{"not_applicable_reason"}));

  auto with_reason = create(
      requirements(), requirement("Register in the EU database", regulator,
                                  {{"decision", "not_applicable"s},
                                   {"not_applicable_reason", "Meridian deploys, not provides"s}}));
  ASSERT_TRUE(with_reason.ok()) << why(with_reason);
  EXPECT_EQ(with_reason->text("not_applicable_reason"), "Meridian deploys, not provides");

  // Decided otherwise later: the reason no longer applies and is cleared.
  auto changed = edit(requirements(), with_reason->id, {{"decision", "not_yet"s}});
  ASSERT_TRUE(changed.ok()) << why(changed);
  EXPECT_EQ(changed->text("not_applicable_reason"), "");
}

TEST_P(ContextRegistersTest, APartysPageListsItsRequirements) {
  const Record regulator = party("Financial conduct supervisor");
  const Record staff =
      party("Credit officers", {{"origin", "internal"s}, {"party_type", "employees"s}});
  const Record explain =
      must_create(requirements(), requirement("Explain credit refusals", regulator.id));
  const Record incidents =
      must_create(requirements(), requirement("Report serious incidents", regulator.id));
  must_create(requirements(), requirement("Training before go-live", staff.id));

  auto referrers = records::referred_by(*db_, alpha_.org, parties(), regulator.id);
  ASSERT_TRUE(referrers.ok()) << why(referrers);
  std::vector<std::string> names;
  for (const auto& r : *referrers) {
    EXPECT_EQ(r.from, &requirements());
    EXPECT_EQ(r.field_label, "Interested party");
    names.push_back(r.name);
  }
  // By id, so in the order they were created; the staff's requirement is not the regulator's.
  EXPECT_THAT(names, ElementsAre(explain.text("title"), incidents.text("title")));
}

TEST_P(ContextRegistersTest, PartyNamesAreUniqueWithinAnOrganisationOnly) {
  party("Financial conduct supervisor");
  Record again;
  again.values = {
      {"name", "Financial conduct supervisor"s}, {"party_type", "regulator"s}, {"interest", "x"s}};
  auto twice = records::create(*db_, parties(), alpha_.org, again, manager_);
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().code, ErrorCode::already_exists);
  EXPECT_TRUE(records::create(*db_, parties(), beta_.org, again, inventory::testing::kActor).ok());
}

TEST_P(ContextRegistersTest, AnotherOrganisationCannotReadOrChangeTheRecords) {
  const Record regulator = party("Financial conduct supervisor");
  const Record talent = issue("Talent shortage", "internal");
  for (const auto& [d, id] : std::vector<std::pair<const records::Description*, int64_t>>{
           {&parties(), regulator.id}, {&issues(), talent.id}}) {
    auto seen = records::get(*db_, *d, beta_.org, id);
    ASSERT_FALSE(seen.ok()) << d->type;
    EXPECT_EQ(seen.error().code, ErrorCode::not_found);
    Record changes;
    changes.values = {{d->title_field, "taken over"s}};
    auto changed = records::update(*db_, *d, beta_.org, id, changes, 1, inventory::testing::kActor);
    ASSERT_FALSE(changed.ok()) << d->type;
    EXPECT_EQ(changed.error().code, ErrorCode::not_found);
  }
  // Nor refer to alpha's party from beta's requirement.
  Record theirs;
  theirs.values = {{"title", "Taken over"s}, {"party_id", regulator.id}, {"source", "contract"s}};
  EXPECT_FALSE(
      records::create(*db_, requirements(), beta_.org, theirs, inventory::testing::kActor).ok());
}

INSTANTIATE_TEST_SUITE_P(Backends, ContextRegistersTest,
                         ::testing::ValuesIn(aims::testing::all_backends()),
                         aims::testing::backend_name);

}  // namespace
}  // namespace aims::context::testing
