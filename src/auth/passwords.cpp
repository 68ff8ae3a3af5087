#include "auth/passwords.h"

#include <array>
#include <semaphore>

#include <sodium.h>

#include "base/crypto.h"
#include "base/text.h"

namespace aims::auth {
namespace {

std::counting_semaphore<2>& hashing_slots() {
  static std::counting_semaphore<2> slots(2);
  return slots;
}

class SlotGuard {
 public:
  SlotGuard() { hashing_slots().acquire(); }
  ~SlotGuard() { hashing_slots().release(); }
  SlotGuard(const SlotGuard&) = delete;
  SlotGuard& operator=(const SlotGuard&) = delete;
};

// A short list of the most used passwords of at least 12 characters (lower-cased); a full
// breached-password corpus cannot ship offline, so this only stops the most obvious choices.
constexpr std::array<std::string_view, 40> kCommon = {
    "123456789012",     "1234567890123", "12345678901234",
    "123456789abc",     "password1234",  "password12345",
    "passwordpassword", "qwertyuiop12",  "qwertyuiopasdf",
    "111111111111",     "000000000000",  "abc123456789",
    "iloveyou1234",     "administrator", "administrator1",
    "welcome12345",     "letmein12345",  "changeme1234",
    "changemechangeme", "p@ssw0rd1234",  "passw0rd1234",
    "qwerty123456",     "1q2w3e4r5t6y",  "1qaz2wsx3edc",
    "zaq12wsxcde3",     "superman1234",  "football1234",
    "baseball1234",     "princess1234",  "sunshine1234",
    "monkey123456",     "dragon123456",  "trustno1trustno1",
    "aaaaaaaaaaaa",     "abcdefghijkl",  "abcdefabcdef",
    "password123!",     "welcome123!!",  "correcthorsebatterystaple",
    "letmeinletmein"};

}  // namespace

std::string hash_password(std::string_view password) {
  SlotGuard slot;
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    // Only fails when the 64 MiB cannot be allocated: a resource bug, not bad input.
    throw std::runtime_error("argon2id could not allocate its memory");
  }
  return out;
}

bool verify_password(std::string_view password, const std::string& hash) {
  SlotGuard slot;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

void verify_against_dummy(std::string_view password) {
  static const std::string dummy = hash_password("dummy password for timing equality");
  (void)verify_password(password, dummy);
}

Status check_password_policy(std::string_view password, std::string_view email,
                             const std::string& field) {
  if (!is_valid_utf8(password)) return Error::invalid(field, "password is not valid UTF-8");
  if (password.size() < 12) {
    return Error::invalid(field, "password must be at least 12 characters long");
  }
  if (password.size() > 1024) return Error::invalid(field, "password must be at most 1024 bytes");
  const std::string lower = to_lower_ascii(password);
  for (auto common : kCommon) {
    if (lower == common) return Error::invalid(field, "password is too common; choose another");
  }
  if (!email.empty() && lower == to_lower_ascii(email)) {
    return Error::invalid(field, "password must not be the email address");
  }
  return {};
}

std::string generate_password() {
  return crypto::random_token(15);
}  // 20 characters

}  // namespace aims::auth
