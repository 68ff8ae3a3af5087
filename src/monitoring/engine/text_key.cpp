#include "monitoring/engine/text_key.h"

#include <cstring>

namespace aims::monitoring {

namespace {

constexpr uint64_t kSecret0 = 0x2d358dccaa6c78a5ULL;
constexpr uint64_t kSecret1 = 0x8bb84b93962eacc9ULL;

uint64_t read8(const char* p) {
  uint64_t value;
  std::memcpy(&value, p, sizeof value);
  return value;
}

// The 128-bit product of a and b, its halves in a and b.
void multiply(uint64_t& a, uint64_t& b) {
  const unsigned __int128 product = static_cast<unsigned __int128>(a) * b;
  a = static_cast<uint64_t>(product);
  b = static_cast<uint64_t>(product >> 64);
}

uint64_t mix(uint64_t a, uint64_t b) {
  multiply(a, b);
  return a ^ b;
}

}  // namespace

TextKey text_key(std::string_view text, uint64_t seed) {
  const char* p = text.data();
  const size_t size = text.size();
  seed ^= mix(seed ^ kSecret0, kSecret1);
  uint64_t a = 0;
  uint64_t b = 0;
  if (size > 16) {
    size_t left = size;
    for (; left > 16; left -= 16, p += 16)
      seed = mix(read8(p) ^ kSecret1, read8(p + 8) ^ seed);
    a = read8(p + left - 16);
    b = read8(p + left - 8);
  } else {
    text_key_detail::pack_short_text(p, size, a, b);
  }
  TextKey key{text, 0, a, b};
  a ^= kSecret1;
  b ^= seed;
  multiply(a, b);
  key.hash = mix(a ^ kSecret0 ^ size, b ^ kSecret1);
  return key;
}

}  // namespace aims::monitoring
