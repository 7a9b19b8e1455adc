#include "service/talent/level_bars.hpp"

#include <boost/json.hpp>

#include <cmath>
#include <set>

#include "core/platform/error.hpp"
#include "service/platform/audit.hpp"
#include "service/platform/json_text.hpp"

namespace skb::service {

std::optional<core::SkillLevel> next_level(core::SkillLevel current) {
  for (size_t i = 0; i + 1 < std::size(core::kSkillLadder); ++i)
    if (core::kSkillLadder[i] == current) return core::kSkillLadder[i + 1];
  return std::nullopt;
}

std::vector<LevelBars> LevelBarService::list(const Actor& actor, std::int64_t work_type_id) const {
  require_somewhere(actor, core::Permission::read_work_types);
  std::vector<LevelBars> out;
  ctx_.db.read([&](store::Connection& c) {
    if (!c.query_one("SELECT 1 FROM work_types WHERE id = ?", {work_type_id})) throw core::not_found("work type " + std::to_string(work_type_id));
    for (auto level : core::kSkillLadder) {
      LevelBars lb{work_type_id, level, {}};
      for (const auto& r : c.query("SELECT b.dimension_id, b.bar FROM level_bars b LEFT JOIN dimensions d ON d.id = b.dimension_id "
                                   "WHERE b.work_type_id = ? AND b.skill_level = ? ORDER BY b.dimension_id <> 0, d.position, b.dimension_id",
                                   {work_type_id, static_cast<std::int64_t>(level)}))
        lb.bars.push_back({r.i64(0) == 0 ? std::nullopt : std::optional<std::int64_t>(r.i64(0)), r.f64(1)});
      if (!lb.bars.empty()) out.push_back(std::move(lb));
    }
  });
  return out;
}

LevelBars LevelBarService::set(const Actor& actor, std::int64_t work_type_id, const std::string& level_text, const std::vector<LevelBar>& bars) {
  require_somewhere(actor, core::Permission::write_work_types);
  const auto level = core::parse_skill_level(level_text);
  if (!level) throw core::invalid("skill_level", "技能等级无效 (not a skill level)");
  if (bars.size() > 100) throw core::invalid("bars", "门槛过多 (at most 100 bars)");
  LevelBars out{work_type_id, *level, {}};
  ctx_.db.write([&](store::Connection& c) {
    if (!c.query_one("SELECT 1 FROM work_types WHERE id = ?", {work_type_id})) throw core::not_found("work type " + std::to_string(work_type_id));
    std::set<std::int64_t> seen;
    for (size_t i = 0; i < bars.size(); ++i) {
      const auto field = "bars[" + std::to_string(i) + "]";
      if (!std::isfinite(bars[i].bar) || bars[i].bar < 0 || bars[i].bar > 100) throw core::invalid(field + ".bar", "门槛应在 0–100 之间 (a bar lies in 0–100)");
      const auto dim = bars[i].dimension_id.value_or(0);
      if (dim != 0 && !c.query_one("SELECT 1 FROM dimensions WHERE id = ? AND work_type_id = ?", {dim, work_type_id}))
        throw core::invalid(field + ".dimension_id", "能力维度不属于该工种 (the dimension is not the work type's)");
      if (!seen.insert(dim).second) throw core::invalid(field + ".dimension_id", "同一维度只能设一个门槛 (one bar per dimension)");
    }
    c.execute("DELETE FROM level_bars WHERE work_type_id = ? AND skill_level = ?", {work_type_id, static_cast<std::int64_t>(*level)});
    boost::json::array audit;
    for (const auto& b : bars) {
      c.execute("INSERT INTO level_bars(work_type_id, skill_level, dimension_id, bar) VALUES (?, ?, ?, ?)",
                {work_type_id, static_cast<std::int64_t>(*level), b.dimension_id.value_or(0), b.bar});
      audit.push_back(boost::json::object{{"dimension_id", b.dimension_id.value_or(0)}, {"bar", b.bar}});
      out.bars.push_back(b);
    }
    append_audit(c, ctx_, {actor.username, "work_type.level_bars", "work_type", std::to_string(work_type_id),
                           json_text(boost::json::object{{"skill_level", core::to_code(*level)}, {"bars", audit}})});
  });
  return out;
}

}  // namespace skb::service
