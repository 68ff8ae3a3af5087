#include "http/parse/form.h"

#include <gtest/gtest.h>

namespace aims::http {
namespace {

TEST(FormTest, DecodesPairsPlusesAndEscapes) {
  auto f = parse_form("a=1&b=x+y&c=%C3%A9t%C3%A9&empty=&flag");
  ASSERT_TRUE(f.ok());
  const FormFields expected = {
      {"a", "1"}, {"b", "x y"}, {"c", "\xC3\xA9t\xC3\xA9"}, {"empty", ""}, {"flag", ""}};
  EXPECT_EQ(*f, expected);
}

TEST(FormTest, KeepsRepeatedNamesInOrder) {
  auto f = parse_form("tag=a&tag=b");
  ASSERT_TRUE(f.ok());
  ASSERT_EQ(f->size(), 2u);
  EXPECT_EQ((*f)[1].second, "b");
}

TEST(FormTest, SkipsEmptyPairs) {
  auto f = parse_form("&&a=1&&");
  ASSERT_TRUE(f.ok());
  ASSERT_EQ(f->size(), 1u);
}

TEST(FormTest, RejectsBrokenEscapeNamingTheField) {
  auto f = parse_form("name=abc%4");
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.error().code, ErrorCode::malformed);
  EXPECT_EQ(f.error().field, "name");
  EXPECT_FALSE(parse_form("x=%zz").ok());
  EXPECT_FALSE(parse_form("x=%").ok());
}

TEST(FormTest, RejectsInvalidUtf8) {
  auto f = parse_form("name=%FF%FE");
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.error().field, "name");
}

TEST(FormTest, LimitsTheNumberOfFields) {
  std::string many;
  for (int i = 0; i < 20; ++i)
    many += "f" + std::to_string(i) + "=1&";
  EXPECT_FALSE(parse_form(many, 10).ok());
  EXPECT_TRUE(parse_form(many, 20).ok());
}

TEST(FormTest, PercentEncodeRoundTrips) {
  const std::string text = "a b/c?d=é&";
  std::string back;
  ASSERT_TRUE(percent_decode(percent_encode(text), back, false));
  EXPECT_EQ(back, text);
  EXPECT_EQ(percent_encode("a b"), "a%20b");
}

}  // namespace
}  // namespace aims::http
