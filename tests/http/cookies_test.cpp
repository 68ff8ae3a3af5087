#include "http/parse/cookies.h"

#include <gtest/gtest.h>

namespace aims::http {
namespace {

TEST(CookiesTest, FindsByExactName) {
  const std::string header = "theme=dark; aims_session=abc123; aims_session_old=zzz";
  EXPECT_EQ(find_cookie(header, "aims_session"), std::optional<std::string>("abc123"));
  EXPECT_EQ(find_cookie(header, "theme"), std::optional<std::string>("dark"));
  EXPECT_EQ(find_cookie(header, "missing"), std::nullopt);
}

TEST(CookiesTest, UnquotesAndSkipsMalformedPairs) {
  EXPECT_EQ(find_cookie("junk; a=\"quoted\"", "a"), std::optional<std::string>("quoted"));
  EXPECT_EQ(find_cookie(";;; =x; b=2", "b"), std::optional<std::string>("2"));
  EXPECT_EQ(find_cookie("", "a"), std::nullopt);
}

}  // namespace
}  // namespace aims::http
