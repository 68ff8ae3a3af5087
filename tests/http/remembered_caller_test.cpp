// Two servers on one database, each remembering its callers: a change to a credential made at
// one is honoured by the other's very next request. On PostgreSQL a safe request confirms its
// remembered caller with its first statement (one round trip, App::run); the metric
// aims_remembered_callers_total shows which way each request went, so the tests can say that
// the pipelined path was the one in use.
#include <gtest/gtest.h>

#include "support/test_server.h"

namespace aims {
namespace {

using auth::Role;
using testing::Backend;

const trail::Actor kCli{"cli", std::nullopt, "cli:test"};

class RememberedCallerTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    auto url = testing::fresh_database_url(GetParam());
    if (!url) {
      if (!HasFailure()) GTEST_SKIP() << "no PostgreSQL configured";
      return;
    }
    here_ = std::make_unique<testing::TestServer>(*url);
    org_ = here_->seed_org("Two Servers");
    there_ = std::make_unique<testing::TestServer>(*url);
    admin_ = org_.users.at(Role::admin);
    auto token = auth::create_token(here_->db(), org_.org.id, admin_.id, "ci", std::nullopt, kCli);
    ASSERT_TRUE(token.ok()) << token.error().message;
    token_ = *token;
  }

  testing::HttpClient token_client_here() {
    auto client = here_->client();
    client.use_token(token_.secret);
    return client;
  }
  std::string admin_path() const { return "/api/v1/users/" + std::to_string(admin_.id); }

  // How many requests at this server confirmed their remembered caller in the way `how` names.
  static int64_t confirmations(testing::TestServer& server, const std::string& how) {
    const std::string metrics = server.app().metrics().render();
    const std::string key = "aims_remembered_callers_total{confirmed=\"" + how + "\"} ";
    const auto at = metrics.find(key);
    return at == std::string::npos ? -1 : std::stoll(metrics.substr(at + key.size()));
  }
  // What PostgreSQL is expected to count where SQLite, which confirms before the request runs,
  // counts nothing.
  int64_t on_postgres(int64_t n) const { return GetParam() == Backend::postgres ? n : 0; }

  Status change_role(store::Database& db, const auth::User& user, const std::string& role) {
    TRY_ASSIGN(auto current, auth::get_user(db, org_.org.id, user.id));
    TRY(auth::update_user(db, org_.org.id, user.id,
                          {std::nullopt, role, std::nullopt, current.version}, kCli));
    return {};
  }

  std::unique_ptr<testing::TestServer> here_, there_;
  testing::SeededOrg org_;
  auth::User admin_;
  auth::CreatedToken token_;
};

TEST_P(RememberedCallerTest, ATokenRevokedAtTheOtherServerIsRefusedOnTheVeryNextRequest) {
  auto client = token_client_here();
  // The first request looks the token up; the second reuses it, confirmed with its read of the
  // user record (worked out: one request each way).
  ASSERT_EQ(client.get(admin_path()).status, 200);
  ASSERT_EQ(client.get(admin_path()).status, 200);
  EXPECT_EQ(confirmations(*here_, "with_first_statement"), on_postgres(1));

  auto admin_there = there_->signed_in(org_, Role::admin);
  auto revoked =
      admin_there.request("DELETE", "/api/v1/api-tokens/" + std::to_string(token_.token.id), "",
                          {{"X-CSRF-Token", admin_there.csrf()}});
  ASSERT_EQ(revoked.status, 200) << revoked.body;

  auto refused = client.get(admin_path());
  EXPECT_EQ(refused.status, 401);
  EXPECT_NE(refused.body.find("revoked"), std::string::npos) << refused.body;
  EXPECT_EQ(refused.body.find(admin_.email), std::string::npos) << "the record leaked";
  EXPECT_EQ(confirmations(*here_, "changed"), on_postgres(1));
  EXPECT_EQ(client.get("/api/v1/me").status, 401) << "and stays refused";
}

TEST_P(RememberedCallerTest, ARoleChangedAtTheOtherServerAppliesToTheVeryNextRequest) {
  const auth::User viewer = org_.users.at(Role::viewer);
  auto token = auth::create_token(here_->db(), org_.org.id, viewer.id, "v", std::nullopt, kCli);
  ASSERT_TRUE(token.ok()) << token.error().message;
  auto client = here_->client();
  client.use_token(token->secret);
  ASSERT_EQ(client.get("/api/v1/users").status, 403) << "a viewer may not list users";
  ASSERT_EQ(client.get("/api/v1/users").status, 403);
  // A refusal must not rest on the remembered role either: promoted at the other server, the
  // very next request is let in, and demoted again, refused.
  ASSERT_TRUE(change_role(there_->db(), viewer, "admin").ok());
  EXPECT_EQ(client.get("/api/v1/users").status, 200);
  ASSERT_EQ(client.get("/api/v1/users").status, 200);
  ASSERT_TRUE(change_role(there_->db(), viewer, "viewer").ok());
  EXPECT_EQ(client.get("/api/v1/users").status, 403);
}

TEST_P(RememberedCallerTest, ARequestThatReadsNothingConfirmsItsCallerAlone) {
  auto client = token_client_here();
  ASSERT_EQ(client.get("/api/v1/me").status, 200);
  // Renamed behind auth's back (no credentials change): a remembered caller keeps the old name,
  // which shows the next request reused it.
  ASSERT_TRUE(there_->db()
                  .write([&](store::Tx& tx) {
                    return tx.exec("UPDATE users SET name = 'Renamed quietly' WHERE id = $1",
                                   {admin_.id});
                  })
                  .ok());
  auto me = client.get("/api/v1/me");
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(me.json()["name"], admin_.name);
  EXPECT_EQ(confirmations(*here_, "alone"), on_postgres(1));

  // Any credentials change in the organisation (another token revoked, at the other server)
  // makes the next request look its caller up again, and answer with what it finds.
  auto other =
      auth::create_token(there_->db(), org_.org.id, admin_.id, "other", std::nullopt, kCli);
  ASSERT_TRUE(other.ok());
  ASSERT_TRUE(auth::revoke_token(there_->db(), org_.org.id, other->token.id, kCli).ok());
  me = client.get("/api/v1/me");
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(me.json()["name"], "Renamed quietly");
}

TEST_P(RememberedCallerTest, ASessionEndedAtTheOtherServerSendsTheNextPageToSignIn) {
  auto browser = here_->signed_in(org_, Role::admin);
  ASSERT_EQ(browser.get("/").status, 200);
  ASSERT_EQ(browser.get("/").status, 200);
  ASSERT_TRUE(auth::logout(there_->db(), browser.cookies().at(http::kSessionCookie)).ok());
  auto page = browser.get("/");
  EXPECT_EQ(page.status, 303);
  EXPECT_EQ(page.header("location").value_or("").rfind("/login", 0), 0u);
}

INSTANTIATE_TEST_SUITE_P(Backends, RememberedCallerTest,
                         ::testing::ValuesIn(testing::all_backends()), testing::backend_name);

}  // namespace
}  // namespace aims
