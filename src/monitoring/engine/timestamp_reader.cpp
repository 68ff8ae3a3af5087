#include "monitoring/engine/timestamp_reader.h"

#include <cstring>

#include "base/time.h"

namespace aims::monitoring {

namespace {

constexpr int64_t kMicrosPerDay = int64_t{86'400} * 1'000'000;
constexpr size_t kSecondBytes = 19;  // "YYYY-MM-DDThh:mm:ss"

bool is_digit(char c) {
  return static_cast<unsigned char>(c - '0') < 10;
}

// Two digits at `p` as a number, or -1.
int two_digits(const char* p) {
  if (!is_digit(p[0]) || !is_digit(p[1])) return -1;
  return (p[0] - '0') * 10 + (p[1] - '0');
}

// The six digits after the '.' at `dot`, as a number, or -1 when a byte is not a digit. Loggers
// mostly write exactly six fractional digits: eight bytes at a time, without a branch per digit.
// Reads the dot, the digits and the byte after them (the zone), all within the text.
int64_t six_digits_after(const char* dot) {
  constexpr uint64_t kSix = 0x0000ffffffffffffULL;  // the low six bytes, the first digit lowest
  constexpr uint64_t kZeros = 0x0000303030303030ULL;
  uint64_t word;
  std::memcpy(&word, dot, sizeof word);
  word = (word >> 8) & kSix;
  // A byte is a digit when its high nibble is 3 and adding 6 leaves it 3 (the low nibble <= 9).
  if ((word & 0x0000f0f0f0f0f0f0ULL) != kZeros ||
      ((word + 0x0000060606060606ULL) & 0x0000f0f0f0f0f0f0ULL) != kZeros) {
    return -1;
  }
  const uint64_t digits = word - kZeros;
  // Bytes 0, 2 and 4 of `pairs` hold the numbers of digit pairs 0-1, 2-3 and 4-5 (at most 99, so
  // no byte carries into the next).
  const uint64_t pairs = digits * 10 + (digits >> 8);
  return static_cast<int64_t>((pairs & 0xff) * 10'000 + ((pairs >> 16) & 0xff) * 100 +
                              ((pairs >> 32) & 0xff));
}

// The microseconds of "...ss[.f]Z" (more than six digits are cut, as parse_timestamp does), or -1
// for any other ending. `text` holds at least 20 bytes.
int64_t fraction_micros(std::string_view text) {
  const size_t zone = text.size() - 1;
  if (text[zone] != 'Z' && text[zone] != 'z') return -1;
  if (zone == kSecondBytes) return 0;
  if (text[kSecondBytes] != '.' || zone == kSecondBytes + 1) return -1;
  if (zone == kSecondBytes + 7) return six_digits_after(&text[kSecondBytes]);
  int64_t fraction = 0;
  int digits = 0;
  for (size_t i = kSecondBytes + 1; i < zone; ++i) {
    if (!is_digit(text[i])) return -1;
    if (digits < 6) fraction = fraction * 10 + (text[i] - '0'), ++digits;
  }
  for (; digits < 6; ++digits)
    fraction *= 10;
  return fraction;
}

// The time of day of "YYYY-MM-DDThh:mm:ss..." in microseconds, checked as parse_timestamp checks
// it ('T' may be lower case, a leap second is allowed), or -1.
int64_t time_of_day_micros(std::string_view text) {
  if ((text[10] != 'T' && text[10] != 't') || text[13] != ':' || text[16] != ':') return -1;
  const int hours = two_digits(&text[11]);
  const int minutes = two_digits(&text[14]);
  const int seconds = two_digits(&text[17]);
  if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59 || seconds < 0 || seconds > 60) {
    return -1;
  }
  return ((hours * 60 + minutes) * int64_t{60} + seconds) * 1'000'000;
}

void read_words(const char* p, uint64_t (&words)[3]) {
  std::memcpy(&words[0], p, 8);
  std::memcpy(&words[1], p + 8, 8);
  std::memcpy(&words[2], p + kSecondBytes - 8, 8);
}

}  // namespace

bool TimestampReader::read_micros(std::string_view text, int64_t& micros) {
  // Any other shape (an offset, no zone, malformed) takes parse_timestamp.
  const auto parsed = [text, &micros] {
    const auto value = parse_timestamp(text);
    micros = value.value_or(0);
    return value.has_value();
  };
  if (text.size() <= kSecondBytes) return parsed();
  const int64_t fraction = fraction_micros(text);
  if (fraction < 0) return parsed();
  uint64_t second[3];
  read_words(text.data(), second);
  if (!has_second_ || second[0] != second_[0] || second[1] != second_[1] ||
      second[2] != second_[2]) {
    const int64_t time_of_day = time_of_day_micros(text);
    if (time_of_day < 0) return parsed();
    const auto days = parse_date_days(text.substr(0, 10));
    if (!days) return false;  // parse_timestamp refuses an invalid date whatever follows
    std::memcpy(second_, second, sizeof second_);
    second_micros_ = *days * kMicrosPerDay + time_of_day;
    has_second_ = true;
  }
  micros = second_micros_ + fraction;
  return true;
}

}  // namespace aims::monitoring
