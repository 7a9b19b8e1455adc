#include "core/platform/csv.hpp"

#include <gtest/gtest.h>

using namespace skb::core;

TEST(Csv, ParsesQuotedFieldsWithCommasQuotesAndNewlines) {
  auto rows = parse_csv("\xEF\xBB\xBF姓名,备注\r\n张三,\"a, \"\"b\"\"\nc\"\r\n李四,\n");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0][0], "姓名");
  EXPECT_EQ(rows[1][1], "a, \"b\"\nc");
  ASSERT_EQ(rows[2].size(), 2u);
  EXPECT_EQ(rows[2][1], "");
}

TEST(Csv, SkipsBlankLinesAndHandlesNoTrailingNewline) {
  auto rows = parse_csv("a,b\n\nc,d");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1][1], "d");
}

TEST(Csv, EscapesOnlyWhenNeeded) {
  EXPECT_EQ(csv_escape("plain"), "plain");
  EXPECT_EQ(csv_escape("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_escape("say \"hi\""), "\"say \"\"hi\"\"\"");
  auto back = parse_csv(csv_escape("x,\"y\"\nz") + "\n");
  EXPECT_EQ(back.at(0).at(0), "x,\"y\"\nz");
}

TEST(Csv, ExportCellsNeverRunAsFormulas) {
  EXPECT_EQ(csv_export_cell("=HYPERLINK(\"http://x\",\"点击\")"), "\"'=HYPERLINK(\"\"http://x\"\",\"\"点击\"\")\"");
  EXPECT_EQ(csv_export_cell("+86 138"), "'+86 138");
  EXPECT_EQ(csv_export_cell("-2+3"), "'-2+3");
  EXPECT_EQ(csv_export_cell("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(csv_export_cell("\tcmd"), "'\tcmd");
  EXPECT_EQ(csv_export_cell("张三"), "张三");
  EXPECT_EQ(csv_export_cell("a=b"), "a=b");
  EXPECT_EQ(csv_export_cell(""), "");
}
