// The characters that give a CSV record its structure (comma, line feed, quote), found 64 bytes at
// a time. Fields of a prediction log are short (8 bytes on average in the benchmark), so looking
// for the next delimiter field by field costs more than classifying whole 64-byte windows into a
// bit mask and walking its set bits.
#pragma once

#include <bit>
#include <cstdint>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace aims::monitoring {

// Bit i is set when p[i] is a comma, a line feed or a quote; reads p[0..63].
inline uint64_t structural_bits(const char* p) {
#if defined(__SSE2__)
  const __m128i comma = _mm_set1_epi8(',');
  const __m128i newline = _mm_set1_epi8('\n');
  const __m128i quote = _mm_set1_epi8('"');
  uint64_t bits = 0;
  for (int i = 0; i < 4; ++i) {
    const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * i));
    const __m128i hits =
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(chunk, comma), _mm_cmpeq_epi8(chunk, newline)),
                     _mm_cmpeq_epi8(chunk, quote));
    bits |= uint64_t{static_cast<uint16_t>(_mm_movemask_epi8(hits))} << (16 * i);
  }
  return bits;
#else
  uint64_t bits = 0;
  for (int i = 0; i < 64; ++i) {
    bits |= uint64_t{p[i] == ',' || p[i] == '\n' || p[i] == '"'} << i;
  }
  return bits;
#endif
}

// Visits the structural characters of [from, end) in order. Reads up to 63 bytes past `end`
// (blocks carry kBlockPadding readable bytes) and ignores what it finds there.
class CsvStructure {
 public:
  CsvStructure(char* from, char* end) : end_(end) { restart(from); }

  // Continues from `from`, which must not lie before the last character returned.
  void restart(char* from) {
    window_ = from;
    bits_ = window_ < end_ ? in_range(structural_bits(window_)) : 0;
  }

  // The next comma, line feed or quote, or `end` when none is left.
  char* next() {
    while (bits_ == 0) {
      if (end_ - window_ <= 64) {
        window_ = end_;
        return end_;
      }
      window_ += 64;
      bits_ = in_range(structural_bits(window_));
    }
    char* found = window_ + std::countr_zero(bits_);
    bits_ &= bits_ - 1;
    return found;
  }

 private:
  uint64_t in_range(uint64_t bits) const {
    const auto left = static_cast<uint64_t>(end_ - window_);
    return left >= 64 ? bits : bits & ((uint64_t{1} << left) - 1);
  }

  char* end_;
  char* window_ = nullptr;
  uint64_t bits_ = 0;
};

}  // namespace aims::monitoring
