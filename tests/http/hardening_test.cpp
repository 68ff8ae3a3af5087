// What an attacker tried against `aims serve` and must no longer work: bodies stored before the
// caller is known, uploads that outlive their request, header injection through sign-in, spoofed
// client addresses, an open /metrics behind a proxy.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include "http/app.h"
#include "http/context.h"
#include "support/raw_connection.h"
#include "support/test_server.h"

namespace aims {
namespace {

using auth::Role;
using testing::RawConnection;

std::string head_of(const std::string& method, const std::string& target, uint64_t length,
                    const std::string& extra = "") {
  return method + " " + target +
         " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " + std::to_string(length) + "\r\n" +
         extra + "\r\n";
}

std::string header_value(const std::string& head, const std::string& name) {
  std::string lower = head;
  for (char& c : lower)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const auto at = lower.find("\r\n" + name + ":");
  if (at == std::string::npos) return {};
  const auto start = at + 3 + name.size();
  return std::string(
      head.substr(start, head.find("\r\n", start) - start).substr(head[start] == ' ' ? 1 : 0));
}

class HardeningTest : public ::testing::Test {
 protected:
  void SetUp() override { start({}); }

  void start(testing::TestServerOptions options) {
    server_.reset();
    auto url = testing::fresh_database_url(testing::Backend::sqlite);
    ASSERT_TRUE(url);
    server_ = std::make_unique<testing::TestServer>(*url, options);
    org_ = server_->seed_org("Harden Org");
  }

  std::string token_for(Role role) {
    auto token = auth::create_token(server_->db(), org_.org.id, org_.users.at(role).id, "t",
                                    std::nullopt, {"cli", std::nullopt, "cli:test"});
    EXPECT_TRUE(token.ok());
    return token->secret;
  }

  // Sends a head announcing a large body but no body byte, and reads the answer.
  int status_of_head(const std::string& head) {
    RawConnection c(server_->port());
    EXPECT_TRUE(c.send(head));
    auto answer = c.read_head();
    EXPECT_TRUE(answer) << "no answer to a head whose body was held back";
    return answer ? RawConnection::status_of(*answer) : 0;
  }

  // Waits until the upload folder holds `n` files (removal follows the connection's end).
  bool upload_files_become(size_t n) {
    for (int i = 0; i < 200; ++i) {
      if (server_->files_in_upload_dir() == n) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
  }

  std::unique_ptr<testing::TestServer> server_;
  testing::SeededOrg org_;
};

constexpr uint64_t k300MiB = uint64_t{300} << 20;

TEST_F(HardeningTest, AnonymousUploadIsRefusedBeforeAnyBodyByte) {
  EXPECT_EQ(status_of_head(head_of("POST", "/api/v1/monitors/1/runs", k300MiB,
                                   "Content-Type: application/octet-stream\r\n")),
            401);
  // Expect: 100-continue must get the refusal, never the invitation to send.
  EXPECT_EQ(status_of_head(
                head_of("POST", "/api/v1/monitors/1/runs", k300MiB, "Expect: 100-continue\r\n")),
            401);
  EXPECT_EQ(status_of_head(head_of("POST", "/api/v1/ai-systems/import", 5 << 20,
                                   "Authorization: Bearer aims_not_a_real_token\r\n"
                                   "Content-Type: text/csv\r\n")),
            401);
  // A page route sends the anonymous browser to sign in, and stores nothing either.
  EXPECT_EQ(status_of_head(head_of("POST", "/monitoring/monitors/1/runs", k300MiB,
                                   "Content-Type: multipart/form-data; boundary=x\r\n")),
            303);
  EXPECT_EQ(server_->files_in_upload_dir(), 0u);
}

TEST_F(HardeningTest, RoleWithoutThePermissionIsRefusedBeforeTheBody) {
  const std::string viewer = token_for(Role::viewer);
  EXPECT_EQ(status_of_head(head_of("POST", "/api/v1/monitors/1/runs", k300MiB,
                                   "Authorization: Bearer " + viewer + "\r\n")),
            403);
  EXPECT_EQ(server_->files_in_upload_dir(), 0u);
}

TEST_F(HardeningTest, BadQueryIsRefusedBeforeTheBody) {
  const std::string admin = token_for(Role::admin);
  EXPECT_EQ(status_of_head(head_of("POST", "/api/v1/monitors/1/runs?a=%zz", k300MiB,
                                   "Authorization: Bearer " + admin + "\r\n")),
            400);
  EXPECT_EQ(server_->files_in_upload_dir(), 0u);
}

TEST_F(HardeningTest, UploadIsPrivateAndGoneWhenTheClientDisconnects) {
  const std::string admin = token_for(Role::admin);
  {
    RawConnection c(server_->port());
    ASSERT_TRUE(c.send(head_of("POST", "/api/v1/monitors/999/runs", 10 << 20,
                               "Authorization: Bearer " + admin + "\r\n")));
    ASSERT_TRUE(c.send(std::string(1 << 20, 'x')));
    ASSERT_TRUE(upload_files_become(1)) << "the body should be streaming to the upload folder";
    struct stat folder {};
    ASSERT_EQ(::stat(server_->upload_dir().c_str(), &folder), 0);
    EXPECT_EQ(folder.st_mode & 0777, 0700u);
    for (const auto& entry : std::filesystem::directory_iterator(server_->upload_dir())) {
      struct stat file {};
      ASSERT_EQ(::stat(entry.path().c_str(), &file), 0);
      EXPECT_EQ(file.st_mode & 0777, 0600u) << entry.path();
    }
  }  // the client goes away half-way
  EXPECT_TRUE(upload_files_become(0)) << "a cancelled upload must not stay on disk";
}

TEST_F(HardeningTest, FinishedUploadIsRemovedWhateverTheAnswer) {
  auto client = server_->client();
  client.use_token(token_for(Role::admin));
  // No such monitor: the handler refuses after the body was stored.
  auto r = client.request("POST", "/api/v1/monitors/999/runs", std::string(200000, 'x'),
                          {{"Content-Type", "text/csv"}});
  EXPECT_EQ(r.status, 404);
  EXPECT_TRUE(upload_files_become(0));
}

TEST_F(HardeningTest, UploadsBeyondTheBudgetAreRefusedAndLeaveNothing) {
  start({.upload_budget = 1 << 20});
  const std::string admin = token_for(Role::admin);
  // Declared too large for the budget: refused from the head.
  EXPECT_EQ(status_of_head(head_of("POST", "/api/v1/monitors/1/runs", 2 << 20,
                                   "Authorization: Bearer " + admin + "\r\n")),
            503);
  // Undeclared (chunked): refused when the budget runs out.
  RawConnection c(server_->port());
  ASSERT_TRUE(
      c.send("POST /api/v1/monitors/1/runs HTTP/1.1\r\nHost: 127.0.0.1\r\n"
             "Authorization: Bearer " +
             admin + "\r\nTransfer-Encoding: chunked\r\n\r\n"));
  const std::string chunk(512 << 10, 'x');
  for (int i = 0; i < 3; ++i) {
    char size[32];
    std::snprintf(size, sizeof size, "%zx\r\n", chunk.size());
    if (!c.send(std::string(size) + chunk + "\r\n")) break;
  }
  auto answer = c.read_head();
  ASSERT_TRUE(answer);
  EXPECT_EQ(RawConnection::status_of(*answer), 503);
  EXPECT_NE(header_value(*answer, "retry-after"), "");
  EXPECT_TRUE(upload_files_become(0));
}

TEST_F(HardeningTest, UrlEncodedFormsAreSmall) {
  auto admin = server_->signed_in(org_, Role::admin);
  auto r = admin.request("POST", "/inventory/systems",
                         "_csrf=" + admin.csrf() + "&name=" + std::string(70 << 10, 'a'),
                         {{"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(r.status, 413);
}

TEST_F(HardeningTest, SignInNextCannotInjectHeadersOrLeaveTheSite) {
  auto client = server_->client();
  for (const std::string next :
       {"%2F%0D%0ASet-Cookie%3A%20injected%3D1", "%2F%09%2Fevil.example%2F", "%2F%2Fevil.example",
        "%2F%5Cevil.example", "https%3A%2F%2Fevil.example", "%2F%252F%252Fevil.example"}) {
    auto form = client.get("/login?next=" + next);
    EXPECT_EQ(form.status, 200);
    EXPECT_NE(form.body.find(R"(name="next" value="/")"), std::string::npos) << next;
    const std::string csrf = client.cookies()["aims_login_csrf"];
    auto signed_in =
        client.request("POST", "/login",
                       "_csrf=" + csrf + "&email=" + org_.users.at(Role::viewer).email +
                           "&password=a+long+test+passphrase&next=" + next,
                       {{"Content-Type", "application/x-www-form-urlencoded"}});
    EXPECT_EQ(signed_in.status, 303) << next;
    EXPECT_EQ(signed_in.header("location"), std::optional<std::string>("/")) << next;
    EXPECT_FALSE(client.cookies().count("injected")) << next;
    client.forget_credentials();
  }
}

TEST(SameSitePathTest, KeepsOwnPathsAndRefusesEverythingElse) {
  EXPECT_EQ(http::same_site_path("/inventory/systems?q=credit"), "/inventory/systems?q=credit");
  EXPECT_EQ(http::same_site_path("/monitoring/monitors/3#runs"), "/monitoring/monitors/3#runs");
  EXPECT_EQ(http::same_site_path("/search?q=caf\xc3\xa9"), "/search?q=caf%C3%A9");
  for (const char* bad :
       {"", "evil.example", "//evil.example", "/\\evil.example", "/\t/evil.example",
        "/\r\nSet-Cookie: a=1", "/%0d%0aSet-Cookie:%20a=1", "/%2F/evil.example", "/%5Cevil.example",
        "https://evil.example/", "/ok\x7f"}) {
    EXPECT_EQ(http::same_site_path(bad), "/") << bad;
  }
}

TEST_F(HardeningTest, NoResponseCarriesALineBreakInAHeader) {
  http::Router router;
  router.add({"GET", "/echo", http::RouteKind::api, std::nullopt,
              [](http::Context& ctx) -> Result<http::Response> {
                http::Response r = http::Response::json(200, "{}");
                r.with_header("X-Echo", ctx.query_value("v").value_or(""));
                return r;
              }});
  http::App app(server_->db(), std::move(router), {});
  http::Request request;
  request.method = "GET";
  request.path = "/echo";
  request.target = "/echo?v=a%0D%0ASet-Cookie:%20x=1";
  request.query = "v=a%0D%0ASet-Cookie:%20x=1";
  request.remote_addr = "127.0.0.1";
  http::Response answer;
  app.handle(request, [&](http::Response r) { answer = std::move(r); });
  EXPECT_EQ(answer.status, 500);
  for (const auto& [name, value] : answer.headers) {
    EXPECT_EQ(value.find('\n'), std::string::npos) << name;
    EXPECT_NE(name, "X-Echo");
  }
}

// A load balancer sends traffic only to a server whose database has this binary's schema: one
// started before `aims db migrate` ran is alive (/healthz) but not ready.
TEST_F(HardeningTest, ReadyOnlyWhileTheSchemaIsThisBinarys) {
  auto ready = server_->client().get("/readyz");
  EXPECT_EQ(ready.status, 200) << ready.body;
  EXPECT_EQ(ready.json().value("status", ""), "ready");

  ASSERT_TRUE(server_->db()
                  .write([](store::Tx& tx) -> Status {
                    TRY(tx.exec("DELETE FROM schema_migrations WHERE name = '0030_notify'"));
                    return {};
                  })
                  .ok());
  auto behind = server_->client().get("/readyz");
  EXPECT_EQ(behind.status, 503);
  EXPECT_NE(behind.body.find("0030_notify"), std::string::npos) << behind.body;
  EXPECT_TRUE(behind.header("retry-after").has_value());
  EXPECT_EQ(server_->client().get("/healthz").status, 200);
}

TEST_F(HardeningTest, HstsOnlyWhenServedOverHttps) {
  EXPECT_EQ(server_->client().get("/healthz").header("strict-transport-security"), std::nullopt);
  start({.secure_cookies = true});
  EXPECT_EQ(server_->client().get("/healthz").header("strict-transport-security"),
            std::optional<std::string>("max-age=31536000; includeSubDomains"));
}

TEST_F(HardeningTest, ForwardedAddressIsBelievedOnlyFromATrustedProxy) {
  const std::string viewer = org_.users.at(Role::viewer).email;
  auto attempt = [&](const std::string& forwarded_for, const std::string& password) {
    return server_->client()
        .send_json("POST", "/api/v1/auth/login", {{"email", viewer}, {"password", password}},
                   {{"X-Forwarded-For", forwarded_for}})
        .status;
  };
  // Untrusted peer: the header is the client's own word and is ignored, so changing it does not
  // escape the throttle on 127.0.0.1.
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(attempt("203.0.113." + std::to_string(i), "wrong"), 401);
  EXPECT_EQ(attempt("203.0.113.99", testing::kTestPassword), 429);

  // Behind a trusted proxy, each client is throttled on its own address.
  start({.trusted_proxies = {"127.0.0.1"}});
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(attempt("198.51.100.7", "wrong"), 401);
  EXPECT_EQ(attempt("198.51.100.7", testing::kTestPassword), 429);
  EXPECT_EQ(attempt("198.51.100.8", testing::kTestPassword), 200);
  // A client cannot prepend a friendlier address: the proxy's own entry is the right-most.
  EXPECT_EQ(attempt("198.51.100.8, 198.51.100.7", testing::kTestPassword), 429);
}

TEST_F(HardeningTest, MetricsBehindAProxyNeedTheToken) {
  const std::string token = "metrics-secret-0123456789";
  start({.trusted_proxies = {"127.0.0.1"}, .metrics_token = token});
  auto client = server_->client();
  EXPECT_EQ(client.get("/metrics").status, 200) << "loopback itself may read";
  EXPECT_EQ(client.request("GET", "/metrics", "", {{"X-Forwarded-For", "203.0.113.5"}}).status,
            404);
  EXPECT_EQ(client
                .request("GET", "/metrics", "",
                         {{"X-Forwarded-For", "203.0.113.5"}, {"Authorization", "Bearer " + token}})
                .status,
            200);
  EXPECT_EQ(client
                .request("GET", "/metrics", "",
                         {{"X-Forwarded-For", "203.0.113.5"}, {"Authorization", "Bearer wrong"}})
                .status,
            404);
}

}  // namespace
}  // namespace aims
