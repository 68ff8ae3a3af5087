// Raising a nonconformity from an incident over HTTP: the incident page's button, the API's 201
// with the nonconformity and its Location, the 409 naming the one already raised, and the page
// then linking to it by name.
#include <gtest/gtest.h>

#include "improvement/improvement.h"
#include "inventory/inventory.h"
#include "support/test_server.h"

namespace aims::improvement {
namespace {

using auth::Role;
using namespace std::string_literals;

class RaiseRoutesTest : public aims::testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    server_ = std::make_unique<aims::testing::TestServer>(url_);
    a_ = server_->seed_org("Alpha Bank");
    const records::Caller cli{{"cli", std::nullopt, "cli:test"}, std::nullopt, std::nullopt};
    records::Record system;
    system.values = {{"name", "alpha scorer"s},
                     {"purpose", "scoring"s},
                     {"org_role", "deployer"s},
                     {"owner_id", a_.users[Role::admin].id}};
    auto s = records::create(server_->db(), inventory::ai_systems(), a_.org.id, system, cli);
    ASSERT_TRUE(s.ok()) << s.error().message;
    records::Record incident;
    incident.values = {{"system_id", s->id},
                       {"title", "Scores missing for new customers"s},
                       {"severity", "medium"s}};
    auto i = records::create(server_->db(), incidents(), a_.org.id, incident, cli);
    ASSERT_TRUE(i.ok()) << i.error().message;
    incident_ = i->id;
  }

  std::string incident_path(const std::string& prefix) const {
    return prefix + "/incidents/" + std::to_string(incident_);
  }

  std::unique_ptr<aims::testing::TestServer> server_;
  aims::testing::SeededOrg a_;
  int64_t incident_ = 0;
};

TEST_P(RaiseRoutesTest, TheIncidentPageRaisesOneNonconformityAndThenLinksToIt) {
  auto contributor = server_->signed_in(a_, Role::contributor);
  const auto page = contributor.get(incident_path("/improvement"));
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("No nonconformity has been raised from this incident."),
            std::string::npos);
  EXPECT_NE(page.body.find("Raise a nonconformity"), std::string::npos);
  // A viewer reads the panel but gets no button.
  auto viewer = server_->signed_in(a_, Role::viewer);
  EXPECT_EQ(viewer.get(incident_path("/improvement")).body.find("Raise a nonconformity"),
            std::string::npos);

  const auto raised = contributor.send_json("POST", incident_path("/api/v1") + "/nonconformity",
                                            {{"grade", "major"}});
  ASSERT_EQ(raised.status, 201) << raised.body;
  const auto nc = raised.json();
  EXPECT_EQ(nc["title"], "Scores missing for new customers");
  EXPECT_EQ(nc["grade"], "major");
  EXPECT_EQ(nc["source"], "incident");
  EXPECT_EQ(nc["incident_id"], incident_);
  EXPECT_EQ(nc["state"], "open");
  EXPECT_EQ(raised.header("location"),
            "/api/v1/nonconformities/" + std::to_string(nc["id"].get<int64_t>()));

  const auto again = contributor.send_json("POST", incident_path("/api/v1") + "/nonconformity",
                                           nlohmann::json::object());
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.json()["error"]["message"],
            "nonconformity \"Scores missing for new customers\" was already raised from this "
            "incident");

  const auto linked = contributor.get(incident_path("/improvement")).body;
  EXPECT_NE(linked.find("Raised as the major nonconformity <a href=\"/improvement/"
                        "nonconformities/" +
                        std::to_string(nc["id"].get<int64_t>()) +
                        "\">Scores missing for new customers</a> (Open)"),
            std::string::npos);
  EXPECT_EQ(linked.find("Raise a nonconformity"), std::string::npos);
}

TEST_P(RaiseRoutesTest, TheFormRedirectsToTheNewNonconformity) {
  auto contributor = server_->signed_in(a_, Role::contributor);
  const auto posted = contributor.request("POST", incident_path("/improvement") + "/nonconformity",
                                          "grade=&_csrf=" + contributor.csrf(),
                                          {{"Content-Type", "application/x-www-form-urlencoded"}});
  ASSERT_EQ(posted.status, 303) << posted.body;
  const auto location = posted.header("location").value_or("");
  EXPECT_EQ(location.rfind("/improvement/nonconformities/", 0), 0u) << location;
  EXPECT_NE(location.find("?notice=created"), std::string::npos);
  // No grade chosen and a medium incident: minor.
  const std::string id = location.substr(29, location.find('?') - 29);
  const auto nc = contributor.get("/api/v1/nonconformities/" + id).json();
  EXPECT_EQ(nc["grade"], "minor");
  EXPECT_EQ(nc["incident_id"], incident_);
}

INSTANTIATE_TEST_SUITE_P(Backends, RaiseRoutesTest,
                         ::testing::ValuesIn(aims::testing::all_backends()),
                         aims::testing::backend_name);

}  // namespace
}  // namespace aims::improvement
