#include "core/people/skill_level.hpp"

#include <array>

namespace skb::core {
namespace {
struct LevelName {
  SkillLevel level;
  std::string_view code;
  std::string_view chinese;
  std::string_view number;
};
constexpr std::array<LevelName, 8> kLevels{{
    {SkillLevel::apprentice, "apprentice", "学徒工", "6"},
    {SkillLevel::junior, "junior", "初级工", "5"},
    {SkillLevel::intermediate, "intermediate", "中级工", "4"},
    {SkillLevel::senior, "senior", "高级工", "3"},
    {SkillLevel::technician, "technician", "技师", "2"},
    {SkillLevel::senior_technician, "senior_technician", "高级技师", "1"},
    {SkillLevel::special_technician, "special_technician", "特级技师", "0"},
    {SkillLevel::chief_technician, "chief_technician", "首席技师", "-1"},
}};
const LevelName& find(SkillLevel level) {
  for (const auto& l : kLevels)
    if (l.level == level) return l;
  return kLevels[0];
}
}  // namespace

std::string_view to_code(SkillLevel level) { return find(level).code; }
std::string_view to_chinese(SkillLevel level) { return find(level).chinese; }

std::optional<SkillLevel> parse_skill_level(std::string_view text) {
  for (const auto& l : kLevels)
    if (text == l.code || text == l.chinese || text == l.number) return l.level;
  return std::nullopt;
}

}  // namespace skb::core
