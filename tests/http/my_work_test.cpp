// My work, the calendar feed and its personal tokens, the dashboard's overdue headline, the
// layout's search box and the record page's "Referred to by", through the running server with
// the real registers (suppliers and datasets have due dates). The server's clock is real, so
// dates here are days from today.
#include <gtest/gtest.h>

#include "base/time.h"
#include "improvement/improvement.h"
#include "inventory/inventory.h"
#include "records/due.h"
#include "support/test_server.h"

namespace aims {
namespace {

using auth::Role;

std::string days_from_today(int days) {
  return format_timestamp(now_micros() + days * 86'400'000'000LL).substr(0, 10);
}

class MyWorkTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    server_ = std::make_unique<testing::TestServer>(url_);
    a_ = server_->seed_org("Alpha Bank");
    b_ = server_->seed_org("Beta Insurance");
    supplier_ = add(a_, Role::contributor, inventory::suppliers(),
                    {{"name", std::string("Acme, Cloud; EU")},
                     {"provides", std::string("data")},
                     {"next_review", days_from_today(-1)}});
    dataset_ = add(a_, Role::contributor, inventory::datasets(),
                   {{"name", std::string("Loan book")},
                    {"source", std::string("core")},
                    {"steward_id", a_.users[Role::viewer].id},
                    {"disposal_date", days_from_today(3)}});
    add(b_, Role::contributor, inventory::suppliers(),
        {{"name", std::string("Beta vendor")},
         {"provides", std::string("data")},
         {"next_review", days_from_today(-1)}});
  }

  // A record written by the person with `role` in `org`, so they answer for it.
  int64_t add(testing::SeededOrg& org, Role role, const records::Description& d,
              std::map<std::string, records::FieldValue> values) {
    const auth::User& u = org.users[role];
    const records::Caller by{{"user", u.id, u.email}, u.id, u.role};
    records::Record r;
    r.values = std::move(values);
    auto created = records::create(server_->db(), d, org.org.id, r, by);
    EXPECT_TRUE(created.ok()) << created.error().message;
    return created.ok() ? created->id : 0;
  }

  // Makes a calendar token for the client's person and returns the feed's path.
  static std::string new_feed(testing::HttpClient& client) {
    auto made = client.send_json("POST", "/api/v1/me/calendar-token", nlohmann::json::object());
    EXPECT_EQ(made.status, 201) << made.body;
    return made.json().value("path", "");
  }

  std::unique_ptr<testing::TestServer> server_;
  testing::SeededOrg a_, b_;
  int64_t supplier_ = 0, dataset_ = 0;
};

TEST_P(MyWorkTest, ListsWhatThePersonAnswersForInTheirOrganisation) {
  auto contributor = server_->signed_in(a_, Role::contributor);
  auto work = contributor.get("/api/v1/my-work").json();
  ASSERT_EQ(work["overdue"].size(), 1u) << work.dump();
  const auto& item = work["overdue"][0];
  EXPECT_EQ(item["name"], "Acme, Cloud; EU");
  EXPECT_EQ(item["register"], "suppliers");
  EXPECT_EQ(item["field_label"], "Next review");
  EXPECT_EQ(item["days_overdue"], 1);
  EXPECT_EQ(item["href"], "/inventory/suppliers/" + std::to_string(supplier_));
  EXPECT_TRUE(work["this_week"].empty()) << "the dataset is its steward's, not its author's";

  auto viewer = server_->signed_in(a_, Role::viewer);
  auto theirs = viewer.get("/api/v1/my-work").json();
  ASSERT_EQ(theirs["this_week"].size(), 1u) << theirs.dump();
  EXPECT_EQ(theirs["this_week"][0]["name"], "Loan book");
  EXPECT_EQ(theirs["this_week"][0]["days_left"], 3);
  EXPECT_TRUE(theirs["overdue"].empty());

  auto page = contributor.get("/my-work");
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Acme, Cloud; EU"), std::string::npos);
  EXPECT_NE(page.body.find("href=\"/my-work\""), std::string::npos) << "in the navigation";
  EXPECT_EQ(page.body.find("Beta vendor"), std::string::npos);
}

TEST_P(MyWorkTest, TheFeedFollowsRfc5545AndShowsOnlyItsPersonsItems) {
  auto contributor = server_->signed_in(a_, Role::contributor);
  const std::string path = new_feed(contributor);
  ASSERT_TRUE(path.starts_with("/calendar/aimscal_")) << path;
  auto anonymous = server_->client();
  auto feed = anonymous.get(path);
  ASSERT_EQ(feed.status, 200) << feed.body;
  EXPECT_EQ(feed.header("content-type").value_or(""), "text/calendar; charset=utf-8");
  const std::string& text = feed.body;
  EXPECT_TRUE(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
  EXPECT_TRUE(text.ends_with("END:VCALENDAR\r\n"));
  for (size_t at = text.find('\n'); at != std::string::npos; at = text.find('\n', at + 1)) {
    ASSERT_GT(at, 0u);
    EXPECT_EQ(text[at - 1], '\r') << "a line not ended by CRLF at octet " << at;
  }
  EXPECT_NE(text.find("UID:supplier-" + std::to_string(supplier_) + "-next_review@aims\r\n"),
            std::string::npos);
  std::string date = days_from_today(-1);
  date.erase(std::remove(date.begin(), date.end(), '-'), date.end());
  EXPECT_NE(text.find("DTSTART;VALUE=DATE:" + date + "\r\n"), std::string::npos);
  EXPECT_NE(text.find("SUMMARY:Next review: Acme\\, Cloud\\; EU\r\n"), std::string::npos) << text;
  EXPECT_NE(text.find("/inventory/suppliers/" + std::to_string(supplier_) + "\r\n"),
            std::string::npos);
  EXPECT_NE(text.find("DTSTAMP:"), std::string::npos);
  EXPECT_EQ(text.find("Loan book"), std::string::npos) << "the steward's item, not theirs";
  EXPECT_EQ(text.find("Beta vendor"), std::string::npos) << "another organisation's item";

  auto viewer = server_->signed_in(a_, Role::viewer);
  const std::string viewer_feed = anonymous.get(new_feed(viewer)).body;
  EXPECT_NE(viewer_feed.find("Loan book"), std::string::npos);
  EXPECT_EQ(viewer_feed.find("Acme"), std::string::npos);
}

TEST_P(MyWorkTest, ReplacedRevokedAndForeignTokensAnswerNotFoundAtOnce) {
  auto contributor = server_->signed_in(a_, Role::contributor);
  auto anonymous = server_->client();
  const std::string first = new_feed(contributor);
  const std::string second = new_feed(contributor);
  EXPECT_NE(first, second);
  const auto gone = anonymous.get(first);
  EXPECT_EQ(gone.status, 404) << "a replaced token ends at once";
  EXPECT_EQ(anonymous.get(second).status, 200);
  auto state = contributor.get("/api/v1/me/calendar-token").json();
  EXPECT_EQ(state["exists"], true);
  EXPECT_FALSE(state.dump().find("aimscal_") != std::string::npos) << "never shown again";

  EXPECT_EQ(contributor
                .request("DELETE", "/api/v1/me/calendar-token", "",
                         {{"X-CSRF-Token", contributor.csrf()}})
                .status,
            204);
  const auto revoked = anonymous.get(second);
  EXPECT_EQ(revoked.status, 404) << "revoking takes effect on the next request";
  // No hint tells a revoked token from one that never existed.
  const auto unknown = anonymous.get("/calendar/aimscal_never-issued.ics");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(revoked.body.find("revoked"), std::string::npos);
  EXPECT_EQ(revoked.body.find("token"), unknown.body.find("token"));

  // An API token is not a calendar token, and a disabled person's feed is closed.
  auto api_token = auth::create_token(server_->db(), a_.org.id, a_.users[Role::viewer].id, "ci",
                                      std::nullopt, {"cli", std::nullopt, "cli:test"});
  ASSERT_TRUE(api_token.ok());
  EXPECT_EQ(anonymous.get("/calendar/" + api_token->secret + ".ics").status, 404);
  auto viewer = server_->signed_in(a_, Role::viewer);
  const std::string viewer_feed = new_feed(viewer);
  EXPECT_EQ(anonymous.get(viewer_feed).status, 200);
  auto user = auth::get_user(server_->db(), a_.org.id, a_.users[Role::viewer].id);
  ASSERT_TRUE(user.ok());
  ASSERT_TRUE(auth::update_user(server_->db(), a_.org.id, user->id,
                                {.status = "disabled", .expected_version = user->version},
                                {"cli", std::nullopt, "cli:test"})
                  .ok());
  EXPECT_EQ(anonymous.get(viewer_feed).status, 404);
  EXPECT_EQ(anonymous.get(viewer_feed.substr(0, viewer_feed.size() - 4)).status, 404)
      << "only the .ics name answers";
}

TEST_P(MyWorkTest, TheAccountPageMakesShowsOnceAndRevokesTheLink) {
  auto contributor = server_->signed_in(a_, Role::contributor);
  EXPECT_NE(contributor.get("/account").body.find("Make a calendar link"), std::string::npos);
  auto made = contributor.request("POST", "/account/calendar-token", "_csrf=" + contributor.csrf(),
                                  {{"Content-Type", "application/x-www-form-urlencoded"}});
  ASSERT_EQ(made.status, 200);
  const auto at = made.body.find("/calendar/aimscal_");
  ASSERT_NE(at, std::string::npos);
  const std::string path = made.body.substr(at, made.body.find(".ics", at) + 4 - at);
  EXPECT_EQ(server_->client().get(path).status, 200);
  const std::string again = contributor.get("/account").body;
  EXPECT_EQ(again.find("aimscal_"), std::string::npos) << "the link is shown once";
  EXPECT_NE(again.find("Revoke the calendar link"), std::string::npos);
  auto revoked =
      contributor.request("POST", "/account/calendar-token/revoke", "_csrf=" + contributor.csrf(),
                          {{"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(revoked.status, 303);
  EXPECT_EQ(server_->client().get(path).status, 404);
}

TEST_P(MyWorkTest, TheDashboardCountsOverdueRecordsAndLinksToMyWork) {
  auto admin = server_->signed_in(a_, Role::admin);
  const std::string page = admin.get("/").body;
  const auto at = page.find("Overdue records");
  ASSERT_NE(at, std::string::npos);
  EXPECT_NE(page.find("1 supplier; 0 yours"), std::string::npos) << page.substr(at, 400);
  EXPECT_NE(page.find("href=\"/my-work\""), std::string::npos);
}

TEST_P(MyWorkTest, EveryPageHasASearchFormThatWorksWithoutScript) {
  auto viewer = server_->signed_in(a_, Role::viewer);
  for (const char* target : {"/", "/my-work", "/inventory/systems", "/account"}) {
    const std::string page = viewer.get(target).body;
    EXPECT_NE(page.find("<form method=\"get\" action=\"/search\" class=\"topbar-search\" "
                        "role=\"search\">"),
              std::string::npos)
        << target;
    EXPECT_NE(page.find("<label for=\"site-search\""), std::string::npos) << target;
    EXPECT_NE(page.find("id=\"site-search\" name=\"q\""), std::string::npos) << target;
  }
  EXPECT_NE(viewer.get("/search?q=acme").body.find("Acme, Cloud; EU"), std::string::npos);
}

TEST_P(MyWorkTest, RecordPagesListWhatRefersToThem) {
  const int64_t model = add(a_, Role::contributor, inventory::models(),
                            {{"name", std::string("Scorer v2")},
                             {"model_version", std::string("2")},
                             {"model_type", std::string("rules")}});
  const int64_t system = add(a_, Role::contributor, inventory::ai_systems(),
                             {{"name", std::string("Credit scoring")},
                              {"purpose", std::string("scoring")},
                              {"org_role", std::string("deployer")},
                              {"owner_id", a_.users[Role::admin].id},
                              {"model_ids", records::Ids{model}},
                              {"supplier_ids", records::Ids{supplier_}}});
  add(a_, Role::contributor, improvement::incidents(),
      {{"system_id", system}, {"title", std::string("Drift in October")}});
  auto viewer = server_->signed_in(a_, Role::viewer);
  const std::string system_page = viewer.get("/inventory/systems/" + std::to_string(system)).body;
  const auto referred = system_page.find("Referred to by");
  ASSERT_NE(referred, std::string::npos);
  EXPECT_NE(system_page.find("Drift in October", referred), std::string::npos);
  for (const auto& [path, id] : std::vector<std::pair<std::string, int64_t>>{
           {"/inventory/models/", model}, {"/inventory/suppliers/", supplier_}}) {
    const std::string page = viewer.get(path + std::to_string(id)).body;
    const auto section = page.find("Referred to by");
    ASSERT_NE(section, std::string::npos) << path;
    EXPECT_NE(page.find("Credit scoring", section), std::string::npos) << path;
    EXPECT_NE(page.find("href=\"/inventory/systems/" + std::to_string(system) + "\"", section),
              std::string::npos)
        << path;
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, MyWorkTest, ::testing::ValuesIn(testing::all_backends()),
                         testing::backend_name);

}  // namespace
}  // namespace aims
