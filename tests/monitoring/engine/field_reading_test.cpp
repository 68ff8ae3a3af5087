// The fast paths of reading a field: decimal numbers, RFC 3339 timestamps, and texts looked up by
// key. Each must give exactly what the general path gives.
#include <bit>
#include <charconv>
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "base/text.h"
#include "base/time.h"
#include "monitoring/engine/row.h"
#include "monitoring/engine/text_index.h"
#include "monitoring/engine/timestamp_reader.h"

namespace aims::monitoring {
namespace {

NumberRead read_text(const std::string& text) {
  Field field;
  field.state = text.empty() ? FieldState::missing : FieldState::value;
  field.text = text;
  return read_number(field);
}

// The general path on its own: trim, a leading '+', std::from_chars, then the magnitude checks.
NumberRead general_path(std::string_view text) {
  text = trim(text);
  if (text.empty()) return {NumberStatus::missing, 0};
  if (text.front() == '+') text.remove_prefix(1);
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return {NumberStatus::invalid, 0};
  if (!std::isfinite(value)) return {NumberStatus::missing, 0};
  if (std::fabs(value) >= kMaxMagnitude) return {NumberStatus::invalid, 0};
  return {NumberStatus::value, value};
}

void expect_same_number(const std::string& text) {
  const NumberRead fast = read_text(text);
  const NumberRead general = general_path(text);
  EXPECT_EQ(fast.status, general.status) << text;
  EXPECT_EQ(std::bit_cast<uint64_t>(fast.value), std::bit_cast<uint64_t>(general.value)) << text;
}

TEST(ReadNumber, PlainDecimalsAreTheDoublesFromCharsGives) {
  std::mt19937_64 random(11);
  std::uniform_real_distribution<double> exponent(-12, 16);
  for (int i = 0; i < 200000; ++i) {
    const double value = std::pow(10.0, exponent(random)) * (random() % 2 == 0 ? 1 : -1);
    char buffer[64];
    const int decimals = static_cast<int>(random() % 19);
    const auto written =
        std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed, decimals);
    expect_same_number(std::string(buffer, written.ptr));
  }
  // Integers and decimals around 2^53, where the fast path must stop.
  for (const char* text : {"9007199254740992", "9007199254740993", "900719925474099.3",
                           "9007199254740991.5", "1234567890123456789", "12345678901234567890",
                           "0.0000000000000000001", "99999999999999999.9"}) {
    expect_same_number(text);
  }
}

TEST(ReadNumber, ShortTextsOfDigitsAndDotsAgreeWithFromChars) {
  // Every shape of digits and dots, with stray characters now and then, must give what
  // from_chars gives.
  const std::string alphabet = "0123456789..........e+- x";
  std::mt19937 random(13);
  for (int i = 0; i < 300000; ++i) {
    std::string text = random() % 3 == 0 ? "-" : "";
    const size_t length = 1 + random() % 9;
    for (size_t j = 0; j < length; ++j) {
      // Mostly digits and dots; other characters now and then.
      const size_t choices = random() % 8 == 0 ? alphabet.size() : 20;
      text += alphabet[random() % choices];
    }
    expect_same_number(text);
  }
}

TEST(ReadNumber, OtherShapesTakeTheGeneralPath) {
  for (const char* text : {"0",
                           "-0",
                           "-0.0",
                           "007",
                           "1.",
                           ".5",
                           "-.5",
                           "+1",
                           "+-1",
                           " 1",
                           "1 ",
                           "\t2.5\r",
                           "1e3",
                           "1E-3",
                           "-",
                           "--1",
                           "1..2",
                           "1.2.3",
                           "0x10",
                           "nan",
                           "-inf",
                           "infinity",
                           "1e400",
                           "abc",
                           "18446744073709551616",
                           "18446744073709551615",
                           "-18446744073709551616",
                           "1,5"}) {
    expect_same_number(text);
  }
  EXPECT_TRUE(std::signbit(read_text("-0").value));
}

std::vector<std::string> timestamp_texts() {
  std::vector<std::string> texts = {"2026-01-01",
                                    "2026-01-01T00:00:00Z",
                                    "2026-01-01T00:00:00z",
                                    "2026-01-01t00:00:00Z",
                                    "2026-01-01T00:00:00.5Z",
                                    "2026-01-01T00:00:00.123456789Z",
                                    "2026-01-01T00:00:00.Z",
                                    "2026-01-01T00:00:00.12a4Z",
                                    "2026-01-01T00:00:00.12345aZ",
                                    "2026-01-01T00:00:00.:23456Z",
                                    "2026-01-01T00:00:00.1/3456Z",
                                    "2026-01-01T00:00:00.999999Z",
                                    "2026-01-01T00:00:00.000001Z",
                                    "2026-01-01T23:59:60Z",
                                    "2026-01-01T24:00:00Z",
                                    "2026-01-01T00:60:00Z",
                                    "2026-02-29T00:00:00Z",
                                    "2024-02-29T00:00:00Z",
                                    "2026-13-01T00:00:00Z",
                                    "2026-01-01T00:00:00+02:00",
                                    "2026-01-01T00:00:00.25-01:30",
                                    "2026-01-01T00:00:00",
                                    "2026-01-01 00:00:00Z",
                                    "2026-01-01T0:00:00Z",
                                    "0000-01-01T00:00:00Z",
                                    "9999-12-31T23:59:59.999999Z",
                                    "2026-01-01T00:00:00ZZ",
                                    "x026-01-01T00:00:00Z",
                                    ""};
  std::mt19937 random(5);
  const auto pick = [&random](unsigned n) { return static_cast<unsigned>(random() % n); };
  for (int i = 0; i < 20000; ++i) {
    char text[64];
    std::snprintf(text, sizeof text, "%04u-%02u-%02uT%02u:%02u:%02u", 1990 + pick(50), pick(14),
                  pick(33), pick(26), pick(62), pick(62));
    std::string value = text;
    if (pick(2) == 0) value += "." + std::to_string(pick(10000000));
    value += pick(10) == 0 ? "+01:00" : (pick(2) == 0 ? "Z" : "z");
    texts.push_back(value);
  }
  return texts;
}

TEST(TimestampReader, GivesWhatParseTimestampGives) {
  TimestampReader reader;  // one reader throughout, so its cached second is exercised
  for (const auto& text : timestamp_texts()) {
    EXPECT_EQ(reader.read(text), parse_timestamp(text)) << text;
    EXPECT_EQ(reader.read(text), parse_timestamp(text)) << text;  // read again, from the cache
  }
}

TEST(TimestampReader, ReadsConsecutiveRowsOfOneSecond) {
  TimestampReader reader;
  const int64_t second = *parse_timestamp("2026-03-01T10:00:00Z");
  EXPECT_EQ(reader.read("2026-03-01T10:00:00.000000Z"), second);
  EXPECT_EQ(reader.read("2026-03-01T10:00:00.050000Z"), second + 50'000);
  EXPECT_EQ(reader.read("2026-03-01T10:00:00.1Z"), second + 100'000);
  EXPECT_EQ(reader.read("2026-03-01T10:00:01Z"), second + 1'000'000);
  EXPECT_EQ(reader.read("2026-03-01T10:00:01.5+01:00"), second + 1'500'000 - 3'600'000'000);
  EXPECT_EQ(reader.read("2026-02-30T10:00:01Z"), std::nullopt);
}

TEST(TextIndex, NumbersTextsInTheOrderAdded) {
  std::vector<std::string> texts = {"", "a", "ab", "abc", "abcd", "group_a", "group_b"};
  // Texts of every length up to 40 that differ from each other in a single byte.
  for (size_t length = 1; length <= 40; ++length) {
    for (size_t position = 0; position < length; position += 3) {
      std::string text(length, 'x');
      text[position] = 'y';
      texts.push_back(text);
    }
  }
  TextIndex index;
  for (size_t i = 0; i < texts.size(); ++i) {
    ASSERT_EQ(index.find(texts[i]), TextIndex::kAbsent) << texts[i];
    EXPECT_EQ(index.add(texts[i]), i);
  }
  ASSERT_EQ(index.size(), texts.size());
  for (size_t i = 0; i < texts.size(); ++i) {
    EXPECT_EQ(index.find(texts[i]), i) << texts[i];
    EXPECT_EQ(index.text(static_cast<uint32_t>(i)), texts[i]);
  }
  for (const char* absent :
       {"group_c", "abcde", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxz", "b"}) {
    EXPECT_EQ(index.find(absent), TextIndex::kAbsent) << absent;
  }
}

TEST(TextKey, SameTextOnlyForEqualTexts) {
  std::vector<std::string> texts;
  for (size_t length = 0; length <= 20; ++length) {
    for (char c : {'a', 'b'}) {
      texts.push_back(std::string(length, 'a') + (length % 2 == 0 ? std::string(1, c) : ""));
      texts.push_back(std::string(1, c) + std::string(length, 'a'));
    }
  }
  for (const auto& a : texts) {
    for (const auto& b : texts) {
      EXPECT_EQ(same_text(text_key(a), text_key(b)), a == b) << a << " / " << b;
      EXPECT_EQ(same_text(index_key(a), index_key(b)), a == b) << a << " / " << b;
    }
  }
}

}  // namespace
}  // namespace aims::monitoring
