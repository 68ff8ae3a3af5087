// Hashing, randomness and encodings from libsodium, wrapped so callers never touch raw buffers.
#pragma once

#include <string>
#include <string_view>

namespace aims::crypto {

// Must be called once before any other function here (idempotent, thread-safe).
void init();

// SHA-256 of `data` as 64 lowercase hex characters.
std::string sha256_hex(std::string_view data);
// SHA-256 of `data`: its 32 raw bytes.
std::string sha256_bytes(std::string_view data);

// `bytes` random bytes as unpadded base64url (URL- and cookie-safe).
std::string random_token(size_t bytes);

// Compares in time independent of where the inputs differ.
bool constant_time_equal(std::string_view a, std::string_view b);

std::string to_hex(std::string_view bytes);
std::string base64url_encode(std::string_view bytes);
// Empty optional-like result signalled by `ok == false`.
bool base64url_decode(std::string_view text, std::string& out);

}  // namespace aims::crypto
