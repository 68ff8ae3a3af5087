// C2SP signed notes with Ed25519 (c2sp.org/signed-note): the text format of the trail's signed
// checkpoints and of the keys that check them, the same one transparency-log tools read.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.h"

namespace aims::trail::note {

// The C2SP key ID: the first four bytes of SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key).
uint32_t key_id(std::string_view name, std::string_view public_key);

// A key that checks signatures.
struct VerifierKey {
  std::string name;        // the key name in signature lines; empty for a bare public key
  std::string public_key;  // 32 bytes

  // What an auditor pins: "<name>+<key ID, 8 hex digits>+<base64(0x01 ‖ public key)>", the
  // verifier key format of Go's golang.org/x/mod/sumdb/note.
  std::string text() const;
  // key_id(name, public_key) as 8 lowercase hex digits.
  std::string id_hex() const;
  // "SHA256:" and the unpadded base64 of SHA-256(public key), for comparing keys by eye.
  std::string fingerprint() const;
};

// A verifier key as text() writes it, or a bare standard-base64 Ed25519 public key (which then
// fits any key name). Errors: invalid_argument on "public-key".
Result<VerifierKey> parse_verifier_key(std::string_view text);

// An Ed25519 key pair and its key name. The secret key is wiped when the object goes.
class SignerKey {
 public:
  SignerKey(std::string name, std::string_view seed);
  ~SignerKey();
  SignerKey(SignerKey&&) = default;
  SignerKey(const SignerKey&) = delete;
  SignerKey& operator=(const SignerKey&) = delete;

  const VerifierKey& verifier() const { return verifier_; }
  // The signed note: `text` (which must end in a newline), a blank line and this key's signature
  // line "— <name> <base64(key ID ‖ signature)>".
  std::string sign(std::string_view text) const;

 private:
  VerifierKey verifier_;
  std::string secret_key_;
};

enum class Opened {
  verified,       // a signature line of the key verifies
  unknown_key,    // no signature line is the key's (another key signed it): ignored
  bad_signature,  // a line of the key does not verify: the text or the signature was changed
  malformed,      // not a signed note
};

struct OpenedNote {
  Opened outcome = Opened::malformed;
  std::string text;  // the signed text, with its final newline
};

// Checks `note` with `key`, following the rules of the signed-note specification.
OpenedNote open(std::string_view note, const VerifierKey& key);

}  // namespace aims::trail::note
