#pragma once
// 技能结构: an organisation's workforce by work type and skill level, against the city's structure for the
// same work types, its high-skilled share (高级工 and above), age bands, and the change over a year (each
// worker's level as their record stood a year ago). Aggregates only: a city figure that would rest on
// fewer than five workers outside the organisation is withheld, so no other enterprise's worker shows.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/people/skill_level.hpp"
#include "service/people/actor.hpp"
#include "service/platform/context.hpp"

namespace skb::service {

struct LevelCell {
  core::SkillLevel level = core::SkillLevel::junior;
  std::int64_t count = 0;                  // the organisation's workers at this level today
  std::int64_t year_ago = 0;               // … a year ago
  std::optional<std::int64_t> city_count;  // the city's; none when withheld (1–4 outside the organisation)
};

struct WorkTypeStructure {
  std::int64_t work_type_id = 0;
  std::string name;
  std::int64_t total = 0, year_ago_total = 0;
  std::optional<std::int64_t> city_total;  // none when withheld, or when any level's city figure is
  std::vector<LevelCell> levels;  // the ladder, lowest first
  double high_skill_share = 0;    // 0–1
  std::optional<double> city_high_skill_share;
  std::int64_t promotions = 0;    // level rises recorded in the last twelve months
};

struct AgeBand {
  int from = 0, to = 0;  // whole years, to exclusive (to 0: no upper bound)
  std::int64_t count = 0;
};

struct SkillStructure {
  std::int64_t org_id = 0;
  std::string org_name, as_of, year_ago;
  std::int64_t workers = 0, workers_year_ago = 0;
  std::int64_t promotions = 0;  // level rises in the last twelve months, each worker's counted once per rise
  double high_skill_share = 0, high_skill_share_year_ago = 0;
  std::optional<double> city_high_skill_share;
  std::vector<WorkTypeStructure> work_types;  // most workers first
  std::vector<AgeBand> ages;
};

class StructureService {
 public:
  explicit StructureService(const Context& ctx) : ctx_(ctx) {}
  // Whoever reads workers in the organisation (HR of an enterprise, organisers above).
  SkillStructure structure(const Actor& actor, std::int64_t org_id) const;

 private:
  const Context& ctx_;
};

// 高级工 and above.
bool is_high_skilled(core::SkillLevel level);

}  // namespace skb::service
