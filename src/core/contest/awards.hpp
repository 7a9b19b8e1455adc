#pragma once
// 奖项: prize tiers of an event, computed in one place that every page, export and API uses. Tiers are
// declared in order (一等奖, 二等奖, 三等奖 …), each by a count of places or a share of the ranked
// entrants. A tier covers ranks up to its cumulative capacity, so entrants sharing a rank share a tier.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/contest/ranking.hpp"
#include "core/people/skill_level.hpp"

namespace skb::core {

struct AwardTier {
  std::string name;                     // 一等奖
  std::optional<int> count;             // places in this tier
  std::optional<double> percent;        // or a share of the ranked entrants (rounded up)
  std::string honour;                   // 技术能手, 金蓝领 … (may be empty)
  std::optional<SkillLevel> promote_to; // proposed skill level for the tier's winners
};

struct Award {
  std::int64_t entry_id = 0;
  int tier = -1;  // index into the tiers, -1 = none
};

// `eligible(entry_id)` lets the caller exclude incomplete results; disqualified entrants (rank 0) never win.
std::vector<Award> assign_awards(const std::vector<Standing>& standings, const std::vector<AwardTier>& tiers);

// Validates a tier list: names present and distinct, each with exactly one of count (≥ 1) or percent (0–100].
std::optional<std::string> check_tiers(const std::vector<AwardTier>& tiers);

}  // namespace skb::core
