#include "core/exams/practice_levels.hpp"

#include <set>

namespace skb::core::exam {

std::vector<FieldProblem> validate_levels(const std::vector<PracticeLevel>& levels) {
  std::vector<FieldProblem> problems;
  if (levels.empty()) problems.push_back({0, "levels", "no_levels", "至少需要一个关卡 (at least one level)"});
  std::set<std::int64_t> ids;
  for (size_t i = 0; i < levels.size(); ++i) {
    const int row = static_cast<int>(i) + 1;
    if (!ids.insert(levels[i].id).second) problems.push_back({row, "id", "duplicate_level", "关卡重复 (level listed twice)"});
    if (!(levels[i].pass_percent > 0 && levels[i].pass_percent <= 100))
      problems.push_back({row, "pass_percent", "pass_percent_out_of_range", "过关分数应在0到100之间 (pass mark within (0, 100])"});
  }
  return problems;
}

std::vector<LevelProgress> level_progress(const std::vector<PracticeLevel>& levels,
                                          const std::map<std::int64_t, double>& best_percent) {
  std::vector<LevelProgress> progress;
  progress.reserve(levels.size());
  bool previous_passed = true;  // the first level is always open
  for (const PracticeLevel& level : levels) {
    LevelProgress p;
    p.level_id = level.id;
    if (auto it = best_percent.find(level.id); it != best_percent.end()) p.best_percent = it->second;
    // Compared with a little slack: 59.999999 computed from 3 × 20 marks is 60.
    p.passed = p.best_percent && *p.best_percent >= level.pass_percent - 1e-9;
    p.unlocked = previous_passed || p.best_percent.has_value();
    previous_passed = p.passed;
    progress.push_back(p);
  }
  return progress;
}

std::optional<std::int64_t> next_level(const std::vector<LevelProgress>& progress) {
  for (const LevelProgress& p : progress)
    if (p.unlocked && !p.passed) return p.level_id;
  return std::nullopt;
}

}  // namespace skb::core::exam
