// The pure rules of monitoring: reading a monitor's configuration and thresholds (errors name the
// field), naming scopes, deciding which samples breach which thresholds, and how severe it is.
#include "monitoring/rules.h"

#include <gtest/gtest.h>

namespace aims::monitoring::rules {
namespace {

std::string config_error_field(const std::string& json) {
  auto parsed = parse_config(json);
  if (parsed) return "(accepted)";
  return parsed.error().field;
}

std::string thresholds_error_field(const std::string& json) {
  auto parsed = parse_thresholds(json);
  if (parsed) return "(accepted)";
  return parsed.error().field;
}

MetricSample sample(const std::string& key, MetricScope scope, std::optional<double> value) {
  MetricSample s;
  s.key = key;
  s.scope = std::move(scope);
  s.value = value ? MetricValue::of(*value, 10) : MetricValue::undefined("no actual positives");
  return s;
}

MetricScope attribute(const std::string& name) {
  MetricScope s;
  s.kind = ScopeKind::attribute;
  s.attribute = name;
  return s;
}

MetricScope column(const std::string& name, const std::string& role) {
  MetricScope s;
  s.kind = ScopeKind::column;
  s.column = name;
  s.role = role;
  return s;
}

// ---- parse_config ------------------------------------------------------------------------------

TEST(MonitoringConfig, TextThatIsNotAnObjectIsMalformed) {
  for (const char* text : {"", "not json", "[]", "\"columns\"", "{\"columns\":"}) {
    auto parsed = parse_config(text);
    ASSERT_FALSE(parsed) << text;
    EXPECT_EQ(parsed.error().code, ErrorCode::malformed) << text;
    EXPECT_EQ(parsed.error().field, "config") << text;
  }
}

TEST(MonitoringConfig, ErrorsNameTheField) {
  EXPECT_EQ(config_error_field(R"({"columns":{"label":5}})"), "config.columns.label");
  EXPECT_EQ(config_error_field(R"({"columns":{"score":["s"]}})"), "config.columns.score");
  EXPECT_EQ(
      config_error_field(R"({"columns":{"id":")" + std::string(201, 'x') + R"(","score":"s"}})"),
      "config.columns.id");
  EXPECT_EQ(config_error_field(R"({"columns":{"score":"s"},"task":"ranking"})"), "config.task");
  EXPECT_EQ(config_error_field(R"({"columns":{"score":"s"},"colour":"red"})"), "config.colour");
  EXPECT_EQ(config_error_field(R"({"columns":{"score":"s","weight":"w"}})"),
            "config.columns.weight");
  EXPECT_EQ(config_error_field(R"({"task":"classification"})"), "config.columns");
  EXPECT_EQ(config_error_field(R"({"columns":[]})"), "config.columns");
  EXPECT_EQ(config_error_field(R"({"columns":{"score":"s","sensitive_attributes":"sex"}})"),
            "config.columns.sensitive_attributes");
  EXPECT_EQ(config_error_field(R"({"columns":{"score":"s","sensitive_attributes":["sex",""]}})"),
            "config.columns.sensitive_attributes");
  EXPECT_EQ(config_error_field(
                R"({"columns":{"features":[{"name":"x"},{"name":"c","kind":"ordinal"}]}})"),
            "config.columns.features[1].kind");
  EXPECT_EQ(config_error_field(R"({"columns":{"features":[{"kind":"numeric"}]}})"),
            "config.columns.features[0].name");
  EXPECT_EQ(config_error_field(R"({"columns":{"features":{"name":"x"}}})"),
            "config.columns.features");
  EXPECT_EQ(config_error_field(R"({"columns":{"score":"s"},"positive_label":""})"),
            "config.positive_label");
  EXPECT_EQ(config_error_field(R"({"columns":{"score":"s"},"positive_label":1})"),
            "config.positive_label");
  EXPECT_EQ(config_error_field(R"({"columns":{"score":"s"},"decision_threshold":"0.5"})"),
            "config.decision_threshold");
  EXPECT_EQ(config_error_field(R"({"columns":{"score":"s"},"min_group_size":0})"),
            "config.min_group_size");
  EXPECT_EQ(config_error_field(R"({"columns":{"score":"s"},"min_group_size":2.5})"),
            "config.min_group_size");
  // Members of the wrong JSON type are errors of that member, not exceptions.
  EXPECT_EQ(config_error_field(R"({"columns":{"score":"s"},"task":5})"), "config.task");
  EXPECT_EQ(config_error_field(R"({"columns":{"features":[{"name":"x","kind":1}],"score":"s"}})"),
            "config.columns.features[0].kind");
  // What the engine would refuse on every run is refused when the monitor is configured.
  EXPECT_EQ(config_error_field(R"({"columns":{"features":[{"name":"x"}]}})"),
            "config.columns.prediction");
  EXPECT_EQ(config_error_field(R"({"columns":{"label":"y"}})"), "config.columns.prediction");
  EXPECT_EQ(config_error_field(R"({"columns":{"label":"y"},"task":"regression"})"),
            "config.columns.prediction");
  EXPECT_EQ(config_error_field(R"({"columns":{"score":"s"},"decision_threshold":1.5})"),
            "config.decision_threshold");
  EXPECT_EQ(config_error_field(R"({"columns":{"score":"s","sensitive_attributes":["a","a"]}})"),
            "config.columns.sensitive_attributes");
  EXPECT_EQ(
      config_error_field(
          R"({"columns":{"score":"s","features":[{"name":"x"},{"name":"x","kind":"categorical"}]}})"),
      "config.columns.features");
  // Only an id mapped: nothing to compute.
  EXPECT_EQ(config_error_field(R"({"columns":{"id":"request_id"}})"), "config.columns");
  // Fairness compares predictions: a label alone is not enough for a classification.
  EXPECT_EQ(config_error_field(R"({"columns":{"label":"y","sensitive_attributes":["sex"]}})"),
            "config.columns.prediction");
}

TEST(MonitoringConfig, InvalidFieldsAreInvalidArguments) {
  auto parsed = parse_config(R"({"columns":{"score":"s"},"task":"ranking"})");
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().code, ErrorCode::invalid_argument);
  EXPECT_NE(parsed.error().message.find("config.task"), std::string::npos)
      << parsed.error().message;
}

TEST(MonitoringConfig, MinimalConfigGetsTheDocumentedDefaults) {
  auto parsed = parse_config(R"({"columns":{"score":"p"}})");
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(parsed->task, TaskType::classification);
  EXPECT_EQ(parsed->positive_label, "1");
  EXPECT_EQ(parsed->decision_threshold, 0.5);
  EXPECT_EQ(parsed->min_group_size, 30u);
  EXPECT_EQ(parsed->columns.score, "p");
  EXPECT_TRUE(parsed->columns.label.empty());
  // A regression monitor compares groups by their errors; the decision threshold is not used.
  EXPECT_TRUE(parse_config(
      R"({"columns":{"prediction":"yhat","label":"y","sensitive_attributes":["sex"]},
          "task":"regression","decision_threshold":7})"));
  EXPECT_TRUE(parse_config(R"({"columns":{"score":"s"},"decision_threshold":0})"));
  EXPECT_TRUE(parse_config(R"({"columns":{"score":"s"},"decision_threshold":1})"));
}

TEST(MonitoringConfig, RoundTripsThroughItsJson) {
  const std::string text =
      R"({"columns":{"id":"request_id","timestamp":"ts","prediction":"decision",
    "score":"p","label":"outcome","sensitive_attributes":["sex","age_band"],
    "features":[{"name":"income","kind":"numeric"},{"name":"channel","kind":"categorical"},
    {"name":"tenure"}]},
    "task":"classification","positive_label":"approved","decision_threshold":0.7,"min_group_size":5})";
  auto first = parse_config(text);
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(first->columns.id, "request_id");
  EXPECT_EQ(first->columns.timestamp, "ts");
  EXPECT_EQ(first->columns.prediction, "decision");
  EXPECT_EQ(first->columns.label, "outcome");
  EXPECT_EQ(first->columns.sensitive_attributes, (std::vector<std::string>{"sex", "age_band"}));
  ASSERT_EQ(first->columns.features.size(), 3u);
  EXPECT_EQ(first->columns.features[1].name, "channel");
  EXPECT_EQ(first->columns.features[1].kind, ColumnKind::categorical);
  EXPECT_EQ(first->columns.features[2].kind, ColumnKind::numeric) << "kind defaults to numeric";
  EXPECT_EQ(first->positive_label, "approved");
  EXPECT_EQ(first->decision_threshold, 0.7);
  EXPECT_EQ(first->min_group_size, 5u);

  const std::string written = config_json(*first);
  auto second = parse_config(written);
  ASSERT_TRUE(second) << second.error().message << " in " << written;
  EXPECT_EQ(config_json(*second), written);
  EXPECT_EQ(second->columns.id, first->columns.id);
  EXPECT_EQ(second->columns.timestamp, first->columns.timestamp);
  EXPECT_EQ(second->columns.prediction, first->columns.prediction);
  EXPECT_EQ(second->columns.score, first->columns.score);
  EXPECT_EQ(second->columns.label, first->columns.label);
  EXPECT_EQ(second->columns.sensitive_attributes, first->columns.sensitive_attributes);
  ASSERT_EQ(second->columns.features.size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(second->columns.features[i].name, first->columns.features[i].name);
    EXPECT_EQ(second->columns.features[i].kind, first->columns.features[i].kind);
  }
  EXPECT_EQ(second->task, TaskType::classification);
  EXPECT_EQ(second->positive_label, "approved");
  EXPECT_EQ(second->decision_threshold, 0.7);
  EXPECT_EQ(second->min_group_size, 5u);

  auto regression =
      parse_config(R"({"columns":{"prediction":"yhat","label":"y"},"task":"regression"})");
  ASSERT_TRUE(regression);
  auto again = parse_config(config_json(*regression));
  ASSERT_TRUE(again);
  EXPECT_EQ(again->task, TaskType::regression);
  EXPECT_EQ(again->columns.prediction, "yhat");
}

// ---- parse_thresholds --------------------------------------------------------------------------

TEST(MonitoringThresholds, ErrorsNameTheEntryAndField) {
  EXPECT_EQ(thresholds_error_field(R"({"metric":"drift.psi"})"), "thresholds");
  EXPECT_EQ(parse_thresholds("nope").error().code, ErrorCode::malformed);
  EXPECT_EQ(thresholds_error_field(
                R"([{"metric":"drift.psi","comparison":"above","value":0.2},
                    {"metric":"drift.psi","comparison":"over","value":0.3}])"),
            "thresholds[1].comparison");
  EXPECT_EQ(thresholds_error_field(R"([{"metric":"drift.psy","comparison":"above","value":0.2}])"),
            "thresholds[0].metric");
  EXPECT_EQ(thresholds_error_field(R"([{"comparison":"above","value":0.2}])"),
            "thresholds[0].metric");
  // Members of the wrong JSON type are errors of that member, not exceptions.
  EXPECT_EQ(thresholds_error_field(R"([{"metric":5,"comparison":"above","value":0.2}])"),
            "thresholds[0].metric");
  EXPECT_EQ(thresholds_error_field(
                R"([{"metric":"drift.psi","scope":["*"],"comparison":"above","value":0.2}])"),
            "thresholds[0].scope");
  EXPECT_EQ(thresholds_error_field(R"([{"metric":"drift.psi","comparison":true,"value":0.2}])"),
            "thresholds[0].comparison");
  EXPECT_EQ(thresholds_error_field(R"([{"metric":"drift.psi","comparison":"above"}])"),
            "thresholds[0].value");
  EXPECT_EQ(
      thresholds_error_field(R"([{"metric":"drift.psi","comparison":"above","value":"0.2"}])"),
      "thresholds[0].value");
  EXPECT_EQ(thresholds_error_field(
                R"([{"metric":"drift.psi","comparison":"above","value":0.2,"colour":"red"}])"),
            "thresholds[0].colour");
  EXPECT_EQ(thresholds_error_field(
                R"([{"metric":"drift.psi","scope":"","comparison":"above","value":0.2}])"),
            "thresholds[0].scope");
  EXPECT_EQ(
      thresholds_error_field(R"([{"metric":"drift.psi","comparison":"above","value":0.2}, 7])"),
      "thresholds[1]");
  auto entries = [](int n) {
    std::string list = "[";
    for (int i = 0; i < n; ++i)
      list +=
          std::string(i ? "," : "") + R"({"metric":"drift.psi","comparison":"above","value":1})";
    return list + "]";
  };
  EXPECT_EQ(thresholds_error_field(entries(101)), "thresholds");
  auto hundred = parse_thresholds(entries(100));
  ASSERT_TRUE(hundred) << hundred.error().message;
  EXPECT_EQ(hundred->size(), 100u);
}

TEST(MonitoringThresholds, ScopeDefaultsToEveryScopeAndRoundTrips) {
  auto parsed = parse_thresholds(
      R"([{"metric":"fairness.disparate_impact","comparison":"below","value":0.8},
          {"metric":"drift.psi","scope":"column:feature:income","comparison":"above","value":0.25}])");
  ASSERT_TRUE(parsed) << parsed.error().message;
  ASSERT_EQ(parsed->size(), 2u);
  EXPECT_EQ((*parsed)[0].metric, "fairness.disparate_impact");
  EXPECT_EQ((*parsed)[0].scope, "*");
  EXPECT_EQ((*parsed)[0].comparison, "below");
  EXPECT_EQ((*parsed)[0].value, 0.8);
  EXPECT_EQ((*parsed)[1].scope, "column:feature:income");
  const std::string written = thresholds_json(*parsed);
  auto again = parse_thresholds(written);
  ASSERT_TRUE(again) << again.error().message;
  ASSERT_EQ(again->size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    EXPECT_EQ((*again)[i].metric, (*parsed)[i].metric);
    EXPECT_EQ((*again)[i].scope, (*parsed)[i].scope);
    EXPECT_EQ((*again)[i].comparison, (*parsed)[i].comparison);
    EXPECT_EQ((*again)[i].value, (*parsed)[i].value);
  }
  EXPECT_EQ(thresholds_json(*again), written);
  EXPECT_EQ(thresholds_json({}), "[]");
  EXPECT_TRUE(parse_thresholds("[]")->empty());
}

TEST(MonitoringThresholds, ValuesBeyondATrillionAreRefusedNamingTheEntry) {
  auto one = [](const std::string& value) {
    return parse_thresholds(R"([{"metric":"drift.psi","comparison":"above","value":0.2},
                                {"metric":"drift.psi","comparison":"above","value":)" +
                            value + "}]");
  };
  // Stored thresholds of any finite size are read back (an older database may hold them) ...
  for (const char* value : {"1.7e308", "-1.797e308", "1e12", "-1e12", "0"}) {
    auto parsed = one(value);
    ASSERT_TRUE(parsed) << value;
    // ... and only those within 10^12 either way are accepted as input.
    const bool sane = std::string(value).find("e308") == std::string::npos;
    auto checked = check_values(*parsed);
    EXPECT_EQ(checked.ok(), sane) << value;
    if (!sane) {
      EXPECT_EQ(checked.error().field, "thresholds[1].value");
      EXPECT_EQ(checked.error().code, ErrorCode::invalid_argument);
    }
  }
  // 1.000001e12 is past the limit by a millionth.
  EXPECT_FALSE(check_values(*one("1.000001e12")));
  // A number too large for a double is refused with the text it is in.
  auto overflow =
      parse_thresholds(R"([{"metric":"drift.psi","comparison":"above","value":1e400}])");
  ASSERT_FALSE(overflow);
  EXPECT_EQ(overflow.error().code, ErrorCode::malformed);
  EXPECT_EQ(overflow.error().field, "thresholds");
}

// ---- threshold scopes against the configuration ------------------------------------------------

std::string scope_error_field(const std::string& config, const std::string& thresholds) {
  auto c = parse_config(config);
  auto t = parse_thresholds(thresholds);
  if (!c || !t) return "(unparsed)";
  auto checked = check_scopes(*c, *t);
  return checked ? "(accepted)" : checked.error().field;
}

TEST(MonitoringThresholds, NamedScopesMustExistForTheConfiguration) {
  const std::string config =
      R"({"columns":{"id":"id","score":"score","label":"y","sensitive_attributes":["sex"],
          "features":[{"name":"income"},{"name":"channel","kind":"categorical"}]}})";
  auto one = [](const std::string& metric, const std::string& scope) {
    return R"([{"metric":")" + metric + R"(","scope":")" + scope +
           R"(","comparison":"above","value":0.1}])";
  };
  EXPECT_EQ(scope_error_field(config, one("fairness.disparate_impact", "attribute:sex")),
            "(accepted)");
  EXPECT_EQ(scope_error_field(config, one("fairness.disparate_impact", "attribute:age")),
            "thresholds[0].scope");
  EXPECT_EQ(scope_error_field(config, one("performance.accuracy", "group:sex=female")),
            "(accepted)");
  EXPECT_EQ(scope_error_field(config, one("performance.accuracy", "group:sex=")),
            "thresholds[0].scope");
  EXPECT_EQ(scope_error_field(config, one("performance.accuracy", "overall")), "(accepted)");
  // The score's drift scope names its role and its column: column:score:score.
  EXPECT_EQ(scope_error_field(config, one("drift.psi", "column:score:score")), "(accepted)");
  EXPECT_EQ(scope_error_field(config, one("drift.psi", "column:score")), "thresholds[0].scope");
  EXPECT_EQ(scope_error_field(config, one("drift.psi", "column:feature:channel")), "(accepted)");
  // KS applies to numeric columns only, unseen categories to categorical ones.
  EXPECT_EQ(scope_error_field(config, one("drift.ks_statistic", "column:feature:channel")),
            "thresholds[0].scope");
  EXPECT_EQ(scope_error_field(config, one("drift.unseen_category_share", "column:feature:income")),
            "thresholds[0].scope");
  EXPECT_EQ(scope_error_field(config, one("quality.missing_share", "column:label:y")),
            "(accepted)");
  // A regression metric is never measured for a classification: its named scope cannot match.
  EXPECT_EQ(scope_error_field(config, one("performance.r_squared", "overall")),
            "thresholds[0].metric");
  // "*" is accepted wherever the metric might be measured.
  EXPECT_EQ(scope_error_field(config, one("performance.r_squared", "*")), "(accepted)");
  // The second entry is the one named.
  EXPECT_EQ(scope_error_field(config, R"([{"metric":"drift.psi","comparison":"above","value":0.2},
                                         {"metric":"drift.psi","scope":"column:feature:x",
                                          "comparison":"above","value":0.2}])"),
            "thresholds[1].scope");
}

TEST(MonitoringDefaults, OnlyThoseTheMonitorMeasuresAreKept) {
  // No id column: no duplicate rows; no score or feature: no drift.
  auto bare = parse_config(R"({"columns":{"prediction":"p","sensitive_attributes":["sex"]}})");
  ASSERT_TRUE(bare);
  const auto kept = applicable(*bare, default_thresholds(TaskType::classification));
  ASSERT_EQ(kept.size(), 3u);
  EXPECT_EQ(kept[0].metric, "fairness.disparate_impact");
  EXPECT_EQ(kept[1].metric, "fairness.equal_opportunity_difference");
  EXPECT_EQ(kept[2].metric, "quality.missing_share");
  // Everything mapped: all five stay.
  auto full = parse_config(R"({"columns":{"id":"id","score":"s","sensitive_attributes":["sex"]}})");
  ASSERT_TRUE(full);
  EXPECT_EQ(applicable(*full, default_thresholds(TaskType::classification)).size(), 5u);
}

// ---- scope_text ---------------------------------------------------------------------------------

TEST(MonitoringScopes, EachKindHasItsText) {
  EXPECT_EQ(scope_text(MetricScope{}), "overall");
  MetricScope group;
  group.kind = ScopeKind::group;
  group.attribute = "sex";
  group.group = "female";
  EXPECT_EQ(scope_text(group), "group:sex=female");
  EXPECT_EQ(scope_text(attribute("age_band")), "attribute:age_band");
  EXPECT_EQ(scope_text(column("income", "feature")), "column:feature:income");
  EXPECT_EQ(scope_text(column("p", "score")), "column:score:p");
}

// ---- breaches ----------------------------------------------------------------------------------

TEST(MonitoringBreaches, DefinedValuesOnTheWrongSideBreach) {
  const std::vector<MetricSample> samples = {
      sample("fairness.disparate_impact", attribute("sex"), 0.7),    // 0
      sample("fairness.disparate_impact", attribute("age"), 0.9),    // 1
      sample("fairness.disparate_impact", attribute("region"), {}),  // 2: undefined
      sample("drift.psi", column("income", "feature"), 0.3),         // 3
      sample("drift.psi", column("channel", "feature"), 0.31),       // 4
      sample("performance.accuracy", MetricScope{}, 0.95),           // 5
  };
  const std::vector<Threshold> thresholds = {
      // 0.7 < 0.8 breaches; 0.9 does not; the undefined value breaches nothing.
      {"fairness.disparate_impact", "*", "below", 0.8},
      // Only attribute:age is checked: 0.9 < 0.95 breaches, 0.7 (sex) is another scope.
      {"fairness.disparate_impact", "attribute:age", "below", 0.95},
      // "above" is strict: 0.3 equals the threshold and does not breach, 0.31 does.
      {"drift.psi", "*", "above", 0.3},
      // No sample of this metric in this scope.
      {"performance.accuracy", "group:sex=female", "below", 0.99},
      // A metric without samples.
      {"quality.missing_share", "*", "above", 0.0},
  };
  const auto found = breaches(samples, thresholds);
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[0].sample, &samples[0]);
  EXPECT_EQ(found[0].threshold, &thresholds[0]);
  EXPECT_EQ(found[1].sample, &samples[1]);
  EXPECT_EQ(found[1].threshold, &thresholds[1]);
  EXPECT_EQ(found[2].sample, &samples[4]);
  EXPECT_EQ(found[2].threshold, &thresholds[2]);
  // Severities by hand (see SeverityFollowsTheDocumentedSteps):
  // 0.7 below 0.8: margin 0.1 / 0.8 = 0.125 < 0.25, fairness stays high.
  EXPECT_EQ(found[0].severity, "high");
  // 0.9 below 0.95: margin 0.05 / 0.95 = 0.053, high.
  EXPECT_EQ(found[1].severity, "high");
  // 0.31 above 0.3: margin 0.01 / 0.3 = 0.033, drift stays medium.
  EXPECT_EQ(found[2].severity, "medium");
}

TEST(MonitoringBreaches, UndefinedValuesAndNoThresholdsBreachNothing) {
  const std::vector<MetricSample> samples = {
      sample("fairness.disparate_impact", attribute("sex"), {}),
      sample("performance.accuracy", MetricScope{}, {}),
  };
  EXPECT_TRUE(breaches(samples, {{"fairness.disparate_impact", "*", "below", 0.8},
                                 {"performance.accuracy", "*", "above", -1}})
                  .empty());
  EXPECT_TRUE(breaches({sample("drift.psi", column("x", "feature"), 9.0)}, {}).empty());
  EXPECT_TRUE(breaches({}, {{"drift.psi", "*", "above", 0.1}}).empty());
}

TEST(MonitoringBreaches, OneSampleMayBreachSeveralThresholds) {
  const std::vector<MetricSample> samples = {sample("drift.psi", column("x", "feature"), 0.5)};
  const std::vector<Threshold> thresholds = {{"drift.psi", "*", "above", 0.1},
                                             {"drift.psi", "column:feature:x", "above", 0.25}};
  const auto found = breaches(samples, thresholds);
  ASSERT_EQ(found.size(), 2u);
  // 0.5 above 0.1: margin 0.4 / 0.1 = 4 >= 0.5, medium + 2 = critical.
  EXPECT_EQ(found[0].severity, "critical");
  // 0.5 above 0.25: margin 0.25 / 0.25 = 1 >= 0.5, critical.
  EXPECT_EQ(found[1].severity, "critical");
}

// ---- severity ----------------------------------------------------------------------------------

// The rule (rules.h): fairness starts at high, performance and drift at medium, quality at low;
// margin = |value - threshold| / |threshold|; margin >= 0.25 raises one step, >= 0.5 two steps;
// nothing goes past critical. Values are chosen exact in binary where they sit on a step.
TEST(MonitoringSeverity, FollowsTheDocumentedSteps) {
  const Threshold missing{"quality.missing_share", "*", "above", 0.25};
  EXPECT_EQ(severity(missing, 0.3), "low");         // 0.05 / 0.25 = 0.2
  EXPECT_EQ(severity(missing, 0.3125), "medium");   // 0.0625 / 0.25 = 0.25 exactly: one step
  EXPECT_EQ(severity(missing, 0.34375), "medium");  // 0.09375 / 0.25 = 0.375
  EXPECT_EQ(severity(missing, 0.375), "high");      // 0.125 / 0.25 = 0.5 exactly: two steps
  EXPECT_EQ(severity(missing, 1.0), "high");        // 0.75 / 0.25 = 3: still only two steps

  const Threshold accuracy{"performance.accuracy", "*", "below", 0.5};
  EXPECT_EQ(severity(accuracy, 0.4375), "medium");  // 0.0625 / 0.5 = 0.125
  EXPECT_EQ(severity(accuracy, 0.375), "high");     // 0.125 / 0.5 = 0.25
  EXPECT_EQ(severity(accuracy, 0.25), "critical");  // 0.25 / 0.5 = 0.5
  EXPECT_EQ(severity(accuracy, 0.0), "critical");   // 0.5 / 0.5 = 1

  const Threshold psi{"drift.psi", "*", "above", 0.2};
  EXPECT_EQ(severity(psi, 0.22), "medium");   // 0.02 / 0.2 = 0.1
  EXPECT_EQ(severity(psi, 0.27), "high");     // 0.07 / 0.2 = 0.35
  EXPECT_EQ(severity(psi, 0.4), "critical");  // 0.2 / 0.2 = 1

  const Threshold di{"fairness.disparate_impact", "*", "below", 0.8};
  EXPECT_EQ(severity(di, 0.75), "high");     // 0.05 / 0.8 = 0.0625
  EXPECT_EQ(severity(di, 0.5), "critical");  // 0.3 / 0.8 = 0.375: high + 1
  EXPECT_EQ(severity(di, 0.0), "critical");  // 0.8 / 0.8 = 1: high + 2, capped at critical

  const Threshold eod{"fairness.equal_opportunity_difference", "*", "above", 0.1};
  EXPECT_EQ(severity(eod, 0.12), "high");  // 0.02 / 0.1 = 0.2

  // A negative threshold: the margin is relative to its magnitude.
  const Threshold r2{"performance.r_squared", "*", "below", -0.5};
  EXPECT_EQ(severity(r2, -0.625), "high");  // 0.125 / 0.5 = 0.25

  // A threshold of 0 makes every breach a large one: 0.01 past 0 is far more than 25% of 0.
  const Threshold duplicates{"quality.duplicate_row_share", "*", "above", 0.0};
  EXPECT_EQ(severity(duplicates, 0.01), "high");
}

TEST(MonitoringSeverity, WorstPicksTheMostSevere) {
  EXPECT_EQ(worst({}), "low");
  EXPECT_EQ(worst({"low"}), "low");
  EXPECT_EQ(worst({"medium", "low"}), "medium");
  EXPECT_EQ(worst({"low", "critical", "high"}), "critical");
  EXPECT_EQ(worst({"high", "medium", "high"}), "high");
  EXPECT_EQ(worst({"bogus", "medium"}), "medium") << "unknown names are ignored";
}

// ---- default thresholds ------------------------------------------------------------------------

TEST(MonitoringDefaults, ClassificationAddsFairnessToDriftAndQuality) {
  // Expected from the policy stated where they are defined: the four-fifths rule, a 0.1 spread of
  // true positive rates, PSI above 0.2, more than 5% missing, more than 1% duplicate rows.
  const auto c = default_thresholds(TaskType::classification);
  ASSERT_EQ(c.size(), 5u);
  auto has = [](const std::vector<Threshold>& list, const std::string& metric,
                const std::string& comparison, double value) {
    for (const auto& t : list) {
      if (t.metric == metric)
        return t.scope == "*" && t.comparison == comparison && t.value == value;
    }
    return false;
  };
  EXPECT_TRUE(has(c, "fairness.disparate_impact", "below", 0.8));
  EXPECT_TRUE(has(c, "fairness.equal_opportunity_difference", "above", 0.1));
  EXPECT_TRUE(has(c, "drift.psi", "above", 0.2));
  EXPECT_TRUE(has(c, "quality.missing_share", "above", 0.05));
  EXPECT_TRUE(has(c, "quality.duplicate_row_share", "above", 0.01));

  const auto r = default_thresholds(TaskType::regression);
  ASSERT_EQ(r.size(), 3u);
  EXPECT_TRUE(has(r, "drift.psi", "above", 0.2));
  EXPECT_TRUE(has(r, "quality.missing_share", "above", 0.05));
  EXPECT_TRUE(has(r, "quality.duplicate_row_share", "above", 0.01));
  for (const auto& t : r)
    EXPECT_NE(t.metric.rfind("fairness.", 0), 0u) << "no fairness metric for a regression";

  // The defaults are valid thresholds: they survive being written and read back.
  for (TaskType task : {TaskType::classification, TaskType::regression}) {
    auto read = parse_thresholds(thresholds_json(default_thresholds(task)));
    ASSERT_TRUE(read) << read.error().message;
    EXPECT_EQ(read->size(), default_thresholds(task).size());
  }
}

}  // namespace
}  // namespace aims::monitoring::rules
