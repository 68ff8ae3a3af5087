#include "http/router.h"

#include <gtest/gtest.h>

namespace aims::http {
namespace {

Handler named(std::string name) {
  return [name](Context&) -> Result<Response> { return Response::text(200, name); };
}

TEST(RouterTest, MatchesPatternsAndExtractsParameters) {
  PathParams params;
  EXPECT_TRUE(match_pattern("/api/v1/users/{id}", "/api/v1/users/42", params));
  ASSERT_EQ(params.size(), 1u);
  EXPECT_EQ(params[0], (std::pair<std::string, std::string>{"id", "42"}));
  EXPECT_FALSE(match_pattern("/api/v1/users/{id}", "/api/v1/users/", params));
  EXPECT_FALSE(match_pattern("/api/v1/users/{id}", "/api/v1/users/4/x", params));
  EXPECT_FALSE(match_pattern("/api/v1/users", "/api/v1/users/", params));
  EXPECT_TRUE(match_pattern("/a/{x}/b/{y}", "/a/1/b/two", params));
  EXPECT_EQ(params[1].second, "two");
}

TEST(RouterTest, LiteralBeatsParameterAndMethodMismatchListsAllowed) {
  Router router;
  router.api("GET", "/items/{id}", auth::Action::read, named("one"));
  router.api("GET", "/items/new", auth::Action::read, named("new"));
  router.api("POST", "/items", auth::Action::edit_records, named("create"));
  auto m = router.match("GET", "/items/new");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->pattern, "/items/new");
  auto wrong = router.match("DELETE", "/items");
  EXPECT_EQ(wrong.route, nullptr);
  EXPECT_EQ(wrong.allowed_methods, (std::vector<std::string>{"POST"}));
  EXPECT_EQ(router.match("GET", "/nothing").route, nullptr);
}

TEST(RouterTest, RegisteringARouteTwiceIsABug) {
  Router router;
  router.api("GET", "/x", auth::Action::read, named("a"));
  EXPECT_THROW(router.api("GET", "/x", auth::Action::read, named("b")), std::logic_error);
}

}  // namespace
}  // namespace aims::http
