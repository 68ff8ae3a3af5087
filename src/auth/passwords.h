// Password hashing with argon2id (libsodium) and the password policy.
#pragma once

#include <string>
#include <string_view>

#include "base/result.h"

namespace aims::auth {

// argon2id with libsodium's INTERACTIVE limits (t=2, 64 MiB), above OWASP ASVS's minimum. At
// most two hashes run at once, so a flood of logins cannot exhaust memory.
std::string hash_password(std::string_view password);
bool verify_password(std::string_view password, const std::string& hash);
// Spends the same time as a real verification, so an unknown email does not answer faster.
void verify_against_dummy(std::string_view password);

// At least 12 characters, at most 1024 bytes, not a common password, not the email itself.
// Errors: invalid_argument on field `field`.
Status check_password_policy(std::string_view password, std::string_view email,
                             const std::string& field = "password");

// A random password that passes the policy, for accounts created without one.
std::string generate_password();

}  // namespace aims::auth
