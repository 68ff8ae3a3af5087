// Signed notes: the format transparency-log tools read. The expected texts are the reference
// note of Go's golang.org/x/mod/sumdb/note (its package documentation and tests), an
// implementation independent of this one.
#include "trail/note.h"

#include <gtest/gtest.h>

#include "base/crypto.h"

namespace aims::trail::note {
namespace {

const std::string kGoVerifierKey =
    "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
// The signer key "PRIVATE+KEY+PeterNeumann+c74f20a3+<base64(0x01 ‖ seed)>" of the same example.
const std::string kGoSignerKeyBase64 = "AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
const std::string kGoText =
    "If you think cryptography is the answer to your problem,\n"
    "then you don't know what your problem is.\n";
const std::string kGoNote =
    kGoText +
    "\n\u2014 PeterNeumann "
    "x08go/ZJkuBS9UG/"
    "SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

SignerKey go_signer() {
  crypto::init();
  std::string decoded;
  EXPECT_TRUE(crypto::base64_decode(kGoSignerKeyBase64, decoded));
  return SignerKey("PeterNeumann", decoded.substr(1));
}

TEST(NoteTest, SignsExactlyAsTheGoReference) {
  const SignerKey signer = go_signer();
  EXPECT_EQ(signer.sign(kGoText), kGoNote);
  EXPECT_EQ(signer.verifier().text(), kGoVerifierKey);
  EXPECT_EQ(signer.verifier().id_hex(), "c74f20a3");
}

TEST(NoteTest, OpensTheGoReferenceAndRefusesChanges) {
  auto key = parse_verifier_key(kGoVerifierKey);
  ASSERT_TRUE(key.ok()) << key.error().message;
  EXPECT_EQ(key->name, "PeterNeumann");
  const OpenedNote opened = open(kGoNote, *key);
  EXPECT_EQ(opened.outcome, Opened::verified);
  EXPECT_EQ(opened.text, kGoText);

  std::string changed = kGoNote;
  changed.replace(changed.find("cryptography"), 12, "cryptographY");
  EXPECT_EQ(open(changed, *key).outcome, Opened::bad_signature);
  EXPECT_EQ(open("no signature here\n", *key).outcome, Opened::malformed);
  EXPECT_EQ(open(kGoText + "\n- PeterNeumann AAAA\n", *key).outcome, Opened::malformed);
}

TEST(NoteTest, IgnoresSignaturesOfOtherKeys) {
  const SignerKey other("PeterNeumann", std::string(32, '\x07'));
  auto key = parse_verifier_key(kGoVerifierKey);
  ASSERT_TRUE(key.ok());
  // Same name, another key (so another key ID): not the pinned key's line, so ignored.
  EXPECT_EQ(open(other.sign(kGoText), *key).outcome, Opened::unknown_key);
  // Both signatures on one note: the pinned key's line decides.
  const std::string other_line = other.sign(kGoText).substr(kGoText.size() + 1);
  const std::string go_line = kGoNote.substr(kGoNote.rfind("\n\n") + 2);
  EXPECT_EQ(open(kGoText + "\n" + other_line + go_line, *key).outcome, Opened::verified);
}

TEST(NoteTest, ABareBase64KeyFitsAnyName) {
  const SignerKey signer = go_signer();
  auto bare = parse_verifier_key(crypto::base64_encode(signer.verifier().public_key) + "\n");
  ASSERT_TRUE(bare.ok()) << bare.error().message;
  EXPECT_TRUE(bare->name.empty());
  EXPECT_EQ(open(kGoNote, *bare).outcome, Opened::verified);
}

TEST(NoteTest, RejectsMangledVerifierKeys) {
  EXPECT_FALSE(parse_verifier_key("").ok());
  EXPECT_FALSE(
      parse_verifier_key("PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW").ok())
      << "a key ID that does not match the key";
  EXPECT_FALSE(
      parse_verifier_key("PeterNeumann+c74f20a3+Ahpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW").ok())
      << "not an Ed25519 key";
  EXPECT_FALSE(
      parse_verifier_key("Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")
          .ok());
  // A comment line (as 'aims audit public-key' writes) is skipped.
  EXPECT_TRUE(parse_verifier_key("# the key\n" + kGoVerifierKey + "\n# SHA256:...\n").ok());
}

TEST(NoteTest, FingerprintIsSha256OfTheKey) {
  auto key = parse_verifier_key(kGoVerifierKey);
  ASSERT_TRUE(key.ok());
  // base64(SHA-256(key bytes)) of the Go key, computed with Python's hashlib.
  EXPECT_EQ(key->fingerprint(), "SHA256:x6nVQfEWroKLaT7oyJSCu+PseG+qHfFZZ3vWUVA5Tw8");
}

}  // namespace
}  // namespace aims::trail::note
