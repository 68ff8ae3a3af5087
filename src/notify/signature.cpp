#include "notify/signature.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "base/crypto.h"

namespace aims::notify {
namespace {
constexpr std::string_view kSecretPrefix = "whsec_";
}

std::string new_webhook_secret() {
  std::string bytes = crypto::random_bytes(kSecretBytes);
  std::string secret = std::string(kSecretPrefix) + crypto::base64_encode(bytes);
  crypto::wipe(bytes);
  return secret;
}

Result<std::string> webhook_signature(std::string_view secret, std::string_view message_id,
                                      int64_t timestamp_seconds, std::string_view body) {
  std::string key;
  if (!secret.starts_with(kSecretPrefix) ||
      !crypto::base64_decode(secret.substr(kSecretPrefix.size()), key) || key.empty()) {
    return Error::invalid("secret", "a webhook secret is whsec_ followed by base64");
  }
  const std::string signed_content =
      std::string(message_id) + "." + std::to_string(timestamp_seconds) + "." + std::string(body);
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), key.data(), int(key.size()),
       reinterpret_cast<const unsigned char*>(signed_content.data()), signed_content.size(), mac,
       &length);
  crypto::wipe(key);
  return "v1," + crypto::base64_encode(std::string_view(reinterpret_cast<char*>(mac), length));
}

}  // namespace aims::notify
