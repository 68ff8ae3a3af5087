// Wall-clock time as the project stores and shows it: UTC, RFC 3339, microsecond precision.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace aims {

// Microseconds since the Unix epoch, UTC.
int64_t now_micros();

// "2026-11-22T09:30:00.000123Z": fixed width, so text order is time order (the store relies on it).
std::string format_timestamp(int64_t micros);
std::string now_timestamp();

// A stored timestamp as people read it, to the minute: "2026-11-22 09:30". Text that is not a
// timestamp comes back unchanged.
std::string minute_text(const std::string& timestamp);

// Accepts "YYYY-MM-DDThh:mm:ss[.f]Z" or with a "+hh:mm"/"-hh:mm" offset, or a bare date
// "YYYY-MM-DD" (midnight UTC). nullopt for anything else or an impossible date.
std::optional<int64_t> parse_timestamp(std::string_view text);

// A calendar date "YYYY-MM-DD"; nullopt when malformed or impossible (2026-02-30).
std::optional<int64_t> parse_date_days(std::string_view text);

}  // namespace aims
