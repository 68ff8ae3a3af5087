// The key file and the keys derived from it. Expected keys were computed with Python (hashlib's
// BLAKE2b with libsodium's crypto_kdf parameters, then the cryptography package's Ed25519).
#include "trail/keys.h"

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "base/crypto.h"
#include "support/backends.h"

namespace aims::trail {
namespace {

// The 32 bytes 0x00, 0x01, ..., 0x1f in base64.
const std::string kMasterBase64 = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

class KeyFileTest : public ::testing::Test {
 protected:
  void SetUp() override { path_ = testing::fresh_key_file_path(); }
  void TearDown() override { std::filesystem::remove(path_); }

  void write(const std::string& content, mode_t mode) {
    std::ofstream(path_) << content;
    chmod(path_.c_str(), mode);
  }
  std::string path_;
};

TEST_F(KeyFileTest, DerivesEachOrganisationsKeyFromTheMasterSecret) {
  write("# a comment\n" + kMasterBase64 + "\n", 0600);
  auto keys = SigningKeys::open(path_);
  ASSERT_TRUE(keys.ok()) << keys.error().message;
  EXPECT_EQ(keys->for_org(1).verifier().text(),
            "aims/org/1+8567f1f9+AS6jwEgqIZnfxSpgF38qtazHgt9/m3MdM/IuDgDrwNF0");
  EXPECT_EQ(keys->for_org(2).verifier().text(),
            "aims/org/2+c92dfef6+AXQEpPtKC8mlkzbIPjFirjH+Xf/mmMxzr8mHhGWhAiGG");
  EXPECT_EQ(keys->for_org(1).verifier().fingerprint(),
            "SHA256:612wVk1v+EP3bq01SOtWIgBKqWLxnCrLzM7fUdGyA+Q");
}

TEST_F(KeyFileTest, CreatesAPrivateFileOnceAndKeepsIt) {
  auto created = SigningKeys::open_or_create(path_);
  ASSERT_TRUE(created.ok()) << created.error().message;
  struct stat info {};
  ASSERT_EQ(stat(path_.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  auto again = SigningKeys::open_or_create(path_);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->for_org(5).verifier().public_key, created->for_org(5).verifier().public_key);

  // Another key file: other keys, though the organisation ids are the same.
  const std::string other_path = testing::fresh_key_file_path();
  auto other = SigningKeys::open_or_create(other_path);
  ASSERT_TRUE(other.ok());
  EXPECT_NE(other->for_org(5).verifier().public_key, created->for_org(5).verifier().public_key);
  std::filesystem::remove(other_path);
}

TEST_F(KeyFileTest, RefusesFilesOthersCanReadAndFilesThatAreNoKey) {
  EXPECT_EQ(SigningKeys::open(path_).error().code, ErrorCode::not_found);
  write(kMasterBase64 + "\n", 0644);
  auto shared = SigningKeys::open(path_);
  ASSERT_FALSE(shared.ok());
  EXPECT_NE(shared.error().message.find("chmod 600"), std::string::npos) << shared.error().message;
  write("not a key\n", 0600);
  EXPECT_FALSE(SigningKeys::open(path_).ok());
  write("AAECAwQF\n", 0600);
  EXPECT_FALSE(SigningKeys::open(path_).ok()) << "too short for a key";
}

}  // namespace
}  // namespace aims::trail
