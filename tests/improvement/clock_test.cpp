// The Art. 73 reporting clock for each kind of serious incident, and the report that stops it.
// Every expected instant and span is worked out by hand from the awareness instant below.
#include "improvement/clock.h"

#include <gtest/gtest.h>

namespace aims::improvement {
namespace {

constexpr const char* kAware = "2026-03-01T10:00:00Z";
constexpr int64_t kDay = 86400;

ReportingClock clock_at(const char* kind, const char* now,
                        std::optional<std::string_view> sent = std::nullopt) {
  auto clock = reporting_clock(kind, kAware, sent, now);
  EXPECT_TRUE(clock.ok()) << (clock.ok() ? "" : clock.error().message);
  return clock.ok() ? *clock : ReportingClock{};
}

TEST(ReportingClock, GeneralIsFifteenDaysFromAwareness) {
  // 1 March 10:00 + 15 days = 16 March 10:00; on 10 March 10:00 six days are left.
  const auto c = clock_at("general", "2026-03-10T10:00:00Z");
  EXPECT_EQ(c.deadline, "2026-03-16T10:00:00.000000Z");
  EXPECT_EQ(c.seconds_left, 6 * kDay);
  EXPECT_EQ(c.state, ClockState::running);
}

TEST(ReportingClock, DeathIsTenDaysAndRedWithADayLeft) {
  // 1 March 10:00 + 10 days = 11 March 10:00; on 10 March 10:00 exactly one day is left.
  const auto c = clock_at("death", "2026-03-10T10:00:00Z");
  EXPECT_EQ(c.deadline, "2026-03-11T10:00:00.000000Z");
  EXPECT_EQ(c.seconds_left, kDay);
  EXPECT_EQ(c.state, ClockState::due_within_day);
  // One second more than a day left is still running.
  EXPECT_EQ(clock_at("death", "2026-03-10T09:59:59Z").state, ClockState::running);
}

TEST(ReportingClock, CriticalIsTwoDaysAndOverdueAfter) {
  // 1 March 10:00 + 2 days = 3 March 10:00; on 10 March 10:00 it is seven days overdue.
  const auto c = clock_at("critical", "2026-03-10T10:00:00Z");
  EXPECT_EQ(c.deadline, "2026-03-03T10:00:00.000000Z");
  EXPECT_EQ(c.seconds_left, -7 * kDay);
  EXPECT_EQ(c.state, ClockState::overdue);
  EXPECT_EQ(span_text(c.seconds_left), "7 days");
}

TEST(ReportingClock, TheReportStopsItOnTime) {
  // Sent 12 March 09:30, deadline 16 March 10:00: 4 days and 30 minutes to spare, whatever now is.
  const auto c = clock_at("general", "2026-04-30T00:00:00Z", "2026-03-12T09:30:00Z");
  EXPECT_EQ(c.state, ClockState::stopped);
  EXPECT_EQ(c.seconds_left, 4 * kDay + 30 * 60);
  EXPECT_FALSE(c.late);
  EXPECT_EQ(span_text(c.seconds_left), "4 days");
}

TEST(ReportingClock, AReportAfterTheDeadlineStopsItLate) {
  // Critical: deadline 3 March 10:00, sent 4 March 10:00, a day late.
  const auto c = clock_at("critical", "2026-03-10T10:00:00Z", "2026-03-04T10:00:00Z");
  EXPECT_EQ(c.state, ClockState::stopped);
  EXPECT_EQ(c.seconds_left, -kDay);
  EXPECT_TRUE(c.late);
}

TEST(ReportingClock, RefusesAnUnknownKindOrInstant) {
  auto kind = reporting_clock("minor", kAware, std::nullopt, "2026-03-02T00:00:00Z");
  ASSERT_FALSE(kind.ok());
  EXPECT_EQ(kind.error().field, "serious_kind");
  auto aware = reporting_clock("general", "yesterday", std::nullopt, "2026-03-02T00:00:00Z");
  ASSERT_FALSE(aware.ok());
  EXPECT_EQ(aware.error().field, "became_aware_at");
}

TEST(ReportingClock, SpansReadAsPeopleSayThem) {
  EXPECT_EQ(span_text(2 * kDay + 4 * 3600 + 59), "2 days 4 hours");
  EXPECT_EQ(span_text(kDay), "1 day");
  EXPECT_EQ(span_text(5 * 3600 + 120), "5 hours");
  EXPECT_EQ(span_text(-40 * 60), "40 minutes");
}

}  // namespace
}  // namespace aims::improvement
