// iCalendar text (RFC 5545): a calendar of all-day events, with the escaping and line folding
// that calendar applications rely on.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace aims::ical {

struct Event {
  std::string uid;   // stable from one feed to the next, so applications update the event
  std::string date;  // YYYY-MM-DD: an all-day event
  std::string summary;
  std::string description;  // may be empty
  std::string url;          // absolute; empty for none
};

// A TEXT value (section 3.3.11): backslash, semicolon and comma escaped, line breaks as "\n".
std::string escape_text(std::string_view text);

// One content line ending in CRLF, folded so no line exceeds 75 octets (section 3.1): each
// continuation starts with a space, and a UTF-8 character is never split.
std::string fold_line(std::string_view line);

// A VCALENDAR of all-day VEVENTs. `stamp` is a stored UTC timestamp ("2026-12-06T08:30:00.000Z"),
// written as every event's DTSTAMP.
std::string calendar(std::string_view name, const std::vector<Event>& events,
                     std::string_view stamp);

}  // namespace aims::ical
