// What an auditor gets from the server: the public key to pin (API and the audit-trail page),
// the signed checkpoints, and a verification that checks them.
#include "trail/routes/routes.h"

#include <gtest/gtest.h>

#include "support/test_server.h"
#include "trail/checkpoint.h"

namespace aims::trail {
namespace {

using auth::Role;

class TrailRoutesTest : public aims::testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    server_ = std::make_unique<aims::testing::TestServer>(url_);
    org_ = server_->seed_org("Audit Org");
  }
  note::VerifierKey key() const { return server_->keys().for_org(org_.org.id).verifier(); }

  std::unique_ptr<aims::testing::TestServer> server_;
  aims::testing::SeededOrg org_;
};

TEST_P(TrailRoutesTest, TheAuditorReadsThePublicKeyAndEveryCheckpointVerifiesWithIt) {
  auto auditor = server_->signed_in(org_, Role::auditor);
  const auto published = auditor.get("/api/v1/audit-checkpoints/public-key").json();
  EXPECT_EQ(published["verifier_key"], key().text());
  EXPECT_EQ(published["fingerprint"], key().fingerprint());
  EXPECT_EQ(published["key_name"], "aims/org/" + std::to_string(org_.org.id));
  auto pinned = note::parse_verifier_key(published["verifier_key"].get<std::string>());
  ASSERT_TRUE(pinned.ok());

  ASSERT_TRUE(sign_head(server_->db(), org_.org.id, server_->keys()).ok());
  const auto newest_event = auditor.get("/api/v1/audit-events?limit=1").json()["items"][0];
  const auto list = auditor.get("/api/v1/audit-checkpoints").json();
  ASSERT_EQ(list["items"].size(), 1u);
  const auto& item = list["items"][0];
  EXPECT_EQ(item["seq"], newest_event["seq"]);
  EXPECT_EQ(item["head_hash"], newest_event["hash"]);
  EXPECT_EQ(note::open(item["checkpoint"].get<std::string>(), *pinned).outcome,
            note::Opened::verified);

  const auto verification = auditor.get("/api/v1/audit-events/verification").json();
  EXPECT_EQ(verification["intact"], true);
  EXPECT_EQ(verification["checkpoints_verified"], 1);
  EXPECT_EQ(verification["signed_seq"], item["seq"]);
}

TEST_P(TrailRoutesTest, ThePageShowsTheKeyAndItsFingerprint) {
  auto viewer = server_->signed_in(org_, Role::viewer);
  const auto page = viewer.get("/audit-trail");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find(key().text()), std::string::npos);
  EXPECT_NE(page.body.find(key().fingerprint()), std::string::npos);
}

TEST_P(TrailRoutesTest, EachOrganisationHasItsOwnKey) {
  const auto other = server_->seed_org("Other Org");
  auto mine = server_->signed_in(org_, Role::viewer);
  auto theirs = server_->signed_in(other, Role::viewer);
  EXPECT_NE(mine.get("/api/v1/audit-checkpoints/public-key").json()["public_key"],
            theirs.get("/api/v1/audit-checkpoints/public-key").json()["public_key"]);
  ASSERT_TRUE(sign_head(server_->db(), other.org.id, server_->keys()).ok());
  EXPECT_EQ(mine.get("/api/v1/audit-checkpoints").json()["items"].size(), 0u)
      << "another organisation's checkpoints are not listed";
}

INSTANTIATE_TEST_SUITE_P(Backends, TrailRoutesTest,
                         ::testing::ValuesIn(aims::testing::all_backends()),
                         aims::testing::backend_name);

}  // namespace
}  // namespace aims::trail
