#pragma once
// 练习关卡: a work type's practice levels in order; passing one opens the next.
#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include "core/platform/error.hpp"

namespace skb::core::exam {

struct PracticeLevel {
  std::int64_t id = 0;
  double pass_percent = 60;  // pass when the best score is ≥ this share (0–100] of the level's paper
};

// One work type's levels, first to last. Codes: no_levels, duplicate_level, pass_percent_out_of_range
// (row = position + 1).
std::vector<FieldProblem> validate_levels(const std::vector<PracticeLevel>& levels);

struct LevelProgress {
  std::int64_t level_id = 0;
  std::optional<double> best_percent;  // none: never attempted
  bool passed = false;
  bool unlocked = false;
};

// best_percent: the worker's best score per level id, as a percentage of that level's paper.
//  - passed: best ≥ the level's pass mark now in force;
//  - unlocked: the first level; a level after a passed level; or a level the worker already has a
//    score on — it was open when they played it, so raising an earlier pass mark later never locks
//    anyone out of a level they reached. Scores for ids not in `levels` are ignored.
std::vector<LevelProgress> level_progress(const std::vector<PracticeLevel>& levels,
                                          const std::map<std::int64_t, double>& best_percent);

// The level to offer next: the first unlocked level not yet passed; none when every level is passed.
std::optional<std::int64_t> next_level(const std::vector<LevelProgress>& progress);

}  // namespace skb::core::exam
