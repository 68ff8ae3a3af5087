// Adopting the organisation's own risk criteria, on both backends: a new version re-scores every
// risk that is not closed and says which levels moved; a stale version and a scale that would drop
// a step an open risk scores are refused; the adoption is in the audit trail; scores must fit the
// scales in force.
#include <algorithm>

#include <gtest/gtest.h>

#include "risk/fixture.h"

namespace aims::risk {
namespace {

using records::Caller;
using records::Record;
using testing::fields_of;
using testing::Values;
using namespace std::string_literals;

// A 4 x 4 version, stricter than the default at the corners, whose owners accept only low:
//
//   likelihood \ impact   1        2        3        4
//   1                     low      low      medium   medium
//   2                     low      medium   medium   high
//   3                     medium   medium   high     high
//   4                     medium   high     high     critical
Criteria four_by_four() {
  Criteria c;
  c.likelihood = {{"Rare", "Once in ten years or less"},
                  {"Possible", "Within a few years"},
                  {"Likely", "Within the year"},
                  {"Almost certain", "Within months"}};
  c.impact = {{"Minor", "Put right in routine work"},
              {"Moderate", "Noticeable, reversible harm"},
              {"Major", "Serious harm to many people"},
              {"Severe", "Irreversible harm"}};
  c.matrix = {{"low", "low", "medium", "medium"},
              {"low", "medium", "medium", "high"},
              {"medium", "medium", "high", "high"},
              {"medium", "high", "high", "critical"}};
  c.threshold = "low";
  c.reason = "Four steps suit a firm of our size";
  return c;
}

Values scores(int64_t il, int64_t ii, std::optional<std::pair<int64_t, int64_t>> residual = {}) {
  Values v = {{"inherent_likelihood", il}, {"inherent_impact", ii}};
  if (residual) {
    v["residual_likelihood"] = residual->first;
    v["residual_impact"] = residual->second;
  }
  return v;
}

class RiskAdoptionTest : public testing::RiskTest {
 protected:
  Result<Adoption> adopt(Criteria c) { return adopt_criteria(*db_, alpha_.org, c, admin_); }
};

TEST_P(RiskAdoptionTest, ANewVersionRescoresOpenRisksAndNamesThoseThatMoved) {
  // Scored under the default product rule (<= 4 low, <= 9 medium, <= 16 high, else critical),
  // then under the 4 x 4 matrix above:
  //   Steady    inherent 3 x 4 = 12 high -> high      residual 2 x 3 = 6 medium -> medium
  //   Inherent  inherent 4 x 4 = 16 high -> critical  residual 1 x 2 = 2 low -> low
  //   Residual  inherent 3 x 2 = 6 medium -> medium   residual 2 x 2 = 4 low -> medium
  //   Closed    inherent 3 x 3 = 9 medium (would be high, but closed risks are left as they were)
  //   Unscored  no scores, no levels
  const Record steady = add_risk("Steady", scores(3, 4, {{2, 3}}));
  const Record inherent = add_risk("Inherent moves", scores(4, 4, {{1, 2}}));
  const Record residual = add_risk("Residual moves", scores(3, 2, {{2, 2}}));
  const Record closed = add_risk("Closed", scores(3, 3));
  const Record unscored = add_risk("Unscored");
  EXPECT_EQ(steady.text("inherent_level"), "high");
  EXPECT_EQ(steady.text("residual_level"), "medium");
  EXPECT_EQ(inherent.text("inherent_level"), "high");
  EXPECT_EQ(inherent.text("residual_level"), "low");
  EXPECT_EQ(residual.text("inherent_level"), "medium");
  EXPECT_EQ(residual.text("residual_level"), "low");
  EXPECT_EQ(closed.text("inherent_level"), "medium");
  EXPECT_EQ(unscored.text("inherent_level"), "");
  EXPECT_EQ(steady.number("criteria_version"), 0);
  must_step(closed.id, "close", owner_, "Merged into another risk");
  const Record closed_before = read(closed.id);

  auto adopted = adopt(four_by_four());
  ASSERT_TRUE(adopted.ok()) << adopted.error().field << ": " << adopted.error().message;
  EXPECT_EQ(adopted->criteria.version, 1);
  // Shown by the person's name, not the email they signed in with.
  EXPECT_EQ(adopted->criteria.changed_by, "Owner of Alpha");
  EXPECT_EQ(adopted->criteria.reason, "Four steps suit a firm of our size");
  EXPECT_FALSE(adopted->criteria.changed_at.empty());

  auto moved = adopted->moved;
  std::sort(moved.begin(), moved.end(),
            [](const LevelMove& a, const LevelMove& b) { return a.title < b.title; });
  ASSERT_EQ(moved.size(), 2u);
  EXPECT_EQ(moved[0].risk_id, inherent.id);
  EXPECT_EQ(moved[0].title, "Inherent moves");
  EXPECT_EQ(moved[0].which, "inherent");
  EXPECT_EQ(moved[0].from, "high");
  EXPECT_EQ(moved[0].to, "critical");
  EXPECT_EQ(moved[1].risk_id, residual.id);
  EXPECT_EQ(moved[1].which, "residual");
  EXPECT_EQ(moved[1].from, "low");
  EXPECT_EQ(moved[1].to, "medium");

  // What the register now holds.
  EXPECT_EQ(read(inherent.id).text("inherent_level"), "critical");
  EXPECT_EQ(read(inherent.id).text("residual_level"), "low");
  EXPECT_EQ(read(residual.id).text("residual_level"), "medium");
  EXPECT_EQ(read(steady.id).text("inherent_level"), "high");
  for (const Record* r : {&steady, &inherent, &residual, &unscored})
    EXPECT_EQ(read(r->id).number("criteria_version"), 1) << r->text("title");
  // The closed risk keeps its level, its version of the criteria and its row version.
  const Record closed_after = read(closed.id);
  EXPECT_EQ(closed_after.text("inherent_level"), "medium");
  EXPECT_EQ(closed_after.number("criteria_version"), 0);
  EXPECT_EQ(closed_after.version, closed_before.version);

  // The organisation's criteria are now the adopted version.
  auto current = current_criteria(*db_, alpha_.org);
  ASSERT_TRUE(current.ok());
  EXPECT_EQ(current->version, 1);
  EXPECT_EQ(current->likelihood.size(), 4u);
  EXPECT_EQ(current->threshold, "low");
  EXPECT_EQ(current->matrix, four_by_four().matrix);
  auto versions = criteria_versions(*db_, alpha_.org);
  ASSERT_TRUE(versions.ok());
  ASSERT_EQ(versions->size(), 1u);
  EXPECT_EQ((*versions)[0].reason, "Four steps suit a firm of our size");
  // Another organisation still scores with aims' default.
  EXPECT_EQ(current_criteria(*db_, beta_.org)->version, 0);
}

TEST_P(RiskAdoptionTest, TheAdoptionIsInTheAuditTrail) {
  ASSERT_TRUE(adopt(four_by_four()).ok());
  trail::Filter f;
  f.entity_type = "risk_criteria";
  auto events = db_->read([&](store::Tx& tx) { return trail::list(tx, alpha_.org, f); });
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 1u);
  const trail::Event& e = (*events)[0];
  EXPECT_EQ(e.action, "adopt");
  EXPECT_EQ(e.actor_label, "owner@alpha.test");
  EXPECT_NE(e.changes.find("Four steps suit a firm of our size"), std::string::npos) << e.changes;
  EXPECT_NE(e.changes.find("\"version\":{\"after\":1,\"before\":0}"), std::string::npos)
      << e.changes;
}

TEST_P(RiskAdoptionTest, AVersionProposedFromAnOldOneIsStale) {
  ASSERT_TRUE(adopt(four_by_four()).ok());
  // Someone else proposes from the default (version 0) after version 1 was adopted.
  auto stale = adopt(four_by_four());
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, ErrorCode::stale_version);
  Criteria from_current = four_by_four();
  from_current.version = 1;
  from_current.threshold = "medium";
  from_current.reason = "Owners may accept medium again";
  auto second = adopt(from_current);
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_EQ(second->criteria.version, 2);
  EXPECT_EQ(criteria_versions(*db_, alpha_.org)->size(), 2u);
}

TEST_P(RiskAdoptionTest, AProposalThatFailsItsChecksIsNotAdopted) {
  Criteria bad = four_by_four();
  bad.reason.clear();
  bad.matrix[0][0] = "tiny";
  auto refused = adopt(bad);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::invalid_argument);
  EXPECT_TRUE(fields_of(refused.error()).count("reason"));
  EXPECT_EQ(current_criteria(*db_, alpha_.org)->version, 0);
}

TEST_P(RiskAdoptionTest, AScaleCannotDropAStepAnOpenRiskScores) {
  // Likelihood 4 is scored by an open risk; a version with three likelihood steps would drop it.
  // Impact keeps its four steps, which every score fits, so only likelihood is named.
  const Record r = add_risk("Scores likelihood four", scores(4, 4, {{1, 2}}));
  ASSERT_TRUE(adopt(four_by_four()).ok());
  Criteria three = four_by_four();
  three.version = 1;
  three.likelihood.pop_back();
  three.matrix.pop_back();
  three.reason = "Three likelihood steps are enough";
  auto refused = adopt(three);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(fields_of(refused.error()), (std::set<std::string>{"likelihood"}));
  EXPECT_EQ(current_criteria(*db_, alpha_.org)->version, 1);
  // Once the risk is rescored within three steps, the scale may shrink.
  ASSERT_TRUE(edit(r.id, {{"inherent_likelihood", int64_t(3)}}, owner_).ok());
  auto adopted = adopt(three);
  ASSERT_TRUE(adopted.ok()) << adopted.error().field << ": " << adopted.error().message;
  EXPECT_EQ(adopted->criteria.version, 2);
}

TEST_P(RiskAdoptionTest, ScoresMustFitTheScalesInForce) {
  ASSERT_TRUE(adopt(four_by_four()).ok());
  // 5 was a step of the default scale, not of the organisation's 4-step one.
  auto beyond = create_risk("Scored five", scores(5, 2));
  ASSERT_FALSE(beyond.ok());
  EXPECT_EQ(beyond.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(fields_of(beyond.error()), (std::set<std::string>{"inherent_likelihood"}));
  // Within the scales: 4 x 4 is critical under the adopted matrix, scored with version 1.
  const Record fits = add_risk("Scored four", scores(4, 4));
  EXPECT_EQ(fits.text("inherent_level"), "critical");
  EXPECT_EQ(fits.number("criteria_version"), 1);
  auto edited =
      edit(fits.id, {{"residual_likelihood", int64_t(1)}, {"residual_impact", int64_t(5)}}, owner_);
  ASSERT_FALSE(edited.ok());
  EXPECT_EQ(fields_of(edited.error()), (std::set<std::string>{"residual_impact"}));
  // No score beyond 5 under any criteria: the field's own range.
  auto six = create_risk("Scored six", scores(2, 6));
  ASSERT_FALSE(six.ok());
  EXPECT_TRUE(fields_of(six.error()).count("inherent_impact"));
}

TEST_P(RiskAdoptionTest, AClosedRiskBeyondShorterScalesIsScoredAnewWhenReassessed) {
  // Closed risks are not re-scored, so the 4-step scales may be adopted while one scores 5 x 5.
  const Record r = add_risk("Closed at five", scores(5, 5));
  must_step(r.id, "close", owner_, "The product was withdrawn");
  ASSERT_TRUE(adopt(four_by_four()).ok());
  EXPECT_EQ(read(r.id).text("inherent_level"), "critical");  // 25 under the default, kept
  // Brought back as it is, its scores do not fit the scales in force ...
  auto as_it_was = step(r.id, "reassess", owner_, "The product is back");
  ASSERT_FALSE(as_it_was.ok());
  // (5 is beyond both 4-step scales: both scores are named.)
  EXPECT_EQ(fields_of(as_it_was.error()),
            (std::set<std::string>{"inherent_likelihood", "inherent_impact"}));
  // ... so it is scored anew with the move: 4 x 3 -> high under the 4 x 4 matrix.
  must_step(r.id, "reassess", owner_, "The product is back",
            {{"inherent_likelihood", int64_t(4)}, {"inherent_impact", int64_t(3)}});
  const Record back = read(r.id);
  EXPECT_EQ(back.state, "assessed");
  EXPECT_EQ(back.text("inherent_level"), "high");
  EXPECT_EQ(back.number("criteria_version"), 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, RiskAdoptionTest,
                         ::testing::ValuesIn(aims::testing::all_backends()),
                         aims::testing::backend_name);

}  // namespace
}  // namespace aims::risk
