// Attachments and comments over HTTP, on an AI system as people reach it: uploads whose type comes
// from the content whatever the client says, downloads that can only be downloads, the size limit
// as a field error, roles, another organisation's ids, and comments whose Markdown runs nothing.
#include <chrono>
#include <set>
#include <thread>

#include <gtest/gtest.h>

#include "inventory/inventory.h"
#include "records/attachments.h"
#include "support/test_server.h"

namespace aims {
namespace {

using auth::Role;

// `printf '%%PDF-1.7\n%%fake but starts like a PDF\n' | sha256sum`, computed outside aims.
constexpr const char* kPdf = "%PDF-1.7\n%fake but starts like a PDF\n";
constexpr const char* kPdfSha256 =
    "0970c6a51af38eb9090f6034f978349252c0827728552df8a39388c455ea538d";

class AttachmentsApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto url = testing::fresh_database_url(testing::Backend::sqlite);
    ASSERT_TRUE(url);
    server_ = std::make_unique<testing::TestServer>(*url);
    org_ = server_->seed_org("Attach Org");
    other_ = server_->seed_org("Elsewhere Org");
    system_ = add_system(org_, "Claims triage");
    api_ = "/api/v1/ai-systems/" + std::to_string(system_);
    page_ = "/inventory/systems/" + std::to_string(system_);
  }

  int64_t add_system(const testing::SeededOrg& org, const std::string& name) {
    records::Record r;
    r.values = {{"name", name},
                {"purpose", std::string("triage")},
                {"org_role", std::string("deployer")},
                {"owner_id", org.users.at(Role::admin).id}};
    auto created = records::create(server_->db(), inventory::ai_systems(), org.org.id, r,
                                   {{"cli", std::nullopt, "cli:test"}, std::nullopt, std::nullopt});
    EXPECT_TRUE(created.ok());
    return created.ok() ? created->id : 0;
  }

  // A multipart form with a file part that claims `claimed_type`, plus plain fields.
  static std::string multipart(
      const std::string& filename, const std::string& claimed_type, const std::string& content,
      const std::vector<std::pair<std::string, std::string>>& fields = {}) {
    std::string body;
    for (const auto& [name, value] : fields) {
      body += "--" + kBoundary + "\r\nContent-Disposition: form-data; name=\"" + name +
              "\"\r\n\r\n" + value + "\r\n";
    }
    body += "--" + kBoundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" +
            filename + "\"\r\nContent-Type: " + claimed_type + "\r\n\r\n" + content + "\r\n--" +
            kBoundary + "--\r\n";
    return body;
  }

  testing::HttpResponse upload(testing::HttpClient& client, const std::string& target,
                               const std::string& body) {
    return client.request("POST", target, body,
                          {{"Content-Type", "multipart/form-data; boundary=" + kBoundary},
                           {"X-CSRF-Token", client.csrf()}});
  }

  testing::HttpClient as(Role role) { return server_->signed_in(org_, role); }

  static inline const std::string kBoundary = "----aimsAttachBoundary";
  std::unique_ptr<testing::TestServer> server_;
  testing::SeededOrg org_, other_;
  int64_t system_ = 0;
  std::string api_, page_;
};

TEST_F(AttachmentsApiTest, TheTypeComesFromTheContentAndDownloadsAreOnlyDownloads) {
  auto editor = as(Role::contributor);
  // The client says PNG, the name says PNG; the bytes are a PDF. The name people see (a field,
  // so it may hold quotes) replaces the file's.
  auto added =
      upload(editor, api_ + "/attachments",
             multipart("photo.png", "image/png", kPdf, {{"name", "Bericht \"Q3\" ü.png"}}));
  ASSERT_EQ(added.status, 201) << added.body;
  const auto a = added.json();
  EXPECT_EQ(a["media_type"], "application/pdf");
  EXPECT_EQ(a["sha256"], kPdfSha256);
  EXPECT_EQ(a["size"], std::string(kPdf).size());
  EXPECT_EQ(a["name"], "Bericht \"Q3\" ü.png");
  EXPECT_EQ(a["added_by"], org_.users.at(Role::contributor).id);

  auto download = as(Role::viewer).get(a["content_href"].get<std::string>());
  ASSERT_EQ(download.status, 200);
  EXPECT_EQ(download.body, kPdf);
  EXPECT_EQ(download.header("content-type"), std::optional<std::string>("application/pdf"));
  EXPECT_EQ(download.header("content-disposition"),
            std::optional<std::string>("attachment; filename=\"Bericht _Q3_ __.png\"; "
                                       "filename*=UTF-8''Bericht%20%22Q3%22%20%C3%BC.png"));
  EXPECT_EQ(download.header("x-content-type-options"), std::optional<std::string>("nosniff"));
  EXPECT_EQ(download.header("content-security-policy"),
            std::optional<std::string>("default-src 'none'; sandbox"));
  // The record page's link downloads the same bytes with the same headers.
  auto from_page =
      as(Role::auditor).get(page_ + "/attachments/" + std::to_string(a["id"].get<int64_t>()));
  EXPECT_EQ(from_page.body, kPdf);
  EXPECT_EQ(from_page.header("content-disposition"), download.header("content-disposition"));

  // An HTML file is stored as text: it downloads as text/plain, never as a page.
  auto html = upload(editor, api_ + "/attachments",
                     multipart("x.html", "text/html", "<script>alert(1)</script>"));
  ASSERT_EQ(html.status, 201) << html.body;
  EXPECT_EQ(html.json()["media_type"], "text/plain; charset=utf-8");
}

TEST_F(AttachmentsApiTest, ALargerFileIsAFieldErrorAndNothingIsKept) {
  auto editor = as(Role::contributor);
  auto refused = upload(editor, api_ + "/attachments",
                        multipart("big.bin", "application/octet-stream",
                                  std::string(records::kMaxAttachmentBytes + 1, 'x')));
  EXPECT_EQ(refused.status, 413);
  EXPECT_EQ(refused.json()["error"]["field"], "file");
  EXPECT_EQ(editor.get(api_ + "/attachments").json()["items"].size(), 0u);
  // The upload's files go with the request (removal follows the connection's end).
  bool gone = false;
  for (int i = 0; i < 200 && !gone; ++i) {
    gone = server_->files_in_upload_dir() == 0;
    if (!gone) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_TRUE(gone);
}

TEST_F(AttachmentsApiTest, OnlyEditorsAttachAndRemove) {
  for (Role role : {Role::viewer, Role::auditor}) {
    auto client = as(role);
    EXPECT_EQ(upload(client, api_ + "/attachments", multipart("a.txt", "text/plain", "a")).status,
              403);
    EXPECT_EQ(
        client.send_json("POST", api_ + "/attachments", {{"url", "https://example.org"}}).status,
        403);
  }
  auto editor = as(Role::contributor);
  auto link = editor.send_json("POST", api_ + "/attachments",
                               {{"url", "https://example.org/policy"}, {"name", "Policy"}});
  ASSERT_EQ(link.status, 201) << link.body;
  EXPECT_EQ(link.json()["kind"], "link");
  const std::string item =
      api_ + "/attachments/" + std::to_string(link.json()["id"].get<int64_t>());
  auto viewer = as(Role::viewer);
  EXPECT_EQ(viewer.request("DELETE", item, "", {{"X-CSRF-Token", viewer.csrf()}}).status, 403);
  EXPECT_EQ(editor.request("DELETE", item, "", {{"X-CSRF-Token", editor.csrf()}}).status, 204);
  EXPECT_EQ(editor.get(api_ + "/attachments").json()["items"].size(), 0u);
  auto bad = editor.send_json("POST", api_ + "/attachments", {{"url", "file:///etc/passwd"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(bad.json()["error"]["field"], "url");
}

TEST_F(AttachmentsApiTest, AnotherOrganisationsRecordsAndAttachmentsAreNotFound) {
  auto editor = as(Role::contributor);
  auto added = upload(editor, api_ + "/attachments", multipart("a.txt", "text/plain", "ours"));
  ASSERT_EQ(added.status, 201);
  const std::string aid = std::to_string(added.json()["id"].get<int64_t>());
  const std::string theirs = "/api/v1/ai-systems/" + std::to_string(add_system(other_, "Theirs"));

  auto stranger = server_->signed_in(other_, Role::admin);
  const std::vector<std::pair<std::string, std::string>> csrf = {{"X-CSRF-Token", stranger.csrf()}};
  for (const std::string& base : {api_, theirs}) {
    // Our record by its id, and our attachment's id under their own record.
    EXPECT_EQ(stranger.get(base + "/attachments/" + aid + "/content").status, 404) << base;
    EXPECT_EQ(stranger.request("DELETE", base + "/attachments/" + aid, "", csrf).status, 404)
        << base;
  }
  EXPECT_EQ(stranger.get(api_ + "/attachments").status, 404);
  EXPECT_EQ(stranger.get(api_ + "/comments").status, 404);
  EXPECT_EQ(upload(stranger, api_ + "/attachments", multipart("b.txt", "text/plain", "b")).status,
            404);
  EXPECT_EQ(stranger.send_json("POST", api_ + "/comments", {{"body", "hi"}}).status, 404);
  EXPECT_EQ(stranger.get(page_ + "/attachments/" + aid).status, 404);
  EXPECT_EQ(editor.get(api_ + "/attachments").json()["items"].size(), 1u);
}

TEST_F(AttachmentsApiTest, CommentsAreMarkdownThatRunsNothing) {
  auto auditor = as(Role::auditor);
  auto asked = auditor.send_json(
      "POST", api_ + "/comments",
      {{"body", "Is this **tested**? <script>alert('x')</script> [click](javascript:alert(2))"}});
  ASSERT_EQ(asked.status, 201) << asked.body;
  auto answer =
      as(Role::contributor)
          .send_json("POST", api_ + "/comments",
                     {{"body", "Yes, see the report."}, {"reply_to", asked.json()["id"]}});
  ASSERT_EQ(answer.status, 201) << answer.body;
  EXPECT_EQ(answer.json()["reply_to"], asked.json()["id"]);
  auto viewer = as(Role::viewer);
  EXPECT_EQ(viewer.send_json("POST", api_ + "/comments", {{"body", "me too"}}).status, 403);
  auto empty = auditor.send_json("POST", api_ + "/comments", {{"body", ""}});
  EXPECT_EQ(empty.status, 422);
  EXPECT_EQ(empty.json()["error"]["field"], "body");

  auto listed = viewer.get(api_ + "/comments").json()["items"];
  ASSERT_EQ(listed.size(), 2u);
  auto page = viewer.get(page_);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("<strong>tested</strong>"), std::string::npos);
  EXPECT_EQ(page.body.find("<script>alert"), std::string::npos);
  EXPECT_EQ(page.body.find("href=\"javascript:"), std::string::npos);
  // The history shows the text as typed, escaped.
  EXPECT_NE(page.body.find("&lt;script&gt;"), std::string::npos);
  EXPECT_NE(page.body.find("Yes, see the report."), std::string::npos);
}

TEST_F(AttachmentsApiTest, TheRecordPageAttachesWithoutScript) {
  auto editor = as(Role::contributor);
  auto posted = upload(editor, page_ + "/attachments",
                       multipart("Model card.md", "application/x-whatever", "# Model card\n",
                                 {{"_csrf", editor.csrf()}}));
  ASSERT_EQ(posted.status, 303) << posted.body;
  auto link =
      editor.request("POST", page_ + "/attachments",
                     "_csrf=" + editor.csrf() + "&url=https%3A%2F%2Fexample.org%2Fdpia&name=DPIA",
                     {{"Content-Type", "application/x-www-form-urlencoded"}});
  ASSERT_EQ(link.status, 303) << link.body;
  auto commented =
      editor.request("POST", page_ + "/comments", "_csrf=" + editor.csrf() + "&body=Checked+by+QA",
                     {{"Content-Type", "application/x-www-form-urlencoded"}});
  ASSERT_EQ(commented.status, 303) << commented.body;

  auto page = editor.get(page_);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Model card.md"), std::string::npos);
  EXPECT_NE(page.body.find("Markdown"), std::string::npos);
  EXPECT_NE(page.body.find("13 bytes"), std::string::npos);
  EXPECT_NE(page.body.find("href=\"https://example.org/dpia\""), std::string::npos);
  EXPECT_NE(page.body.find("Checked by QA"), std::string::npos);
  EXPECT_NE(page.body.find("enctype=\"multipart/form-data\""), std::string::npos);
  // A viewer sees the list but neither form.
  auto viewer_page = as(Role::viewer).get(page_);
  EXPECT_NE(viewer_page.body.find("Model card.md"), std::string::npos);
  EXPECT_EQ(viewer_page.body.find("name=\"file\""), std::string::npos);
  EXPECT_EQ(viewer_page.body.find("name=\"body\""), std::string::npos);

  // Every change is in the record's audit trail.
  auto events =
      editor.get("/api/v1/audit-events?entity_type=ai_system&entity_id=" + std::to_string(system_))
          .json()["items"];
  std::multiset<std::string> actions;
  for (const auto& e : events)
    actions.insert(e["action"].get<std::string>());
  EXPECT_EQ(actions.count("attach"), 2u);
  EXPECT_EQ(actions.count("comment"), 1u);
}

}  // namespace
}  // namespace aims
