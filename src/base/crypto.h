// Hashing, randomness, signatures and encodings from libsodium, wrapped so callers never touch
// raw buffers.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.h"

namespace aims::crypto {

// Must be called once before any other function here (idempotent, thread-safe).
void init();

// SHA-256 of `data` as 64 lowercase hex characters.
std::string sha256_hex(std::string_view data);
// SHA-256 of `data`: its 32 raw bytes.
std::string sha256_bytes(std::string_view data);

// SHA-256 of a file's bytes as lowercase hex, read in blocks so memory stays flat.
// Errors: not_found when the file cannot be read.
Result<std::string> sha256_file_hex(const std::string& path);

// `bytes` bytes from the operating system's random source.
std::string random_bytes(size_t bytes);

// `bytes` random bytes as unpadded base64url (URL- and cookie-safe).
std::string random_token(size_t bytes);

// Compares in time independent of where the inputs differ.
bool constant_time_equal(std::string_view a, std::string_view b);

// Overwrites `secret` with zeros (in a way the optimiser keeps) and empties it.
void wipe(std::string& secret);

std::string to_hex(std::string_view bytes);
// False for text that is not an even number of hex digits.
bool hex_decode(std::string_view hex, std::string& out);
std::string base64url_encode(std::string_view bytes);
// Empty optional-like result signalled by `ok == false`.
bool base64url_decode(std::string_view text, std::string& out);
// Standard base64 with padding (RFC 4648 section 4), the encoding of signed notes.
std::string base64_encode(std::string_view bytes);
bool base64_decode(std::string_view text, std::string& out);

// A subkey of `master` (crypto_kdf_KEYBYTES = 32 bytes): crypto_kdf_derive_from_key with
// `subkey_id` in `context` (exactly 8 characters), 32 bytes long. Different ids or contexts give
// independent keys; none reveals the master or another subkey.
inline constexpr size_t kMasterKeyBytes = 32;
std::string derive_subkey(std::string_view master, uint64_t subkey_id, std::string_view context);

// Ed25519 (RFC 8032): a key pair from a 32-byte seed, detached 64-byte signatures.
struct SignKeyPair {
  std::string public_key;  // 32 bytes
  std::string secret_key;  // 64 bytes (libsodium's seed ‖ public key form); wipe() it after use
};
SignKeyPair sign_key_pair(std::string_view seed);
std::string sign_detached(std::string_view message, std::string_view secret_key);
bool signature_valid(std::string_view signature, std::string_view message,
                     std::string_view public_key);

}  // namespace aims::crypto
