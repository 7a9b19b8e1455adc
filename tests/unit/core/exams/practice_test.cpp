#include "core/exams/practice_levels.hpp"

#include <gtest/gtest.h>

using namespace skb::core;
using namespace skb::core::exam;

TEST(ExamPractice, EachPassedLevelUnlocksTheNext) {
  const std::vector<PracticeLevel> levels{{11, 60}, {12, 70}, {13, 80}, {14, 90}};
  auto p = level_progress(levels, {});
  EXPECT_TRUE(p[0].unlocked);
  EXPECT_FALSE(p[1].unlocked);
  EXPECT_EQ(next_level(p), 11);

  p = level_progress(levels, {{11, 60}, {12, 69.5}, {99, 100}});  // 60 passes (≥), 69.5 does not
  EXPECT_TRUE(p[0].passed);
  EXPECT_TRUE(p[1].unlocked);
  EXPECT_FALSE(p[1].passed);
  EXPECT_EQ(p[1].best_percent, 69.5);
  EXPECT_FALSE(p[2].unlocked);
  EXPECT_FALSE(p[3].best_percent);
  EXPECT_EQ(next_level(p), 12);

  p = level_progress(levels, {{11, 100}, {12, 70}, {13, 85}, {14, 95}});
  EXPECT_TRUE(p[3].passed);
  EXPECT_FALSE(next_level(p));
}

TEST(ExamPractice, RaisingAPassMarkNeverLocksAPlayedLevel) {
  // The worker passed level 1 at 65 and played level 2; level 1's pass mark is now 70.
  const std::vector<PracticeLevel> levels{{1, 70}, {2, 60}, {3, 60}};
  const auto p = level_progress(levels, {{1, 65}, {2, 80}});
  EXPECT_FALSE(p[0].passed);
  EXPECT_TRUE(p[1].unlocked);  // already played
  EXPECT_TRUE(p[1].passed);
  EXPECT_TRUE(p[2].unlocked);  // after a passed level
  EXPECT_EQ(next_level(p), 1);
}

TEST(ExamPractice, ValidatesLevels) {
  EXPECT_EQ(validate_levels({}).at(0).code, "no_levels");
  const auto problems = validate_levels({{1, 60}, {1, 0}, {2, 101}});
  ASSERT_EQ(problems.size(), 3u);
  EXPECT_EQ(problems[0].code, "duplicate_level");
  EXPECT_EQ(problems[0].row, 2);
  EXPECT_EQ(problems[1].code, "pass_percent_out_of_range");
  EXPECT_EQ(problems[2].row, 3);
  EXPECT_TRUE(validate_levels({{1, 60}, {2, 100}}).empty());
}
