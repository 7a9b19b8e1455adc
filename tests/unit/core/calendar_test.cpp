#include "core/calendar.hpp"

#include <gtest/gtest.h>

using namespace skb::core;

TEST(Calendar, AcceptsRealDatesOnly) {
  EXPECT_TRUE(is_calendar_date("2024-02-29"));
  EXPECT_TRUE(is_calendar_date("2026-11-24"));
  EXPECT_FALSE(is_calendar_date("2025-02-29"));
  EXPECT_FALSE(is_calendar_date("2025-02-31"));
  EXPECT_FALSE(is_calendar_date("2026-04-31"));
  EXPECT_FALSE(is_calendar_date("2026-13-01"));
  EXPECT_FALSE(is_calendar_date("2026-1-01"));
  EXPECT_FALSE(is_calendar_date("2026/11/24"));
  EXPECT_FALSE(is_calendar_date("20a6-11-24"));
}

TEST(Calendar, LeapYearsFollowTheGregorianRules) {
  EXPECT_EQ(days_in_month(2000, 2), 29);
  EXPECT_EQ(days_in_month(1900, 2), 28);
  EXPECT_EQ(days_in_month(2024, 2), 29);
  EXPECT_EQ(days_in_month(2026, 12), 31);
}
