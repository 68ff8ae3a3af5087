#include "base/time.h"

#include <charconv>
#include <chrono>
#include <cstdio>

namespace aims {
namespace {

bool read_int(std::string_view text, size_t pos, size_t len, int& out) {
  if (pos + len > text.size()) return false;
  for (size_t i = pos; i < pos + len; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  auto [ptr, ec] = std::from_chars(text.data() + pos, text.data() + pos + len, out);
  return ec == std::errc() && ptr == text.data() + pos + len;
}

std::optional<std::chrono::sys_days> read_date(std::string_view text) {
  int y = 0, m = 0, d = 0;
  if (text.size() < 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  if (!read_int(text, 0, 4, y) || !read_int(text, 5, 2, m) || !read_int(text, 8, 2, d)) {
    return std::nullopt;
  }
  std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{unsigned(m)},
                                  std::chrono::day{unsigned(d)}};
  if (!ymd.ok()) return std::nullopt;
  return std::chrono::sys_days{ymd};
}

}  // namespace

int64_t now_micros() {
  using namespace std::chrono;
  return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}

std::string format_timestamp(int64_t micros) {
  using namespace std::chrono;
  const auto tp = sys_time<microseconds>{microseconds{micros}};
  const auto day = floor<days>(tp);
  const year_month_day ymd{day};
  const hh_mm_ss hms{tp - day};
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d.%06lldZ", int(ymd.year()),
                unsigned(ymd.month()), unsigned(ymd.day()), int(hms.hours().count()),
                int(hms.minutes().count()), int(hms.seconds().count()),
                static_cast<long long>(hms.subseconds().count()));
  return buf;
}

std::string now_timestamp() {
  return format_timestamp(now_micros());
}

std::string minute_text(const std::string& timestamp) {
  if (timestamp.size() < 16 || timestamp[10] != 'T') return timestamp;
  return timestamp.substr(0, 10) + " " + timestamp.substr(11, 5);
}

std::optional<int64_t> parse_date_days(std::string_view text) {
  if (text.size() != 10) return std::nullopt;
  auto day = read_date(text);
  if (!day) return std::nullopt;
  return day->time_since_epoch().count();
}

std::optional<int64_t> parse_timestamp(std::string_view text) {
  using namespace std::chrono;
  auto day = read_date(text);
  if (!day) return std::nullopt;
  int64_t micros = duration_cast<microseconds>(day->time_since_epoch()).count();
  if (text.size() == 10) return micros;
  int hh = 0, mm = 0, ss = 0;
  if (text.size() < 20 || (text[10] != 'T' && text[10] != 't') || text[13] != ':' ||
      text[16] != ':' || !read_int(text, 11, 2, hh) || !read_int(text, 14, 2, mm) ||
      !read_int(text, 17, 2, ss) || hh > 23 || mm > 59 || ss > 60) {
    return std::nullopt;
  }
  micros += ((hh * 60 + mm) * 60LL + ss) * 1'000'000LL;
  size_t pos = 19;
  if (text[pos] == '.') {
    ++pos;
    int64_t frac = 0;
    int digits = 0;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      if (digits < 6) frac = frac * 10 + (text[pos] - '0'), ++digits;
      ++pos;
    }
    if (digits == 0) return std::nullopt;
    while (digits < 6)
      frac *= 10, ++digits;
    micros += frac;
  }
  std::string_view zone = text.substr(pos);
  if (zone == "Z" || zone == "z") return micros;
  int oh = 0, om = 0;
  if (zone.size() != 6 || (zone[0] != '+' && zone[0] != '-') || zone[3] != ':' ||
      !read_int(zone, 1, 2, oh) || !read_int(zone, 4, 2, om) || oh > 23 || om > 59) {
    return std::nullopt;
  }
  const int64_t offset = (oh * 60LL + om) * 60'000'000LL;
  return zone[0] == '+' ? micros - offset : micros + offset;
}

}  // namespace aims
