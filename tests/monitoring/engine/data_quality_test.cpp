// Data-quality requirements over small files whose expected values were computed independently
// with pandas 1.5 (python3-pandas from Debian); each expectation quotes the pandas expression and
// its output. Files are read with pd.read_csv / pd.read_json(lines=True) on the same text.
#include "monitoring/engine/data_quality.h"

#include <gtest/gtest.h>

#include "engine_test_support.h"

namespace aims::monitoring {
namespace {

using testing::gzip;

QualityReport evaluate_ok(std::string_view file, const std::vector<QualityRequirement>& reqs) {
  auto report = evaluate_quality(LogInput::memory(file), reqs);
  EXPECT_TRUE(report.ok()) << (report.ok() ? "" : report.error().message);
  return report.ok() ? *report : QualityReport{};
}

QualityRequirement completeness(std::vector<std::string> columns, double threshold) {
  return {
      .key = "c", .kind = QualityKind::completeness, .columns = columns, .threshold = threshold};
}

constexpr std::string_view kIncomes =
    "id,income,age\n"
    "1,100,30\n"
    "2,,40\n"
    "3,NA,50\n"
    "4,200,\n"
    "5,300,60\n";

TEST(DataQualityTest, CompletenessCountsEmptyAndNaAsMissing) {
  // df.income.notna().mean() -> 0.6 ; df.age.notna().mean() -> 0.8
  const auto report = evaluate_ok(kIncomes, {completeness({"income", "age"}, 0.7)});
  ASSERT_EQ(report.results.size(), 1u);
  const auto& r = report.results[0];
  ASSERT_EQ(r.columns.size(), 2u);
  EXPECT_DOUBLE_EQ(r.columns[0].measured, 0.6);
  EXPECT_FALSE(r.columns[0].pass);
  EXPECT_DOUBLE_EQ(r.columns[1].measured, 0.8);
  EXPECT_TRUE(r.columns[1].pass);
  EXPECT_DOUBLE_EQ(*r.measured, 0.6);  // the worst column
  EXPECT_FALSE(r.pass);
  EXPECT_FALSE(report.pass);
  EXPECT_EQ(r.summary, "income 60 % complete (minimum 70 %)");
  EXPECT_EQ(report.rows, 5u);
}

TEST(DataQualityTest, CompletenessPassesAtItsThreshold) {
  const auto report = evaluate_ok(kIncomes, {completeness({"income"}, 0.6)});
  EXPECT_TRUE(report.results[0].pass);
  EXPECT_TRUE(report.pass);
}

constexpr std::string_view kDuplicateLines =
    "{\"a\":1,\"b\":\"x\"}\n"
    "{\"a\":1,\"b\":\"x\"}\n"
    "{\"a\":2,\"b\":\"y\"}\n"
    "{\"a\":1,\"b\":\"x\"}\n"
    "{\"a\":3,\"b\":null}\n"
    "{\"a\":3,\"b\":null}\n"
    "{\"a\":4,\"b\":\"x\"}\n"
    "{\"a\":5,\"b\":\"z\"}\n";

TEST(DataQualityTest, DuplicatesOverAllColumnsInJsonLines) {
  // df.duplicated().mean() -> 0.375 (3 of 8 rows repeat an earlier one)
  const auto report = evaluate_ok(
      kDuplicateLines, {{.key = "d", .kind = QualityKind::duplicates, .threshold = 0.2}});
  const auto& r = report.results[0];
  EXPECT_DOUBLE_EQ(*r.measured, 0.375);
  EXPECT_FALSE(r.pass);
  EXPECT_EQ(report.format, LogFormat::jsonl);
}

TEST(DataQualityTest, DuplicatesOverADeclaredKey) {
  // df.duplicated(subset=['b']).mean() -> 0.5 (x x y x None None x z: 4 repeats of 8)
  const auto report = evaluate_ok(
      kDuplicateLines,
      {{.key = "d", .kind = QualityKind::duplicates, .columns = {"b"}, .threshold = 0.5}});
  EXPECT_DOUBLE_EQ(*report.results[0].measured, 0.5);
  EXPECT_TRUE(report.results[0].pass);
}

constexpr std::string_view kLabels =
    "f1,f2,label\n"
    "1,a,0\n"
    "1,a,1\n"
    "1,a,0\n"
    "2,b,1\n"
    "2,b,1\n"
    "3,c,0\n"
    ",d,1\n"
    ",d,0\n"
    "4,e,\n";

TEST(DataQualityTest, LabelConsistencyFromAGzipFile) {
  // d = df.dropna(subset=['label'])
  // d.groupby(['f1','f2'], dropna=False)['label'].nunique().gt(1).mean() -> 0.5 (2 of 4 groups)
  const std::string compressed = gzip(kLabels);
  const auto report = evaluate_ok(compressed, {{.key = "l",
                                                .kind = QualityKind::label_consistency,
                                                .label_column = "label",
                                                .threshold = 0.25}});
  EXPECT_TRUE(report.gzip);
  const auto& r = report.results[0];
  EXPECT_DOUBLE_EQ(*r.measured, 0.5);
  EXPECT_FALSE(r.pass);
  EXPECT_EQ(r.summary,
            "2 of 4 groups of identical features carry different labels (50 %; maximum 25 %)");
}

TEST(DataQualityTest, LabelConsistencyOverDeclaredFeaturesPassesAtItsThreshold) {
  // d.groupby('f2')['label'].nunique().gt(1).mean() -> 0.5 (a and d of a, b, c, d; the row of
  // e has no label)
  const auto report = evaluate_ok(kLabels, {{.key = "l",
                                             .kind = QualityKind::label_consistency,
                                             .columns = {"f2"},
                                             .label_column = "label",
                                             .threshold = 0.5}});
  EXPECT_DOUBLE_EQ(*report.results[0].measured, 0.5);
  EXPECT_TRUE(report.results[0].pass);
}

constexpr std::string_view kRanges =
    "age,grade\n"
    "17,A\n"
    "30,B\n"
    "101,C\n"
    "abc,A\n"
    ",B\n"
    "45,Z\n";

TEST(DataQualityTest, ValueRangeCountsOutOfRangeAndNonNumbers) {
  // n = pd.to_numeric(df.age, errors='coerce'); present = df.age.notna()
  // ((~n.between(18, 100)) & present).sum() / present.sum() -> 0.6 (17, 101, abc of 5)
  const auto report = evaluate_ok(kRanges, {{.key = "v",
                                             .kind = QualityKind::value_range,
                                             .columns = {"age"},
                                             .threshold = 0,
                                             .min = 18,
                                             .max = 100}});
  const auto& r = report.results[0];
  EXPECT_DOUBLE_EQ(*r.measured, 0.6);
  EXPECT_EQ(r.columns[0].checked, 5u);
  EXPECT_EQ(r.columns[0].counted, 3u);
  EXPECT_FALSE(r.pass);
  EXPECT_EQ(r.summary, "age: 60 % of values outside 18 to 100 (maximum 0 %)");
}

// A file whose ages all lie within the range, its ends included, passes. By hand (pandas'
// between() is inclusive too): 18, 30, 64.5 and 100 are all within 18 to 100, so 0 of 4 are out.
TEST(DataQualityTest, ValueRangePassesWhenEveryValueIsInside) {
  const auto report = evaluate_ok("age\n18\n30\n64.5\n100\n", {{.key = "v",
                                                                .kind = QualityKind::value_range,
                                                                .columns = {"age"},
                                                                .threshold = 0,
                                                                .min = 18,
                                                                .max = 100}});
  const auto& r = report.results[0];
  EXPECT_DOUBLE_EQ(*r.measured, 0.0);
  EXPECT_EQ(r.columns[0].checked, 4u);
  EXPECT_EQ(r.columns[0].counted, 0u);
  EXPECT_TRUE(r.pass);
}

TEST(DataQualityTest, AllowedValuesOfACategoricalColumn) {
  // (~df.grade.isin(['A','B','C'])).mean() -> 0.16666666666666666 (Z of 6)
  const auto report = evaluate_ok(kRanges, {{.key = "v",
                                             .kind = QualityKind::value_range,
                                             .columns = {"grade"},
                                             .threshold = 0.2,
                                             .allowed_values = {"A", "B", "C"}}});
  EXPECT_DOUBLE_EQ(*report.results[0].measured, 1.0 / 6);
  EXPECT_TRUE(report.results[0].pass);
}

constexpr std::string_view kBands =
    "{\"band\":\"18-25\"}\n{\"band\":\"18-25\"}\n"
    "{\"band\":\"26-40\"}\n{\"band\":\"26-40\"}\n{\"band\":\"26-40\"}\n{\"band\":\"26-40\"}\n"
    "{\"band\":\"26-40\"}\n"
    "{\"band\":\"65+\"}\n"
    "{\"band\":null}\n"
    "{\"band\":\"41-64\"}\n{\"band\":\"41-64\"}\n";

QualityRequirement bands(double tolerance) {
  auto targets = parse_target_shares("18-25: 0.15, 26-40: 35%\n65+: 0.2");
  EXPECT_TRUE(targets.ok());
  return {.key = "r",
          .kind = QualityKind::representativeness,
          .group_column = "band",
          .targets = targets.ok() ? *targets : std::vector<TargetShare>{},
          .tolerance = tolerance};
}

TEST(DataQualityTest, RepresentativenessFlagsAGroupBelowItsMinimum) {
  // df.band.value_counts(normalize=True) -> 26-40 0.5, 18-25 0.2, 41-64 0.2, 65+ 0.1
  // minimum of 65+ = 0.2 x 0.8 = 0.16 > 0.1; lowest share / target = 0.1 / 0.2 = 0.5
  const auto report = evaluate_ok(kBands, {bands(0.8)});
  const auto& r = report.results[0];
  ASSERT_EQ(r.groups.size(), 3u);
  EXPECT_EQ(r.groups[2].group, "65+");
  EXPECT_DOUBLE_EQ(r.groups[2].share, 0.1);
  EXPECT_DOUBLE_EQ(r.groups[2].minimum, 0.2 * 0.8);
  EXPECT_FALSE(r.groups[2].pass);
  EXPECT_DOUBLE_EQ(r.groups[0].share, 0.2);
  EXPECT_TRUE(r.groups[0].pass);
  EXPECT_DOUBLE_EQ(*r.measured, 0.5);
  EXPECT_FALSE(r.pass);
  EXPECT_EQ(r.summary, "under-represents: band 65+ at 10 %, minimum 16 %");
}

TEST(DataQualityTest, RepresentativenessPassesWithALowerTolerance) {
  // 65+ minimum = 0.2 x 0.5 = 0.1 <= 0.1
  const auto report = evaluate_ok(kBands, {bands(0.5)});
  EXPECT_TRUE(report.results[0].pass);
}

TEST(DataQualityTest, MalformedCsvRowsAreCountedAndLeftOut) {
  const auto report = evaluate_ok("a,b\n1,2\n3\n4,5,6\n7,8\n", {completeness({"a"}, 1)});
  EXPECT_EQ(report.rows, 2u);
  EXPECT_EQ(report.malformed_rows, 2u);
  ASSERT_EQ(report.malformed_examples.size(), 2u);
  EXPECT_EQ(report.malformed_examples[0].line, 3u);
  EXPECT_EQ(report.malformed_examples[0].problem, "line 3: 1 fields where the header has 2");
  EXPECT_EQ(report.malformed_examples[1].line, 4u);
  EXPECT_TRUE(report.pass);
}

TEST(DataQualityTest, AnUnterminatedQuoteIsOneMalformedRow) {
  const auto report = evaluate_ok("a,b\n1,2\n\"3,4\n", {completeness({"a"}, 1)});
  EXPECT_EQ(report.rows, 1u);
  EXPECT_EQ(report.malformed_rows, 1u);
}

TEST(DataQualityTest, AMalformedHeaderRefusesTheFile) {
  auto report = evaluate_quality(LogInput::memory("a,b\"c\n1,2\n"), {completeness({"a"}, 1)});
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.error().code, ErrorCode::malformed);
}

TEST(DataQualityTest, MalformedJsonLinesAreCountedAndLeftOut) {
  const auto report =
      evaluate_ok("{\"a\":1}\nnot json\n[1,2]\n{\"a\":2}\n\n{\"a\":\n", {completeness({"a"}, 1)});
  EXPECT_EQ(report.rows, 2u);
  EXPECT_EQ(report.malformed_rows, 3u);
  ASSERT_EQ(report.malformed_examples.size(), 3u);
  EXPECT_EQ(report.malformed_examples[0].problem, "line 2: not a JSON object");
  EXPECT_EQ(report.malformed_examples[2].line, 6u);
}

TEST(DataQualityTest, AColumnTheFileLacksFailsWithTheReason) {
  const auto report = evaluate_ok(kIncomes, {completeness({"salary"}, 0.9)});
  EXPECT_FALSE(report.results[0].pass);
  EXPECT_FALSE(report.results[0].measured);
  EXPECT_EQ(report.results[0].reason, "the file has no column 'salary'");
}

TEST(DataQualityTest, AHeaderWithoutRowsMeasuresNothing) {
  const auto report = evaluate_ok("a,b\n", {completeness({"a"}, 0.9)});
  EXPECT_EQ(report.rows, 0u);
  EXPECT_EQ(report.results[0].reason, "the file has no well-formed rows");
  EXPECT_FALSE(report.pass);
}

TEST(DataQualityTest, AnEmptyFileIsAnError) {
  auto report = evaluate_quality(LogInput::memory(""), {completeness({"a"}, 0.9)});
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.error().code, ErrorCode::malformed);
}

TEST(DataQualityTest, TheFileIsNamedByItsSha256) {
  // printf 'a\n1\n' | sha256sum
  const auto report = evaluate_ok("a\n1\n", {completeness({"a"}, 1)});
  EXPECT_EQ(report.sha256, "309b0e45a73d3fc5325e2b6ed0a01ef8b9cde6b05a5633c1f893f970d52bfddc");
}

TEST(DataQualityTest, TargetSharesAreParsedOrRefusedWithTheEntryNamed) {
  auto ok = parse_target_shares("18-25: 0.15\n26-40: 35 %, 65+:0.12");
  ASSERT_TRUE(ok.ok());
  ASSERT_EQ(ok->size(), 3u);
  EXPECT_EQ((*ok)[1].group, "26-40");
  EXPECT_DOUBLE_EQ((*ok)[1].share, 0.35);
  auto message = [](std::string_view text) {
    auto parsed = parse_target_shares(text);
    return parsed.ok() ? std::string() : parsed.error().message;
  };
  EXPECT_EQ(message("18-25 0.15"), "'18-25 0.15' has no colon: write each entry as group: share");
  EXPECT_EQ(message("a: 0"), "the share of 'a' must be above 0 and at most 1 (100%)");
  EXPECT_EQ(message("a: lots"), "the share of 'a' is not a number: write 0.15 or 15%");
  EXPECT_EQ(message("a: 0.5, a: 0.2"), "the group 'a' is named twice");
  EXPECT_EQ(message("a: 0.6, b: 0.6"), "the shares add up to more than 1 (100%)");
  EXPECT_EQ(message(" , "), "name at least one group and its share");
}

TEST(DataQualityTest, MissingMarkersAreThoseOfPandas) {
  for (const char* text : {"", "  ", "NA", "n/a", "NaN", "null", "None"})
    EXPECT_TRUE(is_missing_marker(text)) << text;
  for (const char* text : {"0", "-", "none of them", "NAN1"})
    EXPECT_FALSE(is_missing_marker(text)) << text;
}

}  // namespace
}  // namespace aims::monitoring
