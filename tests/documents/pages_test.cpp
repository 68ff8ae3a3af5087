// The documents pages and API through the running server: the text of a document shown inert,
// acknowledging from the page and the API with the count on the document page, the documents to
// acknowledge on My work, the templates, and the notice that points readers of a revision to the
// version in force.
#include <gtest/gtest.h>

#include "documents/documents.h"
#include "support/test_server.h"

namespace aims::documents {
namespace {

using auth::Role;

class DocumentPagesTest : public aims::testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    server_ = std::make_unique<aims::testing::TestServer>(url_);
    org_ = server_->seed_org("Alpha Bank");
  }

  records::Caller as(Role role) const {
    const auth::User& u = org_.users.at(role);
    return {{"user", u.id, u.email}, u.id, u.role};
  }

  // A procedure written by the contributor, owned by the admin, asked of viewers and auditors,
  // and published with the AIMS manager's approval.
  int64_t published(const std::string& body) {
    records::Record r;
    r.values = {{"title", std::string("Incident procedure")},
                {"document_type", std::string("procedure")},
                {"owner_id", org_.users.at(Role::admin).id},
                {"body", body},
                {"effective_date", std::string("2026-01-01")},
                {"acknowledgement_roles", std::vector<std::string>{"viewer", "auditor"}}};
    auto& db = server_->db();
    auto doc = records::create(db, documents(), org_.org.id, r, as(Role::contributor));
    EXPECT_TRUE(doc.ok()) << doc.error().message;
    if (!doc.ok()) return 0;
    records::Record approver;
    approver.values["approver_id"] = org_.users.at(Role::aims_manager).id;
    auto submitted = records::transition(db, documents(), org_.org.id, doc->id,
                                         {"submit", "First issue", approver, doc->version},
                                         as(Role::contributor));
    EXPECT_TRUE(submitted.ok()) << submitted.error().message;
    auto approved = records::transition(db, documents(), org_.org.id, doc->id,
                                        {"approve", "ok", {}, submitted->record.version},
                                        as(Role::aims_manager));
    EXPECT_TRUE(approved.ok()) << approved.error().message;
    return doc->id;
  }

  std::unique_ptr<aims::testing::TestServer> server_;
  aims::testing::SeededOrg org_;
};

TEST_P(DocumentPagesTest, EmbeddedHtmlInTheTextIsShownInert) {
  const int64_t id = published(
      "# Steps\n\n<script>alert('x')</script>\n\n<img src=x onerror=alert(1)>\n\n"
      "[click](javascript:alert(2))");
  auto page =
      server_->signed_in(org_, Role::viewer).get("/governance/documents/" + std::to_string(id));
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("<h1>Steps</h1>"), std::string::npos) << "the Markdown is rendered";
  // No live tag or link: the history may quote the text, escaped ("&lt;img ...").
  EXPECT_EQ(page.body.find("<script>alert"), std::string::npos);
  EXPECT_EQ(page.body.find("<img src=x onerror"), std::string::npos);
  EXPECT_EQ(page.body.find("href=\"javascript:"), std::string::npos);
  EXPECT_NE(page.body.find("raw HTML omitted"), std::string::npos);
}

TEST_P(DocumentPagesTest, AcknowledgingChangesTheCountOnTheDocumentPage) {
  const int64_t id = published("# Steps\n\nReport it.");
  const std::string page_path = "/governance/documents/" + std::to_string(id);
  const std::string api_path = "/api/v1/documents/" + std::to_string(id) + "/acknowledgements";
  auto viewer = server_->signed_in(org_, Role::viewer);
  auto auditor = server_->signed_in(org_, Role::auditor);
  // The viewer and the auditor were asked: 0 of 2; the viewer's page offers the button.
  auto before = viewer.get(page_path);
  EXPECT_NE(before.body.find("Acknowledged 0 of 2"), std::string::npos);
  EXPECT_NE(before.body.find("I have read and understood it"), std::string::npos);
  // My work lists it for the viewer.
  auto work = viewer.get("/api/v1/my-work").json();
  bool listed = false;
  for (const auto& s : work["sections"])
    if (s["key"] == "to_acknowledge")
      listed = s["items"].size() == 1 && s["items"][0]["name"] == "Incident procedure";
  EXPECT_TRUE(listed) << work.dump();

  // From the page (a form post), then from the API as the auditor.
  auto posted =
      viewer.request("POST", page_path + "/acknowledgements", "version=1&_csrf=" + viewer.csrf(),
                     {{"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(posted.status, 303) << posted.body;
  auto after = viewer.get(page_path);
  EXPECT_NE(after.body.find("Acknowledged 1 of 2"), std::string::npos);
  EXPECT_EQ(after.body.find("I have read and understood it"), std::string::npos);
  auto by_api = auditor.send_json("POST", api_path, {{"version", 1}});
  EXPECT_EQ(by_api.status, 200) << by_api.body;
  auto round = viewer.get(api_path).json();
  EXPECT_EQ(round["version"], 1);
  EXPECT_EQ(round["acknowledged"], 2);
  EXPECT_EQ(round["total"], 2);

  // The contributor was not asked: refused with the reason.
  auto refused = server_->signed_in(org_, Role::contributor)
                     .send_json("POST", api_path, nlohmann::json::object());
  EXPECT_EQ(refused.status, 403);
  EXPECT_NE(refused.body.find("you are not among the people asked"), std::string::npos);
}

TEST_P(DocumentPagesTest, ARevisionPointsReadersToTheVersionInForce) {
  const int64_t id = published("# Steps\n\nReport it.");
  auto& db = server_->db();
  auto doc = records::get(db, documents(), org_.org.id, id);
  ASSERT_TRUE(doc.ok());
  ASSERT_TRUE(records::transition(db, documents(), org_.org.id, id,
                                  {"revise", "Add triage", {}, doc->version}, as(Role::contributor))
                  .ok());
  auto page =
      server_->signed_in(org_, Role::viewer).get("/governance/documents/" + std::to_string(id));
  EXPECT_NE(page.body.find("Version 1 is the approved text in force"), std::string::npos);
  EXPECT_NE(page.body.find("/governance/documents/" + std::to_string(id) + "/versions/1"),
            std::string::npos);
  auto print = server_->signed_in(org_, Role::auditor)
                   .get("/governance/documents/" + std::to_string(id) + "/print");
  EXPECT_EQ(print.status, 200);
  // The approval record: the named approver by name, and the change summary of the submission.
  EXPECT_NE(print.body.find("Approved by</dt><dd>" + org_.users.at(Role::aims_manager).name),
            std::string::npos);
  EXPECT_NE(print.body.find("<dt>Change summary</dt><dd>First issue</dd>"), std::string::npos);
}

TEST_P(DocumentPagesTest, TemplatesListAndMakeDrafts) {
  auto manager = server_->signed_in(org_, Role::aims_manager);
  auto list = manager.get("/api/v1/document-templates").json();
  ASSERT_EQ(list["items"].size(), 5u);
  auto made = manager.send_json("POST", "/api/v1/document-templates/ai-policy/use",
                                {{"title", "Our AI policy"}});
  ASSERT_EQ(made.status, 201) << made.body;
  EXPECT_EQ(made.json()["title"], "Our AI policy");
  EXPECT_EQ(made.json()["state"], "draft");
  auto page = manager.get("/governance/documents/templates");
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("AI system impact assessment procedure"), std::string::npos);
  // The same title again is refused on the page with the reason, not a server error.
  auto again = manager.request(
      "POST", "/governance/documents/templates/ai-policy/use",
      "title=Our+AI+policy&owner_id=" + std::to_string(org_.users.at(Role::aims_manager).id) +
          "&_csrf=" + manager.csrf(),
      {{"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(again.status, 409);
  EXPECT_NE(again.body.find("notice-error"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, DocumentPagesTest,
                         ::testing::ValuesIn(aims::testing::all_backends()),
                         aims::testing::backend_name);

}  // namespace
}  // namespace aims::documents
