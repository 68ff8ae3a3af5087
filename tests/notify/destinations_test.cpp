// The SSRF guard and the retry schedule, with expected values from the address registries
// (RFC 1918, 6598, 3927, 4193, 4291) and the schedule written in outbox.h.
#include "notify/destinations.h"

#include <gtest/gtest.h>

#include "notify/outbox.h"

namespace aims::notify {
namespace {

TEST(Destinations, RefusesInternalAddresses) {
  for (const char* address :
       {"127.0.0.1", "10.0.0.5", "172.16.3.4", "192.168.1.1", "169.254.169.254", "100.64.0.1",
        "0.0.0.0", "::1", "::", "fd00::1", "fe80::1", "::ffff:127.0.0.1", "224.0.0.1"}) {
    EXPECT_FALSE(is_public_address(address)) << address;
  }
}

TEST(Destinations, AcceptsPublicAddresses) {
  for (const char* address : {"93.184.216.34", "8.8.8.8", "172.32.0.1", "2606:4700::1111"})
    EXPECT_TRUE(is_public_address(address)) << address;
  EXPECT_FALSE(is_public_address("not an address"));
}

TEST(Destinations, RefusesPrivateUrlsUnlessAllowed) {
  for (const char* url :
       {"https://127.0.0.1/hook", "https://10.1.2.3/hook", "https://169.254.169.254/latest",
        "https://[::1]:8443/x", "https://[fd00::1]/x", "https://localhost/x"}) {
    auto refused = resolve_destination(url, false);
    ASSERT_FALSE(refused.ok()) << url;
    EXPECT_EQ(refused.error().field, "url");
    EXPECT_TRUE(resolve_destination(url, true).ok()) << url;
  }
}

TEST(Destinations, NeedsHttpsAndNoCredentials) {
  EXPECT_FALSE(parse_destination("http://hooks.example.com/x", false).ok());
  EXPECT_TRUE(parse_destination("http://hooks.example.com/x", true).ok());
  EXPECT_FALSE(parse_destination("ftp://hooks.example.com/x", true).ok());
  EXPECT_FALSE(parse_destination("https://user:pw@hooks.example.com/x", false).ok());
  EXPECT_FALSE(parse_destination("not a url", false).ok());
  auto d = parse_destination("https://hooks.example.com/aims", false);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->host, "hooks.example.com");
  EXPECT_EQ(d->port, 443);
}

TEST(RetrySchedule, BacksOffForUpToADay) {
  // 30 s, 2 min, 10 min, 1 h, 4 h, 12 h after attempts 1 to 6; none after the 7th.
  const int64_t t = 1'000'000'000'000'000;
  const int64_t s = 1'000'000;
  EXPECT_EQ(next_attempt_micros(1, t), t + 30 * s);
  EXPECT_EQ(next_attempt_micros(2, t), t + 120 * s);
  EXPECT_EQ(next_attempt_micros(3, t), t + 600 * s);
  EXPECT_EQ(next_attempt_micros(4, t), t + 3600 * s);
  EXPECT_EQ(next_attempt_micros(5, t), t + 4 * 3600 * s);
  EXPECT_EQ(next_attempt_micros(6, t), t + 12 * 3600 * s);
  EXPECT_EQ(next_attempt_micros(7, t), std::nullopt);
}

}  // namespace
}  // namespace aims::notify
