#pragma once
// 培训: a course as organisers and enterprises describe it, and a worker's completion of it as a form or
// a provider's completion list (结业名单) gives it. The checks every input path shares; no I/O.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/platform/error.hpp"

namespace skb::core {

enum class CourseMode { online, offline };
std::string_view to_code(CourseMode m);
std::optional<CourseMode> parse_course_mode(std::string_view text);  // online/offline/线上/线下

struct CourseFields {
  std::string name, provider, mode, starts_on, ends_on;
  double hours = 0;
};

// Every problem with a course's fields (name and provider up to 200 characters, 0 < hours ≤ 2,000,
// real dates with ends_on not before starts_on).
std::vector<FieldProblem> validate_course(const CourseFields& in);

enum class TrainingStatus { enrolled, completed, failed };
std::string_view to_code(TrainingStatus s);
// completed/failed/enrolled and the words completion lists use (合格, 结业, 不合格, 未通过 …); empty: completed.
std::optional<TrainingStatus> parse_training_status(std::string_view text);

// A date as a completion list carries it: 2026-11-05, 2026/11/5, 2026.11.5, 2026年11月5日, or an Excel
// serial day number (46000) when the sheet lost the cell's date format. Returns YYYY-MM-DD.
std::optional<std::string> parse_sheet_date(std::string_view text);

// A completion as typed: text fields from a form or a sheet's cells.
struct CompletionFields {
  std::string status, completed_on, hours, score;
};

struct ValidCompletion {
  TrainingStatus status = TrainingStatus::completed;
  std::optional<std::string> completed_on;  // none while enrolled
  std::optional<double> hours;              // hours credited, 0 … the course's hours
  std::optional<double> score;              // 结业成绩 0–100, when the course assessed
};

// Every problem (row 0); `out` filled when none. A completion or fail needs a date between the course's
// start and `today`; hours default to the course's hours when completed and blank.
std::vector<FieldProblem> validate_completion(const CompletionFields& in, double course_hours, std::string_view course_starts_on,
                                              std::string_view today, ValidCompletion& out);

}  // namespace skb::core
