#include "base/ical.h"

namespace aims::ical {
namespace {

constexpr size_t kMaxOctets = 75;

bool is_continuation_byte(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// Values that are not TEXT (a URI, a UID) cannot be escaped; control characters are dropped so
// they can never end the line early.
std::string without_controls(std::string_view value) {
  std::string out;
  for (char c : value) {
    if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7F) out.push_back(c);
  }
  return out;
}

// "2026-12-06T08:30:00.000123Z" -> "20261206T083000Z" (the form DTSTAMP takes).
std::string utc_date_time(std::string_view stamp) {
  std::string out;
  for (char c : stamp.substr(0, 19)) {
    if (c != '-' && c != ':') out.push_back(c);
  }
  return out + "Z";
}

std::string basic_date(std::string_view date) {
  std::string out;
  for (char c : date) {
    if (c != '-') out.push_back(c);
  }
  return out;
}

}  // namespace

std::string escape_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\\' || c == ';' || c == ',') {
      out.push_back('\\');
      out.push_back(c);
    } else if (c == '\r') {
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
      out += "\\n";
    } else if (c == '\n') {
      out += "\\n";
    } else if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7F) {
      out.push_back(c);
    }  // other control characters are not allowed in TEXT
  }
  return out;
}

std::string fold_line(std::string_view line) {
  std::string out;
  size_t limit = kMaxOctets;  // continuation lines start with a space, which counts
  while (line.size() > limit) {
    size_t cut = limit;
    while (cut > 0 && is_continuation_byte(line[cut]))
      --cut;
    out.append(line.substr(0, cut));
    out += "\r\n ";
    line.remove_prefix(cut);
    limit = kMaxOctets - 1;
  }
  out.append(line);
  out += "\r\n";
  return out;
}

std::string calendar(std::string_view name, const std::vector<Event>& events,
                     std::string_view stamp) {
  std::string out =
      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//aims//My work//EN\r\n"
      "CALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n";
  out += fold_line("X-WR-CALNAME:" + escape_text(name));
  const std::string dtstamp = utc_date_time(stamp);
  for (const auto& e : events) {
    out += "BEGIN:VEVENT\r\n";
    out += fold_line("UID:" + without_controls(e.uid));
    out += "DTSTAMP:" + dtstamp + "\r\n";
    out += "DTSTART;VALUE=DATE:" + basic_date(e.date) + "\r\n";
    out += fold_line("SUMMARY:" + escape_text(e.summary));
    if (!e.description.empty()) out += fold_line("DESCRIPTION:" + escape_text(e.description));
    if (!e.url.empty()) out += fold_line("URL:" + without_controls(e.url));
    out += "TRANSP:TRANSPARENT\r\nEND:VEVENT\r\n";
  }
  out += "END:VCALENDAR\r\n";
  return out;
}

}  // namespace aims::ical
