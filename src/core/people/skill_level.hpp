#pragma once
// 技能等级: the five national vocational skill levels. Level numbers follow the national scheme
// (5 = 初级工 … 1 = 高级技师), so a smaller number is a higher level.
#include <optional>
#include <string>
#include <string_view>

namespace skb::core {

enum class SkillLevel { junior = 5, intermediate = 4, senior = 3, technician = 2, senior_technician = 1 };

std::string_view to_code(SkillLevel level);      // "senior"
std::string_view to_chinese(SkillLevel level);   // "高级工"
// Accepts the code ("senior"), the Chinese name ("高级工") or the level number ("3").
std::optional<SkillLevel> parse_skill_level(std::string_view text);

}  // namespace skb::core
