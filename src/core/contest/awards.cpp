#include "core/contest/awards.hpp"

#include <cmath>
#include <set>

namespace skb::core {

std::vector<Award> assign_awards(const std::vector<Standing>& standings, const std::vector<AwardTier>& tiers) {
  int ranked = 0;
  for (const auto& s : standings)
    if (s.rank > 0) ++ranked;
  // Cumulative rank limits: tier i covers ranks (limit[i-1], limit[i]].
  std::vector<int> limits;
  int cumulative = 0;
  for (const auto& t : tiers) {
    const int places = t.count ? *t.count : static_cast<int>(std::ceil(t.percent.value_or(0) / 100.0 * ranked - 1e-9));
    cumulative += std::max(0, places);
    limits.push_back(cumulative);
  }
  std::vector<Award> out;
  for (const auto& s : standings) {
    Award a{s.entry_id, -1};
    if (s.rank > 0)
      for (size_t i = 0; i < limits.size(); ++i)
        if (s.rank <= limits[i]) {
          a.tier = static_cast<int>(i);
          break;
        }
    out.push_back(a);
  }
  return out;
}

std::optional<std::string> check_tiers(const std::vector<AwardTier>& tiers) {
  std::set<std::string> names;
  if (tiers.size() > 20) return "奖项等级过多 (at most 20 tiers)";
  for (const auto& t : tiers) {
    if (t.name.empty()) return "奖项名称不能为空 (a tier needs a name)";
    if (!names.insert(t.name).second) return "奖项名称重复：" + t.name + " (duplicate tier name)";
    if (t.count.has_value() == t.percent.has_value()) return "奖项“" + t.name + "”应设置名额或比例之一 (count or percent, not both)";
    if (t.count && *t.count < 1) return "奖项“" + t.name + "”名额应至少为1 (count must be ≥ 1)";
    if (t.percent && !(*t.percent > 0 && *t.percent <= 100)) return "奖项“" + t.name + "”比例应在0–100之间 (percent must be in (0, 100])";
  }
  return std::nullopt;
}

}  // namespace skb::core
