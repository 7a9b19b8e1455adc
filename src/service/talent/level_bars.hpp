#pragma once
// 晋级门槛 and readiness: organisers set, per work type and skill level, the portrait score a worker must
// reach overall and on each dimension; a portrait then says, for the worker's next level, where they
// already meet the bar, where they fall short, and where the band does not yet tell.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/people/skill_level.hpp"
#include "service/people/actor.hpp"
#include "service/platform/context.hpp"

namespace skb::service {

struct LevelBar {
  std::optional<std::int64_t> dimension_id;  // none: the overall score
  double bar = 0;                            // 0–100
};

struct LevelBars {
  std::int64_t work_type_id = 0;
  core::SkillLevel level = core::SkillLevel::junior;
  std::vector<LevelBar> bars;
};

// met: the band's lower end reaches the bar; short: its upper end stays below; open: the band spans it;
// no_evidence: nothing to judge by.
struct ReadinessItem {
  std::optional<std::int64_t> dimension_id;
  double bar = 0;
  std::string status;
};

struct Readiness {
  core::SkillLevel level = core::SkillLevel::junior;  // the level above the worker's
  std::vector<ReadinessItem> items;                   // overall first, then dimensions in order
};

class LevelBarService {
 public:
  explicit LevelBarService(const Context& ctx) : ctx_(ctx) {}
  // Every level's bars of a work type, lowest level first.
  std::vector<LevelBars> list(const Actor& actor, std::int64_t work_type_id) const;
  // Replaces one level's bars (an empty list removes them).
  LevelBars set(const Actor& actor, std::int64_t work_type_id, const std::string& level, const std::vector<LevelBar>& bars);

 private:
  const Context& ctx_;
};

// The level above `current` on the ladder; none at the top.
std::optional<core::SkillLevel> next_level(core::SkillLevel current);

}  // namespace skb::service
