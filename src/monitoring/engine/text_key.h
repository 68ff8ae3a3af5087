// Hashing and comparing the short texts a log is made of: ids, labels, group and category names.
// One pass over a text gives its hash and the (at most 16) bytes it was read from, which for a
// text of at most 16 bytes are the whole text, so two such texts compare without memcmp. The hash
// is wyhash's construction (Wang Yi, public domain): 64 well-mixed bits from a few multiplications.
#pragma once

#include <cstdint>
#include <string_view>

namespace aims::monitoring {

struct TextKey {
  std::string_view text;
  uint64_t hash = 0;
  // For texts of at most 16 bytes, every byte of the text is in `head` or `tail`.
  uint64_t head = 0;
  uint64_t tail = 0;
};

TextKey text_key(std::string_view text, uint64_t seed = 0);

inline bool same_text(const TextKey& a, const TextKey& b) {
  if (a.hash != b.hash || a.text.size() != b.text.size() || a.head != b.head || a.tail != b.tail) {
    return false;
  }
  return a.text.size() <= 16 || a.text == b.text;
}

}  // namespace aims::monitoring
