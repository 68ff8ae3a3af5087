// Bad input gets a 4xx that names the problem; nothing is written; nothing becomes a 500.
#include <gtest/gtest.h>

#include "support/test_server.h"
#include "trail/trail.h"

namespace aims {
namespace {

using auth::Role;

class BadInputTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto url = testing::fresh_database_url(testing::Backend::sqlite);
    ASSERT_TRUE(url);
    server_ = std::make_unique<testing::TestServer>(*url);
    org_ = server_->seed_org("Input Org");
    admin_ = std::make_unique<testing::HttpClient>(server_->signed_in(org_, Role::admin));
    events_before_ = events();
  }
  void TearDown() override {
    EXPECT_EQ(events(), events_before_) << "a refused request wrote an audit event";
    EXPECT_EQ(server_->app().metrics().render().find("status=\"500\""), std::string::npos)
        << "some request ended in a 500";
  }
  int64_t events() {
    auto n = server_->db().read([&](store::Tx& tx) { return trail::event_count(tx, org_.org.id); });
    return n.ok() ? *n : -1;
  }
  testing::HttpResponse post_users(const std::string& body,
                                   const std::string& type = "application/json") {
    return admin_->request("POST", "/api/v1/users", body,
                           {{"Content-Type", type}, {"X-CSRF-Token", admin_->csrf()}});
  }
  static std::string field(const testing::HttpResponse& r) {
    auto j = r.json();
    return j.is_object() && j["error"]["field"].is_string() ? j["error"]["field"].get<std::string>()
                                                            : "";
  }

  std::unique_ptr<testing::TestServer> server_;
  testing::SeededOrg org_;
  std::unique_ptr<testing::HttpClient> admin_;
  int64_t events_before_ = 0;
};

TEST_F(BadInputTest, MalformedJsonIs400) {
  auto r = post_users(R"({"email": "x@y.z", )");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.json()["error"]["code"], "malformed");
  EXPECT_NE(r.json()["error"]["message"].get<std::string>().find("byte"), std::string::npos);
}

TEST_F(BadInputTest, NonObjectJsonIs400) {
  EXPECT_EQ(post_users("[1,2]").status, 400);
}

TEST_F(BadInputTest, WrongContentTypeIs400NamingTheHeader) {
  auto r = post_users(R"({"email":"a@b.co","role":"viewer"})", "text/plain");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(field(r), "Content-Type");
}

TEST_F(BadInputTest, WrongTypeNamesTheField) {
  auto r = post_users(R"({"email":"a@b.co","role":7})");
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(field(r), "role");
}

TEST_F(BadInputTest, UnknownFieldNamesTheField) {
  auto r = post_users(R"({"email":"a@b.co","role":"viewer","is_superuser":true})");
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(field(r), "is_superuser");
}

TEST_F(BadInputTest, InvalidValueNamesTheField) {
  auto r = post_users(R"({"email":"not-an-email","role":"viewer"})");
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(field(r), "email");
  EXPECT_EQ(field(post_users(R"({"email":"a@b.co","role":"emperor"})")), "role");
  EXPECT_EQ(field(post_users(R"({"email":"a@b.co","role":"viewer","password":"short"})")),
            "password");
}

TEST_F(BadInputTest, InvalidUtf8Is400) {
  auto r = post_users("{\"email\":\"a\xff@b.co\",\"role\":\"viewer\"}");
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.json()["error"]["message"].get<std::string>().find("UTF-8"), std::string::npos);
}

TEST_F(BadInputTest, OversizeBodyIs413) {
  std::string huge = R"({"email":")" + std::string(2 << 20, 'a') + R"("})";
  auto r = post_users(huge);
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(r.json()["error"]["code"], "too_large");
}

TEST_F(BadInputTest, OversizeHeaderIs431) {
  auto r = admin_->request("GET", "/api/v1/me", "", {{"X-Padding", std::string(40 << 10, 'p')}});
  EXPECT_EQ(r.status, 431);
}

TEST_F(BadInputTest, MissingCsrfTokenIs403) {
  auto r = admin_->request("POST", "/api/v1/users", R"({"email":"a@b.co","role":"viewer"})",
                           {{"Content-Type", "application/json"}});
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(field(r), "_csrf");
  auto forged = admin_->request("POST", "/api/v1/users", R"({"email":"a@b.co","role":"viewer"})",
                                {{"Content-Type", "application/json"}, {"X-CSRF-Token", "guess"}});
  EXPECT_EQ(forged.status, 403);
}

TEST_F(BadInputTest, CrossOriginRequestIs403) {
  auto r = admin_->request("POST", "/api/v1/users", R"({"email":"a@b.co","role":"viewer"})",
                           {{"Content-Type", "application/json"},
                            {"X-CSRF-Token", admin_->csrf()},
                            {"Origin", "https://evil.example"}});
  EXPECT_EQ(r.status, 403);
}

TEST_F(BadInputTest, WrongPasswordIs401AndThrottles) {
  auto client = server_->client();
  const std::string email = org_.users.at(Role::viewer).email;
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(client.login(email, "wrong password, attempt"), 401);
  // The account is now locked from this address for 30 s, even with the right password, and
  // Retry-After says how long is left (29 or 30 s by the time it is read).
  EXPECT_EQ(client.login(email, testing::kTestPassword), 429);
  auto r = client.send_json("POST", "/api/v1/auth/login",
                            {{"email", email}, {"password", testing::kTestPassword}});
  const int wait = std::stoi(r.header("retry-after").value_or("0"));
  EXPECT_GE(wait, 29);
  EXPECT_LE(wait, 30);
  // Another account from the same address is not locked by it.
  EXPECT_EQ(client.login(org_.users.at(Role::auditor).email, testing::kTestPassword), 200);
}

TEST_F(BadInputTest, UnknownEmailAndWrongPasswordLookTheSame) {
  auto client = server_->client();
  auto unknown = client.send_json("POST", "/api/v1/auth/login",
                                  {{"email", "nobody@input.test"}, {"password", "whatever it is"}});
  auto wrong = client.send_json(
      "POST", "/api/v1/auth/login",
      {{"email", org_.users.at(Role::admin).email}, {"password", "whatever it is"}});
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(unknown.json()["error"]["message"], wrong.json()["error"]["message"]);
}

TEST_F(BadInputTest, RevokedOrExpiredOrBogusTokenIs401) {
  auto created = auth::create_token(server_->db(), org_.org.id, org_.users.at(Role::admin).id, "t",
                                    std::nullopt, {"cli", std::nullopt, "cli:test"});
  ASSERT_TRUE(created.ok());
  auto client = server_->client();
  client.use_token(created->secret);
  EXPECT_EQ(client.get("/api/v1/me").status, 200);
  ASSERT_TRUE(auth::revoke_token(server_->db(), org_.org.id, created->token.id,
                                 {"cli", std::nullopt, "cli:test"})
                  .ok());
  auto revoked = client.get("/api/v1/me");
  EXPECT_EQ(revoked.status, 401);
  EXPECT_NE(revoked.json()["error"]["message"].get<std::string>().find("revoked"),
            std::string::npos);

  auto expiring = auth::create_token(server_->db(), org_.org.id, org_.users.at(Role::admin).id, "e",
                                     1, {"cli", std::nullopt, "cli:test"});
  ASSERT_TRUE(expiring.ok());
  // Move its expiry into the past, as time would.
  ASSERT_TRUE(
      server_->db()
          .write([&](store::Tx& tx) {
            return tx.exec(
                "UPDATE api_tokens SET expires_at = '2000-01-01T00:00:00.000000Z' WHERE id = $1",
                {expiring->token.id});
          })
          .ok());
  client.use_token(expiring->secret);
  auto expired = client.get("/api/v1/me");
  EXPECT_EQ(expired.status, 401);
  EXPECT_NE(expired.json()["error"]["message"].get<std::string>().find("expired"),
            std::string::npos);
  client.use_token("aims_not-a-real-token");
  EXPECT_EQ(client.get("/api/v1/me").status, 401);
  events_before_ = events();  // the two tokens above were made on purpose
}

TEST_F(BadInputTest, BadQueryParametersNameTheParameter) {
  auto r = admin_->get("/api/v1/users?limit=5000");
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(field(r), "limit");
  EXPECT_EQ(field(admin_->get("/api/v1/users?sort=password_hash")), "sort");
  EXPECT_EQ(field(admin_->get("/api/v1/audit-events?from=yesterday")), "from");
  EXPECT_EQ(admin_->get("/api/v1/audit-events?cursor=%%%").status, 400);
  EXPECT_EQ(admin_->get("/api/v1/users/abc").status, 404);
}

TEST_F(BadInputTest, StaleOrMissingVersionIsRefused) {
  const auto id = std::to_string(org_.users.at(Role::viewer).id);
  auto missing = admin_->send_json("PATCH", "/api/v1/users/" + id, {{"name", "V"}});
  EXPECT_EQ(missing.status, 428);
  EXPECT_EQ(field(missing), "If-Match");
  auto current = admin_->get("/api/v1/users/" + id);
  ASSERT_EQ(current.status, 200);
  const std::string etag = current.header("etag").value_or("");
  EXPECT_EQ(etag, "\"1\"");
  auto first = admin_->send_json("PATCH", "/api/v1/users/" + id, {{"name", "First writer"}},
                                 {{"If-Match", etag}});
  EXPECT_EQ(first.status, 200);
  EXPECT_EQ(first.header("etag"), std::optional<std::string>("\"2\""));
  // A second writer who read version 1 must not overwrite the first one's change.
  auto second = admin_->send_json("PATCH", "/api/v1/users/" + id, {{"name", "Second writer"}},
                                  {{"If-Match", etag}});
  EXPECT_EQ(second.status, 412);
  EXPECT_EQ(admin_->get("/api/v1/users/" + id).json()["name"], "First writer");
  events_before_ = events();  // the first writer's change was legitimate
}

TEST_F(BadInputTest, TheLastAdminCannotBeDemoted) {
  const auto id = std::to_string(org_.users.at(Role::admin).id);
  auto r = admin_->send_json("PATCH", "/api/v1/users/" + id, {{"role", "viewer"}},
                             {{"If-Match", "\"1\""}});
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(field(r), "role");
}

}  // namespace
}  // namespace aims
