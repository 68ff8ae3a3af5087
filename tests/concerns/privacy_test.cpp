// The public concerns channel through the real server behind a trusted proxy: a reporter's
// address (X-Forwarded-For) and user agent reach neither any table of the database nor the access
// log, the form needs its own CSRF token, a receipt code shows its concern's status, a wrong code
// says so, and a rotated link answers 404.
#include <regex>
#include <sstream>

#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include "http/parse/form.h"
#include "support/test_server.h"

namespace aims {
namespace {

using auth::Role;
using testing::HttpClient;

constexpr const char* kAddress = "203.0.113.77";
constexpr const char* kAgent = "ConcernProbe/7.7 (privacy test)";

std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string out;
  for (const auto& [k, v] : fields)
    out += (out.empty() ? "" : "&") + k + "=" + http::percent_encode(v);
  return out;
}

std::string first_match(const std::string& text, const std::string& pattern) {
  std::smatch m;
  return std::regex_search(text, m, std::regex(pattern)) ? m[1].str() : "";
}

class ConcernsPrivacyTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    server_ = std::make_unique<testing::TestServer>(
        url_, testing::TestServerOptions{.trusted_proxies = {"127.0.0.1"}});
    org_ = server_->seed_org("Alpha Bank");
    manager_ = std::make_unique<HttpClient>(server_->signed_in(org_, Role::aims_manager));
    link_ = rotate();
    ASSERT_FALSE(link_.empty());
    auto logger = spdlog::get("access");
    logger->sinks().clear();
    logger->sinks().push_back(std::make_shared<spdlog::sinks::ostream_sink_mt>(log_));
    logger->set_level(spdlog::level::info);
  }
  void TearDown() override {
    if (auto logger = spdlog::get("access")) logger->set_level(spdlog::level::off);
  }

  // Makes a new link on the settings page; the answer is the only place it is shown.
  std::string rotate() {
    auto r = manager_->request("POST", "/improvement/concerns/channel",
                               form_encode({{"_csrf", manager_->csrf()}, {"action", "rotate"}}),
                               {{"Content-Type", "application/x-www-form-urlencoded"}});
    EXPECT_EQ(r.status, 200) << r.body;
    return first_match(r.body, "id=\"channel-link\">(/concerns/[A-Za-z0-9_-]+)<");
  }

  testing::HttpResponse as_reporter(HttpClient& c, const std::string& method,
                                    const std::string& target, const std::string& body = {}) {
    std::vector<std::pair<std::string, std::string>> headers = {{"X-Forwarded-For", kAddress},
                                                                {"User-Agent", kAgent}};
    if (!body.empty()) headers.push_back({"Content-Type", "application/x-www-form-urlencoded"});
    return c.request(method, target, body, headers);
  }

  // Raises a concern as an anonymous reporter; returns the receipt code.
  std::string raise(HttpClient& reporter, const std::string& text) {
    auto form = as_reporter(reporter, "GET", link_);
    EXPECT_EQ(form.status, 200);
    const std::string csrf = first_match(form.body, "name=\"_csrf\" value=\"([^\"]+)\"");
    auto sent =
        as_reporter(reporter, "POST", link_,
                    form_encode({{"_csrf", csrf}, {"what_happened", text}, {"anonymous", "yes"}}));
    EXPECT_EQ(sent.status, 201) << sent.body;
    return first_match(sent.body, "id=\"receipt-code\">([A-Za-z0-9_-]+)<");
  }

  // Every text of every table, for looking for what must not be stored.
  std::string whole_database() {
    auto& db = server_->db();
    const bool sqlite = db.dialect() == store::Dialect::sqlite;
    auto tables = db.read([&](store::Tx& tx) {
      return tx.query(sqlite ? "SELECT name FROM sqlite_master WHERE type = 'table'"
                             : "SELECT table_name FROM information_schema.tables "
                               "WHERE table_schema = current_schema()");
    });
    EXPECT_TRUE(tables.ok());
    std::string all;
    for (const auto& t : *tables) {
      const std::string name = t.text(0);
      if (name.find('"') != std::string::npos) continue;
      auto rows =
          db.read([&](store::Tx& tx) { return tx.query("SELECT * FROM \"" + name + "\""); });
      EXPECT_TRUE(rows.ok()) << name;
      if (!rows.ok()) continue;
      for (auto& row : *rows)
        for (size_t i = 0; i < row.size(); ++i)
          if (!row.is_null(i)) all += row.take_bytes(i) + "\n";
    }
    return all;
  }

  std::unique_ptr<testing::TestServer> server_;
  testing::SeededOrg org_;
  std::unique_ptr<HttpClient> manager_;
  std::string link_;
  std::ostringstream log_;
};

TEST_P(ConcernsPrivacyTest, AnAnonymousConcernLeavesNoAddressOrUserAgent) {
  HttpClient reporter = server_->client();
  const std::string code = raise(reporter, "The moderation bot removed my post about a protest.");
  ASSERT_FALSE(code.empty());
  auto status = as_reporter(
      reporter, "POST", link_ + "/status",
      form_encode({{"_csrf", first_match(as_reporter(reporter, "GET", link_ + "/status").body,
                                         "name=\"_csrf\" value=\"([^\"]+)\"")},
                   {"code", code}}));
  EXPECT_EQ(status.status, 200);

  const std::string stored = whole_database();
  EXPECT_NE(stored.find("The moderation bot removed my post"), std::string::npos)
      << "the search covers the stored concern";
  EXPECT_EQ(stored.find(kAddress), std::string::npos);
  EXPECT_EQ(stored.find("ConcernProbe"), std::string::npos);

  const std::string log = log_.str();
  EXPECT_NE(log.find("\"route\":\"/concerns/{token}\""), std::string::npos) << log;
  EXPECT_EQ(log.find(kAddress), std::string::npos) << log;
  EXPECT_EQ(log.find("ConcernProbe"), std::string::npos);
  EXPECT_EQ(log.find(link_), std::string::npos) << "the link's token stays out of the log";
  // Elsewhere the same proxy's client is logged, so the test would see an address that leaked.
  as_reporter(reporter, "GET", "/healthz");
  EXPECT_NE(log_.str().find(kAddress), std::string::npos);
}

TEST_P(ConcernsPrivacyTest, TheReceiptCodeShowsTheStatusAndAWrongOneSaysSo) {
  HttpClient reporter = server_->client();
  const std::string code = raise(reporter, "Welsh posts are removed.");
  auto page = as_reporter(reporter, "GET", link_ + "/status");
  const std::string csrf = first_match(page.body, "name=\"_csrf\" value=\"([^\"]+)\"");
  auto shown = as_reporter(reporter, "POST", link_ + "/status",
                           form_encode({{"_csrf", csrf}, {"code", code}}));
  EXPECT_EQ(shown.status, 200);
  EXPECT_NE(shown.body.find("Received"), std::string::npos);
  EXPECT_NE(shown.body.find("No answer yet."), std::string::npos);
  EXPECT_EQ(shown.body.find("Welsh posts"), std::string::npos) << "the code shows status only";
  auto wrong = as_reporter(reporter, "POST", link_ + "/status",
                           form_encode({{"_csrf", csrf}, {"code", "wrong-code"}}));
  EXPECT_EQ(wrong.status, 404);
  EXPECT_NE(wrong.body.find("No concern with this code."), std::string::npos);
}

TEST_P(ConcernsPrivacyTest, TheFormNeedsItsOwnToken) {
  HttpClient reporter = server_->client();
  auto refused = as_reporter(reporter, "POST", link_,
                             form_encode({{"_csrf", "forged"}, {"what_happened", "Text"}}));
  EXPECT_EQ(refused.status, 403);
}

TEST_P(ConcernsPrivacyTest, ARotatedLinkIs404) {
  const std::string old = link_;
  const std::string fresh = rotate();
  ASSERT_FALSE(fresh.empty());
  EXPECT_NE(fresh, old);
  HttpClient reporter = server_->client();
  EXPECT_EQ(reporter.get(old).status, 404);
  EXPECT_EQ(reporter.get(old + "/status").status, 404);
  EXPECT_EQ(reporter.get(fresh).status, 200);
}

TEST_P(ConcernsPrivacyTest, TheTwentyFirstConcernInAnHourIs429) {
  HttpClient reporter = server_->client();
  for (int i = 0; i < 20; ++i)
    ASSERT_FALSE(raise(reporter, "Concern " + std::to_string(i)).empty());
  auto form = as_reporter(reporter, "GET", link_);
  const std::string csrf = first_match(form.body, "name=\"_csrf\" value=\"([^\"]+)\"");
  auto refused =
      as_reporter(reporter, "POST", link_, form_encode({{"_csrf", csrf}, {"what_happened", "x"}}));
  EXPECT_EQ(refused.status, 429);
  EXPECT_TRUE(refused.header("retry-after").has_value());
  EXPECT_NE(refused.body.find("Please try again later"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, ConcernsPrivacyTest,
                         ::testing::ValuesIn(testing::all_backends()), testing::backend_name);

}  // namespace
}  // namespace aims
