// iCalendar text against RFC 5545's rules: CRLF line endings, folding at 75 octets without
// splitting a UTF-8 character, TEXT escaping, all-day dates and the DTSTAMP form.
#include "base/ical.h"

#include <gtest/gtest.h>

#include "base/text.h"

namespace aims::ical {
namespace {

// The content lines of a calendar, unfolded (section 3.1: a CRLF followed by one space is
// removed), after checking each physical line ends in CRLF and is at most 75 octets.
std::vector<std::string> unfolded_lines(const std::string& text) {
  std::vector<std::string> lines;
  size_t at = 0;
  while (at < text.size()) {
    const size_t end = text.find("\r\n", at);
    EXPECT_NE(end, std::string::npos) << "a line without CRLF at octet " << at;
    if (end == std::string::npos) break;
    const std::string line = text.substr(at, end - at);
    EXPECT_LE(line.size(), 75u) << line;
    EXPECT_EQ(line.find('\n'), std::string::npos) << "a bare LF in " << line;
    EXPECT_TRUE(is_valid_utf8(line)) << "a character split across lines: " << line;
    if (line.starts_with(" ")) {
      EXPECT_FALSE(lines.empty());
      lines.back() += line.substr(1);
    } else {
      lines.push_back(line);
    }
    at = end + 2;
  }
  return lines;
}

TEST(ICalTest, EscapesTextSpecials) {
  EXPECT_EQ(escape_text("a,b;c\\d"), "a\\,b\\;c\\\\d");
  EXPECT_EQ(escape_text("one\ntwo\r\nthree"), "one\\ntwo\\nthree");
  EXPECT_EQ(escape_text(std::string("bell\x07") + "tab\t"), "belltab");  // controls dropped
  EXPECT_EQ(escape_text("Überprüfung"), "Überprüfung");
}

TEST(ICalTest, ShortLinesAreNotFolded) {
  EXPECT_EQ(fold_line("SUMMARY:short"), "SUMMARY:short\r\n");
  const std::string exactly75(75, 'x');
  EXPECT_EQ(fold_line(exactly75), exactly75 + "\r\n");
}

TEST(ICalTest, FoldsAt75OctetsWithALeadingSpace) {
  // 76 octets: 75 on the first line, then a space and the last one (2 octets).
  const std::string line(76, 'a');
  EXPECT_EQ(fold_line(line), std::string(75, 'a') + "\r\n a\r\n");
  // 75 + 74 + 1: each continuation holds 74 octets after its space.
  const std::string longer(150, 'b');
  EXPECT_EQ(fold_line(longer),
            std::string(75, 'b') + "\r\n " + std::string(74, 'b') + "\r\n b\r\n");
}

TEST(ICalTest, FoldingNeverSplitsAUtf8Character) {
  // 74 ASCII octets then "é" (2 octets): the 75-octet cut would fall inside it, so the first
  // line ends after 74 octets and "é" starts the continuation.
  const std::string line = std::string(74, 'c') + "é" + "d";
  EXPECT_EQ(fold_line(line), std::string(74, 'c') + "\r\n éd\r\n");
  for (int n = 0; n < 80; ++n) {  // every offset of a 3-octet character against the boundary
    const std::string text = "SUMMARY:" + std::string(n, 'x') + "€€€€€€€€€€€€€€€€€€€€€€€€€€€€€";
    const auto lines = unfolded_lines(fold_line(text));
    ASSERT_EQ(lines.size(), 1u);
    EXPECT_EQ(lines[0], text);
  }
}

TEST(ICalTest, CalendarHasTheRequiredPropertiesAndAllDayEvents) {
  const std::string text =
      calendar("aims: Ann",
               {{"supplier-7-next_review@aims", "2026-12-09", "Next review: Acme, Inc; EU",
                 "line one\nline two", "https://aims.example.org/inventory/suppliers/7"}},
               "2026-12-06T08:30:05.123456Z");
  const auto lines = unfolded_lines(text);
  const std::vector<std::string> expected = {"BEGIN:VCALENDAR",
                                             "VERSION:2.0",
                                             "PRODID:-//aims//My work//EN",
                                             "CALSCALE:GREGORIAN",
                                             "METHOD:PUBLISH",
                                             "X-WR-CALNAME:aims: Ann",
                                             "BEGIN:VEVENT",
                                             "UID:supplier-7-next_review@aims",
                                             "DTSTAMP:20261206T083005Z",
                                             "DTSTART;VALUE=DATE:20261209",
                                             "SUMMARY:Next review: Acme\\, Inc\\; EU",
                                             "DESCRIPTION:line one\\nline two",
                                             "URL:https://aims.example.org/inventory/suppliers/7",
                                             "TRANSP:TRANSPARENT",
                                             "END:VEVENT",
                                             "END:VCALENDAR"};
  EXPECT_EQ(lines, expected);
}

TEST(ICalTest, LongSummariesFoldAndUnfoldBackExactly) {
  const std::string summary(200, 's');
  const std::string text =
      calendar("x", {{"u@aims", "2026-01-01", summary, "", ""}}, "2026-01-01T00:00:00.000000Z");
  const auto lines = unfolded_lines(text);
  EXPECT_NE(std::find(lines.begin(), lines.end(), "SUMMARY:" + summary), lines.end());
  EXPECT_EQ(text.find("URL:"), std::string::npos);  // no URL property without a URL
}

TEST(ICalTest, ValuesThatCannotBeEscapedLoseTheirLineBreaks) {
  const std::string text =
      calendar("x", {{"u\r\nX-EVIL:1@aims", "2026-01-01", "s", "", "https://h/\r\nX:1"}},
               "2026-01-01T00:00:00.000000Z");
  EXPECT_EQ(text.find("\r\nX-EVIL"), std::string::npos);
  EXPECT_EQ(text.find("\r\nX:1"), std::string::npos);
}

}  // namespace
}  // namespace aims::ical
