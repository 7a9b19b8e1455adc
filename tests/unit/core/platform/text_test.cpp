#include "core/platform/text.hpp"

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

TEST(Text, EscapesWhatCouldForgeALogLine) {
  EXPECT_EQ(escape_for_log("/api/v1/工种"), "/api/v1/工种");
  EXPECT_EQ(escape_for_log("/x\n127.0.0.1 GET /admin 200"), "/x\\x0a127.0.0.1 GET /admin 200");
  EXPECT_EQ(escape_for_log(std::string("/a\0b", 4)), "/a\\x00b");
  EXPECT_EQ(escape_for_log("\\\r\x1b[31m"), "\\x5c\\x0d\\x1b[31m");
  EXPECT_EQ(escape_for_log("\xE6\xB8"), "\\xe6\\xb8");  // a truncated sequence is escaped byte by byte
  EXPECT_EQ(escape_for_log("\xFF"), "\\xff");
}

TEST(Text, Utf8ExcerptCutsWholeCharactersAndSaysSo) {
  EXPECT_EQ(skb::core::utf8_excerpt("电工基础知识", 4), "电工基础…");
  EXPECT_EQ(skb::core::utf8_excerpt("电工基础", 4), "电工基础");
  EXPECT_EQ(skb::core::utf8_excerpt("ab电", 2), "ab…");
  EXPECT_EQ(skb::core::utf8_excerpt("", 3), "");
  // A broken sequence counts as one character and is never extended past the end.
  EXPECT_EQ(skb::core::utf8_excerpt(std::string("a\xE7\x94", 3), 1), "a…");
  EXPECT_EQ(skb::core::utf8_excerpt(std::string("\xE7\x94"), 5), std::string("\xE7\x94"));
}
