#include "http/parse/json_input.h"

#include <gtest/gtest.h>

namespace aims::http {
namespace {

JsonInput parsed(const std::string& text) {
  auto in = JsonInput::parse(text);
  EXPECT_TRUE(in.ok()) << (in.ok() ? "" : in.error().message);
  return std::move(in).value();
}

TEST(JsonInputTest, ReadsTypedFields) {
  auto in = parsed(
      R"({"name":"Credit scorer","tier":3,"score":0.75,"live":true,"tags":["a","b"],"ids":[4,5]})");
  EXPECT_EQ(in.required_string("name"), "Credit scorer");
  EXPECT_EQ(in.optional_int("tier", 1, 5), 3);
  EXPECT_EQ(in.optional_number("score", 0, 1), 0.75);
  EXPECT_EQ(in.optional_bool("live"), true);
  EXPECT_EQ(in.optional_string_list("tags"), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(in.optional_id_list("ids"), (std::vector<int64_t>{4, 5}));
  EXPECT_TRUE(in.finish().ok());
}

TEST(JsonInputTest, AbsentAndNullAreNullopt) {
  auto in = parsed(R"({"note":null})");
  EXPECT_TRUE(in.has("note"));
  EXPECT_TRUE(in.is_null("note"));
  EXPECT_EQ(in.optional_string("note"), std::nullopt);
  EXPECT_EQ(in.optional_string("other"), std::nullopt);
  EXPECT_TRUE(in.finish().ok());
}

TEST(JsonInputTest, FirstProblemWinsAndNamesItsField) {
  auto in = parsed(R"({"tier":"high","name":""})");
  (void)in.optional_int("tier", 1, 5);
  (void)in.required_string("name");
  auto s = in.finish();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().field, "tier");
  EXPECT_EQ(s.error().code, ErrorCode::invalid_argument);
}

TEST(JsonInputTest, MissingRequiredAndOutOfRange) {
  auto a = parsed("{}");
  (void)a.required_string("name");
  EXPECT_EQ(a.finish().error().field, "name");
  auto b = parsed(R"({"tier":9})");
  (void)b.optional_int("tier", 1, 5);
  EXPECT_EQ(b.finish().error().field, "tier");
  auto c = parsed(R"({"tags":["ok",3]})");
  (void)c.optional_string_list("tags");
  EXPECT_EQ(c.finish().error().field, "tags[1]");
}

TEST(JsonInputTest, UnknownFieldIsReported) {
  auto in = parsed(R"({"name":"x","role":"admin"})");
  (void)in.required_string("name");
  auto s = in.finish();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().field, "role");
}

TEST(JsonInputTest, ControlCharactersAndLongTextAreRefused) {
  auto in = parsed("{\"name\":\"a\\u0001b\"}");
  (void)in.required_string("name");
  EXPECT_FALSE(in.finish().ok());
  auto longer = parsed(R"({"name":")" + std::string(300, 'x') + R"("})");
  (void)longer.required_string("name", 200);
  EXPECT_FALSE(longer.finish().ok());
}

TEST(JsonInputTest, SyntaxUtf8DepthAndRootAreMalformed) {
  auto broken = JsonInput::parse(R"({"a":)");
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.error().code, ErrorCode::malformed);
  EXPECT_FALSE(JsonInput::parse("{\"a\":\"\xc3\x28\"}").ok());
  EXPECT_FALSE(JsonInput::parse("[]").ok());
  EXPECT_FALSE(JsonInput::parse(std::string(100, '[') + std::string(100, ']')).ok());
  EXPECT_TRUE(JsonInput::parse(R"({"a":"[[[[ not nesting ]]]]"})").ok());
  // nlohmann throws out_of_range, not parse_error, for this (a crash the fuzzer found).
  auto huge = JsonInput::parse(R"({"tier": 3.3e3333})");
  ASSERT_FALSE(huge.ok());
  EXPECT_EQ(huge.error().code, ErrorCode::malformed);
}

}  // namespace
}  // namespace aims::http

namespace aims::http {
namespace {

TEST(JsonInputTest, DottedNamesReadNestedObjectsAndUnknownNestedFieldsAreNamed) {
  auto in = JsonInput::parse(
      R"({"model_card":{"modelParameters":{"task":"scoring","typo":1}},"name":"m"})");
  ASSERT_TRUE(in.ok());
  EXPECT_EQ(in->optional_string("model_card.modelParameters.task"), "scoring");
  EXPECT_EQ(in->required_string("name"), "m");
  auto s = in->finish();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().field, "model_card.modelParameters.typo");
  auto flat = JsonInput::parse(R"({"model_card.task":"x"})");
  (void)flat->optional_string("model_card.task");
  EXPECT_FALSE(flat->finish().ok()) << "a literal dotted key is not the nested field";
  auto wrong = JsonInput::parse(R"({"model_card":"not an object"})");
  EXPECT_EQ(wrong->optional_string("model_card.modelParameters.task"), std::nullopt);
  EXPECT_EQ(wrong->finish().error().field, "model_card");
}

}  // namespace
}  // namespace aims::http
