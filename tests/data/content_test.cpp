// What aims reads from a dataset version's file: the SHA-256 of the bytes as given (checked against
// sha256sum of the same bytes), the size, the records counted by hand, and the columns with their
// guessed types, for CSV, gzip CSV and JSON Lines.
#include <cstdio>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "data/data.h"
#include "data/schema.h"

namespace aims::data {
namespace {

// Three CSV records after the header by line, but two by record: the second row's quoted field
// holds a line break. The trailing blank line is no record.
const std::string kCsv = "a,b,c\n1,2.5,\"x\ny\"\n3,4,z\n\n";

// `gzip -n` of kCsv (no name, no time in the header, so the bytes are the same on every machine).
const unsigned char kCsvGzip[] = {
    0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x4b, 0xd4, 0x49, 0xd2, 0x49,
    0xe6, 0x32, 0xd4, 0x31, 0xd2, 0x33, 0xd5, 0x51, 0xaa, 0xe0, 0xaa, 0x54, 0xe2, 0x32, 0xd6,
    0x31, 0xd1, 0xa9, 0xe2, 0xe2, 0x02, 0x00, 0xd3, 0x21, 0x89, 0x9b, 0x19, 0x00, 0x00, 0x00};

class FileOnDisk {
 public:
  explicit FileOnDisk(const std::string& bytes)
      : path_(std::filesystem::temp_directory_path() /
              ("aims-data-content-" + std::to_string(::getpid()) + "-" +
               std::to_string(counter_++))) {
    std::ofstream(path_, std::ios::binary) << bytes;
  }
  ~FileOnDisk() { std::filesystem::remove(path_); }
  std::string path() const { return path_.string(); }

 private:
  static inline int counter_ = 0;
  std::filesystem::path path_;
};

TEST(Content, ACsvIsHashedCountedAndDescribed) {
  FileOnDisk file(kCsv);
  auto profile = profile_file(file.path(), "t.csv");
  ASSERT_TRUE(profile.ok()) << profile.error().message;
  // sha256sum of the same 25 bytes.
  EXPECT_EQ(profile->sha256, "79e3b26f704280f180220ccafaff1953492d599c26122d5bc3fcb72ab109830c");
  EXPECT_EQ(profile->size_bytes, 25);
  EXPECT_EQ(profile->row_count, 2);
  EXPECT_FALSE(profile->gzip);
  // a: 1 and 3; b: 2.5 and 4 (an integer widens to decimal); c: "x\ny" and z.
  EXPECT_EQ(profile->schema_summary, "a: integer\nb: decimal\nc: text");
}

TEST(Content, AGzipFileIsHashedAsSentAndCountedInflated) {
  FileOnDisk file(std::string(reinterpret_cast<const char*>(kCsvGzip), sizeof kCsvGzip));
  auto profile = profile_file(file.path(), "t.csv.gz");
  ASSERT_TRUE(profile.ok()) << profile.error().message;
  // sha256sum of the 45 compressed bytes, not of the CSV inside.
  EXPECT_EQ(profile->sha256, "b19a6496e979a690bcd5b8704997c99bbe11bba90506e63423bf531ce4ffb297");
  EXPECT_EQ(profile->size_bytes, 45);
  EXPECT_TRUE(profile->gzip);
  EXPECT_EQ(profile->row_count, 2);
  EXPECT_EQ(profile->schema_summary, "a: integer\nb: decimal\nc: text");
}

TEST(Content, JsonLinesCountNonBlankLinesAndNameMembersInOrder) {
  const std::string jsonl =
      "{\"id\":1,\"score\":0.5,\"ok\":true,\"on\":\"2025-01-02\"}\n\n"
      "{\"id\":2,\"score\":1,\"tags\":[\"a\"]}\n";
  FileOnDisk file(jsonl);
  auto profile = profile_file(file.path(), "t.jsonl");
  ASSERT_TRUE(profile.ok()) << profile.error().message;
  // sha256sum of the same 82 bytes.
  EXPECT_EQ(profile->sha256, "02909a0d4c849d2cc079f3708c87d1a86148ab23355b2b64c8815125dd2ad7c8");
  EXPECT_EQ(profile->size_bytes, 82);
  EXPECT_EQ(profile->row_count, 2);
  EXPECT_EQ(profile->schema_summary,
            "id: integer\nscore: decimal\nok: boolean\non: date\ntags: list");
}

TEST(Content, AnEmptyFileHasTheEmptyHashAndNoRows) {
  FileOnDisk file("");
  auto profile = profile_file(file.path(), "empty.csv");
  ASSERT_TRUE(profile.ok()) << profile.error().message;
  // sha256sum of no bytes.
  EXPECT_EQ(profile->sha256, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(profile->row_count, 0);
  EXPECT_EQ(profile->schema_summary, "");
}

TEST(Content, ACorruptGzipStreamIsRefused) {
  FileOnDisk file(std::string(reinterpret_cast<const char*>(kCsvGzip), 20));
  auto profile = profile_file(file.path(), "cut.csv.gz");
  ASSERT_FALSE(profile.ok());
  EXPECT_EQ(profile.error().code, ErrorCode::malformed);
}

TEST(Schema, MixedValuesAreTextAndEmptyColumnsSaySo) {
  EXPECT_EQ(csv_schema({"when,flag,note,blank", "2025-01-02,true,12,", "2025-01-03,FALSE,n/a,"}),
            "when: date\nflag: boolean\nnote: text\nblank: empty");
}

}  // namespace
}  // namespace aims::data
