#include "core/talent/calibration.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "core/platform/error.hpp"
#include "core/talent/ability.hpp"

namespace skb::core {
namespace {

TEST(Calibration, WithoutAnswersTheAuthoredDifficultyStands) {
  const auto b = calibrate_difficulty({}, 0.75);
  EXPECT_DOUBLE_EQ(b.difficulty, 0.75);
  EXPECT_DOUBLE_EQ(b.se, 1.0);  // the prior's sd alone
  EXPECT_EQ(b.answers, 0);
}

TEST(Calibration, HandComputedPosteriorMode) {
  // Two takers of ability 0, one right and one wrong, authored b₀ = 1, τ = 1: the mode solves
  // σ(−b) − 1 + σ(−b) − 0 − (b − 1) = 0, i.e. 2σ(−b) = b, so b ≈ 0.67483 (bisection by hand: 2σ(−0.67483) = 0.67483).
  const auto b = calibrate_difficulty({{1, 0, 1}, {0, 0, 1}}, 1.0, 1.0);
  EXPECT_NEAR(2 * logistic(-b.difficulty), b.difficulty, 1e-9);
  EXPECT_NEAR(b.difficulty, 0.67483, 1e-5);
  const double p = logistic(-b.difficulty);
  EXPECT_NEAR(b.se, 1 / std::sqrt(2 * p * (1 - p) + 1), 1e-9);
}

TEST(Calibration, ManyAnswersOverruleAMisjudgedAuthor) {
  // 400 takers of ability 0 of whom 80 % answer right: the item is easy (b = −logit 0.8 ≈ −1.386),
  // whatever its author said.
  std::vector<CalibrationAnswer> answers;
  for (int i = 0; i < 400; ++i) answers.push_back({i % 5 == 0 ? 0.0 : 1.0, 0, 1});
  const auto b = calibrate_difficulty(answers, 1.5);
  EXPECT_NEAR(b.difficulty, -std::log(4.0), 0.05);
  EXPECT_LT(b.se, 0.15);
  // Stronger takers scoring the same make it harder.
  for (auto& a : answers) a.theta = 1;
  EXPECT_NEAR(calibrate_difficulty(answers, 1.5).difficulty, 1 - std::log(4.0), 0.05);
}

TEST(Calibration, RefusesNonsense) {
  EXPECT_THROW(calibrate_difficulty({{1.5, 0, 1}}, 0), Error);
  EXPECT_THROW(calibrate_difficulty({{1, std::nan(""), 1}}, 0), Error);
  EXPECT_THROW(calibrate_difficulty({{1, 0, 0}}, 0), Error);
  EXPECT_THROW(calibrate_difficulty({}, 0, 0), Error);
}

}  // namespace
}  // namespace skb::core
