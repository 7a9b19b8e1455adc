#include "core/training/course.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

namespace skb::core {
namespace {

std::vector<std::string> fields(const std::vector<FieldProblem>& problems) {
  std::vector<std::string> out;
  for (const auto& p : problems) out.push_back(p.field + ":" + p.code);
  std::sort(out.begin(), out.end());
  return out;
}

TEST(SheetDate, ReadsTheWaysCompletionListsWriteDates) {
  EXPECT_EQ(parse_sheet_date("2026-11-05"), "2026-11-05");
  EXPECT_EQ(parse_sheet_date(" 2026/11/5 "), "2026-11-05");
  EXPECT_EQ(parse_sheet_date("2026.1.9"), "2026-01-09");
  EXPECT_EQ(parse_sheet_date("2026年11月5日"), "2026-11-05");
  EXPECT_EQ(parse_sheet_date("2024-02-29"), "2024-02-29");
  EXPECT_FALSE(parse_sheet_date("2025-02-29"));
  EXPECT_FALSE(parse_sheet_date("2026-13-01"));
  EXPECT_FALSE(parse_sheet_date("2026/11"));
  EXPECT_FALSE(parse_sheet_date("11/5/2026x"));
  EXPECT_FALSE(parse_sheet_date(""));
}

TEST(SheetDate, ExcelDayNumbersCountFrom1900WithItsPhantomLeapDay) {
  EXPECT_EQ(parse_sheet_date("25569"), "1970-01-01");
  EXPECT_EQ(parse_sheet_date("45658"), "2025-01-01");
  EXPECT_EQ(parse_sheet_date("61"), "1900-03-01");  // 60 is Excel's 1900-02-29, which never was
  EXPECT_FALSE(parse_sheet_date("60"));
  EXPECT_FALSE(parse_sheet_date("45658.5"));
  EXPECT_FALSE(parse_sheet_date("-3"));
  EXPECT_FALSE(parse_sheet_date("1e300"));
}

TEST(TrainingStatus, AcceptsTheWordsOfCompletionLists) {
  EXPECT_EQ(parse_training_status(""), TrainingStatus::completed);
  EXPECT_EQ(parse_training_status("合格"), TrainingStatus::completed);
  EXPECT_EQ(parse_training_status(" 结业 "), TrainingStatus::completed);
  EXPECT_EQ(parse_training_status("不合格"), TrainingStatus::failed);
  EXPECT_EQ(parse_training_status("enrolled"), TrainingStatus::enrolled);
  EXPECT_FALSE(parse_training_status("优秀"));
}

TEST(Course, NamesEveryBadField) {
  EXPECT_TRUE(validate_course({"电工提升班", "培训中心", "线下", "2026-11-01", "2026-11-03", 16}).empty());
  EXPECT_EQ(fields(validate_course({" ", "", "radio", "2026-11-05", "2026-11-01", 0})),
            (std::vector<std::string>{"ends_on:before_start", "hours:out_of_range", "mode:invalid_mode", "name:required", "provider:required"}));
  EXPECT_EQ(fields(validate_course({"x", "y", "online", "2026-02-30", "2026-03-01", 2001})),
            (std::vector<std::string>{"hours:out_of_range", "starts_on:invalid_date"}));
  EXPECT_FALSE(validate_course({"x", "y", "online", "2026-01-01", "2026-01-01", std::nan("")}).empty());
}

TEST(Completion, DefaultsHoursToTheCourseAndChecksTheRest) {
  ValidCompletion v;
  ASSERT_TRUE(validate_completion({"合格", "2026/11/5", "", "85.5"}, 16, "2026-11-01", "2026-12-07", v).empty());
  EXPECT_EQ(v.status, TrainingStatus::completed);
  EXPECT_EQ(v.completed_on, "2026-11-05");
  EXPECT_EQ(v.hours, 16);
  EXPECT_EQ(v.score, 85.5);

  ValidCompletion failed;
  ASSERT_TRUE(validate_completion({"不合格", "2026-11-05", "4", ""}, 16, "2026-11-01", "2026-12-07", failed).empty());
  EXPECT_EQ(failed.hours, 4);
  EXPECT_FALSE(failed.score);

  ValidCompletion enrolled;
  ASSERT_TRUE(validate_completion({"在训", "", "", ""}, 16, "2026-11-01", "2026-12-07", enrolled).empty());
  EXPECT_FALSE(enrolled.completed_on);
  EXPECT_FALSE(enrolled.hours);

  ValidCompletion unused;
  EXPECT_EQ(fields(validate_completion({"合格", "", "17", "100.5"}, 16, "2026-11-01", "2026-12-07", unused)),
            (std::vector<std::string>{"completed_on:required", "hours:out_of_range", "score:out_of_range"}));
  EXPECT_EQ(fields(validate_completion({"合格", "2026-10-31", "", ""}, 16, "2026-11-01", "2026-12-07", unused)),
            (std::vector<std::string>{"completed_on:before_course"}));
  EXPECT_EQ(fields(validate_completion({"合格", "2026-12-08", "nan", "inf"}, 16, "2026-11-01", "2026-12-07", unused)),
            (std::vector<std::string>{"completed_on:in_future", "hours:out_of_range", "score:out_of_range"}));
  EXPECT_EQ(fields(validate_completion({"优秀", "2026-02-30", "", ""}, 16, "2026-11-01", "2026-12-07", unused)),
            (std::vector<std::string>{"completed_on:invalid_date", "status:invalid_status"}));
  EXPECT_EQ(fields(validate_completion({"在训", "", "", "60"}, 16, "2026-11-01", "2026-12-07", unused)),
            (std::vector<std::string>{"score:not_finished"}));
}

}  // namespace
}  // namespace skb::core
