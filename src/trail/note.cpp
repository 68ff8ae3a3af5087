#include "trail/note.h"

#include <optional>
#include <vector>

#include "base/crypto.h"
#include "base/text.h"

namespace aims::trail::note {
namespace {

constexpr char kEd25519 = 0x01;                // the signature type byte of Ed25519
constexpr std::string_view kDash = "\u2014 ";  // em dash and space: a signature line starts so
constexpr size_t kMaxNoteBytes = 64 * 1024;    // checkpoints are a few hundred bytes
constexpr size_t kMaxSignatures = 100;

std::string key_id_bytes(uint32_t id) {
  return {static_cast<char>(id >> 24), static_cast<char>(id >> 16), static_cast<char>(id >> 8),
          static_cast<char>(id)};
}

uint32_t key_id_from_bytes(std::string_view bytes) {
  uint32_t id = 0;
  for (size_t i = 0; i < 4; ++i)
    id = (id << 8) | static_cast<unsigned char>(bytes[i]);
  return id;
}

// Key names are non-empty and hold neither spaces nor '+'.
bool valid_key_name(std::string_view name) {
  return !name.empty() && is_valid_utf8(name) && !has_control_chars(name) &&
         name.find_first_of(" +") == std::string_view::npos;
}

// Valid UTF-8 without control characters other than the newline.
bool valid_note_characters(std::string_view note) {
  if (!is_valid_utf8(note)) return false;
  for (char c : note) {
    if (static_cast<unsigned char>(c) < 0x20 && c != '\n') return false;
  }
  return true;
}

struct SignatureLine {
  std::string name;
  uint32_t id = 0;
  std::string signature;
};

// "— <name> <base64(key ID ‖ signature)>"; nullopt when the line is not one.
std::optional<SignatureLine> parse_signature_line(std::string_view line) {
  if (!line.starts_with(kDash)) return std::nullopt;
  line.remove_prefix(kDash.size());
  const auto space = line.find(' ');
  if (space == std::string_view::npos) return std::nullopt;
  SignatureLine parsed{std::string(line.substr(0, space)), 0, {}};
  std::string blob;
  if (!valid_key_name(parsed.name) || !crypto::base64_decode(line.substr(space + 1), blob) ||
      blob.size() <= 4) {
    return std::nullopt;
  }
  parsed.id = key_id_from_bytes(blob);
  parsed.signature = blob.substr(4);
  return parsed;
}

Result<VerifierKey> invalid_key(const std::string& why) {
  return Error::invalid("public-key", "the public key " + why +
                                          ": give the line 'aims audit public-key' prints "
                                          "(name+keyid+key) or a base64 Ed25519 public key");
}

}  // namespace

uint32_t key_id(std::string_view name, std::string_view public_key) {
  std::string material(name);
  material += '\n';
  material += kEd25519;
  material += public_key;
  return key_id_from_bytes(crypto::sha256_bytes(material));
}

std::string VerifierKey::text() const {
  return name + "+" + id_hex() + "+" + crypto::base64_encode(std::string(1, kEd25519) + public_key);
}

std::string VerifierKey::id_hex() const {
  return crypto::to_hex(key_id_bytes(key_id(name, public_key)));
}

std::string VerifierKey::fingerprint() const {
  std::string digest = crypto::base64_encode(crypto::sha256_bytes(public_key));
  while (!digest.empty() && digest.back() == '=')
    digest.pop_back();
  return "SHA256:" + digest;
}

Result<VerifierKey> parse_verifier_key(std::string_view text) {
  text = first_content_line(text);
  const auto first_plus = text.find('+');
  std::string decoded;
  if (first_plus == std::string_view::npos || text.size() == 44) {
    // A bare key: 32 bytes are 44 base64 characters, which may themselves contain '+'.
    if (!crypto::base64_decode(text, decoded) || decoded.size() != 32)
      return invalid_key("is not 32 bytes of base64");
    return VerifierKey{"", decoded};
  }
  const auto second_plus = text.find('+', first_plus + 1);
  if (second_plus == std::string_view::npos) return invalid_key("has no key ID");
  VerifierKey key{std::string(text.substr(0, first_plus)), ""};
  std::string id;
  if (!valid_key_name(key.name)) return invalid_key("has an invalid key name");
  if (!crypto::hex_decode(text.substr(first_plus + 1, second_plus - first_plus - 1), id) ||
      id.size() != 4) {
    return invalid_key("has a key ID that is not 8 hex digits");
  }
  if (!crypto::base64_decode(text.substr(second_plus + 1), decoded) || decoded.size() != 33 ||
      decoded[0] != kEd25519) {
    return invalid_key("is not an Ed25519 key");
  }
  key.public_key = decoded.substr(1);
  if (key_id(key.name, key.public_key) != key_id_from_bytes(id))
    return invalid_key("has a key ID that does not match the key");
  return key;
}

SignerKey::SignerKey(std::string name, std::string_view seed) {
  crypto::SignKeyPair pair = crypto::sign_key_pair(seed);
  verifier_ = {std::move(name), std::move(pair.public_key)};
  secret_key_ = std::move(pair.secret_key);
}

SignerKey::~SignerKey() {
  crypto::wipe(secret_key_);
}

std::string SignerKey::sign(std::string_view text) const {
  const std::string signature = crypto::sign_detached(text, secret_key_);
  const std::string id = key_id_bytes(key_id(verifier_.name, verifier_.public_key));
  return std::string(text) + "\n" + std::string(kDash) + verifier_.name + " " +
         crypto::base64_encode(id + signature) + "\n";
}

OpenedNote open(std::string_view note, const VerifierKey& key) {
  OpenedNote opened;
  if (note.size() > kMaxNoteBytes || !note.ends_with('\n') || !valid_note_characters(note))
    return opened;
  // The text ends at the last blank line; signature lines follow it.
  const auto blank = note.rfind("\n\n");
  if (blank == std::string_view::npos) return opened;
  const std::string_view text = note.substr(0, blank + 1);
  std::string_view signatures = note.substr(blank + 2);
  signatures.remove_suffix(1);
  const std::vector<std::string_view> lines = split(signatures, '\n');
  if (lines.size() > kMaxSignatures) return opened;
  bool verified = false;
  for (std::string_view line : lines) {
    auto signature = parse_signature_line(line);
    if (!signature) return opened;
    const bool keys_line = (key.name.empty() || signature->name == key.name) &&
                           signature->id == key_id(signature->name, key.public_key);
    if (!keys_line) continue;
    if (!crypto::signature_valid(signature->signature, text, key.public_key)) {
      opened.outcome = Opened::bad_signature;
      opened.text = text;
      return opened;
    }
    verified = true;
  }
  opened.outcome = verified ? Opened::verified : Opened::unknown_key;
  opened.text = text;
  return opened;
}

}  // namespace aims::trail::note
