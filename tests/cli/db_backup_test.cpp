// `aims db backup` and `aims db restore`: a restore into a new database gives back every
// organisation's trail as the manifest recorded it, never writes over a database, and refuses a
// backup whose data or manifest was altered.
#include <filesystem>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <zip.h>

#include "support/backends.h"
#include "support/process.h"

namespace aims {
namespace {

using nlohmann::json;
using testing::run_aims;

class DbBackupTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    const bool sqlite = GetParam() == testing::Backend::sqlite;
    key_file_ = sqlite ? url_.substr(url_.find(':') + 1) + ".key" : testing::fresh_key_file_path();
    // Six events: the organisation, its admin and four more users.
    auto init =
        run_aims({"init", "--db", url_, "--org", "Backup Co", "--admin", "admin@backup.test"},
                 {"AIMS_ADMIN_PASSWORD=a long admin passphrase", "AIMS_KEY_FILE=" + key_file_});
    ASSERT_EQ(init.exit_code, 0) << init.output;
    for (const char* role : {"viewer", "auditor", "contributor", "aims-manager"}) {
      auto add = run_aims({"user", "add", "--db", url_, "--org", "Backup Co", "--email",
                           std::string(role) + "@backup.test", "--role", role},
                          {"AIMS_USER_PASSWORD=a long user passphrase"});
      ASSERT_EQ(add.exit_code, 0) << add.output;
    }
    backup_ = ::testing::TempDir() + "aims-backup-" + std::to_string(getpid()) + "-" +
              ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".zip";
    std::filesystem::remove(backup_);
    auto made = run_aims({"db", "backup", "--db", url_, "--out", backup_});
    ASSERT_EQ(made.exit_code, 0) << made.output;
    auto target = testing::fresh_database_url(GetParam());
    ASSERT_TRUE(target.has_value());
    target_ = *target;
  }

  void TearDown() override {
    std::filesystem::remove(backup_);
    if (!key_file_.empty()) std::filesystem::remove(key_file_);
  }

  // Changes the manifest inside the backup as someone with the file could.
  void alter_manifest(const std::function<void(json&)>& change) {
    int error = 0;
    zip_t* archive = zip_open(backup_.c_str(), 0, &error);
    ASSERT_NE(archive, nullptr);
    zip_stat_t stat;
    ASSERT_EQ(zip_stat(archive, "manifest.json", 0, &stat), 0);
    std::string text(stat.size, '\0');
    zip_file_t* file = zip_fopen_index(archive, stat.index, 0);
    ASSERT_EQ(zip_fread(file, text.data(), text.size()), static_cast<zip_int64_t>(text.size()));
    zip_fclose(file);
    json manifest = json::parse(text);
    change(manifest);
    altered_ = manifest.dump();
    zip_source_t* source = zip_source_buffer(archive, altered_.data(), altered_.size(), 0);
    ASSERT_EQ(zip_file_replace(archive, stat.index, source, 0), 0);
    ASSERT_EQ(zip_close(archive), 0);
  }

  std::string key_file_;
  std::string backup_;
  std::string target_;
  std::string altered_;
};

TEST_P(DbBackupTest, ARestoreGivesBackEveryTrailAsTheManifestRecordedIt) {
  auto restored = run_aims({"db", "restore", "--from", backup_, "--db", target_});
  EXPECT_EQ(restored.exit_code, 0) << restored.output;
  EXPECT_NE(
      restored.output.find(
          "audit trail of \"Backup Co\": intact, 6 events, event #6 as the backup recorded it"),
      std::string::npos)
      << restored.output;
  auto checked = run_aims({"db", "check", "--db", target_});
  EXPECT_EQ(checked.exit_code, 0) << checked.output;
  auto users = run_aims({"user", "list", "--db", target_, "--org", "Backup Co"});
  EXPECT_NE(users.output.find("auditor@backup.test"), std::string::npos) << users.output;
}

TEST_P(DbBackupTest, ARestoreNeverWritesOverADatabase) {
  auto refused = run_aims({"db", "restore", "--from", backup_, "--db", url_});
  EXPECT_EQ(refused.exit_code, 1) << refused.output;
  EXPECT_NE(refused.output.find("a restore writes only"), std::string::npos) << refused.output;
}

TEST_P(DbBackupTest, AHeadOtherThanTheManifestsFailsTheCheck) {
  alter_manifest([](json& m) { m["organisations"][0]["trail_head"] = std::string(64, '0'); });
  auto restored = run_aims({"db", "restore", "--from", backup_, "--db", target_});
  EXPECT_EQ(restored.exit_code, 3) << restored.output;
  EXPECT_NE(restored.output.find("audit trail of \"Backup Co\": PROBLEM"), std::string::npos)
      << restored.output;
}

TEST_P(DbBackupTest, DataOtherThanTheManifestsIsRefusedBeforeAnythingIsWritten) {
  alter_manifest([](json& m) { m["data"]["sha256"] = std::string(64, 'a'); });
  auto restored = run_aims({"db", "restore", "--from", backup_, "--db", target_});
  EXPECT_EQ(restored.exit_code, 1) << restored.output;
  EXPECT_NE(restored.output.find("does not match the SHA-256"), std::string::npos)
      << restored.output;
  if (GetParam() == testing::Backend::sqlite) {
    EXPECT_FALSE(std::filesystem::exists(target_.substr(std::string("sqlite:").size())));
    return;
  }
  auto checked = run_aims({"db", "check", "--db", target_});
  EXPECT_NE(checked.output.find("not yet applied"), std::string::npos)
      << "the target stays empty: " << checked.output;
}

INSTANTIATE_TEST_SUITE_P(Backends, DbBackupTest, ::testing::ValuesIn(testing::all_backends()),
                         testing::backend_name);

}  // namespace
}  // namespace aims
