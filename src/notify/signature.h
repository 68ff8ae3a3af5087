// Webhook signatures as Standard Webhooks defines them: a secret "whsec_" + base64 of random
// bytes, and "v1," + base64(HMAC-SHA256(key, "<id>.<timestamp>.<body>")) with the decoded key.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.h"

namespace aims::notify {

inline constexpr size_t kSecretBytes = 32;

// A new secret: "whsec_" + base64 of kSecretBytes random bytes.
std::string new_webhook_secret();

// The value of the webhook-signature header. Errors: invalid_argument when `secret` is not
// "whsec_" + base64.
Result<std::string> webhook_signature(std::string_view secret, std::string_view message_id,
                                      int64_t timestamp_seconds, std::string_view body);

}  // namespace aims::notify
