#include "core/text.hpp"

#include <gtest/gtest.h>

using namespace skb::core;

TEST(Text, TrimsAsciiAndFullWidthSpaces) { EXPECT_EQ(trim("\xE3\x80\x80 焊工 \t"), "焊工"); }

TEST(Text, SplitsOnChineseAndAsciiSeparators) {
  auto parts = split_list("电工、焊工，钳工; 车工,,");
  ASSERT_EQ(parts.size(), 4u);
  EXPECT_EQ(parts[0], "电工");
  EXPECT_EQ(parts[3], "车工");
}

TEST(Text, CountsCodePointsAndChecksUtf8) {
  EXPECT_EQ(utf8_length("温州ab"), 4u);
  EXPECT_TRUE(is_valid_utf8("温州"));
  EXPECT_FALSE(is_valid_utf8("\xE6\xB8"));     // truncated
  EXPECT_FALSE(is_valid_utf8("\xFF"));
}
