// Secrets aims must give back to send (an SMTP password, a webhook's signing secret), sealed with
// libsodium's secretbox under a key derived per organisation from the server's key file, so the
// database alone never reveals them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.h"
#include "trail/keys.h"

namespace aims::notify {

// What a secret is for: each purpose gets its own key (crypto_kdf contexts of 8 characters).
inline constexpr std::string_view kSmtpPasswordContext = "aimssmtp";
inline constexpr std::string_view kWebhookSecretContext = "aimswhk1";

// base64(nonce ‖ secretbox(plain)).
std::string seal(const trail::SigningKeys& keys, int64_t org, std::string_view context,
                 std::string_view plain);
// Errors: failed_precondition when the text was sealed with another key file or changed.
Result<std::string> unseal(const trail::SigningKeys& keys, int64_t org, std::string_view context,
                           std::string_view sealed);

}  // namespace aims::notify
