// A record's page as people read it, through the running server with the real registers: each
// value once (an empty one as a dash).
#include <gtest/gtest.h>

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

INSTANTIATE_TEST_SUITE_P(Backends, RecordPageTest, ::testing::ValuesIn(testing::all_backends()),
                         testing::backend_name);

}  // namespace
}  // namespace aims
