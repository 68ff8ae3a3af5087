#include "http/parse/multipart.h"

#include <map>

#include <gtest/gtest.h>

namespace aims::http {
namespace {

const std::string kBody =
    "preamble to ignore\r\n"
    "--XyZ\r\n"
    "Content-Disposition: form-data; name=\"_csrf\"\r\n"
    "\r\n"
    "tok123\r\n"
    "--XyZ\r\n"
    "Content-Disposition: form-data; name=\"log\"; filename=\"pred.csv\"\r\n"
    "Content-Type: text/csv\r\n"
    "\r\n"
    "id,score\r\n1,0.5 --XyZ inline\r\n"
    "\r\n"
    "--XyZ--\r\n"
    "epilogue";

// Feeds `body` in chunks of `chunk` bytes, collecting file contents by part name.
Result<std::vector<MultipartPart>> parse(const std::string& body, size_t chunk,
                                         std::map<std::string, std::string>& files) {
  MultipartParser parser("XyZ", {}, [&](MultipartPart& part) -> Result<PartSink> {
    std::string* out = &files[part.name];
    return PartSink([out](std::string_view bytes) -> Status {
      out->append(bytes);
      return {};
    });
  });
  for (size_t i = 0; i < body.size(); i += chunk) {
    if (Status s = parser.feed(std::string_view(body).substr(i, chunk)); !s) return s.error();
  }
  if (Status s = parser.finish(); !s) return s.error();
  return parser.parts();
}

TEST(MultipartTest, ParsesFieldsAndFilesWhateverTheChunkSize) {
  for (size_t chunk : {1u, 2u, 3u, 7u, 64u, 4096u}) {
    std::map<std::string, std::string> files;
    auto parts = parse(kBody, chunk, files);
    ASSERT_TRUE(parts.ok()) << "chunk " << chunk << ": " << parts.error().message;
    ASSERT_EQ(parts->size(), 2u);
    EXPECT_EQ((*parts)[0].name, "_csrf");
    EXPECT_EQ((*parts)[0].value, "tok123");
    EXPECT_FALSE((*parts)[0].is_file());
    EXPECT_EQ((*parts)[1].filename, "pred.csv");
    EXPECT_EQ((*parts)[1].content_type, "text/csv");
    // "--XyZ" not at the start of a line is content; only CRLF "--XyZ" delimits.
    EXPECT_EQ(files["log"], "id,score\r\n1,0.5 --XyZ inline\r\n") << "chunk " << chunk;
    EXPECT_EQ((*parts)[1].size, files["log"].size());
  }
}

TEST(MultipartTest, FirstDelimiterMayStartTheBody) {
  std::map<std::string, std::string> files;
  auto parts =
      parse("--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--XyZ--", 5, files);
  ASSERT_TRUE(parts.ok()) << parts.error().message;
  EXPECT_EQ((*parts)[0].value, "1");
}

TEST(MultipartTest, TruncatedBodyIsMalformed) {
  std::map<std::string, std::string> files;
  auto parts = parse(kBody.substr(0, kBody.size() / 2), 16, files);
  ASSERT_FALSE(parts.ok());
  EXPECT_EQ(parts.error().code, ErrorCode::malformed);
}

TEST(MultipartTest, BoundaryInsideContentIsMalformed) {
  // RFC 2046: the delimiter may not occur in a part; a sender that lets it is broken.
  std::map<std::string, std::string> files;
  auto parts =
      parse("--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n--XyZ-tail\r\n--XyZ--",
            3, files);
  ASSERT_FALSE(parts.ok());
  EXPECT_EQ(parts.error().code, ErrorCode::malformed);
}

TEST(MultipartTest, PartWithoutNameIsMalformed) {
  std::map<std::string, std::string> files;
  auto parts = parse("--XyZ\r\nContent-Type: text/plain\r\n\r\nx\r\n--XyZ--", 8, files);
  ASSERT_FALSE(parts.ok());
}

TEST(MultipartTest, OversizeFieldIsTooLarge) {
  MultipartParser parser("b", {.max_parts = 4, .max_field_bytes = 4, .max_header_bytes = 1024},
                         [](MultipartPart&) -> Result<PartSink> { return PartSink(); });
  Status s =
      parser.feed("--b\r\nContent-Disposition: form-data; name=\"big\"\r\n\r\n123456789\r\n--b--");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::too_large);
  EXPECT_EQ(s.error().field, "big");
}

TEST(MultipartTest, BoundaryFromContentType) {
  auto b = multipart_boundary("multipart/form-data; boundary=\"----abc\"");
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(*b, "----abc");
  EXPECT_FALSE(multipart_boundary("application/json").ok());
  EXPECT_FALSE(multipart_boundary("multipart/form-data").ok());
}

}  // namespace
}  // namespace aims::http
