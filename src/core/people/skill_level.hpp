#pragma once
// 技能等级: the national ladder of eight skill levels (新八级工, 2022): 学徒工, 初级工, 中级工, 高级工, 技师,
// 高级技师, 特级技师, 首席技师. The five middle levels keep their national grade numbers (五级 初级工 …
// 一级 高级技师) as stored values, and the ladder extends them below and above — 学徒工 6, 特级技师 0,
// 首席技师 −1 — so records of the five-level scheme stay valid as they are and a smaller number is
// still a higher level.
#include <optional>
#include <string>
#include <string_view>

namespace skb::core {

enum class SkillLevel {
  apprentice = 6,
  junior = 5,
  intermediate = 4,
  senior = 3,
  technician = 2,
  senior_technician = 1,
  special_technician = 0,
  chief_technician = -1
};

// Every level, lowest first.
inline constexpr SkillLevel kSkillLadder[] = {SkillLevel::apprentice, SkillLevel::junior, SkillLevel::intermediate, SkillLevel::senior,
                                              SkillLevel::technician, SkillLevel::senior_technician, SkillLevel::special_technician,
                                              SkillLevel::chief_technician};

std::string_view to_code(SkillLevel level);      // "senior"
std::string_view to_chinese(SkillLevel level);   // "高级工"
// Accepts the code ("senior"), the Chinese name ("高级工") or the stored number ("3"; "6", "0", "-1"
// for 学徒工, 特级技师 and 首席技师).
std::optional<SkillLevel> parse_skill_level(std::string_view text);

}  // namespace skb::core
