// Time, text and canonical JSON: the small routines every layer relies on.
#include <gtest/gtest.h>

#include "base/json_text.h"
#include "base/result.h"
#include "base/text.h"
#include "base/time.h"

namespace aims {
namespace {

TEST(TimeTest, FormatsFixedWidthUtc) {
  // 2026-11-22T09:30:00Z = 1795339800 s since the epoch (date -u -d 2026-11-22T09:30:00Z +%s).
  EXPECT_EQ(format_timestamp(1'795'339'800'000'123LL), "2026-11-22T09:30:00.000123Z");
  EXPECT_EQ(format_timestamp(0), "1970-01-01T00:00:00.000000Z");
}

TEST(TimeTest, MinuteTextIsWhatPagesShow) {
  EXPECT_EQ(minute_text("2026-11-22T09:30:59.999999Z"), "2026-11-22 09:30");
  EXPECT_EQ(minute_text("2026-11-22"), "2026-11-22");  // a date stays a date
  EXPECT_EQ(minute_text("not a timestamp at all"), "not a timestamp at all");
}

TEST(TimeTest, ParsesDatesTimesAndOffsets) {
  EXPECT_EQ(parse_timestamp("2026-11-22T09:30:00Z"), 1'795'339'800'000'000LL);
  EXPECT_EQ(parse_timestamp("2026-11-22T10:30:00+01:00"), 1'795'339'800'000'000LL);
  EXPECT_EQ(parse_timestamp("2026-11-22T09:30:00.5Z"), 1'795'339'800'500'000LL);
  EXPECT_EQ(parse_timestamp("2026-11-22"), 1'795'305'600'000'000LL);
  EXPECT_EQ(parse_timestamp(format_timestamp(123'456'789)), 123'456'789);
}

TEST(TimeTest, RejectsImpossibleOrMalformed) {
  for (const char* bad :
       {"2026-02-30", "2026-13-01", "2026-11-22T25:00:00Z", "yesterday", "2026-11-22T09:30:00",
        "2026-11-22T09:30:00+1", "", "2026-11-22T09:30:00.Z"}) {
    EXPECT_EQ(parse_timestamp(bad), std::nullopt) << bad;
  }
  EXPECT_EQ(parse_date_days("2024-02-29"), 19782);  // leap day exists in 2024
  EXPECT_EQ(parse_date_days("2026-02-29"), std::nullopt);
}

TEST(TextTest, Utf8Validation) {
  EXPECT_TRUE(is_valid_utf8("plain ascii"));
  EXPECT_TRUE(is_valid_utf8("\xC3\xA9\xE4\xB8\xAD\xF0\x9F\x98\x80"));  // é 中 😀
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));                             // overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));                         // UTF-16 surrogate
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));                     // past U+10FFFF
  EXPECT_FALSE(is_valid_utf8("\xE4\xB8"));                             // truncated
  EXPECT_FALSE(is_valid_utf8("\x80"));
}

TEST(TextTest, TrimLowerSplit) {
  EXPECT_EQ(trim("  a b \t\n"), "a b");
  EXPECT_EQ(to_lower_ascii("MiXeD É"), "mixed É");
  EXPECT_EQ(split("a,,b", ','), (std::vector<std::string_view>{"a", "", "b"}));
  EXPECT_TRUE(has_control_chars("a\x01"));
  EXPECT_FALSE(has_control_chars("tab\tand\nnewline"));
}

TEST(JsonTextTest, CanonicalOutput) {
  EXPECT_EQ(json_text::quote("a\"b\\c\n\x01"), R"("a\"b\\c\n\u0001")");
  EXPECT_EQ(json_text::quote("é"), "\"é\"");
  EXPECT_EQ(json_text::number(0.1), "0.1");
  EXPECT_EQ(json_text::number(1e300 * 1e300), "null");
  EXPECT_EQ(json_text::object({{"b", "1"}, {"a", "[]"}}), R"({"a":[],"b":1})");
  EXPECT_EQ(json_text::string_array({"x", "y"}), R"(["x","y"])");
  EXPECT_EQ(json_text::optional_number(std::nullopt), "null");
}

}  // namespace

namespace {

Result<int> parse_positive(int n) {
  if (n <= 0) return Error::invalid("n", "must be positive");
  return n;
}

int evaluations = 0;
Result<int> counted(int n) {
  ++evaluations;
  return parse_positive(n);
}

Result<int> doubled(int n) {
  TRY_ASSIGN(const int value, counted(n));
  return value * 2;
}

Status both_positive(int a, int b) {
  TRY(counted(a));
  TRY(counted(b));
  return {};
}

}  // namespace

TEST(ResultTest, TryAssignGivesTheValueOrReturnsTheError) {
  evaluations = 0;
  ASSERT_TRUE(doubled(21).ok());
  EXPECT_EQ(*doubled(21), 42);
  auto refused = doubled(-1);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().field, "n");
  EXPECT_EQ(evaluations, 3);  // once per call: the macro never evaluates its expression twice
}

TEST(ResultTest, TryStopsAtTheFirstError) {
  evaluations = 0;
  EXPECT_TRUE(both_positive(1, 2).ok());
  EXPECT_EQ(evaluations, 2);
  evaluations = 0;
  Status refused = both_positive(-1, 2);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(evaluations, 1);
}

}  // namespace aims
