// Retention periods end on the same day of the month, or on the month's last day when it has no
// such day; worked out by hand from the calendar.
#include <gtest/gtest.h>

#include "retention/retention.h"

namespace aims::retention {
namespace {

TEST(AddMonthsTest, KeepsTheDayOrTakesTheMonthsLast) {
  EXPECT_EQ(add_months("2026-03-15", 6), "2026-09-15");
  EXPECT_EQ(add_months("2026-11-30", 3), "2027-02-28");
  EXPECT_EQ(add_months("2024-02-29", 12), "2025-02-28");
  EXPECT_EQ(add_months("2024-02-29", 48), "2028-02-29");
  EXPECT_EQ(add_months("2016-08-02", 120), "2026-08-02");  // Art. 18's ten years
  EXPECT_EQ(add_months("2026-01-31", 1), "2026-02-28");
}

}  // namespace
}  // namespace aims::retention
