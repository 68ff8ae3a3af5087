#include "base/crypto.h"

#include <fstream>
#include <memory>
#include <stdexcept>
#include <vector>

#include <openssl/evp.h>
#include <openssl/sha.h>
#include <sodium.h>

namespace aims::crypto {
namespace {

const unsigned char* bytes_of(std::string_view text) {
  return reinterpret_cast<const unsigned char*>(text.data());
}

unsigned char* bytes_of(std::string& text) {
  return reinterpret_cast<unsigned char*>(text.data());
}

std::string base64_encode(std::string_view bytes, int variant) {
  std::string out(sodium_base64_encoded_len(bytes.size(), variant), '\0');
  sodium_bin2base64(out.data(), out.size(), bytes_of(bytes), bytes.size(), variant);
  out.resize(out.size() - 1);  // drop the terminating NUL
  return out;
}

bool base64_decode(std::string_view text, std::string& out, int variant) {
  out.assign(text.size(), '\0');
  size_t len = 0;
  const char* end = nullptr;
  if (sodium_base642bin(bytes_of(out), out.size(), text.data(), text.size(), nullptr, &len, &end,
                        variant) != 0 ||
      end != text.data() + text.size()) {
    return false;
  }
  out.resize(len);
  return true;
}

}  // namespace

void init() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}

// OpenSSL's rather than libsodium's: it uses the CPU's SHA instructions, which makes hashing an
// import's audit events and large attachments several times faster.
std::string sha256_bytes(std::string_view data) {
  std::string digest(SHA256_DIGEST_LENGTH, '\0');
  SHA256(bytes_of(data), data.size(), bytes_of(digest));
  return digest;
}

std::string sha256_hex(std::string_view data) {
  return to_hex(sha256_bytes(data));
}

Result<std::string> sha256_file_hex(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::not_found("cannot read " + path);
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(),
                                                                  EVP_MD_CTX_free);
  if (!context || EVP_DigestInit_ex(context.get(), EVP_sha256(), nullptr) != 1)
    throw std::runtime_error("OpenSSL cannot start a SHA-256");
  std::vector<char> block(1 << 20);
  while (in) {
    in.read(block.data(), static_cast<std::streamsize>(block.size()));
    EVP_DigestUpdate(context.get(), block.data(), static_cast<size_t>(in.gcount()));
  }
  if (in.bad()) return Error::not_found("cannot read " + path);
  std::string digest(SHA256_DIGEST_LENGTH, '\0');
  EVP_DigestFinal_ex(context.get(), reinterpret_cast<unsigned char*>(digest.data()), nullptr);
  return to_hex(digest);
}

std::string random_bytes(size_t bytes) {
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  return raw;
}

std::string random_token(size_t bytes) {
  return base64url_encode(random_bytes(bytes));
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

void wipe(std::string& secret) {
  sodium_memzero(secret.data(), secret.size());
  secret.clear();
}

std::string to_hex(std::string_view bytes) {
  std::string out(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), bytes_of(bytes), bytes.size());
  out.pop_back();
  return out;
}

bool hex_decode(std::string_view hex, std::string& out) {
  out.assign(hex.size() / 2, '\0');
  size_t len = 0;
  const char* end = nullptr;
  return hex.size() % 2 == 0 &&
         sodium_hex2bin(bytes_of(out), out.size(), hex.data(), hex.size(), nullptr, &len, &end) ==
             0 &&
         end == hex.data() + hex.size() && len == out.size();
}

std::string base64url_encode(std::string_view bytes) {
  return base64_encode(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

bool base64url_decode(std::string_view text, std::string& out) {
  return base64_decode(text, out, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

std::string base64_encode(std::string_view bytes) {
  return base64_encode(bytes, sodium_base64_VARIANT_ORIGINAL);
}

bool base64_decode(std::string_view text, std::string& out) {
  return base64_decode(text, out, sodium_base64_VARIANT_ORIGINAL);
}

std::string derive_subkey(std::string_view master, uint64_t subkey_id, std::string_view context) {
  if (master.size() != crypto_kdf_KEYBYTES || context.size() != crypto_kdf_CONTEXTBYTES)
    throw std::logic_error("derive_subkey: wrong master key or context size");
  std::string subkey(32, '\0');
  crypto_kdf_derive_from_key(bytes_of(subkey), subkey.size(), subkey_id,
                             std::string(context).c_str(), bytes_of(master));
  return subkey;
}

SignKeyPair sign_key_pair(std::string_view seed) {
  if (seed.size() != crypto_sign_SEEDBYTES)
    throw std::logic_error("sign_key_pair: the seed must be 32 bytes");
  SignKeyPair pair{std::string(crypto_sign_PUBLICKEYBYTES, '\0'),
                   std::string(crypto_sign_SECRETKEYBYTES, '\0')};
  crypto_sign_seed_keypair(bytes_of(pair.public_key), bytes_of(pair.secret_key), bytes_of(seed));
  return pair;
}

std::string sign_detached(std::string_view message, std::string_view secret_key) {
  if (secret_key.size() != crypto_sign_SECRETKEYBYTES)
    throw std::logic_error("sign_detached: the secret key must be 64 bytes");
  std::string signature(crypto_sign_BYTES, '\0');
  crypto_sign_detached(bytes_of(signature), nullptr, bytes_of(message), message.size(),
                       bytes_of(secret_key));
  return signature;
}

bool signature_valid(std::string_view signature, std::string_view message,
                     std::string_view public_key) {
  return signature.size() == crypto_sign_BYTES && public_key.size() == crypto_sign_PUBLICKEYBYTES &&
         crypto_sign_verify_detached(bytes_of(signature), bytes_of(message), message.size(),
                                     bytes_of(public_key)) == 0;
}

}  // namespace aims::crypto
