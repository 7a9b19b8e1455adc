#include "core/contest/competition.hpp"

#include <array>
#include <cmath>
#include <cstdio>
#include <string>
#include <utility>

namespace skb::core {
namespace {
template <class E, size_t N>
std::string_view code_of(const std::array<std::pair<E, std::string_view>, N>& table, E value) {
  for (const auto& [v, code] : table)
    if (v == value) return code;
  return table[0].second;
}
template <class E, size_t N>
std::optional<E> parse_code(const std::array<std::pair<E, std::string_view>, N>& table, std::string_view code) {
  for (const auto& [v, c] : table)
    if (c == code) return v;
  return std::nullopt;
}

constexpr std::array<std::pair<CompetitionLevel, std::string_view>, 5> kLevels{{
    {CompetitionLevel::enterprise, "enterprise"}, {CompetitionLevel::industry, "industry"}, {CompetitionLevel::city, "city"},
    {CompetitionLevel::province, "province"}, {CompetitionLevel::national, "national"}}};
constexpr std::array<std::pair<CompetitionStatus, std::string_view>, 5> kStatuses{{
    {CompetitionStatus::draft, "draft"}, {CompetitionStatus::registration, "registration"},
    {CompetitionStatus::running, "running"}, {CompetitionStatus::marking_closed, "marking_closed"},
    {CompetitionStatus::published, "published"}}};
constexpr std::array<std::pair<AspectKind, std::string_view>, 4> kAspectKinds{{
    {AspectKind::measurement, "measurement"}, {AspectKind::judgement, "judgement"}, {AspectKind::deduction, "deduction"},
    {AspectKind::time, "time"}}};
constexpr std::array<std::pair<ComponentKind, std::string_view>, 2> kComponentKinds{{
    {ComponentKind::theory, "theory"}, {ComponentKind::practical, "practical"}}};
constexpr std::array<std::pair<TotalMode, std::string_view>, 2> kModes{{{TotalMode::weighted, "weighted"}, {TotalMode::raw_sum, "raw_sum"}}};
constexpr std::array<std::pair<TieBreak, std::string_view>, 3> kTieBreaks{{
    {TieBreak::practical_higher, "practical_higher"}, {TieBreak::theory_higher, "theory_higher"}, {TieBreak::time_lower, "time_lower"}}};
std::string two_decimals(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}
}  // namespace

std::string_view to_code(CompetitionLevel v) { return code_of(kLevels, v); }
std::optional<CompetitionLevel> parse_competition_level(std::string_view c) { return parse_code(kLevels, c); }
std::string_view to_code(CompetitionStatus v) { return code_of(kStatuses, v); }
std::optional<CompetitionStatus> parse_competition_status(std::string_view c) { return parse_code(kStatuses, c); }
std::string_view to_code(AspectKind v) { return code_of(kAspectKinds, v); }
std::optional<AspectKind> parse_aspect_kind(std::string_view c) { return parse_code(kAspectKinds, c); }
std::string_view to_code(ComponentKind v) { return code_of(kComponentKinds, v); }
std::optional<ComponentKind> parse_component_kind(std::string_view c) { return parse_code(kComponentKinds, c); }
std::string_view to_code(TotalMode v) { return code_of(kModes, v); }
std::optional<TotalMode> parse_total_mode(std::string_view c) { return parse_code(kModes, c); }
std::string_view to_code(TieBreak v) { return code_of(kTieBreaks, v); }
std::optional<TieBreak> parse_tie_break(std::string_view c) { return parse_code(kTieBreaks, c); }

bool may_move(CompetitionStatus from, CompetitionStatus to) {
  const int f = static_cast<int>(from), t = static_cast<int>(to);
  return t == f + 1 || (from == CompetitionStatus::running && to == CompetitionStatus::registration);
}

std::vector<SchemeProblem> validate_scheme(TotalMode mode, const std::vector<SchemeComponent>& components, int min_judges) {
  std::vector<SchemeProblem> problems;
  if (components.empty()) problems.push_back({-1, -1, "scheme_empty", "至少需要一个考核项目 (at least one component)"});
  double weights = 0;
  for (size_t c = 0; c < components.size(); ++c) {
    const auto& comp = components[c];
    const int ci = static_cast<int>(c);
    if (!(comp.max_mark > 0)) problems.push_back({ci, -1, "max_not_positive", "满分应大于0 (max mark must be positive)"});
    if (comp.max_mark > kMaxMark)
      problems.push_back({ci, -1, "max_too_large", "满分不能超过1000 (a task is worth at most 1000 marks)"});
    if (comp.time_limit_seconds && !(*comp.time_limit_seconds > 0 && *comp.time_limit_seconds <= kMaxTaskSeconds))
      problems.push_back({ci, -1, "time_limit_out_of_range", "时限应在0–86400秒之间 (a time limit is 0–86,400 seconds)"});
    if (comp.weight < 0 || comp.weight > 1) problems.push_back({ci, -1, "weight_out_of_range", "权重应在0到1之间 (weight must be 0–1)"});
    weights += comp.weight;
    if (comp.aspects.empty()) problems.push_back({ci, -1, "no_aspects", "至少需要一个评分细项 (at least one aspect)"});
    double sum = 0;
    int times = 0;
    for (size_t a = 0; a < comp.aspects.size(); ++a) {
      const auto& asp = comp.aspects[a];
      if (asp.kind == AspectKind::time) {
        // A time worth 0 marks is recorded for the tie-break only.
        if (asp.max_mark < 0) problems.push_back({ci, static_cast<int>(a), "aspect_max_not_positive", "计时分值不能为负 (a time's marks cannot be negative)"});
        if (asp.max_mark > 0 && !(comp.time_limit_seconds && *comp.time_limit_seconds > 0))
          problems.push_back({ci, static_cast<int>(a), "time_needs_limit", "按用时评分需设置时限 (time-based scoring needs the task's time limit)"});
        if (++times == 2) problems.push_back({ci, static_cast<int>(a), "too_many_times", "每个项目最多一个计时细项 (one time per task)"});
        sum += asp.max_mark;
        continue;
      }
      if (!(asp.max_mark > 0)) problems.push_back({ci, static_cast<int>(a), "aspect_max_not_positive", "细项分值应大于0 (aspect max must be positive)"});
      if (asp.max_mark > kMaxMark)
        problems.push_back({ci, static_cast<int>(a), "aspect_max_too_large", "细项分值不能超过1000 (an aspect is worth at most 1000 marks)"});
      if (asp.kind == AspectKind::measurement && asp.bands.empty() && asp.step > 0 &&
          (asp.step < kMinStep || asp.step > asp.max_mark))
        problems.push_back({ci, static_cast<int>(a), "step_out_of_range",
                            "评分步长应在0.01与细项分值之间 (the step is 0.01 up to the aspect's max)"});
      for (const auto& band : asp.bands)
        if (!(std::abs(band.from) <= kMaxMeasuredValue && std::abs(band.to) <= kMaxMeasuredValue && band.from < band.to &&
              band.marks >= 0 && band.marks <= asp.max_mark)) {
          problems.push_back({ci, static_cast<int>(a), "band_out_of_range",
                              "评分表的区间应满足 起 < 止（绝对值不超过100万），分值在0与细项分值之间 (each band needs from < to "
                              "within ±1,000,000 and marks from 0 to the aspect's max)"});
          break;
        }
      if (asp.kind == AspectKind::measurement && asp.bands.empty() && !(asp.step > 0))
        problems.push_back({ci, static_cast<int>(a), "step_not_positive", "评分步长应大于0 (step must be positive)"});
      if (asp.kind == AspectKind::judgement && min_judges < kMinJudgementPanel)
        problems.push_back({ci, static_cast<int>(a), "panel_too_small",
                            "评价分细项至少需要3名裁判评分，本赛项每项只设 " + std::to_string(min_judges) +
                                " 名 (judgement aspects need panels of at least 3 judges)"});
      if (asp.kind != AspectKind::deduction) sum += asp.max_mark;
    }
    if (!comp.aspects.empty() && std::fabs(sum - comp.max_mark) > 1e-6)
      problems.push_back({ci, -1, "aspect_sum_mismatch", "细项分值之和(" + two_decimals(sum) + ")应等于满分(" + two_decimals(comp.max_mark) +
                                      ") (aspect maxima must add up to the component's max)"});
  }
  if (mode == TotalMode::weighted && !components.empty() && std::fabs(weights - 1) > 1e-6)
    problems.push_back({-1, -1, "weights_not_one", "各项权重之和应为1 (weights must add up to 1)"});
  return problems;
}

}  // namespace skb::core
