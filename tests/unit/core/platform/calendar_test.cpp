#include "core/platform/calendar.hpp"

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

TEST(Calendar, Rfc3339SecondsHonourOffsetsAndRejectTheRest) {
  EXPECT_EQ(parse_rfc3339_seconds("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(parse_rfc3339_seconds("2026-11-25T08:00:00Z"), 1795593600);
  EXPECT_EQ(parse_rfc3339_seconds("2026-11-25T16:00:00+08:00"), 1795593600);
  EXPECT_EQ(parse_rfc3339_seconds("2026-11-25T08:00:00.123Z"), 1795593600);
  EXPECT_EQ(parse_rfc3339_seconds("2024-02-29T23:59:59Z"), 1709251199);
  EXPECT_FALSE(parse_rfc3339_seconds("2026-11-25 08:00"));
  EXPECT_FALSE(parse_rfc3339_seconds("2025-02-29T00:00:00Z"));
  EXPECT_FALSE(parse_rfc3339_seconds("2026-11-25T24:00:00Z"));
  EXPECT_FALSE(parse_rfc3339_seconds("2026-11-25T08:00:00"));
  EXPECT_FALSE(parse_rfc3339_seconds("2026-11-25T08:00:00+8:00"));
}
