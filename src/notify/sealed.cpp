#include "notify/sealed.h"

#include <sodium.h>

#include "base/crypto.h"

namespace aims::notify {

std::string seal(const trail::SigningKeys& keys, int64_t org, std::string_view context,
                 std::string_view plain) {
  std::string key = keys.subkey(uint64_t(org), context);
  std::string out = crypto::random_bytes(crypto_secretbox_NONCEBYTES);
  out.resize(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plain.size());
  auto* bytes = reinterpret_cast<unsigned char*>(out.data());
  crypto_secretbox_easy(bytes + crypto_secretbox_NONCEBYTES,
                        reinterpret_cast<const unsigned char*>(plain.data()), plain.size(), bytes,
                        reinterpret_cast<const unsigned char*>(key.data()));
  crypto::wipe(key);
  return crypto::base64_encode(out);
}

Result<std::string> unseal(const trail::SigningKeys& keys, int64_t org, std::string_view context,
                           std::string_view sealed) {
  const Error refused{
      ErrorCode::failed_precondition,
      "a stored secret cannot be opened with this server's key file; enter it again", "key-file"};
  std::string box;
  if (!crypto::base64_decode(sealed, box) ||
      box.size() < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) {
    return refused;
  }
  std::string key = keys.subkey(uint64_t(org), context);
  std::string plain(box.size() - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES, '\0');
  const auto* bytes = reinterpret_cast<const unsigned char*>(box.data());
  const int opened = crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plain.data()),
                                                bytes + crypto_secretbox_NONCEBYTES,
                                                box.size() - crypto_secretbox_NONCEBYTES, bytes,
                                                reinterpret_cast<const unsigned char*>(key.data()));
  crypto::wipe(key);
  if (opened != 0) return refused;
  return plain;
}

}  // namespace aims::notify
