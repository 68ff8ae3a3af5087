// `aims <register> attach ID FILE` and `aims <register> attachments ID` as automation uses them:
// the file lands in the database with its hash, and a file beyond the limit is refused by name.
#include <algorithm>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include "records/attachments.h"
#include "support/backends.h"
#include "support/process.h"

namespace aims {
namespace {

using testing::run_aims;

class AttachCommandTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    std::string test = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    std::replace(test.begin(), test.end(), '/', '-');  // "Name/sqlite" is not a folder
    file_ = std::filesystem::temp_directory_path() /
            ("aims-attach-cli-" + std::to_string(::getpid()) + "-" + test + ".txt");
    auto init = run_aims({"init", "--db", url_, "--org", "Cli Co", "--admin", "admin@cli.test"},
                         {"AIMS_ADMIN_PASSWORD=a long admin passphrase"});
    ASSERT_EQ(init.exit_code, 0) << init.output;
    auto supplier = run_aims(
        {"suppliers", "add", "--db", url_, "--set", "name=Data vendor", "--set", "provides=data"});
    ASSERT_EQ(supplier.exit_code, 0) << supplier.output;
    id_ = std::to_string(
        nlohmann::json::parse(supplier.output.substr(supplier.output.find('{')))["id"]
            .get<int64_t>());
  }
  void TearDown() override {
    std::error_code ignored;
    std::filesystem::remove(file_, ignored);
    BackendTest::TearDown();
  }

  std::filesystem::path file_;
  std::string id_;
};

TEST_P(AttachCommandTest, AttachesAFileAndListsIt) {
  std::ofstream(file_, std::ios::binary) << "evidence for the auditor\n";
  auto attached = run_aims(
      {"suppliers", "attach", id_, file_.string(), "--db", url_, "--name", "contract.txt"});
  ASSERT_EQ(attached.exit_code, 0) << attached.output;
  // `printf 'evidence for the auditor\n' | sha256sum`
  EXPECT_NE(
      attached.output.find("0023b8d9d377058e35ce43579e15d8331360cfc321a6c787846d2e1514975283"),
      std::string::npos)
      << attached.output;
  auto listed = run_aims({"suppliers", "attachments", id_, "--db", url_});
  ASSERT_EQ(listed.exit_code, 0) << listed.output;
  EXPECT_NE(listed.output.find("contract.txt\ttext/plain; charset=utf-8\t25\t"), std::string::npos)
      << listed.output;
  auto missing = run_aims({"suppliers", "attach", "999999", file_.string(), "--db", url_});
  EXPECT_NE(missing.exit_code, 0);
}

TEST_P(AttachCommandTest, ALargerFileIsRefusedByName) {
  { std::ofstream(file_, std::ios::binary); }
  std::filesystem::resize_file(file_, records::kMaxAttachmentBytes + 1);
  auto refused = run_aims({"suppliers", "attach", id_, file_.string(), "--db", url_});
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_NE(refused.output.find("file"), std::string::npos) << refused.output;
  EXPECT_NE(refused.output.find("25 MiB"), std::string::npos) << refused.output;
}

INSTANTIATE_TEST_SUITE_P(Backends, AttachCommandTest, ::testing::ValuesIn(testing::all_backends()),
                         testing::backend_name);

}  // namespace
}  // namespace aims
