#include "core/training/course.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>

#include "core/platform/calendar.hpp"
#include "core/platform/text.hpp"

namespace skb::core {
namespace {

constexpr double kMaxCourseHours = 2000;

std::optional<double> parse_number(std::string_view text) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  double v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::optional<int> parse_int(std::string_view text) {
  int v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return v;
}

std::string ymd(int y, int m, int d) {
  char buf[48];  // room for any int, so the compiler can see nothing is cut
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

// The civil date `days` after 1970-01-01 (Howard Hinnant's days_from_civil, inverted).
std::string civil_from_days(long long z) {
  z += 719468;
  const long long era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long long y = static_cast<long long>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return ymd(static_cast<int>(y + (m <= 2)), static_cast<int>(m), static_cast<int>(d));
}

// Splits "2026/11/5", "2026.11.5" or "2026年11月5日" into year, month, day.
std::optional<std::array<int, 3>> split_date(std::string_view t) {
  std::array<int, 3> parts{};
  size_t part = 0, start = 0;
  auto take = [&](size_t end) {
    if (part >= 3) return false;
    auto v = parse_int(t.substr(start, end - start));
    if (!v) return false;
    parts[part++] = *v;
    return true;
  };
  for (size_t i = 0; i < t.size();) {
    const auto rest = t.substr(i);
    size_t sep = 0;
    if (t[i] == '-' || t[i] == '/' || t[i] == '.') sep = 1;
    for (std::string_view cjk : {"年", "月", "日"})
      if (rest.substr(0, cjk.size()) == cjk) sep = cjk.size();
    if (sep == 0) {
      ++i;
      continue;
    }
    if (!take(i)) return std::nullopt;
    i += sep;
    start = i;
  }
  if (start < t.size() && !take(t.size())) return std::nullopt;
  if (part != 3) return std::nullopt;
  return parts;
}

}  // namespace

std::string_view to_code(CourseMode m) { return m == CourseMode::online ? "online" : "offline"; }

std::optional<CourseMode> parse_course_mode(std::string_view text) {
  text = trim(text);
  if (text == "online" || text == "线上" || text == "在线") return CourseMode::online;
  if (text == "offline" || text == "线下" || text == "面授") return CourseMode::offline;
  return std::nullopt;
}

std::vector<FieldProblem> validate_course(const CourseFields& in) {
  std::vector<FieldProblem> p;
  const auto name = trim(in.name), provider = trim(in.provider);
  if (name.empty()) p.push_back({0, "name", "required", "课程名称不能为空"});
  else if (utf8_length(name) > 200 || !is_valid_utf8(name)) p.push_back({0, "name", "too_long", "课程名称最多200字"});
  if (provider.empty()) p.push_back({0, "provider", "required", "培训机构不能为空"});
  else if (utf8_length(provider) > 200 || !is_valid_utf8(provider)) p.push_back({0, "provider", "too_long", "培训机构最多200字"});
  if (!parse_course_mode(in.mode)) p.push_back({0, "mode", "invalid_mode", "培训形式应为线上或线下"});
  if (!(std::isfinite(in.hours) && in.hours > 0 && in.hours <= kMaxCourseHours))
    p.push_back({0, "hours", "out_of_range", "学时应大于0且不超过2000"});
  const bool starts_ok = is_calendar_date(in.starts_on), ends_ok = is_calendar_date(in.ends_on);
  if (!starts_ok) p.push_back({0, "starts_on", "invalid_date", "开始日期无效"});
  if (!ends_ok) p.push_back({0, "ends_on", "invalid_date", "结束日期无效"});
  if (starts_ok && ends_ok && in.ends_on < in.starts_on) p.push_back({0, "ends_on", "before_start", "结束日期早于开始日期"});
  return p;
}

std::string_view to_code(TrainingStatus s) {
  switch (s) {
    case TrainingStatus::enrolled: return "enrolled";
    case TrainingStatus::completed: return "completed";
    case TrainingStatus::failed: return "failed";
  }
  return "enrolled";
}

std::optional<TrainingStatus> parse_training_status(std::string_view text) {
  text = trim(text);
  for (std::string_view w : {"", "completed", "合格", "结业", "已结业", "通过", "完成", "已完成"})
    if (text == w) return TrainingStatus::completed;
  for (std::string_view w : {"failed", "不合格", "未通过", "未结业"})
    if (text == w) return TrainingStatus::failed;
  for (std::string_view w : {"enrolled", "在训", "已报名"})
    if (text == w) return TrainingStatus::enrolled;
  return std::nullopt;
}

std::optional<std::string> parse_sheet_date(std::string_view text) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  if (auto serial = parse_number(text)) {
    // Excel's day numbers count from 1900-01-01 as 1 and include the non-existent 1900-02-29 (60).
    if (*serial < 61 || *serial > 401768 || *serial != std::floor(*serial)) return std::nullopt;
    return civil_from_days(static_cast<long long>(*serial) - 25569);
  }
  const auto parts = split_date(text);
  if (!parts) return std::nullopt;
  auto date = ymd((*parts)[0], (*parts)[1], (*parts)[2]);
  if (!is_calendar_date(date)) return std::nullopt;
  return date;
}

std::vector<FieldProblem> validate_completion(const CompletionFields& in, double course_hours, std::string_view course_starts_on,
                                              std::string_view today, ValidCompletion& out) {
  std::vector<FieldProblem> p;
  ValidCompletion v;
  const auto status = parse_training_status(in.status);
  if (!status) p.push_back({0, "status", "invalid_status", "结果应为合格、不合格或在训"});
  else v.status = *status;
  const bool done = status && *status != TrainingStatus::enrolled;

  // A date is checked whenever one is given, so a row with a bad status still shows every problem.
  if (done || !trim(in.completed_on).empty()) {
    if (trim(in.completed_on).empty()) {
      p.push_back({0, "completed_on", "required", "结业日期不能为空"});
    } else if (auto date = parse_sheet_date(in.completed_on); !date) {
      p.push_back({0, "completed_on", "invalid_date", "结业日期无效"});
    } else if (*date < course_starts_on) {
      p.push_back({0, "completed_on", "before_course", "结业日期早于开课日期"});
    } else if (*date > today) {
      p.push_back({0, "completed_on", "in_future", "结业日期晚于今天"});
    } else if (done) {
      v.completed_on = *date;
    }
  }
  if (!trim(in.hours).empty()) {
    auto hours = parse_number(in.hours);
    if (!hours || *hours < 0 || *hours > course_hours) p.push_back({0, "hours", "out_of_range", "学时应在0到课程学时之间"});
    else v.hours = *hours;
  } else if (status == TrainingStatus::completed) {
    v.hours = course_hours;
  }
  if (!trim(in.score).empty()) {
    auto score = parse_number(in.score);
    if (!score || *score < 0 || *score > 100) p.push_back({0, "score", "out_of_range", "成绩应在0到100之间"});
    else if (status == TrainingStatus::enrolled) p.push_back({0, "score", "not_finished", "在训学员不能登记成绩"});
    else v.score = *score;
  }
  if (p.empty()) out = v;
  return p;
}

}  // namespace skb::core
