// 新八级工: eight levels; the five of the old scheme keep their stored numbers, so old records read the same.
#include <gtest/gtest.h>

#include "core/people/skill_level.hpp"

using namespace skb::core;

TEST(SkillLevel, TheFiveOldLevelsKeepTheirNumbersSoStoredRecordsReadTheSame) {
  EXPECT_EQ(static_cast<int>(SkillLevel::junior), 5);
  EXPECT_EQ(static_cast<int>(SkillLevel::intermediate), 4);
  EXPECT_EQ(static_cast<int>(SkillLevel::senior), 3);
  EXPECT_EQ(static_cast<int>(SkillLevel::technician), 2);
  EXPECT_EQ(static_cast<int>(SkillLevel::senior_technician), 1);
  for (const char* n : {"5", "4", "3", "2", "1"}) EXPECT_EQ(std::to_string(static_cast<int>(*parse_skill_level(n))), n);
}

TEST(SkillLevel, TheLadderRunsFromApprenticeToChiefTechnicianWithSmallerNumbersHigher) {
  const char* chinese[] = {"学徒工", "初级工", "中级工", "高级工", "技师", "高级技师", "特级技师", "首席技师"};
  const char* codes[] = {"apprentice", "junior", "intermediate", "senior", "technician", "senior_technician", "special_technician", "chief_technician"};
  int i = 0;
  for (auto level : kSkillLadder) {
    EXPECT_EQ(to_chinese(level), chinese[i]);
    EXPECT_EQ(to_code(level), codes[i]);
    EXPECT_EQ(parse_skill_level(chinese[i]), level);
    EXPECT_EQ(parse_skill_level(codes[i]), level);
    EXPECT_EQ(parse_skill_level(std::to_string(static_cast<int>(level))), level);
    if (i > 0) EXPECT_LT(static_cast<int>(level), static_cast<int>(kSkillLadder[i - 1])) << "each level is above the one before";
    ++i;
  }
  EXPECT_EQ(i, 8);
}

TEST(SkillLevel, AnythingElseIsNoLevel) {
  for (const char* text : {"", "7", "-2", "高级", "master", "技 师"}) EXPECT_FALSE(parse_skill_level(text).has_value()) << text;
}
