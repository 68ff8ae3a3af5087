// A record's page as people read it, through the running server with the real registers: each
// value once (an empty one as a dash), what refers to the record in a table per register with that
// register's list columns (an AI system's incidents once, with severity and status), and the
// references it makes by name, archived ones marked.
#include <gtest/gtest.h>

#include "improvement/improvement.h"
#include "inventory/inventory.h"
#include "support/test_server.h"

namespace aims {
namespace {

using auth::Role;

class RecordPageTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    server_ = std::make_unique<testing::TestServer>(url_);
    org_ = server_->seed_org("Page Bank");
    model_ = add(inventory::models(), {{"name", std::string("Scorer")},
                                       {"model_version", std::string("2")},
                                       {"model_type", std::string("rules")}});
    system_ = add(inventory::ai_systems(), {{"name", std::string("Credit scoring")},
                                            {"purpose", std::string("Scores applications.")},
                                            {"org_role", std::string("deployer")},
                                            {"owner_id", org_.users[Role::admin].id},
                                            {"model_ids", records::Ids{model_}}});
    page_ = "/inventory/systems/" + std::to_string(system_);
  }

  int64_t add(const records::Description& d, std::map<std::string, records::FieldValue> values) {
    records::Record r;
    r.values = std::move(values);
    auto created = records::create(server_->db(), d, org_.org.id, r, caller());
    EXPECT_TRUE(created.ok()) << created.error().message;
    return created.ok() ? created->id : 0;
  }

  records::Caller caller() {
    const auth::User& u = org_.users[Role::contributor];
    return {{"user", u.id, u.email}, u.id, u.role};
  }

  static size_t occurrences(const std::string& text, const std::string& part) {
    size_t n = 0;
    for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1))
      ++n;
    return n;
  }

  // The page's "Referred to by" section.
  static std::string referred_by(const std::string& page) {
    const auto start = page.find("<section class=\"card\" id=\"referred-by\">");
    if (start == std::string::npos) return "";
    return page.substr(start, page.find("</section>", start) - start);
  }

  std::unique_ptr<testing::TestServer> server_;
  testing::SeededOrg org_;
  int64_t model_ = 0, system_ = 0;
  std::string page_;
};

TEST_P(RecordPageTest, EachValueAppearsOnceAndAnEmptyOneAsADash) {
  const std::string page = server_->signed_in(org_, Role::viewer).get(page_).body;
  // The name once in the heading, once in its field; no link made of the record's own name.
  EXPECT_EQ(occurrences(page, "<dd>Credit scoring</dd>"), 1u) << page;
  EXPECT_EQ(page.find("<a href=\"\">"), std::string::npos);
  // Intended use was not given.
  EXPECT_NE(page.find("<dt>Intended use</dt><dd class=\"prose\"><span class=\"empty-inline\">—"),
            std::string::npos);
}

TEST_P(RecordPageTest, TheSystemsIncidentsAppearOnceWithTheirSeverityAndStatus) {
  const int64_t incident =
      add(improvement::incidents(), {{"system_id", system_},
                                     {"title", std::string("Drift in October")},
                                     {"severity", std::string("high")}});
  auto editor = server_->signed_in(org_, Role::contributor);
  const std::string page = editor.get(page_).body;
  EXPECT_EQ(occurrences(page, "Drift in October"), 1u) << page;
  const std::string section = referred_by(page);
  // Its register's list columns, less the reference back to the system.
  EXPECT_NE(section.find("<h3>Incidents (AI system)</h3>"), std::string::npos) << section;
  EXPECT_NE(section.find("<th scope=\"col\">Severity</th><th scope=\"col\">Status</th>"),
            std::string::npos)
      << section;
  EXPECT_EQ(section.find("<th scope=\"col\">AI system</th>"), std::string::npos) << section;
  EXPECT_NE(section.find("<a href=\"/improvement/incidents/" + std::to_string(incident) +
                         "\">Drift in October</a>"),
            std::string::npos)
      << section;
  EXPECT_NE(section.find("<td>High</td>"), std::string::npos) << section;
  EXPECT_NE(section.find("<td>Open</td>"), std::string::npos) << section;
  EXPECT_NE(section.find("href=\"/improvement/incidents?system_id=" + std::to_string(system_) +
                         "&amp;archived=include\""),
            std::string::npos)
      << section;
  // People who may report one get the form, already about this system; viewers do not.
  EXPECT_NE(page.find("id=\"report-incident\""), std::string::npos);
  EXPECT_NE(page.find("name=\"system_id\" value=\"" + std::to_string(system_) + "\""),
            std::string::npos);
  EXPECT_EQ(server_->signed_in(org_, Role::viewer).get(page_).body.find("id=\"report-incident\""),
            std::string::npos);
}

TEST_P(RecordPageTest, ReferencesAppearByNameWithArchivedOnesMarked) {
  const std::string model_link = "<a href=\"/inventory/models/" + std::to_string(model_) + "\">";
  auto viewer = server_->signed_in(org_, Role::viewer);
  std::string page = viewer.get(page_).body;
  ASSERT_NE(page.find(model_link + "Scorer 2</a><br>"), std::string::npos) << page;
  // The model's page lists the system that is built from it, with the system's list columns.
  const std::string model_page = viewer.get("/inventory/models/" + std::to_string(model_)).body;
  const std::string section = referred_by(model_page);
  EXPECT_NE(section.find("<h3>AI systems (Models)</h3>"), std::string::npos) << section;
  EXPECT_NE(section.find(">Credit scoring</a>"), std::string::npos) << section;
  EXPECT_NE(section.find("<td>Admin</td>"), std::string::npos) << section;  // its owner

  ASSERT_TRUE(
      records::archive(server_->db(), inventory::models(), org_.org.id, model_, caller()).ok());
  page = viewer.get(page_).body;
  EXPECT_NE(page.find(model_link + "Scorer 2</a> <span class=\"badge\">archived</span><br>"),
            std::string::npos)
      << page;
}

INSTANTIATE_TEST_SUITE_P(Backends, RecordPageTest, ::testing::ValuesIn(testing::all_backends()),
                         testing::backend_name);

}  // namespace
}  // namespace aims
