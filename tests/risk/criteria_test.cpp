// Risk criteria without a database: aims' default scales and matrix, the levels pairs get, the
// acceptance threshold, the checks a proposed version passes (each problem named by its field) and
// the JSON people propose a version in.
//
// The default matrix is the product rule of 5 x 5 matrices: likelihood x impact <= 4 low, <= 9
// medium, <= 16 high, else critical; owners accept up to medium.
#include <functional>
#include <set>

#include <gtest/gtest.h>

#include "risk/criteria_json.h"
#include "risk/risk.h"

namespace aims::risk {
namespace {

using nlohmann::json;

std::set<std::string> fields_of(const Error& e) {
  std::set<std::string> out;
  if (!e.field.empty()) out.insert(e.field);
  for (const auto& p : e.problems)
    out.insert(p.field);
  return out;
}

// The default criteria with a reason, as a person would propose them.
Criteria proposal() {
  Criteria c = default_criteria();
  c.reason = "Adopted as our own";
  return c;
}

// Each problem of `c`'s check, by field.
std::set<std::string> problems_of(const Criteria& c) {
  const Status s = check(c);
  if (s.ok()) return {};
  EXPECT_EQ(s.error().code, ErrorCode::invalid_argument);
  return fields_of(s.error());
}

TEST(RiskCriteria, TheLevelsRunFromLowToCritical) {
  EXPECT_EQ(levels(), (std::vector<std::string>{"low", "medium", "high", "critical"}));
  EXPECT_EQ(level_label("medium"), "Medium");
  EXPECT_EQ(level_label("critical"), "Critical");
  EXPECT_EQ(level_label(""), "");
}

TEST(RiskCriteria, TheDefaultIsFiveByFiveWithTheProductRule) {
  const Criteria c = default_criteria();
  EXPECT_EQ(c.version, 0);
  ASSERT_EQ(c.likelihood.size(), 5u);
  ASSERT_EQ(c.impact.size(), 5u);
  EXPECT_EQ(c.likelihood.front().name, "Rare");
  EXPECT_EQ(c.likelihood.back().name, "Almost certain");
  EXPECT_EQ(c.impact.front().name, "Negligible");
  EXPECT_EQ(c.impact.back().name, "Severe");
  for (const auto& step : c.likelihood)
    EXPECT_FALSE(step.definition.empty()) << step.name;
  for (const auto& step : c.impact)
    EXPECT_FALSE(step.definition.empty()) << step.name;
  EXPECT_EQ(c.threshold, "medium");
  ASSERT_EQ(c.matrix.size(), 5u);
  for (const auto& row : c.matrix)
    EXPECT_EQ(row.size(), 5u);
  // The default passes its own checks once a reason is given.
  EXPECT_TRUE(check(proposal()).ok());
}

TEST(RiskCriteria, DefaultLevelsFollowTheProductRule) {
  struct Case {
    int64_t likelihood, impact;
    const char* level;
  };
  for (const Case& k : {
           Case{1, 1, "low"},       // 1
           Case{2, 2, "low"},       // 4: the top of low
           Case{1, 4, "low"},       // 4
           Case{1, 5, "medium"},    // 5: the bottom of medium
           Case{3, 2, "medium"},    // 6
           Case{3, 3, "medium"},    // 9: the top of medium
           Case{2, 5, "high"},      // 10: the bottom of high
           Case{4, 3, "high"},      // 12
           Case{4, 4, "high"},      // 16: the top of high
           Case{5, 4, "critical"},  // 20
           Case{4, 5, "critical"},  // 20
           Case{5, 5, "critical"},  // 25
       }) {
    EXPECT_EQ(level_of(default_criteria(), k.likelihood, k.impact),
              std::optional<std::string>(k.level))
        << k.likelihood << " x " << k.impact;
  }
}

TEST(RiskCriteria, AScoreOutsideTheScalesHasNoLevel) {
  const Criteria c = default_criteria();
  EXPECT_EQ(level_of(c, 0, 3), std::nullopt);
  EXPECT_EQ(level_of(c, 3, 0), std::nullopt);
  EXPECT_EQ(level_of(c, -1, 3), std::nullopt);
  EXPECT_EQ(level_of(c, 6, 1), std::nullopt);
  EXPECT_EQ(level_of(c, 1, 6), std::nullopt);
  // A 4 x 3 scale: 5 is beyond the likelihoods, 4 beyond the impacts.
  Criteria small = default_criteria();
  small.likelihood.pop_back();
  small.impact.resize(3);
  small.matrix.pop_back();
  for (auto& row : small.matrix)
    row.resize(3);
  EXPECT_EQ(level_of(small, 4, 3), std::optional<std::string>("high"));  // 12
  EXPECT_EQ(level_of(small, 5, 1), std::nullopt);
  EXPECT_EQ(level_of(small, 1, 4), std::nullopt);
}

TEST(RiskCriteria, OnlyLevelsAboveTheThresholdNeedAnApprover) {
  Criteria c = default_criteria();  // threshold medium
  EXPECT_FALSE(above_threshold(c, "low"));
  EXPECT_FALSE(above_threshold(c, "medium"));
  EXPECT_TRUE(above_threshold(c, "high"));
  EXPECT_TRUE(above_threshold(c, "critical"));
  EXPECT_FALSE(above_threshold(c, "")) << "no level (not yet scored) is not above";
  EXPECT_FALSE(above_threshold(c, "extreme")) << "an unknown level is not above";
  c.threshold = "low";
  EXPECT_TRUE(above_threshold(c, "medium"));
  c.threshold = "critical";
  EXPECT_FALSE(above_threshold(c, "critical"));
}

// ---- check --------------------------------------------------------------------------------------

TEST(RiskCriteriaCheck, AReasonIsRequired) {
  Criteria c = proposal();
  c.reason.clear();
  EXPECT_EQ(problems_of(c), (std::set<std::string>{"reason"}));
  c.reason = std::string(2001, 'x');
  EXPECT_EQ(problems_of(c), (std::set<std::string>{"reason"}));
}

TEST(RiskCriteriaCheck, AScaleHasThreeToFiveSteps) {
  Criteria two = proposal();
  two.likelihood.resize(2);
  // The matrix is not judged against a scale of the wrong size: only the scale is named.
  EXPECT_EQ(problems_of(two), (std::set<std::string>{"likelihood"}));
  Criteria six = proposal();
  six.impact.push_back({"Catastrophic", "Beyond severe"});
  EXPECT_EQ(problems_of(six), (std::set<std::string>{"impact"}));
}

TEST(RiskCriteriaCheck, EachStepNeedsANameAndADefinition) {
  Criteria c = proposal();
  c.likelihood[1].definition.clear();
  EXPECT_EQ(problems_of(c), (std::set<std::string>{"likelihood.2.definition"}));
  c = proposal();
  c.impact[0].name.clear();
  c.impact[4].name = std::string(81, 'n');
  EXPECT_EQ(problems_of(c), (std::set<std::string>{"impact.1.name", "impact.5.name"}));
}

TEST(RiskCriteriaCheck, TheMatrixHasALevelForEveryPair) {
  Criteria bad_level = proposal();
  bad_level.matrix[2][0] = "severe";  // likelihood 3, impact 1
  EXPECT_EQ(problems_of(bad_level), (std::set<std::string>{"matrix.3.1"}));

  Criteria short_rows = proposal();
  short_rows.matrix.pop_back();  // 4 rows for 5 likelihood steps
  EXPECT_EQ(problems_of(short_rows), (std::set<std::string>{"matrix"}));

  Criteria short_row = proposal();
  short_row.matrix[1].pop_back();  // row 2 has 4 levels for 5 impact steps
  EXPECT_EQ(problems_of(short_row), (std::set<std::string>{"matrix.2"}));
}

TEST(RiskCriteriaCheck, TheThresholdIsALevel) {
  Criteria c = proposal();
  c.threshold = "extreme";
  EXPECT_EQ(problems_of(c), (std::set<std::string>{"threshold"}));
  c.threshold = "";
  EXPECT_EQ(problems_of(c), (std::set<std::string>{"threshold"}));
}

TEST(RiskCriteriaCheck, EveryProblemIsNamedAtOnce) {
  // risk.h promises every problem of a version at once, so a form shows them all together.
  Criteria c = proposal();
  c.reason.clear();
  c.threshold = "extreme";
  c.likelihood[1].definition.clear();
  c.matrix[2][0] = "severe";
  EXPECT_EQ(problems_of(c), (std::set<std::string>{"reason", "threshold", "likelihood.2.definition",
                                                   "matrix.3.1"}));
}

// ---- JSON ---------------------------------------------------------------------------------------

json default_body() {
  json body = criteria_json(proposal());
  return body;
}

std::string field_of(const json& body) {
  const auto parsed = criteria_from_json(body);
  if (parsed.ok()) return "(read)";
  EXPECT_EQ(parsed.error().code, ErrorCode::invalid_argument) << parsed.error().message;
  return parsed.error().field;
}

TEST(RiskCriteriaJson, WhatIsWrittenReadsBack) {
  const json body = default_body();
  EXPECT_EQ(body["likelihood"][0]["score"], 1);
  EXPECT_EQ(body["likelihood"][0]["name"], "Rare");
  EXPECT_EQ(body["matrix"][4][4], "critical");
  auto read = criteria_from_json(body);
  ASSERT_TRUE(read.ok()) << read.error().field << ": " << read.error().message;
  const Criteria expected = proposal();
  EXPECT_EQ(read->version, 0);
  EXPECT_EQ(read->matrix, expected.matrix);
  EXPECT_EQ(read->threshold, "medium");
  EXPECT_EQ(read->reason, "Adopted as our own");
  ASSERT_EQ(read->likelihood.size(), 5u);
  EXPECT_EQ(read->likelihood[3].name, "Likely");
  EXPECT_EQ(read->impact[2].definition, expected.impact[2].definition);
  EXPECT_TRUE(check(*read).ok());
}

TEST(RiskCriteriaJson, ShapeErrorsNameTheField) {
  EXPECT_EQ(criteria_from_json(json::array()).error().code, ErrorCode::malformed);
  struct Case {
    const char* expected;
    std::function<void(json&)> spoil;
  };
  const std::vector<Case> cases = {
      {"likelihood", [](json& b) { b.erase("likelihood"); }},
      {"impact", [](json& b) { b["impact"] = "five steps"; }},
      {"likelihood.2", [](json& b) { b["likelihood"][1] = "Unlikely"; }},
      {"likelihood.1.name", [](json& b) { b["likelihood"][0]["name"] = 1; }},
      {"impact.3.definition", [](json& b) { b["impact"][2].erase("definition"); }},
      {"matrix", [](json& b) { b.erase("matrix"); }},
      {"matrix.2", [](json& b) { b["matrix"][1] = "low"; }},
      {"matrix.1.3", [](json& b) { b["matrix"][0][2] = 3; }},
      {"threshold", [](json& b) { b.erase("threshold"); }},
      {"threshold", [](json& b) { b["threshold"] = 2; }},
      {"reason", [](json& b) { b["reason"] = json::array(); }},
      {"version", [](json& b) { b["version"] = -1; }},
      {"version", [](json& b) { b["version"] = "1"; }},
  };
  for (const auto& k : cases) {
    json body = default_body();
    k.spoil(body);
    EXPECT_EQ(field_of(body), k.expected) << body.dump();
  }
  // A missing reason is a shape the check judges, not the reader.
  json no_reason = default_body();
  no_reason.erase("reason");
  auto read = criteria_from_json(no_reason);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(problems_of(*read), (std::set<std::string>{"reason"}));
}

}  // namespace
}  // namespace aims::risk
