// The audit trail's signing keys: a master secret in a key file outside the database, from which
// each organisation's Ed25519 key pair is derived, so the database alone can never sign.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.h"
#include "trail/note.h"

namespace aims::trail {

// The key name of an organisation's trail, also the origin line of its checkpoints:
// "aims/org/<id>".
inline constexpr std::string_view kKeyNamePrefix = "aims/org/";
std::string key_name(int64_t org_id);

class SigningKeys {
 public:
  // Reads the key file at `path`, creating it first (32 random bytes, mode 0600) when there is
  // none; several processes starting at once end up with the same file. Errors: unavailable when
  // it cannot be read or written; failed_precondition when it is not a key file or others may
  // read it.
  static Result<SigningKeys> open_or_create(const std::string& path);
  // Reads an existing key file. Errors: as above; not_found when there is no file.
  static Result<SigningKeys> open(const std::string& path);

  ~SigningKeys();
  SigningKeys(SigningKeys&&) = default;
  SigningKeys(const SigningKeys&) = delete;
  SigningKeys& operator=(const SigningKeys&) = delete;

  // The organisation's key pair: the Ed25519 seed is the master secret's crypto_kdf subkey number
  // `org_id` in context "aimstrl1"; its name is key_name(org_id).
  note::SignerKey for_org(int64_t org_id) const;
  // A 32-byte key for another purpose, derived from the same master (crypto_kdf subkey `id` in
  // `context`, 8 characters other than the trail's "aimstrl1"), so one key file outside the
  // database holds every server secret: notify seals SMTP passwords and webhook secrets with one.
  std::string subkey(uint64_t id, std::string_view context) const;
  const std::string& path() const { return path_; }

 private:
  SigningKeys(std::string path, std::string master)
      : path_(std::move(path)), master_(std::move(master)) {}
  std::string path_;
  std::string master_;
};

}  // namespace aims::trail
