// The webhook signature checked by an independent implementation: Python's hmac, hashlib and
// base64, following the Standard Webhooks recipe.
#include "notify/signature.h"

#include <cstdio>
#include <fstream>

#include <gtest/gtest.h>

#include "notify/local_servers.h"

namespace aims::notify {
namespace {

std::string python_signature(const std::string& script_dir, const std::string& secret,
                             const std::string& id, int64_t ts, const std::string& body) {
  std::ofstream(script_dir + "/body") << body;
  std::ofstream(script_dir + "/sign.py")
      << "import base64, hashlib, hmac, sys\n"
         "secret, msg_id, ts, path = sys.argv[1:5]\n"
         "key = base64.b64decode(secret[len('whsec_'):])\n"
         "body = open(path, 'rb').read()\n"
         "mac = hmac.new(key, msg_id.encode() + b'.' + ts.encode() + b'.' + body, hashlib.sha256)\n"
         "print('v1,' + base64.b64encode(mac.digest()).decode(), end='')\n";
  const std::string command = "python3 " + script_dir + "/sign.py '" + secret + "' '" + id + "' " +
                              std::to_string(ts) + " " + script_dir + "/body";
  FILE* pipe = popen(command.c_str(), "r");
  std::string out;
  char buffer[256];
  while (pipe && fgets(buffer, sizeof buffer, pipe))
    out += buffer;
  if (pipe) pclose(pipe);
  return out;
}

TEST(Signature, MatchesPythonsHmac) {
  testing::TempDir dir("notify-signature");
  const std::string secret = new_webhook_secret();
  ASSERT_TRUE(secret.starts_with("whsec_"));
  const std::string body = R"({"type":"record.created","timestamp":"2026-11-22T09:30:00Z",)"
                           R"("data":{"name":"Crédit scorer"}})";
  auto ours = webhook_signature(secret, "msg_abc", 1763803800, body);
  ASSERT_TRUE(ours.ok());
  EXPECT_EQ(*ours, python_signature(dir.path(""), secret, "msg_abc", 1763803800, body));
}

TEST(Signature, KnownVector) {
  // Worked out once with Python: key = 32 bytes of 0x01 (base64 "AQEB...AQE=");
  // base64(hmac.new(key, b"msg_1.1700000000.{}", hashlib.sha256).digest()).
  const std::string secret = "whsec_AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=";
  auto ours = webhook_signature(secret, "msg_1", 1700000000, "{}");
  ASSERT_TRUE(ours.ok());
  EXPECT_EQ(*ours, "v1,xtZ05xWlw5OgOLjDd6HtOXxhC1OXgHe80DYwEPUhaCI=");
  EXPECT_FALSE(webhook_signature("not-a-secret", "msg_1", 1, "{}").ok());
}

}  // namespace
}  // namespace aims::notify
