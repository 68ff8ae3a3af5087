// Hashing and comparing the short texts a log is made of: ids, labels, group and category names.
// One pass over a text gives its hash and the (at most 16) bytes it was read from, which for a
// text of at most 16 bytes are the whole text, so two such texts compare without memcmp. The hash
// is wyhash's construction (Wang Yi, public domain): 64 well-mixed bits from a few multiplications.
#pragma once

#include <cstdint>
#include <cstring>
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

namespace text_key_detail {

inline uint64_t read4(const char* p) {
  uint32_t value;
  std::memcpy(&value, p, sizeof value);
  return value;
}

// Packs every byte of a text of at most 16 bytes into `a` and `b`: equal texts of equal size give
// equal words, and different ones different words.
inline void pack_short_text(const char* p, size_t size, uint64_t& a, uint64_t& b) {
  a = 0;
  b = 0;
  if (size >= 4) {
    // Four overlapping 4-byte reads cover every byte of 4 to 16 bytes.
    const size_t step = (size >> 3) << 2;
    a = (read4(p) << 32) | read4(p + step);
    b = (read4(p + size - 4) << 32) | read4(p + size - 4 - step);
  } else if (size > 0) {
    const auto byte = [p](size_t i) { return uint64_t{static_cast<unsigned char>(p[i])}; };
    a = (byte(0) << 16) | (byte(size >> 1) << 8) | byte(size - 1);
  }
}

}  // namespace text_key_detail

// The key TextIndex files a text under. Every row looks up its group and its categories, whose
// names are short: a text of at most 16 bytes is already told apart by its packed bytes, so its
// hash only spreads them over the slots, which one multiplication does instead of text_key's
// three. Longer texts take text_key.
inline TextKey index_key(std::string_view text) {
  if (text.size() > 16) return text_key(text);
  TextKey key{text, 0, 0, 0};
  text_key_detail::pack_short_text(text.data(), text.size(), key.head, key.tail);
  const uint64_t mixed =
      (key.head ^ (key.tail << 7 | key.tail >> 57) ^ text.size()) * 0x9e3779b97f4a7c15ULL;
  // The product's top bits, which every input bit reaches, down to the low bits that pick a slot.
  key.hash = mixed ^ (mixed >> 32);
  return key;
}

inline bool same_text(const TextKey& a, const TextKey& b) {
  if (a.hash != b.hash || a.text.size() != b.text.size() || a.head != b.head || a.tail != b.tail) {
    return false;
  }
  return a.text.size() <= 16 || a.text == b.text;
}

}  // namespace aims::monitoring
